"""Leave for a provider and come back logged in, or with its account linked to yours."""

import re
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Annotated, Any
from urllib.parse import urlencode, urlsplit, urlunsplit

import httpx2
from authlib.integrations.base_client import OAuthError as ProviderError
from authlib.integrations.starlette_client import StarletteOAuth2App
from fastapi import APIRouter, Depends, FastAPI, HTTPException, Path, Query, Request, Response, status
from fastapi.responses import JSONResponse, RedirectResponse

from .. import sessions
from ..devices import Device
from ..errors import NO_STORE, OAuthError
from ..events import IDENTITY_LINKED, IDENTITY_UNLINKED, LOGIN_FAILED, LOGIN_SUCCEEDED, record_event
from ..extensions import Login, login_stages
from ..middleware import identify_login
from ..models import User
from ..openapi import RETRY_AFTER, Problem, oauth_answer
from ..routes.parameters import RowId
from ..routes.token import granted_scopes, log_in, requested_scopes
from ..scopes import SCOPES
from ..security import AccessClaims, AppSettings, CurrentUser, FreshUser, Keys
from ..settings import Settings
from ..signing import SigningKeys
from ..throttling import limit_per_address
from ..tokens import PROVIDER
from . import accounts, codes, states
from .clients import PROVIDER_NAMES, ProviderClients
from .models import URL_MAX_LENGTH, LoginState
from .provider import Profile, Provider, ProviderRefused, ProviderUnavailable
from .schemas import AuthorizationUrl, IdentityOut, MeOut

router = APIRouter(tags=["social login"])
# Routes of the account itself, listed with the other users routes (and under no second tag).
users_router = APIRouter(tags=["users"])

# What `next`, code_challenge and code_challenge_method accept depends on the settings: the
# OpenAPI document gets their schemas at start-up (accept_login_parameters, below), and the
# routes hold them to the same.
Next = Annotated[
    str | None,
    Query(
        max_length=URL_MAX_LENGTH,
        description="Where the browser lands afterwards: a path on FRONTEND_URL's origin, or a URL on it or on "
        "one of CORS_ORIGINS, written as a browser writes a URL (printable ASCII, the origin in lowercase)",
    ),
]
# A character of a URL as a browser writes one (anything else percent-encoded): printable ASCII
# but the space, and the backslash, which a browser reads as a slash.
URL_CHARACTER = r"[\x21-\x5b\x5d-\x7e]"
# The character after a path's first slash may not be a second one: //host names another origin.
PATH_SECOND_CHARACTER = r"[\x21-\x2e\x30-\x5b\x5d-\x7e]"
NEXT_REFUSED = "next must be a path, or a URL on FRONTEND_URL's origin or CORS_ORIGINS"
# What login_attempts counts a start as (see throttling.py).
SOCIAL_LOGIN_STARTED = "social_login"
QueryValue = Annotated[str | None, Query(max_length=URL_MAX_LENGTH)]
SCOPE_MAX_LENGTH = 1024
CodeChallenge = Annotated[
    str | None,
    Query(description="Required with FRONTEND_URL: BASE64URL(SHA-256(code_verifier)); keep the verifier for the code"),
]
CodeChallengeMethod = Annotated[str | None, Query(description="S256, with code_challenge")]
# Documented as the baked providers; another name is answered 404 in the RFC 6749 error shape.
ProviderName = Annotated[str, Path(json_schema_extra={"enum": list(PROVIDER_NAMES)})]
# What Authlib raises on a discovery document or token answer it cannot use: not JSON
# (ValueError), not an object (TypeError), or missing an endpoint (RuntimeError, KeyError).
UNUSABLE_DISCOVERY = (ValueError, TypeError, RuntimeError, KeyError)


class Deactivated(OAuthError):
    def __init__(self, user_id: int) -> None:
        super().__init__("access_denied", "This account is deactivated", 403)
        self.user_id = user_id


@dataclass(frozen=True)
class Chosen:
    provider: Provider
    client: StarletteOAuth2App


async def chosen_provider(provider: ProviderName, request: Request) -> Chosen:
    clients: ProviderClients = request.app.state.provider_clients
    if provider not in clients.providers:
        raise OAuthError("invalid_request", f"Unknown provider; this service offers: {', '.join(PROVIDER_NAMES)}", 404)
    chosen = clients.providers[provider]
    if provider not in clients.clients:
        raise OAuthError(
            "temporarily_unavailable", f"{chosen.label} login is not configured: set {chosen.setting_names}", 503
        )
    return Chosen(chosen, clients.clients[provider])


