"""What each message says: Jinja templates in templates/, a plain text one (its first line the
subject) and a simple HTML one for each kind, reworded there without touching the code."""

from collections.abc import Awaitable, Callable
from datetime import UTC, datetime, timedelta
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

from ..events import ACCOUNT_SECURED
from ..models import SecurityEvent, User
from ..settings import Settings
from . import tokens
from .links import CANCEL_EMAIL_CHANGE_PATH, RESET_PASSWORD_PATH, UNDO_EMAIL_CHANGE_PATH, VERIFY_EMAIL_PATH, link
from .models import EmailToken, OutboxMessage, Purpose, VerifiedEmail

SERVICE_NAME = {{ cookiecutter.project_name | pystr }}
TEMPLATES = Environment(
    loader=FileSystemLoader(Path(__file__).parent / "templates"),
    autoescape=select_autoescape(["html"]),
    undefined=StrictUndefined,
    keep_trailing_newline=True,
)

# How long the address a change replaced can take the account back.
UNDO_DAYS = 7
# The advice of a change's notice that lost its undo link to an earlier change undone.
UNDONE_SINCE = "contact us: the account was taken back since by an address it had before this one."

# A kind whose link carries a token makes it when it is sent, so that no token is ever stored
# as itself; None means there is nothing to send. A `recipient` it gives replaces the row's.
Prepare = Callable[[Settings, OutboxMessage], Awaitable[dict | None]]


async def _verification_link(settings: Settings, row: OutboxMessage) -> dict | None:
    user = await User.get_or_none(id=row.context["user_id"])
    # Asked for by an account that has changed since (its password, or a logout everywhere): whoever
    # asked may be the person its owner has just shut out.
    if user is None or row.context.get("stamp", tokens.account_stamp(user)) != tokens.account_stamp(user):
        return None
    expires_at = datetime.now(UTC) + timedelta(hours=settings.email_verification_hours)
    token = await tokens.issue(user, Purpose.VERIFY, row.recipient, expires_at)
    return {
        "link": link(settings, VERIFY_EMAIL_PATH, token),
        "hours": settings.email_verification_hours,
        # So that the owner of the address sees whose account would take it, theirs or a stranger's.
        "username": user.username,
    }


async def _reset_link(settings: Settings, row: OutboxMessage) -> dict | None:
    # Decided here, not when it was asked for: the request did the same work for every address.
    verified = await VerifiedEmail.get_or_none(email_lower=row.recipient.lower()).prefetch_related("user")
    if verified is None or not verified.user.is_active or (verified.user.email or "").lower() != verified.email_lower:
        return None
    expires_at = datetime.now(UTC) + timedelta(minutes=settings.password_reset_minutes)
    token = await tokens.issue(verified.user, Purpose.RESET, row.recipient, expires_at)
    return {
        "link": link(settings, RESET_PASSWORD_PATH, token),
        "minutes": settings.password_reset_minutes,
        "username": verified.user.username,
        # The address as the account holds it, not as it was typed: "KATE@…", or one with a Kelvin
        # sign, finds the account (str.lower() folds both) but may name another mailbox.
        "recipient": verified.user.email,
    }


async def _notice(settings: Settings, row: OutboxMessage) -> dict | None:
    """A notice, with the owner's way out where it has one: cancel a change of email, or undo it."""
    way_out = row.context.get("way_out")
    if way_out is None:
        return {}
    user = await User.get_or_none(id=row.context["user_id"])
    if user is None:
        return None
    if way_out == Purpose.CANCEL:
        expires_at = datetime.now(UTC) + timedelta(hours=settings.email_verification_hours)
        token = await tokens.issue(user, Purpose.CANCEL, row.recipient, expires_at)
        return {"link": link(settings, CANCEL_EMAIL_CHANGE_PATH, token)}
    # UNDO_DAYS from the change (the row is written with it), however late the notice goes.
    expires_at = row.created_at + timedelta(days=UNDO_DAYS)
    token = await tokens.issue(user, Purpose.UNDO, row.recipient, expires_at)
    # An earlier change undone since (tokens.end_undos_after): this link would bring back an address
    # the account had only after the one restored. The notice still goes, without it. Looked for
    # after the token is written, so that such an undo either ends the token or is seen here.
    if await _earlier_change_undone_since(user, row, expires_at):
        await EmailToken.filter(token_hash=tokens.hashed(token)).delete()
        return {"advice": UNDONE_SINCE}
    return {"link": link(settings, UNDO_EMAIL_CHANGE_PATH, token)}


async def _earlier_change_undone_since(user: User, row: OutboxMessage, expires_at: datetime) -> bool:
    undone = await SecurityEvent.filter(
        user_id=user.id, kind=ACCOUNT_SECURED, created_at__gte=row.created_at
    ).values_list("detail", flat=True)
    return any(
        detail.get("via") == "undo" and datetime.fromisoformat(detail["undo_link_expiry"]) < expires_at
        for detail in undone
    )


async def _as_written(settings: Settings, row: OutboxMessage) -> dict | None:
    return {}


PREPARE: dict[str, Prepare] = {"verify_email": _verification_link, "reset_password": _reset_link, "notice": _notice}


async def compose(settings: Settings, row: OutboxMessage) -> EmailMessage | None:
    """The message of `row`, ready to send, or None when there is nothing to send."""
    extra = await PREPARE.get(row.kind, _as_written)(settings, row)
    if extra is None:
        return None
    recipient = extra.pop("recipient", row.recipient)
    context = {"service": SERVICE_NAME, **row.context, **extra}
    subject, _, text = TEMPLATES.get_template(f"{row.kind}.txt").render(context).partition("\n")
    message = EmailMessage()
    message["From"] = settings.email_from
    message["To"] = recipient
    message["Subject"] = subject.removeprefix("Subject:").strip()
    message["Date"] = format_datetime(row.created_at)
    message["Message-ID"] = make_msgid(idstring=str(row.id))
    message["Auto-Submitted"] = "auto-generated"
    message.set_content(text.lstrip("\n"))
    message.add_alternative(TEMPLATES.get_template(f"{row.kind}.html").render(context), subtype="html")
    return message
