"""The outbox: two app processes sending from one database deliver each message once, and the
metrics tell how many wait."""

import asyncio
import logging
from datetime import UTC, datetime, timedelta

import httpx2
import pytest
from prometheus_client.parser import text_string_to_metric_families

from {{ cookiecutter.package_name }}.mail import outbox, tokens
from {{ cookiecutter.package_name }}.mail.models import EmailToken, OutboxMessage, Purpose, Status
from {{ cookiecutter.package_name }}.mail.outbox import Sender, sending
from {{ cookiecutter.package_name }}.main import create_app

from ..conftest import rename_table
from .conftest import until

MESSAGES = 30


def notice(
    number: int, now: datetime, status: Status = Status.QUEUED, finished_at: datetime | None = None
) -> OutboxMessage:
    return OutboxMessage(
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
        status=status,
        finished_at=finished_at,
    )


@pytest.fixture
def sender():
    """No sender in this process: the two worker processes are the senders."""


async def test_two_workers_deliver_each_message_once(start_worker, shared_database, mailbox):
    start_worker(SMTP_PORT=str(mailbox.port), SMTP_TLS="none")
    start_worker(SMTP_PORT=str(mailbox.port), SMTP_TLS="none")
    now = datetime.now(UTC)
    await OutboxMessage.bulk_create([notice(number, now) for number in range(MESSAGES)])

    async def all_sent() -> bool:
        return await OutboxMessage.filter(status=Status.SENT).count() == MESSAGES

    await until(all_sent)

    assert sorted(message["To"] for message in mailbox.messages) == sorted(
        f"user{number}@example.com" for number in range(MESSAGES)
    )
    assert await OutboxMessage.filter(attempts=1).count() == MESSAGES


async def test_a_stopping_app_sends_the_message_in_flight_and_lets_the_others_go_at_once(settings, db, mailbox):
    mailbox.delay = 0.5
    now = datetime.now(UTC)
    await OutboxMessage.bulk_create([notice(number, now) for number in range(3)])

    async def begun() -> bool:
        return mailbox.begun == 1

    async with sending(create_app(settings)):
        await until(begun)
        # Held for minutes while it goes, so that no other sender takes it meanwhile.
        in_flight = await OutboxMessage.get(recipient="user0@example.com")
        assert in_flight.next_attempt_at > datetime.now(UTC) + timedelta(minutes=4)

    assert [message["To"] for message in mailbox.messages] == ["user0@example.com"]
    assert await OutboxMessage.filter(status=Status.SENT, attempts=1).count() == 1
    # Not leased for minutes: the next sender to look takes them.
    left = await OutboxMessage.filter(status=Status.QUEUED).order_by("id")
    assert [(row.recipient, row.attempts, row.next_attempt_at <= datetime.now(UTC)) for row in left] == [
        ("user1@example.com", 0, True),
        ("user2@example.com", 0, True),
    ]


async def test_while_smtp_is_away_each_try_waits_twice_as_long_until_the_message_fails(settings, db, mailbox, caplog):
    mailbox.stop()
    settings.email_retry_seconds = 60
    settings.email_max_attempts = 3
    message = notice(1, datetime.now(UTC))
    await message.save()
    sender = Sender(settings)

    waits = []
    with caplog.at_level(logging.WARNING, logger=outbox.__name__):
        for _ in range(settings.email_max_attempts):
            tried_at = datetime.now(UTC)
            assert await sender.send_due() == 1
            waits.append((await OutboxMessage.get(id=message.id)).next_attempt_at - tried_at)
            await OutboxMessage.filter(id=message.id).update(next_attempt_at=datetime.now(UTC))

    for wait, expected in zip(waits, (60, 120), strict=False):
        assert timedelta(seconds=expected) <= wait < timedelta(seconds=expected + 5)
    failed = await OutboxMessage.get(id=message.id)
    assert (failed.status, failed.attempts) == (Status.FAILED, 3)
    assert failed.finished_at is not None
    assert failed.last_error.startswith("SMTPConnectError")
    logged = [(record.levelname, record.getMessage(), bool(record.exc_info)) for record in caplog.records]
    # An SMTP server away is expected: said in a line, without a traceback.
    assert logged == [
        ("WARNING", f"email {message.id} not sent ({failed.last_error}); trying again in 0:01:00", False),
        ("WARNING", f"email {message.id} not sent ({failed.last_error}); trying again in 0:02:00", False),
        ("ERROR", f"gave up email {message.id} to user1@example.com after 3 attempts: {failed.last_error}", False),
    ]
    assert await OutboxMessage.filter(status=Status.QUEUED).count() == 0


