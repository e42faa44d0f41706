from tortoise import BaseDBAsyncClient

RUN_IN_TRANSACTION = True


async def upgrade(db: BaseDBAsyncClient) -> str:
    return """
        CREATE TABLE IF NOT EXISTS "mfa_authenticators" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "kind" VARCHAR(16) NOT NULL,
    "name" VARCHAR(64) NOT NULL,
    "secret" TEXT NOT NULL,
    "last_step" BIGINT NOT NULL,
    "confirmed_at" TIMESTAMP,
    "created_at" TIMESTAMP NOT NULL,
    "last_used_at" TIMESTAMP,
    "user_id" INT NOT NULL REFERENCES "users" ("id") ON DELETE CASCADE
) /* One second factor of a user, kept as nothing that works without the key of this service. */;
        CREATE TABLE IF NOT EXISTS "mfa_pending_logins" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "token_hash" VARCHAR(64) NOT NULL UNIQUE,
    "amr" VARCHAR(64) NOT NULL,
    "method" VARCHAR(32) NOT NULL,
    "scope" TEXT NOT NULL,
    "token_version" INT NOT NULL,
    "counted" INT NOT NULL,
    "with_device_token" INT NOT NULL,
    "failures" INT NOT NULL,
    "created_at" TIMESTAMP NOT NULL,
    "expires_at" TIMESTAMP NOT NULL,
    "used_at" TIMESTAMP,
    "user_id" INT NOT NULL REFERENCES "users" ("id") ON DELETE CASCADE
) /* A login whose first step succeeded and which waits for a factor: what the `mfa_token` */;
CREATE INDEX IF NOT EXISTS "idx_mfa_pending_expires_393530" ON "mfa_pending_logins" ("expires_at");
        CREATE TABLE IF NOT EXISTS "mfa_recovery_codes" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "code_hash" VARCHAR(64) NOT NULL UNIQUE,
    "created_at" TIMESTAMP NOT NULL,
    "used_at" TIMESTAMP,
    "user_id" INT NOT NULL REFERENCES "users" ("id") ON DELETE CASCADE
) /* One single-use recovery code of a user, kept as its SHA-256. */;"""


async def downgrade(db: BaseDBAsyncClient) -> str:
    return """
        DROP TABLE IF EXISTS "mfa_recovery_codes";
        DROP TABLE IF EXISTS "mfa_pending_logins";
        DROP TABLE IF EXISTS "mfa_authenticators";"""


MODELS_STATE = (
    "eJztWm1T4kgQ/itT+eRWqaWA6O43VHalTmVL2butvbuKYzJAimQGZyaL1Jb//bonCSEhsO"
    "CKJ2w+Sfpl0vP0vHQ/5ocVdOl+I9R9xrXnUC2k9YH8sDgNGPwo0O4Siw6HsQ6fNL33E1ub"
    "TtsqY3yvtKSOBosu9RUDkcuUI72h9gRHvzZnRDFHcBcsHPAjoksoCRWTu2TAhppQRbjQfY"
    "/3iO5TTUZCDhQZebovQg0iBmZj9AIbBWPJ757D9vHtrnDg9eC47heF3HsIma1Fj4EZgvj3"
    "vyD2uMsemUoehwO76zHfzWDsuTiAkdt6PDSyU6/X4vqjscVp3NuO8MOAp/bDMQTFJw4e1y"
    "jtMc4k1QzfoGWIaPPQ9+MUJQmIgk1NoiinfFzWpaGPOUPvKIBUZtn2dbtj3zY7tm3N5DPx"
    "mEI+FgHyuBYgVGUA6GEIe+8rlWr1uHJQrZ8c1Y6Pj04OTsDWxDurOn6KgknRioYymLU+ta"
    "47GJCABRetSRQ8GR+qaeRlkpGiP4DJz+J/1qeyGP3EPoc/TCyPf4L2ogQkgjQD6SZ5jRQE"
    "9NH2Ge/pPjwe1heg+2fj5uyicbNzWH+Xhfg61lSMCsFOwTV/VwA3sd9CcOu1JcCt1+aCi6"
    "osuHCUSaZn4e2wxzknR+qxFQAvALTT/GpOgkCpB38ayJ2rxleDcTCONZft60+J+RTwZ5ft"
    "0xzgPlXaVpoNVzuvM24/P7ZfCviDLTi2U+whiK4nA+batGDJnwN22gtYcQLyvrkcuLHzfv"
    "JjiYzE9+Qm7ITWVfO207j6nNkO541OEzWVzFZIpDv5M34yCPmr1bkg+Ei+ta+bBk2hdE+a"
    "N6Z2nW8WxgTloLC5GNnUncYkESeibKYlQ9yfk+eM5wtk+a0deBZM0G1zfxyvwA1Je7xZFm"
    "bdHJJQiT8n73nfcn+/5f2N7ZZd1PPMvUCnPF7v+lx/41M5rB3XTqr12uTinEgW3ZfR3Yjd"
    "ZHdQ2NEgXLPofhSSeT3+BxsbkFsQEeVOUbUdCJf5av9LPMyGgfuUrJ5Emu5mSUeT9nt6Uc"
    "HcYcZMR81J4/ascd60DML31BmMqHTtDNSoERWRk0xsZ1VBJchLKKc9Aw7OAmNGpuUz4y7M"
    "7VL0PG7laZiMcnchCzOMTG0fbZdkYRrEWJNRXyhGoF5SmmDRSlToOIy5zCWUu6D2nD4ZUU"
    "8r0hWS0JhK+QAaGlEkdxiCFgPG72YomLW85R9OuRoxCc5I1UQqyR5CD0R3BBe6G42zk7A8"
    "OPDtRWOvclR/txu/EgZGsRkTSR/fJw6VclzyO2+/UZjP75h02n2q+qsQEVmvl+mW/99krJ"
    "mMoEHBnTMf39h8K2iIdUMbwIkjVuIoU48tBLhaWQLgamUuwKjKEWmOGBbQlAt4tMRhK+B9"
    "bRotOlu/M6kw0OXbgBm/shkoJMpCjpOfLTmE8Bnl8yiyiVcO1Xtw20BYF9UR7fZlZlGftv"
    "Kr9svVafNm59CscDDy9BxWEstNiB3/CxjVoivCXuhfJmD5BHSp54dITix/jEy7bA0b/3LH"
    "R8m+/obsK3scQq+snpH1rOfrZP01+6YNSfKyzOtzNnbJrG9Ofktm/Zdvw5JZ30Jm/YY5Aj"
    "rH8RlkwMoz6xnl7kJmXcamgILLVvm+EYD12R5AQ5IhCA5R9AXiFDc95xvGXxis5LE3lMfG"
    "BK9MY2ecShb7p1Rr2f3Mh357u5+yLi7r4rIuLuvi36kufvoPGpKYoA=="
)
