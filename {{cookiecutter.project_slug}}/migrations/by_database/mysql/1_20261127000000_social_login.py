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
        DROP TABLE IF EXISTS `identities`;
        DROP TABLE IF EXISTS `authorization_codes`;
        DROP TABLE IF EXISTS `login_states`;"""


MODELS_STATE = (
    "eJztXG1z4jgS/isqPk2qmGwChGTnrq6KZMhudjJhKmHutnZy5RK2AB9GYiURwu3lv19Lts"
    "GvjJ3FBLz+kgqSWrKeltrdrcf6ozZlFnHE8S0b2bQjJZnOZO0D+qNG8ZTAP4n1dVTDs9m6"
    "VhVIPHC0gKNaGthtqqvwQEiOTdXvEDuCQJFFhMntmbQZVTIPbErk2KYjZLI5lcRCeIRtKi"
    "TCyLGntkTvBCFIjjmT0oF2x7Pl0QeonGEhFoxbyBwTc1JHnEzZE4gvxoQiWz+pxUwYHmSK"
    "HOiRirlpEmKJOmIc2gt7RN/PZ/oHZXJMOBISc+mOAoIzKMGWxYkQf4v2hkacLQRijnWsZj"
    "Cn9u9zYkg2IqojmMe3f0OxTS3yTIT6+a3mdaXhdqEnFiihBg2h0tSz1ZVp7VSPs4kxtIlj"
    "hRaAbanGutyQy5kuu7RHN1Re67YK4oFhMmc+pev2s6UcM7oSsN3RR4QSjmFIKJN8rlYCnT"
    "uOt3T8xeHOd93EnWhAxiJDPHfUelLS7gOsy2qGcdfrGw/dvmHUYmvNlwisCq/IZFStU3hU"
    "oQEYqUd4/2Oj0WyeN06a7Yuz1vn52cXJBbTVzxuvOn9xH2aNltuVxuzmp5u7vnogBpvB3S"
    "uq4EXLYIldKa3PNfoTmHwc/6sx5sno++0j+MPEovj7aG9SgF+w1sB6A6/g9rdGrShFTPGz"
    "4RA6kmP4edregPE/O/dXP3fu3522j8JA33k1DV2lIF9DHNgSWVEOiOwO6CLXegji1lkGiF"
    "tnqRCrqgjEawOUGeK1SAkhbrcyQNxupUKsqiIQB615DOePAJS0pyQF64hsBHDLEz72/9kO"
    "/Ls05hvQ7t987j70O5+/qO6nQvzuaMA6/a6qaejSZaT0XdS+rDpB/7rp/4zUT/Rb766r0W"
    "RCjrgecd2u/1tNPROeS2ZQtjDAogRA8ov9opCmwbuacTZKtlmXjDkE05RXc1gyouYBiBa1"
    "sVYlu9XtZa93G1Lr5U3kDXz39fNlF14YWp/QCHyz9YtZ+UTDSeC9rAoG2JwsMLeMWA1rsL"
    "S28appYxotwRSPNH5qnmpWnu99T4agsnGfTQhN8s1D9Rt9c+62BFcSmmb0zXuUIE8OaTn0"
    "7v76CrXPWz8iQUzVDLWP6mhCZuBFC/B9x1iMj1EXm2M0F0p45mCTCOXYLmw5hhaULBCjJO"
    "aeFzjWI2VD8OsJEgAezHVqO8sPiDwRvvSGUvMmsIYtNORsqmSQjmUy+uCVA72XDrSr6Tye"
    "x1qiKMdjp1oI+R3NRga/o9lI9TtUVdjv0HvHUNswD8Zhqe3g/LaLvWD3TphsRuII98lzih"
    "VZCZTCe97kv3V/7Yfe8T6M7z53fj0KuW+3vbuf/OYB2K9ue5eJqxpeDkI9aAz2VNsdk/u+"
    "GT8A9D1L3jhtnbcumu3WyoCvSjbZbd9GB2KVuQQfxAskcgUqQcHdRCl7s8wPLUwREGXA9A"
    "2d9nxVWJrcQ6X2vVZ7lU0rPJsGgQ43IFTMl1ALS5UQ6MZZFqShVSrUui6MtckJfp31CkuW"
    "0GrVYIJWj0Ko5LraB2LFvKhgoxEjzzMbenuF1sOSJdT6gWg507sKTOJrdnZAbAsK9tZjpd"
    "/t65eTJ4jHXqPisGSl5X3WsnZskpKsqVF6QKKKz9POOsIAx9G9ZpzYI/qJLDXIN/BEmJpJ"
    "kbl3TPHV6+bAwH3xV49fut7NHC9W+f7gooK5w4yJe5R01Xm46nzs1l7e5vBIo55waORrI/"
    "2wSE0o2xlROpZbPjb5q5yZ/MlMW/ppiNKp/j8G7ebA0ZcpYdi4/SMRHzDDYYsky/l9qNeS"
    "pTsa2T7cZIptJw/KK4FXgbtnnlw0B5Ll5AlabciBxM6efIJf7lO+mGD5AD9tXGThIzYu0g"
    "mJqi4MuC0MeN3aTwlmejO/Jyi3Q3aPb00OitwTO11NyFn/8tC723C8mpSytmxTov8hxxaF"
    "RRK1vw/n1CXDDOa2I20qjtV4/6jtXgkKoZASYqev0YPWejgCVB1ET1+rpGu69Slv0tXBQh"
    "r+1yN5FR8TrnI2+5yzOUB+xUlRO7qI5E16riEYYBMqbWknvfguPdnrT/fEwTIZbC+TcOP2"
    "szxAa5qW2wnbJW1VhIRpJTKuc0Clv6J7UD0drPmJY1Vk9qozBxi5/V+N6xWU1RJSWfFG9U"
    "15LRxsDvOxSEYmdEdxgt+rlwdSUi5NGCPBTBs7Lle4jhZj21S0Y6ikklALkWdzjOmICDRk"
    "HNlSuHRjoWnFIfbzlvt/pI+0PyZooD4mJBw5mFoChkDX9727fvfuo/H1/tZlSStetBqyjq"
    "CN/jUDfSBl9TWVWjL0pffQRz8o7H7Q/T/SleSXT1ddBDbZBqVy5NGs4aEcFSURJe8xeHSF"
    "noc7rCZ3n7eb7aOKY33IHGu1dHInB0JCpUtzVQzgigFcMYBTGcB6869eEbnNRkiyFMs7wh"
    "lsZuEMNtM5g82o9djHz2BKdehTcdr/AmmLw+IFVh9YV7TASr9JtMBXajgkWOl4n3VckQIr"
    "UmBFCkxLq65S9gnZ1GA6Pz2JGj48yHaLxIyzJ5DjyLvbBzk2naisIENY3d7Aj5HKV7rpSz"
    "cL6UuM8BNBmBNEmdS3P8Szp4WMkJCS/FbzZVQDMR/8h5je/WkVrfGNaI1BjWQmJwVkShjh"
    "bv+eNH+p58A4IFJCiAv54LBiMxbMZtR4Gd5xVdKx0SaGXVy4ukQrB8+uInalr/yK2FURu/"
    "Za1VXcvTNft4q7yxl3B/hfaXesr9hh37th3SWkZYu+Ox7rhnEdEUPkiyVaQATvRsbrsJla"
    "6kZFHQObbEqQmjZakoRw+893qfhJn9RFjtCLCsVVdDfA6hJHrO9Lhx6pX+ddBQQ9sIkNP5"
    "k7nrrlkfGJZjXpqxwfqfrtDWuC/ICouN+CBiaBP+rOR81Owo6jH8RdGm4ugLOFS4ACOeZY"
    "3mCPVF8quYROHECco6GteFTqUnd1P3xKlqBKB7xhOkBvjdyEpLBUxUiKhFJxRlKVddlB1s"
    "Vjb+bBOCBSQoi3v47fluq1Z8HItple3ps7lyFei5Qvp7V95hEnikKkjmNMz3XMkdCKC1cJ"
    "rRwJLU4smxNTGnNu51niUbkS2unGSSvLp9GqWXr6VlcmUEf9rw3yYB4TLCHohXyOTpmXSs"
    "iK9EqgfOa7EIBTqP0b3pClovZHED5pZPHwVLN0jHVlZBWTZ2Vuc52tBWXKt5YLtdBvSe7f"
    "a9S3z+2vWMnVyUoRJyv7to3KdLCyZ9ge+LlKB7x6c1xL+jbcralv/CB83aa66fCQdnN9wx"
    "lAajov3ftIz+SVwa8uhK2mNlUOhL3mJUT39OQkU9BysiFmOYk70uqKhwSvLv1esoDI7i8m"
    "extPbmtXkOW4RWf7L7OX/wNBNjwJ"
)
