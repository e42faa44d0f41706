"""Who is calling: bearer tokens checked against the scopes each route names (RFC 6750)."""

import time
from typing import Annotated

from fastapi import Depends, HTTPException, Request, Security, status
from fastapi.security import OAuth2PasswordBearer, SecurityScopes

from . import sessions
from .extensions import multi_factor_scopes
from .lookups import Lookup
from .middleware import identify_user
from .models import User
from .passwords import PasswordHasher
from .scopes import SCOPES
from .settings import Settings
from .signing import SigningKeys
from .tokens import MULTI_FACTOR, MULTI_FACTOR_ACR, AccessToken, InvalidTokenError, verified_access_token

TOKEN_URL = "/auth/token"

oauth2_scheme = OAuth2PasswordBearer(tokenUrl=TOKEN_URL, scopes=SCOPES)
USER_BY_ID = Lookup(lambda user_id: User.filter(id=user_id))


# These are async only so that FastAPI calls them in place: a plain def would cost a hop to a
# worker thread on every request (see bench/ in the template).
async def get_settings(request: Request) -> Settings:
    return request.app.state.settings


async def get_password_hasher(request: Request) -> PasswordHasher:
    return request.app.state.password_hasher


async def get_signing_keys(request: Request) -> SigningKeys:
    return request.app.state.signing_keys


AppSettings = Annotated[Settings, Depends(get_settings)]
Passwords = Annotated[PasswordHasher, Depends(get_password_hasher)]
Keys = Annotated[SigningKeys, Depends(get_signing_keys)]


def _invalid_token() -> HTTPException:
    return HTTPException(
        status.HTTP_401_UNAUTHORIZED,
        detail="The access token is invalid or expired",
        headers={"WWW-Authenticate": 'Bearer error="invalid_token"'},
    )


async def current_user(
    security_scopes: SecurityScopes, token: Annotated[str, Depends(oauth2_scheme)], request: Request
) -> User:
    # The app's settings and keys read in place: as dependencies of their own they would cost
    # more than the user lookup on every guarded request.
    state = request.app.state
    try:
        access = verified_access_token(state.settings, state.signing_keys, token)
    except InvalidTokenError:
        raise _invalid_token() from None
    # Looked up on every request, in one query with the token's session, so that deactivating a
    # user, logging them out everywhere or ending the session takes effect at once.
    if access.session is None:
        # A token from before tokens carried their session (tokens.py): its user alone is checked,
        # and it is never recent enough for a step-up (require_recent_login).
        user = await USER_BY_ID.first(access.user_id)
    else:
        user = await sessions.user_in_live_session(state.settings, access.user_id, access.session)
    if user is None or not user.is_active or user.token_version != access.token_version:
        raise _invalid_token()
    identify_user(user.id)
    # A scope withdrawn since the token was issued no longer counts either.
    held = access.scopes.intersection(user.scopes)
    if not held.issuperset(security_scopes.scopes):
        raise HTTPException(
            status.HTTP_403_FORBIDDEN,
            detail=f"This needs the scope: {security_scopes.scope_str}",
            headers={"WWW-Authenticate": f'Bearer error="insufficient_scope", scope="{security_scopes.scope_str}"'},
        )
    if not multi_factor_scopes(request.app).isdisjoint(security_scopes.scopes):
        require_multi_factor(access)
    return user


CurrentUser = Annotated[User, Security(current_user, scopes=["me"])]
UserReader = Annotated[User, Security(current_user, scopes=["users:read"])]
UserWriter = Annotated[User, Security(current_user, scopes=["users:write"])]


async def access_claims(
    token: Annotated[str, Depends(oauth2_scheme)], settings: AppSettings, keys: Keys
) -> AccessToken:
    """The caller's token, decoded, for a route that needs its session or auth_time; the route
    takes CurrentUser too, which decodes it again and checks it against the user (microseconds,
    on the few routes that need this)."""
    try:
        return verified_access_token(settings, keys, token)
    except InvalidTokenError:
        raise _invalid_token() from None


AccessClaims = Annotated[AccessToken, Depends(access_claims)]


async def require_recent_login(user: User, access: AccessToken, settings: Settings) -> None:
    """RFC 9470 step-up: the token must name its session (which current_user, that gave `user`,
    found live) and its login (auth_time) be within REAUTH_MINUTES; a refresh does not make it
    recent, logging in again does."""
    if access.session is None:
        raise _invalid_token()
    max_age = settings.reauth_minutes * 60
    if access.auth_time is None or time.time() - access.auth_time > max_age:
        description = f"This needs a login within the last {settings.reauth_minutes} minutes: log in again"
        raise _step_up(description, max_age=str(max_age))


def require_multi_factor(access: AccessToken) -> None:
    """RFC 9470 step-up: the token's login must have used more than one factor."""
    if MULTI_FACTOR not in access.amr:
        description = "This needs a login with a second factor: set one up if you have none, and log in again with it"
        raise _step_up(description, acr_values=MULTI_FACTOR_ACR)


def _step_up(description: str, **parameters: str) -> HTTPException:
    challenge = "".join(f', {name}="{value}"' for name, value in parameters.items())
    return HTTPException(
        status.HTTP_401_UNAUTHORIZED,
        detail=description,
        headers={
            "WWW-Authenticate": f'Bearer error="insufficient_user_authentication", '
            f'error_description="{description}"{challenge}'
        },
    )


async def fresh_user(user: Annotated[User, Depends(current_user)], access: AccessClaims, settings: AppSettings) -> User:
    """current_user, for a change a stolen token must not make: with a recent login only."""
    await require_recent_login(user, access, settings)
    return user


# The scopes named here reach current_user through fresh_user.
FreshUser = Annotated[User, Security(fresh_user, scopes=["me"])]
