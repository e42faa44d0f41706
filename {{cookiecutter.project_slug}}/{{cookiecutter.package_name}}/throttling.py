"""Failed password logins, limited per account and client address, counted in the database
so that every worker sees the same counts."""

import hashlib
import math
from datetime import UTC, datetime, timedelta
from ipaddress import IPv4Network, IPv6Network, ip_address, ip_network

from fastapi import Request
from tortoise.queryset import QuerySet

from .errors import OAuthError
from .models import LoginAttempt
from .settings import Settings

MAX_ADDRESS_LENGTH = 45
IPV6 = 6

TrustedProxies = list[IPv4Network | IPv6Network]


def client_address(request: Request, trusted_proxies: TrustedProxies) -> str:
    """Who sent the request: the peer, or, when the peer is a trusted proxy, the nearest address
    in X-Forwarded-For that is not one (whatever lies further left, the client wrote itself)."""
    address = request.client.host if request.client else "unknown"
    hops = [hop.strip() for header in request.headers.getlist("x-forwarded-for") for hop in header.split(",")]
    while hops and _is_trusted(address, trusted_proxies):
        hop = _without_port(hops.pop())
        if not _is_address(hop):
            break
        address = hop
    return address[:MAX_ADDRESS_LENGTH]


def _throttled_as(address: str) -> str:
    """One host holds a whole IPv6 /64, so that is what is counted; an IPv4 address stands alone."""
    if _is_address(address) and ip_address(address).version == IPV6:
        return str(ip_network(f"{address}/64", strict=False))
    return address


async def admit(settings: Settings, address: str, username: str) -> LoginAttempt:
    """Count a login attempt before its password is checked, or refuse it past the limits."""
    now = datetime.now(UTC)
    since = now - timedelta(seconds=settings.login_attempt_window_seconds)
    account = hashlib.sha256(username.lower().encode()).hexdigest()
    address = _throttled_as(address)
    await LoginAttempt.filter(attempted_at__lte=since).delete()
    recent = LoginAttempt.filter(address=address, attempted_at__gt=since)
    limits = [
        (recent.filter(account=account), settings.login_attempts_per_account),
        (recent, settings.login_attempts_per_address),
    ]
    # Checked once before writing, so that refused attempts add no rows...
    await _refuse_past(limits, settings, now)
    attempt = await LoginAttempt.create(address=address, account=account, attempted_at=now)
    # ...and once after, among the attempts made before this one, so that of many made at
    # once no more than the limit go on to a password check.
    try:
        await _refuse_past([(query.filter(id__lt=attempt.id), limit) for query, limit in limits], settings, now)
    except OAuthError:
        await attempt.delete()
        raise
    return attempt


async def _refuse_past(limits: list[tuple[QuerySet, int]], settings: Settings, now: datetime) -> None:
    for attempts, limit in limits:
        count = await attempts.count()
        if count >= limit:
            # Under the limit again once the attempt that put it over the line has aged out.
            deciding = await attempts.order_by("attempted_at").offset(count - limit).first()
            window = timedelta(seconds=settings.login_attempt_window_seconds)
            wait = max(1, math.ceil((deciding.attempted_at + window - now).total_seconds())) if deciding else 1
            raise OAuthError(
                "slow_down", f"Too many failed logins: try again in {wait} seconds", 429, {"Retry-After": str(wait)}
            )


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
