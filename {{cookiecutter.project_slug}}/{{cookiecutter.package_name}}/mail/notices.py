"""Security notices: a message to the account's verified address for each event of the audit
trail (events.py) that its owner must hear of, saying what, when, from where, and what to do."""

from fastapi import Request

from ..events import (
    ACCOUNT_DELETED,
    EMAIL_CHANGED,
    IDENTITY_LINKED,
    IDENTITY_UNLINKED,
    PASSWORD_CHANGED,
    REFRESH_REUSED,
)
from ..models import SecurityEvent, User
from .models import VerifiedEmail
from .outbox import as_told, enqueue

USER_AGENT_SHOWN = 80
SECURE_NOW = "log in, change your password and end your other sessions at once."
# Per kind: the subject, then what happened in words (it may name a detail of the event).
NOTICES = {
    IDENTITY_LINKED: ("A provider account was linked", "A {provider} account can now log in as you.", SECURE_NOW),
    IDENTITY_UNLINKED: (
        "A provider account was unlinked",
        "A {provider} account can no longer log in as you.",
        SECURE_NOW,
    ),
    PASSWORD_CHANGED: ("Your password was changed", "The password changed, and every other session ended.", SECURE_NOW),
    EMAIL_CHANGED: (
        "Your email address was changed",
        "This address no longer belongs to the account; messages go to the new one.",
        "your account may be in someone else's hands: reset your password with this address at once and contact us.",
    ),
    REFRESH_REUSED: (
        "A login of yours was used twice",
        "A refresh token was presented after it had been used: someone may hold a copy, so its session ended.",
        SECURE_NOW,
    ),
    ACCOUNT_DELETED: (
        "Your account was deleted",
        "The account and everything in it are gone.",
        "contact us at once: someone who could log in as you deleted it.",
    ),
}
PASSWORD_RESET = (
    "Your password was reset",
    "It was set through a link sent to this address, and every session ended.",
    "someone reads your email: secure your mailbox first, then reset your password again.",
)


async def send_notice(request: Request, event: SecurityEvent) -> None:
    """The event listener: queue the notice, in the transaction of the action, if one is due."""
    if event.kind not in NOTICES:
        return
    what, details, advice = NOTICES[event.kind]
    if event.kind == PASSWORD_CHANGED and event.detail.get("via") == "reset":
        what, details, advice = PASSWORD_RESET
    user = await User.get_or_none(id=event.user_id)
    recipient = await _previous_address(event) if event.kind == EMAIL_CHANGED else await _verified_address(user)
    if recipient is None:
        return
    await enqueue(
        "notice",
        recipient,
        username=user.username if user else "",
        what=what,
        details=details.format(provider=event.detail.get("provider", "provider").title()),
        advice=advice,
        at=as_told(event.created_at),
        address=event.address,
        # Enough to recognise a browser; whoever sent the request wrote it, so not a paragraph.
        user_agent=event.user_agent[:USER_AGENT_SHOWN],
    )


async def _verified_address(user: User | None) -> str | None:
    if user is None or not user.email:
        return None
    verified = await VerifiedEmail.filter(user_id=user.id, email_lower=user.email.lower()).exists()
    return user.email if verified else None


async def _previous_address(event: SecurityEvent) -> str | None:
    """The address the account had, if it was verified: only its owner hears of the change."""
    previous = event.detail.get("previous_email")
    if not previous:
        return None
    verified = (
        event.detail.get("previous_verified")
        or await VerifiedEmail.filter(user_id=event.user_id, email_lower=previous.lower()).exists()
    )
    return previous if verified else None
