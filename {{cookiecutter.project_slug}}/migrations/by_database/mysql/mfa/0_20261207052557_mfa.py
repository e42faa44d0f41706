from tortoise import BaseDBAsyncClient

RUN_IN_TRANSACTION = True


async def upgrade(db: BaseDBAsyncClient) -> str:
    return """
        CREATE TABLE IF NOT EXISTS `mfa_authenticators` (
    `id` BIGINT NOT NULL PRIMARY KEY AUTO_INCREMENT,
    `kind` VARCHAR(16) NOT NULL,
    `name` VARCHAR(64) NOT NULL,
    `secret` LONGTEXT NOT NULL,
    `last_step` BIGINT NOT NULL,
    `confirmed_at` DATETIME(6),
    `created_at` DATETIME(6) NOT NULL,
    `last_used_at` DATETIME(6),
    `user_id` INT NOT NULL,
    CONSTRAINT `fk_mfa_auth_users_f5facb5b` FOREIGN KEY (`user_id`) REFERENCES `users` (`id`) ON DELETE CASCADE
) CHARACTER SET utf8mb4 COMMENT='One second factor of a user, kept as nothing that works without the key of this service.';
        CREATE TABLE IF NOT EXISTS `mfa_pending_logins` (
    `id` BIGINT NOT NULL PRIMARY KEY AUTO_INCREMENT,
    `token_hash` VARCHAR(64) NOT NULL UNIQUE,
    `amr` VARCHAR(64) NOT NULL,
    `method` VARCHAR(32) NOT NULL,
    `scope` LONGTEXT NOT NULL,
    `token_version` INT NOT NULL,
    `counted` BOOL NOT NULL,
    `with_device_token` BOOL NOT NULL,
    `failures` INT NOT NULL,
    `created_at` DATETIME(6) NOT NULL,
    `expires_at` DATETIME(6) NOT NULL,
    `used_at` DATETIME(6),
    `user_id` INT NOT NULL,
    CONSTRAINT `fk_mfa_pend_users_51fb436b` FOREIGN KEY (`user_id`) REFERENCES `users` (`id`) ON DELETE CASCADE,
    KEY `idx_mfa_pending_expires_393530` (`expires_at`)
) CHARACTER SET utf8mb4 COMMENT='A login waiting for its second factor, by the SHA-256 of its mfa_token.';
        CREATE TABLE IF NOT EXISTS `mfa_recovery_codes` (
    `id` BIGINT NOT NULL PRIMARY KEY AUTO_INCREMENT,
    `code_hash` VARCHAR(64) NOT NULL UNIQUE,
    `created_at` DATETIME(6) NOT NULL,
    `used_at` DATETIME(6),
    `user_id` INT NOT NULL,
    CONSTRAINT `fk_mfa_reco_users_deb60968` FOREIGN KEY (`user_id`) REFERENCES `users` (`id`) ON DELETE CASCADE
) CHARACTER SET utf8mb4 COMMENT='One single-use recovery code of a user, kept as its SHA-256.';"""


async def downgrade(db: BaseDBAsyncClient) -> str:
    return """
        DROP TABLE IF EXISTS `mfa_recovery_codes`;
        DROP TABLE IF EXISTS `mfa_pending_logins`;
        DROP TABLE IF EXISTS `mfa_authenticators`;"""


