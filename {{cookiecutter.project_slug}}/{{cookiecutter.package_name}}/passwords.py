"""Password policy and bcrypt_sha256 hashing through passlib (installed by libpass)."""

import asyncio
import contextlib
import os
import secrets
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import TypeVar

from passlib.context import CryptContext

MIN_PASSWORD_LENGTH = 8
# In characters, as JSON Schema counts: bcrypt_sha256 takes a password of any length (bcrypt reads
# an HMAC-SHA256 of it), and this bound keeps one check's work, and the form fields, small.
MAX_PASSWORD_LENGTH = 256
# Plain bcrypt reads no further than 72 bytes and bcrypt 5 refuses longer input outright: the
# plain bcrypt hashes kept from before bcrypt_sha256 are each of a password within it.
BCRYPT_MAX_BYTES = 72
BCRYPT_NICENESS = 10

Result = TypeVar("Result")


def _give_way_to_the_event_loop() -> None:
    # Per-thread priority is Linux's; elsewhere the threads keep the process's priority.
    with contextlib.suppress(OSError, AttributeError):
        os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), BCRYPT_NICENESS)


# One thread per core, each below the event loop's priority: a storm of logins fills the idle
# CPU, yet other requests are not kept waiting for it (bench/ in the template measures this).
BCRYPT_THREADS = ThreadPoolExecutor(
    max_workers=os.cpu_count() or 1, thread_name_prefix="bcrypt", initializer=_give_way_to_the_event_loop
)


def _unusable(password: str) -> str | None:
    """Why no password can be this text, if none can. The reason never quotes the password."""
    if len(password) > MAX_PASSWORD_LENGTH:
        return f"must be at most {MAX_PASSWORD_LENGTH} characters long"
    try:
        password.encode()
    except UnicodeEncodeError:
        return "must be valid Unicode text"
    # A plain bcrypt hash cannot check one, and a NUL is no character anyone types.
    if "\x00" in password:
        return "must not contain a NUL character"
    return None


def check_password_policy(password: str) -> str:
    """The rule for every new password; raises ValueError naming the broken rule."""
    if len(password) < MIN_PASSWORD_LENGTH:
        raise ValueError(f"must be at least {MIN_PASSWORD_LENGTH} characters long")
    if problem := _unusable(password):
        raise ValueError(problem)
    return password


class PasswordHasher:
    """bcrypt_sha256 (and plain bcrypt, for old hashes) through passlib, run in BCRYPT_THREADS so
    that the event loop never waits on it."""

    def __init__(self, rounds: int) -> None:
        # New hashes are bcrypt_sha256, at the same cost as plain bcrypt (its HMAC-SHA256 adds
        # microseconds). A plain bcrypt hash, as this service made before, still verifies; being
        # deprecated, it is replaced at its owner's next login (verify gives the new hash).
        self._context = CryptContext(
            schemes=["bcrypt_sha256", "bcrypt"], deprecated=["bcrypt"], bcrypt_sha256__rounds=rounds
        )
        self._rounds = rounds
        # Checking a login for an unknown user against this costs what a real check costs,
        # so response time does not tell which usernames exist.
        self._dummy_hash = self._context.hash(secrets.token_urlsafe(32))

    async def hash(self, password: str) -> str:
        return await _in_bcrypt_thread(self._context.hash, check_password_policy(password))

    async def verify(self, password: str, password_hash: str | None) -> tuple[bool, str | None]:
        """Return whether the password matches and, when the hash is outdated, a new hash to store."""
        if _unusable(password):
            return False, None
        return await _in_bcrypt_thread(self._verify, password, password_hash)

    def _verify(self, password: str, password_hash: str | None) -> tuple[bool, str | None]:
        if password_hash is None or not self._may_match(password, password_hash):
            self._context.verify(password, self._dummy_hash)
            return False, None
        matches, new_hash = self._context.verify_and_update(password, password_hash)
        if not matches and self._rounds_of(password_hash) < self._rounds:
            # A hash made with fewer rounds fails faster; pay the current cost as well, so
            # that a failed login does not single out accounts that kept an old hash.
            self._context.verify(password, self._dummy_hash)
        return matches, new_hash

    def _may_match(self, password: str, password_hash: str) -> bool:
        """False for a password longer than a plain bcrypt hash could have been made of."""
        return self._context.identify(password_hash) != "bcrypt" or len(password.encode()) <= BCRYPT_MAX_BYTES

    def _rounds_of(self, password_hash: str) -> int:
        return self._context.identify(password_hash, resolve=True).from_string(password_hash).rounds


async def _in_bcrypt_thread(work: Callable[..., Result], *arguments: object) -> Result:
    return await asyncio.get_running_loop().run_in_executor(BCRYPT_THREADS, work, *arguments)
