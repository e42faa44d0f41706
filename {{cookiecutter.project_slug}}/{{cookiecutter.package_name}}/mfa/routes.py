"""/users/me/mfa: set up a TOTP app, remove it, see and replace the recovery codes."""

from datetime import UTC, datetime, timedelta
from typing import Annotated

from fastapi import APIRouter, HTTPException, Request, Response, status
from pydantic import BaseModel, StringConstraints
from tortoise.exceptions import IntegrityError
from tortoise.transactions import in_transaction

from ..errors import NO_STORE
from ..events import FACTOR_ADDED, FACTOR_REMOVED, RECOVERY_CODES_REPLACED, record_event
{%- if cookiecutter.email != "none" %}
from ..extensions import address_holder
{%- endif %}
from ..models import User
from ..openapi import RETRY_AFTER, Problem, oauth_answer
from ..refresh_tokens import end_other_sessions
from ..routes.parameters import RowId
from ..schemas import StrictBody
from ..security import (
    AccessClaims,
    AppSettings,
    CurrentUser,
    FreshUser,
    UserWriter,
    require_multi_factor,
    require_recent_login,
)
from ..throttling import code_check
from . import recovery_codes, totp
from .logins import confirmed_totp
from .models import Authenticator, Kind, RecoveryCode

router = APIRouter(prefix="/users/me/mfa", tags=["mfa"])
admin_router = APIRouter(prefix="/users", tags=["users"])

# An authenticator app set up but never confirmed is forgotten after this.
SET_UP_MINUTES = 15
TOTP_NAME = "Authenticator app"
SERVICE_NAME = {{ cookiecutter.project_name | pystr }}


class TotpOut(BaseModel):
    created_at: datetime
    last_used_at: datetime | None


class FactorsOut(BaseModel):
    totp: TotpOut | None
    recovery_codes_remaining: int


class TotpSetUp(BaseModel):
    """Shown once: the secret as text, the otpauth URI, and that URI as a QR code (inline SVG)."""

    secret: str
    otpauth_uri: str
    qr_code_svg: str


class Code(StrictBody):
    code: Annotated[str, StringConstraints(pattern=r"^[0-9]{6}$")]


class RecoveryCodesOut(BaseModel):
    """Shown once: each works once, in place of the authenticator app."""

    recovery_codes: list[str]


@router.get("")
async def read_factors(user: CurrentUser) -> FactorsOut:
    """The user's second factors, and how many recovery codes remain."""
    found = await confirmed_totp(user)
    return FactorsOut(
        totp=TotpOut(created_at=found.created_at, last_used_at=found.last_used_at) if found else None,
        recovery_codes_remaining=await recovery_codes.remaining(user),
    )


@router.post(
    "/totp",
    status_code=status.HTTP_201_CREATED,
    responses={
        409: {
            "model": Problem,
            "description": "An authenticator app is set up already{% if cookiecutter.email != "none" %}, or the email is not verified{% endif %}",
        }
    },
)
async def set_up_totp(user: FreshUser, request: Request, response: Response, settings: AppSettings) -> TotpSetUp:
    """Begin setting up an authenticator app, with a recent login: it counts once
    POST /users/me/mfa/totp/confirm has a first code from it."""
    if await confirmed_totp(user):
        raise HTTPException(status.HTTP_409_CONFLICT, detail="An authenticator app is set up already: remove it first")
{%- if cookiecutter.email != "none" %}
    if not settings.mfa_allow_unverified_email and not await _email_verified(request, user):
        raise HTTPException(
            status.HTTP_409_CONFLICT,
            detail="Verify your email address first: a factor on an address you do not own could lock its owner out",
        )
{%- endif %}
    secret = totp.new_secret()
    try:
        async with in_transaction():
            await Authenticator.filter(user_id=user.id, kind=Kind.TOTP, confirmed_at__isnull=True).delete()
            await Authenticator.create(
                user=user, kind=Kind.TOTP, name=TOTP_NAME, secret=totp.seal(settings, user.id, secret)
            )
    except IntegrityError:
        raise HTTPException(status.HTTP_409_CONFLICT, detail="An authenticator app is being set up already") from None
    response.headers.update(NO_STORE)
    return TotpSetUp(**totp.set_up(secret, user, SERVICE_NAME))
{%- if cookiecutter.email != "none" %}


async def _email_verified(request: Request, user: User) -> bool:
    """Whether the account's address, if it has one, is verified as its own."""
    if not user.email:
        return True
    holder = await address_holder(request, user.email)
    return holder is not None and holder.user_id == user.id
{%- endif %}


