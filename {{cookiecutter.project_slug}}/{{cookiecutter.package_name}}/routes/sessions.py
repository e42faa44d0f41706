"""Your sessions: each login, with its refreshes, listed with where it was last used, and ended one by one."""

from datetime import datetime
from typing import Annotated

from fastapi import APIRouter, HTTPException, Path, Request, status
from pydantic import BaseModel

from .. import sessions
from ..events import SESSION_ENDED, record_event
from ..models import RefreshToken
from ..security import AccessClaims, AppSettings, CurrentUser, require_recent_login

router = APIRouter(prefix="/users/me/sessions", tags=["users"])

SessionId = Annotated[str, Path(pattern="^[0-9a-f]{32}$")]


class SessionOut(BaseModel):
    id: str
    created_at: datetime
    last_used_at: datetime
    # When it ends unless refreshed before: never later than SESSION_MAX_DAYS after created_at.
    expires_at: datetime
    # Of the login or refresh that last used it.
    address: str
    user_agent: str
    current: bool

    @classmethod
    def of(cls, token: RefreshToken, current: str | None) -> "SessionOut":
        return cls(
            id=token.family,
            created_at=token.session_started_at,
            last_used_at=token.created_at,
            expires_at=token.expires_at,
            address=token.address,
            user_agent=token.user_agent,
            current=token.family == current,
        )


@router.get("")
async def list_sessions(user: CurrentUser, access: AccessClaims, settings: AppSettings) -> list[SessionOut]:
    """Your sessions that may still be refreshed, most recently used first; `current` marks this token's."""
    return [SessionOut.of(token, access.session) for token in await sessions.of_user(settings, user.id)]


@router.delete(
    "/{session_id}", status_code=status.HTTP_204_NO_CONTENT, responses={404: {"description": "No such session"}}
)
async def end_session(
    session_id: SessionId, user: CurrentUser, access: AccessClaims, settings: AppSettings, request: Request
) -> None:
    """End one session: its refresh token and its access tokens stop working at once. Your own
    needs nothing more; another needs a recent login."""
    if session_id != access.session:
        await require_recent_login(user, access, settings)
    if not await sessions.end(settings, user.id, session_id):
        raise HTTPException(status.HTTP_404_NOT_FOUND, detail="No such session")
    await record_event(request, SESSION_ENDED, user.id, session=session_id)
