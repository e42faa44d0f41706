"""POST /auth/register: anyone may open an account (the `allow_signup` option)."""

from fastapi import APIRouter, HTTPException, Request, status
from tortoise.exceptions import IntegrityError
from tortoise.transactions import in_transaction

from ..extensions import address_given
from ..models import Attempt, User
from ..openapi import RETRY_AFTER, Problem, oauth_answer
from ..schemas import Email, Password, StrictBody, Username, UserOut
from ..scopes import DEFAULT_SCOPES
from ..security import AppSettings, Passwords
from ..throttling import limit_per_address

router = APIRouter(tags=["auth"])


class Registration(StrictBody):
    username: Username
    password: Password
    email: Email | None = None


@router.post(
    "/auth/register",
    status_code=status.HTTP_201_CREATED,
    responses={
        409: {"model": Problem, "description": "Username taken"},
        429: oauth_answer("Too many sign-ups from this address (`Retry-After` says for how long)", RETRY_AFTER),
    },
)
async def register(
    registration: Registration, passwords: Passwords, request: Request, settings: AppSettings
) -> UserOut:
    """Open an account with the default scopes."""
    # Each sign-up costs a bcrypt hash and a row: counted per client address.
    await limit_per_address(
        settings, request, Attempt.SIGNUP, settings.signups_per_address_per_hour, "Too many sign-ups from this address"
    )
    password_hash = await passwords.hash(registration.password)
    try:
        # The unique index decides between concurrent sign-ups of one name, not a prior lookup.
        async with in_transaction():
            user = await User.create(
                username=registration.username,
                email=registration.email,
                password_hash=password_hash,
                scopes=list(DEFAULT_SCOPES),
            )
            if registration.email is not None:
                await address_given(request, user, registration.email, new_account=True)
    except IntegrityError:
        raise HTTPException(status.HTTP_409_CONFLICT, detail="That username is taken") from None
    return UserOut.of(user)
