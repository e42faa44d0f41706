from tortoise import BaseDBAsyncClient

RUN_IN_TRANSACTION = True


async def upgrade(db: BaseDBAsyncClient) -> str:
    return """
        CREATE TABLE IF NOT EXISTS "email_outbox" (
    "id" BIGSERIAL NOT NULL PRIMARY KEY,
    "kind" VARCHAR(32) NOT NULL,
    "recipient" VARCHAR(254) NOT NULL,
    "context" JSONB NOT NULL,
    "status" VARCHAR(8) NOT NULL,
    "attempts" INT NOT NULL,
    "next_attempt_at" TIMESTAMPTZ NOT NULL,
    "created_at" TIMESTAMPTZ NOT NULL,
    "finished_at" TIMESTAMPTZ,
    "last_error" VARCHAR(255)
);
CREATE INDEX IF NOT EXISTS "idx_email_outbo_finishe_b0d923" ON "email_outbox" ("finished_at");
CREATE INDEX IF NOT EXISTS "idx_email_outbo_status_dd88ee" ON "email_outbox" ("status", "next_attempt_at");
COMMENT ON TABLE "email_outbox" IS 'A message to send, written in the transaction of the change that causes it. The sender';
        CREATE TABLE IF NOT EXISTS "email_tokens" (
    "id" BIGSERIAL NOT NULL PRIMARY KEY,
    "purpose" VARCHAR(8) NOT NULL,
    "token_hash" VARCHAR(64) NOT NULL UNIQUE,
    "email" VARCHAR(254) NOT NULL,
    "password_stamp" VARCHAR(64) NOT NULL,
    "created_at" TIMESTAMPTZ NOT NULL,
    "expires_at" TIMESTAMPTZ NOT NULL,
    "user_id" INT NOT NULL REFERENCES "users" ("id") ON DELETE CASCADE
);
CREATE INDEX IF NOT EXISTS "idx_email_token_expires_bea471" ON "email_tokens" ("expires_at");
COMMENT ON TABLE "email_tokens" IS 'The token of a link sent by email, kept as its SHA-256; used once.';
        CREATE TABLE IF NOT EXISTS "verified_emails" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "email_lower" VARCHAR(254) NOT NULL UNIQUE,
    "verified_at" TIMESTAMPTZ NOT NULL,
    "user_id" INT NOT NULL UNIQUE REFERENCES "users" ("id") ON DELETE CASCADE
);
COMMENT ON TABLE "verified_emails" IS 'The address a user proved to own, through a link or a provider that vouched for it. One';"""


async def downgrade(db: BaseDBAsyncClient) -> str:
    return """
        DROP TABLE IF EXISTS "verified_emails";
        DROP TABLE IF EXISTS "email_tokens";
        DROP TABLE IF EXISTS "email_outbox";"""


