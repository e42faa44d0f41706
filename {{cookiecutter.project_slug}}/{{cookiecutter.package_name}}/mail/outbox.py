"""Nothing lost, nothing sent twice: a message is a row written with the change that causes it,
and a sender in each app process delivers what is due, retrying with backoff while SMTP is away."""

import asyncio
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager, suppress
from datetime import UTC, datetime, timedelta

from fastapi import FastAPI
from tortoise.expressions import F
from tortoise.transactions import in_transaction

from ..settings import Settings
from .messages import compose
from .models import EmailToken, OutboxMessage, Status
from .smtp import DeliveryError, deliver

logger = logging.getLogger(__name__)

POLL_SECONDS = 1.0
BATCH = 20
# How long a sender holds a message it took: far longer than any delivery (SMTP_TIMEOUT_SECONDS
# bounds each step), so that only a sender that stopped mid-send lets one go, to be sent again.
LEASE = timedelta(minutes=5)
MAX_BACKOFF = timedelta(hours=1)
CLEANUP_EVERY = timedelta(hours=1)
ERROR_MAX_LENGTH = 255
# How many SMTP timeouts a stopping app waits for the message in progress before cancelling it.
STOP_GRACE_TIMEOUTS = 2


async def enqueue(kind: str, recipient: str, **context: object) -> None:
    """Write a message to send; inside the caller's transaction, it is sent only if that commits."""
    await OutboxMessage.create(kind=kind, recipient=recipient, context=context, next_attempt_at=datetime.now(UTC))


def as_told(moment: datetime) -> str:
    """A time as a message tells it."""
    return moment.strftime("%Y-%m-%d %H:%M UTC")


class Sender:
    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self._cleaned_at: datetime | None = None
        self._stopping = asyncio.Event()

    async def run(self) -> None:
        """Send rounds until `stop()`, which ends it between two rounds."""
        while not self._stopping.is_set():
            try:
                sent = await self.send_due()
                await self.clean_up()
            except Exception:
                # The database away, say: the messages wait in their table for the next round.
                logger.exception("the email sender failed a round")
                sent = 0
            if not sent:
                with suppress(TimeoutError):
                    await asyncio.wait_for(self._stopping.wait(), POLL_SECONDS)

    def stop(self) -> None:
        self._stopping.set()

    async def send_due(self) -> int:
        """Deliver the messages due now that no other sender holds; how many it tried. Once
        stopped, it lets go of those it has not begun, for the next sender to take at once."""
        claimed = await self._claim()
        for number, row in enumerate(claimed):
            if self._stopping.is_set():
                await self._let_go(claimed[number:])
                return number
            await self._deliver(row)
        return len(claimed)

    async def _let_go(self, rows: list[OutboxMessage]) -> None:
        for row in rows:
            await OutboxMessage.filter(id=row.id, attempts=row.attempts).update(
                attempts=F("attempts") - 1, next_attempt_at=datetime.now(UTC)
            )

    async def _claim(self) -> list[OutboxMessage]:
        now = datetime.now(UTC)
        claimed = []
        async with in_transaction():
            # SKIP LOCKED on PostgreSQL and MySQL: another sender's rows are passed over, not waited for.
            due = (
                await OutboxMessage.filter(status=Status.QUEUED, next_attempt_at__lte=now)
                .order_by("id")
                .limit(BATCH)
                .select_for_update(skip_locked=True)
            )
            for row in due:
                # The attempt count is the claim: of two senders that read the row (SQLite has
                # no row locks), the one whose update finds it unchanged takes it.
                taken = await OutboxMessage.filter(id=row.id, attempts=row.attempts).update(
                    attempts=F("attempts") + 1, next_attempt_at=now + LEASE
                )
                if taken:
                    row.attempts += 1
                    claimed.append(row)
        return claimed

    async def _deliver(self, row: OutboxMessage) -> None:
        try:
            message = await compose(self.settings, row)
            if message is not None:
                await deliver(self.settings, message)
        # Whatever the reason, one message that cannot go must not hold up the rest.
        except Exception as error:
            await self._not_sent(row, error)
            return
        now = datetime.now(UTC)
        if message is None:
            await OutboxMessage.filter(id=row.id).update(status=Status.DROPPED, finished_at=now)
            return
        await OutboxMessage.filter(id=row.id).update(status=Status.SENT, finished_at=now, last_error=None)

    async def _not_sent(self, row: OutboxMessage, error: Exception) -> None:
        """Try again later, until EMAIL_MAX_ATTEMPTS. The server away is expected; anything else (an
        address the SMTP client refuses, say) is logged with its traceback, which holds no token."""
        now = datetime.now(UTC)
        reason = f"{type(error).__name__}: {error}"[:ERROR_MAX_LENGTH]
        unexpected = not isinstance(error, DeliveryError)
        if row.attempts >= self.settings.email_max_attempts:
            logger.error(
                "gave up email %s to %s after %s attempts: %s",
                row.id,
                row.recipient,
                row.attempts,
                reason,
                exc_info=unexpected,
            )
            await OutboxMessage.filter(id=row.id).update(status=Status.FAILED, finished_at=now, last_error=reason)
            return
        wait = min(timedelta(seconds=self.settings.email_retry_seconds * 2 ** (row.attempts - 1)), MAX_BACKOFF)
        logger.warning("email %s not sent (%s); trying again in %s", row.id, reason, wait, exc_info=unexpected)
        await OutboxMessage.filter(id=row.id).update(next_attempt_at=now + wait, last_error=reason)

    async def clean_up(self) -> None:
        """Drop what EMAIL_RETENTION_DAYS no longer keeps, and spent tokens, once an hour."""
        now = datetime.now(UTC)
        if self._cleaned_at and now - self._cleaned_at < CLEANUP_EVERY:
            return
        self._cleaned_at = now
        kept_since = now - timedelta(days=self.settings.email_retention_days)
        await OutboxMessage.filter(status__not=Status.QUEUED, finished_at__lt=kept_since).delete()
        await EmailToken.filter(expires_at__lt=now).delete()


@asynccontextmanager
async def sending(app: FastAPI) -> AsyncIterator[Sender]:
    """A sender running for as long as the block, as the app's lifespan runs it."""
    sender = Sender(app.state.settings)
    task = asyncio.create_task(sender.run(), name="email sender")
    try:
        yield sender
    finally:
        # Stopped once the message in progress is sent rather than cancelled: a cancelled send
        # leaves its message leased, to go only when the lease ends, and a cancel inside a
        # transaction's BEGIN leaves its database connection taken (the shutdown waits for it).
        sender.stop()
        try:
            await asyncio.wait_for(task, STOP_GRACE_TIMEOUTS * app.state.settings.smtp_timeout_seconds)
        except TimeoutError:
            logger.warning("the email sender was stopped in the middle of a message")


async def depth() -> float:
    """How many messages wait to be sent, due or not: a depth that keeps growing means SMTP is away."""
    return await OutboxMessage.filter(status=Status.QUEUED).count()
