from tortoise import BaseDBAsyncClient

RUN_IN_TRANSACTION = True


async def upgrade(db: BaseDBAsyncClient) -> str:
    return """
        CREATE TABLE IF NOT EXISTS "login_attempts" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "address" VARCHAR(45) NOT NULL,
    "account" VARCHAR(64) NOT NULL,
    "attempted_at" TIMESTAMP NOT NULL
) /* A password login counted against the limits; removed when it succeeds or grows old. */;
CREATE INDEX IF NOT EXISTS "idx_login_attem_address_f7a04f" ON "login_attempts" ("address", "attempted_at");
CREATE INDEX IF NOT EXISTS "idx_login_attem_account_15d226" ON "login_attempts" ("account", "address", "attempted_at");
CREATE TABLE IF NOT EXISTS "users" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "username" VARCHAR(32) NOT NULL,
    "username_lower" VARCHAR(32) NOT NULL UNIQUE,
    "email" VARCHAR(254),
    "password_hash" VARCHAR(128),
    "is_active" INT NOT NULL,
    "scopes" JSON NOT NULL,
    "created_at" TIMESTAMP NOT NULL,
    "last_login_at" TIMESTAMP,
    "token_version" INT NOT NULL
);
CREATE TABLE IF NOT EXISTS "refresh_tokens" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "family" VARCHAR(32) NOT NULL,
    "token_hash" VARCHAR(64) NOT NULL UNIQUE,
    "scope" VARCHAR(1024) NOT NULL,
    "token_version" INT NOT NULL,
    "created_at" TIMESTAMP NOT NULL,
    "expires_at" TIMESTAMP NOT NULL,
    "used_at" TIMESTAMP,
    "revoked_at" TIMESTAMP,
    "user_id" INT NOT NULL REFERENCES "users" ("id") ON DELETE CASCADE
) /* One refresh token (RFC 6749 section 6), kept as a hash. Each use replaces it with a new one */;
CREATE INDEX IF NOT EXISTS "idx_refresh_tok_family_8ce7f3" ON "refresh_tokens" ("family");
CREATE TABLE IF NOT EXISTS "aerich" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "version" VARCHAR(255) NOT NULL,
    "app" VARCHAR(100) NOT NULL,
    "content" JSON NOT NULL
);"""


async def downgrade(db: BaseDBAsyncClient) -> str:
    return """
        """


MODELS_STATE = (
    "eJztWmtz4jYU/Ssaf8rOpBlinrvtdAaypEs3gU7Ctp3ddjzCFqCJLXktOYTZ8t8ryTZ+s5"
    "ACCZRvoHuPHufocXWtb5pDLWSzixs6waTNOXJcrr0D3zQCHSR+FNrPgQZdN7bKAg5HtgLY"
    "0tOAgasywRHjHjRlvWNoMySKLMRMD7scUyIxbeBCxmbUs4CCA5P6hCMLwAnEhHHApwjY2M"
    "Gc/Qg85NBHYZtNEQGYA+abJkIWA9QDE4/OxA/bupANW9QULWMy2WEbPsFffWRwOkGiAk+0"
    "9OVvUYyJhZ4Qk3+/aNCyPMQCLgJekCUY0oSjMJqqI8pY5idrdB+MMUa2lVIHW9JZlRt87q"
    "qyDp70CL9WvpKEkWFS23dI7O/O+ZSSJQAHrU8QQR4UTYoy7vlSJuLbdqhrpFww3tglGGgC"
    "Y6Ex9G0ptkQHHYjLNMPoD4bGfXdoGFpuIkSIhG5hkUmJnESiq0wRMJFd+OGtrlerTb1Sbb"
    "TqtWaz3qq0hK/qb97UXASdidkKqlKc9X7p9YeyQ1TM1GAiy4KFwkAOA5TSM2Y/oVdagqsp"
    "9IoFSEAyKojhZVWIOF8lQ1QQ6xCvsX0I4cAnw0Zkwqfib62+guPf23dXH9p3Z7X6mzTR/d"
    "CiK5OkPEFxvDrWpjiGHCHFjdoaFDdqpRRLU4bi5FaT4/m9IIpjB5VwncFmCLdC8EX04wDp"
    "X0H3sHfbvR+2b3+T1TuMfbUVY+1hV1p0VTrPlJ41MtIsKwF/9IYfgPwLPg/6XUUnZXziqR"
    "Zjv+FnTfYJ+pwahM4MsaUkOImKo6KFPDvGD4n9SxaMoPkwg55l5CxUp2W+eZOjO9kSSOBE"
    "iSTZlP0MA4g7NBYDmQ7pAyJFAUbKvjLA8AJPceQK1zUDjAFBIMQBhQNnd9dXoNGsvQUMmd"
    "INNN6cgwfkcgAZgGAK2fQCdKE5BT6TYNeGJmIyGJhhPhUeBM0AJSgXaOywrb8IHas4hQny"
    "xFgdbM/fAfSIvHnYlBw3EgvFAmOPOhITRDtrxiqnQONVBhqB0pscgjFiV2fgXlVIHYFVfY"
    "0jsKqXHoHSlD4C1dox5DLchOM0ajs8v+xk33GkwUzqok0YXgKOMJC7rOjrECzdSikOjEVz"
    "WRwJTHYvR3bpjp3DfX/zPgTOg/1bv6w1a61qo7bctpclq3braGeO2TU9BJ8XKqeRRxgoi8"
    "AMWgMiTp1g1zqQwDncYHNxc1J19ORiUdszVE8jj1D1A1G59HqUlFkE389Z2QnYFgQO5+NJ"
    "3+3r66FHccg9R+I08qTya1ZZLEfPKLqvloY+CcQp6AmDnlzaKE1wnt1r6iE8IR/RXJHcEz"
    "2CxCyK3sOMz6ewmgMjdxHNnqg0Xs0enC1TJ8lJJcYuRox4cNtp31+133e1xcvk4RTrBfm3"
    "SI3yvJsc0HrptnIut5yB+r+kn/7j9aU8sSQ1Vb9z1JZfypOYI7yXbz+7FBFm2HRWtHN+n+"
    "oYeXRZpu3TjRyI7U1YXgKeRe4ri+TS7Or1dXJMwquUX2VLExy9o9g4YZoDHh/hl3prnaSe"
    "3irP6UlbmnDMDHHc4seCbbpDqY0gKTkFk7gM1yMB3NVeHe0m+72odAaDm9QdpdPLfGjpf7"
    "rtdAX7invhhHnq+0smUV3wruPX+0F/Raa66FmHhU0O/gE2Zju7SWg/jX0SfFcc+djmmLAL"
    "2d7P2v5FkAylRIgm9tlt+8/snL+6GXSyN0BZQeeUdD0lXTUbMm5Erwk3FT4HPuVsXnPO5g"
    "A/WlV2taJ3kbx5mVxDG3nYnGoF2YbQcr4q3wBjn1PCYW/nyY4TDqVLvPzWUL66jyHdoNfX"
    "eTMrvFbc0PKvZsWi2oDh0P0I2b2sVNZ6Y1FZ8cSikmVXtMhR0Zvk8utBArL/+8HLxCBbuw"
    "m86GG2+BetqlNh"
)
