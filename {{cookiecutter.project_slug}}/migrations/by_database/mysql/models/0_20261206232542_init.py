from tortoise import BaseDBAsyncClient

RUN_IN_TRANSACTION = True


async def upgrade(db: BaseDBAsyncClient) -> str:
    return """
        CREATE TABLE IF NOT EXISTS `login_attempts` (
    `id` BIGINT NOT NULL PRIMARY KEY AUTO_INCREMENT,
    `kind` VARCHAR(16) NOT NULL,
    `address` VARCHAR(45) NOT NULL,
    `account` VARCHAR(64) NOT NULL,
    `attempted_at` DATETIME(6) NOT NULL,
    `in_progress` BOOL NOT NULL,
    KEY `idx_login_attem_attempt_99f669` (`attempted_at`),
    KEY `idx_login_attem_address_f7a04f` (`address`, `attempted_at`),
    KEY `idx_login_attem_account_15d226` (`account`, `address`, `attempted_at`)
) CHARACTER SET utf8mb4 COMMENT='Something counted against a limit (see throttling.py): a password check, removed when it';
CREATE TABLE IF NOT EXISTS `security_events` (
    `id` BIGINT NOT NULL PRIMARY KEY AUTO_INCREMENT,
    `created_at` DATETIME(6) NOT NULL,
    `kind` VARCHAR(32) NOT NULL,
    `user_id` INT NOT NULL,
    `actor_id` INT,
    `address` VARCHAR(45) NOT NULL,
    `user_agent` VARCHAR(255) NOT NULL,
    `request_id` VARCHAR(128) NOT NULL,
    `detail` JSON NOT NULL,
    KEY `idx_security_ev_created_6e5dc4` (`created_at`),
    KEY `idx_security_ev_user_id_33033d` (`user_id`, `id`)
) CHARACTER SET utf8mb4 COMMENT='One entry of the audit trail (see events.py): what happened to which account, when, and from where.';
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
    `scope` LONGTEXT NOT NULL,
    `token_version` INT NOT NULL,
    `auth_time` DATETIME(6) NOT NULL,
    `session_started_at` DATETIME(6) NOT NULL,
    `address` VARCHAR(45) NOT NULL,
    `user_agent` VARCHAR(255) NOT NULL,
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
    "eJztXG1z2jgQ/isaPiUzlEkIIWnv5mYgJS3XJNwk9K7T9saj2AJrYiTXEiFML//9VrKN3y"
    "nkMAWOLxks7SNZz0qrXWmd75URt4gjald8SFlLSjJyZeUN+l5heETgR259FVWw60a1qkDi"
    "e0cDHCVpYF9UV+F7IT1sqnYH2BEEiiwiTI+6knKmMHd8RKRN2RCZfMwksRAeYsqERBg5dE"
    "QlOhCEIGl7XEoH5Gru9PANVLpYiAn3LGTaxHyoIo+M+CPAJzZhiOo3tbgJ3QOmzI6+MjE2"
    "TUIsUUXcA3lBh+zV2NUPjEubeEhI7Em/FwC6UIItyyNC/JJuDQ09PhGIO1ZNjWDM6LcxMS"
    "QfEtUQjOPL31BMmUWeiFCPXypBU5pun3pigRIqIAiVph6triySUy26D8aAEsdKTABqKWFd"
    "bsipq8vadNhl8lLLKorvDZM74xGL5N2ptDmbAajf+5Aw4mHoEsqkN1YzgY0dJ5g64eTwxx"
    "uJ+AONYSwywGNHzSeF9l8gKqsYxk2vb9x1+oZRycy1EBGbFUGRyZmap/CqQhMwVK/w6nW9"
    "fnJyVj86aZ6fNs7OTs+PzkFWv2+26uzZf5mILb8pzVn3Xfemr16Iw2Lw14oqeNYYLLGP0v"
    "qM2H+AwWf5v7Cxl89+KJ/iHwaW5j9ke54CwoJIA9ECntEdLo1KWYoY4SfDIWwobXg8bs7h"
    "+M/W7cX71u3BcfMwSfRNUFPXVYryiOLYkliU5RhkfUSXOdcTFDdOF6C4cVpIsapKURwZoI"
    "UpjiA7SHGzsQDFzUYhxaoqRXHcmmd4fgtESToiBVynsCnCrQBcC3+shv51GvM5bPe71527"
    "fuv6D9X8SIhvjias1e+omrounaZKD9L2ZdYI+qvbf4/UI/rcu+loNrmQQ0/3GMn1P1fUO+"
    "Gx5AbjEwMsSoyksDgsSmgavCvX48N8m9Xm3CGYFWzNSWRKzfcALWthzUrWq9t2r3eVUGu7"
    "m9qBbz5etzuwYWh9ghD4ZtHGrHyiwUNsX1YF99h8mGDPMjI1vM6LZLNVo/ooXYIZHmr+1D"
    "jVqALf+5YMQGV2nz8QluebJ+rn+uaeLwmuJIgu6Jv3GEEBDmkcOri9vEDNs8ZrJIipxFDz"
    "sIoeiAtetADf18bCrqEONm00FgrsOtgkQjm2EyptkGBkgjgjGfe8xL6+Mj4Av54gAeTBWE"
    "fUmb5B5JF406ArNW4Cc9hCA4+PFAbpWGZBH3zvQG+kA+1rehnPI0KU5XisVQsJv+OkvoDf"
    "cVIv9DtUVdLv0GvHUMtwGY6TqNXw/HMne8nunTC5S7IM98lTgRWZAXbCe57nv3U+9RN7fE"
    "jjwXXr02HCfbvq3bwLxWO0X1z12rmzGjYHoV40Q3uh7c7gfmzGt4D9wJLXjxtnjfOTZmNm"
    "wGcl8+x2aKNjscpYgg8SBBJLBSpx4HqilI2Z5tsWpgiIMmD4hj72fFFYmt/CXu0brfb9aV"
    "rpp2kQ6HgGhIrLHaglUTtIdP10EaZBqpBqXZfk2vQIfpn1SiJ30GpVYIBWj0Go5LvaW2LF"
    "gqhgrhEjTy6F1l6g9SRyB7W+JVpeaK8Ck/iSlR2DrUDBwXzc63f1+vXII8RjL1FxErnX8i"
    "ZrWTs2eYeshVF6DLGPz4vuOpIEZ9m95B6hQ/aBTDXJXXgjzMy8yDy4pvgYNLNl5D6Hsycs"
    "jVazhyez8/74pIKxw4iJf5V00bq7aL3tVJ5/zuXRHTHHHpXTziNhuZldSYHqvOsjEYgaRM"
    "kucX8E0t4UBRcweGxRiRSXjp9t5bfmZ1pNbCyRDa8Ak8RCkkMBNW0UZANUdYZUFWEWXNLA"
    "o0dqufdIa+hzkcSs2LSAv/s0q828JdquMG+t+tndKG/zc+u2+F5w75Wt/NbElHxJSuOQF3"
    "G6YWHLyindH1bvD6t357DaIzBSIXNtRDHXSdQOcn1cP18kZ7x+Xpw0ruqSXFtEQjCR5fn3"
    "u95NPs8RIu0lUlOif5BDRWnbXOXXwZj5+XP3Y+pIykRNdftbpSQNzCFcMZTwEDMJG+ncjJ"
    "Trpxpob056pj7XyAmsw/OO4nhaWbnFouhi3lecmPh/iTf/owtRHEkqnerfS+52IWYH7W85"
    "wYX6bTh8knc2+WOqI+TOJR+unm4yyt3qilmeAV5E7qYFHSnHbZHcTpCa47hlsjvDT+iWzq"
    "PNAHeP8FK8NyoM2G7pY46Znv8FTRy3xu9nQmuyVZ/PZPKXcwLtYnc5QmyGu6z622p3eZ/W"
    "tJj12d0DbwdDmB/+f4ZlFZ8B77MiNjkrYgu/YDgqa0WXkR5RfNYQD7AJk1TSvI2vHWAvP9"
    "wSB8t8sgU3KXZqXb+d6RZa06LsiaRd0lZFSBhW7jfNS1Cl/0/NnWppa81PlqsyT69axKOm"
    "Xck5vwpqqvNOsHAksz/CWpuHUvIRVuGmURyHFu8Xu3CAVcpljVpUSzAciO8gu8dHR4sE+E"
    "dHxQG+qksFOJzJ3DvH4oAzBll/xPlzvNrduIp5/hc6EzL7"
)
