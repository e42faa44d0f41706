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
    "eJztXGtz4jYU/SsaPmVn0gxxCMluO52BbNKmuwmdhG07u+l4hC1AxUisJUKYbf57r2Qbv1"
    "mTAAmuv2RA0pHsc/W493CVb7Uxt4kjDj7yAWUtKcl4Imvv0Lcaw2MCHzLr91ENTyZhrSqQ"
    "uOdogKNamthrqqtwT0gXW6rfPnYEgSKbCMulE0k5U5gWmmAhZty1kYYji0+ZJDbCA0yZkE"
    "gOCXLomErxI3LJmN9D3WxIGKISiallEWILxF00cPkMPjj2gRrY5haMTNlgg2NMGf06Jabk"
    "AwIduDDSl7+hmDKbPBChvn6pYdt2ifC48HghNjBUg4ZQaekH0ZV57VSPk5HZp8SxY9ahtm"
    "qsy005n+iyNh1cMnmh2yoSeqbFnemYhe0ncznkbAGg3ugDwoiLYUgok+5UmYlNHce3a2A5"
    "733DJt6LRjA26eOpo4yt0N4DhGU107zudM3b865p1lITIUBE7OYXWZypSQSPKjQBA/UIP7"
    "w1jKOjE6N+1Dw9bpycHJ/WT6Gtft501cmj9zAhW15XmrPLXy6vu+qBOMxUbyKrgkeNwRJ7"
    "KG3PkP2IveImOBtiN9sAEUjCCvB6SSsEnC8zQ1AQ2iFcY9swxBg/mA5hAzmEr43jJRz/0b"
    "o5+7V1s9c4fhMn+tqvMXSVojxCcbg6ClMcQkpIcbNRgOJmI5diVZWgOLrVpHh+D0RJOiY5"
    "XCewCcJtH3wQfNhB+pfQ3b28Or/ttq5+V92PhfjqaMZa3XNVY+jSeaJ0r5kwzaIT9Odl91"
    "ekvqLPnetzTScXcuDqEcN23c819Ux4KrnJ+MyELSXCSVAcFD2qs6M/iuxfqqCHrdEMu7aZ"
    "quEGz2ubrhob42QJZnigjaTYVM/pOxA3pA8vMuzyEWFZDkasfqmD4Xot4ciFpgUdjA4jyM"
    "chjUN7NxdnqHnSeIsEsVQz1Hyzj0ZkIhEWCKMhFsMDdI6tIZoKBZ442CJCOQMzKofQgpEZ"
    "4oykHI0NjnXHeF/7KQLIg3cdU2f+DpF74s79odR7E1goNuq7fKwwnrdT0FepHI1X6Wh4ll"
    "7lEAwRmzoDt2qF2BF4ZBQ4Ao+M3CNQVcWPQL12TLUMV+E4jloPzy872TfsaQiLT8gqDC8A"
    "JXTkDutGEYJVs1yKvcqsuQxHglCPlyI7d8dO4b6/ee8C597+bRw2ThqnR83GYttelCzbrY"
    "OdOWTXcgl+mqscR5bQUQbHDNsdBqeOt2vtiOPsb7ApvzlqdfIwodDbE6weR5bQ6jti5dzw"
    "KGpmcL6fsrIjsDUY2J+PlX3Xb1+X3MMh9xQTx5GVlV+zlWE5umZWvJrr+kQQldPjOz0p2S"
    "hOcJrdC+4SOmAfyFyTfAlPhJmV5b37is8nv5sdI/cxmD1BabiaXTxbSCfRSQXvDm9MpBft"
    "tG7PWu/Pa48vo8Np1jP0t8Aa+bqbeqFicls+l2tWoP4v8tMzw5d8YUnZVH9OUZsflEcxJY"
    "zL168uBYSZDp9l7ZzfpzpElk5lWj/dZIypswrLC8CTyH1lnlycXeO4iMYErXL51XVxgoM8"
    "ipUF0xSwfIQfGqdFRD3jNF/TU3Vxwqkw4bil9xnbdJtzh2CWcwpGcQmuewDc1F4d7CbbDV"
    "Tanc7HWIzSvkz80HL96ap9Duxr7qERlbHfXxJCdUZex2+3neslSnVWWodNLYn+RQ4VG4sk"
    "aj/1p8z7XbE3pY6kTByo8X6ubd8IiqGYEYKJvXfV+is5588+dtrJCFB10K5E10p0rTlYSD"
    "PIJlzV8Clwpdm8Zs1mB3+0qm9qRW9CvMnXGqIBNmGSSpp18LV97MWHG+JgmU22ryRcev3M"
    "d3A3zdN24vuS3lWEhNfKyv1chSqdVX2retrZ7SfN1SbVq8XcylCwovMuX8WKz/JimWMTl9"
    "8DzkV+ail4c2xEbCQ5wipjyz1A3SHxMrCEzs9aIAb4niDsEsS41Blf6cT0jYyQIbR9qQUY"
    "7f5Oe/8Qy88tr/S3F9LfohYpHEVHMCXU3w6bRQLopLMSiZ+bqbQjf6qvwHEEUkKKjeMief"
    "rQaokqlMrUr2S3Dctumi/l61LoNCsdd5kUlAZvUQ9alOysIFQpEPkzv1IgKgXiVZu6yhrZ"
    "mq9bZY2UM2skIlTkXQ5fyBjfuxruKSfFou+Wf1ebuzoihsgXSzSDCN6LjMOwmdnqFpWOgS"
    "0+Jki9NpqTjHD7+V3esTuYsBOJoBcViqvorofVxS2sYm3VIwvqBBFKmoQe+IjCV+6Np252"
    "cXckEFTp61t3TH33h7UA3yMq7rehgUXgj7rnpfqzsOPoB/GmhqcFuHy2r4GA447tD3bH9E"
    "WyOXTiAOMu6sPc1+8zBCo2cSGskgOeKQfopbHyz+pxVOkyRNZ/D6lSXbaguvTUv8lYjeMI"
    "pIQUr38eu8SmLrGkOXXpKjwncSUk26g3iiTiqGb5GoyuTAgB4NUEMspKczsFLCHpG0l+Yt"
    "yPB4oyvQCUT1fcCMHVrdwt3Mpl5EFttysJ5FFM+ebypnbo3bqruU23upLrniPXvbbFVCa1"
    "7pVxu+NiXQu8TGtYyxDq/Jr9ZSIdDttU97x2aTXvLxGWcjMr872P/KTKMvh5G0mBUItqBY"
    "b95iVk97BeL+RE15f40PV06M0kyfpXkPm3MiKQ7V/LeBlPbm0XMFbIIV7/Yfb4HxSDZeY="
)
