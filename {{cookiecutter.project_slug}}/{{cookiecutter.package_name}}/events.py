"""The audit trail: one row of security_events for each thing done to an account's security,
with who, when, from where and the request's id; and listeners that an option hangs on them.

Writing an event never fails the action that caused it: if the insert alone fails, it is
logged and the request goes on. A listener runs after the row is written, in the same
transaction (a savepoint inside the caller's, when there is one); one that raises undoes the
event with whatever the listeners wrote and fails the request, so that a broken listener (an
outbox of security notices) is seen, never silently skipped.
"""

import logging
import time
from collections.abc import Awaitable, Callable
from contextlib import AbstractAsyncContextManager, nullcontext
from datetime import UTC, datetime, timedelta
from enum import StrEnum

from fastapi import FastAPI, Request
from tortoise import connections
from tortoise.backends.base.client import TransactionalDBClient
from tortoise.transactions import in_transaction

from .devices import Device
from .models import SecurityEvent

logger = logging.getLogger(__name__)

LOGIN_SUCCEEDED = "login_succeeded"
LOGIN_FAILED = "login_failed"
REFRESH_REUSED = "refresh_reused"
IDENTITY_LINKED = "identity_linked"
IDENTITY_UNLINKED = "identity_unlinked"
PASSWORD_CHANGED = "password_changed"
EMAIL_CHANGED = "email_changed"
EMAIL_CHANGE_REQUESTED = "email_change_requested"
EMAIL_CHANGE_CANCELLED = "email_change_cancelled"
SESSION_ENDED = "session_ended"
LOGGED_OUT_EVERYWHERE = "logged_out_everywhere"
USER_CHANGED_BY_ADMIN = "user_changed_by_admin"
THROTTLED = "throttled"
ACCOUNT_DELETED = "account_deleted"
# Every session ended and every other way in removed, by its owner in one action.
ACCOUNT_SECURED = "account_secured"
# A second factor (a TOTP app, say) set up or removed, a recovery code spent, a new set made.
FACTOR_ADDED = "factor_added"
FACTOR_REMOVED = "factor_removed"
RECOVERY_CODE_USED = "recovery_code_used"
RECOVERY_CODES_REPLACED = "recovery_codes_replaced"

KINDS = (
    LOGIN_SUCCEEDED,
    LOGIN_FAILED,
    REFRESH_REUSED,
    IDENTITY_LINKED,
    IDENTITY_UNLINKED,
    PASSWORD_CHANGED,
    EMAIL_CHANGED,
    EMAIL_CHANGE_REQUESTED,
    EMAIL_CHANGE_CANCELLED,
    SESSION_ENDED,
    LOGGED_OUT_EVERYWHERE,
    USER_CHANGED_BY_ADMIN,
    THROTTLED,
    ACCOUNT_DELETED,
    ACCOUNT_SECURED,
    FACTOR_ADDED,
    FACTOR_REMOVED,
    RECOVERY_CODE_USED,
    RECOVERY_CODES_REPLACED,
)
# For the `kind` filter of the listing routes: any other value is answered 422.
EventKind = StrEnum("EventKind", {kind.upper(): kind for kind in KINDS})

# How often a worker looks for events older than EVENT_RETENTION_DAYS, and how many ids it looks
# through at a time: a purge that removed any looks again at the next event, until it is done.
PURGE_INTERVAL_SECONDS = 3600
PURGE_BATCH = 10_000

Listener = Callable[[Request, SecurityEvent], Awaitable[None]]


class _NotWritten(Exception):
    """The event's insert failed; carries the database's error as its cause."""


def add_event_listener(app: FastAPI, listener: Listener) -> None:
    """Have `listener` called with each event recorded while serving `app`, once its row is written."""
    app.state.event_listeners = [*_listeners(app), listener]


def _listeners(app: FastAPI) -> list[Listener]:
    return getattr(app.state, "event_listeners", [])


async def record_event(request: Request, kind: str, user_id: int, *, actor_id: int | None = None, **detail) -> None:
    """Write an event about the user `user_id`, done by `actor_id` when another user did it, with
    `detail` (a few JSON values, never a secret); then call the app's listeners."""
    settings = request.app.state.settings
    device = Device.of(request, settings)
    event = SecurityEvent(
        kind=kind,
        user_id=user_id,
        actor_id=actor_id if actor_id != user_id else None,
        address=device.address,
        user_agent=device.user_agent,
        request_id=getattr(request.state, "request_id", ""),
        detail=detail,
    )
    listeners = _listeners(request.app)
    try:
        async with _around_insert(listeners):
            try:
                await event.save()
            except Exception as error:
                raise _NotWritten from error
            for listener in listeners:
                await listener(request, event)
    except _NotWritten:
        logger.exception("The %s event for user %s could not be recorded", kind, user_id)
        return
    await _purge_old(request.app, settings.event_retention_days)


def _around_insert(listeners: list[Listener]) -> AbstractAsyncContextManager:
    """A savepoint in the caller's transaction, since on PostgreSQL a failed statement would
    abort it, and the action with it; a transaction of the event's own when listeners must
    share it; else none, so that a login costs one statement more, not three."""
    if listeners or isinstance(connections.get("default"), TransactionalDBClient):
        return in_transaction()
    return nullcontext()


async def record_throttled(request: Request, user_id: int, within: timedelta, **detail) -> None:
    """A throttled event, unless the user had one within `within`: a flood of refused attempts
    adds a row now and then, not one each."""
    since = datetime.now(UTC) - within
    try:
        recorded = await SecurityEvent.filter(user_id=user_id, kind=THROTTLED, created_at__gt=since).exists()
    except Exception:
        logger.exception("The throttled event for user %s could not be recorded", user_id)
        return
    if not recorded:
        await record_event(request, THROTTLED, user_id, **detail)


async def _purge_old(app: FastAPI, retention_days: int) -> None:
    """Remove events older than the retention, now and then: a batch at most, never on every write."""
    if time.monotonic() < getattr(app.state, "next_event_purge", 0):
        return
    app.state.next_event_purge = time.monotonic() + PURGE_INTERVAL_SECONDS
    try:
        async with in_transaction():  # a savepoint too: a failure here must not undo the caller's work
            oldest = await SecurityEvent.all().order_by("id").first()
            if oldest is None:
                return
            # Ids grow with time: the batch is the oldest ids, of which those past the retention go.
            removed = await SecurityEvent.filter(
                id__lt=oldest.id + PURGE_BATCH, created_at__lt=datetime.now(UTC) - timedelta(days=retention_days)
            ).delete()
    except Exception:
        logger.exception("Old security events could not be purged")
        return
    if removed:
        app.state.next_event_purge = 0
