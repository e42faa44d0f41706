"""Taking an account back: one action that ends every session and removes every way in that
someone else may have added, for an owner who has just signed in again (through a reset link,
say) and finds the account was not theirs alone."""

from fastapi import APIRouter, HTTPException, Request, status
from tortoise.transactions import in_transaction

from ..events import ACCOUNT_SECURED, record_event
from ..extensions import take_back
from ..models import User
from ..openapi import Problem
from ..refresh_tokens import log_out_everywhere
from ..security import FreshUser

router = APIRouter(prefix="/users/me", tags=["users"])


async def secure(request: Request, user: User, **detail: str) -> None:
    """End every session of `user` and remove what options hold that could let someone else in.
    The caller holds a password the owner just chose: it stays the way in."""
    async with in_transaction():
        removed = await take_back(request, user)
        await log_out_everywhere(user.id)
        await record_event(request, ACCOUNT_SECURED, user.id, removed=removed, **detail)


@router.post(
    "/secure",
    status_code=status.HTTP_204_NO_CONTENT,
    responses={409: {"model": Problem, "description": "The account has no password to keep as its way in"}},
)
async def secure_account(user: FreshUser, request: Request) -> None:
    """End every session, this one too, and unlink every provider account (and cancel a change of
    email on its way), with a recent login: what to do after taking the account back. The
    password stays the one way in, so the account must have one."""
    if user.password_hash is None:
        raise HTTPException(
            status.HTTP_409_CONFLICT,
            detail="Choose a password first: it is the one way in that this leaves",
        )
    await secure(request, user)
