"""The tokens of emailed links: random, stored hashed, and used once. A confirmation is bound to
the account as it was when it was asked for: a password change, a reset or a logout everywhere
ends it, so that whoever asked with a stolen password loses it when the owner reacts.

The owner's ways back in are not bound to what a password holder can change: a reset link is
bound to the address it was sent to (it dies once that is no longer the account's verified
email), and the cancel and undo links to nothing. Were they bound to the password or the
sessions, whoever holds the password would end the owner's links as fast as they arrived."""

import hashlib
import secrets
from datetime import UTC, datetime

from ..models import User
from .models import EmailToken, Purpose, VerifiedEmail


class UnusableToken(Exception):
    """Unknown, expired, already used, replaced by a newer one, or issued before the account changed."""


def hashed(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def account_stamp(user: User) -> str:
    """The state a confirmation belongs to: the password, and the sessions (a logout everywhere
    raises the token version)."""
    return hashlib.sha256(f"{user.token_version}:{user.password_hash or ''}".encode()).hexdigest()


async def issue(user: User, purpose: Purpose, email: str, expires_at: datetime, *, stamp: str | None = None) -> str:
    """A new token for `user`, stamped with `stamp` (the account as it is now, by default), which a
    confirmation must still match. It ends every earlier one of the same purpose, but an undo: each
    undo link leads back to an address the account had, and a later change must not erase the way
    back to an earlier one."""
    token = secrets.token_urlsafe(32)
    if purpose is not Purpose.UNDO:
        await EmailToken.filter(user_id=user.id, purpose=purpose).delete()
    await EmailToken.create(
        purpose=purpose,
        token_hash=hashed(token),
        user=user,
        email=email,
        password_stamp=stamp or account_stamp(user),
        expires_at=expires_at,
    )
    return token


async def end_undos_after(user_id: int, expires_at: datetime) -> None:
    """End the undo links of the changes made after the one whose link expires at `expires_at` (each
    lasts UNDO_DAYS from its change, so they expire in the changes' order): each would bring back an
    address the account had only after the one restored. An earlier change's link, which leads
    further back, stays: the earliest is its owner's way back, whoever takes the account later."""
    await EmailToken.filter(user_id=user_id, purpose=Purpose.UNDO, expires_at__gt=expires_at).delete()


async def spend(token: str, purpose: Purpose) -> tuple[EmailToken, User]:
    """Use the token, once: of two requests presenting it, the database lets one through. Call it
    inside the transaction of what the token allows, so that a refusal there leaves it unspent."""
    found = await _usable(token, purpose)
    if found is None or not await EmailToken.filter(id=found.id).delete():
        raise UnusableToken
    return found, found.user


async def end(token: str) -> None:
    """The token stops working, unused."""
    await EmailToken.filter(token_hash=hashed(token)).delete()


async def owner(token: str, purpose: Purpose) -> User | None:
    """Whose account the token is of, if spend() would take it now; it stays unspent."""
    found = await _usable(token, purpose)
    return found.user if found else None


async def _usable(token: str, purpose: Purpose) -> EmailToken | None:
    found = await EmailToken.get_or_none(token_hash=hashed(token), purpose=purpose).prefetch_related("user")
    if found is None or found.expires_at <= datetime.now(UTC) or not found.user.is_active:
        return None
    if purpose is Purpose.VERIFY and found.password_stamp != account_stamp(found.user):
        return None
    if purpose is Purpose.RESET and not await _still_their_address(found):
        return None
    return found


async def end_confirmations(user_id: int) -> None:
    """End the user's confirmation links, and the links that would cancel them: the change went."""
    await EmailToken.filter(user_id=user_id, purpose__in=(Purpose.VERIFY, Purpose.CANCEL)).delete()


async def _still_their_address(token: EmailToken) -> bool:
    """A reset link proves a mailbox: the account's verified email now, not one it had."""
    lower = token.email.lower()
    return (token.user.email or "").lower() == lower and await VerifiedEmail.filter(
        user_id=token.user_id, email_lower=lower
    ).exists()
