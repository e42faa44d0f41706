"""Password policy and bcrypt hashing through passlib (installed by libpass)."""

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
# bcrypt reads no further than 72 bytes and bcrypt 5 refuses longer input outright.
MAX_PASSWORD_BYTES = 72
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


def _bcrypt_problem(password: str) -> str | None:
    """Why bcrypt cannot take this password, if it cannot. The reason never quotes the password."""
    try:
        size = len(password.encode())
    except UnicodeEncodeError:
        return "must be valid Unicode text"
    if size > MAX_PASSWORD_BYTES:
        return f"must be at most {MAX_PASSWORD_BYTES} bytes long in UTF-8"
    if "\x00" in password:
        return "must not contain a NUL character"
    return None


def check_password_policy(password: str) -> str:
    """The rule for every new password; raises ValueError naming the broken rule."""
    if len(password) < MIN_PASSWORD_LENGTH:
        raise ValueError(f"must be at least {MIN_PASSWORD_LENGTH} characters long")
    if problem := _bcrypt_problem(password):
        raise ValueError(problem)
    return password


class PasswordHasher:
    """bcrypt through passlib, run in BCRYPT_THREADS so that the event loop never waits on it."""

    def __init__(self, rounds: int) -> None:
        self._context = CryptContext(schemes=["bcrypt"], bcrypt__rounds=rounds)
        # Checking a login for an unknown user against this costs what a real check costs,
        # so response time does not tell which usernames exist.
        self._dummy_hash = self._context.hash(secrets.token_urlsafe(32))

    async def hash(self, password: str) -> str:
        return await _in_bcrypt_thread(self._context.hash, check_password_policy(password))

    async def verify(self, password: str, password_hash: str | None) -> tuple[bool, str | None]:
        """Return whether the password matches and, when the hash is outdated, a new hash to store."""
        if _bcrypt_problem(password):
            return False, None
        return await _in_bcrypt_thread(self._verify, password, password_hash)

    def _verify(self, password: str, password_hash: str | None) -> tuple[bool, str | None]:
        if password_hash is None:
            self._context.verify(password, self._dummy_hash)
            return False, None
        matches, new_hash = self._context.verify_and_update(password, password_hash)
        if not matches and self._context.needs_update(password_hash):
            # A hash made with fewer rounds fails faster; pay the current cost as well, so
            # that a failed login does not single out accounts that kept an old hash.
            self._context.verify(password, self._dummy_hash)
        return matches, new_hash


async def _in_bcrypt_thread(work: Callable[..., Result], *arguments: object) -> Result:
    return await asyncio.get_running_loop().run_in_executor(BCRYPT_THREADS, work, *arguments)
