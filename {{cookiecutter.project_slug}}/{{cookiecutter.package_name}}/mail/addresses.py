"""Which addresses are verified: proved through an emailed link, or vouched for by a provider.
A verified address belongs to one user; an unverified claim to it never blocks its owner."""

from datetime import UTC, datetime

from fastapi import Request
from tortoise.exceptions import IntegrityError
from tortoise.transactions import in_transaction

from ..events import EMAIL_CHANGE_CANCELLED, EMAIL_CHANGE_REQUESTED, EMAIL_CHANGED, record_event
from ..extensions import Holder
from ..models import User
from ..throttling import limit_per_address_and_account
from . import tokens
from .models import EmailToken, OutboxMessage, Purpose, Status, VerifiedEmail
from .outbox import enqueue

VERIFY_KIND = "verify"


class AddressTaken(Exception):
    """Another user has verified this address."""


async def is_verified(user: User) -> bool:
    return bool(user.email) and await VerifiedEmail.filter(user_id=user.id, email_lower=user.email.lower()).exists()


async def verify(request: Request, user: User, address: str, *, vouched: bool = False) -> str | None:
    """Make `address` the user's verified email; give the one it replaces, if any. Other users'
    unverified claims to it are dropped, and so are the user's reset links, sent to an address
    that is no longer theirs or proved only now. Call inside a transaction.

    The password counts as trusted with the address if there is none yet, or if a provider
    `vouched` for the address to the account (whoever linked it reads that mailbox)."""
    lower = address.lower()
    holder = await VerifiedEmail.get_or_none(email_lower=lower).prefetch_related("user")
    if holder is not None and holder.user_id != user.id:
        if (holder.user.email or "").lower() == lower:
            raise AddressTaken
        # A verification left behind by an address changed since (by an admin, say): it proves nothing now.
        await holder.delete()
    await VerifiedEmail.filter(user_id=user.id).delete()
    try:
        await VerifiedEmail.create(
            user=user,
            email_lower=lower,
            verified_at=datetime.now(UTC),
            password_trusted=vouched or user.password_hash is None,
        )
    except IntegrityError:
        # Another user verified it at the same moment: the unique index decided.
        raise AddressTaken from None
    await EmailToken.filter(user_id=user.id, purpose=Purpose.RESET).delete()
    claimants = await User.filter(email__iexact=address).exclude(id=user.id).values_list("id", flat=True)
    await User.filter(id__in=claimants).update(email=None)
    for claimant in claimants:
        # Told in their security activity: the address they typed in is someone else's.
        await record_event(request, EMAIL_CHANGED, claimant, previous_email=address, via="claimed_by_another")
    replaced = user.email if user.email and user.email.lower() != lower else None
    await User.filter(id=user.id).update(email=address)
    user.email = address
    return replaced


async def address_given(request: Request, user: User, address: str | None, new_account: bool) -> bool:
    """The core's hook (see extensions.py): a new address waits for its link to be followed, and
    stays the user's own only then; removing one's address takes effect at once. Either, or the
    verified address given again, cancels a change on its way."""
    verified = not new_account and await is_verified(user)
    if address is None or (verified and (user.email or "").lower() == address.lower()):
        await cancel_change(request, user)
        # A removal is written by the caller; its verification stays, unused, for the notice of
        # the change to reach the old address.
        return address is not None
    settings = request.app.state.settings
    await limit_per_address_and_account(
        settings,
        request,
        VERIFY_KIND,
        str(user.id),
        (settings.email_requests_per_address_per_hour, settings.email_requests_per_account_per_hour),
        "Too many confirmation emails",
    )
    await enqueue("verify_email", address, user_id=user.id, stamp=tokens.account_stamp(user))
    if verified:
        # The owner hears of it at once, with a link that cancels it (see notices.py).
        await record_event(request, EMAIL_CHANGE_REQUESTED, user.id, pending_email=address)
    # A new account keeps the address it signed up with, unverified; a change waits for the link.
    return not new_account


async def _queued(kind: str, user: User) -> list[OutboxMessage]:
    """The user's messages of `kind` still waiting to be sent, oldest first. Read through the
    queue, short while SMTP answers: a filter cannot look into JSON alike on every database."""
    queued = await OutboxMessage.filter(kind=kind, status=Status.QUEUED).order_by("id")
    return [row for row in queued if row.context.get("user_id") == user.id]


async def pending_address(user: User) -> str | None:
    """The new address a change of email waits to confirm: its link sent, or still to be sent."""
    waiting = [row.recipient for row in await _queued("verify_email", user)]
    sent = (
        await EmailToken.filter(user_id=user.id, purpose=Purpose.VERIFY, expires_at__gt=datetime.now(UTC))
        .order_by("-id")
        .first()
    )
    latest = waiting[-1] if waiting else sent.email if sent else None
    return latest if latest and latest.lower() != (user.email or "").lower() else None


async def cancel_change(request: Request, user: User) -> bool:
    """End the user's change of email on its way: its confirmation links, sent or not, and the links
    that would cancel it. The owner's way out, which needs no recent login; recorded, and True,
    when there was a change to cancel."""
    waiting = [row.id for row in await _queued("verify_email", user)]
    pending = await EmailToken.filter(user_id=user.id, purpose=Purpose.VERIFY).values_list("email", flat=True)
    await OutboxMessage.filter(id__in=waiting).update(status=Status.DROPPED, finished_at=datetime.now(UTC))
    await tokens.end_confirmations(user.id)
    cancelled = bool(waiting) or any(email.lower() != (user.email or "").lower() for email in pending)
    if cancelled:
        await record_event(request, EMAIL_CHANGE_CANCELLED, user.id)
    return cancelled


async def take_back(request: Request, user: User) -> list[str]:
    """The core's hook (see extensions.py): a change of email on its way is someone else's. The undo
    links stay, sent or still to be sent: whoever takes the account back may be the one it was
    taken from, and the link of its earliest change is its owner's way back (tokens.end_undos_after)."""
    return ["email_change"] if await cancel_change(request, user) else []


async def holder(address: str) -> Holder | None:
    """The core's hook (see extensions.py): who verified `address` through its link, while it is
    still their email; linkable by it once their password is trusted with it."""
    verified = await VerifiedEmail.get_or_none(email_lower=address.lower()).prefetch_related("user")
    if verified is None or (verified.user.email or "").lower() != verified.email_lower:
        return None
    return Holder(verified.user_id, linkable=verified.password_trusted)


async def address_vouched(request: Request, user: User, address: str) -> None:
    """The core's hook: a provider vouched for the user's own address, as good as its link followed."""
    if await VerifiedEmail.filter(user_id=user.id, email_lower=address.lower(), password_trusted=True).exists():
        return
    async with in_transaction():
        try:
            await verify(request, user, address, vouched=True)
        except AddressTaken:
            # Another account proved it through its link first: it stays theirs.
            return
