from tortoise import BaseDBAsyncClient

RUN_IN_TRANSACTION = True


async def upgrade(db: BaseDBAsyncClient) -> str:
    return """
        CREATE TABLE IF NOT EXISTS "authorization_codes" (
    "id" BIGSERIAL NOT NULL PRIMARY KEY,
    "code_hash" VARCHAR(64) NOT NULL UNIQUE,
    "scope" TEXT NOT NULL,
    "token_version" INT NOT NULL,
    "code_challenge" VARCHAR(43) NOT NULL,
    "family" VARCHAR(32) NOT NULL,
    "auth_time" TIMESTAMPTZ NOT NULL,
    "expires_at" TIMESTAMPTZ NOT NULL,
    "used_at" TIMESTAMPTZ,
    "reused_at" TIMESTAMPTZ,
    "user_id" INT NOT NULL REFERENCES "users" ("id") ON DELETE CASCADE
);
CREATE INDEX IF NOT EXISTS "idx_authorizati_expires_f69a02" ON "authorization_codes" ("expires_at");
COMMENT ON TABLE "authorization_codes" IS 'A one-time code from a social login, which a frontend exchanges for its tokens.';
        CREATE TABLE IF NOT EXISTS "identities" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "provider" VARCHAR(16) NOT NULL,
    "subject" VARCHAR(255) NOT NULL,
    "email" VARCHAR(254),
    "email_verified" BOOL NOT NULL,
    "created_at" TIMESTAMPTZ NOT NULL,
    "last_login_at" TIMESTAMPTZ,
    "user_id" INT NOT NULL REFERENCES "users" ("id") ON DELETE CASCADE,
    CONSTRAINT "uid_identities_provide_29301c" UNIQUE ("provider", "subject")
);
COMMENT ON TABLE "identities" IS 'One provider account linked to a user. The tokens the provider gave are not kept.';
        CREATE TABLE IF NOT EXISTS "login_states" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "state_hash" VARCHAR(64) NOT NULL UNIQUE,
    "provider" VARCHAR(16) NOT NULL,
    "browser" VARCHAR(64) NOT NULL,
    "token_version" INT,
    "session" VARCHAR(32),
    "reauthenticate" BOOL NOT NULL,
    "redirect_uri" VARCHAR(2048) NOT NULL,
    "code_verifier" VARCHAR(128) NOT NULL,
    "nonce" VARCHAR(128),
    "scope" VARCHAR(1024) NOT NULL,
    "next_url" VARCHAR(2048),
    "code_challenge" VARCHAR(43),
    "expires_at" TIMESTAMPTZ NOT NULL,
    "user_id" INT REFERENCES "users" ("id") ON DELETE CASCADE
);
CREATE INDEX IF NOT EXISTS "idx_login_state_expires_4a46e7" ON "login_states" ("expires_at");
COMMENT ON TABLE "login_states" IS 'A login or link that went to a provider and has not come back yet.';"""


async def downgrade(db: BaseDBAsyncClient) -> str:
    return """
        DROP TABLE IF EXISTS "authorization_codes";
        DROP TABLE IF EXISTS "identities";
        DROP TABLE IF EXISTS "login_states";"""


