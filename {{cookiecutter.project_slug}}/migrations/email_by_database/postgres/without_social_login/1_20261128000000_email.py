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
    "password_trusted" BOOL NOT NULL,
    "user_id" INT NOT NULL UNIQUE REFERENCES "users" ("id") ON DELETE CASCADE
);
COMMENT ON TABLE "verified_emails" IS 'The address a user proved to own, through a link or a provider that vouched for it. One';"""


async def downgrade(db: BaseDBAsyncClient) -> str:
    return """
        DROP TABLE IF EXISTS "verified_emails";
        DROP TABLE IF EXISTS "email_tokens";
        DROP TABLE IF EXISTS "email_outbox";"""


MODELS_STATE = (
    "eJztXVtv4zYW/iuEnzKAJ0gcx0mnxQJO6ulkO4kXE7dbtLMQGIm2hMikKlJxjG7+ew8pyb"
    "o7ksdybFUviU2eQ4nf4eXcSP/VmTOD2Pz4M5tZdCgEmTui8wH91aF4TuBDbn0XdbDjRLWy"
    "QOAHWzHYklLDPqmqwg9cuFiX7U6xzQkUGYTrruUIi1HJc8/mRJgWnSGdeVQQA+EZtigXCC"
    "PbmlsCHXFCkDBdJoQNdMfO8t0HqHQw5wvmGkg3if7YRS6ZsydgX5iEIku9qcF0eDzw1Pmg"
    "r5R7uk6IwbuIuUDPrRl97znqC2XCJC7iArvCfwowOlCCDcMlnH+fbg3NXLbgiNnGseyBR6"
    "0/PaIJNiOyIejHH/+DYosa5Jlw+fWPTtCUgtuHnhgghA4QQqWueqsqi+hki86jNrWIbSQG"
    "gGVIYlWuiaWjyq6s2Q0VHxWthPhB05ntzWlE7yyFyeiKwfKfPiOUuBgeCWXC9eRIoJ5tB0"
    "MnHBx+fyMSv6MxHoNMsWfL8SS5/ReIyjqadjeeaPejiaZ1MmMt5IiNiqBIZ1SOU3hVrgCY"
    "yVd4/12vd3Z20Ts5G1ye9y8uzi9PLoFWvW+26uLFf5kILb8phdnNTzd3E/lCDCaDP1dkwY"
    "viwQL7XEqeEfqP0Pks/tcmdvPRD+lT+EPH0viHaK8TQFgQSSCawCu4w6nRqUsQc/ys2YTO"
    "hAlfTwdrMP51+OX60/DL0engXRLou6Cmp6ok5BHEsSlRFuUYy+6ArnOsJyDun5eAuH9eCL"
    "GsSkEcLUClIY5YGgjxoF8C4kG/EGJZlYI4vppncP4RgBLWnBRgneJNAW4EzMfhh+3Av8vF"
    "fA3ak5vb0f1kePsf2fyc8z9tBdhwMpI1PVW6TJUepdeXVSPovzeTT0h+Rb+P70YKTcbFzF"
    "VPjOgmv3fkO2FPMI2yhQYrSgyksDgsSkgatCvHZbP8NeuKMZtgWrA1JzlTYn4A1rom1qpk"
    "t7K9Go8/J8R6dZPage9+ub0awYah5AlEoJtFG7PUiaaPsX1ZFjxg/XGBXUPL1LAeK6LNVs"
    "1783QJpnim8JP9lL0KdO8vZAoiMyfskdA83TxRv1Y3d31KUCWBtKRuPqYEBXxI8aGjLx+v"
    "0eCi/x3iRJdkaPCuix6JA1o0B93XxNw8RiOsm8jjktmxsU64VGwXljCBgpIFYpRk1PMan/"
    "WVsino9QRxAA/6Orfs5QdEnoi7DB4l+01gDBto6rK55EHKlimpg7cK9F4q0L6kq2geEUdd"
    "isdOpZDQO856JfSOs16h3iGrknqHmjuanIZVME5ybQfntx3sNat3XGcOySI8Ic8Fq8iKoR"
    "Ha8zr9bfTbJLHHhzAe3Q5/e5dQ3z6P734KyWOwX38eX+WOatgcuHzRDOyFa3eG7/Vl/ADQ"
    "D1by3mn/on95NuivFvBVybp1O1yjY7aKJ0AHCQyJSoZKnHE3VsreDPNDM1M4WBnQfU25PT"
    "cyS/NbaMW+12JvvWm1e9PA0HE1MBWrOdSSXA0EundeBmmgKoRa1SWx1l2CN1u9kpwNXLU6"
    "0EFjTMFU8lXtA1nFAqtg7SJGnh0LWttA6knOBkr9QKRcaq+CJXGTmR1j24KAg/HYynf78n"
    "XJE9hjm4g4ydlKeZ+lrBSbPCdroZUe42jt86JYRxLgLLofmUusGf2ZLBXIN/BGmOp5lnkQ"
    "pvglaObAwH0JR09YGs1mFy9W/v74oIK+Q4+JH0q6Ht5fD38cdV7eJnh0T3TPtcRy9ERobm"
    "ZXkqC7LnzEA1KNSNoK8SOgdpcoCMBgz7AEkljafraV35qfabUwsUAmvAIMEgMJBgWWbqIg"
    "G6CrMqS6CNMgSANfXXKcG0fawTPLJGbFhgX8bdOs9jNKdFhm3k7l01wrb/9z6w44LthqZV"
    "uPmuiCVYQ0zrIRpntmtmwd0tZZ3Tqrm+Osdgn0lIvcNaIY6yRXA7E+7V2WyRnvXRYnjcu6"
    "JNYGEWBMZHH+9/34Lh/niCOtJVq6QP9HtsVr2+Y6P0w96ufPPXiWLSzKj+Vj/9WpSQJrAJ"
    "cIJTTETMJGOjcjpfrJBq72Jz1T+TVyDOvQ31FsT8tVrpwVXYz7lhMT/yn25jeqEMWWpJSp"
    "+lxxtwt5Grj+1mNcyM+azRZ5vsnXoY44G5d8uH24yTx3qytGecWwEbj7ZnSkFLcyuZ1AtU"
    "Zxy2R3hkfoKufRZhibB3gt2pvFNdhuraecZXr9CZo43w7Pz4SryUEdn8nkL+cY2sXqcsSx"
    "H+qyfN5Bq8ttWlO51ae5Dm8bg5kf3s9QVfAZ5jYrYp+zIg7wBMNJXTO6jvSIt/E1jKRiXX"
    "gQNFbbXed3UOp5pUOgE5MEpyTZVF2VQh8RJ1SghyVSrUVnMi3B0f2n4fve+eB7eSbTQIzq"
    "OTH67TTZnss80Ii747mw5FVyk8RYGuglKWPlFNs4GQunPZe5k3OZO3aN7PcQrtc3wgWeOx"
    "s5R1acDcR8+0O6tQ2LoW+ubXhYR17au4PaXPk9MgbbXPlG5MqPPfHAnm8J51iNkoyBnSTo"
    "vm5jM8VQzsYeornfsExBB0vY6KKFawkhrwSlKosdGqAc+37pILFdNzGVHDKFXceAq7SWj5"
    "E0rmUT/ihK2N31POYrddV//+al4BpTWSULPoT2/RwbshGoNRkIBIp9D4BqdwGWPpUXMiEu"
    "YL6Uv/sUJpPwFPqUPIvw6tn2VtP9Nf7bzOsao/Uu0S3HqphwmWBqIMy1mKbwRAErTpWoZo"
    "xlP8KaB58FmIgyr3aCsuM+4tjhjclA6pEd3Ze8Zbdi/F73socQYixtMCmdGJFWWTK4rje+"
    "c9gb6HdpkgneuteK51Zz3WtTi1rc3EjsKdadpF20/rXNJrdKkiGuyyolJSe5mpfCubXDTn"
    "uShfErcS0gNVS+RSfHT5Qk6K7zEz0FpJpyGFVIxwgOIiIsMyJc5LjqF2QEQ2xBu+oXbLyZ"
    "GTpe1G/SSBLLAFrlbnlinm7Ky66hTvpyxjn3cdf0nK9U/vqNbM6/VkF6mFQ+/nsdy+yO8J"
    "H+aAb4GRILphi48hypy7lD5ELyOvJB/in+oNqOw/hu0MrHNFJsjUtEqMUdsVpKqusYKdYG"
    "6pZN0jJWiQ0wgLkgea7sdYcY8tjb3wKpcJhhD6KoB79pfJMq91q8FXSMCYM/NUdb31QI9c"
    "Rav0kvHsIuopt5CnFQs1YTxhFNexz6kKbyOv2v8ABCse5XfPagGYGoGi7+kJOqAsIBeQPR"
    "PT05KXNY9OSk+LCorMsJ8+WFU18J8+UGU3cQ5nsbLboZ13q8/A3hlbvd"
)
