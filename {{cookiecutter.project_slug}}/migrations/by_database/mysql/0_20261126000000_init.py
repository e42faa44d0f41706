from tortoise import BaseDBAsyncClient

RUN_IN_TRANSACTION = True


async def upgrade(db: BaseDBAsyncClient) -> str:
    return """
        CREATE TABLE IF NOT EXISTS `users` (
    `id` INT NOT NULL PRIMARY KEY AUTO_INCREMENT,
    `username` VARCHAR(32) NOT NULL,
    `username_lower` VARCHAR(32) NOT NULL UNIQUE,
    `email` VARCHAR(254),
    `password_hash` VARCHAR(128),
    `is_active` BOOL NOT NULL,
    `scopes` JSON NOT NULL,
    `created_at` DATETIME(6) NOT NULL,
    `last_login_at` DATETIME(6)
) CHARACTER SET utf8mb4;
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
    "eJztl21v2jAQx79KlFed1FU0hRZN0yRomcpUYGrTbeo0WU5iEquOTWOnFHX97rNNQp4AQQ"
    "X0QXuX/O/Ovvwuie8ezZB5iPCDa44i85PxaFIYInlR0PcNE45GmaoEAR2iHWPpoRXocBFB"
    "V0hxCAlHUvIQdyM8EphRqdKYECUyVzpi6mdSTPFdjIBgPhKBTuT3Hylj6qEHxNPb0S0YYk"
    "S8Qp7YU3trHYjJSGtdKr5qR7WbA1xG4pBmzqOJCBideWMqlOojiiIokFpeRLFKX2WXPGb6"
    "RNNMM5dpirkYDw1hTETucR2QaSYA/YENrjo2AOYagFxGFVyZKtdP76sUPlqH9ZN68+i43p"
    "QuOs2ZcvI03ToDMw3UePq2+aTtUMCph2acQVU11dcVtKcBjOazzceUCMvUy4RTnssQp0LG"
    "OHuvdgE5hA+AIOqLQN4eWUuI/mhdnp63LveOrA9qQyY/g+nH0U8sljYp6FXIgLDx9CNbF3"
    "UWuRngL/tObxk3CiEm61CeBTwLboLudb7MVqO+Al7ptZCvthUBjyDnYxZ5IIA8WAd0JfD9"
    "AT+0misAl14LgWtbETjmQB63+H7Ob7rNGEGQLjgF83El1o4M3Na/Ov2bbIH2ErjtweBCrR"
    "xyfke00LVLkK977Y6kr9lLJyxQ/pjMgHOXqZUrtL9dDfrzUWcRJc4edoXx1yCYV5qPTeE2"
    "Pw9j6iqShhNjIjDlB2q/L+bui6AIFYqQvth7vdav8jt/ejFoa2SMCz/Sq+gF2qVyuBFSyA"
    "AU1ZKcSYvAIZpflmJkuTRJ6EF68RZ7F/mA3oCSSfLZLSmN3e11ruxW73uhPmctu6MsllYn"
    "JXXvuFSz2SLGz659bqhb42bQ75TLOPOzb0yVE4wFA5SNAfRy/UaqptQKVSeQC9n4+Jg+o/"
    "CV4A3U/pUdPG+k1CmTSq3VpDe8zY0lSnCgezuGskWoWJjFFvlWTaEVlhVIoa+LpGiqPJPB"
    "t4Ui7AbmnJE4sewvG4ph5vN/Kt7ZT2/LU/E9irhKaY3WNhfyDmdiq9FYaYxoLBkjGuWuVn"
    "1UaxBO3N8h3cNabZWZoVZbPDMoW6lnYlQgOufcXNzD5kJ238S+zEG5sXb1RQ+zp39Z7PbX"
)
