"""POST /auth/register: anyone may open an account (the `allow_signup` option)."""

from fastapi import APIRouter, HTTPException, status
from tortoise.exceptions import IntegrityError

from ..models import User
from ..openapi import Problem
from ..schemas import Email, Password, StrictBody, Username, UserOut
from ..scopes import DEFAULT_SCOPES
from ..security import Passwords

router = APIRouter(tags=["auth"])


class Registration(StrictBody):
    username: Username
    password: Password
    email: Email | None = None


@router.post(
    "/auth/register",
    status_code=status.HTTP_201_CREATED,
    responses={409: {"model": Problem, "description": "Username taken"}},
)
async def register(registration: Registration, passwords: Passwords) -> UserOut:
    """Open an account with the default scopes."""
    password_hash = await passwords.hash(registration.password)
    try:
        # The unique index decides between concurrent sign-ups of one name, not a prior lookup.
        user = await User.create(
            username=registration.username,
            email=registration.email,
            password_hash=password_hash,
            scopes=list(DEFAULT_SCOPES),
        )
    except IntegrityError:
        raise HTTPException(status.HTTP_409_CONFLICT, detail="That username is taken") from None
    return UserOut.of(user)