@router.post(
    "/totp/confirm",
    responses={
        400: {"model": Problem, "description": "The code is wrong"},
        409: {"model": Problem, "description": "No authenticator app is being set up"},
        429: oauth_answer("Too many wrong codes for this account", RETRY_AFTER),
    },
)
async def confirm_totp(
    body: Code, user: CurrentUser, access: AccessClaims, request: Request, response: Response, settings: AppSettings
) -> RecoveryCodesOut:
    """Finish setting up the authenticator app with a first code from it: logins ask for its codes
    from now on, and every other session ends (one opened with a stolen password would otherwise
    live on without the factor). The answer holds the account's recovery codes, made now if it
    had none (else empty)."""
    since = datetime.now(UTC) - timedelta(minutes=SET_UP_MINUTES)
    waiting = await Authenticator.get_or_none(
        user_id=user.id, kind=Kind.TOTP, confirmed_at__isnull=True, created_at__gt=since
    )
    if waiting is None:
        raise HTTPException(status.HTTP_409_CONFLICT, detail="No authenticator app is being set up: begin again")
    window = timedelta(minutes=settings.mfa_code_window_minutes)
    async with code_check(settings, "totp", str(user.id), settings.mfa_code_failures, window, "Too many wrong codes"):
        if not await totp.accept(settings, waiting, body.code):
            raise HTTPException(
                status.HTTP_400_BAD_REQUEST, detail="The code is wrong: check the app's clock and try again"
            )
    async with in_transaction():
        await Authenticator.filter(id=waiting.id).update(confirmed_at=datetime.now(UTC))
        codes = [] if await recovery_codes.remaining(user) else await recovery_codes.replace(user)
        await end_other_sessions(user.id, access.session)
        await record_event(request, FACTOR_ADDED, user.id, factor=Kind.TOTP)
    response.headers.update(NO_STORE)
    return RecoveryCodesOut(recovery_codes=codes)


@router.delete(
    "/totp",
    status_code=status.HTTP_204_NO_CONTENT,
    responses={404: {"model": Problem, "description": "No authenticator app is set up"}},
)
async def remove_totp(user: FreshUser, access: AccessClaims, request: Request) -> None:
    """Remove the authenticator app, with a recent login that used a second factor: it is the last
    factor, so its recovery codes go with it."""
    found = await confirmed_totp(user)
    if found is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, detail="No authenticator app is set up")
    require_multi_factor(access)
    async with in_transaction():
        await Authenticator.filter(user_id=user.id).delete()
        await RecoveryCode.filter(user_id=user.id).delete()
        await record_event(request, FACTOR_REMOVED, user.id, factor=Kind.TOTP)


@router.post("/recovery-codes", responses={409: {"model": Problem, "description": "The account has no second factor"}})
async def replace_recovery_codes(
    user: FreshUser, access: AccessClaims, request: Request, response: Response
) -> RecoveryCodesOut:
    """A new set of recovery codes, with a recent login that used the second factor; the old ones
    stop working."""
    if await confirmed_totp(user) is None:
        raise HTTPException(status.HTTP_409_CONFLICT, detail="Set up a second factor first")
    require_multi_factor(access)
    async with in_transaction():
        codes = await recovery_codes.replace(user)
        await record_event(request, RECOVERY_CODES_REPLACED, user.id)
    response.headers.update(NO_STORE)
    return RecoveryCodesOut(recovery_codes=codes)


@admin_router.delete(
    # Typed in the path, so that /users/me/mfa never matches it (405s name the methods of what does).
    "/{user_id:int}/mfa",
    status_code=status.HTTP_204_NO_CONTENT,
    responses={
        404: {"model": Problem, "description": "No such user"},
        409: {"model": Problem, "description": "Your own: remove it with DELETE /users/me/mfa/totp"},
    },
)
async def remove_factors_of_user(
    user_id: RowId, admin: UserWriter, access: AccessClaims, request: Request, settings: AppSettings
) -> None:
    """Remove every second factor of another user, and their recovery codes (for someone who lost
    both), with a recent login, which used your own factor if you have one: their logins then need
    the password or provider alone. They are told; the event names you. No route shows a factor
    itself."""
    await require_recent_login(admin, access, settings)
    if await confirmed_totp(admin):
        require_multi_factor(access)
    if user_id == admin.id:
        raise HTTPException(status.HTTP_409_CONFLICT, detail="Remove your own with DELETE /users/me/mfa/totp")
    if not await User.exists(id=user_id):
        raise HTTPException(status.HTTP_404_NOT_FOUND, detail="No such user")
    async with in_transaction():
        kinds = await Authenticator.filter(user_id=user_id, confirmed_at__isnull=False).values_list("kind", flat=True)
        await Authenticator.filter(user_id=user_id).delete()
        await RecoveryCode.filter(user_id=user_id).delete()
        for kind in sorted(set(kinds)):
            await record_event(request, FACTOR_REMOVED, user_id, actor_id=admin.id, factor=kind)