ChosenProvider = Annotated[Chosen, Depends(chosen_provider)]
# What every route of a provider may answer, besides its own.
PROVIDER_ANSWERS = {
    400: oauth_answer("RFC 6749 section 5.2 error: a parameter is refused"),
    404: oauth_answer("No such provider"),
    502: oauth_answer("The provider failed or could not be reached"),
    503: oauth_answer("This provider's login is not configured"),
}


@router.get(
    "/auth/{provider}/login",
    status_code=status.HTTP_302_FOUND,
    response_class=RedirectResponse,
    responses={
        **PROVIDER_ANSWERS,
        429: oauth_answer("Too many logins started from this address (`Retry-After` says for how long)", RETRY_AFTER),
    },
)
async def start_login(
    chosen: ChosenProvider,
    request: Request,
    settings: AppSettings,
    next: Next = None,
    scope: Annotated[
        str | None, Query(max_length=SCOPE_MAX_LENGTH, description="Space-separated; all held if omitted")
    ] = None,
    reauthenticate: Annotated[
        bool, Query(description="Have the person sign in again at the provider, for a login recent enough for a change")
    ] = False,
    code_challenge: CodeChallenge = None,
    code_challenge_method: CodeChallengeMethod = None,
) -> RedirectResponse:
    """Send the browser to the provider; it comes back to the callback, logged in."""
    requested = requested_scopes(scope)
    next_url = _allowed_next(request, settings, next)
    challenge = codes.login_challenge(settings, code_challenge, code_challenge_method)
    # Each start writes a login state: counted per client address.
    await limit_per_address(
        settings,
        request,
        SOCIAL_LOGIN_STARTED,
        settings.social_logins_per_address_per_hour,
        "Too many logins started from this address",
    )
    params = chosen.provider.reauthentication_params if reauthenticate else {}
    redirect_uri, authorization = await _authorization(chosen, request, **params)
    await states.remember(
        request,
        chosen.provider.name,
        redirect_uri,
        authorization,
        scope=" ".join(requested),
        next_url=next_url,
        reauthenticate=reauthenticate,
        code_challenge=challenge,
    )
    return RedirectResponse(authorization["url"], status_code=status.HTTP_302_FOUND)


@router.post("/auth/{provider}/link", responses=PROVIDER_ANSWERS)
async def start_link(
    chosen: ChosenProvider,
    request: Request,
    settings: AppSettings,
    user: FreshUser,
    access: AccessClaims,
    next: Next = None,
) -> AuthorizationUrl:
    """Where to send this browser to link a provider account to yours, with a recent login; the link
    works once, for a few minutes, while the session that started it lasts."""
    next_url = _allowed_next(request, settings, next)
    redirect_uri, authorization = await _authorization(chosen, request)
    await states.remember(
        request, chosen.provider.name, redirect_uri, authorization, user=user, session=access.session, next_url=next_url
    )
    return AuthorizationUrl(authorization_url=authorization["url"])


@router.get(
    "/auth/{provider}/callback",
    name="social_callback",
    responses={
        200: {"description": "Tokens (or the linked account) as JSON, when FRONTEND_URL is not set"},
        303: {
            "description": "To FRONTEND_URL (or `next`), with `code` (or `linked`) in the URL fragment; on a "
            "refusal, with `error` and `error_description` instead"
        },
        403: oauth_answer(
            "access_denied: the account is deactivated, sign-up is closed, or the link's session has ended"
        ),
        409: oauth_answer("access_denied: the email or the provider account belongs to another user"),
        **PROVIDER_ANSWERS,
    },
)
async def finish(
    chosen: ChosenProvider,
    request: Request,
    settings: AppSettings,
    keys: Keys,
    code: QueryValue = None,
    state: QueryValue = None,
    error: QueryValue = None,
) -> Response:
    """Where the provider sends the browser back: log in, sign up, or link."""
    label = chosen.provider.label
    login = None
    try:
        if error == "access_denied":
            raise OAuthError("access_denied", f"The login was cancelled at {label}")
        if error is not None:
            raise OAuthError("invalid_request", f"{label} did not authorize the login")
        if not code or not state:
            raise OAuthError("invalid_request", "The callback needs both code and state")
        login = await states.take(request, chosen.provider.name, state)
        if login is None:
            raise OAuthError(
                "invalid_request", "This login is unknown, already used, expired or from another browser: start again"
            )
        if login.user_id is None:
            identify_login("provider")
        profile = await _profile(chosen, login, code)
        if login.user_id is not None:
            return await _finish_link(chosen.provider, request, settings, login, profile)
        return await _finish_login(chosen.provider, request, settings, keys, login, profile)
    except OAuthError as refusal:
        if settings.frontend_url is None:
            raise
        # RFC 6749 section 4.1.2.1: the browser goes back to the app, which says what went wrong.
        landing = {"error": refusal.error, "error_description": refusal.description, **refusal.extra}
        return _land(settings, login, landing)


