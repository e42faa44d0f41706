"""The tokens of emailed links: random, stored hashed, used once, and for a password reset dead once
the password changes or a newer reset is sent."""

import hashlib
import secrets
from datetime import UTC, datetime, timedelta

from ..models import User
from .models import EmailToken, Purpose, VerifiedEmail


class UnusableToken(Exception):
    """Unknown, expired, already used, replaced by a newer one, or issued before the password changed."""


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def password_stamp(user: User) -> str:
    return hashlib.sha256((user.password_hash or "").encode()).hexdigest()


async def issue(user: User, purpose: Purpose, email: str, lifetime: timedelta) -> str:
    """A new token for `user`, which ends every earlier one of the same purpose."""
    token = secrets.token_urlsafe(32)
    await EmailToken.filter(user_id=user.id, purpose=purpose).delete()
    await EmailToken.create(
        purpose=purpose,
        token_hash=_hash(token),
        user=user,
        email=email,
        password_stamp=password_stamp(user),
        expires_at=datetime.now(UTC) + lifetime,
    )
    return token


async def spend(token: str, purpose: Purpose) -> tuple[EmailToken, User]:
    """Use the token, once: of two requests presenting it, the database lets one through. Call it
    inside the transaction of what the token allows, so that a refusal there leaves it unspent."""
    found = await EmailToken.get_or_none(token_hash=_hash(token), purpose=purpose).prefetch_related("user")
    if found is None or found.expires_at <= datetime.now(UTC):
        raise UnusableToken
    if purpose is Purpose.RESET and (
        found.password_stamp != password_stamp(found.user) or not await _still_their_address(found)
    ):
        raise UnusableToken
    if not await EmailToken.filter(id=found.id).delete():
        raise UnusableToken
    return found, found.user


async def _still_their_address(token: EmailToken) -> bool:
    """A reset link proves a mailbox: the account's verified email now, not one it had."""
    lower = token.email.lower()
    return (token.user.email or "").lower() == lower and await VerifiedEmail.filter(
        user_id=token.user_id, email_lower=lower
    ).exists()
