from tortoise import BaseDBAsyncClient

RUN_IN_TRANSACTION = True


async def upgrade(db: BaseDBAsyncClient) -> str:
    return """
        CREATE TABLE IF NOT EXISTS "email_tokens" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "purpose" VARCHAR(8) NOT NULL,
    "token_hash" VARCHAR(64) NOT NULL UNIQUE,
    "email" VARCHAR(254) NOT NULL,
    "password_stamp" VARCHAR(64) NOT NULL,
    "created_at" TIMESTAMP NOT NULL,
    "expires_at" TIMESTAMP NOT NULL,
    "user_id" INT NOT NULL REFERENCES "users" ("id") ON DELETE CASCADE
) /* The token of a link sent by email, kept as its SHA-256; used once. */;
CREATE INDEX IF NOT EXISTS "idx_email_token_expires_bea471" ON "email_tokens" ("expires_at");
        CREATE TABLE IF NOT EXISTS "email_outbox" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "kind" VARCHAR(32) NOT NULL,
    "recipient" VARCHAR(254) NOT NULL,
    "context" JSON NOT NULL,
    "status" VARCHAR(8) NOT NULL,
    "attempts" INT NOT NULL,
    "next_attempt_at" TIMESTAMP NOT NULL,
    "created_at" TIMESTAMP NOT NULL,
    "finished_at" TIMESTAMP,
    "last_error" VARCHAR(255)
) /* A message to send, written in the transaction of the change that causes it. The sender */;
CREATE INDEX IF NOT EXISTS "idx_email_outbo_finishe_b0d923" ON "email_outbox" ("finished_at");
CREATE INDEX IF NOT EXISTS "idx_email_outbo_status_dd88ee" ON "email_outbox" ("status", "next_attempt_at");
        CREATE TABLE IF NOT EXISTS "verified_emails" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "email_lower" VARCHAR(254) NOT NULL UNIQUE,
    "verified_at" TIMESTAMP NOT NULL,
    "password_trusted" INT NOT NULL,
    "user_id" INT NOT NULL UNIQUE REFERENCES "users" ("id") ON DELETE CASCADE
) /* The address a user proved to own, through a link or a provider that vouched for it. One */;"""


async def downgrade(db: BaseDBAsyncClient) -> str:
    return """
        DROP TABLE IF EXISTS "verified_emails";
        DROP TABLE IF EXISTS "email_outbox";
        DROP TABLE IF EXISTS "email_tokens";"""


MODELS_STATE = (
    "eJztWltT2zgU/isaP9GZwNBAINvd2ZlA0yXbQnYg7e70Mh7FVmJNbMmVZALT5b/vOXIcx8"
    "6FQEmALC+5nJvk78jSd479w4koD3ea+NmRAyacN+SHI2jE4MeUrkIcGseZBv8a2g2tKUOJ"
    "a9BMW7uuNop6BnQ9GmoGIp9pT/HYcImjOJ2AEWtPZI9QEnIxIJoJQ7rXxEarkAGLDaGacK"
    "PJxUlju1o7+JUkmvlECo/t4Di+9GAgLvoPFzIR/HvC4Fr6zARMQeAv30DMhc+umM7+xgO3"
    "x1noFwDjPgawctdcx1Z2xPstYd5ZW5xw1/VkmEQit4+vTSDF2IELg9I+E0xRw3AEoxJEUC"
    "RhOAI8AzWdbG6SznLCx2c9moSYB/ROJ5DLHNc9a3fci2bHdZ2pHGUeExiPRJ4UmF+YqrYA"
    "9HEK279Uq3t7h9XdvYN6bf/wsFbfrYOtne+06vAmnUyOVhrKYtb6o3XWwQlJWETpCkPBjf"
    "WhhqZeNhk5+nGiYqnZdAqOA6pmJ2DCpZQFuLxyFjLMF6UhE+R5yJf/OhIR0Ss3ZKJvAvhb"
    "XwDxp8b58UnjfKv+qgjz2UhRRQ3ineNrby03oDq4C8RFr4dB+XEXewHjg/0lQD7Yn4syqo"
    "ows2xzXRbhscMGLuFqbRl8wWouwFZXRDimWg+l8l1taBTfab+Y8txAzB9+SXuKIRguNdNg"
    "vwWN4RGbDXjRswS2P3LdyX48R+jhAv22CK9Hu9gC6Dut0+ZFp3H6Fw4Xaf09tPg1Ok3UVK"
    "30uiTdOiilaRyE/N3qnBD8Sz63z5oWXqlNX9kRc7vOZwfnRBMjXSGHLvUnNtxMmqFW3Miu"
    "Yg7R7pH1oud6sr7OI+SZJDkDaWGWgTwrdxbxnct6Jzxup77P4RZO2W/19f7hfn3vYH9Mes"
    "eSRVw35bVYUvQGM2ktwjWN7jupGO+L9+zagtyCGVGoYGaAGkmfhXrn4yjMMwP3Jls9mTS/"
    "VRUdjmuwyUUF1w5XzEx6ljcujhtvm45FuEu9wZDC8V2AGjWyKkuSse20KqpGZQkVtG/Bwa"
    "u4qYxq53ZiuvLqlGlN7RopldZFdeW26lpa8+Wq6waJ0rBQEGMN7FfIUHFjoDbmghgslBUV"
    "GmKAA5bLKPICKtAjoIZ4FBDFOnmHYFmNIdL1U6i4VzPMV6HsN8rJMMBgxqpQ8Car7CPqYx"
    "DQBhJSAeK09rdxh1DjC3bJFNEG7hR/ycr+CxA4ahLbwhDsysAJZFgU47fz7aXsf5Jl/wAu"
    "/i4cPrPfQOa+V12Cue9V5zJ3VBWZu2IejzkTMyjcfIQLThsI80qKUhjRwI4zjfOfF+2zOc"
    "VR7lLmyNwz5F/YJ/XKCJXzWy8R6b7eTXhouNA7OOzvzvpJM0JU4MsZ0lunjX/KSTj+0D4q"
    "E2EMcFRKSH4SLLvuc4/1LXoHTBPmrwr0lTYUR4frDIznHp2TLusrHnafcOUwCWiZskzhur"
    "jsnuG+gR2XTSq+Xxpr8++tzW2s9bjgOrhX2kuuD5D30YRfOmsPfnOHVBuXKSVntH/mk5Ci"
    "172IyO0pfVTyXVuKfNcWkO/aq1ktt8foEH1iioOhb9+ycKY6REV1ZX6H6HJk6NpW0R1ewY"
    "D1CEsWuyfYQSOxkpfMx26OHIoKMYGSST/IWi5SwS804T7Y2kbLpUw82E9ID3TYxWkLNtUl"
    "WtE4X0UMWgxXIVT4trcUyiFT2x7FNzqyIdN1DMBLYobSOmjbMyJSMJIhl5mv4h2Q/0sn6C"
    "eJ7PweT9oAtcm985Px3G3jXj5YSSNivJXcnV2UXDeQVW4Svxi/zAALWBs2q4ktZciouOVd"
    "iAn3Usa74L+qJI8l683yUbv9oZDgo1apY3328fSoeb712mYWjLgpNLKf1JPTZ39o/BSJu+"
    "0ZK3CMjoSPFT9hfdQkrOb56j0Y8c1/1WJJsQ=="
)
