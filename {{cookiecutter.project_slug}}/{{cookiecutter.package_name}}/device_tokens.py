"""Device tokens (OWASP's device cookies): a client that signed in to an account with its password
holds one, and its later password logins to that account are counted on their own rather than
under the account's lockout, which anyone can set off (see throttling.password_check).

A token is signed with a key derived from SECRET_KEY and names no one: it is checked against
the account a login names, and nothing of it is stored. It is signed with the account's token
version too, so that a password change, a reset, a logout everywhere or taking the account back
ends every device token issued before: one harvested with a phished password guesses no more."""

import hashlib
import hmac
import secrets
import time

from .models import User
from .schemas import is_username
from .settings import Settings

DEVICE_TOKEN_DAYS = 365
_LIFETIME_SECONDS = DEVICE_TOKEN_DAYS * 24 * 60 * 60


def issue(settings: Settings, user: User) -> str:
    """A new device token for the account `user`, good for DEVICE_TOKEN_DAYS or until its token version changes."""
    nonce = secrets.token_urlsafe(16)
    return signed(settings, user, int(time.time()), nonce)


def signed(settings: Settings, user: User, issued: int, nonce: str) -> str:
    """The token issued at `issued` (Unix time): the nonce tells one device's token from another's."""
    body = f"{issued}.{nonce}"
    return f"{body}.{_signature(settings, user, body)}"


async def trusted_device(settings: Settings, token: str, username: str) -> str | None:
    """What a login presenting `token` for `username` counts its failures under (the token's
    SHA-256), if the token is one this service issued to that account less than DEVICE_TOKEN_DAYS
    ago; else None: forged, expired, another account's, or not a token at all."""
    body, _, signature = token.rpartition(".")
    user = await User.by_username(username) if is_username(username) else None
    if user is None or not hmac.compare_digest(signature.encode(), _signature(settings, user, body).encode()):
        return None
    # Signed here, so its time is a number this service wrote.
    if time.time() - int(body.partition(".")[0]) >= _LIFETIME_SECONDS:
        return None
    return hashlib.sha256(token.encode()).hexdigest()


def _signature(settings: Settings, user: User, body: str) -> str:
    # A key of its own, so that no other value signed with SECRET_KEY passes for a device token.
    key = hmac.new(settings.secret_key.get_secret_value().encode(), b"device token", hashlib.sha256).digest()
    return hmac.new(key, f"{user.id}.{user.token_version}.{body}".encode(), hashlib.sha256).hexdigest()
