"""Refresh tokens: opaque, stored as hashes, rotated on every use, and a reused one revokes its
whole family (RFC 9700 section 4.14).

A session keeps two rows: its current token and the one spent for it, which a retry within the
account pages' grace needs (use_again); older spent rows go when the current one is spent. A
replay of one of those is still told as a reuse: each token carries its family, a nonce and a MAC
of both under SECRET_KEY, so a token of ours whose row is gone while its family has rows was
spent (only ever in that order). Changing SECRET_KEY forgets that for the tokens spent before;
the current ones still refresh, by their hash.
"""

import hashlib
import hmac
import secrets
from datetime import UTC, datetime, timedelta

from tortoise.expressions import F

from .devices import Device
from .models import Client, RefreshToken, User
from .settings import Settings


class UnusableRefreshToken(Exception):
    """Unknown, expired or revoked."""


class ReusedRefreshToken(UnusableRefreshToken):
    """Already exchanged once: someone else holds a copy, so the whole family is now revoked."""

    def __init__(self, token: RefreshToken, revoked: int) -> None:
        super().__init__(token.family)
        # The replayed token's row, or one of its family's when that row is gone.
        self.token = token
        # How many of its family this replay revoked: none when an earlier one already had.
        self.revoked = revoked


class WiderScope(Exception):
    """The refresh asks for scopes its login was not granted (named in its message); the token stays unspent."""


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _mac(settings: Settings, family: str, nonce: str) -> str:
    message = f"refresh token {family}.{nonce}".encode()
    return hmac.new(settings.secret_key.get_secret_value().encode(), message, hashlib.sha256).hexdigest()


def _new_token(settings: Settings, family: str) -> str:
    nonce = secrets.token_urlsafe(16)
    return f"{family}.{nonce}.{_mac(settings, family, nonce)}"


def _family_issued(settings: Settings, token: str) -> str | None:
    """The family this service issued `token` to, whether its row is kept or not; None for
    anything else (a token from before tokens carried their family included)."""
    parts = token.rsplit(".", 2)
    if len(parts) == 3 and hmac.compare_digest(parts[2].encode(), _mac(settings, parts[0], parts[1]).encode()):
        return parts[0]
    return None


async def issue(
    settings: Settings,
    user: User,
    scopes: list[str],
    device: Device,
    *,
    amr: list[str] | None = None,
    auth_time: datetime | None = None,
    after: RefreshToken | None = None,
    family: str | None = None,
) -> tuple[str, RefreshToken]:
    """A new refresh token for `user`, and its row: of a new family (`family`, or a random one) at
    a login that proved who they are by `amr` at `auth_time` (now by default), or at a refresh the
    successor of `after`."""
    now = datetime.now(UTC)
    started = after.session_started_at if after else now
    family = after.family if after else family or secrets.token_hex(16)
    token = _new_token(settings, family)
    await RefreshToken.filter(user_id=user.id, expires_at__lt=now).delete()
    row = await RefreshToken.create(
        user=user,
        family=family,
        client=after.client if after else device.client,
        token_hash=_hash(token),
        scope=" ".join(scopes),
        token_version=user.token_version,
        auth_time=after.auth_time if after else auth_time or now,
        amr=after.amr if after else " ".join(amr or []),
        session_started_at=started,
        address=device.address,
        user_agent=device.user_agent,
        expires_at=min(
            now + timedelta(days=settings.refresh_token_days), started + timedelta(days=settings.session_max_days)
        ),
    )
    # A logout everywhere (or a withdrawn scope) that ran since `user` was read revoked every
    # token but this one: this one goes too, or it would be listed as a session it cannot be.
    if not await User.filter(id=user.id, token_version=user.token_version).exists():
        await revoke_family(row.family)
    return token, row


