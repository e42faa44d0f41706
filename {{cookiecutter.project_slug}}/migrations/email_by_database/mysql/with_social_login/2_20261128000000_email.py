from tortoise import BaseDBAsyncClient

RUN_IN_TRANSACTION = True


async def upgrade(db: BaseDBAsyncClient) -> str:
    return """
        CREATE TABLE IF NOT EXISTS `email_outbox` (
    `id` BIGINT NOT NULL PRIMARY KEY AUTO_INCREMENT,
    `kind` VARCHAR(32) NOT NULL,
    `recipient` VARCHAR(254) NOT NULL,
    `context` JSON NOT NULL,
    `status` VARCHAR(8) NOT NULL,
    `attempts` INT NOT NULL,
    `next_attempt_at` DATETIME(6) NOT NULL,
    `created_at` DATETIME(6) NOT NULL,
    `finished_at` DATETIME(6),
    `last_error` VARCHAR(255),
    KEY `idx_email_outbo_finishe_b0d923` (`finished_at`),
    KEY `idx_email_outbo_status_dd88ee` (`status`, `next_attempt_at`)
) CHARACTER SET utf8mb4 COMMENT='A message to send, written in the transaction of the change that causes it. The sender';
        CREATE TABLE IF NOT EXISTS `email_tokens` (
    `id` BIGINT NOT NULL PRIMARY KEY AUTO_INCREMENT,
    `purpose` VARCHAR(8) NOT NULL,
    `token_hash` VARCHAR(64) NOT NULL UNIQUE,
    `email` VARCHAR(254) NOT NULL,
    `password_stamp` VARCHAR(64) NOT NULL,
    `created_at` DATETIME(6) NOT NULL,
    `expires_at` DATETIME(6) NOT NULL,
    `user_id` INT NOT NULL,
    CONSTRAINT `fk_email_to_users_06aea8d6` FOREIGN KEY (`user_id`) REFERENCES `users` (`id`) ON DELETE CASCADE,
    KEY `idx_email_token_expires_bea471` (`expires_at`)
) CHARACTER SET utf8mb4 COMMENT='The token of a link sent by email, kept as its SHA-256; used once.';
        CREATE TABLE IF NOT EXISTS `verified_emails` (
    `id` INT NOT NULL PRIMARY KEY AUTO_INCREMENT,
    `email_lower` VARCHAR(254) NOT NULL UNIQUE,
    `verified_at` DATETIME(6) NOT NULL,
    `password_trusted` BOOL NOT NULL,
    `user_id` INT NOT NULL UNIQUE,
    CONSTRAINT `fk_verified_users_13b9be1d` FOREIGN KEY (`user_id`) REFERENCES `users` (`id`) ON DELETE CASCADE
) CHARACTER SET utf8mb4 COMMENT='The address a user proved to own, through a link or a provider that vouched for it. One';"""


async def downgrade(db: BaseDBAsyncClient) -> str:
    return """
        DROP TABLE IF EXISTS `verified_emails`;
        DROP TABLE IF EXISTS `email_outbox`;
        DROP TABLE IF EXISTS `email_tokens`;"""


