"""How the pages hold a login. The refresh token lives in an HttpOnly cookie that no script can
read; POST /account/session spends it (or a password{% if cookiecutter.social_login != "none" %}, or a provider login's code{% endif %}) for a
short-lived access token that the page's script keeps in memory and sends as a bearer token.
{%- if cookiecutter.mfa != "none" %}
A sign-in to an account with a second factor is answered `mfa_required` with an `mfa_token`, as
at POST /auth/token; the page then asks for a code and sends both here (grant_type=mfa). An
emailed link's sign-in is answered `mfa_required` alone: the page sends the link again with the code.
{%- endif %}
A password sign-in also leaves a device token (device_tokens.py) in a long-lived HttpOnly cookie,
which the next password sign-in on this browser sends along.
Only the pages' own scripts can call it: see "Account pages" in the README."""

{% if cookiecutter.social_login != "none" %}import base64
import hashlib
import secrets
{% endif %}from datetime import timedelta
from typing import Annotated, Literal
{%- if cookiecutter.social_login != "none" %}
from urllib.parse import urlencode
{%- endif %}

from fastapi import APIRouter, Depends, HTTPException, Request, Response, status
from fastapi.responses import JSONResponse{% if cookiecutter.social_login != "none" %}, RedirectResponse{% endif %}
from pydantic import BaseModel, StringConstraints

from .. import refresh_tokens
from ..device_tokens import DEVICE_TOKEN_DAYS
from ..devices import opened_for
from ..errors import NO_STORE, OAuthError, oauth_error_handler
{%- if cookiecutter.social_login != "none" or cookiecutter.mfa != "none" %}
from ..grants import extra_grants
{%- endif %}
{%- if cookiecutter.email != "none" %}
from ..mail.routes import reset_and_sign_in, undo_and_sign_in
{%- endif %}
{%- if cookiecutter.mfa != "none" %}
from ..mfa.logins import GRANT_TYPE as MFA_GRANT_TYPE
{%- endif %}
from ..models import Client
{%- if cookiecutter.email != "none" %}
from ..passwords import check_password_policy
{%- endif %}
from ..routes.token import password_grant, refresh_grant
from ..schemas import StrictBody, TokenOut
from ..security import AppSettings, Keys, Passwords
from ..settings import Settings
{%- if cookiecutter.social_login != "none" %}
from ..social.clients import PROVIDER_NAMES
{%- endif %}
from ..throttling import Throttled

router = APIRouter(include_in_schema=False)

SESSION_URL = "/account/session"
# A header that no form, link or image of another site can send; a script of another origin
# would have to ask first (a CORS preflight), and this service never allows it.
PAGES_HEADER = "X-Account-Pages"
REFRESH_COOKIE = "account_refresh"
# Kept through sign-outs: it proves that this browser signed in to the account before, nothing more.
DEVICE_COOKIE = "account_device"
DEVICE_COOKIE_MAX_AGE = DEVICE_TOKEN_DAYS * 24 * 60 * 60
# All the pages call needs: an admin signed in on them holds no admin token in a browser tab.
PAGES_SCOPE = "me"
# A reload cancels the page's refresh in flight: when the server had already rotated the cookie,
# the browser never stores the new one and presents the spent one again on the next load. Within
# this long, and only while its successor is unused, that is taken for such a retry rather than a
# theft (refresh_tokens.use_again), for the sessions these pages opened alone: neither the API's
# refresh grant nor a session the API opened, its token presented here, has such a grace.
REFRESH_RETRY_GRACE = timedelta(seconds=10)
{%- if cookiecutter.social_login != "none" %}
# The PKCE verifier of a provider login on its way, for the code it comes back with.
LOGIN_COOKIE = "account_login"
LOGIN_COOKIE_MAX_AGE = 10 * 60
{%- endif %}

Text = Annotated[str, StringConstraints(max_length=1024)]
{%- if cookiecutter.email != "none" %}
# The emailed links that sign in whoever follows them with a new password.
LINK_GRANTS = {"reset_password": reset_and_sign_in, "undo_email_change": undo_and_sign_in}
{%- endif %}


