from tortoise import BaseDBAsyncClient

RUN_IN_TRANSACTION = True


async def upgrade(db: BaseDBAsyncClient) -> str:
    return """
        CREATE TABLE IF NOT EXISTS "login_attempts" (
    "id" BIGSERIAL NOT NULL PRIMARY KEY,
    "kind" VARCHAR(16) NOT NULL,
    "address" VARCHAR(45) NOT NULL,
    "account" VARCHAR(64) NOT NULL,
    "attempted_at" TIMESTAMPTZ NOT NULL,
    "in_progress" BOOL NOT NULL
);
CREATE INDEX IF NOT EXISTS "idx_login_attem_attempt_99f669" ON "login_attempts" ("attempted_at");
CREATE INDEX IF NOT EXISTS "idx_login_attem_address_f7a04f" ON "login_attempts" ("address", "attempted_at");
CREATE INDEX IF NOT EXISTS "idx_login_attem_account_15d226" ON "login_attempts" ("account", "address", "attempted_at");
COMMENT ON TABLE "login_attempts" IS 'Something counted against a limit (see throttling.py): a password check, removed when it';
CREATE TABLE IF NOT EXISTS "security_events" (
    "id" BIGSERIAL NOT NULL PRIMARY KEY,
    "created_at" TIMESTAMPTZ NOT NULL,
    "kind" VARCHAR(32) NOT NULL,
    "user_id" INT NOT NULL,
    "actor_id" INT,
    "address" VARCHAR(45) NOT NULL,
    "user_agent" VARCHAR(255) NOT NULL,
    "request_id" VARCHAR(128) NOT NULL,
    "detail" JSONB NOT NULL
);
CREATE INDEX IF NOT EXISTS "idx_security_ev_created_6e5dc4" ON "security_events" ("created_at");
CREATE INDEX IF NOT EXISTS "idx_security_ev_user_id_33033d" ON "security_events" ("user_id", "id");
COMMENT ON TABLE "security_events" IS 'One entry of the audit trail (see events.py): what happened to which account, when, and from where.';
CREATE TABLE IF NOT EXISTS "users" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "username" VARCHAR(32) NOT NULL,
    "username_lower" VARCHAR(32) NOT NULL UNIQUE,
    "email" VARCHAR(254),
    "password_hash" VARCHAR(128),
    "is_active" BOOL NOT NULL,
    "scopes" JSONB NOT NULL,
    "created_at" TIMESTAMPTZ NOT NULL,
    "last_login_at" TIMESTAMPTZ,
    "token_version" INT NOT NULL
);
CREATE TABLE IF NOT EXISTS "refresh_tokens" (
    "id" BIGSERIAL NOT NULL PRIMARY KEY,
    "family" VARCHAR(32) NOT NULL,
    "token_hash" VARCHAR(64) NOT NULL UNIQUE,
    "scope" TEXT NOT NULL,
    "token_version" INT NOT NULL,
    "auth_time" TIMESTAMPTZ NOT NULL,
    "session_started_at" TIMESTAMPTZ NOT NULL,
    "address" VARCHAR(45) NOT NULL,
    "user_agent" VARCHAR(255) NOT NULL,
    "created_at" TIMESTAMPTZ NOT NULL,
    "expires_at" TIMESTAMPTZ NOT NULL,
    "used_at" TIMESTAMPTZ,
    "revoked_at" TIMESTAMPTZ,
    "user_id" INT NOT NULL REFERENCES "users" ("id") ON DELETE CASCADE
);
CREATE INDEX IF NOT EXISTS "idx_refresh_tok_family_8ce7f3" ON "refresh_tokens" ("family");
COMMENT ON TABLE "refresh_tokens" IS 'One refresh token (RFC 6749 section 6), kept as a hash. Each use replaces it with a new one';
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
    "eJztXG1v2zYQ/iuEPiWAGySO46TdMMBJ3S5bEg+JuxVtB4GRaEuITKoiFcfo8t93pCTr3Z"
    "Uzy7U1fwls8h6+PEce78hzvmkTZhKHH1yxsU17QpCJK7Q36JtG8YTAh8L6FtKw68a1skDg"
    "e0cBHCmp40BUVeF7LjxsyHZH2OEEikzCDc92hc2oxNyxCRGWTcfIYD4VxER4jG3KBcLIsS"
    "e2QHucECQsjwnhgNyBO9t/A5Uu5nzKPBMZFjEeWsgjE/YI8KlFKLLVSE1mQPeAqbOjL5T7"
    "hkGIyVuIeSDP7TF95bvqC2XCIh7iAnsi6AWALpRg0/QI5z9lW0Njj005Yo55IGfgU/urT3"
    "TBxkQ2BPP4/DcU29QkT4TLr5+1sClFd0A9MUEJGghCpaFmqyrL5GSL7oM+soljphaAbUph"
    "Va6LmavKzu3xJRXvlKyk+F43mONPaCzvzoTF6BxgB72PCSUehi6hTHi+XAnUd5xw6USLI5"
    "hvLBJMNIExyQj7jlxPEh0MIC7TdP1mMNTv+kNd13JrLUIkVkVYZDAq1ykMlSsCxnIIr163"
    "28fHp+3D4+7ZSef09OTs8Axk1XjzVafPwWBitoKmFGeX7y9vhnJADDZDsFdkwbPCYIEDlN"
    "JnzP4DTD7P/4WFvWL2I/kM/zCxLP8R24sUEBXEGog38JzuaGtodSligp90h9CxsODrUXcB"
    "x3/2bi9+7d3uHXX300TfhDVtVSUpjylObImqLCcg6yO6zrWeorhzUoHizkkpxbIqQ3FsgC"
    "pTHEMaSHG3U4HibqeUYlmVoThpzXM8vwWihD0hJVxnsBnCzRB8EH1YDf3rNOYL2B5eXvfv"
    "hr3rP2TzE86/Ooqw3rAva9qqdJYp3cval3kj6K/L4a9IfkWfBjd9xSbjYuypHmO54SdNjg"
    "n7gumUTXWwKAmSouKoKKVp8K5cj42LbdY5Yw7BtORoTiMzar4HaF0ba16yXt2eDwZXKbWe"
    "X2ZO4JsP1+d9ODCUPkEIfLP4YJY+0eghcS7LgntsPEyxZ+q5GtZmZbL5qkl7ki3BFI8Vf3"
    "Keclah731LRqAya8geCC3yzVP1C31zL5AEVxJEK/rmA0pQiEMKh/Zu312g7mnnNeLEkGKo"
    "u99CD8QFL5qD72thbh2gPjYs5HMJdh1sEC4d26ktLJCgZIoYJTn3vMa+vlA2Ar+eIA7kwV"
    "wntjN7g8gj8WZhV3LeBNawiUYem0gMUrFMRR9850BvpAMdaHoZzyNG1OV4rFULKb/juF3B"
    "7zhul/odsirtd6i9o8ttuAzHadRqeP6xi71m944bzCV5hofkqcSKzAGN8J4X+W/9j8PUGR"
    "/RuHfd+7ifct+uBjfvI/EE7RdXg/PCVQ2HA5cDzdFeartzuO+b8S1gP7Tk7aPOaefsuNuZ"
    "G/B5ySK7HdnoRKziC/BBwkBiqUAlCVxPlLIxy3zbwhQOUQZMX1fXni8KS4tb2Kl9o9W+u0"
    "2r/TYNAh1Ph1BxuQu1NKqBRLdPqjANUqVUq7o014ZH8MusVxrZQKulwQTNAYVQKXC1t8SK"
    "hVHBQiNGnlwbWnuB1tPIBmp9S7Rc6awCk/iSnZ2ArUDB4Xrc6Xf1+vXII8RjL1FxGrnT8i"
    "ZrWTk2RZespVF6ArGLz8veOtIE59l9xzxij+nvZKZIvoQRYWoURebhM8WHsJktI/c5Wj1R"
    "abybPTyd3/cnFxXMHWZMgqeki97dRe9tX3v+MY9Hd8TwPVvM+o+EFmZ2pQVai56PeCiqEy"
    "m7xPsRSHszFD7AYN+0BZJcOkG2VdBakGk1tbBAFgwBFomJBIMC27BQmA3QUhlSLYRp+EgD"
    "Xz1yUPiOtIY+qyRmJZYF/N2lWW3mK9F2hXlr1U9zo7zNz63b4nfBnVe28lcTQ7AlKU1CXs"
    "TphoUtK6d0d1m9u6xuzmW1R2CmXBTaiHKu06gGcn3UPquSM94+K08al3Vprk0iIJjI8/zb"
    "3eCmmOcYkfUSbUOgf5Bj89qOOe3nkU+D/Ll733aETfmB7PYXrSYNLCBcMpTyEHMJG9ncjI"
    "zrJxs435z0THWvURBYR/cd5fG0tHLVouhy3lecmPh/iTf/owtRHklKnarPS552EaaB9ree"
    "4EJ+1h02Lbqb/D7VMbJxyYerp5tMCo+6cpbngBeRu2lBR8Zxq5LbCVILHLdcdmf0E7ql82"
    "hzwOYRXov3ZnMdjlv7scBML/4FTRK3xt/PRNZkq34+k8tfLgi0y93lGLEZ7rLsb6vd5V1a"
    "UzXr09wLbwdDmB/9f4ZlFZ8D77IiNjkrYgt/wXBY146uIz3ix9w19IhnG5ZWcNsQ1rQW3T"
    "fgWGZ34bC286TmC4fSLV4eNZTv7iZcN9RytS431RIMh+INZPfo8LBKOHZ4WB6OybqMO8qo"
    "KHwhKg8PEpD1xwc/xgdpxsX5878ZHWrw"
)