@users_router.get("/users/me")
async def read_me(user: CurrentUser) -> MeOut:
    """Your account, with the provider accounts linked to it."""
    return await MeOut.of_user(user)


@users_router.delete(
    "/users/me/identities/{identity_id}",
    status_code=status.HTTP_204_NO_CONTENT,
    responses={409: {"model": Problem, "description": "This is your only way to log in"}},
)
async def unlink(identity_id: RowId, user: FreshUser, request: Request) -> None:
    """Unlink one of your provider accounts, with a recent login, unless it is your only way to log in."""
    try:
        unlinked = await accounts.unlink(user, identity_id)
    except accounts.LastLoginMethod:
        raise HTTPException(
            status.HTTP_409_CONFLICT, detail="This is your only way to log in: set a password or link another first"
        ) from None
    if unlinked is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, detail="No such linked account")
    await record_event(request, IDENTITY_UNLINKED, user.id, provider=unlinked.provider)


async def _authorization(chosen: Chosen, request: Request, **params: str) -> tuple[str, dict]:
    redirect_uri = str(request.url_for("social_callback", provider=chosen.provider.name))
    if len(redirect_uri) > URL_MAX_LENGTH:
        raise OAuthError("invalid_request", "The Host header is too long for a callback URL")
    try:
        return redirect_uri, await chosen.client.create_authorization_url(redirect_uri, **params)
    except (httpx2.HTTPError, *UNUSABLE_DISCOVERY) as error:
        raise _unavailable(chosen.provider, error) from None


async def _profile(chosen: Chosen, login: LoginState, code: str) -> Profile:
    provider = chosen.provider
    try:
        token = await chosen.client.fetch_access_token(
            redirect_uri=login.redirect_uri, code=code, code_verifier=login.code_verifier
        )
        return await provider.fetch_profile(chosen.client, token, login.nonce)
    except ProviderError as error:
        raise OAuthError("invalid_grant", f"{provider.label} refused the login ({error.error})") from None
    except ProviderRefused as error:
        raise OAuthError("access_denied", str(error)) from None
    except (httpx2.HTTPError, ProviderUnavailable, *UNUSABLE_DISCOVERY) as error:
        raise _unavailable(provider, error) from None


def _unavailable(provider: Provider, error: Exception) -> OAuthError:
    if isinstance(error, httpx2.TimeoutException):
        problem = f"did not answer within {provider.timeout:g} seconds"
    elif isinstance(error, httpx2.TransportError):
        problem = "could not be reached"
    else:
        problem = "answered with an error"
    return OAuthError("temporarily_unavailable", f"{provider.label} {problem}: try again later", 502)


