from tortoise import BaseDBAsyncClient

RUN_IN_TRANSACTION = True


async def upgrade(db: BaseDBAsyncClient) -> str:
    return """
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
        CREATE TABLE IF NOT EXISTS "verified_emails" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "email_lower" VARCHAR(254) NOT NULL UNIQUE,
    "verified_at" TIMESTAMP NOT NULL,
    "user_id" INT NOT NULL UNIQUE REFERENCES "users" ("id") ON DELETE CASCADE
) /* The address a user proved to own, through a link or a provider that vouched for it. One */;"""


async def downgrade(db: BaseDBAsyncClient) -> str:
    return """
        DROP TABLE IF EXISTS "email_tokens";
        DROP TABLE IF EXISTS "email_outbox";
        DROP TABLE IF EXISTS "verified_emails";"""


MODELS_STATE = (
    "eJztXG1v2zYQ/iuEP6WAGySO42TdMMDJ3DVbEw+N94Ktg8BItCVEIlWRihNs+e87UpL17s"
    "iu5diavrQxeUeJz5GneyP/6TjMIDY//MhmFh0KQRxXdN6hfzoUOwT+KOzvog523bhXNgh8"
    "ZysGW1JqOCBVXfiOCw/rctwptjmBJoNw3bNcYTEqeW6ZQ4Rp0RnSmU8FMRCeYYtygTCyLc"
    "cS6IATgoTpMSFsoDt0n968g04Xcz5nnoF0k+j3XeQRhz0A+9wkFFnqTQ2mw+OBp84Hfabc"
    "13VCDN5FzAN6bs3oW99VPygTJvEQF9gTwVOA0YUWbBge4fzb7Gho5rE5R8w2DuUMfGp98Y"
    "km2IzIgWAef/0NzRY1yCPh8udfnXAoBXcAPTFACB0ghE5dzVZ1ltHJEd17bWoR20gtAMuQ"
    "xKpdE0+uaruwZldUvFe0EuI7TWe279CY3n0SJqMLBit4+oxQ4mF4JLQJz5crgfq2HS6daH"
    "EE841JgokmeAwyxb4t15PkDl4gbuto2s14ot2OJprWya21iCOxKsImnVG5TuFVuQJgJl/h"
    "7Te93snJWe/oZHB+2j87Oz0/Ogda9b75rrPn4GVitIKhFGZXP17dTOQLMdgMwV6RDc+KBw"
    "sccCl5xujfw+Tz+F+a2CtGP6LP4A8Ty+Ifob1MAFFDLIF4Ay/gjrZGpy5BOPhRswmdCRN+"
    "Hg+WYPzb8NPlh+Gng+PBmzTQN2FPT3VJyGOIE1uiKsoJlu0BXedaT0HcP60Acf+0FGLZlY"
    "E4VkCVIY5ZGgjxoF8B4kG/FGLZlYE4qc1zOP8AQAnLISVYZ3gzgBsh82H0x2bg36YyX4L2"
    "5Op6dDsZXv8ih3c4/2IrwIaTkezpqdanTOtBVr8sBkG/X00+IPkT/Tm+GSk0GRczTz0xpp"
    "v82ZHvhH3BNMrmGmiUBEhRc9SUkjRYV67HZsU664Ixm2Ba8mlOc2bEfAesdW2sRct2ZXsx"
    "Hn9MifXiKvMFvvn1+mIEHwwlTyAC2yz+MEubaHqf+C7Lhjus38+xZ2i5HtZjZbT5LqfnZF"
    "swxTOFn5ynnFVoe38iUxCZOWH3hBbZ5qn+pba5F1CCKQmkFW3zMSUo5EOKDx18en+JBmf9"
    "bxAnuiRDgzdddE9csKI52L4m5uYhGmHdRD6XzK6NdcKlYTu3hAkUlMwRoyRnntf4rM+UTc"
    "GuJ4gDeDBXx7Kf3iHyQLyn8FFy3gTWsIGmHnMkD1K+TEUbvDWgd9KADiS9iuURc9RleGxV"
    "Cim746RXwe446ZXaHbIrbXeovaPJbbgKxmmuzeD8uou9ZvOO68wleYQn5LFEiywYGmE9L7"
    "PfRn9MUt/4CMaD6+Efb1Lm28fxzY8ReQL2y4/ji8JVDR8HLl80B3up7s7xvazG9wD9UJP3"
    "jvtn/fOTQX+hwBcty/R2pKMTvoovwAYJHYmVHJUk43a8lJ1Z5vvmpnDwMmD6mgp7ruWWFo"
    "/Qin2nxd5G02qPpoGj42ngKq4WUEtzNRDo3mkVpIGqFGrVl8Za9wheT3ulORuotTowQWNM"
    "wVUKTO090WKhV7BUiZFH14LR1pB6mrOBUt8TKVf6VoFKXGdnJ9g2IOBwPbby3bx8PfIA/t"
    "g6Ik5ztlLeZSkrw6YoyFrqpSc4Wv+8LNeRBjiP7nvmEWtGfyZPCuQreCNM9SLPPExT/BoO"
    "s2fgPkerJ2qNd7OH54t4f3JRwdxhxiRIJV0Oby+HP4w6z6+TPFKoFySNImmUJ4vkhKrliM"
    "qx3HDa5P+SM/nKSFt5NkTKVP2dg3a54xjxNNBt3HxKJAJMs9m8SHO+DHXM2bjUyObhJg62"
    "7FVQXjCsBe6OWXLZGEiVzBNQLYmB5HJPUYHfylm+HGPzAD/unVepR+ydlxckyr404BbX4H"
    "NrPRSo6eX1PUm+LVb3RNpkr4p7ctnVgpj1T7fjmyXp1aKQtWHpAv2LbIvX5kl0vpv6NCiG"
    "ufMtW1iUH8rnfd/ZvhAkQikh5LKv2URrN+0BygGy2dc26FqufZobdLUxF1p0emRVweeY25"
    "jNLsds9rC+4qiuHV1H8OZ1Yg0jaViXlqkmervL4g7KPF+pRHVikrCGk03VQS56jzihAt09"
    "ITVaXDFqCY5uPwzf9k4H38qKUQMxqhNV4pmqRN3MkG3V6J5Wjbq+BypvpTBJgqWBUZIqXk"
    "65j5PzcNqq0a1UjW45NLLbS7je2AgX2HHXCo4sOBuI+eaXdOsblkPfXN9wvwpy2pONbSZ/"
    "h5zBNpPfiEz+2Bd37PGacI7VKsk52GmC7ss+NlMM1XzsIXKCgcEtlp6w0UVzzxJCXlhC1c"
    "FKGIByHMSlw7OWuomp5DCxQDoGXKW3fIikcy2HCFZRyu+u5zGfqaf+D86FhpesyC7Z8C7y"
    "7x1syEGg12QgEGgOIgBq3Dl4+lQeF0VcwH6pfjMLbCbhK/QpeRTRxTjtnSu76/zv/p0re5"
    "yt94huudaKZxdSTA2EuRbXFJ4oQOOsktVMsOxGWlM+tjFpzfhLUHXdxxxbvM8JSH2ypduc"
    "NhxWTN46V9GDSLK0yaRsYUTWZMnhutz5LmBvYNylSS54G14r31vNDa9NLWpxcy2xZ1i3Un"
    "bRxtfW29yqSIZ4HlupKDnN1bwSzo2dG96RKozfiGcBqaHqLToFcaI0QXdZnOghJNVUwGiF"
    "cozwTD/CsiLCQ66n7rcVDLE57ar7df2ZGQVe1I25ksQygFaFWx6Yr5vyKi7ok7GcccFtYT"
    "U95zOVd/PK4boIU0NFmFQ9/lsdy+qO6JHBagb4GRJzphi4ihypq8Mi5CLyOupB/i/xoNqO"
    "wwRh0JWPaWTYGleIUEs4YqFKVrcxMqwNtC2bZGXsQBZv75XWV5kSL+X74Bs3YfBPzdm+Vx"
    "VCPbm+r7LLhqDFdLPIIAt7llpiOKZpj+Pu01ZeZn+UFsCX2x7lte/NSITUcIeT3FQrIByS"
    "NxDd46OjKocVj47KDyvKvoI0U1E674U0U2Eybwtpptex4jaWUHrVIMPzf2ylWEU="
)
