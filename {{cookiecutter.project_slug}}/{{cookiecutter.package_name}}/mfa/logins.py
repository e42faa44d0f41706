"""The second step of a login. The stage every login runs (extensions.py) stops a login to an
account with a factor, before any token is issued, with an `mfa_required` error that carries an
`mfa_token`; the mfa grant of POST /auth/token finishes it with a factor."""

import hashlib
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from fastapi import Request
from tortoise.expressions import F

from .. import refresh_tokens
from ..devices import Device
from ..errors import OAuthError
from ..events import LOGIN_FAILED, RECOVERY_CODE_USED, record_event
from ..extensions import Login
from ..grants import ExtraGrant
from ..models import User
from ..routes.token import granted_scopes, refresh_grant, requested_scopes, signed_in
from ..schemas import TokenOut
from ..settings import Settings
from ..signing import SigningKeys
from ..throttling import Throttled, code_check, limit_logins
from ..tokens import MULTI_FACTOR
from . import recovery_codes, totp
from .models import Authenticator, Kind, PendingLogin

GRANT_TYPE = {{ ("urn:" ~ cookiecutter.project_slug | replace("_", "-") ~ ":grant-type:mfa") | pystr }}
# RFC 8176's one-time password: a TOTP code, or a recovery code.
ONE_TIME_PASSWORD = "otp"
UNUSABLE = OAuthError("invalid_grant", "The mfa_token is invalid, expired or already used: log in again")
WRONG_CODE = OAuthError("invalid_grant", "The code is wrong, or was used before")
UNUSABLE_SESSION = OAuthError("invalid_grant", "The refresh token is invalid, expired or revoked")
SESSION_ENDED = OAuthError("invalid_grant", "Too many wrong codes for this session: it is ended, log in again")


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


async def confirmed_totp(user: User) -> Authenticator | None:
    return await Authenticator.get_or_none(user_id=user.id, kind=Kind.TOTP, confirmed_at__isnull=False)


async def methods(user: User) -> list[str]:
    """How the user can give their second factor, as mfa_methods names them: none without a factor."""
    if await confirmed_totp(user) is None:
        return []
    return ["otp", *(["recovery_code"] if await recovery_codes.remaining(user) else [])]


async def second_step(request: Request, login: Login) -> list[str]:
    """The login stage: an account with a factor waits for it, or checks the one given."""
    found = await methods(login.user)
    if not found:
        return []
    settings = request.app.state.settings
    if login.given is not None:
        return await _given(request, settings, login, found)
    if login.counted:
        # Counted now, so that logins stopped here are held to LOGINS_PER_ACCOUNT_PER_HOUR too (each
        # one opens a round of guesses at the account's codes); not again when it finishes.
        await limit_logins(settings, Device.of(request, settings).address, login.user.username)
    token = secrets.token_urlsafe(32)
    now = datetime.now(UTC)
    await PendingLogin.filter(expires_at__lt=now).delete()
    await PendingLogin.create(
        user=login.user,
        token_hash=_hash(token),
        amr=" ".join(login.amr),
        method=login.method,
        scope=" ".join(login.granted),
        token_version=login.user.token_version,
        counted=False,
        with_device_token=login.with_device_token,
        expires_at=now + timedelta(seconds=settings.mfa_token_seconds),
    )
    raise OAuthError(
        "mfa_required",
        f"This account asks for a second factor: send the mfa_token with grant_type={GRANT_TYPE}",
        403,
        # Space-separated, as OAuth writes a scope: it may travel in a URL fragment too.
        extra={"mfa_token": token, "mfa_methods": " ".join(found)},
    )


async def _given(request: Request, settings: Settings, login: Login, found: list[str]) -> list[str]:
    """The factor that came with the login's own request, checked there and then."""
    factor = Factor(login.given.get("otp"), login.given.get("recovery_code"))
    if factor.otp is None and factor.recovery_code is None:
        raise OAuthError(
            "mfa_required",
            "This account asks for a second factor: send otp or recovery_code with this request",
            403,
            extra={"mfa_methods": " ".join(found)},
        )
    try:
        await factor.check(request, settings, login.user)
    except OAuthError as refusal:
        if refusal is WRONG_CODE:
            await record_event(
                request, LOGIN_FAILED, login.user.id, method=login.method, reason="wrong_code", factor=factor.name
            )
        raise
    return [ONE_TIME_PASSWORD, MULTI_FACTOR]


async def exchange(request: Request, form: dict[str, str], settings: Settings, keys: SigningKeys) -> TokenOut:
    """The mfa grant, with a TOTP code or a recovery code: the login an mfa_token stands for, or a
    step-up of the session a refresh token is of."""
    otp, recovery_code = form.get("otp"), form.get("recovery_code")
    if ("mfa_token" in form) == ("refresh_token" in form) or (otp is None) == (recovery_code is None):
        raise OAuthError("invalid_request", "mfa_token or refresh_token, and one of otp or recovery_code, are required")
    factor = Factor(otp, recovery_code)
    if "mfa_token" in form:
        return await _finish(request, settings, keys, form["mfa_token"], factor, requested_scopes(form.get("scope")))
    return await _step_up(request, settings, keys, form["refresh_token"], factor)


@dataclass(frozen=True)
class Factor:
    """What the mfa grant was given: a TOTP code, or a recovery code."""

    otp: str | None
    recovery_code: str | None

    @property
    def name(self) -> str:
        return "totp" if self.otp is not None else "recovery_code"

    async def check(self, request: Request, settings: Settings, user: User) -> None:
        """Refused (WRONG_CODE, or 429 past MFA_CODE_FAILURES for TOTP) unless it is the user's."""
        if self.otp is not None:
            await _check_totp(settings, user, self.otp)
        elif await recovery_codes.spend(user, self.recovery_code):
            await record_event(request, RECOVERY_CODE_USED, user.id, remaining=await recovery_codes.remaining(user))
        else:
            raise WRONG_CODE


