from tortoise import BaseDBAsyncClient

RUN_IN_TRANSACTION = True


async def upgrade(db: BaseDBAsyncClient) -> str:
    return """
        CREATE TABLE IF NOT EXISTS "login_attempts" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "kind" VARCHAR(16) NOT NULL /* PASSWORD: password\nSIGNUP: signup\nSOCIAL_LOGIN: social_login */,
    "address" VARCHAR(45) NOT NULL,
    "account" VARCHAR(64) NOT NULL,
    "attempted_at" TIMESTAMP NOT NULL,
    "in_progress" INT NOT NULL
) /* Something counted against a limit (see throttling.py): a password check, removed when it */;
CREATE INDEX IF NOT EXISTS "idx_login_attem_attempt_99f669" ON "login_attempts" ("attempted_at");
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
    "scope" TEXT NOT NULL,
    "token_version" INT NOT NULL,
    "auth_time" TIMESTAMP NOT NULL,
    "session_started_at" TIMESTAMP NOT NULL,
    "address" VARCHAR(45) NOT NULL,
    "user_agent" VARCHAR(255) NOT NULL,
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
    "eJztW1tz2jgU/isaPyUzaYYQQtLszs6QlLZsE+gEuu203fEotgBNbMm15BCmm/++R7KNb5"
    "hCFkhgeQs658jS9+lyLspPw+U2ccThFR9Q1pCSuJ40ztFPg2GXwB9T5QfIwJ6XSFWDxLeO"
    "NnCUpolDVS3Ct0L62FL99rEjCDTZRFg+9STlTNl0uUvkkLIBsnjAJLERHmDKhEQYOdSlEu"
    "0JQpAc+lxKB/QOvfH+OQg9LMSI+zayhsS6O0A+cfk9mI+GhCGqR2pzCz4PNqv80HcmAssi"
    "xBYHiPugL+iAvQo89UNwi2IHaVyQkNiHz/6W7wANfD4SiDv2oRp0wOiPgJiSD2C4xIehf/"
    "sbmimzyQMR6uc3A9u2T0SIcIg2sQF3AxRBaOkJamGZnurRuzP7lDh2hnNqK2Xdbsqxp9su"
    "6KDF5Futq1C9NS3uBC5L9L2xHHI2MaDh1weEER/DJ6FN+oEinwWOE62WeD2E801UwommbG"
    "zSx4GjlpCyDgeQtBmm2e70zG6zZ5pGYXnFFqmFEDVZnKmlCUMVGoCBGsKr19Xq8fFptXJc"
    "PzupnZ6enFXOQFePtyg6fQwHk6AVdqUxa71rtXtqQBzWf7g9VMOjtsESh1aazwT9O5h8Ef"
    "/LIfabLHA1Ay0YNmYWKTAR2+a4gEnmuYiRn0VG3JCwkezfCfTxzjAWI8X42Oh2P3du3pxP"
    "9tZ31m29a3/6eK53T+DB785lq3FlXnUAx/NoI5l6I+V3dgmhLn4wHcIGcgg/j+ozuPqrcX"
    "P5vnGzd1TfzxLWjiRVLVLUJVSltlaRrel7JWWyPpJWuWcyENdO5oC4dlIKsRLlIE4Osrkh"
    "Tky2EOJ6bQ6I67VSiJUoB3H6Vijg/AaAktQlJVjnbHOA25HxYfzHcuBf56UwA+1e67rZ7T"
    "WuP6ruXSF+OBqwRq+pJFXdOs617uXPl0kn6HOr9x6pn+hrp93UaHIhB77+YqLX+2qoMeFA"
    "cpPxkQknSgqkuDluyjANjpnn88H0M+uCc4dgVnLFZy1zNN+C6ao21qRlvdxedDpXGVovWr"
    "mbvP3p+qIJF4bmE5SoTF3wyrfq36Xud9Vwi627EfZtsyDhVV6mWxS5VTffghkeaPzUPNWs"
    "Irf9hvSBsmGP3xE2za3PyGe69X6oCS4pqM7p1ncYQZEd0nZo7+btJaqf1l4jQSylhur7B+"
    "iOeOCAC3Cbh1gMD1ETW0MUCGXsOdgiQjnIIyqHoMHICHFGCp79Cr/1nfE+hAQECQAP5upS"
    "Z3yOyD3xx9Gn1LwJrGEb9X3uKpvQ3Z/Tl9854i/SEQ+ZXsTzSCxW5XislYWM33FcncPvOK"
    "6W+h1KlPU79N4x1TZcBOOs1XJwft7FvmL3TljcI0WEe+Sh5BSZGGyF9zzLf2t+6WXu+BjG"
    "vevGl/2M+3bVab+L1VOwX151LqauargchBpoAfbSs7tg9+tjfAPQj07y6lHttHZ2XK9NDv"
    "BJy6xzOz6jU7FKIMEHiQKJhQKVtOF6opQXs8w3LUwREGXA9M0oWfqEsHR6DzvaXzTtu2za"
    "yrNpEOj4JoSKiyXUslZbCHT1ZB6kQasUai3LYm35BD/t9MpabuGpZcAE7Q6DUCl0tTfkFI"
    "uigpmHGHnwKPT2BNazllvI+oawPNddBUfiU3Z2ymwJBEfrccfv8vn1yT3EY0+hOGu5Y/kl"
    "s6wdm2lJ1tIoPWWxi8/Lah1ZgIvovuU+oQP2gYwLrxlyoEZlik9RNxsG7mO8euLWZDf7eD"
    "TJ96cXFcwdZkzCUtJlo3vZeNM0Hp+neKRRn1I0itkoLxapCc1XIyrHcsllk/9LzeQ/ZtrK"
    "qyGKU/13AdrZgWNss4Vh4/JLIjFgpsNH007OX0OdWG5daWT5cBMXU2cRlCcGTwL3hXly+R"
    "zIPJUn0JqRAynUnuKnfQtX+QqG2wf4UfVsnveI1bPyB4lKlgWcChOuW3o/5Zie/b4nbbfG"
    "1z3xabJRj3sK1dUpOes/u532jPLqtJS1TS2J/kEOFSuLJIzf+wELH8PcBtSRlIlD9b0/jP"
    "WToBDKkFCovuYLrQfZCFB1kK++7pKu5afP9iZdHSykGf/jyaLEF4x3OZuXnLPZwPcVlVXt"
    "6FUkb54n19AgPrWGxpRsQyQ5mJVvwInOLuGwtvtkxQmH0i1eHjWU7+5tSDespEqtNtUCCE"
    "fqW4juUaUyTzhWqZSHY0qWc0c5k1MfW5SHBymT9ccHz+ODLC0SeNbL7PFfBmSXHw=="
)
