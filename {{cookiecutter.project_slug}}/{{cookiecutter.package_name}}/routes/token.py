"""POST /auth/token: the password grant (RFC 6749 section 4.3), the refresh grant (section 6), and
any grant an option adds (see grants.py)."""

import hashlib
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import UTC, datetime, timedelta
from urllib.parse import parse_qsl

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse

from .. import device_tokens, refresh_tokens
from ..devices import Device
from ..errors import NO_STORE, OAuthError
from ..events import LOGIN_FAILED, LOGIN_SUCCEEDED, REFRESH_REUSED, record_event, record_throttled
from ..extensions import Login, login_stages
from ..grants import extra_grants
from ..middleware import identify_login
from ..models import RefreshToken, User
from ..openapi import RETRY_AFTER, oauth_answer
from ..passwords import PasswordHasher
from ..schemas import TokenOut, is_username
from ..scopes import SCOPES, MalformedScopeError, parse_scope, unknown_scopes
from ..security import TOKEN_URL, AppSettings, Keys, Passwords
from ..settings import Settings
from ..signing import SigningKeys
from ..throttling import Throttled, limit_logins, limit_refreshes, password_check
from ..tokens import PASSWORD, issue_access_token

router = APIRouter(tags=["auth"])

FORM = "application/x-www-form-urlencoded"
PARAMETERS = ("grant_type", "username", "password", "scope", "refresh_token", "device_token")
MAX_PARAMETERS = 20
# How a grant is named as a login method (the others by their grant_type).
LOGIN_METHODS = {"refresh_token": "refresh"}

# One answer for a wrong password, an unknown user and a deactivated user alike.
INVALID_GRANT = OAuthError("invalid_grant", "The username or password is incorrect")


def form_body(required: list[str], properties: dict[str, dict]) -> dict:
    """OpenAPI for a form body that the route parses itself (so that every malformed request
    gets an RFC 6749 section 5.2 answer), for the documentation and Swagger."""
    # Other parameters are ignored (RFC 6749 section 3.2), but none may be repeated.
    schema = {
        "type": "object",
        "required": required,
        "properties": properties,
        "additionalProperties": {"type": "string"},
        "maxProperties": MAX_PARAMETERS,
    }
    return {"requestBody": {"required": True, "content": {FORM: {"schema": schema}}}}


REQUEST_BODY = form_body(
    ["grant_type"],
    {
        "grant_type": {"type": "string", "enum": ["password", "refresh_token"]},
        "username": {"type": "string", "description": "With grant_type=password"},
        "password": {"type": "string", "format": "password", "description": "With grant_type=password"},
        "refresh_token": {"type": "string", "description": "With grant_type=refresh_token"},
        "device_token": {
            "type": "string",
            "description": "With grant_type=password: the `device_token` an earlier password login to this account "
            "answered. Its wrong passwords are then limited on their own, and the account's lockout, which anyone "
            "can set off, does not hold it back; one that is not this account's, or expired, counts for nothing",
        },
        "scope": {
            "type": "string",
            "description": "Space-separated scopes; all held (or all the refresh token carries) if omitted",
        },
    },
)


async def read_form(request: Request, parameters: tuple[str, ...] = PARAMETERS) -> dict[str, str]:
    """The request's form `parameters`, held to RFC 6749 sections 3.2 and 4.3.2."""
    if request.headers.get("content-type", "").partition(";")[0].strip().lower() != FORM:
        raise OAuthError("invalid_request", f"The body must be {FORM}")
    try:
        body = (await request.body()).decode()
        pairs = parse_qsl(body, keep_blank_values=True, errors="strict", max_num_fields=MAX_PARAMETERS)
    except (UnicodeDecodeError, ValueError):
        raise OAuthError("invalid_request", "The body is not a valid form") from None
    names = [name for name, _ in pairs]
    if len(set(names)) != len(names):
        raise OAuthError("invalid_request", "A parameter is repeated")
    # A parameter sent without a value counts as omitted.
    return {name: value for name, value in pairs if value and name in parameters}


