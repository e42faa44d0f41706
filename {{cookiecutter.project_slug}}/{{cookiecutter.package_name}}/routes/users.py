"""Accounts: your own under /users/me, everyone's for holders of the users:* scopes."""

from typing import Annotated

from fastapi import APIRouter, HTTPException, Query, Request, Response, status
from tortoise.transactions import in_transaction

from .. import admins
from ..events import (
    ACCOUNT_DELETED,
    EMAIL_CHANGED,
    LOGIN_FAILED,
    PASSWORD_CHANGED,
    USER_CHANGED_BY_ADMIN,
    record_event,
)
from ..extensions import address_given
from ..models import User
from ..openapi import RETRY_AFTER, Problem, oauth_answer
from ..refresh_tokens import log_out_everywhere
from ..schemas import AccountChange, OwnAccountChange, UserOut
from ..security import AccessClaims, AppSettings, {% if cookiecutter.social_login == "none" %}CurrentUser, {% endif %}FreshUser, Passwords, UserReader, UserWriter
from ..throttling import password_check
from .parameters import MAX_ROW_ID, RowId
from .token import throttled_logins

router = APIRouter(prefix="/users", tags=["users"])


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


@router.patch(
    "/me",
    responses={
        403: {"model": Problem, "description": "current_password is incorrect"},
        429: oauth_answer("Too many wrong passwords (`Retry-After` says for how long)", RETRY_AFTER),
    },
)
async def change_me(
    change: OwnAccountChange, user: FreshUser, passwords: Passwords, request: Request, settings: AppSettings
) -> UserOut:
    """Change your email or password, with a recent login; a new password needs the current one, if you have one.

    An option may keep a new email aside until it is confirmed: then the answer shows the old one."""
    changes: dict[str, str | None] = {}
    previous_email = user.email
    if change.password is not None:
        if user.password_hash is not None:
            # A wrong current_password counts as a failed login: a stolen token is no way around the limits.
            async with (
                throttled_logins(request, settings, user.username, method="current_password"),
                password_check(settings, request, user.username),
            ):
                matches, _ = await passwords.verify(change.current_password or "", user.password_hash)
                if not matches:
                    await record_event(
                        request, LOGIN_FAILED, user.id, method="current_password", reason="wrong_password"
                    )
                    raise HTTPException(status.HTTP_403_FORBIDDEN, detail="current_password is incorrect")
        changes["password_hash"] = await passwords.hash(change.password)
    # Only the fields sent are written, and a new password only over the one just checked: a
    # request that read the account before a concurrent password change cannot write it back.
    unchanged = {"password_hash": user.password_hash} if "password_hash" in changes else {}
    # An email sent unchanged is not written: MySQL counts a row written with its own values as
    # not updated, which would read below as a concurrent password change.
    new_email = "email" in change.model_fields_set and change.email != user.email
    async with in_transaction():
        if changes and not await User.filter(id=user.id, **unchanged).update(**changes):
            raise HTTPException(status.HTTP_409_CONFLICT, detail="The password changed meanwhile: log in again")
        if "password_hash" in changes:
            # Whoever knew the old password may hold tokens: they end here, this caller's too.
            await log_out_everywhere(user.id)
        # Given as the account now stands (its new password, its sessions ended), which an option
        # may bind a confirmation to.
        if new_email and not await address_given(request, await User.get(id=user.id), change.email):
            await User.filter(id=user.id).update(email=change.email)
            changes["email"] = change.email
    for field, value in changes.items():
        setattr(user, field, value)
    if "password_hash" in changes:
        await record_event(request, PASSWORD_CHANGED, user.id, first=unchanged["password_hash"] is None)
    if "email" in changes:
        # The address it had, so that a notice can reach the person who may have lost the account.
        await record_event(request, EMAIL_CHANGED, user.id, previous_email=previous_email)
    return UserOut.of(user)


@router.delete(
    "/me",
    status_code=status.HTTP_204_NO_CONTENT,
    responses={409: {"model": Problem, "description": "You are the last active holder of users:write"}},
)
async def delete_me(user: FreshUser, request: Request) -> None:
    """Delete your account, with a recent login. Its sessions{% if cookiecutter.social_login != "none" %} and linked accounts{% endif %} go with it (the
    database cascades), and its username is free again; its id is never given to anyone else."""
    try:
        # Recorded first, in the same transaction: a listener still finds the account (its
        # address, say), and a refused deletion leaves no event.
        async with in_transaction():
            await record_event(request, ACCOUNT_DELETED, user.id)
            await admins.delete_user(user.id)
    except admins.LastAdmin:
        raise HTTPException(
            status.HTTP_409_CONFLICT, detail="You are the last active holder of users:write: grant it to someone first"
        ) from None


@router.get("")
async def list_users(
    _: UserReader,
    limit: Annotated[int, Query(ge=1, le=100)] = 50,
    offset: Annotated[int, Query(ge=0, le=MAX_ROW_ID)] = 0,
) -> list[UserOut]:
    users = await User.all().order_by("id").offset(offset).limit(limit)
    return [UserOut.of(user) for user in users]


@router.get("/{user_id}")
async def read_user(user_id: RowId, _: UserReader) -> UserOut:
    return UserOut.of(await _get_user(user_id))


@router.patch(
    "/{user_id}",
    response_model=UserOut,
    responses={
        200: {"description": f"The user as changed, to a token that holds {admins.READER_SCOPE}"},
        204: {"description": f"Changed, to a token without {admins.READER_SCOPE}: nothing of the user is shown"},
        403: {"description": "The change grants a scope your token does not hold"},
        409: {"description": "The change would leave no active holder of users:write"},
    },
)
async def change_user(
    user_id: RowId, change: AccountChange, admin: UserWriter, access: AccessClaims, request: Request
) -> UserOut | Response:
    """Grant or withdraw scopes, deactivate or reactivate a user, or correct their email.

    You grant only scopes your token holds, and the last active holder of users:write keeps it. The
    answer shows the user only if your token holds users:read too; without it, 204 and no body."""
    # What this admin acts with: its token's scopes that its account still holds, as current_user
    # counts them. A token asked for with fewer scopes grants no more than it holds.
    acting = access.scopes.intersection(admin.scopes)
    changes = change.model_dump(exclude_unset=True)
    try:
        user, held = await admins.change_user(acting, user_id, changes)
    except admins.NoSuchUser:
        raise HTTPException(status.HTTP_404_NOT_FOUND, detail="No such user") from None
    except admins.NotHeld as error:
        raise HTTPException(status.HTTP_403_FORBIDDEN, detail=f"You can grant only scopes you hold: {error}") from None
    except admins.LastAdmin:
        raise HTTPException(
            status.HTTP_409_CONFLICT,
            detail=f"This is the last active holder of {admins.ADMIN_SCOPE}: grant it to someone else first",
        ) from None
    if not user.is_active or not held.issubset(user.scopes):
        # Deactivated, or a scope withdrawn: every token the user holds ends now.
        await log_out_everywhere(user.id)
    await record_event(request, USER_CHANGED_BY_ADMIN, user.id, actor_id=admin.id, **admins.described(changes, held))
    if admins.READER_SCOPE not in acting:
        return Response(status_code=status.HTTP_204_NO_CONTENT)
    return UserOut.of(user)
