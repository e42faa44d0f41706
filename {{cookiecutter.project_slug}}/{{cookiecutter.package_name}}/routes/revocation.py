"""Ending sessions: one login (RFC 7009 revocation of its refresh token), or all of a user's."""

from fastapi import APIRouter, Request, Response, status

from .. import refresh_tokens
from ..errors import NO_STORE, OAuthError
from ..events import LOGGED_OUT_EVERYWHERE, SESSION_ENDED, record_event
from ..openapi import oauth_answer
from ..security import CurrentUser
from .token import form_body, read_form

router = APIRouter(tags=["auth"])

REVOCATION_URL = "/auth/revoke"

REQUEST_BODY = form_body(
    ["token"],
    {
        "token": {"type": "string", "minLength": 1, "description": "A refresh token"},
        "token_type_hint": {
            "type": "string",
            "description": "refresh_token or access_token; any other value is ignored (RFC 7009 section 2.1)",
        },
    },
)


@router.post(
    REVOCATION_URL,
    openapi_extra=REQUEST_BODY,
    # RFC 7009 section 2.2: the client reads only the status, so the 200 has no body.
    response_class=Response,
    responses={
        200: {"description": "Revoked, or unknown: an empty body"},
        400: oauth_answer("RFC 6749 section 5.2 error: the body is not a form, or has no token"),
    },
)
async def revoke(request: Request) -> Response:
    """Revoke a refresh token and every token of its login, its access tokens included. Anything
    else, an access token included, is answered 200 as RFC 7009 asks, and revokes nothing: an
    access token ends with its login, or with all of a user's at POST /auth/logout-all."""
    form = await read_form(request, ("token", "token_type_hint"))
    if "token" not in form:
        raise OAuthError("invalid_request", "token is required")
    if ended := await refresh_tokens.revoke(form["token"]):
        await record_event(request, SESSION_ENDED, ended.user_id, session=ended.family)
    return Response(status_code=status.HTTP_200_OK, headers=NO_STORE)


@router.post("/auth/logout-all", status_code=status.HTTP_204_NO_CONTENT)
async def log_out_everywhere(user: CurrentUser, request: Request) -> None:
    """End every session of yours: every refresh token, and every access token issued until now."""
    await refresh_tokens.log_out_everywhere(user.id)
    await record_event(request, LOGGED_OUT_EVERYWHERE, user.id)
