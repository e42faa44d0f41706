"""Which addresses are verified: proved through an emailed link, or vouched for by a provider.
A verified address belongs to one user; an unverified claim to it never blocks its owner."""

from datetime import UTC, datetime

from fastapi import Request
from tortoise.exceptions import IntegrityError
from tortoise.transactions import in_transaction

from ..extensions import Holder
from ..models import User
from ..throttling import limit_per_address_and_account
from .models import EmailToken, Purpose, VerifiedEmail
from .outbox import enqueue

VERIFY_KIND = "verify"


class AddressTaken(Exception):
    """Another user has verified this address."""


async def is_verified(user: User) -> bool:
    return bool(user.email) and await VerifiedEmail.filter(user_id=user.id, email_lower=user.email.lower()).exists()


async def verify(user: User, address: str, *, vouched: bool = False) -> str | None:
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
    await User.filter(email__iexact=address).exclude(id=user.id).update(email=None)
    replaced = user.email if user.email and user.email.lower() != lower else None
    await User.filter(id=user.id).update(email=address)
    user.email = address
    return replaced


async def address_given(request: Request, user: User, address: str | None, new_account: bool) -> bool:
    """The core's hook (see extensions.py): a new address waits for its link to be followed, and
    stays the user's own only then; removing one's address takes effect at once."""
    if address is None:
        # Its verification stays, unused, for the notice of the change to reach the old address.
        return False
    if not new_account and user.email and user.email.lower() == address.lower() and await is_verified(user):
        return True
    settings = request.app.state.settings
    await limit_per_address_and_account(
        settings,
        request,
        VERIFY_KIND,
        str(user.id),
        (settings.email_requests_per_address_per_hour, settings.email_requests_per_account_per_hour),
        "Too many confirmation emails",
    )
    await enqueue("verify_email", address, user_id=user.id)
    # A new account keeps the address it signed up with, unverified; a change waits for the link.
    return not new_account


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
            await verify(user, address, vouched=True)
        except AddressTaken:
            # Another account proved it through its link first: it stays theirs.
            return
