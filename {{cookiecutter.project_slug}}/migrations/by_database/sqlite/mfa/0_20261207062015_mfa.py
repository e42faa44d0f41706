from tortoise import BaseDBAsyncClient

RUN_IN_TRANSACTION = True


async def upgrade(db: BaseDBAsyncClient) -> str:
    return """
        CREATE TABLE IF NOT EXISTS "mfa_authenticators" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "kind" VARCHAR(16) NOT NULL,
    "name" VARCHAR(64) NOT NULL,
    "secret" TEXT NOT NULL,
    "last_step" BIGINT NOT NULL,
    "confirmed_at" TIMESTAMP,
    "created_at" TIMESTAMP NOT NULL,
    "last_used_at" TIMESTAMP,
    "user_id" INT NOT NULL REFERENCES "users" ("id") ON DELETE CASCADE,
    CONSTRAINT "uid_mfa_authent_user_id_a9e46e" UNIQUE ("user_id", "kind")
) /* One second factor of a user, kept as nothing that works without the key of this service. */;
        CREATE TABLE IF NOT EXISTS "mfa_pending_logins" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "token_hash" VARCHAR(64) NOT NULL UNIQUE,
    "amr" VARCHAR(64) NOT NULL,
    "method" VARCHAR(32) NOT NULL,
    "scope" TEXT NOT NULL,
    "token_version" INT NOT NULL,
    "counted" INT NOT NULL,
    "with_device_token" INT NOT NULL,
    "failures" INT NOT NULL,
    "created_at" TIMESTAMP NOT NULL,
    "expires_at" TIMESTAMP NOT NULL,
    "used_at" TIMESTAMP,
    "user_id" INT NOT NULL REFERENCES "users" ("id") ON DELETE CASCADE
) /* A login waiting for its second factor, by the SHA-256 of its mfa_token. */;
CREATE INDEX IF NOT EXISTS "idx_mfa_pending_expires_393530" ON "mfa_pending_logins" ("expires_at");
        CREATE TABLE IF NOT EXISTS "mfa_recovery_codes" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "code_hash" VARCHAR(64) NOT NULL UNIQUE,
    "created_at" TIMESTAMP NOT NULL,
    "used_at" TIMESTAMP,
    "user_id" INT NOT NULL REFERENCES "users" ("id") ON DELETE CASCADE
) /* One single-use recovery code of a user, kept as its SHA-256. */;"""


async def downgrade(db: BaseDBAsyncClient) -> str:
    return """
        DROP TABLE IF EXISTS "mfa_recovery_codes";
        DROP TABLE IF EXISTS "mfa_pending_logins";
        DROP TABLE IF EXISTS "mfa_authenticators";"""


MODELS_STATE = (
    "eJztWm1T2zgQ/isaf+JmgIEkBHr3KUBaMgekA+ldp6VjhK0knthSkOSGTIf/fruyHceOky"
    "YUOJL6Q6f2aldaP4/e9iE/rKBLdxuh7jOuPYdqIa0/yQ+L04DBQ0HrNrHocBi34Zumd37i"
    "a9NpX2Wc75SW1NHg0aW+YmBymXKkN9Se4BjX5owo5gjugocDcUR0CSWhYnKbDNhQE6oIF7"
    "rv8R7RfarJSMiBIiNP90WowcTAbYxR4KOgL/ndc9guju4KB4aHwJceKOTefchsLXoM3BDE"
    "r18t7BkbBx53rW/f4Ake2ANT2Iyvw4Hd9ZjvZjD3XIwxdluPh8Z27PVaXL83vvhZd7Yj/D"
    "Dgqf9wDEnySYDHNVp7jDNJNcMRtAwRfR76fkxZQkiUfOoSZTkV47IuDX3kEKOjBFKbZduX"
    "7Y593ezYtjXDbxIxxURsAiZwbkCqygDQwxR23lUq1ephZa9aPzqoHR4eHO0dga/Jd7bp8D"
    "FKJkUr6spg1vrQuuxgQgImYDRH0fBoYqimUZQhI0XfcDWD/0mfymL0E/8c/vBhefwTtBcR"
    "kBhSBtJF8xoUBPTB9hnv6T687tcXoPtP4+rkrHG1tV//IwvxZdxSMU0Idgqu+X8FcBP/DQ"
    "S3XlsC3HptLrjYlAUXtjbJ9Cy8HfYwZ+dIIzYC4AWAdpqfzU4QKHXvTwO5ddH4bDAOxnHL"
    "efvyQ+I+BfzJefs4B7hPlbaVZsPV9utM2M+37ecCfm8Dtu0Ue0ii68mAuTYtmPKngJ32Al"
    "ZMQD42x4EbB+8mD0swEp+T67ASWhfN607j4mNmOZw2Ok1sqWSWQmLdyu/xk07Iv63OGcFX"
    "8qV92TRoCqV70oyY+nW+WJgTXA+FzcXIpu40Jok5MWWZlgxxfwrPmchnYPmtbXgWfKDb5v"
    "44noFrQnu8WBaybjZJuD8/hfd8bLm+3/L6xiLJLqp55h6gUxGvd3y+fOFT2a8d1o6q9drk"
    "4JxYFp2X0dmI1WR3UFjRJFVoFt33QjKvx/9mYwNyCzKi3Cm6bQfCZb7a/RR3s2bgPiazJ7"
    "Gmq1nS0aT8np5U8O3wxUxHxUnj+qRx2rQMwnfUGYyodO0M1NgiKiJnmfjONgWVIG+hnPYM"
    "OPgVmDMqLx8Zd+HbzkXP41Zelsk0bi9UZYaRq+2j75KqTIMYbzKinkY9pCsk8bTKCijb5G"
    "5sZJHrs8ZO5aCO0gg64aBaDBifFWGeqd8bfsM74HA7Md0SytWISeYawSZqkew+9MB0S3B6"
    "uyoe7i/4R/oCCCAj1HlwKNOJisQddgM3RO6pPnQWp+v5PnGolON5ck8p77ydOmG+vGNYtv"
    "tU9VfRIbJRz1Ms/79kvLAWQYOCI2c+vrH7RqgQLw1tADuOWEmiTCM2EOBqZQmAq5W5AGNT"
    "TkdzxLBApVwgoyUBGwHva6to0d76nUmFiS5fBczElbVAoU4Wcvz42SuHED6jfJ5CNonKoX"
    "oHYWsI66J7RLt9npnUx638rP10cdy82to3MxycPD1HlMR7J+SOfxSM7qQrwl4YXxKwPAFd"
    "6vkhahPLbyPTIRsjxj/f9lGKr7+h+MoehlA0qyewno18HdZfs25aE5KXFV6fsrBLYX19+C"
    "2F9V8+DUthfQOF9SvmCKgcxyfAgJUX1jON2wuFdRm7AgouW+XnjgCsz3YAGpJ0QbCLoh8k"
    "ou4dy+BzftL4C52VOvaa6thI8MoydiaoVLF/KrWW1c986De3+invxeW9uLwXl/fi3+le/P"
    "gfswycCw=="
)