class SessionRequest(StrictBody):
    grant_type: Literal["password", "refresh_token"{% if cookiecutter.social_login != "none" %}, "authorization_code"{% endif %}{% if cookiecutter.email != "none" %}, "reset_password", "undo_email_change"{% endif %}{% if cookiecutter.mfa != "none" %}, "mfa"{% endif %}]
    username: Text | None = None
    password: Text | None = None
{%- if cookiecutter.social_login != "none" %}
    code: Text | None = None
{%- endif %}
{%- if cookiecutter.email != "none" %}
    # An emailed link's, which signs in whoever follows it (see mail/routes.py).
    token: Text | None = None
{%- endif %}
{%- if cookiecutter.mfa != "none" %}
    # The second step of a sign-in: what its first step's mfa_required answer carried, and a factor.
    mfa_token: Text | None = None
    otp: Text | None = None
    recovery_code: Text | None = None
{%- endif %}


class PageToken(BaseModel):
    """The access token alone: the refresh token stays in its cookie."""

    access_token: str
    token_type: str = "bearer"
    expires_in: int
    scope: str


def cookie_name(settings: Settings, name: str) -> str:
    # __Host-: sent over HTTPS only, for this host alone and every path, so that neither a sibling
    # subdomain nor a plain-HTTP page can plant one. Plain HTTP in development has no such cookies.
    return name if settings.environment == "development" else f"__Host-{name}"


def _set_cookie(
    answer: Response, settings: Settings, name: str, value: str, max_age: int, same_site: Literal["strict", "lax"]
) -> None:
    answer.set_cookie(
        cookie_name(settings, name),
        value,
        max_age=max_age,
        path="/",
        secure=settings.environment != "development",
        httponly=True,
        samesite=same_site,
    )


def _forget(answer: Response, settings: Settings, name: str) -> None:
    answer.delete_cookie(
        cookie_name(settings, name),
        path="/",
        secure=settings.environment != "development",
        httponly=True,
        samesite="strict",
    )


async def from_own_pages(request: Request) -> None:
    """Refuse what another site's page sent: a browser always names the origin of a script's
    POST or DELETE, and only this service's pages add PAGES_HEADER."""
    own_origin = f"{request.url.scheme}://{request.url.netloc}".lower()
    if request.headers.get("origin", "").lower() != own_origin or request.headers.get(PAGES_HEADER) != "1":
        raise HTTPException(status.HTTP_403_FORBIDDEN, detail="Only this service's own pages may do this")


@router.post(SESSION_URL, dependencies=[Depends(from_own_pages)])
async def open_session(
    body: SessionRequest, request: Request, settings: AppSettings, passwords: Passwords, keys: Keys
) -> Response:
    """Sign in (a password{% if cookiecutter.social_login != "none" %} or a provider login's code{% endif %}{% if cookiecutter.mfa != "none" %}, then a second factor if asked{% endif %}), or go on signed in (the refresh cookie).
    A browser that holds no refresh cookie at all is signed out: 204, nothing to go on with."""
    held = request.cookies.get(cookie_name(settings, REFRESH_COOKIE))
    if body.grant_type == "refresh_token" and held is None:
        # Every signed-out visit to the account page asks: a refusal would be logged by the
        # browser as an error each time. With no cookie there is nothing to refuse or forget.
        return Response(status_code=status.HTTP_204_NO_CONTENT, headers=NO_STORE)
    opened_for(request, Client.PAGES)
    try:
        tokens = await _grant(body, request, settings, passwords, keys, held)
    except OAuthError as error:
        answer = await oauth_error_handler(request, error)
        if body.grant_type == "refresh_token" and held is not None and not isinstance(error, Throttled):
            # Only the cookie this request presented, refused, goes (an empty one too); one
            # refused for now, too many refreshes, is unspent and goes on later.
            _forget(answer, settings, REFRESH_COOKIE)
    else:
        if held and body.grant_type != "refresh_token":
            # A new sign-in (a re-authentication too) replaces this browser's previous session.
            await refresh_tokens.revoke(held)
        page_token = PageToken(**tokens.model_dump(exclude={"refresh_token", "token_type", "device_token"}))
        answer = JSONResponse(page_token.model_dump(), headers=NO_STORE)
        max_age = settings.refresh_token_days * 24 * 60 * 60
        _set_cookie(answer, settings, REFRESH_COOKIE, tokens.refresh_token, max_age, "strict")
        if tokens.device_token:
            _set_cookie(answer, settings, DEVICE_COOKIE, tokens.device_token, DEVICE_COOKIE_MAX_AGE, "strict")
{%- if cookiecutter.social_login != "none" %}
    if body.grant_type == "authorization_code":
        _forget(answer, settings, LOGIN_COOKIE)
{%- endif %}
    return answer


