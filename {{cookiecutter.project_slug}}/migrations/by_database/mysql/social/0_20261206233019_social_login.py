from tortoise import BaseDBAsyncClient

RUN_IN_TRANSACTION = True


async def upgrade(db: BaseDBAsyncClient) -> str:
    return """
        CREATE TABLE IF NOT EXISTS `authorization_codes` (
    `id` BIGINT NOT NULL PRIMARY KEY AUTO_INCREMENT,
    `code_hash` VARCHAR(64) NOT NULL UNIQUE,
    `scope` LONGTEXT NOT NULL,
    `token_version` INT NOT NULL,
    `code_challenge` VARCHAR(43) NOT NULL,
    `family` VARCHAR(32) NOT NULL,
    `auth_time` DATETIME(6) NOT NULL,
    `expires_at` DATETIME(6) NOT NULL,
    `used_at` DATETIME(6),
    `reused_at` DATETIME(6),
    `user_id` INT NOT NULL,
    CONSTRAINT `fk_authoriz_users_48e78e35` FOREIGN KEY (`user_id`) REFERENCES `users` (`id`) ON DELETE CASCADE,
    KEY `idx_authorizati_expires_f69a02` (`expires_at`)
) CHARACTER SET utf8mb4 COMMENT='A one-time code from a social login, which a frontend exchanges for its tokens.';
        CREATE TABLE IF NOT EXISTS `identities` (
    `id` INT NOT NULL PRIMARY KEY AUTO_INCREMENT,
    `provider` VARCHAR(16) NOT NULL,
    `subject` VARCHAR(255) NOT NULL,
    `email` VARCHAR(254),
    `email_verified` BOOL NOT NULL,
    `created_at` DATETIME(6) NOT NULL,
    `last_login_at` DATETIME(6),
    `user_id` INT NOT NULL,
    UNIQUE KEY `uid_identities_provide_29301c` (`provider`, `subject`),
    CONSTRAINT `fk_identiti_users_fb488572` FOREIGN KEY (`user_id`) REFERENCES `users` (`id`) ON DELETE CASCADE
) CHARACTER SET utf8mb4 COMMENT='One provider account linked to a user. The tokens the provider gave are not kept.';
        CREATE TABLE IF NOT EXISTS `login_states` (
    `id` INT NOT NULL PRIMARY KEY AUTO_INCREMENT,
    `state_hash` VARCHAR(64) NOT NULL UNIQUE,
    `provider` VARCHAR(16) NOT NULL,
    `browser` VARCHAR(64) NOT NULL,
    `token_version` INT,
    `session` VARCHAR(32),
    `reauthenticate` BOOL NOT NULL,
    `redirect_uri` VARCHAR(2048) NOT NULL,
    `code_verifier` VARCHAR(128) NOT NULL,
    `nonce` VARCHAR(128),
    `scope` VARCHAR(1024) NOT NULL,
    `next_url` VARCHAR(2048),
    `code_challenge` VARCHAR(43),
    `expires_at` DATETIME(6) NOT NULL,
    `user_id` INT,
    CONSTRAINT `fk_login_st_users_a1aa1bea` FOREIGN KEY (`user_id`) REFERENCES `users` (`id`) ON DELETE CASCADE,
    KEY `idx_login_state_expires_4a46e7` (`expires_at`)
) CHARACTER SET utf8mb4 COMMENT='A login or link that went to a provider and has not come back yet.';"""


async def downgrade(db: BaseDBAsyncClient) -> str:
    return """
        DROP TABLE IF EXISTS `login_states`;
        DROP TABLE IF EXISTS `identities`;
        DROP TABLE IF EXISTS `authorization_codes`;"""


