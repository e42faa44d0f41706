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
    "eJztXG1zGjcQ/isaPiUzrgdjjJ200xns4NSNbTo2aTOJOzfiToDKIZGTMGZS//eudHfcOz"
    "kcDpvrffGApNXLs9Jq92Hlb7UJt4gt9i/5kLK2lGQylbW36FuN4QmBD6n1e6iGp9OgVhVI"
    "3Le1gK1aGthtqqtwX0gHm6rfAbYFgSKLCNOhU0k5UzJtNMVCzLljIS2OTD5jklgIDzFlQi"
    "I5IsimEyrFz8ghE34PdfMRYYhKJGamSYglEHfQ0OFz+GBb+2pgi5swMmXDAseYMfp1RgzJ"
    "hwQ6cGCkL39DMWUWeSBCff1Sw5blEOFi4eJCLECoBg2h0tQT0ZVZ7VSP07ExoMS2Itqhlm"
    "qsyw25mOqyUzq8YPJct1Ug9A2T27MJC9pPF3LE2VKAuqMPCSMOhiGhTDozpSY2s21Pr77m"
    "3PUGTdyFhmQsMsAzWylbSbsTCMpqhnHd7Rm3nZ5h1BIbwZcI6c0rMjlTmwimKjQAQzWFn9"
    "40GoeHx436YevkqHl8fHRSP4G2er7JquNHdzIBWm5XGrOL9xfXPTUhDjvV3ciq4FHLYIld"
    "Ka3PAP2QvqIqOBthJ10BIZGYFmB5cS34mK9Sg18Q6CE4Y9tQxAQ/GDZhQzmCr82jFRj/2b"
    "45+61986p59DoK9LVX09BVCvIQxMHpyA1xIFJCiFvNHBC3mpkQq6oYxGFTk8D5HQAl6YRk"
    "YB2TjQFuecL7/ofNwL9NS7MC7d7FVee21776Q3U/EeKrrQFr9zqqpqFLF7HSV62YZpadoL"
    "8uer8h9RV97l53NJpcyKGjRwza9T7X1JzwTHKD8bkBFiUEkl/sFz2qq2MwDpkvVdDH5niO"
    "HctI1PAGz2qbrJo0JvESzPBQ60ihqebp+Q83ZAALGfX4mLA0/yJSv9K/cNyWcONC05z+RZ"
    "cR5MkhLYde3ZyfodZx8w0SxFTNUOv1HhqTqURYIIxGWIz2UQebIzQTSnhqY5MI5QvMqRxB"
    "C0bmiDOS8DMKHOuO8YF2UwSAB2udUHvxFpF74iy8odS6CZwTCw0cPlEyrrOT01Wp/IwX6W"
    "e4ml7nDgwkiroCt6qFyA142MhxAx42Mm9AVRW9AfXZMdQxXAfjqNRmcH7ezV6woyFMPiVJ"
    "hHvkIcOKLAVK4cet8iQ6n3oRJ8KH8dVV+9PriCNx2b1+7zcPwX522T1N3dVwOQg10QTsmb"
    "Y7Ifd9M74D6HuWvHHQPG6eHLaaSwO+LFllt30bHaBrOgQ/zWeOSm7HY94u1LBAq8vg/nHt"
    "14640J6pTXjQYa2ThymF3p6g9ahkCbW+I1rODJTCagY3/CknOyS2AQV7+7HS7+b165B7uO"
    "SeouKoZKXll6xlOI6OkRa5Zro+IYnK6fGcngSBFAU4ie45dwgdsg9koUG+gBlhZqb58R73"
    "89HrZsfAffR3j18anGYHz5ckSnhTwdphxUS6kWX79qz9rlN7fB5GTqOewsT52shm4NSC8h"
    "Fv2VhumIv6vxBRPxi+ZFNMSqf6cwLabAIkLFOKCL1onskHzLD5PM1yfh/qQLJ0fNPm4SYT"
    "TO11UF4KPAncF+bJRdFtHOWh86BVJr66Lgqwn1CxNnWaECwf4AeNkxyAQ6tMwHVdFHAqDL"
    "hu6X2KmT7l3CaYZdyCYbkY1n0QLMpW+9Zku4HKabd7GYlRTi/idOnHq9MOoK+xh0ZURn6J"
    "iVHWKQkev992r1dw1mn5HRY1JfoX2VQUFknUfhnMmPsLY39GbUmZ2Ffj/VrbvhIUQqsp7T"
    "h7vReNAFUHcUq7Il2zrU95SVcbC2n4aYXrKj4hXHE2L5mz2cEfrepFnegiyJtsriEcYBMm"
    "qaRpF9+pJ3v+4YbYWKaD7TEJF24/ix20plncTtQuaasiJCwrLQl0Hah0evWt6mlnzU8Sqy"
    "LZq+XeSmGwwvsum8WK7vJ8OWRTh9+DnIO8HFPw5tiYWEhyhFXulrOPeiPi5mIJnam1lBji"
    "e4KwQxDjUud+JTPUCxkhhWj7UvNltPs76/9DTC/JvOLfnol/C2skdxQdkikh/3bQyhNAx5"
    "2VUPzcSiQgeVt9DYxDIiWEuHGUJ2EfWq1ghRIp+xXtVjDtpvFSvi6FTtMSc1dRQUnhLfJB"
    "y5KdJYQqBiJ751cMRMVAvGhVV1kjW/N1q6yRcmaNhIiKrFfiSxrje2/EXeYkX/Td9h5tc0"
    "dHxBD5YonmEMG7kXEQNjNLvafSMbDJJwSpZaMFSQm3f7zLO3YHG3YqEfSiQnEV3fWxesKF"
    "VaytemR+nSBCUZPQAx9T+Mrd8dQbL+6MBYIq/ZDrjqnv3rAmyPeJivstaGAS+KNefKn+TG"
    "zbeiLu1nC5AIfP97QgyHHb8ga7Y/pJ2QI6sQFxBw1g7+v1jACKIp6GVXTAD9IB+mis/bN6"
    "VKp0GSKbf5FUsS5bYF366v9lrIdxSKSEEG9+HzvEog4xpTFz6Do4x+VKCHaj3syTiKOaZX"
    "MwujJGBIBX49Moa+3thGAJQS8k+YlxLx7Ii/RSoHy8YiEAZ7zPXeFvlOp9bgzheiOPmVbN"
    "sjHWlbFdTB6UuV2LIA/LlG8vF2Whd+utZvU/bXaFrntph6lMbN0Lw3bHybo2eJnmqJZC1H"
    "k1e6tIOhy0qd557dJp3ltBLGVmVmZ7H9lJlWXw8wpJgVCHag2EveYlRPegXs/lRNdX+ND1"
    "ZOjNJEn7n5DZrzJCItt/lvE8ntzGHmCskUO8+cvs8T/Himju"
)