async def _finish(
    request: Request, settings: Settings, keys: SigningKeys, mfa_token: str, factor: Factor, requested: list[str]
) -> TokenOut:
    """The waiting login, with the scopes it was granted (those of them `requested`, if any)."""
    pending = await PendingLogin.get_or_none(token_hash=_hash(mfa_token))
    now = datetime.now(UTC)
    if pending is None or pending.used_at is not None or pending.expires_at <= now:
        raise UNUSABLE
    user = await User.get(id=pending.user_id)
    if not user.is_active or user.token_version != pending.token_version:
        raise UNUSABLE
    try:
        await factor.check(request, settings, user)
    except OAuthError as refusal:
        if refusal is WRONG_CODE:
            await _count_failure(request, settings, pending, factor.name)
        raise
    # Spent once: of two requests finishing the same login, one gets the tokens.
    if not await PendingLogin.filter(id=pending.id, used_at__isnull=True).update(used_at=now):
        raise UNUSABLE
    login = Login(
        user,
        granted_scopes(user, requested, within=pending.scope.split()),
        _with_factor(pending.amr.split()),
        pending.method,
        counted=pending.counted,
        with_device_token=pending.with_device_token,
    )
    return await signed_in(request, settings, keys, login, factor=factor.name)


async def _step_up(
    request: Request, settings: Settings, keys: SigningKeys, refresh_token: str, factor: Factor
) -> TokenOut:
    """RFC 9470 step-up with a factor alone, for a session that is live: a new session takes its
    place, its login now, as logging in again would give{% if "github" in cookiecutter.social_login %}; the way for an account whose
    provider cannot be asked for a fresh sign-in (GitHub){% endif %}."""
    session = await refresh_tokens.current(settings, refresh_token)
    if session is None:
        # A spent one is a reuse, as the refresh grant has it (its session ends, and its owner
        # hears): that grant refuses it. One it takes after all, become usable since, is refused too.
        await refresh_grant(request, {"refresh_token": refresh_token}, settings, keys)
        raise UNUSABLE_SESSION
    user = await User.get(id=session.user_id)
    if not user.is_active or user.token_version != session.token_version:
        raise UNUSABLE_SESSION
    window = timedelta(minutes=settings.mfa_code_window_minutes)
    try:
        async with code_check(settings, "step_up", session.family, settings.mfa_token_failures, window, ""):
            await factor.check(request, settings, user)
    except Throttled as refusal:
        if refusal.limit.startswith("step_up:"):
            # As an mfa_token dies after its wrong codes: whoever guesses with a stolen session loses it.
            await refresh_tokens.revoke_family(session.family)
            raise SESSION_ENDED from None
        raise
    except OAuthError as refusal:
        if refusal is WRONG_CODE:
            await record_event(
                request, LOGIN_FAILED, user.id, method="step_up", reason="wrong_code", factor=factor.name
            )
        raise
    # Spent like any refresh (a replay is a reuse), then ended: the new session replaces it.
    try:
        spent = await refresh_tokens.use(settings, refresh_token, [])
    except refresh_tokens.UnusableRefreshToken:
        raise UNUSABLE_SESSION from None
    await refresh_tokens.revoke_family(spent.family)
    login = Login(user, granted_scopes(user, spent.scope.split()), _with_factor(spent.amr.split()), "step_up")
    return await signed_in(request, settings, keys, login, factor=factor.name)


def _with_factor(amr: list[str]) -> list[str]:
    return [*dict.fromkeys([*amr, ONE_TIME_PASSWORD, MULTI_FACTOR])]


async def _check_totp(settings: Settings, user: User, code: str) -> None:
    """Refused past MFA_CODE_FAILURES wrong codes for the account (429), or as a wrong code."""
    authenticator = await confirmed_totp(user)
    window = timedelta(minutes=settings.mfa_code_window_minutes)
    too_many = "Too many wrong codes for this account: use a recovery code, or try again later"
    async with code_check(settings, "totp", str(user.id), settings.mfa_code_failures, window, too_many):
        if authenticator is None or not await totp.accept(settings, authenticator, code):
            raise WRONG_CODE


async def _count_failure(request: Request, settings: Settings, pending: PendingLogin, factor: str) -> None:
    """One more wrong code for the waiting login: past MFA_TOKEN_FAILURES its mfa_token is spent."""
    await PendingLogin.filter(id=pending.id).update(failures=F("failures") + 1)
    spent = PendingLogin.filter(id=pending.id, failures__gte=settings.mfa_token_failures, used_at__isnull=True)
    await spent.update(used_at=datetime.now(UTC))
    await record_event(
        request, LOGIN_FAILED, pending.user_id, method=pending.method, reason="wrong_code", factor=factor
    )


GRANT = ExtraGrant(
    grant_type=GRANT_TYPE,
    parameters={
        "mfa_token": {
            "type": "string",
            "description": f"With grant_type={GRANT_TYPE}: what the `mfa_required` answer to a login carried; or, "
            "instead, a refresh_token, for a step-up of its session with the factor alone",
        },
        "otp": {
            "type": "string",
            "description": f"With grant_type={GRANT_TYPE}: the 6-digit code of the account's authenticator app",
        },
        "recovery_code": {
            "type": "string",
            "description": f"With grant_type={GRANT_TYPE}, instead of otp: one of the account's recovery codes",
        },
    },
    exchange=exchange,
)