async def test_a_message_that_goes_after_a_failed_try_is_stamped_sent_and_its_error_cleared(settings, db, mailbox):
    mailbox.stop()
    message = notice(1, datetime.now(UTC))
    await message.save()
    sender = Sender(settings)
    await sender.send_due()
    assert (await OutboxMessage.get(id=message.id)).last_error
    mailbox.start()
    await OutboxMessage.filter(id=message.id).update(next_attempt_at=datetime.now(UTC))

    assert await sender.send_due() == 1

    sent = await OutboxMessage.get(id=message.id)
    assert (sent.status, sent.attempts, sent.last_error) == (Status.SENT, 2, None)
    assert datetime.now(UTC) - timedelta(minutes=1) < sent.finished_at <= datetime.now(UTC)
    assert [delivered["To"] for delivered in mailbox.messages] == ["user1@example.com"]


async def test_finished_messages_past_the_retention_and_spent_tokens_go_once_an_hour(settings, db, make_user):
    settings.email_retention_days = 7
    now = datetime.now(UTC)
    kept_since = now - timedelta(days=7)
    rows = {}
    for name, status, finished_at in [
        ("sent long ago", Status.SENT, kept_since - timedelta(hours=1)),
        ("failed long ago", Status.FAILED, kept_since - timedelta(hours=1)),
        ("dropped long ago", Status.DROPPED, kept_since - timedelta(hours=1)),
        ("sent lately", Status.SENT, kept_since + timedelta(hours=1)),
        ("still queued", Status.QUEUED, None),
    ]:
        row = notice(len(rows), kept_since - timedelta(days=1), status, finished_at)
        await row.save()
        rows[name] = row.id
    user = await make_user()
    await tokens.issue(user, Purpose.VERIFY, "alice@example.com", now + timedelta(hours=1))
    await EmailToken.filter(purpose=Purpose.VERIFY).update(expires_at=now)
    await tokens.issue(user, Purpose.RESET, "alice@example.com", now + timedelta(hours=1))
    sender = Sender(settings)

    await sender.clean_up()
    left = {row.id for row in await OutboxMessage.all()}
    finished_since = notice(9, now, Status.SENT, kept_since - timedelta(days=1))
    await finished_since.save()
    await sender.clean_up()  # within the hour: nothing more

    assert left == {rows["sent lately"], rows["still queued"]}
    assert await OutboxMessage.exists(id=finished_since.id)
    assert await EmailToken.all().values_list("purpose", flat=True) == [Purpose.RESET]


async def test_a_message_is_taken_only_once_due_and_never_once_handled(settings, db, mailbox):
    long_ago = datetime.now(UTC) - timedelta(days=1)
    for number, status in enumerate((Status.SENT, Status.FAILED, Status.DROPPED)):
        await notice(number, long_ago, status, long_ago).save()
    # Waiting out its backoff.
    await notice(3, datetime.now(UTC) + timedelta(minutes=1)).save()

    assert await Sender(settings).send_due() == 0
    assert mailbox.messages == []


async def test_a_round_that_fails_is_logged_and_the_sender_goes_on_after_a_pause(settings, db, mailbox, caplog):
    await rename_table("email_outbox", "email_outbox_away")

    def failures() -> list[str]:
        return [record.getMessage() for record in caplog.records if record.name == outbox.__name__]

    async def failed() -> bool:
        return bool(failures())

    with caplog.at_level(logging.ERROR, logger=outbox.__name__):
        async with sending(create_app(settings)):
            await until(failed)
            await asyncio.sleep(0.3)
            await rename_table("email_outbox_away", "email_outbox")
            await notice(1, datetime.now(UTC)).save()
            await mailbox.wait_for("user1@example.com")

    # One round a second at most, not one after another while the database is away.
    assert failures() in (["the email sender failed a round"] * count for count in (1, 2))


async def test_the_metrics_tell_how_many_messages_wait(settings, db):
    now = datetime.now(UTC)
    await OutboxMessage.bulk_create([notice(number, now) for number in range(4)])
    sent, failed = await OutboxMessage.all().order_by("id").limit(2)
    await OutboxMessage.filter(id=sent.id).update(status=Status.SENT)
    await OutboxMessage.filter(id=failed.id).update(status=Status.FAILED)
    app = create_app(settings.model_copy(update={"metrics_enabled": True}))

    async with httpx2.AsyncClient(transport=httpx2.ASGITransport(app=app), base_url="http://testserver") as client:
        scrape = await client.get("/metrics")

    assert scrape.status_code == 200
    [depth] = [
        sample.value
        for family in text_string_to_metric_families(scrape.text)
        for sample in family.samples
        if sample.name == "email_outbox_depth"
    ]
    assert depth == 2
