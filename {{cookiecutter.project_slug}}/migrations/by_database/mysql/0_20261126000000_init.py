from tortoise import BaseDBAsyncClient

RUN_IN_TRANSACTION = True


async def upgrade(db: BaseDBAsyncClient) -> str:
    return """
        CREATE TABLE IF NOT EXISTS `login_attempts` (
    `id` BIGINT NOT NULL PRIMARY KEY AUTO_INCREMENT,
    `address` VARCHAR(45) NOT NULL,
    `account` VARCHAR(64) NOT NULL,
    `attempted_at` DATETIME(6) NOT NULL,
    KEY `idx_login_attem_attempt_99f669` (`attempted_at`),
    KEY `idx_login_attem_address_f7a04f` (`address`, `attempted_at`),
    KEY `idx_login_attem_account_15d226` (`account`, `address`, `attempted_at`)
) CHARACTER SET utf8mb4 COMMENT='A password login counted against the limits; removed when it succeeds or grows old.';
CREATE TABLE IF NOT EXISTS `users` (
    `id` INT NOT NULL PRIMARY KEY AUTO_INCREMENT,
    `username` VARCHAR(32) NOT NULL,
    `username_lower` VARCHAR(32) NOT NULL UNIQUE,
    `email` VARCHAR(254),
    `password_hash` VARCHAR(128),
    `is_active` BOOL NOT NULL,
    `scopes` JSON NOT NULL,
    `created_at` DATETIME(6) NOT NULL,
    `last_login_at` DATETIME(6),
    `token_version` INT NOT NULL
) CHARACTER SET utf8mb4;
CREATE TABLE IF NOT EXISTS `refresh_tokens` (
    `id` BIGINT NOT NULL PRIMARY KEY AUTO_INCREMENT,
    `family` VARCHAR(32) NOT NULL,
    `token_hash` VARCHAR(64) NOT NULL UNIQUE,
    `scope` VARCHAR(1024) NOT NULL,
    `token_version` INT NOT NULL,
    `created_at` DATETIME(6) NOT NULL,
    `expires_at` DATETIME(6) NOT NULL,
    `used_at` DATETIME(6),
    `revoked_at` DATETIME(6),
    `user_id` INT NOT NULL,
    CONSTRAINT `fk_refresh__users_1c3fe0a4` FOREIGN KEY (`user_id`) REFERENCES `users` (`id`) ON DELETE CASCADE,
    KEY `idx_refresh_tok_family_8ce7f3` (`family`)
) CHARACTER SET utf8mb4 COMMENT='One refresh token (RFC 6749 section 6), kept as a hash. Each use replaces it with a new one';
CREATE TABLE IF NOT EXISTS `aerich` (
    `id` INT NOT NULL PRIMARY KEY AUTO_INCREMENT,
    `version` VARCHAR(255) NOT NULL,
    `app` VARCHAR(100) NOT NULL,
    `content` JSON NOT NULL
) CHARACTER SET utf8mb4;"""


async def downgrade(db: BaseDBAsyncClient) -> str:
    return """
        """