MODELS_STATE = (
    "eJztW21z2jgQ/isaPqUzaZoYQnL9RghpmSbQSehdp03HI2wBOoxEZRHCdfLfb1e28RtwkJ"
    "CUcHzpxKt9JPnZ9aJdbX8VfOlw6h1URronFf+Hai5FVbqs8J78Kgg6wD/mK+2TAh0OYxUU"
    "aNr2DIom1W0H9H0DaPtaUUeDSod6PgMRjDiKD1EPgRUiBXur+YARRJGOkgNCSbAE8WSXi3"
    "0y7nGnB1IYFJoJl7B7p0dFl/mkIxXh2ida9pnwD3BRVzqwKhfdZ5j/VtyKVo+RtpJjnyni"
    "UeH6sAS5uG42WrXGuf3l+pKMue4R3QuW3CegY56GtAv/SB+m4xpmJJ+bNy3yDrl7Z+a/FV"
    "Pk50/VGrljinc4LCM7wXQ96nkM9oV4X1OlWTCzeY9g2b3riyo5KRfLbwwZI8F/jpitZZeB"
    "ogJKvv8AMRcuuwcbhY/Dvg3reG7KE7iLExi5rSdDIzvj3brQF0YXqW6Drb3RQMT6wwl4gp"
    "gCuNAo7TLBFIXtgkyrETqCGHle6D6RbwSbjVWCXSYwLuvQkYfuhOhgA7GsYNuNZsu+qbVs"
    "u5BztQiR8I5Q5EiBbgpb9Q0BXdzC2z8sq1g8sQ6L5dPj0snJ8enhKeia/eaHTh6CzcRsBV"
    "MZzuof6o0WbkjCtxB8Lyh4MBiqaYAyxojZR9exe9Tv5Y1Q7VE12wQpUMYS8IpZS0S8b64p"
    "BvTeRo/XPXgslxaw/Gfluvqxcr1XLr1JU90IRywzhKQngp0jhyxPcIvdz/HxKWA95EaCmN"
    "04TL4AvQvobNW+Gpcd+P5PL0nj3lXlq2F4MAlHLpuND5F6gvbqZfMsQ7cJcjZENR83mqN9"
    "bmTJ4f47yLwC9sM4Yx2VTkqnxXJpGl6mkkVRJYogmYgx/YlYOWykkFvh3unoUSouET1Kxb"
    "nRA4fShHfogHuTVYiOEVtIcNFaguCiNZdgHEoTjCcjG89ueY7PgSUcmc1zCpih2g2RB9Ef"
    "r5D4RYG7flW7aVWuPqei93mlVcMRKxW5I+leOWOU6STkr3rrI8FH8q3ZqBk64QDbVWbFWK"
    "/1rYB7At6lLeTYpm6Sk0gciVJGZvdDDtPZVK9q5TTyZcz8kqefbbLyyGfuI0ycgK3BvqHx"
    "dl/x+u2r2CMtnALubLzJNgZDKXtWVWDuwT2B2B3ZwyM71ls6/Zk5P9KVZ/dCKsa74hObGJ"
    "LrsCMqnFlHmwGc4z3/4Es4zSsj9yHynkgaf82KjqcFqqRTwbvDGzMdHLsrN9XKea1gGG5T"
    "pz+myrVTVOOItGRGMtXNDw2sQVZCBe0acvAtcM9hxbTuMqG5nhRmVFOnY/uLiqg80OLL1k"
    "6bgpGhkneAU4Q6jhwJTTwu+lgVlIQSZOqAYL0yKF8GVcgI0aV3jFDFiJCa9NlQ56unz7LC"
    "jJLk90KEQQV/1P6bwYv/eEql8v9Spnxi+WB+ATJpkWXz2yRmCzPco/ISGe5R9ic6znBxKF"
    "OADF19BY4TkC2k2Do+XoJj0JpLshlLs8wGlHurcDwFPIrhDTuCZglepooOWgsIztXRDV92"
    "eF0169pISo9RsYDsFDjDehvQz+XYU8nLnv3Pms3L1LH/rJ6tn3+5OqtBNDFmACWuUxdHib"
    "KvYsjJI1KvNHILy2SQXFK3KbxJ+FG+kmQsjB8LczGP+to2176PMHwOvMu7d3n3Rn/Iu7x7"
    "l3fPybsvMY7daGo2k8u8E6P7i3LvIBr6qLh051LQdSOVyYgh86WajCGDDzLjOG0WLulR3+"
    "TAjhwwgq9NJmxGuv30KbE/6RMk2gRmwVQcs7s29RkBf4RcG2cU0ZjPfLxPhxlkn8OjDNbj"
    "sKRUfdPVxOBUNrkV+Bwu6wC+zTDvd0HBYfCPN3kfdCdRzzMbCVwjqAUoOQ4aoAAnPTdc7F"
    "YoNvToBCbxgHFFOhz7qOB9ekDFczQu7coBTywHmE9j5YakNGrXkZRJpfIdSbuqywtUXcLu"
    "zVU4TkC2kOL1+/HvbfXasGRk3Z1e4S/3SoE4hmxfTWv9nUeKYQsRXsc44dFxhYJWHrwraK"
    "1Q0FLM5Yo52h4pvoqLZ3FbGKetw9LpMtVbUJtfvjWDM1pHo/9tsArnOeAWkn5kLcM5aM0/"
    "gVg5xoUMSwnLMj0FbF/4fhaC57T2L/iF3KrW/gzDh9YyJzxUm8+xGcx4MbvHcLvS3VoSs3"
    "2+/KwR+nc292806+vv7d91Je9uVp7jZmXTPqNtuljZMG5f5b3Kw7/Z/fD+"
)