MODELS_STATE = (
    "eJztXG1z4jgS/isqPiVVTDYBQrK5q6siGTKbmwykAnO7tZMrl7AF+DASa5sQbi///bplG/"
    "zK2BlMwOsvqSCpZetpqdXdeqw/K1OhMcM6uRcjnbdsm01nduWK/FnhdMrgn9j6KqnQ2Wxd"
    "iwU2HRhSwMCWCnWayio6sGyTqtjvkBoWgyKNWaqpz2xdcJTpiSmzxzofEVXMuc00QkdU55"
    "ZNKDH0qW6TI4sxYo9NYdsGtDuZLY+voHJGLWshTI2oY6ZOqsRkU/EM4osx40SXb6oJFR4P"
    "Mnk+6Ilbc1VlTLOqRJjQ3tJH/MN8hj8soerUIBIXYtnUhMf+LdwBGZliYRFhaCf40nOu/z"
    "Fnii1G8LrMhFf/9m8o1rnGXpiFP79VqKaZzHIQdtBmGuBegYZQqcoBysqkdtjjbKIMdWZo"
    "AZ3rGjaW5Yq9nMmya310x+1b2RZRHSiqMOZTvm4/W9pjwVcCuvP0EePMpPBIKLPNOSqfzw"
    "3DnS3efHDGu27iDNQno7EhnRs4hVDaeYF1WUVROt2+0mv3FaUSmV6ehG8iuEWq4Dg14VUt"
    "CcAIX+HDz7VavX5RO603L88bFxfnl6eX0Fa+b7Tq4tV5mTVaTlcSs7tPd50+vpCA+e8sDy"
    "x4lTLUpo6U1Oca/QkMPor/zZiabT6fSg3cwWtTrrKIJjzZkC5gkGFdeMhvUoZXsNbGev2u"
    "oPdWRiWbUioPrV7v1+7jx6vV2nrivbtPna8PV3L1zGfwu3tz17pX7ruA45W7kBS5kMIrO0"
    "GhU/qiGIyP7DH8PGtu0NW/Wo83v7Qej86ax0GFddyamqxC1a1V5VtaUW3FrxWfyO6UlOea"
    "CUDcOE8BceM8EWKsCkG8NmSpIV6LFBDiZiMFxM1GIsRYFYLYvytEcP4IQNn6lCVgHZINAa"
    "65wifeP9uBf5ebwga0+3df2r1+68sDdj+1rD8MCVir38aamixdhkqPwvZl1Qn59a7/C8Gf"
    "5Pdupy3RFJY9MuUT1+36v1fwnejcFgoXCwUsig8kr9grCmgaHLOZKUbxNutaCINRnrDFBy"
    "VDah6AaF4La1WyW91ed7v3AbVe34V28s7XL9dt2DCkPqGRbvs2ePSthhPf/o4FA6pOFtTU"
    "lEiNqImkttGqaW0aLqGcjiR+OE4cleu2P7IhqGzcFxPG49z6QP1Gt950WoJLCk1TuvVdzo"
    "grR6QcOXq8vSHNi8bPxGIqNiPN4yqZsBk44Ba4zWNqjU9Im6pjMrdQeGZQlVnoIC90ewwt"
    "OFsQwVnEs8/xWU9cDCEkYMQC8GCsU91YXhH2zMyl+ygcN4M5rJGhKaYo47j7KX350hHfS0"
    "fc0XQWz2MtkZfjsVMtBPyOei2F31GvJfodWBX0O+TaUXAZZsE4KLUdnN93sufs3lmqmLEo"
    "wn32kmBFVgKF8J43+W/t3/qBPd6D8ehL67fjgPt23+188pr7YL+5717HzmrYHCx80Qjsib"
    "Y7Ivd9M34A6LuWvHbWuGhc1puNlQFflWyy256N9sUqcxt8EDeQyBSo+AV3E6XszTQ/tDDF"
    "gigDhq+4ydI3hKXxPZRq32u1l9m03LNpEOiYCoSK2RJqQakCAl07T4M0tEqEWtYFsVZNRt"
    "9mvYKSBbRaFRig1uUQKjmu9oFYMTcq2GjE2MtMh97eoPWgZAG1fiBaTrVXgUl8y8r2iW1B"
    "we58LPW7ff2a7BnisbeoOChZanmftSwdm7gka2KU7pMo4/Oks44gwFF0b4XJ9BH/zJYRNk"
    "MIVPeY4qvbzYGB++rNHq90vZpNuljl+/2TCsYOI2bOUdJNq3fT+tiuvL7P4ZFEPebQyNNG"
    "8mERDijdGVEylls+NvmrnJn8YKYt+TQEdSr/j0C7OXD0ZAoYNm7/SMQDTDHEIs5yfh/qtW"
    "Thjka2DzebUt3IgvJK4E3g7pknF86BpDl5glYbciCRsyeP2pf5lC8iWDzAz2qXafiItctk"
    "QiLWBQHXLQW2W/05xkxv5vf45XbI7vGsyUGReyKnqzE563/2up0Nx6txKWtNV23yP2LoVm"
    "6RROXvwzl3yDCDuW7YOrdO8Hn/qOxeCYhQQAmR09fwQWs1GAFiB+HT1zLpmmx9ipt0Nahl"
    "K96HJ1kVHxEuczb7nLM5QH7FaV4rOo/kTXKuwR9gM27rth638V27srefH5lB7Xiw3UzCnd"
    "PP8gCtaVJuJ2iXpFWxbBhWLOM6A1TyA7we9nSw5ieKVZ7Zq9YcYDT1/0pcb6CsEpPKijaq"
    "bsprUX9zGI/GUjKhW8gJ/oCbB0EphyZMA58GVslirKtIO4ZKbjOuEfaijikfMYsMhUl023"
    "LoxpakFQfYz1vu/4k/8f6YkQF+lMhMYlCuWfAIcvvY7fTbnY/K18d7hyWNvGh8ZJVAG/lr"
    "BvogaPUlldoW5KHb65OfELufZP9PfCX58PmmTcAm66BUk7g0a3gpA6MkhvIug0dWOJ9QSm"
    "FJ7r5o1pvHJcf6kDnWOHUyJwcCQoVLc5UM4JIBXDKAExnAcvGvtojMZiMgWYjpHeIM1tNw"
    "BuvJnMF62Hrs42cwhTr0KTntf4G0xWHxAssPrEtaYKnfOFrgGzUcECx1vM86LkmBJSmwJA"
    "UmpVVXKfuYbKo/nZ+cRA0eHqS7RWJmimeQM4l7tw8xdD7BrKAgFG9vME8I5iud9KWThfQk"
    "RvSZEWoywoUtb3+IZk9zeUJMSvJbxZPBBtZ88B+muvewlbTGd6I1+jWSmpzkkylghLv9e9"
    "K8qZ4BY59IASHO5YPDks2YM5tR4qW4x1Vxx0abGHZR4fISrQw8u5LYlTzzS2JXSezaa1WX"
    "cffOfN0y7i5m3O3jfyVdz75ih33vcnaHkJYu+m65rBthyogYIl9qkwVE8E5kvA6buYY3Ks"
    "oYWBVTRnDYZMliwu0f7xL5SZ/xIkfoBUNxjO4GFC9xpBhrY4/cq3OvAoIexESHn8J5Ht7y"
    "KMyJZDXJqxyfOP52H6uC/IBh3K9BA5XBH7zzUbKTqGHIF3GmhpMLMMXCIUCBnDA092FPXF"
    "4quYRODEDcJEMdeVQwHryCPg/iUpkO+MF0gFwamQlJQamSkRQKpaKMpDLrsoOsi8vezIKx"
    "T6SAEG9/Hr8v1WvPgpFtM73cnTuTIV6LFC+ntX3mkcmQQoTHMarrOmZIaEWFy4RWhoSWyT"
    "TdZKqtzE09yxQPyxXQTtdOG2k+jcZmyelbWRlDHfW+NsiCeUSwgKDn8jk6F24qIS3SK4Hi"
    "me9cAE6g9m/YIQtF7Q8hfFpL4+Fhs2SMZWVoFrMXNLeZztb8MsWby7la6Pck9+816tvn9p"
    "es5PJkJY+TlX1bRkU6WNkzbA/8XKUFXr06rsR9G+7UVDd+EL5uU950eEirubrhDCAxnZfs"
    "fSRn8orgV+fCVsNFlQFht3kB0T07PU0VtJxuiFlOo440XvEQ49Ul30vmE9n9xWTv48lt7Q"
    "qyDLfobH8ze/0/QxlP7Q=="
)
