"""Who is calling: bearer tokens checked against the scopes each route names (RFC 6750)."""

from typing import Annotated

from fastapi import Depends, HTTPException, Request, Security, status
from fastapi.security import OAuth2PasswordBearer, SecurityScopes

from .lookups import Lookup
from .models import User
from .passwords import PasswordHasher
from .scopes import SCOPES
from .settings import Settings
from .signing import SigningKeys
from .tokens import InvalidTokenError, verified_access_token

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
    # Looked up on every request so that deactivating a user, or logging them out
    # everywhere, takes effect at once.
    user = await USER_BY_ID.first(access.user_id)
    if user is None or not user.is_active or user.token_version != access.token_version:
        raise _invalid_token()
    # A scope withdrawn since the token was issued no longer counts either.
    held = access.scopes.intersection(user.scopes)
    if not held.issuperset(security_scopes.scopes):
        raise HTTPException(
            status.HTTP_403_FORBIDDEN,
            detail=f"This needs the scope: {security_scopes.scope_str}",
            headers={"WWW-Authenticate": f'Bearer error="insufficient_scope", scope="{security_scopes.scope_str}"'},
        )
    return user


CurrentUser = Annotated[User, Security(current_user, scopes=["me"])]
UserReader = Annotated[User, Security(current_user, scopes=["users:read"])]
UserWriter = Annotated[User, Security(current_user, scopes=["users:write"])]
