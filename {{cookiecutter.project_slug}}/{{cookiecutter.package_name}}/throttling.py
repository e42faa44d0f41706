"""Limits on guessing and flooding, counted in the database so that every worker sees the same
counts: wrong passwords per account and client address, per address and per account from any
address, or per device token for a client that signed in before; successful logins per account
and refreshes per session; sign-ups, and what an option limits, per address; a second factor's
wrong codes per account."""

import asyncio
import hashlib
import math
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from ipaddress import IPv4Network, IPv6Network, ip_address, ip_network

from fastapi import Request
from structlog.contextvars import bind_contextvars
from tortoise.expressions import Q
from tortoise.queryset import QuerySet

from .device_tokens import trusted_device
from .errors import OAuthError
from .models import Attempt, LoginAttempt
from .settings import Settings

MAX_ADDRESS_LENGTH = 45
IPV6 = 6
HOUR = timedelta(hours=1)
# No password check takes this long: a row still in progress after it was left by a worker
# that stopped mid-check, and counts as a failure.
CHECK_TIMEOUT = timedelta(seconds=60)
# How long a check may wait for the checks ahead of it to finish, and how often it looks.
QUEUE_SECONDS = 10
# Rows that aged out, removed by each attempt admitted (see _admit).
PURGE_BATCH = 1000
POLL_SECONDS = 0.05
MAX_POLL_SECONDS = 1
# What login_attempts counts besides models.Attempt's kinds: wrong passwords sent with a device
# token (counted per token), successful logins (per account) and refreshes (per session).
DEVICE = "device"
LOGIN = "login"
REFRESH = "refresh"
# The kinds whose rows hold a place while their password is checked.
PASSWORD_CHECKS = (Attempt.PASSWORD, DEVICE)

TrustedProxies = list[IPv4Network | IPv6Network]


@dataclass(frozen=True)
class Limit:
    """At most `count` rows of `kind` matching `key` in any `window`; past it, a 429 that says
    `refusal` (a limit without one refuses nothing: its caller decides)."""

    kind: str
    key: dict[str, str]
    count: int
    window: timedelta
    refusal: str = ""

    @property
    def name(self) -> str:
        """What the limit counts, per what: `password:address+account`, `signup:address`."""
        return f"{self.kind}:{'+'.join(self.key)}"

    def recent(self, now: datetime) -> QuerySet[LoginAttempt]:
        return LoginAttempt.filter(kind=self.kind, **self.key, attempted_at__gt=now - self.window)

    def spent(self, now: datetime) -> QuerySet[LoginAttempt]:
        """The rows that count for good: all but the password checks still under way."""
        return self.recent(now).filter(Q(in_progress=False) | Q(attempted_at__lte=now - CHECK_TIMEOUT))


def client_address(request: Request, trusted_proxies: TrustedProxies) -> str:
    """Who sent the request: the peer, or, when the peer is a trusted proxy, the nearest address
    in X-Forwarded-For that is not one (whatever lies further left, the client wrote itself)."""
    address = _unmapped(request.client.host) if request.client else "unknown"
    hops = [hop.strip() for header in request.headers.getlist("x-forwarded-for") for hop in header.split(",")]
    while hops and _is_trusted(address, trusted_proxies):
        hop = _without_port(hops.pop())
        if not _is_address(hop):
            break
        address = _unmapped(hop)
    return address[:MAX_ADDRESS_LENGTH]


def _unmapped(address: str) -> str:
    """An IPv4 client as a dual-stack socket or a proxy may write it (::ffff:203.0.113.7), as itself:
    counted as an IPv6 /64, every IPv4 client would share one budget."""
    if _is_address(address) and (mapped := getattr(ip_address(address), "ipv4_mapped", None)):
        return str(mapped)
    return address


def account_key(name: str) -> str:
    """How an account (a username, an address asked about) is counted: SHA-256 of it lower-cased,
    never the name itself, which may be a password typed in the wrong box."""
    return hashlib.sha256(name.lower().encode()).hexdigest()


def _throttled_as(address: str) -> str:
    """One host holds a whole IPv6 /64, so that is what is counted; an IPv4 address stands alone."""
    if _is_address(address) and ip_address(address).version == IPV6:
        return str(ip_network(f"{address}/64", strict=False))
    return address