async def use(settings: Settings, token: str, requested: list[str]) -> RefreshToken:
    """Spend a refresh token, once: of two requests presenting it, the database lets one through.
    `requested` may narrow the token's scope; a wider request is refused before anything is spent."""
    now = datetime.now(UTC)
    found = await RefreshToken.get_or_none(token_hash=_hash(token))
    if found is None:
        family = _family_issued(settings, token)
        # Ours, its row gone and its family's kept: spent, and its successor too since.
        if family is not None and (kept := await RefreshToken.filter(family=family).first()):
            raise ReusedRefreshToken(kept, await revoke_family(family))
        raise UnusableRefreshToken
    # A family is revoked as a whole, even a token written just after the revocation (the
    # successor of a refresh that raced a reuse); the token itself is one of its family.
    revoked = await RefreshToken.filter(family=found.family, revoked_at__isnull=False).exists()
    usable = found.used_at is None and not revoked and _current(settings, found, now)
    if usable and (wider := [name for name in requested if name not in found.scope.split()]):
        raise WiderScope(" ".join(wider))
    unspent = RefreshToken.filter(id=found.id, used_at__isnull=True, revoked_at__isnull=True)
    if usable and await unspent.update(used_at=now):
        # Its predecessor, spent before it, is no longer needed (see the top of this module).
        await RefreshToken.filter(family=found.family, id__lt=found.id).delete()
        return found
    if usable or found.used_at is not None:
        # Exchanged before, or just now by another request: a copy is in someone else's hands.
        raise ReusedRefreshToken(found, await revoke_family(found.family))
    raise UnusableRefreshToken


async def use_again(settings: Settings, token: str, grace: timedelta) -> RefreshToken:
    """use() with no scope asked, except that a token of a session the account pages opened, spent
    less than `grace` ago and whose successor is still unspent, is spent again in that successor's
    place (the pages never narrow a scope: see pages/browser_session.py). Its successor used, the
    grace over, or a session the API opened (whose client never loses an answer to a reload), it
    is a reuse as ever."""
    now = datetime.now(UTC)
    found = await RefreshToken.get_or_none(token_hash=_hash(token))
    if (
        found is not None
        and found.client == Client.PAGES
        and found.used_at is not None
        and found.used_at > now - grace
        and _current(settings, found, now)
        # Revoked as a whole, even a successor written just after the revocation (see use).
        and not await RefreshToken.filter(family=found.family, revoked_at__isnull=False).exists()
    ):
        later = await RefreshToken.filter(family=found.family, id__gt=found.id).values_list("id", flat=True)
        unspent = RefreshToken.filter(id__in=later, used_at__isnull=True, revoked_at__isnull=True)
        # The browser never stored the successor: whoever presents it holds a copy. Spent as of
        # the grace's start, it has no grace of its own, and is a reuse that ends the session.
        if len(later) == 1 and await unspent.update(used_at=now - grace):
            return found
    return await use(settings, token, [])


async def current(settings: Settings, token: str) -> RefreshToken | None:
    """The row of `token` if use() would take it now, left unspent; None otherwise."""
    found = await RefreshToken.get_or_none(token_hash=_hash(token))
    if found is None or found.used_at is not None or not _current(settings, found, datetime.now(UTC)):
        return None
    if await RefreshToken.filter(family=found.family, revoked_at__isnull=False).exists():
        return None
    return found


def _current(settings: Settings, found: RefreshToken, now: datetime) -> bool:
    # A session past SESSION_MAX_DAYS is over even if its token was issued under a longer setting.
    return found.expires_at > now and found.session_started_at > now - timedelta(days=settings.session_max_days)


async def revoke(token: str) -> RefreshToken | None:
    """RFC 7009: revoke the token's family; give the token if that ended its session. An
    unknown token is simply ignored."""
    found = await RefreshToken.get_or_none(token_hash=_hash(token))
    if found is not None and await revoke_family(found.family):
        return found
    return None


async def revoke_family(family: str) -> int:
    """Revoke every token of the family; give how many were still unrevoked."""
    return await RefreshToken.filter(family=family, revoked_at__isnull=True).update(revoked_at=datetime.now(UTC))


async def end_other_sessions(user_id: int, kept: str | None) -> None:
    """Revoke every session of the user but the family `kept`: their access tokens end with them."""
    others = RefreshToken.filter(user_id=user_id, revoked_at__isnull=True).exclude(family=kept)
    await others.update(revoked_at=datetime.now(UTC))


async def log_out_everywhere(user_id: int) -> None:
    """Every refresh token and every access token the user holds stops working."""
    await User.filter(id=user_id).update(token_version=F("token_version") + 1)
    await RefreshToken.filter(user_id=user_id, revoked_at__isnull=True).update(revoked_at=datetime.now(UTC))
