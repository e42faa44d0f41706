from tortoise import BaseDBAsyncClient

RUN_IN_TRANSACTION = True


async def upgrade(db: BaseDBAsyncClient) -> str:
    return """
        CREATE TABLE IF NOT EXISTS "email_outbox" (
    "id" BIGSERIAL NOT NULL PRIMARY KEY,
    "kind" VARCHAR(32) NOT NULL,
    "recipient" VARCHAR(254) NOT NULL,
    "context" JSONB NOT NULL,
    "status" VARCHAR(8) NOT NULL,
    "attempts" INT NOT NULL,
    "next_attempt_at" TIMESTAMPTZ NOT NULL,
    "created_at" TIMESTAMPTZ NOT NULL,
    "finished_at" TIMESTAMPTZ,
    "last_error" VARCHAR(255)
);
CREATE INDEX IF NOT EXISTS "idx_email_outbo_finishe_b0d923" ON "email_outbox" ("finished_at");
CREATE INDEX IF NOT EXISTS "idx_email_outbo_status_dd88ee" ON "email_outbox" ("status", "next_attempt_at");
COMMENT ON TABLE "email_outbox" IS 'A message to send, written in the transaction of the change that causes it. The sender';
        CREATE TABLE IF NOT EXISTS "email_tokens" (
    "id" BIGSERIAL NOT NULL PRIMARY KEY,
    "purpose" VARCHAR(8) NOT NULL,
    "token_hash" VARCHAR(64) NOT NULL UNIQUE,
    "email" VARCHAR(254) NOT NULL,
    "password_stamp" VARCHAR(64) NOT NULL,
    "created_at" TIMESTAMPTZ NOT NULL,
    "expires_at" TIMESTAMPTZ NOT NULL,
    "user_id" INT NOT NULL REFERENCES "users" ("id") ON DELETE CASCADE
);
CREATE INDEX IF NOT EXISTS "idx_email_token_expires_bea471" ON "email_tokens" ("expires_at");
COMMENT ON TABLE "email_tokens" IS 'The token of a link sent by email, kept as its SHA-256; used once.';
        CREATE TABLE IF NOT EXISTS "verified_emails" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "email_lower" VARCHAR(254) NOT NULL UNIQUE,
    "verified_at" TIMESTAMPTZ NOT NULL,
    "user_id" INT NOT NULL UNIQUE REFERENCES "users" ("id") ON DELETE CASCADE
);
COMMENT ON TABLE "verified_emails" IS 'The address a user proved to own, through a link or a provider that vouched for it. One';"""


async def downgrade(db: BaseDBAsyncClient) -> str:
    return """
        DROP TABLE IF EXISTS "verified_emails";
        DROP TABLE IF EXISTS "email_tokens";
        DROP TABLE IF EXISTS "email_outbox";"""


