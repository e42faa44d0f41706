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
        DROP TABLE IF EXISTS "identities";
        DROP TABLE IF EXISTS "login_states";"""


MODELS_STATE = (
    "eJztXO9z2jYY/ld0fGrvshxxCEm73e4gTTbWJuwSuu3a7HzCFqBhJGqJEK7L/75Xso1/U5"
    "MCCZ6/5EDSI1nPK0vv+/AqX2sTbhNHHH7gQ8paUpLJVNbeoq81hicEPmTWH6Aank7DWlUg"
    "cd/RAEe1NLHXVFfhvpAutlS/A+wIAkU2EZZLp5JypjAtNMVCzLlrIw1HFp8xSWyEh5gyIZ"
    "EcEeTQCZXiR+SSCb+HuvmIMEQlEjPLIsQWiLto6PI5fHDsQzWwzS0YmbLhFseYMfplRkzJ"
    "hwQ6cGGkz39DMWU2eSBCff1cw7btEuFx4fFCbGCoBg2h0tIPoivz2qkep2NzQIljx6xDbd"
    "VYl5tyMdVlbTrsMHmp2yoS+qbFndmEhe2nCznibAmg3uhDwoiLYUgok+5MmYnNHMe3a2A5"
    "b75hE2+iEYxNBnjmKGMrtPcAYVnNNK+7PfP2omeatdRCCBARu/lFFmdqEcGjCk3AUD3CD2"
    "8M4/j41KgfN89OGqenJ2f1M2irnzdddfroPUzIlteV5qzzS+e6px6Iw0r1FrIqeNQYLLGH"
    "0vYM2Y/YK26C8xF2sw0QgSSsANNLWiHgfJUZgoLQDuE7tgtDTPCD6RA2lCP42jhZwfEfrZ"
    "vzX1s3rxonr+NEX/s1hq5SlEcoDt+OwhSHkBJS3GwUoLjZyKVYVSUojm41KZ7fAVGSTkgO"
    "1wlsgnDbBx8GHzZD/y53mhVs9zpXF7e91tXvqvuJEF8cTVird6FqDF26SJS+aiYss+wE/d"
    "np/YrUV/Spe32h2eRCDl09Ytiu96mmngnPJDcZn5uwo0RICoqDokd1dAzGke1LFfSxNZ5j"
    "1zZTNdzgeW3TVRNjkizBDA+1jRSb6jl9/+GGDGAiox4fE5blX8TqV/oXrtcSTlxoWtC/6D"
    "KCfBzSOPTq5vIcNU8bb5AglmqGmq8P0JhMJcICYTTCYnSILrA1QjOhwFMHW0QoX2BO5Qha"
    "MDJHnJGUn7HFse4YH2g3RQB5MNcJdRZvEbkn7sIfSs2bwHtio4HLJwrjOTsFXZXKz3iRfo"
    "Zn6XXOwBCxrSNwp1aInYDHRoET8NjIPQFVVfwE1O+OqV7DdTiOozbD8/Mu9i07GsLiU7IO"
    "w0tACf24o7pRhGDVLJdirzJrLcORINTjpcjO3bFTuG9v3vvAubd/G0eN08bZcbOx3LaXJa"
    "t262BnDtm1XIKf5inHkbvxk3dLNUzQ7jI4dbxda08cZ3+DTfnNUauThymF3p5g9TiyhFbf"
    "EyvnhkdRM4Pz/ZQ3OwLbgIH99VjZd/P2dck9HHJPMXEcWVn5JVsZXkfXzIpXc12fCKJyen"
    "ynJyUbxQlOs3vJXUKH7D1ZaJI78ESYWVneu6/4fPS72TNyH4PVE5SGb7OL50vpJLqoYO4w"
    "YyK9aKd1e956d1F7fB4dTrOeob8F1sjX3dSEislt+VxuWIH6v8hP3xm+5AtLyqb6c4ra/K"
    "A8iilhXL55dSkgzHT4PGvn/DbVIbJ0KtPm6SYTTJ11WF4CnkTuC/Pk4uwaJ0U0JmiVy6+u"
    "ixMcpFGsLZimgOUj/Mg4KyLqGWf5mp6qixNOhQnHLb3P2KbbnDsEs5xTMIpLcN0H4Lb26m"
    "A32W2g0u52P8RilHYn8UPL9cer9gWwr7mHRlTGfn9JCNUZaR2/3XavVyjVWVkdNrUk+hc5"
    "VGwtkqj9NJgx73fF/ow6kjJxqMb7ubZ7IyiGYkYIFvarq9ZfyTV//qHbTkaAqoN2JbpWom"
    "vNwUKaQTLhuoZPgSvN5iVrNnv4o1V9W2/0NsSbfK0hGmATJqmkWQdf28devr8hDpbZZPtK"
    "QsfrZ7GHu2methPfl/SuIiRMKyv1cx2qdFL1reppb7efNFfbVK+WaytDwYquu3wVK77Ki2"
    "WOTV1+DzgX+Zml4M2xMbGR5AirjC33EPVGxMvAEjo/a4kY4nuCsEsQ41JnfKXz0rcyQobQ"
    "9rkWYLT7O+v/Qyw/tbzS355Jf4tapHAUHcGUUH87ahYJoJPOSiR+bqbSjvylvgbHEUgJKT"
    "ZOiqTpQ6sVqlAqUb+S3bYsu2m+lK9LodOsdNxVUlAavEM9aFmyt4JQpUDkr/xKgagUiBdt"
    "6iprZGe+bpU1Us6skYhQkXc3fCljfOtmuKecFIu+W/5Vbe7qiBgiXyzRHCJ4LzIOw2Zmq1"
    "tUOga2+IQgNW20IBnh9vd3ecfuYMFOJYJeVCiuors+Vhe3sIq1VY8sqBNEKGkSeuBjCl+5"
    "N5662cXdsUBQpa9v3TH13R/WAnyfqLjfhgYWgT/qnpfqz8KOox/EWxqeFuDy+YEGAo47tj"
    "/YHdMXyRbQiQOMu2gAa1/PZwRUbONCWCUHfKccoF+NtX9Wj6NKlyGy+XtIleqyA9Wlr/5L"
    "xnocRyAlpHjz69glNnWJJc2ZS9fhOYkrIdlGvVEkEUc1y9dgdGVCCACvJpBR1lrbKWAJSd"
    "9K8hPjfjxQlOkloHy64lYIrm7l7uBWLiMPartdSyCPYsq3lre1Q+/XXc3qP9nsi1z30l6m"
    "Mql1L4zbPRfrWuBlWqNahlDn1xysEulw2Ka657VPb/PBCmEpN7My3/vIT6osg5+3lRQI9V"
    "KtwbDfvITsHtXrhZzo+gofup4OvZkkWf8JMv9WRgSy+2sZz+PJbewCxho5xJs/zB7/A+jJ"
    "ZZs="
)