@asynccontextmanager
async def password_check(
    settings: Settings, request: Request, username: str, device_token: str | None = None
) -> AsyncIterator[None]:
    """Around a password check: refused (429) past the limits, or kept waiting while the checks
    ahead of it finish; then counted as a failure, unless the block ends without an exception.

    With a device token that this account issued (see device_tokens.py), the token's own failures
    are the only limit: the lockout that anyone can set off for the account does not hold back a
    client that signed in to it before, nor do the per-address limits, which an attacker sharing
    the owner's address (an office, a mobile carrier's NAT) could spend; a token holds fewer
    guesses than either, and guessing another account needs that account's token."""
    address = _throttled_as(client_address(request, settings.trusted_proxies))
    device = await trusted_device(settings, device_token, username) if device_token else None
    # What the failure is counted under: the device token, or the account.
    key = device or account_key(username)
    if device:
        limits = [
            Limit(
                DEVICE,
                {"account": key},
                settings.device_lockout_failures,
                timedelta(minutes=settings.device_lockout_window_minutes),
                "Too many failed logins on this device",
            )
        ]
    else:
        window = timedelta(seconds=settings.login_attempt_window_seconds)

        def failures(key: dict[str, str], count: int, window: timedelta) -> Limit:
            return Limit(Attempt.PASSWORD, key, count, window, "Too many failed logins")

        limits = [
            failures({"address": address, "account": key}, settings.login_attempts_per_account, window),
            failures({"address": address}, settings.login_attempts_per_address, window),
            failures(
                {"account": key},
                settings.account_lockout_failures,
                timedelta(minutes=settings.account_lockout_window_minutes),
            ),
        ]
    async with _failure_unless_done(await _admit(settings, address, key, limits)):
        yield


@asynccontextmanager
async def code_check(
    settings: Settings, kind: str, account: str, failures: int, window: timedelta, refusal: str
) -> AsyncIterator[None]:
    """Around a check of a short code (a second factor's): refused (429) past `failures` for
    `account` (any text: kept as its SHA-256) in `window`, from any address; then counted as a
    failure, unless the block ends without an exception."""
    key = account_key(account)
    limit = Limit(kind, {"account": key}, failures, window, refusal)
    async with _failure_unless_done(await _admit(settings, "", key, [limit])):
        yield


@asynccontextmanager
async def _failure_unless_done(attempt: LoginAttempt) -> AsyncIterator[None]:
    """Keep `attempt` counted if the block raises; forget it if it ends."""
    try:
        yield
    except BaseException:
        await LoginAttempt.filter(id=attempt.id).update(in_progress=False)
        raise
    await attempt.delete()


async def limit_logins(settings: Settings, address: str, username: str) -> None:
    """Count one more successful login to the account from `address` (the client's), or refuse it
    (429) past LOGINS_PER_ACCOUNT_PER_HOUR."""
    account = account_key(username)
    limit = Limit(LOGIN, {"account": account}, settings.logins_per_account_per_hour, HOUR, "Too many logins")
    await _admit(settings, _throttled_as(address), account, [limit])


async def limit_refreshes(settings: Settings, address: str, session: str) -> None:
    """Count one more refresh of the session from `address` (the client's), or refuse it (429)
    past REFRESHES_PER_SESSION_PER_HOUR."""
    per_hour = settings.refreshes_per_session_per_hour
    limit = Limit(REFRESH, {"account": session}, per_hour, HOUR, "Too many refreshes of this session")
    await _admit(settings, _throttled_as(address), session, [limit])


async def limit_per_address(settings: Settings, request: Request, kind: str, per_hour: int, refusal: str) -> None:
    """Count one more `kind` from this client, or refuse it (429) past `per_hour`."""
    address = _throttled_as(client_address(request, settings.trusted_proxies))
    await _admit(settings, address, "", [Limit(kind, {"address": address}, per_hour, HOUR, refusal)])


async def limit_per_address_and_account(
    settings: Settings, request: Request, kind: str, account: str, per_hour: tuple[int, int], refusal: str
) -> None:
    """Count one more `kind` from this client for `account` (any text: kept as its SHA-256), or
    refuse it (429) past per_hour's counts: from this address, and for this account from any."""
    address = _throttled_as(client_address(request, settings.trusted_proxies))
    key = account_key(account)
    per_address, per_account = per_hour
    await _admit(
        settings,
        address,
        key,
        [
            Limit(kind, {"address": address}, per_address, HOUR, refusal),
            Limit(kind, {"account": key}, per_account, HOUR, refusal),
        ],
    )


async def within_limit_per_account(kind: str, account: str, per_hour: int) -> bool:
    """Count one more `kind` for `account` (kept as its SHA-256) and say whether it is within
    `per_hour`; past it, nothing is counted. For a limit that anyone can spend on someone else's
    account, where a 429 would lock its owner out: the caller answers as ever and does nothing."""
    key = account_key(account)
    now = datetime.now(UTC)
    limit = Limit(kind, {"account": key}, per_hour, HOUR)
    if await limit.spent(now).count() >= limit.count:
        return False
    await LoginAttempt.create(kind=kind, address="", account=key, attempted_at=now)
    return True