MODELS_STATE = (
    "eJztXW1v4zYS/iuEP2UBb5A4r90WBzipt5vrJj5s3F7R7kFgJNoSIpMqScUxevnvHVKS9e"
    "7IXsuxVX1JbHKGFJ8hRzPDIf1XZ8os4orDz2zi0L6UZOrJzgf0V4fiKYEPhfVd1MGeF9eq"
    "AokfXM3gKkoDB6S6Cj8IybGp2h1jVxAosogwueNJh1HFc8+mRNoOnSCT+VQSC+EJdqiQCC"
    "PXmToSHQhCkLQ5k9IFukNv/u4DVHpYiBnjFjJtYj52ESdT9gTsM5tQ5OgntZgJ3QNPnR19"
    "pcI3TUIs0UWMA71wJvS97+kvlEmbcCQk5jLoBRg9KMGWxYkQ32dbQxPOZgIx1zpUI/Cp86"
    "dPDMkmRDUE4/jjf1DsUIs8E6G+/tEJm9JwB9ATC4TQAUKoNPVodWUZnWrRezTGDnGt1ARw"
    "LEWsyw0593TZlTO5ofKjplUQPxgmc/0pjem9ubQZXTA4Qe8TQgnH0CWUSe6rmUB91w2nTj"
    "Q5gvHGJMFAEzwWGWPfVfNJcQcPEJd1DONuODLuByPD6OTmWsSRmBVhkcmomqfwqEIDMFGP"
    "8P67Xu/k5KJ3dHJ+eXZ6cXF2eXQJtPp581UXL8HDxGgFTWnMbn66uRupB2KwGIK1ogpeNA"
    "+WOODS8ozRf4TB5/G/tjEvRj+iz+APA8viH6G9TABRQSyBeAEv4I6WRqcuQUzxs+ESOpE2"
    "fD0+X4Lxr/0v15/6Xw6Oz9+lgb4La3q6SkEeQ5xYElVRTrBsD+g653oK4tOzChCfnpVCrK"
    "oyEMcKqDLEMUsDIT4/rQDx+WkpxKoqA3FSm+dw/hGAks6UlGCd4c0AboXMh9GHzcC/TWW+"
    "BO3Rze3gftS//Y9qfirEn64GrD8aqJqeLp1nSg+y+mXRCPrvzegTUl/R78O7gUaTCTnhus"
    "eYbvR7Rz0T9iUzKJsZoFESIEXFUVFK0mBdeZxNinXWFWMuwbTk1ZzmzIj5AVjrWliLku3K"
    "9mo4/JwS69VN5g1898vt1QBeGFqeQAS2WfxiVjbR+DHxXlYFD9h8nGFuGbka1mNltPmqaW"
    "+aLcEUTzR+apxqVKHt/YWMQWT2iD0SWmSbp+qX2uY8oARTEkgr2uZDSlDIhzQfOvjy8Rqd"
    "X5x+hwQxFRk6f9dFj8QDK1qA7WtjYR+iATZt5AvF7LnYJEIZtjNH2kBByQwxSnLmeY19fa"
    "VsDHY9QQLAg7FOHXf+AZEnwudhV2rcBOawhcacTRUP0r5MRRu8NaB30oAOJL2K5RFz1GV4"
    "bFUKKbvjpFfB7jjpldodqiptd+i1Y6hluArGaa7N4Py2k71m806YzCN5hEfkuUSLLBgaYT"
    "0vs98Gv41S7/gIxoPb/m/vUubb5+HdTxF5Avbrz8OrwlkNLwehHjQHe6nuzvG9rsb3AP1Q"
    "k/eOTy9OL0/OTxcKfFGyTG9HOjrhq/gSbJDQkVjJUUkybsdL2Zlpvm9uigAvA4Zv6LDnWm"
    "5pcQut2Hda7G00rfZoGjg63ABXcbWAWpqrgUD3zqogDVSlUOu6NNYmJ3g97ZXmbKDW6sAA"
    "rSEFVykwtfdEi4VewVIlRp49B1pbQ+ppzgZKfU+kXOldBSpxnZWdYNuAgMP52Mp38/Ll5A"
    "n8sXVEnOZspbzLUtaGTVGQtdRLT3C0/nnZXkca4Dy6HxknzoT+TOYa5Bt4IkzNIs883Kb4"
    "JWxmz8B9iWZPVBqvZo5ni3h/clLB2GHEJNhKuu7fX/d/HHRe3mbz6J6YPnfkfPBEaGFmV5"
    "qgu2z7SISkBlG0K+wfATWfo3ADBvuWI5HC0g2yrYLWgkyrmY0lsuERYJJYSDIocEwbhdkA"
    "XZ0h1UWYhps08JWTw8J9pC30WSUxKzEt4G+bZrWbu0T75eZtVT7N9fJ2P7duj/cFW6ts47"
    "smpmQrQppkWQvTHXNbNg5pG6xug9XNCVZzAiMVslBHlGOd5mog1se9yyo5473L8qRxVZfG"
    "2iISnIk8zv++H94V4xxzZK1Ex5To/8h1RG2vuc4PY58G+XMPvuNKh4pD1e2/OjVJYAngCq"
    "GUhZhL2MjmZmRMP9XA1e6kZ+q4RoFjHcU7yv1ppeWqedHluG84MfGf4m9+owlR7kkqmerP"
    "K77tIp4G6t96nAv12XDZrCg2+TrUMWfjkg83DzeZFr7qylFeMKwF7q45HRnDrUpuJ1AtMd"
    "xy2Z3REbqV82hzjM0DvBbrzREGvG6dpwI1vfwETZJvi+dnIm2yV8dncvnLBY52ubkcc+yG"
    "uaz622tzuU1rqqZ9mhvwdjG4+dH9DKsKPsfcZkXsclbEHp5gOKprRdeRHvE2sYaBMqxLD4"
    "ImarvL4g7aPF/pEOjIJuEpSTbWV6XQRyQIlehhjnRr8ZlMRwp0/6n/vnd2/r06k2khRs2C"
    "PfrNNNmey9zTHXfP56DyVgqTJFgaGCWp4uWU+zg5D6c9l7mVc5lbDo3s9hSuNzYiJJ56aw"
    "VHFpwNxHzzU7r1Dcuhb65vuF9HXtq7g9pc+R1yBttc+Ubkyg99+cCeb4kQWM+SnIOdJui+"
    "7mMzzVDNx+6jadCwSkEHT9jqohl3pFRXglKdxQ4NUIGDuHSY2G7amCoOlcJuYsBVecuHSD"
    "nXqolgFqX87nq6+Uq5/h/cvBReY6qqVMGHyL+fYks1ArU2A4FAcRAB0O3OwNOn6kImJCSs"
    "l+p3n8Jikr5Gn5JnGV09295qurvOf5t5XeNuPSem4zkrJlymmBoIcy2uKfQoQeOssquZYN"
    "mNbc29zwJM7TIv3gRV533MscUbk4HUJ1u6L3nDYcXkve5VDyEkWNrNpGxiRNZkyeG63Pku"
    "YG9g3KVJLngbXitfW80Nr40d6gh7LbFnWLeSdtHG19Zb3DpJhnDOVkpKTnM1L4VzY4eddi"
    "QL41fCHSC1dL5FpyBOlCboLosTPYWkhg4YrZCOER5ERFhlRHDkcf0LMpIhNqNd/Qs2/sSO"
    "Ai/6N2kUiWMBrQ63PDHftNVl11CnYjnDgvu4a+rnK1W/fqOaC65VUBEmnY//3sQquyPqMp"
    "jNAD9DcsY0g9CRI305d4RcRF5HPsg/JR5U23GYIAy68jGNDFvjEhFqCUcsVMnqNkaGtYG2"
    "ZZOsjB3Yxdt7pfVNpsRr+33wjhsx+FPzbt+bCqGevb5vssv6oMVMu8ggC2uWWmI4pmmP4+"
    "7TUl5mf5QmwJfbHuW5783YCKnh4gm1qFZAOCRvILrHR0dVDiseHZUfVlR1BdtMRdt5r2wz"
    "FW7mbWGb6W2suGZcK/HyNyAtP/o="
)