MODELS_STATE = (
    "eJztWm1T4kgQ/itTfPKq1NKA6N59QmVX6lS2lL3b2vMqDskAUyQzbGaySG353697khASAg"
    "uuesLmg6X0dM/0PM+89SPfK36P7jdCPWBCc4dqGVR+J98rgvoM/iho3SUVOhrFbfhJ066X"
    "+Np01lcZ567SAXU0ePSopxiYXKacgI80lwLj2oIRxRwpXPBwII7IHqEkVCzYJUM20oQqIq"
    "QecNEnekA1GctgqMiY64EMNZgYuE0wCnwU9BV84w7bx9Fd6cDwEPjSA4WCfw2ZrWWfgRuC"
    "+M+/YObCZQ9MJR9HQ7vHmedmMOYudmDstp6MjO2U91tCvze+OI2u7Ugv9EXqP5pAUmIawI"
    "VGa58JFlDNcAQdhIi2CD0vpighIEo2dYmynIlxWY+GHnKG0VECqa1i29ftjn3b7Nh2ZY7P"
    "JGIG+dgEyONagFSVAaCPKey9s6xq9dg6qNZPjmrHx0cnByfga/Kdbzp+jJJJ0Yq6Mpi1Pr"
    "SuO5iQhAUXrUk0PJoYqmkUZchI0R/C5OfxPxvQoBj9xD+HP0wsj3+C9jICEkPKQLpJXoMC"
    "nz7YHhN9PYCPh/Ul6P7VuDm7aNzsHNZ/y0J8HbdYpgnBTsE1v9cAN/HfQnDrtRXArdcWgo"
    "tNWXDhKAuYnoe3wx4WnBxpxFYAvATQTvOzOQl8pb56s0DuXDU+G4z9Sdxy2b7+kLjPAH92"
    "2T7NAe5RpW2l2Wi98zoT9uNj+7mAP9iCYzvFHpLo8cBnrk0Llvw5YKe5z4oJyMfmOHDj4P"
    "3kjxUYie/JTdgJravmbadx9TGzHc4bnSa2WJmtkFh38mf8tBPyd6tzQfAj+dK+bho0pdL9"
    "wIyY+nW+VDAneA5KW8ixTd1ZTBJzYsoyHTDE/Sk8ZyKfgeW3duBVYIJuW3iTeAVuCO3xZl"
    "nKujkk4SX+FN7zseX+fsv7G8stu6jmWXiBzkS83vX58oWPdVg7rp1U67XpxTm1LLsvo7sR"
    "q8nesLCiQbjm0X0vA8b74k82MSC3ICMqnKLXti9d5qn9T3E3GwbuY7J6Emu6mwM6npbfs4"
    "sK5g4zZjoqThq3Z43zZsUg3KXOcEwD185AjS3SkjnL1He+ybf8vIUK2jfg4CwwZ1RaPjLh"
    "wtwuZZ+LSl6GyTTuLlVhRpGr7aHviipMgxhvMqZco/7RkwHhWmUFk13SnRgZ5PaisWcd1V"
    "EKQSccVMshE/OiyzP1eyfuRAcc7qeme0KFGrOAuUagiVoC9jXkYLonuLxdFQ/3B/yQgQQC"
    "yBh1HRzKdKIiMYfdwQtRcDWAzuJ0uecRhwbBpJR33n6dsFjeMSzbA6oG6+gQ2ajnKZb/Xz"
    "JeWIugfsGVsxjf2H0rVIiXhtaHE0euJVGmEVsIcNVaAeCqtRBgbMrpaI4cFaiUS2S0JGAr"
    "4H1tFS06W7+xQGGiq1cBc3FlLVCok4UCJz//5JDSY1QsUsimUTlUuxC2gbAue0e025eZRX"
    "3ayq/aT1enzZudQ7PCwYnrBaIkvjshd/wnYPQmXRP2wviSgNUJ6FHuhahNrH6MzIZsjRj/"
    "fMdHKb7+guIrexhB0ayewHo28nVYf826aUNIXlV4fcrGLoX1zeG3FNZ/+jYshfUtFNZvmC"
    "OhcpycAQOVvLCeadxdKqwHsSug4LJ1vt4IwHpsD6AhSRcEuyj6AiLq3rEMvuArjD/RWalj"
    "b6iOjQSvLWNngkoV+4dSa1n9LIZ+e6uf8l1cvovLd3H5Lv6V3sWP/wHYApca"
)
