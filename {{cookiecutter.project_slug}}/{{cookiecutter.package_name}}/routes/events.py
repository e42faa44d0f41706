"""Audit trails: your own account's under /users/me/events, everyone's for holders of users:read."""

from typing import Annotated

from fastapi import APIRouter, Query

from ..events import EventKind
from ..models import SecurityEvent
from ..schemas import EventOut
from ..security import CurrentUser, UserReader
from .parameters import MAX_BIG_ROW_ID, RowId

router = APIRouter(prefix="/users", tags=["users"])

Limit = Annotated[int, Query(ge=1, le=100)]
Before = Annotated[
    int | None, Query(ge=1, le=MAX_BIG_ROW_ID, description="Only events older than this id: the last id of a page")
]
Kind = Annotated[EventKind | None, Query(description="Only events of this kind")]


async def _trail(user_id: int, limit: int, before: int | None, kind: EventKind | None) -> list[EventOut]:
    events = SecurityEvent.filter(user_id=user_id)
    if before is not None:
        events = events.filter(id__lt=before)
    if kind is not None:
        events = events.filter(kind=kind.value)
    return [EventOut.of(event) for event in await events.order_by("-id").limit(limit)]


# Before /users/{user_id}/events, which would otherwise read "me" as an id.
@router.get("/me/events")
async def read_my_events(
    user: CurrentUser, limit: Limit = 50, before: Before = None, kind: Kind = None
) -> list[EventOut]:
    """Your account's security events, newest first: logins, changes, sessions ended. For the next
    page, pass the last event's id as `before`."""
    return await _trail(user.id, limit, before, kind)


@router.get("/{user_id}/events")
async def read_user_events(
    user_id: RowId, _: UserReader, limit: Limit = 50, before: Before = None, kind: Kind = None
) -> list[EventOut]:
    """A user's security events, newest first, as read_my_events; those of a deleted account stay
    until EVENT_RETENTION_DAYS, so an unknown id is answered with its events, or none."""
    return await _trail(user_id, limit, before, kind)
