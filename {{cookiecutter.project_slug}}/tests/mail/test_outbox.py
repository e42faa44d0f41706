"""The outbox: two app processes sending from one database deliver each message once."""

from datetime import UTC, datetime

import pytest

from {{ cookiecutter.package_name }}.mail.models import OutboxMessage, Status

from .conftest import until

MESSAGES = 30


@pytest.fixture
def sender():
    """No sender in this process: the two worker processes are the senders."""


async def test_two_workers_deliver_each_message_once(start_worker, shared_database, mailbox):
    start_worker(SMTP_PORT=str(mailbox.port), SMTP_TLS="none")
    start_worker(SMTP_PORT=str(mailbox.port), SMTP_TLS="none")
    now = datetime.now(UTC)
    await OutboxMessage.bulk_create(
        [
            OutboxMessage(
                kind="notice",
                recipient=f"user{number}@example.com",
                context={
                    "username": f"user{number}",
                    "what": "A test notice",
                    "details": "-",
                    "advice": "-",
                    "at": "now",
                    "address": "127.0.0.1",
                    "user_agent": "",
                },
                next_attempt_at=now,
            )
            for number in range(MESSAGES)
        ]
    )

    async def all_sent() -> bool:
        return await OutboxMessage.filter(status=Status.SENT).count() == MESSAGES

    await until(all_sent)

    assert sorted(message["To"] for message in mailbox.messages) == sorted(
        f"user{number}@example.com" for number in range(MESSAGES)
    )
    assert await OutboxMessage.filter(attempts=1).count() == MESSAGES
