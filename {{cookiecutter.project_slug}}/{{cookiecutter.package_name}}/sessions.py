"""Sessions: each refresh-token family, one login and its refreshes, is a session its user can
list and end. Its id is the family's, which is never a secret: only a refresh token refreshes."""

from datetime import UTC, datetime, timedelta

from tortoise.expressions import Q, Subquery
from tortoise.queryset import QuerySet

from .lookups import Lookup
from .models import RefreshToken, User
from .refresh_tokens import revoke_family
from .settings import Settings


def _in_force(now: datetime, started_after: datetime) -> Q:
    """A token neither revoked nor expired, of a session started after `started_after` (no session
    outlives SESSION_MAX_DAYS)."""
    return Q(revoked_at__isnull=True, expires_at__gt=now, session_started_at__gt=started_after)


def _started_after(settings: Settings, now: datetime) -> datetime:
    return now - timedelta(days=settings.session_max_days)


def _live(settings: Settings, user_id: int) -> QuerySet[RefreshToken]:
    """The current refresh token of each of the user's sessions that may still be refreshed."""
    now = datetime.now(UTC)
    revoked = RefreshToken.filter(user_id=user_id, revoked_at__isnull=False).values("family")
    return RefreshToken.filter(
        _in_force(now, _started_after(settings, now)), user_id=user_id, used_at__isnull=True
    ).exclude(family__in=Subquery(revoked))


def _user_in_session(user_id: int, session: str, now: datetime, started_after: datetime) -> QuerySet[User]:
    """The user, if `session` is a live one of theirs: a token of it is in force, and none of it is
    revoked (a family is revoked as a whole, even a token written just after: see refresh_tokens.use).
    Spent tokens count, so that a session stays live while a refresh replaces its token. Both
    subqueries read only the session's own rows, by the family's index: at most two while it
    lives (refresh_tokens.use deletes the older ones)."""
    in_force = RefreshToken.filter(_in_force(now, started_after), family=session, user_id=user_id)
    revoked = RefreshToken.filter(family=session, revoked_at__isnull=False)
    return User.filter(id=user_id, id__in=Subquery(in_force.values("user_id"))).exclude(
        id__in=Subquery(revoked.values("user_id"))
    )


USER_IN_SESSION = Lookup(_user_in_session)


async def of_user(settings: Settings, user_id: int) -> list[RefreshToken]:
    """The user's sessions, most recently used first, each as its current refresh token."""
    return await _live(settings, user_id).order_by("-created_at", "-id")


async def user_in_live_session(settings: Settings, user_id: int, session: str) -> User | None:
    """The user, if `session` is a live session of theirs: one query, which every guarded request
    makes (security.current_user), so that a session ended anyhow ends its access tokens at once."""
    now = datetime.now(UTC)
    return await USER_IN_SESSION.first(user_id, session, now, _started_after(settings, now))


async def is_live(settings: Settings, user_id: int, session: str) -> bool:
    return await user_in_live_session(settings, user_id, session) is not None


async def end(settings: Settings, user_id: int, session: str) -> bool:
    """End one of the user's sessions: its refresh token and access tokens stop working. False if
    it is not theirs or over."""
    if not await is_live(settings, user_id, session):
        return False
    await revoke_family(session)
    return True
