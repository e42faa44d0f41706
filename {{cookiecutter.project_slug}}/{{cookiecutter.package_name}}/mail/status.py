"""Your address as email sees it: whether you proved you own it, and the new one waiting for its link."""

from fastapi import APIRouter, Request, status
from pydantic import BaseModel
from tortoise.transactions import in_transaction

from ..security import CurrentUser
from .addresses import cancel_change, is_verified, pending_address

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
    return EmailStatus(email=user.email, verified=await is_verified(user), pending=await pending_address(user))


@router.delete("/email/pending", status_code=status.HTTP_204_NO_CONTENT)
async def cancel_pending_email(user: CurrentUser, request: Request) -> None:
    """Cancel the change of email waiting for its link, if any: that link stops working. It needs
    no recent login: it is the owner's way out, and a stolen token gains nothing by it."""
    async with in_transaction():
        await cancel_change(request, user)
