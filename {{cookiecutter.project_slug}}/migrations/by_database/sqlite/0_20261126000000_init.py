from tortoise import BaseDBAsyncClient

RUN_IN_TRANSACTION = True


async def upgrade(db: BaseDBAsyncClient) -> str:
    return """
        CREATE TABLE IF NOT EXISTS "login_attempts" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "address" VARCHAR(45) NOT NULL,
    "account" VARCHAR(64) NOT NULL,
    "attempted_at" TIMESTAMP NOT NULL
) /* A password login counted against the limits; removed when it succeeds or grows old. */;
CREATE INDEX IF NOT EXISTS "idx_login_attem_attempt_99f669" ON "login_attempts" ("attempted_at");
CREATE INDEX IF NOT EXISTS "idx_login_attem_address_f7a04f" ON "login_attempts" ("address", "attempted_at");
CREATE INDEX IF NOT EXISTS "idx_login_attem_account_15d226" ON "login_attempts" ("account", "address", "attempted_at");
CREATE TABLE IF NOT EXISTS "users" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "username" VARCHAR(32) NOT NULL,
    "username_lower" VARCHAR(32) NOT NULL UNIQUE,
    "email" VARCHAR(254),
    "password_hash" VARCHAR(128),
    "is_active" INT NOT NULL,
    "scopes" JSON NOT NULL,
    "created_at" TIMESTAMP NOT NULL,
    "last_login_at" TIMESTAMP,
    "token_version" INT NOT NULL
);
CREATE TABLE IF NOT EXISTS "refresh_tokens" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "family" VARCHAR(32) NOT NULL,
    "token_hash" VARCHAR(64) NOT NULL UNIQUE,
    "scope" TEXT NOT NULL,
    "token_version" INT NOT NULL,
    "created_at" TIMESTAMP NOT NULL,
    "expires_at" TIMESTAMP NOT NULL,
    "used_at" TIMESTAMP,
    "revoked_at" TIMESTAMP,
    "user_id" INT NOT NULL REFERENCES "users" ("id") ON DELETE CASCADE
) /* One refresh token (RFC 6749 section 6), kept as a hash. Each use replaces it with a new one */;
CREATE INDEX IF NOT EXISTS "idx_refresh_tok_family_8ce7f3" ON "refresh_tokens" ("family");
CREATE TABLE IF NOT EXISTS "aerich" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "version" VARCHAR(255) NOT NULL,
    "app" VARCHAR(100) NOT NULL,
    "content" JSON NOT NULL
);"""


async def downgrade(db: BaseDBAsyncClient) -> str:
    return """
        """


MODELS_STATE = (
    "eJztWm1v2zYQ/iuEPiVAFjjyS9JuGGCnTus1sYfE3Yp2g0BLtExEIlWRimN0/u8jKcl6d+"
    "3MdhLP3+S7e/jyHHk8nvldc6mFHHZ6TW1M2pwj1+PaW/BdI9BF4qNUfwI06HmJVgo4HDkK"
    "4EhLA4amSgVHjPvQlO2OocOQEFmImT72OKZEYtrAg4xNqW8BBQcmDQhHFoA2xIRxwCcION"
    "jFnP0MfOTSB6GbThABmAMWmCZCFgPUB7ZPp+LDsU5lxxY1Rc+Y2FvsIyD4W4AMTm0kGvBF"
    "T1//FmJMLPSImPz5VYOW5SMWchHygizBkCYMhdJUA1HKKjvZondvjDFyrIx3sCWNldzgM0"
    "/JOtjuEX6lbCUJI8OkTuCSxN6b8QklCwAOe7cRQT4UXQoZ9wPpJhI4TuTX2HPhfBOTcKIp"
    "jIXGMHCksyU6HEAi0wyjPxgad92hYWiFhRAjUn6LRCYlchGJoTJFgC2H8NMbXa/Xz/VavX"
    "XRbJyfNy9qF8JWjbeoOp+Hg0nYCptSnPXe9/pDOSAqVmq4kKVgrjCQwxCl/Jmwn/JX1gWX"
    "E+iXOyAFyXlBTC/vhZjzZW6IBYkfkj22C0e48NFwELH5RPxsNJdw/Ef79vJD+/ao0TzOEt"
    "2PNLpSScpTFCe7Y2WKE8geUtxqrEBxq1FJsVTlKE6HmgLP7wRRHLuoguscNke4FYFP44/N"
    "0L/LSLOE7WHvpns3bN/8Lpt3GfvmKMLaw67U6Eo6y0mPWjnPLBoBf/aGH4D8Cb4M+l3FJm"
    "Xc9lWPid3wiybHBANODUKnhogoKZJicSyay6NjfJ8KX1Iwgub9FPqWUdBQnVbZFlWu7uYl"
    "kEBb+UiyKccZ5Q+3aCwmMhnSe0TK8ouMfml+4YeW4sQVpivmFwOCQIQDCgeObq8uQeu88Q"
    "YwZEoz0Do+AffI4wAyAMEEsskp6EJzAgImwZ4DTcRkLjDFfCIsCJoCSlAhz9hiX38ROlZp"
    "ChPkibm62Jm9BegB+bOoKzlvJPaJBcY+dSUmTHZWTFUOecaLzDNCT69zBiaIbR2BO/VC5g"
    "Ss6yucgHW98gSUquwJqPaOIbfhOhxnUZvh+XkX+5YTDWZSDxUZHqLHiiiyAOxFHrcsk+h+"
    "HmaSiJjGo5v25+NMInE96L+PzVO0X14POqWrWhwOTA60QHtl7C7gfhzGXwH7USTXzxrnjY"
    "t6q7EI4AvJsrgdx+iEXdNH8Gk5cxa5m4x5t1SLCVoDIs6fMH69khQ6CrWFDDrtdfToYdHa"
    "E7yeRe6h11+JlysvSmk3izT8KTs7BduAg6P1ePDv5v3rowdxyD3FxVnkwcsv2ctiO/pG2c"
    "21MvVJIQ5JT5T0FApIWYKL7F5RH2GbfEQzRXJPjAgSsyyPj2o/n6JmXhm583j1xNJkN/tw"
    "uiiipBeVmLuYMeLhzbJ9d9l+19Xmz1ORU6yXVOJib1RX4OSEViu8VXO54VrU/6UQ9R+vL9"
    "UlJulT9V2gtroAksbsxQ1923WmmDDDodOyyPljqhPk3tWbNk83ciF21mF5AXgSuS8sk8uy"
    "qzdXKecJq0p+lS5LcPygYu3SaQG4f4Sf6RcrEC6sKglXuizhmBniuMUPJWG6Q6mDIKk4Bd"
    "O4HNcjAdxWrI6jyW4vKp3B4DpzR+n08uXSTzedrmBfcS+MMM/8E5MrWZc88PjtbtBfUrMu"
    "e99hYZODf4CD2dZuEtov44CE/zCOAuxwTNip7O9XbfdOkAwtL2nnq9cn2RugbCBf0j4UXa"
    "ujz/4WXR3IuBE/K1zX8QXwoWbzkms2r/BPq9q2dvQ2ijfPU2toIx+bE62k2hBpTpbVG2Bi"
    "cyg47Ow82XLBoXKLV98aqnf3PpQb9OYqj2eF1ZIbWvH5rNhUazAcme8hu2e12irXsVqt+j"
    "omdbl0lBKOyh4nV18PUpDd3w+eJwfZ2E3gWQ+z+b/JWlZp"
)