async def _finish_login(
    provider: Provider, request: Request, settings: Settings, keys: SigningKeys, login: LoginState, profile: Profile
) -> Response:
    if settings.frontend_url is not None and login.code_challenge is None:
        raise OAuthError("invalid_request", "This login was started without a code_challenge: start it again")
    auth_time = _signed_in_at(provider, login, profile)

    def admit(user: User) -> list[str]:
        if not user.is_active:
            raise Deactivated(user.id)
        return granted_scopes(user, login.scope.split())

    try:
        user, granted, linked = await accounts.user_for_login(
            request,
            provider.name,
            profile,
            link_by_verified_email=settings.link_accounts_by_verified_email,
            admit=admit,
        )
    except Deactivated as refused:
        await record_event(request, LOGIN_FAILED, refused.user_id, method=provider.name, reason="inactive")
        raise
    except accounts.SignupClosed:
        raise OAuthError(
            "access_denied",
            f"No account is linked to this {provider.label} account: log in another way and link it first",
            403,
        ) from None
    except accounts.EmailAlreadyUsed:
        raise OAuthError(
            "access_denied",
            f"An account already uses this email: log in to it, then link {provider.label} from there",
            409,
        ) from None
    except accounts.IdentityTaken:
        raise _identity_taken(provider) from None
    if linked:
        await record_event(request, IDENTITY_LINKED, user.id, provider=provider.name, by="verified_email")
    # Asked before any code or token is issued: a second factor, say.
    await login_stages(request, Login(user, granted, [PROVIDER], provider.name))
    # The person proved who they are at the provider: with FRONTEND_URL the tokens follow when
    # the frontend exchanges its code, a step that is not recorded again.
    await record_event(request, LOGIN_SUCCEEDED, user.id, method=provider.name)
    if settings.frontend_url is not None:
        return _land(settings, login, {"code": await codes.issue(user, granted, login.code_challenge, auth_time)})
    device = Device.of(request, settings)
    tokens = await log_in(settings, keys, user, granted, device, amr=[PROVIDER], auth_time=auth_time)
    return JSONResponse(tokens.model_dump(), headers=NO_STORE)


def _signed_in_at(provider: Provider, login: LoginState, profile: Profile) -> datetime:
    """When the person proved who they are: when the provider says they signed in, else now. A
    re-authentication must have signed in after it left for a provider that says when."""
    if login.reauthenticate and provider.reports_auth_time and not states.signed_in_since_start(login, profile):
        raise OAuthError("access_denied", f"{provider.label} did not have you sign in again: try again", 403)
    now = datetime.now(UTC)
    return min(profile.auth_time, now) if profile.auth_time else now


async def _finish_link(
    provider: Provider, request: Request, settings: Settings, login: LoginState, profile: Profile
) -> Response:
    user = await User.get_or_none(id=login.user_id)
    if user is None or not user.is_active:
        raise OAuthError("access_denied", "This account is deactivated", 403)
    if (
        user.token_version != login.token_version
        or login.session is None
        or not await sessions.is_live(settings, user.id, login.session)
    ):
        raise OAuthError(
            "access_denied", "The session that started this link has ended since: log in and link again", 403
        )
    try:
        identity, created = await accounts.link(request, user, provider.name, profile)
    except accounts.IdentityTaken:
        raise _identity_taken(provider) from None
    if created:
        await record_event(request, IDENTITY_LINKED, user.id, provider=provider.name)
    linked = IdentityOut.of(identity).model_dump(mode="json")
    return _answer(settings, login, linked, fragment={"linked": provider.name})


def _identity_taken(provider: Provider) -> OAuthError:
    return OAuthError("access_denied", f"This {provider.label} account is linked to another user", 409)


def _answer(settings: Settings, login: LoginState, body: dict, *, fragment: dict) -> Response:
    """JSON, or with FRONTEND_URL, the browser sent there (or to `next`) with `fragment`."""
    if settings.frontend_url is None:
        return JSONResponse(body, headers=NO_STORE)
    return _land(settings, login, fragment)


def _land(settings: Settings, login: LoginState | None, fragment: dict) -> Response:
    # The fragment stays in the browser: never sent to a server, logged or put in a Referer.
    target = urlsplit((login and login.next_url) or settings.frontend_url)._replace(fragment=urlencode(fragment))
    return RedirectResponse(urlunsplit(target), status_code=status.HTTP_303_SEE_OTHER, headers=NO_STORE)


def _allowed_next(request: Request, settings: Settings, next: str | None) -> str | None:
    """The absolute `next` target, refused unless it matches the pattern of trusted places (no open redirect)."""
    if next is None:
        return None
    if settings.frontend_url is None:
        raise OAuthError("invalid_request", "next needs FRONTEND_URL to be set")
    accepted: re.Pattern[str] | None = request.app.state.next_accepted
    if accepted is None or not accepted.fullmatch(next):
        raise OAuthError("invalid_request", NEXT_REFUSED)
    # A path lands on FRONTEND_URL's origin; the pattern left it room there (URL_MAX_LENGTH in all).
    return f"{_origin(settings.frontend_url)}{next}" if next.startswith("/") else next


