"""Security notices: a message to the account's verified address for each event of the audit
trail (events.py) that its owner must hear of, saying what, when, from where, and what to do.
Every piece of advice works when followed by someone shut out of the account: a reset link
signs its follower in, and the account page then ends every session and unlinks every provider."""

from fastapi import Request

from ..events import (
    ACCOUNT_DELETED,
    EMAIL_CHANGE_REQUESTED,
    EMAIL_CHANGED,
    FACTOR_ADDED,
    FACTOR_REMOVED,
    IDENTITY_LINKED,
    IDENTITY_UNLINKED,
    PASSWORD_CHANGED,
    RECOVERY_CODE_USED,
    RECOVERY_CODES_REPLACED,
    REFRESH_REUSED,
)
from ..models import SecurityEvent, User
from .messages import UNDO_DAYS
from .models import Purpose, VerifiedEmail
from .outbox import as_told, enqueue

USER_AGENT_SHOWN = 80
# A factor as a notice names it.
FACTORS = {"totp": "a code from an authenticator app"}
TAKE_BACK = (
    'ask for a password reset with this address ("Forgot your password?" on the sign-in page): its link '
    'signs you in, and your account page can then "End every session and unlink every provider".'
)
# Per kind: the subject, then what happened in words (it may name a detail of the event), then
# what to do if it was not the owner, and the owner's way out that the message links to, if any.
NOTICES = {
    IDENTITY_LINKED: (
        "A provider account was linked",
        "A {provider} account can now log in as you.",
        TAKE_BACK,
        None,
    ),
    IDENTITY_UNLINKED: (
        "A provider account was unlinked",
        "A {provider} account can no longer log in as you.",
        TAKE_BACK,
        None,
    ),
    PASSWORD_CHANGED: (
        "Your password was changed",
        "The password changed, and every other session ended.",
        TAKE_BACK,
        None,
    ),
    EMAIL_CHANGE_REQUESTED: (
        "A change of your email address was asked for",
        "The account's email is to become {pending_email} once a link sent there is followed.",
        "cancel the change with this link, then " + TAKE_BACK,
        Purpose.CANCEL,
    ),
    EMAIL_CHANGED: (
        "Your email address was changed",
        "This address no longer belongs to the account; messages go to the new one.",
        f"take the account back with this link within {UNDO_DAYS} days: it brings this address back, sets a new "
        "password, and ends every session and provider login of the account.",
        Purpose.UNDO,
    ),
    REFRESH_REUSED: (
        "A login of yours was used twice",
        "A refresh token was presented after it had been used: someone may hold a copy, so its session ended.",
        TAKE_BACK,
        None,
    ),
    FACTOR_ADDED: (
        "A second factor was added",
        "Logging in now asks for {factor} after the password or provider.",
        # A reset link would ask for that factor too.
        "ask an administrator of this service to remove it at once: until then every login, a reset "
        "link's too, asks for its codes.",
        None,
    ),
    FACTOR_REMOVED: (
        "A second factor was removed",
        "Logging in no longer asks for {factor}.",
        TAKE_BACK,
        None,
    ),
    RECOVERY_CODE_USED: (
        "A recovery code was used",
        "A login used one of your recovery codes in place of your second factor; {remaining} remain.",
        TAKE_BACK,
        None,
    ),
    RECOVERY_CODES_REPLACED: (
        "New recovery codes were made",
        "The recovery codes you had no longer work.",
        TAKE_BACK,
        None,
    ),
    ACCOUNT_DELETED: (
        "Your account was deleted",
        "The account and everything in it are gone.",
        "contact us at once: someone who could log in as you deleted it.",
        None,
    ),
}
PASSWORD_RESET = (
    "Your password was reset",
    "It was set through a link sent to this address, and every session ended.",
    "someone reads your email: secure your mailbox first, then reset your password again.",
    None,
)
EMAIL_TAKEN_BACK = (
    "Your email address was changed back",
    "The address the account had before took it back through the link sent there.",
    "contact us: the previous owner of the address has the account now.",
    None,
)


async def send_notice(request: Request, event: SecurityEvent) -> None:
    """The event listener: queue the notice, in the transaction of the action, if one is due."""
    if event.kind not in NOTICES:
        return
    what, details, advice, way_out = NOTICES[event.kind]
    if event.kind == PASSWORD_CHANGED and event.detail.get("via") in ("reset", "undo"):
        what, details, advice, way_out = PASSWORD_RESET
    if event.kind == EMAIL_CHANGED and event.detail.get("via") == "undo":
        # No way back for the address that was undone: the two would take the account in turns.
        what, details, advice, way_out = EMAIL_TAKEN_BACK
    user = await User.get_or_none(id=event.user_id)
    recipient = await _previous_address(event) if event.kind == EMAIL_CHANGED else await _verified_address(user)
    if recipient is None:
        return
    await enqueue(
        "notice",
        recipient,
        user_id=event.user_id,
        username=user.username if user else "",
        what=what,
        details=details.format(
            provider=event.detail.get("provider", "provider").title(),
            pending_email=event.detail.get("pending_email", ""),
            factor=FACTORS.get(event.detail.get("factor", ""), "a second factor"),
            remaining=event.detail.get("remaining", ""),
        ),
        advice=advice,
        way_out=way_out,
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