MODELS_STATE = (
    "eJztWltz4jYU/isaP2Vn0gwxl7DbTmcgS7p0E+gkbNvZbccjbGE0sSWvJYcwW/57JdnGdx"
    "ZSIAnlDc5Fl++Tjo6O9U1zqYUcdnZNbUw6nCPX49o78E0j0EXiR6n+FGjQ8xKtFHA4dpSD"
    "Iy0NGJoqFRwz7kNTtjuBDkNCZCFm+tjjmBLp0wEeZGxGfQsod2DSgHBkAWhDTBgHfIqAg1"
    "3M2Y/ARy59ELrZFBGAOWCBaSJkMUB9YPt0Jn441pns2KKm6BkTe4d9BAR/DZDBqY1EA77o"
    "6cvfQoyJhR4Rk3+/aNCyfMRCLEJckCUQ0oShUJpqIEpZZSdb9O6NCUaOlWEHW9JYyQ0+95"
    "Ssi+0+4VfKVoIwNkzqBC5J7L05n1KydMBh7zYiyIeiSyHjfiBpIoHjRLzGzIXzTUzCiaZ8"
    "LDSBgSPJlt7hABKZZhiD4ci4640MQysshNgjxVskMimRi0gMlSkAbDmEH97qer1+odfqrX"
    "azcXHRbNfawlaNt6i6WISDSdAKm1KY9X/pD0ZyQFSs1HAhS8FC+UAOQy/FZ4J+iq8sBZdT"
    "6JcTkHLJsSCml2chxnwVDbEg4SHZY/sgwoWPhoOIzafib6O5AuPfO7eXHzq3J43mmyzQg0"
    "ijK5WEPAVxsjvWhjhxOUCIW401IG41KiGWqhzE6VBTwPm9AIpjF1VgnfPNAW5Fzmfxj+3A"
    "v89IswLtUf+mdzfq3Pwmm3cZ++oowDqjntToSjrPSU9aOWaWjYA/+qMPQP4Fn4eDnkKTMm"
    "77qsfEbvRZk2OCAacGoTNDRJQUSLE4Fi3k0TG5T4UvKRhD834GfcsoaKhOq2yLKld38xJI"
    "oK04kmjKcUb5wy2aiIlMR/QekbL8IqNfmV/4oaU4cYXpmvnFkCAQ+QHlB05ury5B66LxFj"
    "BkSjPQenMK7pHHAWQAgilk0zPQg+YUBEw6ew40EZO5wAzzqbAgaAYoQYU8Y4d9/UXoRKUp"
    "TIAn5upiZ/4OoAfkz6Ou5LyR2CcWmPjUlT5hsrNmqnLMM15knhEyvckZmHjs6gjcKwuZE7"
    "Cur3EC1vXKE1Cqsieg2juG3IabYJz12g7Oz7vYd5xoMJN6aBOElw4HmMed1/R1AJZmlRCH"
    "yrK1LI4EJodXALsyYhf8vh+8XwPmYfzWzxsXjXa91ViG7aVkVbSOI3OCrukj+LRMOeu5nz"
    "x5v1CLCVpDIk6dMGq9ksQ5CrCFvDnNOnr0sGjtCaxnPQ+Q9VfCcuX1KE2zSL6fsrNTblsg"
    "OFqPR363z6+PHsQh9xSKs55Hll8yy2I7+kbZfbUy9Ul5HJOeKOkplI2yABfRvaI+wjb5iO"
    "YK5L4YESRmWfYeVXw+Rc28MnAX8eqJpclu9uFsWTpJLyoxdzFjxMPbTufusvO+py2epw6n"
    "UC+pv8VsVNfd5ITWK7dVY7nlCtT/pfz0H68v1YUlyan6XYC2+lKe9jnAe/n2q0sxYIZDZ2"
    "WR8/tQJ54HV2XaPtzIhdjZBOWlw5PAfWGZXBZdvblOjUlYVeKrdFmA42cUGxdMC46HB/i5"
    "3l6nqKe3q2t6UpcFHDNDHLf4oSRMdyl1ECQVp2DaL4f1WDjuKlbH0WS/F5XucHiduaN0+7"
    "kPLYNPN92eQF9hL4wwz3x/yRWqS551/Ho3HKyoVJe96rCwycE/wMFsZzcJ7adJQMLviuMA"
    "OxwTdib7+1nbPwkSoQwJ8cI+uen8mV/zl9fDbv4GKBvoHouux6Kr5kDGjfgx4abEF5yPNZ"
    "uXXLN5hR+tarva0bso3jxPraGDfGxOtZJqQ6Q5XVVvgInNseCwt/NkxwWHyi1efWuo3t2H"
    "UG7Qm+s8mRVWK25oxUezYlNtgHBkfoDontdqa72xqK14YlHLoyt65KjsSXL19SDlsv/7wf"
    "PkIFu7CTzrYbb4F3yBUxY="
)