def next_pattern(settings: Settings) -> str | None:
    """What `next` may be, as a regular expression that Python and ECMAScript (JSON Schema) read
    alike: a path, landing on FRONTEND_URL's origin, or a URL on that origin or on one of
    CORS_ORIGINS. None when nothing may: FRONTEND_URL is unset, or a path (this service, whose
    origin only the request tells) with no CORS_ORIGINS."""
    if settings.frontend_url is None:
        return None
    frontend = _origin(settings.frontend_url)
    alternatives = []
    if frontend is not None:
        # Short enough that the origin and the path together fit in the URL_MAX_LENGTH kept.
        rest = _at_most(URL_MAX_LENGTH - len(frontend) - 2)
        alternatives.append(f"/(?:{PATH_SECOND_CHARACTER}{URL_CHARACTER}{rest})?")
    origins = dict.fromkeys(origin for origin in (frontend, *map(_origin, settings.cors_origins)) if origin)
    if origins:
        # The origin ends where a path, a query or a fragment begins: never at a dot, @ or colon.
        alternatives.append(f"(?:{'|'.join(map(_literally, origins))})(?:[/?#]{URL_CHARACTER}*)?")
    return f"^(?:{'|'.join(alternatives)})$" if alternatives else None


def _at_most(count: int) -> str:
    """The quantifier for up to `count` of what precedes it."""
    return "{0," + str(count) + "}"


def _literally(text: str) -> str:
    """`text` as a regular expression matching itself, escaping only what both Python and
    ECMAScript's unicode mode take escaped (re.escape escapes more, which ECMAScript refuses)."""
    return re.sub(r"([\\^$.|?*+()\[\]{}])", r"\\\1", text)


def scope_pattern() -> str:
    """What the login's `scope` may be: registered scope names, separated by single spaces (or
    nothing, for all the user holds), as requested_scopes takes them. Only documented: an unknown
    or malformed scope is answered 400 invalid_scope (RFC 6749 section 5.2), not 422."""
    name = f"(?:{'|'.join(map(_literally, SCOPES))})"
    return f"^(?:{name}(?: {name})*)?$"


def accept_login_parameters(app: FastAPI, settings: Settings) -> None:
    """Hold `next` to next_pattern(settings), and have the OpenAPI document say exactly what the
    login and link starts accept under these settings (what is valid by it is taken, what is not is
    refused): `next` by its pattern, the PKCE challenge (codes.login_challenge) required with
    FRONTEND_URL, and `scope` by scope_pattern; a parameter refused whatever its value has a
    schema nothing matches."""
    refused: dict[str, Any] = {"not": {}}
    pattern = next_pattern(settings)
    app.state.next_accepted = re.compile(pattern) if pattern else None
    next_schema = {"type": "string", "maxLength": URL_MAX_LENGTH, "pattern": pattern} if pattern else refused
    if settings.frontend_url is None:
        challenge = method = {"required": False, "schema": refused}
    else:
        challenge = {"required": True, "schema": {"type": "string", "pattern": f"^{codes.CODE_CHALLENGE.pattern}$"}}
        method = {"required": True, "schema": {"type": "string", "enum": [codes.CODE_CHALLENGE_METHOD]}}
    # Each parameter's entry replaces what FastAPI wrote from the signature (`anyOf` a string or
    # null, which a query parameter never is).
    documented = {
        start_login: {
            "next": {"schema": next_schema},
            "scope": {"schema": {"type": "string", "maxLength": SCOPE_MAX_LENGTH, "pattern": scope_pattern()}},
            "code_challenge": challenge,
            "code_challenge_method": method,
        },
        start_link: {"next": {"schema": next_schema}},
    }
    build = app.openapi

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            document = build()
            for route in router.routes:
                if (parameters := documented.get(getattr(route, "endpoint", None))) is not None:
                    for operation in document["paths"][route.path_format].values():
                        for parameter in operation["parameters"]:
                            parameter.update(parameters.get(parameter["name"], {}))
        return app.openapi_schema

    app.openapi = openapi


def _origin(url: str) -> str | None:
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname or parts.username is not None:
        return None
    return f"{parts.scheme}://{parts.netloc}".lower()
