from tortoise import BaseDBAsyncClient

RUN_IN_TRANSACTION = True


async def upgrade(db: BaseDBAsyncClient) -> str:
    return """
        CREATE TABLE IF NOT EXISTS "email_outbox" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "kind" VARCHAR(32) NOT NULL,
    "recipient" VARCHAR(254) NOT NULL,
    "context" JSON NOT NULL,
    "status" VARCHAR(8) NOT NULL,
    "attempts" INT NOT NULL,
    "next_attempt_at" TIMESTAMP NOT NULL,
    "created_at" TIMESTAMP NOT NULL,
    "finished_at" TIMESTAMP,
    "last_error" VARCHAR(255)
) /* A message to send, written in the transaction of the change that causes it. The sender */;
CREATE INDEX IF NOT EXISTS "idx_email_outbo_finishe_b0d923" ON "email_outbox" ("finished_at");
CREATE INDEX IF NOT EXISTS "idx_email_outbo_status_dd88ee" ON "email_outbox" ("status", "next_attempt_at");
        CREATE TABLE IF NOT EXISTS "email_tokens" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "purpose" VARCHAR(8) NOT NULL,
    "token_hash" VARCHAR(64) NOT NULL UNIQUE,
    "email" VARCHAR(254) NOT NULL,
    "password_stamp" VARCHAR(64) NOT NULL,
    "created_at" TIMESTAMP NOT NULL,
    "expires_at" TIMESTAMP NOT NULL,
    "user_id" INT NOT NULL REFERENCES "users" ("id") ON DELETE CASCADE
) /* The token of a link sent by email, kept as its SHA-256; used once. */;
CREATE INDEX IF NOT EXISTS "idx_email_token_expires_bea471" ON "email_tokens" ("expires_at");
        CREATE TABLE IF NOT EXISTS "verified_emails" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "email_lower" VARCHAR(254) NOT NULL UNIQUE,
    "verified_at" TIMESTAMP NOT NULL,
    "user_id" INT NOT NULL UNIQUE REFERENCES "users" ("id") ON DELETE CASCADE
) /* The address a user proved to own, through a link or a provider that vouched for it. One */;"""


async def downgrade(db: BaseDBAsyncClient) -> str:
    return """
        DROP TABLE IF EXISTS "email_tokens";
        DROP TABLE IF EXISTS "verified_emails";
        DROP TABLE IF EXISTS "email_outbox";"""


