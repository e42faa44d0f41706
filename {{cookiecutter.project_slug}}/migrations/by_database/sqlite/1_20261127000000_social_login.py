from tortoise import BaseDBAsyncClient

RUN_IN_TRANSACTION = True


async def upgrade(db: BaseDBAsyncClient) -> str:
    return """
        CREATE TABLE IF NOT EXISTS "identities" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "provider" VARCHAR(16) NOT NULL,
    "subject" VARCHAR(255) NOT NULL,
    "email" VARCHAR(254),
    "email_verified" INT NOT NULL,
    "created_at" TIMESTAMP NOT NULL,
    "last_login_at" TIMESTAMP,
    "user_id" INT NOT NULL REFERENCES "users" ("id") ON DELETE CASCADE,
    CONSTRAINT "uid_identities_provide_29301c" UNIQUE ("provider", "subject")
) /* One provider account linked to a user. The tokens the provider gave are not kept. */;
        CREATE TABLE IF NOT EXISTS "login_states" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "state_hash" VARCHAR(64) NOT NULL UNIQUE,
    "provider" VARCHAR(16) NOT NULL,
    "browser" VARCHAR(64) NOT NULL,
    "redirect_uri" VARCHAR(2048) NOT NULL,
    "code_verifier" VARCHAR(128) NOT NULL,
    "nonce" VARCHAR(128),
    "scope" VARCHAR(1024) NOT NULL,
    "next_url" VARCHAR(2048),
    "expires_at" TIMESTAMP NOT NULL,
    "user_id" INT REFERENCES "users" ("id") ON DELETE CASCADE
) /* A login or link that went to a provider and has not come back yet. */;
CREATE INDEX IF NOT EXISTS "idx_login_state_expires_4a46e7" ON "login_states" ("expires_at");"""


async def downgrade(db: BaseDBAsyncClient) -> str:
    return """
        DROP TABLE IF EXISTS "identities";
        DROP TABLE IF EXISTS "login_states";"""


MODELS_STATE = (
    "eJztW21v4jgQ/itWPvWkXkVpy1ar00nQUi2323Jq2bvTbleRSQz4CDYbO6Vor//9xk5C3l"
    "nSAi0RX6pmPOOXZ8b2zJPww5hwmzji6LMgrvEe/TAYnhD4JyE/RAaeTiOpEkjcd7SiBxpa"
    "gvtCutiSIBxgRxAQ2URYLp1KyhlImec4SsgtUKRsGIk8Rr97xJR8SORIT+TrNxBTZpNHIs"
    "LH6dgcUOLYiXlSW42t5aacT7Wsw+SVVlSj9U2LO96ERcrTuRxxttCmTCrpkDDiYklU99L1"
    "1PTV7IJlhivyZxqp+FOM2dhkgD1HxpbbNyOZYZo33Z551+6ZplECIIszBS5MVejVD9UUfq"
    "0fn747PT9pnJ6Dip7mQvLuyR86AsY31PDc9Iwn3Y4l9jU0xhGoyqf6/wy0FyPs5mMbt0kh"
    "DFNPIxziuQziUBBhHMXVNkCe4EfTIWwoR/B4Ul+C6F/N24sPzduDk/ovakAO28DfHDdBS1"
    "03KdCzIJsOn/mbrCzUkeV6AH/dmN4w3GSCqVMG5YXBs8ANoHubwVw/O10BXtAqxFe3JQGe"
    "YiFm3LXNERajMkBnDKsH+HH9fAXAQasQcN2WBJwKE65b+pBzTLc4dwhmBbdg3C6FdR8MN3"
    "VWh6fJBtBeAm6r2/2kep4I8d3Rgk4vBfLn61Yb0NfYgxKVJH5NRoALi6ueM2j/cde9yYc6"
    "skjhbFNLov+QQ0Um+VgX3MZvA49ZCknU96gjKRNHarzfje07QSGUcEIY2AfXzX/SMX/xqd"
    "vSkHEhh67uRXfQSrnDcomCzMQy65JLaJF0QvLdkrRMuyYwPQr/2cXcBRZod5kzD7bdEtf0"
    "Otftu17z+s+Efy6bvbZqqWvpPCU9aKR8tugE/d3pfUDqEX3p3rTTblzo9b4Yak7Yk9xkfG"
    "ZiO5ZvhNIQtYTXHSwkJD5Dyp7h+IzxGnz/xi6eHXF1iEnG16rSG4xjZYkS9LE1nmFIERIt"
    "8SqQMEklzTudW4Ht1cdb4mANZ9bxQbnb8fuZ7+CWfwpjPZRGWz+2eXToCwnLEi+E6pPq6k"
    "71tLN7JIuVijVe50XRl22a1CdpCWZ4qJekxlYjpWMrh2aJx10x1ZKM8p/yLUaXETR1+QPY"
    "uQhbFveYhJSDjYmNJEcYqULyCPVGBB7HhAkkRzGLIX4gCLsEMS7RmEzlkZFCdzMj5LBBX4"
    "3QRudoXv9fAgv/tieJXpEkintk5VIvZlNBkui4sUqVl75RY0VeI13jhaFeAuOYSQUhrp+d"
    "rURdnC2hLs723NCWuSGNl/lAXAqd5hzGS/mKrPEWSYuFZGdZi32ZXBz5+zJ5Xya/aVcXls"
    "npN0lmqRw3ZvHzRHcXNvIact0M8ZAEOIvuFXcJHbKPZK5B7sCMMLPyWPXUy/QdA7eoWgax"
    "i2eLciseVLB2WDHxr6SL5t1F87JtPBUzOZusu2NERU7lnaQximvvOHOyWvXdRNoGcVdXxF"
    "D5YolmUMH7lXFUNjMbjbDQNbDFJwSpZaM5ySm3X97lPbuHgJ1KBL2oUlxVd30sCIJ4hFpb"
    "9cjCNkGEUG8PLM7HFB65Px6FIbk7FgiaCGRl83umnoNhLbDvE1X326BgEfjjzN/r/izsOH"
    "oifmj4XIDLZ4faEOy4YweD3TOXTB08h04cQNxFA4h9vZ4RQFHEEuzpgFekA/TWKP3uN2lV"
    "uc8YGqvUUo3iUqqRfcu+Z102z7r04VTKvfKLMY6ZVBDi9cexS2zqEkuankvL4Jy2qyDY9d"
    "rpKl+LKLViDkY3pogAyGpCGqVUbGcMKwj6Rr7QYTyoB1ZFemFQPV5xIwDr72tK5RuhQRVD"
    "uFZf5ZhWasUY68ZUFJNHddyWIsjjNtWL5U2d0ORxCpebeAZjl7TcDlW7zbR6T9e9hK57a5"
    "upSmzdG8N2x8m6JmSZ1sjIIeqClsNlJB2OdPY/Rtql3Xy4hFiCwkMEX6Ktmn3ETCqY523k"
    "Ewi1qUogHKhXEN3jWm2lJLq2JIeuZUtvJgnLyeqKfzoQM9n+bwdeJ5Nb268ESnxDvP7L7O"
    "l/MYIJaw=="
)