MODELS_STATE = (
    "eJztXW1T27gW/iuafGpnUhYCDWz3zp0JlG7ZtqQD6d6dLXcyii1iXxwpa8mE3L397/dIsu"
    "P31IY4OK6/tETSke1HsnReHh3/3Zkxkzh87yOb2nQgBJnNRecN+rtD8YzAH5n1XdTB83lY"
    "KwsEnjhKwJEtx1g3VVV4woWLDdnvLXY4gSKTcMO158JmVMpcsxkRlk2nyGAeFcREeIptyg"
    "XCyLFntkAvOCFIWC4TwoF2e/PlyzdQOcecL5hrIsMixl0XuWTG7kF8YRGKbHWnJjPg8iBT"
    "5YVuKPcMgxCTdxFzoT23p/SVN1c/KBMWcREX2BX6KiA4hxJsmi7h/Jdkb2jqsgVHzDH35B"
    "N41P7LI2PBpkR2BM/x9d9QbFOTPBAuf37t+F0puDX0xIRB6EBDqDTU06rKvHayx/nd+NYm"
    "jhmbALYpG6vysVjOVdmpPb2g4p1qKyGejA3meDMatp8vhcXoSsDWV58SSlwMl4Qy4XpyJl"
    "DPcfypE0wO/bxhE/2gERmT3GLPkfNJSusbCMs64/HlcDS+Ph+Nx53UXAskIrPCLzIYlfMU"
    "bpUrAKbyFl793OsdHh739g/7J6+Pjo9fn+yfQFt1v+mq42/6ZkK0dFcKs4tfLy5H8oYYvA"
    "z6XZEF35QMFlhLqfEM0b+Dh0/jf2ZhNxv9oH0Cf3iwJP4B2usGICgIRyB8gVdwB69Gp6qB"
    "mOGHsUPoVFjw86C/BuPfB1dn7wdXLw76L+NAX/o1PVUlIQ8hjrwSRVGOiGwP6Crnegzio9"
    "cFID56nQuxrEpAHC5AhSEORRoIcf+oAMT9o1yIZVUC4uhqnsL5LQAl7BnJwTohmwDc9IX3"
    "gj82A/82F/M1aI8uPp1fjwafPsvuZ5z/5SjABqNzWdNTpctE6Yvk+rLqBP3rYvQeyZ/oz+"
    "HluUKTcTF11RXDdqM/O/KesCfYmLLFGFaUCEhBcVAUG2nQruYum2avWaeMOQTTnK05LpkY"
    "5gmIVvVirUq2O7anw+HH2LCeXiR24Msvn07PYcNQ4wmNQDcLN2apE93eRfZlWTDBxt0Cu+"
    "Y4VcN6LK9tumrWmyVLMMVThZ98TvlUvu59RW5hyKwRuyM0SzeP1a/VzV3dElRJaFpQNx9S"
    "gnw5pOTQi6t3Z6h/fPQz4sSQzVD/ZRfdkTlo0Rx0Xwtzaw+dY8NCHpfCcwcbhEvFdmELC1"
    "pQskCMkpR6XuG1bii7Bb2eIA7gwbPObGf5BpF74i79S8nnJjCHTXTrspmUQcqWKaiDtwp0"
    "LRVoPdJlNI9QoirFY6ujENM7DnsF9I7DXq7eIavieod6d8byNSyDcVxqMzg/72SvWL3jBp"
    "uTNMIj8pCziqwEGqE9r9Pfzv8Yxfb4AMYXnwZ/vIypbx+Hl78GzSOwn30cnmbOatgcuLzR"
    "FOy5a3dK7vvL+A6g76/kvYOj46OTw/7RagFflaxbt4M1OmKreAJ0EN+QKGWoRAW3Y6XUZp"
    "rvmpnCwcqAxx8rt+ejzNLsHtphr/Wwt960yr1pYOi4YzAVyznU4lINBLr3ugjS0CoXalUX"
    "x9pwCX7c6hWXbOCq1YEHNIcUTCWtau/IKuZbBWsXMfIwt6G3R4x6XLKBo74jo1xor4Il8T"
    "FvdkRsAwPsz8d2fDc/vi65B3vsMUMcl2xHuc6jrBSbLCdrrpUekWjt87xYRxzgNLrvmEvs"
    "Kf1AlgrkC7gjTI0sy9wPU3zxu9kxcL8FsycoDd9mFy9W/v7opIJnhycmOpR0Nrg+G7w973"
    "x7nuDRNTE81xbL83tCM5ld8QbddeEj7jcdE9m2RPwIWrtL5AdgsGfaAkksHc220r1pptXC"
    "wgJZcAswSUwkGBTYhoV8NkBXMaS6CFM/SAM/XbKXGUfawjWLELMi0wL+bWlW9YwS7ZaZt9"
    "Xxaa6VV39u3Q7HBVutbONRE0OwkpBGRR6Fac3Mlo1D2jqrW2d1c5zVLoEn5SJzjcjHOi7V"
    "QKwPeidFOOO9k3zSuKyLY20SAcZEGuffroeX2TiHEkkt0TYE+h9ybF7ZNtf5x61HNX9u4t"
    "mOsCnfk5f9Z6eiEVgDuEQopiGmCBtJbkZC9ZMdnNaHnqn8GhmGdeDvyLen5SpXzIrOx33D"
    "xMQfxd58ogqRb0nKMVV/l9ztApkGrr/VGBfy77HDFlm+ye9DHUo2jny4ebjJLHOry0d5Jf"
    "AocOtmdCQUtyLcTmi1RnFLsTuDI3SlebQpweYBXon2ZvMxbLf2fcYyvf4ETVRui+dngtVk"
    "p47PpPjLGYZ2vrocStRDXZbX22l1uaU1FVt9muvwdjCY+UF+hrIDnxJuWRF1ZkXs4AmG/a"
    "re6CroEfm+hqiBTaiwhZ218Z36su8+XBEHi2ywfU/Che5nuYOraR57Ir4uqVWFC3iszDPN"
    "JaBSeWquZU87u/yksarSe3UuTbXco8WR2u46T5Yy+EodKx5ZxD93y25V8h16hzhMczRZIt"
    "VbeMrXFhxdvx+86r3u/yJP+ZqIUSOD9bGZLtuTvjvK4Zh7LmyipRxvEZEG+t2K2M35VnPK"
    "Zm5P+m7lpO+WnW31nsLVettA45jNH+VuW0k2EPPNT+nW25APfXO9Dbt1iKrNRtWevqiRe6"
    "E9fdGI0xdDT0zYwyfCOVazJGVgxxt0v29jMyVQzMYeoJnuWB5qAEvY7KKFawshk8xSdS4C"
    "OqAc60iHf1TCsDCVEvJQhIEBV2kt7yFpXMsu9CyK2d3VXOaGuup/ncvLT4wrq2TBm8C+n2"
    "FTdgK1FoMBgWLtAVD9LsDSpzLFF+IC3pfi2XSlK8pT6FPyIIJkxm2e3Poa/y2Xv0L+h0sM"
    "e26XpPDGhBoIcyWmKVxRwIpTJk4eEalHoHzneaUx3sJqJyg670OJLebghqYe2VIG7g27Fa"
    "NfCih6rCUi0oYnk1SbpMqSwnW98Z0h3kC/S5NM8Na9lv9uNde9dmtTm1uPGvaE6FaIPK1/"
    "7XEvt6JdEddlpWjucanmkYI3dnyuJmeIfieuDU1NxbfoZPiJ4g266/xE937TsXIYlaBj+E"
    "dbEZaMCBfNXfVNIsEQW9Cu+iaSN7UCx4v6ypFsYpvQVrlb7plnWDJ9OtRJX84wI8N7Rde5"
    "ofJ7SrI7nahDepjUCY9XBpbsjuCSejYD/AyJBVMCXHmOVLr3ALmgeRV8kB/FH1TZASvtBi"
    "198Cch1jgiQiXuiNVSUl7HSIg2ULdskpaxIjbABOaCZLmy1x2LyRJvvy5T4nhMDaKoO79p"
    "PEmV+168FXSMEYN/Ko62PusgVBNrfZJePPAAXdf+r2J9n0FZlm6cbrRWP8bR5vC0JimoIw"
    "+kkvhK7lZISulscBhxZtjY0d8K6ga542QlFQRUUfKgQ53c11e5jlDyNH95w/3f0Bsq1e2J"
    "/JgoaMcOlrFTRtG7q+Hl6Pzy7fjL1Uf9lSQVkIVLhsrzXIZz5S6jwq+gm38eXo/QTxK7n1"
    "T/N3Ql+fnD2XmgO7uR+K4jlROiwrY6g7+vlsNz6Muqjzsd9w/7L1vm9S4HX+XUKU0Mjgk1"
    "Th1vvwDUfgGo/QJQboxKvfyrLaL0shGTbMT0TqRhOyywehwd5qdhO0yuHnX8DF6jODLtN6"
    "1+ADdJS2n/EUa5/SxIs8fXJY8c4ZhgO8Z1HuMaOFSfW+Fpj6Xsmqt0a3SDVUKRDG9qNNlI"
    "vhM1ntqk2FdAVlF8/8saKsCvI/+aCqCPf2j3pfZCBhJTfE8QdgmiTKgkDtnf/Nj4FTJckl"
    "87gYwK6niT/xDDPxfScgKeiRMQHZGi9m1UpoEW7kG/gIV7kNyiI0kT+ykHpD/VS2AcEWkg"
    "xJXkcG9zrVbMadFEoICekhE2Wkd0SAu3NIcSNIeWqZ4/85vLVG/TTrZ2d2t3t3Z3a3dHsl"
    "NmWN7x3JX5tnc0XWYx63vgs26Yq0n1OjuCTI2oLOPQbKYmsmTSBLCBDTYjSD42WpIMc/vp"
    "XUp+0geZj9FPEiGtuwnmBMF8tDTXf5VAghMu4+nQA7uz4SfT15OZIZh7p1hNMs/D8obK3/"
    "5lDZCfkDC9I/zjLN9odhJ2HHUjempoX4DLFpoABXLySIC+mMxDMXfwEjpxAHEX3dqSRwXP"
    "YwEU7RGBGroD1KtRmpAUl2oZSQlTKs1Iar0uW/C6+OzNMhhHRBoI8ebn8fNSvWpmjGya6e"
    "Xv3KUW4lCkeT6tKrLzSAqRDMcYvupYwqGVFm4dWiUcWi4xbZcYYuy5dpkpnpRr4Drd2z8q"
    "kilGNst336rKDOpocNqgDOYpwQaCXsnHsijzXQlFkV4JNG/5rgTgHGr/mh2yUdT+BML7vS"
    "IanmyWj7GqzEiL5LmlYmtRmebN5UpX6Ock99ca9c1z+1tWchtZqSKyUrfXqEmBlZphu+Nx"
    "lQFo9YbVyTobrmu6aw+Eh23a77Dv0tvcXRMDyHXn5Wsf+Z68JujVlbDV5EtVAmG/eQPRPd"
    "jfL2S07K+xWfYzs0FnZd3+TjbozJzbW8gG/Tya3MbyPj8pgcxTN7Nv/wehzHSr"
)