async def _admit(settings: Settings, address: str, account: str, limits: list[Limit]) -> LoginAttempt:
    """Write the attempt's row once it is within `limits`, and return it when its turn comes.

    A password check holds a place from the start, so that of many sent at once no more than a
    limit's worth are checked; the rest wait for those ahead to finish. A success frees its
    place: only failures stay counted, and correct logins made at once all get through.
    """
    now = datetime.now(UTC)
    longest = max(
        HOUR,
        timedelta(minutes=settings.account_lockout_window_minutes),
        timedelta(minutes=settings.device_lockout_window_minutes),
        *(limit.window for limit in limits),
    )
    # By primary key, the rows read first: a range delete on MySQL locks the gaps that concurrent
    # attempts insert into, and two such purges then deadlock one another. A batch at a time, so
    # that a backlog left by a flood never makes one statement huge.
    old = LoginAttempt.filter(attempted_at__lte=now - longest).limit(PURGE_BATCH)
    expired = await old.values_list("id", flat=True)
    if expired:
        await LoginAttempt.filter(id__in=expired).delete()
    # Checked before writing, so that refused attempts add no rows...
    for limit in limits:
        await _refuse_past(limit, limit.spent(now), now)
    kind = limits[0].kind
    attempt = await LoginAttempt.create(
        kind=kind, address=address, account=account, attempted_at=now, in_progress=kind in PASSWORD_CHECKS
    )
    # ...and while it waits, among the attempts made before this one.
    try:
        await _wait_for_turn(attempt, limits)
    except BaseException:
        await attempt.delete()
        raise
    return attempt


async def _wait_for_turn(attempt: LoginAttempt, limits: list[Limit]) -> None:
    deadline = time.monotonic() + QUEUE_SECONDS
    poll = POLL_SECONDS
    while True:
        now = datetime.now(UTC)
        earlier = []
        # Only attempts made before this one decide: of those made at once, the first go on.
        for limit in limits:
            await _refuse_past(limit, limit.spent(now).filter(id__lt=attempt.id), now)
            earlier.append(await limit.recent(now).filter(id__lt=attempt.id).count())
        if all(count < limit.count for count, limit in zip(earlier, limits, strict=True)):
            return
        # A short queue, so that a flood of guesses sent at once cannot keep many requests waiting.
        queue_full = any(count >= 2 * limit.count for count, limit in zip(earlier, limits, strict=True))
        if queue_full or time.monotonic() >= deadline:
            raise _too_many("Too many attempts at once: try again shortly", 1, f"{attempt.kind}:queue")
        await asyncio.sleep(poll)
        # Each look costs a few queries: a long wait looks less often.
        poll = min(poll * 2, MAX_POLL_SECONDS)


async def _refuse_past(limit: Limit, spent: QuerySet[LoginAttempt], now: datetime) -> None:
    count = await spent.count()
    if count >= limit.count:
        # Under the limit again once the attempt that put it over the line has aged out.
        deciding = await spent.order_by("attempted_at").offset(count - limit.count).first()
        wait = max(1, math.ceil((deciding.attempted_at + limit.window - now).total_seconds())) if deciding else 1
        raise _too_many(f"{limit.refusal}: try again in {wait} seconds", wait, limit.name)


class Throttled(OAuthError):
    """A 429: past a limit, or too many attempts waiting at once; `limit` names which (Limit.name)."""

    def __init__(self, description: str, wait: int, limit: str) -> None:
        super().__init__("slow_down", description, 429, {"Retry-After": str(wait)})
        self.limit = limit


def _too_many(description: str, wait: int, limit: str) -> Throttled:
    # On the request's remaining log lines, and counted by metrics.py.
    bind_contextvars(throttled_by=limit)
    return Throttled(description, wait, limit)


def _without_port(hop: str) -> str:
    """An address as some proxies write it, with a port ("203.0.113.7:5678", "[2001:db8::1]:443"), without it."""
    if hop.startswith("["):
        return hop[1:].partition("]")[0]
    host, colon, port = hop.partition(":")
    return host if colon and port.isdecimal() and ":" not in port else hop


def _is_address(text: str) -> bool:
    try:
        ip_address(text)
    except ValueError:
        return False
    return True


def _is_trusted(address: str, trusted_proxies: TrustedProxies) -> bool:
    return _is_address(address) and any(ip_address(address) in network for network in trusted_proxies)
