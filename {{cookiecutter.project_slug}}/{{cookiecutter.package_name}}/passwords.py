"""Password policy and bcrypt hashing through passlib (installed by libpass)."""

import secrets

from anyio import to_thread
from passlib.context import CryptContext

MIN_PASSWORD_LENGTH = 8
# bcrypt reads no further than 72 bytes and bcrypt 5 refuses longer input outright.
MAX_PASSWORD_BYTES = 72


def check_password_policy(password: str) -> str:
    if len(password) < MIN_PASSWORD_LENGTH:
        raise ValueError(f"must be at least {MIN_PASSWORD_LENGTH} characters long")
    if len(password.encode()) > MAX_PASSWORD_BYTES:
        raise ValueError(f"must be at most {MAX_PASSWORD_BYTES} bytes long in UTF-8")
    if "\x00" in password:
        raise ValueError("must not contain a NUL character")
    return password


def fits_bcrypt(password: str) -> bool:
    return len(password.encode()) <= MAX_PASSWORD_BYTES and "\x00" not in password


class PasswordHasher:
    """bcrypt through passlib, run in a worker thread so that the event loop never waits on it."""

    def __init__(self, rounds: int) -> None:
        self._context = CryptContext(schemes=["bcrypt"], bcrypt__rounds=rounds)
        # Verifying a login for an unknown user against this costs what a real verify
        # costs, so response time does not tell which usernames exist.
        self._dummy_hash = self._context.hash(secrets.token_urlsafe(32))

    async def hash(self, password: str) -> str:
        return await to_thread.run_sync(self._context.hash, check_password_policy(password))

    async def verify(self, password: str, password_hash: str | None) -> tuple[bool, str | None]:
        """Return whether the password matches and, when the hash is outdated, a new hash to store."""
        if not fits_bcrypt(password):
            return False, None
        if password_hash is None:
            await to_thread.run_sync(self._context.verify, password, self._dummy_hash)
            return False, None
        return await to_thread.run_sync(self._context.verify_and_update, password, password_hash)
