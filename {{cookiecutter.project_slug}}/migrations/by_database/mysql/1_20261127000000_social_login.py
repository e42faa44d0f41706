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
    "eJztXW1T4zgS/iuqfBqqMiyE1527uqrAhF12GDIFmbutHa5cwhaJD0fKygoht8d/v27Zjt"
    "8zNhuHxOsvFJHUkvW03O5uPbL/aI2FxRx390oMbd5Vio0nqvWB/NHidMzgn8z6NmnRySSs"
    "xQJF7x0t4GBLg3pNdRW9d5WkJvb7QB2XQZHFXFPaE2ULjjK3YszUyOZDYoopV8widEht7i"
    "pCiWOPbUXeuYwRNZJCKQfa7U7mOx+gckJddyakRcwRMx/bRLKxeALx2YhxYusrtYQJw4NM"
    "lQPdcXdqmoxZbpsICe1de8jfTyf6BxdqxCRxFZXKGwUEJ1BCLUsy1/1bsjcylGLmEuFYuz"
    "iDKbd/nzJDiSHDjmAe3/4NxTa32DNz8ee3lt+VhtuDnlmghBY0hEpTz1ZX5rXDHiePxoPN"
    "HCu2AGwLG+tyQ80nuuzMHl5ydaHbIsT3himc6ZiH7SdzNRJ8IWB7ow8ZZ5LCkFCm5BRXAp"
    "86jr90gsXhzTds4k00ImOxBzp1cD2htHcBYVnLMK77A+O2NzCMVmqtBRKRVeEXmYLjOoVL"
    "dTUAQ7yE9z92OgcHJ529g+PTo8OTk6PTvVNoq683XXXy4l1MiJbXlcbs8qfL6wFekICbwb"
    "tXsOBFy1BFPSmtzxD9R5h8Gv/zEZXZ6AftE/jDxJL4B2gvU0BQEGogvIEXcAe3RqsqRYzp"
    "s+EwPlQj+Ll/vATjf3Zvzn/u3rzbP96JA33t13R0FUIeQhy5JYqiHBFZH9BVrvUYxIdHBS"
    "A+PMqFGKsSEIcGqDDEoUgNIT4+LADx8WEuxFiVgDhqzVM4fwSglD1mOVgnZBOAW77wbvDP"
    "auBfpzFfgvbg8nPvdtD9/AW7H7vu744GrDvoYU1Hl84Tpe+S9mXRCfnX5eBngj/Jb/3rnk"
    "ZTuGoo9Yhhu8FvLbwmOlXC4GJmgEWJgBQUB0UxTYN3NZFimG2zzoRwGOU5j+a4ZELN9yBa"
    "1Y21KFmvbs/6/auYWs8uE0/g66+fz3rwwND6hEbgm4UPZvSJHh4jz2UsuKfm44xKy0jViI"
    "7Ia5uuGnfGyRLK6VDjh/PEWfm+9w17AJWNBuKR8SzfPFa/1DeXXktwJaFpQd+8zxnx5YiW"
    "I+9uLs7J8cnhj8RlJjYjxztt8sgm4EW74PuOqDvaJT1qjsjUReGJQ03momM7s9UIWnA2I4"
    "KzlHte4Vh3XDyAX8+IC+DBXMe2M/9A2BOTc38onDeDNWyRBynGKEN0LFPQB28c6I10oD1N"
    "l/E8QomqHI+1aiHmdxx0CvgdB51cvwOr4n6HvncMvA3LYByXWg3Ob7vYK3bvXFNMWBrhAX"
    "vOsSILgVp4z8v8t96vg9gzPoDx3efurzsx9+2qf/1T0DwC+/lV/yxzVcPDwcULTcGea7tT"
    "ct8341uAvm/JO/uHJ4enB8eHCwO+KFlmtwMbHYlVpgp8ED+QKBWoRAXXE6VszDLftjDFhS"
    "gDpm/otOerwtLsHhq1b7Tam2xa5dk0CHSkAaFiuYRaXKqGQHeOiiANrXKh1nVxrE3J6Ous"
    "V1yyhlarBRO0+hxCJc/V3hIr5kcFS40Ye57Y0NsrtB6XrKHWt0TLhZ5VYBJfc2dHxFagYH"
    "89NvpdvX4le4J47DUqjks2Wt5kLWvHJivJmhulRySa+DxvryMOcBrdCyGZPeSf2FyDfAlX"
    "RLmZFZn72xRf/W62DNyXYPUEpeHdLOlske+PLiqYO8yYeVtJ593b8+7HXuvlbTaPbpk5lb"
    "aa954Yz2R2xRu0l20fuX5Tg2HbEvtH0FrOib8BQ6eWrQhi6XhsK683j2k1G1FFRnAJsEgs"
    "ogQU2OaI+GyAtmZItQnl/iYN/JRsN3MfaQ1jFiFmRZYF/G1oVpu5S7RdYd5a9VPfKG/zuX"
    "VbvC/YeGUr3zUxlSgJaVTkVZhuWNiyckibZHWTrK5PsloymKmrMm1EPtZxqRpivd85LcIZ"
    "75zmk8axLo61xRQEE2mcf7ntX2fjHEokvUTbVOR/xLHdyh5zrb8/TLnHn7uf2o6yubuLw/"
    "6jVZEGlgCOCMU8xBRhI8nNSLh+2MHZ5tAzdV4jI7AO8h358TRauWJRdD7uKyYm/lXizT/p"
    "QuRHkqhT/X/Jp10gU0P7W01wgf8bjphl5Sa/D3UoWTvy4erhZuPMR10+yguBV4G7aUFHwn"
    "Erwu2EVksctxS7MzhCV5pHmxKsH+CVeG+2a8Dj1n7KMNPLT9BE5dZ4fiawJlt1fCbFX84I"
    "tPPd5VBiM9xlHG+r3eWG1lTM+tQ34e1QCPOD9zOUVXxKuGFFbDIrYgtPMOxVdUdXQY/Izz"
    "VEA2zGla3srAffmS978emGOVRlg+1nEi69fuZbaE3z2BNxu6StiqtgWplnmktApd9Tc4s9"
    "ba35SWNVZfaqOwUYpf1fjes5lLUyUlnpRu1leS0abQ7zsVhBrkgXT92+x4cHQSmPb0GJK0"
    "ybOt5p3HbAzsBKrhi3CHs2R5QPmUsehCS2cr0DvW6aF7Li/u/4HR+MGLnH1/UwSRzKLReG"
    "IBc3/etB7/qj8fXmyjuHjCQUHNLjkeCvCeiDoNXXh5WVIF/6twPyA2L3g+7/ji8kv3w67x"
    "GwyTYoVQacFrgoB6MkhvL+GRldoefhDauPT58cHxzvNKeYt5qfAkundHIgJlS7NFdzxrY5"
    "Y9ucsc2lNuibf/GIKG02YpK1WN4JosNBEaLDQT7R4SBpPTbxRRO12vRpTo3/BdIW23Xyrn"
    "mFWXPwrtFv1sG7V2o4JtjoeJN13BC8m2N3b5AMbW/HsbtFyj4jmxpN5+cnUeObB8XO2U2k"
    "eAI5GZxdI47NH70zbRTfjyh3CeYrvfSll4UMJIb0iREqGeFC6fcrZp+qW/kIGSnJb61ABh"
    "u40/v/MNN/Q3lDa3wjWmNUI4XJSRGZGka4q38TebDUS2AcEakhxJWckmjYjBWzGTVehr9d"
    "lbVttIxhlxZuXlNdgmfXELvyV35D7GqIXRut6ibuXpuv28Td9Yy7I/yvjMg7zg773jfMPE"
    "Jasei767NuhNQRMUS+VJEZRPBeZByGzdzCbxboGNgUY0Zw2mTOMsLtP98l8pM+4acSoBcM"
    "xTG6u6f4mQSqv0gGPfKgzn/ZLvQgHm34Kbzx8DsKQj5qVpP+WMIdx9/+sCbI3zOM+y1oYD"
    "L4g19V0Owk6jj6Qryl4eUCpJh5BCiQE47lD3bH9Wcb5tCJA4hL8mAjjwo/m4ZfYMvJEjTp"
    "gDdMB+hbozQhKS7VMJISoVSakdRkXdaQdfHZm2UwjojUEOLVr+O3pXptWDCyaqaX/+QuZY"
    "hDkfrltFbPPJIMKUS4HWP6rmOJhFZauElolUhoSWbZkpnKmEq7zBJPytXQTnf2DoscjcZm"
    "+elbXZlBHQ1OG5TBPCVYQ9ArOY7OhZ9KKIr0QqB+5rsSgHOo/UuekLWi9icQ3usU8fCwWT"
    "7GujKxitkzmttSe2tRmfqt5Uot9FuS+zca9dVz+xtWcrOzUsXOyqbdRnXaWNkwbLd8X6UL"
    "Xr05amWdDfdq2ksPhIdtmjcdbtPd3F6yB5Cbzsv3PvIzeXXwqythq+FNVQJhv3kN0d3f2y"
    "sUtOwtiVn20o40vuIhw6vLfy9ZRGT9LyZ7G0+uHm/sffk/DKwjvg=="
)