async def _grant(
    body: SessionRequest,
    request: Request,
    settings: Settings,
    passwords: Passwords,
    keys: Keys,
    held: str | None,
) -> TokenOut:
    if body.grant_type == "password":
        given = {
            "username": body.username,
            "password": body.password,
            "scope": PAGES_SCOPE,
            "device_token": request.cookies.get(cookie_name(settings, DEVICE_COOKIE)),
        }
        form = {name: value for name, value in given.items() if value}
        return await password_grant(request, form, settings, passwords, keys)
{%- if cookiecutter.email != "none" %}
    if body.grant_type in LINK_GRANTS:
        if not body.token or not body.password:
            raise OAuthError("invalid_request", "The link's token and a new password are required")
        try:
            check_password_policy(body.password)
        except ValueError as broken:
            raise OAuthError("invalid_request", f"The new password {broken}") from None
        follow = LINK_GRANTS[body.grant_type]
{%- if cookiecutter.mfa != "none" %}
        # The link does nothing before the account's second factor, which comes with it (see mail/routes.py).
        given = {"otp": body.otp, "recovery_code": body.recovery_code}
        factor = {name: value for name, value in given.items() if value}
        return await follow(request, settings, passwords, keys, body.token, body.password, [PAGES_SCOPE], factor)
{%- else %}
        return await follow(request, settings, passwords, keys, body.token, body.password, [PAGES_SCOPE])
{%- endif %}
{%- endif %}
{%- if cookiecutter.social_login != "none" %}
    if body.grant_type == "authorization_code":
        verifier = request.cookies.get(cookie_name(settings, LOGIN_COOKIE))
        if not verifier or not body.code:
            raise OAuthError(
                "invalid_grant", "This sign-in was started in another browser or too long ago: start again"
            )
        # The grant the social login option plugs into POST /auth/token.
        exchange = extra_grants(request.app)["authorization_code"].exchange
        return await exchange(request, {"code": body.code, "code_verifier": verifier}, settings, keys)
{%- endif %}
{%- if cookiecutter.mfa != "none" %}
    if body.grant_type == "mfa":
        # With the pages' scope alone, whichever client's login it finishes.
        given = {
            "mfa_token": body.mfa_token,
            "otp": body.otp,
            "recovery_code": body.recovery_code,
            "scope": PAGES_SCOPE,
        }
        # The grant the mfa option plugs into POST /auth/token, which tells what is missing.
        finish = extra_grants(request.app)[MFA_GRANT_TYPE].exchange
        return await finish(request, {name: value for name, value in given.items() if value}, settings, keys)
{%- endif %}
    if not held:
        raise OAuthError("invalid_grant", "You are not signed in")
    return await refresh_grant(request, {"refresh_token": held}, settings, keys, retry_grace=REFRESH_RETRY_GRACE)


@router.delete(SESSION_URL, status_code=status.HTTP_204_NO_CONTENT, dependencies=[Depends(from_own_pages)])
async def close_session(request: Request, settings: AppSettings) -> Response:
    """Sign this browser out: its session ends, and its cookie goes."""
    held = request.cookies.get(cookie_name(settings, REFRESH_COOKIE))
    if held:
        await refresh_tokens.revoke(held)
    answer = Response(status_code=status.HTTP_204_NO_CONTENT, headers=NO_STORE)
    _forget(answer, settings, REFRESH_COOKIE)
    return answer
{%- if cookiecutter.social_login != "none" %}


@router.get("/account/sign-in/{provider}")
async def start_provider_login(
    provider: Literal[PROVIDER_NAMES], settings: AppSettings, reauthenticate: bool = False
) -> RedirectResponse:
    """Leave for the provider with a fresh PKCE challenge, its verifier kept in an HttpOnly cookie
    for the code the browser lands with (on FRONTEND_URL, the account page by default)."""
    verifier = secrets.token_urlsafe(48)
    challenge = base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest()).rstrip(b"=").decode()
    params = {"code_challenge": challenge, "code_challenge_method": "S256", "scope": PAGES_SCOPE}
    if reauthenticate:
        params["reauthenticate"] = "true"
    answer = RedirectResponse(f"/auth/{provider}/login?{urlencode(params)}", status_code=status.HTTP_303_SEE_OTHER)
    # Lax: the cookie must come along when the provider sends the browser back, a cross-site navigation.
    _set_cookie(answer, settings, LOGIN_COOKIE, verifier, LOGIN_COOKIE_MAX_AGE, "lax")
    return answer
{%- endif %}