MODELS_STATE = (
    "eJztXW1z2zYS/isYfUpmFNeRX5ve3IzsOI2bxMrYSq/T+IYDkbDEMwWoBGjZ18t/v12QFN"
    "8V0hZlieGXxAKwAPEAWO4bln93psJijtz5KMY27yvFpjPVeUP+7nA6ZfBHbn2XdOhsFtVi"
    "gaIjRxM42NKgflNdRUdSudTEfm+oIxkUWUyarj1TtuBIcyWmTE1sPiam8LhiFqFjanOpCC"
    "WOPbUVeSEZI2riCqUcaLcze3j5BipnVMq5cC1iTph52yUum4o7IJ9PGCe2flJLmDA80NQ5"
    "0DWXnmkyZskuES60l/aYv/Jm+gcXasJcIhV1lT8KEM6ghFqWy6T8Jd0bGbtiLolwrB2cgc"
    "ftvzxmKDFm2BHM4+u/odjmFrtnEn9+7QRdabh96JkFi9CBhlBp6tnqyqJ22OPs1rixmWMl"
    "NoBtYWNdbqiHmS47scfnXL3TbRHikWEKx5vyqP3sQU0EXxDY/uhjxplLYUgoU66HO4F7jh"
    "NsnXBz+PONmvgTjdFY7IZ6Du4npPYfICrrGMbFYGhcnQ0No5PZayFFbFcERabguE/hUaUG"
    "YIyP8OrnXm9v76i3u3d4fLB/dHRwvHsMbfXzZquOvvkPE6Hld6UxO//1/GKIDyTgMPhnBQ"
    "u+aRqqqE+l1zNC/xYmn8X/dELdfPTD9in8YWJp/EO0ly1AWBCtQHSAF3CHR6NT10JM6b3h"
    "MD5WE/j5+nAJxr/3L0/f9y9fvD58mQT6Iqjp6SqEPII4diTKohwjWR/Qde71BMT7ByUg3j"
    "8ohBirUhBHDKg0xBFJAyE+3C8B8eF+IcRYlYI4zs0zOL8FoJQ9ZQVYp2hTgFsB8U74x2rg"
    "XyczX4L28PzT2dWw/+kzdj+V8i9HA9YfnmFNT5c+pEpfpPnLohPyr/Phe4I/yZ+DizONpp"
    "Bq7OoRo3bDPzv4TNRTwuBibgBHiYEUFodFiZUG6WrminE+zzoRwmGUF7yak5SpZR4BaV0H"
    "a1Gy3rU9GQw+Jpb15Dz1Br748unkDF4Yej2hEchm0YsZZaKb29h7GQtG1LydU9cyMjWiJ4"
    "raZqumvWm6hHI61vjhPHFWgex9yW5gySZDcct4nmyeqF8qm7t+SxAloWlJ2XzAGQnoiKYj"
    "Ly7fnZLDo/2fiWQmNiOHL7vkls1AipYg+06onOyQM2pOiCeReOZQk0kUbOe2mkALzuZEcJ"
    "YRz2sc65qLG5DrGZEAHsx1ajsPbwi7Y+5DMBTOm8EetsiNK6ZIQ7QuU1IGbwXojRSg/ZWu"
    "InlEFHUJHmtdhYTcsdcrIXfs9QrlDqxKyh367Bh4DKtgnKRaDc7Pu9lrFu+kKWYsi/CQ3R"
    "dwkQVBI6TnZfLb2R/DxDs+hPHFp/4fLxPi28fBxa9h8xjspx8HJ7m7Gl4OEh80A3sh787Q"
    "fZ+NbwH6ASfvvd4/2j/eO9xfMPBFyTK+HfLomK7iKZBBAkWikqISJ1yPlrIx23zb1BQJWg"
    "ZM39Bmz0eppfk9tMu+0cveWtNqt6aBouMaoCpWM6glqRoIdO+gDNLQqhBqXZfE2nQZfRz3"
    "SlI2kGt1YILWgIOq5IvaW8LFAq1gKRNj9zMbenvEqicpG7jqW7LKpd5VwBIfc7JjZCtY4G"
    "A/tuu7+vV12R3oY49Z4iRlu8qbvMpasMkzshZq6TGKVj8v8nUkAc6i+064zB7zD+xBg3wO"
    "T0S5maeZB26KL0E3Wwbut3D3hKXRaXbpfGHvj28qmDvMmPmupNP+1Wn/7Vnn2/M4jzTqOU"
    "6jcDWKnUU4oXI+omIsV+w2+VF8Jk+0tBV7Q3BN9d8ZaJcrjiFNA9XG1btEQsAMR8zzOOf3"
    "oY4oG+caWT3cbEptpwrKC4JHgbthklzaBlLG8wStlthAMr6nMMCvspcvQ9g8wF/3jsvEI/"
    "aOiwMSsS4JuC0NeN3adzlsenl8T5xujdE9ITfZquCejHc1x2b929XgYol7Nc9kbdmmIv8j"
    "ji1r0yQ6/7jxuB8MM/JsR9lc7uB4/+ysfxEQocQiZLyvaUdrN6kBYgdp72trdC3mPs01uj"
    "pUKiO8PVJ14TPErc1mk202WxhfsVvXia7DeFNsa4gr2IwrW9l5L76TgPbdh0vmUJUPdmBJ"
    "OPf7edhCblpk20nyJc1VpIJp5UZcV4BK36K7wp62lv1ksarTenWGqlph4HOstrvMkqUVvk"
    "pBz8MJC6KCxY2+GshviYRtTkYPRPcWxSDbSpKr9/1XvYPDXzAG2SKCm0wHDSdim1fTZRuH"
    "vKVxyDPPhZdoJcNbjKSBdrcyenOx1pzRmds45LXEIa/Z2LbZW7heaxtIHNPZo8xtC8oGYr"
    "76Ld1aG4qhb661YbtCvNq7sm1syAaZF9rYkEbEhgw8NRL3n5iUVO+SjIKdbND9vo4tNEE5"
    "HbtPpn7HoBajJmx1ydy1lcIUOFxf1YUOuKS+pyO4vWtOKEeKCVXEpIArass7BJVr7MLfRQ"
    "m9u55hrrmr//dvGgdpe7AKC96E+v2UWtgJ1E4ELAgU+xYA3e8cNH2OF5CJVHBeyuf6QVOU"
    "p9Hn7F6FqZbaLD6bq/xvfhafLY7/cJlpz+yKt2ESRA2EuRbVFEZUwHGq+MljJJvhKMdhG+"
    "Moj94EZfd9RLHGDGHQ1GNryg+2YrNiPI9hSQ0iTtK6J9OhNmmRJYPrcuU7h7yBdpcmqeCt"
    "ea34bDXXvHZjc1tOHrXsKdK1BPK09rXHHW4ddsVcV1QKc09SNS8oeGU30SvE9dRpJ/qduT"
    "Y0tXS8RSfHTpRs0F1mJ7oLmhraYFQhHCPIEkEoRkS4ZObqjMlKEDHnXZ2x2RtPQsOLzsGM"
    "TWwL2mpzy53wzAkmd4M6tOUMcvLP1TTONcdsz9hdl1BuaQuTvuHxyqQY3REO6e9mgF8QNR"
    "eaQGrLkU5GFyIXNq8jHuRHsQfVdsHKN4NWvviTImtcIEIt5ogFK6kuY6RIGyhbNknK2AAv"
    "3tYzrSeJEt/z98E7bijgn5q9fc+6CPX4+p4kl/U9QNe1/6ujjk+hLE82yzZaKp/ReHOYrc"
    "VKymh9FFJeIbckSOUn0aVECtOmjp9Jt0vmE9tE4QkquWIgCrF739UmA3lJ+h4ymY2fXXH/"
    "1/yao7g3wk9tgHTmUPTdCU7eXQ4uhmcXb40vlx/9HMLaIQhDRsLbDN2JyOW0+w9kw8+Dqy"
    "H5CbH7Sfd/zReUnz+cnoWymxvzLzr4cmTabejntwvEQpiHP6xOfXx0uHf4so383WbnH26d"
    "yoGpCaLGiYNtftw2P26bH7fQR6IP/+IVUZltJCgbsb1TGTX3SnCP/b3ijJp7ae6xiUniGx"
    "Wj0WZ8/gHU9Dak+kdY5TZpZrPX12WPXOEEYbvGm7zGG2BQfW6Bp70WsW2m0rW5uxcJLXKs"
    "qfFkF8VG1GRqjXLfWFt4kYMvX2oHs+959l3R/vUD33zpWyFDijG9Y4S6jHChdBKBrPW0lh"
    "FyTJJfOyENNpDe6D/MDO4ltD7pZ/JJx1ekrH4bp2mghrv6rwiHW70CxjGSBkJcy+c42lyf"
    "NcdU+IEoYXhEjttoWf7JLHH7idkKWSjbSOnind/cSOk27WGrd7d6d6t3t3p3LDtijuadzJ"
    "1YrHvH0zWW0777QdSNcP2gbv92Pqbm05pxpDZzC783rnVgU0wZwWmTB5ajbj+9S4xP+oD5"
    "AIMkBajdjSh+4pyiro09LhIYBB/KhB7ErQ0/hT8eZiYQ7q2OatIfOr/m+DsY1gT6EYvSC8"
    "I/+EV0HZ1EHUc/iL81fFuAK+Z+ABTQYUi6PxjmQZg59AE6cQBxl9zYGEcF85kAFG2I+gaa"
    "A/TRqByQlKRqI5JSqlQ2Iqm1uqzB6hJEb1bBOEbSQIhXv4+fN9Rrw5SRVUd6BW/uSow4Im"
    "meTauO7DAYQoTuGDMQHSsYtLLErUGrgkHLZZbtMlMZnmtX2eJpugby6d7ufplMJdis2Hyr"
    "K3NCR8PbBlUwzxA2EPRaPtbERWBKKIv0gqB57LsWgAtC+5e8IRsV2p9CeLdXRsLDZsUY68"
    "qctDyeW8m3Fqdp3l6ulUM/Z3D/RqO++tj+Niq59azU4VnZtGPUJMfKhmG75X6VPkj15qST"
    "dzfcr+kuvRAetWm/A75Np7m7xAdQaM4rlj6KLXlNkKtriVbDQ1UB4aB5A9F9vbtbSmnZXa"
    "Kz7OZmI87L+vydbMS5OZ/XkI34eSS5leUdflICmae+zL79HwCtERM="
)
