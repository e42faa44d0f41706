"""Sessions: each refresh-token family, one login and its refreshes, is a session its user can
list and end. Its id is the family's, which is never a secret: only a refresh token refreshes."""

from datetime import UTC, datetime, timedelta

from tortoise.expressions import Subquery
from tortoise.queryset import QuerySet

from .models import RefreshToken
from .refresh_tokens import revoke_family
from .settings import Settings


def _live(settings: Settings, user_id: int) -> QuerySet[RefreshToken]:
    """The current refresh token of each of the user's sessions that may still be refreshed."""
    now = datetime.now(UTC)
    revoked = RefreshToken.filter(user_id=user_id, revoked_at__isnull=False).values("family")
    return RefreshToken.filter(
        user_id=user_id,
        used_at__isnull=True,
        revoked_at__isnull=True,
        expires_at__gt=now,
        session_started_at__gt=now - timedelta(days=settings.session_max_days),
    ).exclude(family__in=Subquery(revoked))


async def of_user(settings: Settings, user_id: int) -> list[RefreshToken]:
    """The user's sessions, most recently used first, each as its current refresh token."""
    return await _live(settings, user_id).order_by("-created_at", "-id")


async def is_live(settings: Settings, user_id: int, session: str) -> bool:
    return await _live(settings, user_id).filter(family=session).exists()


async def end(settings: Settings, user_id: int, session: str) -> bool:
    """End one of the user's sessions: its refresh token stops working. False if it is not theirs or over."""
    if not await is_live(settings, user_id, session):
        return False
    await revoke_family(session)
    return True