@router.post(
    TOKEN_URL,
    response_model=TokenOut,
    responses={
        400: oauth_answer("RFC 6749 section 5.2 error: `error` and `error_description`"),
{%- if cookiecutter.mfa != "none" %}
        403: oauth_answer(
            "`mfa_required`: the account asks for a second factor. The answer carries an `mfa_token`, which "
            "the mfa grant takes with a code, and the `mfa_methods` (space-separated: `otp`, `recovery_code`)"
        ),
{%- endif %}
        429: oauth_answer(
            "Too many failed logins for this account, address or device token, too many logins to this account, "
            "or too many refreshes of this session (`Retry-After` says for how long)",
            RETRY_AFTER,
        ),
    },
    openapi_extra=REQUEST_BODY,
)
async def issue_token(request: Request, settings: AppSettings, passwords: Passwords, keys: Keys) -> JSONResponse:
    """Exchange a username and password, or a refresh token, for an access token and a new refresh token."""
    extra = extra_grants(request.app)
    form = await read_form(request, (*PARAMETERS, *(name for grant in extra.values() for name in grant.parameters)))
    grant_type = form.get("grant_type")
    if grant_type is None:
        raise OAuthError("invalid_request", "grant_type is required")
    if grant_type in ("password", "refresh_token", *extra):
        identify_login(LOGIN_METHODS.get(grant_type, grant_type))
    if grant_type == "password":
        body = await password_grant(request, form, settings, passwords, keys)
    elif grant_type == "refresh_token":
        body = await refresh_grant(request, form, settings, keys)
    elif grant_type in extra:
        body = await extra[grant_type].exchange(request, form, settings, keys)
    else:
        *others, last = ["password", "refresh_token", *extra]
        raise OAuthError("unsupported_grant_type", f"grant_type must be {', '.join(others)} or {last}")
    return JSONResponse(body.model_dump(), headers=NO_STORE)


async def password_grant(
    request: Request, form: dict[str, str], settings: Settings, passwords: PasswordHasher, keys: SigningKeys
) -> TokenOut:
    if "username" not in form or "password" not in form:
        raise OAuthError("invalid_request", "username and password are required")
    requested = requested_scopes(form.get("scope"))
    username, password = form["username"], form["password"]
    async with (
        throttled_logins(request, settings, username, method="password"),
        password_check(settings, request, username, form.get("device_token")),
    ):
        # A name no one could have registered skips the lookup, never the password check.
        user = await User.by_username(username) if is_username(username) else None
        matches, new_hash = await passwords.verify(password, user.password_hash if user else None)
        if user is None or not matches or not user.is_active:
            # A name with no account has no trail to go in: the attempt counts in login_attempts only.
            if user is not None:
                await record_event(request, LOGIN_FAILED, user.id, method="password", reason=failure(user, matches))
            raise INVALID_GRANT

    granted = granted_scopes(user, requested)
    if new_hash:
        # Re-hashed at the new cost only if the password is still the one just checked.
        await User.filter(id=user.id, password_hash=user.password_hash).update(password_hash=new_hash)
    login = Login(user, granted, [PASSWORD], "password", with_device_token=True)
    await login_stages(request, login)
    return await signed_in(request, settings, keys, login)


async def signed_in(request: Request, settings: Settings, keys: SigningKeys, login: Login, **detail: str) -> TokenOut:
    """The end of a login every stage let through: its session and tokens, and its event (with
    `detail`, the factor a stage asked for, say)."""
    tokens = await log_in(
        settings, keys, login.user, login.granted, Device.of(request, settings), amr=login.amr, counted=login.counted
    )
    await record_event(request, LOGIN_SUCCEEDED, login.user.id, method=login.method, **detail)
    if login.with_device_token:
        # A new one at each login, whether or not the client sent one: the client keeps the newest.
        tokens = tokens.model_copy(update={"device_token": device_tokens.issue(settings, login.user)})
    return tokens


def failure(user: User, matches: bool) -> str:
    """Why a known user's password check failed, as its event says."""
    if user.password_hash is None:
        return "no_password"
    return "wrong_password" if not matches else "inactive"


@asynccontextmanager
async def throttled_logins(request: Request, settings: Settings, username: str, **detail: str) -> AsyncIterator[None]:
    """Around a password check: a refusal past the limits goes in the account's trail, if the name is one's."""
    try:
        yield
    except Throttled:
        user = await User.by_username(username) if is_username(username) else None
        if user is not None:
            await record_throttled(request, user.id, timedelta(seconds=settings.login_attempt_window_seconds), **detail)
        raise