MODELS_STATE = (
    "eJztXW1z2zYS/isYfUpmFNeWHTtNb25Gdp3WTWJlbLXXaX2jgUlY5JkCVAK0rOvlv98uQE"
    "p8VUhHlCWGXxIL2AWIByCwb1j+3ZkIm3ly74MYu7yvFJtMVect+bvD6YTBH7n1XdKh0+my"
    "FgsUvfU0g4eUI2pIdRW9lcqnFrZ7Rz3JoMhm0vLdqXIFR55rMWHKcfmYWCLgitmEjqnLpS"
    "KUeO7EVeSFZIwoxxdKeUC3N52/fAuVUyrlTPg2sRxm3XeJzybiAdhnDuPE1U9qCwu6B546"
    "O7rhMrAsxmzZJcIHeumO+atgqn9woRzmE6mor0wvwDiFEmrbPpPyh3RrZOyLmSTCs/dwBA"
    "F3/wrYSIkxw4ZgHH/+G4pdbrNHJvHnn52wKQ23gZ7ZMAkdIIRKS49WVxbRYYvT+9Gdyzw7"
    "sQBcG4l1+UjNp7rs1B1fcPVO0yLEtyNLeMGEL+mnc+UIvmBwTe9jxplPoUsoU36AK4EHnh"
    "cunWhxmPEuScxAYzw2u6OBh+sJuc0DLMs6o9HlYDi6Ph+ORp3MWos4YqsiLLIEx3UKjyo1"
    "AGN8hFff93qHhye9/cPjN6+PTk5ev9l/A7T6ebNVJ5/NwyzRMk1pzC5+urgc4gMJeBnMu4"
    "IFnzUPVdRw6flcon8Pg8/if+ZQPx/9iD6FPwwsjX+E9qoJiAqWM7B8gRdwR69Gp66JmNDH"
    "kcf4WDnw8+B4Bca/9a/Ofu5fvTg4fpkE+jKs6ekqhHwJceyVKItyjGVzQNe51hMQH70uAf"
    "HR60KIsSoF8XIDKg3xkqWBEB8flYD4+KgQYqxKQRzfzTM4/whAKXfCCrBO8aYAt0PmveiP"
    "9cC/yc18BdrDi4/n18P+x0/Y/ETKvzwNWH94jjU9XTpPlb5I7y+LRsi/LoY/E/xJ/hhcnm"
    "s0hVRjX/e4pBv+0cFnooESIy5mI9hRYiBFxVFRYqZBupr6Ypy/Z50K4THKC47mJGdqmm+B"
    "ta4Xa1Gy2bk9HQw+JKb19CJ1Al/++vH0HA4MPZ9ABLLZ8mBGmejuPnYuY8Ette5n1LdHmR"
    "rRE0W02apJb5IuoZyONX44ThxVKHtfsTuYMmco7hnPk80T9Stlc99QgigJpCVl8wFnJOQj"
    "mo+8uHp3Ro5Pjr4nkllIRo5fdsk9m4IULUH2dah09sg5tRwSSGSeetRiEgXbmascoOBsRg"
    "RnGfG8xr5uuLgDuZ4RCeDBWCeuN39L2APz52FXOG4Ga9gmd76YIA/RukxJGbwVoLdSgDYz"
    "XUXyWHLUJXhsdBYScsdhr4TccdgrlDuwKil36HdnhK9hFYyTXOvB+XkXe83inbTElGURHr"
    "LHgl1kwdAI6XmV/Hb++zBxxkcwvvjY//1lQnz7MLj8KSKPwX72YXCau6rhcJD4oBnYC/fu"
    "DN+Xt/EdQD/cyXsHRydHbw6PjxYb+KJk1b4d7dExXSVQIIOEikQlRSXOuBktZWuW+a6pKR"
    "K0DBj+SJs9n6SW5rfQTvtWT3trTavdmgaKjj8CVbGaQS3J1UCge6/LIA1UhVDruiTWls/o"
    "03avJGcDd60ODNAecFCVjKi9I7tYqBWs3MTY49SF1p4w60nOBs76jsxyqbMKtsSnvNkxtj"
    "VMcLge2/ld//z67AH0sadMcZKzneVtnmUt2OQZWQu19BhHq58X+TqSAGfRfSd85o75ezbX"
    "IF/AE1Fu5WnmoZvi17CZHQP3c7R6otLl2+zT2cLeH19UMHYYMTOupLP+9Vn/x/PO5+dxHl"
    "0zK/BdNT9/YDw3sitJ0F3lPpIh6YghbQX/EVD7cxI6YGhgu4oglp6JtjKtmUirmUMVceAR"
    "YJHYRAkocC2HhNEAXR0h1SWUh04a+OmzvVw/0gb6LBOYFVsW8G8bZrWdXqLdUvM2Oj/N1f"
    "K2P7Zuh/2CrVS2dq+JpURFSOMsT8J0y9SWtUPaGqtbY3VzjNU+g5FKlbtHFGOd5Gog1ge9"
    "N2VixntvioPGsS6Jtc0UKBNZnH+5Hlzm47zkSEuJrqXI/4jnytqOuc4/7gJu4uduA9dTLp"
    "d72O0/OzXNwArAEaGEhJgJ2EjHZqREP2zgdHvCM7VdI0exjuwdxfo07nLltOhi3NccmPit"
    "6JtfKUIUa5I4p/rviqddxNPA/bce5QL/Hnlilmeb/DLUS87GBR+uH242yT3qilFeMDwJ3G"
    "1TOlKCW5nYTqBaIbhlojujK3SV42gzjM0DvBbpzZUjOG7dh5xtevUNmjjfBu/PRLvJTl2f"
    "ycQv5yjaxeLykmM7xGXsb6fF5Tasqdzu01yDt0dBzY/yM1Sd+AxzGxWxzVERO3iDYb+uN7"
    "qO8IhiW0NcwWZcucrNO/hOQ95376+YR1U+2KEl4cK0M9/B3bQoeiK5L+ldRSoYVu6d5gpQ"
    "6Tw119jSzm4/WazqtF6do6pWeLU4VttdZcnSCl+la8VDh4X3bsWdTr7D74mEZU5u50S3tr"
    "zl6ypJrn/uv+q9Pv4Bb/naRHArJ+pjPU22N313NIZjGvhwiFYyvMVYGmh3K6M3F2vNGZ25"
    "vem7kZu+Gza2bfcSrtfaBhLHZPokc9uCs4GYr39Jt9aGYuiba23YrUtUbTaq9vbFFpkX2t"
    "sXjbh9MQjUrXj8yKSkepVkFOwkQffLOrbQDOV07D6ZmIbxUgNownaXzHxXKUwyy/W9CGiA"
    "S2o8HeFVCcuhHDnwUoRFAVfUlvcIKtfYhFlFCb27nm5uuK//N7m8wsS4WIUFbyP9fkJtbA"
    "RqHQETAsXGAqDbnYGmzzHFF5EK3pfy2XTRFBVo9Dl7VFEy4zZP7vYq/20sf43xHz6z3Klb"
    "MYQ3wdRAmGtRTaFHBTtOFT95jGU7HOU7H1eaiFtYnARl1/2SY4M5uIE0YBvKwL1ms2L8Sw"
    "Flr7XEWFr3ZDrUJi2yZHBdrXznsDfQ7tIkFbw1rxW/W801r9253JXOk6Y9xbqRQJ7Wvva0"
    "l1uHXTHfF5XC3JNczQsKXtv1uS25Q/Qb810gtXW8RSfHTpQk6K6yEz2EpCNtMKoQjhFebS"
    "UUIyJ8MvX1N4mUIGLGu/qbSMHYiQwv+itHSOLaQKvNLQ8isBxMnw51aMsZ5GR4r6mfG47f"
    "U8LmTKIOtDDpGx6vLIrRHVGXZjUD/IKomdAMUluOdLr3CLmIvI54kG/FHlTbBStjBq188S"
    "fF1rhAhFrMEYutpLqMkWJtoGzZJCljC7x4O79pfZUo8SV/H5xxQwH/1Ozte9ZJqMfX91Vy"
    "WT8AdH33vzrq+AzK8mSzLNFK+YzGyWG0Nispo/VRSHmFuyVBLpONjBIpLJd65ls13Sh3GV"
    "ZyxUAUYo/G1SZDeUkaD5nMxs+uuf0bfsNR3LvFj1mCdOZR9N0JTt5dDS6H55c/jn69+mC+"
    "0qMdgtDlUnibojsRdznt/gPZ8NPgeki+Q+y+0+3f8AXnp/dn55Hs5sf8ix4ejky7DU0G+V"
    "AshHGYbvXHhU6OD49ftpG/u+z8w6VTOTA1wdQ4cbD9Ak37BZr2CzSFPhL98i+OiMrbRoKz"
    "Ecs7lQbssMTucXRYnAbsML17bONn2BoVo9F+U+kbUNPbkOpvYZbbz1I0e3599sQZTjC2c7"
    "zNc7wFBtXnFnjaaxG7ZirdmLt7kdAix5oaT3ZRbERNptYo9xWKhRc5/LKDdjAbz7NxRZvr"
    "B8Z8aayQEceYPjBCfUa4UDqJQP43J9beQ45J8s9OxIMEMrj9D7PCewmtT/qZfNLxGSmr38"
    "Z5GqjhHhyX0HAP0kd0LGnfccYAGS71ChjHWBoIcS05xNtcnzXHVJhAlCg8IsdttCr/ZJZ5"
    "g0koFyU7m4WyjZQuXvnNjZRu0x62enerd7d6d6t3x7Ij5mjeydyJxbp3PF1jOe27H0bdCN"
    "8EdZvb+ZiaT2vGS7WZ28TBS/ugA1tiwggOm8xZjrr99U1ifNJ7zAcYJilA7e6WSkZgPTom"
    "1nyRwEAyif50aEHcu/BTmP4wM4Hw73VUE+YZmN9w/B12awH/LVumF4R/vPlbE51EPU8/iF"
    "kaxhbgi5kJgAI+DEk3nWEehKlH59CIB4j75M7FOCoYjwNQtCHqW2gO0K9G5YCkJFcbkZRS"
    "pbIRSa3VZQNWlzB6swrGMZYGQrz+dfy8oV5bpoysO9IrPLkrbcRLlubZtOrIDoMhROiOsU"
    "LRsYJBK8vcGrQqGLR8Zrs+s9Qo8N0qSzzN18B9urd/VCZTCZIVm291ZU7oaHTboArmGcYG"
    "gl7Lx5q4CE0JZZFeMDRv+64F4ILQ/hUnZKNC+1MI7/fKSHhIVoyxrsxJyxP4lXxrcZ7mre"
    "Vad+jnDO7fatTXH9vfRiW3npU6PCvb9ho1ybGyZdjuuF+lD1K95XTy7oabmu7KC+FLmvY7"
    "4Lv0NndX+AAKzXnF0kexJa8JcnUt0Wr4UlVAOCRvILoH+/ullJb9FTrLfm424rysz1/IRp"
    "yb83kD2YifR5JbW97hr0og87WH2ef/Axzx+Lk="
)
