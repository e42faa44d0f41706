"""Your address as email sees it: whether you proved you own it, and the new one waiting for its link."""

from datetime import UTC, datetime

from fastapi import APIRouter
from pydantic import BaseModel

from ..security import CurrentUser
from .addresses import is_verified
from .models import EmailToken, Purpose

router = APIRouter(prefix="/users/me", tags=["users"])


class EmailStatus(BaseModel):
    email: str | None
    # Proved through an emailed link, or vouched for by a provider.
    verified: bool
    # A new address sent a link not yet followed: it replaces `email` once it is.
    pending: str | None


@router.get("/email")
async def email_status(user: CurrentUser) -> EmailStatus:
    """Your email, whether it is verified, and the address a change of email waits to confirm."""
    waiting = (
        await EmailToken.filter(user_id=user.id, purpose=Purpose.VERIFY, expires_at__gt=datetime.now(UTC))
        .order_by("-id")
        .first()
    )
    pending = waiting.email if waiting and waiting.email.lower() != (user.email or "").lower() else None
    return EmailStatus(email=user.email, verified=await is_verified(user), pending=pending)
