"""Accounts: your own under /users/me, everyone's for holders of the users:* scopes."""

from typing import Annotated

from fastapi import APIRouter, HTTPException, Path, Query, status

from ..models import User
from ..openapi import Problem
from ..refresh_tokens import log_out_everywhere
from ..schemas import AccountChange, OwnAccountChange, UserOut
from ..security import CurrentUser, Passwords, UserReader, UserWriter

router = APIRouter(prefix="/users", tags=["users"])

UserId = Annotated[int, Path(ge=1, le=2**31 - 1)]


async def _get_user(user_id: int) -> User:
    user = await User.get_or_none(id=user_id)
    if user is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, detail="No such user")
    return user
{%- if cookiecutter.social_login == "none" %}


@router.get("/me")
async def read_me(user: CurrentUser) -> UserOut:
    return UserOut.of(user)
{%- endif %}


@router.patch("/me", responses={403: {"model": Problem, "description": "current_password is incorrect"}})
async def change_me(change: OwnAccountChange, user: CurrentUser, passwords: Passwords) -> UserOut:
    """Change your email or password; a new password needs the current one."""
    if change.password is not None:
        if user.password_hash is not None:
            matches, _ = await passwords.verify(change.current_password or "", user.password_hash)
            if not matches:
                raise HTTPException(status.HTTP_403_FORBIDDEN, detail="current_password is incorrect")
        user.password_hash = await passwords.hash(change.password)
    if "email" in change.model_fields_set:
        user.email = change.email
    await user.save(update_fields=["email", "password_hash"])
    if change.password is not None:
        # Whoever knew the old password may hold tokens: they end here, this caller's too.
        await log_out_everywhere(user.id)
    return UserOut.of(user)


@router.get("")
async def list_users(
    _: UserReader,
    limit: Annotated[int, Query(ge=1, le=100)] = 50,
    offset: Annotated[int, Query(ge=0, le=2**31 - 1)] = 0,
) -> list[UserOut]:
    users = await User.all().order_by("id").offset(offset).limit(limit)
    return [UserOut.of(user) for user in users]


@router.get("/{user_id}")
async def read_user(user_id: UserId, _: UserReader) -> UserOut:
    return UserOut.of(await _get_user(user_id))


@router.patch("/{user_id}")
async def change_user(user_id: UserId, change: AccountChange, _: UserWriter) -> UserOut:
    """Grant or withdraw scopes, deactivate or reactivate a user, or correct their email."""
    user = await _get_user(user_id)
    held = set(user.scopes)
    for field, value in change.model_dump(exclude_unset=True).items():
        setattr(user, field, value)
    await user.save(update_fields=["email", "scopes", "is_active"])
    if not user.is_active or not held.issubset(user.scopes):
        # Deactivated, or a scope withdrawn: every token the user holds ends now.
        await log_out_everywhere(user.id)
    return UserOut.of(user)