async def refresh_grant(
    request: Request, form: dict[str, str], settings: Settings, keys: SigningKeys, retry_grace: timedelta | None = None
) -> TokenOut:
    """The refresh grant; with `retry_grace` (the account pages' cookie only, which asks no scope), see
    refresh_tokens.use_again."""
    if "refresh_token" not in form:
        raise OAuthError("invalid_request", "refresh_token is required")
    requested = requested_scopes(form.get("scope"))
    # Counted before the token is spent, so that a refused refresh leaves its session as it was.
    if session := await session_of(form["refresh_token"]):
        await limit_refreshes(settings, Device.of(request, settings).address, session)
    try:
        if retry_grace:
            spent = await refresh_tokens.use_again(settings, form["refresh_token"], retry_grace)
        else:
            spent = await refresh_tokens.use(settings, form["refresh_token"], requested)
        user = await User.get(id=spent.user_id)
        # A token spent while logout-all ran is of the old version: no successor for it.
        if not user.is_active or user.token_version != spent.token_version:
            raise refresh_tokens.UnusableRefreshToken
        # Scopes withdrawn from the user since the login are gone from here on.
        granted = granted_scopes(user, requested, within=spent.scope.split())
        issued = await refresh_tokens.issue(
            settings, user, spent.scope.split(), Device.of(request, settings), after=spent
        )
    except refresh_tokens.WiderScope as error:
        raise OAuthError("invalid_scope", f"A refresh cannot add scopes: {error}") from None
    except refresh_tokens.ReusedRefreshToken as reuse:
        # Once: a replay of a login already revoked tells its owner nothing new (and must not
        # let anyone holding the token mail them again and again).
        if reuse.revoked:
            await record_event(request, REFRESH_REUSED, reuse.token.user_id, session=reuse.token.family)
        raise OAuthError(
            "invalid_grant", "This refresh token was used before: every token of its login is now revoked"
        ) from None
    except refresh_tokens.UnusableRefreshToken:
        raise OAuthError("invalid_grant", "The refresh token is invalid, expired or revoked") from None
    return _tokens(settings, keys, user, granted, issued)


async def session_of(refresh_token: str) -> str | None:
    """The session (refresh token family) a refresh token is of, spent or not; None for an unknown one."""
    found = await RefreshToken.get_or_none(token_hash=hashlib.sha256(refresh_token.encode()).hexdigest())
    return found.family if found else None


def requested_scopes(scope: str | None) -> list[str]:
    """The `scope` parameter of a token request, every name registered."""
    try:
        requested = parse_scope(scope)
    except MalformedScopeError as error:
        raise OAuthError("invalid_scope", str(error)) from None
    if unknown := unknown_scopes(requested):
        raise OAuthError("invalid_scope", f"Unknown scope: {' '.join(unknown)}")
    return requested


def granted_scopes(user: User, requested: list[str], within: list[str] | None = None) -> list[str]:
    """The requested scopes the user holds, or all they hold when none is requested (of `within`, if given)."""
    held = [name for name in user.scopes if name in SCOPES and (within is None or name in within)]
    granted = [name for name in requested if name in held] if requested else held
    if requested and not granted:
        raise OAuthError("invalid_scope", "None of the requested scopes is granted to this user")
    return granted


async def log_in(
    settings: Settings,
    keys: SigningKeys,
    user: User,
    granted: list[str],
    device: Device,
    *,
    amr: list[str],
    auth_time: datetime | None = None,
    family: str | None = None,
    counted: bool = True,
) -> TokenOut:
    """Record the login and issue its tokens, a new refresh
    token family (named `family`, when the caller chose its id beforehand): a session, whose
    person proved who they are by `amr` (tokens.py names them) at `auth_time` (now by default);
    refused (429) past the account's logins per hour, unless not `counted`."""
    if counted:
        await limit_logins(settings, device.address, user.username)
    user.last_login_at = datetime.now(UTC)
    await user.save(update_fields=["last_login_at"])
    issued = await refresh_tokens.issue(settings, user, granted, device, amr=amr, auth_time=auth_time, family=family)
    return _tokens(settings, keys, user, granted, issued)


def _tokens(
    settings: Settings, keys: SigningKeys, user: User, granted: list[str], issued: tuple[str, RefreshToken]
) -> TokenOut:
    refresh_token, row = issued
    access_token, expires_in = issue_access_token(
        settings, keys, user.id, user.token_version, granted, row.family, row.auth_time, row.amr.split()
    )
    return TokenOut(
        access_token=access_token, expires_in=expires_in, scope=" ".join(granted), refresh_token=refresh_token
    )
