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
    "eJztW1tv2zYU/iuEnhIgDRzHcdJuGOCkbps1sYfE3Yq2g8BItCRYIlWRimN0+e87pCTr7t"
    "qZ7cSe3+Jz4eU75OG5KD80j5nE5YdXzHJoRwji+UJ7g35oFHsE/qjkHyAN+37KlQSB71yl"
    "4EpJHUeiioXvuAiwIccdYpcTIJmEG4HjC4dRqXPLPCJsh1rIYCEVxETYwg7lAmHkOp4j0B"
    "4nBAk7YEK4IHfoT/bfANPHnI9ZYCLDJsboAAXEY/egPrYJRY5aqckMmB50VjnRN8pDwyDE"
    "5AeIBSDPHYu+Cn31gzJhkwBxgQMRzQKKPlCwaQaE81+KoyErYGOOmGseyh2E1PkeEl0wi8"
    "iBYB9f/wayQ03yQLj8+VWLh1JwR9ATE4yggSAwDbVbxayTkyP6I33oENfMHQDHlMKKrouJ"
    "r2jnjnVJxTslKyG+0w3mhh5N5f2JsBmdKjjR7BahJMAwJdBEEMqTQEPXjY9Ocjii/aYi0U"
    "YzOiYZ4tCV50lqRwtIaZqu9/oD/bY70HWtdNYSjcypiEkGo/KcwlK5AsCSS3j1utk8Pj5t"
    "No7bZyet09OTs8YZyKr1llmnj9FiUrSioRRml+8vewO5IAaXIborkvCodLDAkZayZ4r+CD"
    "Zfxv/CxkE1+ol8AX/YWBH/BO1ZBkgIqQXSCzyFO7ka2qoM4eEH3SXUEjb8PGrPwPjPzs3F"
    "h87N3lF7Pw90L+Y0FUtCnkKcuRLzopxRWR/QqzzrOYhbJ3NA3DqphViyChCnDmhuiFOVLY"
    "S43ZoD4narFmLJKkCc9eYlnN8CUMLxSA3WBd0C4GasfJj8sRz41+nMZ6A9uLzu3g4613/I"
    "4T3Ov7sKsM6gKzlNRZ0UqHtF/zIdBP11OfiA5E/0pd/rKjQZF1agZkzlBl80uSYcCqZTNt"
    "bBo2RASsgJKWdpiK78gFnVPuucMZdgWvM05zULZr4D1VVdrCllvbY97/evcmY9vyy8wL1P"
    "1+ddeDCUPUEIYrP0YZYx0XCUeZcl4Q4bozEOTL3EYU1WJ1tmeU2vSMEUWwo/uU+5qzj2vi"
    "FDMJk9YCNCq2LzHH9mbB5EkhBKguicsXmfEhTrIaWH9m7eXaD2aes14sSQYqi9f4BGxIco"
    "mkPsa2NuH6IuNmwUcqnsu9ggXAa2Y0fYIEHJGDFKSuH5Cuf6RtkQ4nqCOIAHe/Ucd/IGkX"
    "sSTOKp5L4JnGETDQPmSR2kcpk5Y/BdAP0iA+jI0otEHqnGqgKPtVohF3ccN+eIO46btXGH"
    "ZOXjDnV3dHkNF8E4r7UcnJ/3sK84vOMG80kZ4QF5qPEiU4WtiJ5nxW/dz4PcG5/AuHfd+b"
    "yfC9+u+r33iXgG9our/nnlqYbHgcuFlmCv9d0lvZ+78Q1AP/bkzaPWaevsuN2aOvApZZbf"
    "Tnx0JlcJBcQgcSKxUKKSVVxPlvJijvmmpSkcsgzYvq7Knk9KS6tH2Jn9RZt9V01beTUNEp"
    "1Ah1RxsYJaXmsLgW6ezIM0SNVCrXh5rI2A4Kd5r7zmFnotDTZo9imkSlGovSFeLM4KZjox"
    "8uA7MNoTrJ7X3EKrb4iV53qrwCU+5WZn1JZg4Pg87uy7fPsG5B7ysaeYOK+5s/JLtrIKbK"
    "qKrLVZekZjl5/X9TryAJfRfccC4lj0I5kokC9hRZgaVZl53Kb4FA+zYeA+Jqcnoaa3OcDj"
    "ab0/e6hg77BjErWSLjq3F523Xe3xeZpHCvWKplFijfpmkdzQfD2ieiyX3Db5v/RM/mOlrb"
    "4bIm2q/i5BOztxTHS2MG1cfkskAUx32bjKc/4c6lRz61ojy4ebeNhxF0F5qvAkcF9YJFes"
    "gczTeQKpGTWQUu8p+cBv4S5fSXH7AD9qns3zPWLzrP6DRMnLA+5wHZ5b577CTc/+viert8"
    "avexJvslEf95S6qxU1699v+70Z7dWqkrXpGAL9g1yHryyT0H4dhjT6GOYudFzhUH4o5/tN"
    "W78RJEI5I5S6r8VG60E+A5QDFLuvu6JrvffZ3qKri7nQk/8eWdTwJeVdzeYl12w28PuKxq"
    "pu9CqKN89Ta+iQwDFsraLaEHMOZtUbcCqzKzis7T1ZccGh9orXZw31t3sbyg0r6VLLS7UA"
    "wrH4FqJ71GjMk441GvXpmOQVwlFGReXHFvXpQUZl/fnB88QgS8sEnvUxe/wXtmODOw=="
)
