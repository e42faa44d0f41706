from tortoise import BaseDBAsyncClient

RUN_IN_TRANSACTION = True


async def upgrade(db: BaseDBAsyncClient) -> str:
    return """
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
    "redirect_uri" VARCHAR(2048) NOT NULL,
    "code_verifier" VARCHAR(128) NOT NULL,
    "nonce" VARCHAR(128),
    "scope" VARCHAR(1024) NOT NULL,
    "next_url" VARCHAR(2048),
    "expires_at" TIMESTAMPTZ NOT NULL,
    "user_id" INT REFERENCES "users" ("id") ON DELETE CASCADE
);
CREATE INDEX IF NOT EXISTS "idx_login_state_expires_4a46e7" ON "login_states" ("expires_at");
COMMENT ON TABLE "login_states" IS 'A login or link that went to a provider and has not come back yet.';"""


async def downgrade(db: BaseDBAsyncClient) -> str:
    return """
        DROP TABLE IF EXISTS "login_states";
        DROP TABLE IF EXISTS "identities";"""


MODELS_STATE = (
    "eJztW21v2zYQ/iuEPnVAFjiK46TdMMBO09VrEw+Nuw1tBoGWGJuzTLoiFcfo8t93pCTrzX"
    "Kk1nZizV8M68iHpJ47kndH6qsx4Q5xxeF7PqSsLSWZTKXxCn01GJ4Q+LO0/AAZeDqNS5VA"
    "4oGrAa6qaeGgqi7CAyE9bKt2b7ErCIgcImyPTiXlTGHaaIqFmHHPQRqObO4zSRyEh5gyIZ"
    "EcEeTSCZXiJ+SRCb+DstmIMEQlEr5tE+IIxD009PgM/rjOoerY4Tb0TNlwg334jH7xiSX5"
    "kEADHvT0+W8QU+aQeyLU42cDO45HRMBFwAtxgCEDKkKhrQeiC4vqqRanY+uWEtdJaYc6qr"
    "KWW3I+1bIOHXaZfKPrKhIGls1df8Li+tO5HHG2ANCg9yFhxMPQJcik5ys1Md91Q71Gmgve"
    "N64SvGgC45Bb7LtK2QodDCCWGZZ11etb1xd9yzJyhhAhEnoLRTZnyohgqEITMFRD+PGlaR"
    "4fn5qN49bZSfP09OSscQZ19XjzRacPwWBitoKmNGfdX7tXfTUgDpYaGLISPGgMljhAaX3G"
    "7Cf0lVbB+Qh7yxWQgGS0AK+X1ULE+So1RIJYD/Ec24YiJvjecgkbyhE8Nk9WcPxH+8P52/"
    "aHF82TH9JEX4Ulpi5SlCcojmdHaYpjSA0pbjVLUNxqFlKsijIUJ5eaHM+vgShJJ6SA6ww2"
    "Q7gTgg+jPztI/wq6+93Li+t++/J31fxEiC+uZqzdv1AlppbOM9IXrYxqFo2gP7v9t0g9ok"
    "+9qwtNJxdy6Oke43r9T4YaE/YltxifWbCkJDiJxJHoQe0dt+PE+qUEA2yPZ9hzrFwJN3lR"
    "3XzRxJxkJZjhoVaSYlONM3QgPgq9OeYcCy1f6VD4UKOcH1Gs08d36Upb7P9lfzWPmqfNs+"
    "NWc7GtLiSrdtPHd06lU/2/wrqexNRwYT82Syzsx2bhwq6K0gt7RJjl8lkwyapSHSPXQ/jT"
    "2vSG6SYTTN0qLC8A30RuSN3zNGbzpIybArUK+dVlaYKj+M0aYTGqQnQOWD/Cj8yzEoRDrU"
    "LCdVmacCos2G7p3ZJlusO5SzAr2AWTuAzXAwBuaq2OVpPteoGdXu99ygHsdDOR5NXHy84F"
    "sK+5h0pUpgLMmHBhc9Vyju3frntXy6mOEVnXm9oS/YtcKnLOx7roNn6+9ZmtmEQDn7qSMn"
    "Go+vvF2L4SFEMpJUSG/eKy/VfW5s/f9zpZ91o10Mmow/YI/ra4KI2sYVRkwAs6PebOw2m3"
    "I1FSuELkgqSk1l0spBVlMasqPgdeg+6f2cazI6peR0CcjAIJk1TSZatzJ8S+efeBuFjTmV"
    "d8GO52g3bmOzjlHyJbj6Tx1E9MHm36QsJrLUuMVqFKHzlcq5Z2do7kudpkimVhW0vSLEm7"
    "K061pK388XObHiNo6vE7wHkozLuCy8HGxEGSI4xUIHmI+iMCj2PChD5kWSCG+I4g7BHEuE"
    "RjMpX5U5uN9LAkG/TZiDDaR/MH/xA7PHjZJ4meKEmU1EjpUC+BqWGS6KhVJsrL7qiJIK+V"
    "jfEiU6/AcQJSQ4rNkzKHWFBrReoid4y1zw1tODek+bLuiEeh0WWH4qvyFXnwFpMWC8nOZi"
    "32YXKx5e/D5H2Y/KxVXRgmZ0+SrEo+bgLxuKO7CxN5Db5uLvGQJjjP7hvuETpk78hck9yF"
    "EWFmL8uqZw7Td4zcomgZxB6eLcKtpFHBu8Mbk2BLOm9fn7dfXxgPT3O1IZGoKLo5uUhjPH"
    "ZvMsiclIu+2+FFRu7piBgiXyzRDCL4IDKOw2bmoBEWOga2+YQg9dpoTpaE29/f5A27AYOd"
    "SgStqFBcRXcDLAgCe4RYW7XIojJBhFCnBzbnYwqPPOiPQpfcGwsERQS8svkNU89htzbgB0"
    "TF/Q5UsAn8uPNXuj0bu64eSGAaQS7A47MDDQQcd52wsxvmkamL59CIC4x76BZsX7/PCKgo"
    "ebNznw7YZjpAT43KZ79pVO2uMaz/OuA+67KFrMtA3SGvxnECUkOK12/HHnGoR2xp+R6twn"
    "MWV0OyzUazzG0RVa04B6MLM4kA8GqiNEol284Ba0j6Rm7oMB7GA2WZXgDql1fcCMH6fk0l"
    "fyMC1NGEG2aZZVpVK+ZYF2asmNyr5bZSgjyJqZ8tb2qFJvdT2NzEN2Ts0sjtpGq36Vbv03"
    "Xfk657bpOpTtm6Z8btjifr2uBl2iNjSaIuLDlYlaTDcZ39x0i7NJsPViSWIPAQ4U20st5H"
    "AlJDP28jVyDUpKrAcFi9huweNRqlnOjGCh+6kQ+9mSTLvpMu/nQgAdn+twNP48mt7SuBJ/"
    "2o9uE/NrK71w=="
)
