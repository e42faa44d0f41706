"""POST /auth/token: the OAuth2 resource owner password grant (RFC 6749 section 4.3)."""

from datetime import UTC, datetime
from typing import Annotated

from fastapi import APIRouter, Form
from fastapi.responses import JSONResponse

from ..errors import NO_STORE, OAuthError
from ..models import User
from ..schemas import TokenOut
from ..scopes import SCOPES, parse_scope, unknown_scopes
from ..security import TOKEN_URL, AppSettings, Passwords
from ..tokens import issue_access_token

router = APIRouter(tags=["auth"])

OptionalField = Annotated[str | None, Form()]

# One answer for a wrong password, an unknown user and a deactivated user alike.
INVALID_GRANT = OAuthError("invalid_grant", "The username or password is incorrect")


@router.post(
    TOKEN_URL,
    response_model=TokenOut,
    responses={400: {"description": "RFC 6749 section 5.2 error: `error` and `error_description`"}},
)
async def issue_token(
    settings: AppSettings,
    passwords: Passwords,
    grant_type: OptionalField = None,
    username: OptionalField = None,
    password: OptionalField = None,
    scope: OptionalField = None,
) -> JSONResponse:
    """Exchange a username and password for an access token carrying the granted scopes."""
    if not grant_type:
        raise OAuthError("invalid_request", "grant_type is required")
    if grant_type != "password":
        raise OAuthError("unsupported_grant_type", "Only grant_type=password is supported")
    if not username or not password:
        raise OAuthError("invalid_request", "username and password are required")
    requested = parse_scope(scope)
    if unknown := unknown_scopes(requested):
        raise OAuthError("invalid_scope", f"Unknown scope: {' '.join(unknown)}")

    user = await User.by_username(username)
    matches, new_hash = await passwords.verify(password, user.password_hash if user else None)
    if user is None or not matches or not user.is_active:
        raise INVALID_GRANT

    held = [name for name in user.scopes if name in SCOPES]
    granted = [name for name in requested if name in held] if requested else held
    if requested and not granted:
        raise OAuthError("invalid_scope", "None of the requested scopes is granted to this user")

    user.last_login_at = datetime.now(UTC)
    changed = ["last_login_at"]
    if new_hash:
        user.password_hash = new_hash
        changed.append("password_hash")
    await user.save(update_fields=changed)

    access_token, expires_in = issue_access_token(settings, user.id, granted)
    body = TokenOut(access_token=access_token, expires_in=expires_in, scope=" ".join(granted))
    return JSONResponse(body.model_dump(), headers=NO_STORE)
