from tortoise import BaseDBAsyncClient

RUN_IN_TRANSACTION = True


async def upgrade(db: BaseDBAsyncClient) -> str:
    return """
        CREATE TABLE IF NOT EXISTS "login_attempts" (
    "id" BIGSERIAL NOT NULL PRIMARY KEY,
    "address" VARCHAR(45) NOT NULL,
    "account" VARCHAR(64) NOT NULL,
    "attempted_at" TIMESTAMPTZ NOT NULL
);
CREATE INDEX IF NOT EXISTS "idx_login_attem_address_f7a04f" ON "login_attempts" ("address", "attempted_at");
CREATE INDEX IF NOT EXISTS "idx_login_attem_account_15d226" ON "login_attempts" ("account", "address", "attempted_at");
COMMENT ON TABLE "login_attempts" IS 'A password login counted against the limits; removed when it succeeds or grows old.';
CREATE TABLE IF NOT EXISTS "users" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "username" VARCHAR(32) NOT NULL,
    "username_lower" VARCHAR(32) NOT NULL UNIQUE,
    "email" VARCHAR(254),
    "password_hash" VARCHAR(128),
    "is_active" BOOL NOT NULL,
    "scopes" JSONB NOT NULL,
    "created_at" TIMESTAMPTZ NOT NULL,
    "last_login_at" TIMESTAMPTZ
);
CREATE TABLE IF NOT EXISTS "aerich" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "version" VARCHAR(255) NOT NULL,
    "app" VARCHAR(100) NOT NULL,
    "content" JSONB NOT NULL
);"""


async def downgrade(db: BaseDBAsyncClient) -> str:
    return """
        """


MODELS_STATE = (
    "eJztmFtv2zYUgP8KoacU6AJHvu6CAnbmtS4Se2jcrmgxELRIy0Qo0hWpuEGX/z6Skqyb5d"
    "pF4iTe3uxzIanvUOeib04gMGHy9EL4lPeVIsFSOb+Abw5HAdE/NupfAgctl5nWCBSaMevA"
    "jCVEsalVoZlUIfLMunPEJNEiTKQX0qWighufPlgiKVcixMC6A09EXBEMkI8olwqoBQGMBl"
    "TJX0FIAnGjdasF4YAqICPPIwRLIELgh2KlfzB8ajbGwtM7U+4/4B4Rp18iApXwiV4g1Dt9"
    "/luLKcfkK5Hm72cHYRwSGbOIuRCsCTnaUCs9exCrrLMzKy6v4ZwShgvRodgYWzlUt0srG1"
    "B/xNUf1tZAmEFPsCjgmf3yVi0EXzvQeHefcBIivaWWqTAyYeIRY0lc08jFz5uZxA+a88Fk"
    "jiJmgm284wNkMgfC8WQKr4ZTCJ3KRUg9cnFLRJ7g5hLpo0oLwDdH+Oln1202u26j2em1W9"
    "1uu9foaVt73qqqexcfJqMVL2WZjV6PxlNzIKFvanyRjeDO+iCFYi8bz4x+Ll7FEJwvULg5"
    "ADmXUhT045WjkDLfFoZUkMUhe8cOEYgAfYWMcF8t9N9WewvjD/1352/6705a7RdF0ONE41"
    "qVQZ5DnL0dOyPOXI4Qcae1A+JOqxaxUZUQ51NNhfPvGpSiAalhXfItAceJ82n64xni34J7"
    "OrocXk37l3+a5QMpvzBLrD8dGo1rpbcl6UmnFJr1IuCv0fQNMH/Bp8l4aHEKqfzQ7pjZTT"
    "855kwoUgJysYI6peSYpOJUdGdqx/w6l7+MYIa86xUKMaxohCvqbKuqwA3KEsSRb4NkaJpz"
    "Jg3Ee2mLY6WxsPKtDUWkLXbrI+pj+v0qvVeJ/a/UV/es1W31mp3WuqyuJduq6fcrp4mp/b"
    "1HXs/7HGFib7o7JPamW5vYjaqY2FNgkIlV/JLtizrzvB/gj3unHxg3CRBl+1BeO/wQ3ATd"
    "07zMbnuXNkVb1fK1uiLgdH6DCyQX+4CuOB4f8DO3twNwbVUL3OqKwKmEutzSmw1peiAEI4"
    "jXVMG8X4n1TDs+VK5Os8lhu8DBZHJRaAAHo9IkOX5/ORhq+pa9NqKqMGBmwKUnzMoV2m+v"
    "JuPNqDOPcutNPQX+AYzKSvNxX7id3+YR9wxJMIsoU5TLU7PfK+fwQTCECkFIL/bJZf9j+c"
    "6fX0wG5fbaLDAohcMLCfqxuajoeYRTkaMfEE84u01eu2cyJSUZojIk5aPOkFQw/Yq5b+Ar"
    "zvcQ+ydWeJ5JqJ/6QNwnIfUWzoaRONG83DYUo8zm/6n4YEnvgafiGxJKc6Q9WtucyxHOxG"
    "57lw/K2mrLGFH9pKxfqj0IJ+ZHSPes0dhlZmg06mcGoyv1TIIrsumDfX0Pm3M5fBP7OIXy"
    "3trVRy1md/8CSyapUg=="
)
