"""Error answers: RFC 6749 section 5.2 bodies for the token endpoint, plain JSON elsewhere."""

import logging

from fastapi import Request
from fastapi.exception_handlers import http_exception_handler
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from fastapi.routing import iter_route_contexts
from starlette.exceptions import HTTPException
from starlette.routing import Match
from structlog.contextvars import bind_contextvars
from tortoise.exceptions import OperationalError

from .database import UNREACHABLE, is_unreachable

logger = logging.getLogger(__name__)

# RFC 6749 section 5.1: token responses, errors included, must not be cached.
NO_STORE = {"Cache-Control": "no-store", "Pragma": "no-cache"}
RETRY_AFTER_OUTAGE_SECONDS = 5


class OAuthError(Exception):
    def __init__(
        self,
        error: str,
        description: str,
        status_code: int = 400,
        headers: dict[str, str] | None = None,
        extra: dict[str, object] | None = None,
    ) -> None:
        super().__init__(description)
        self.error = error
        self.description = description
        self.status_code = status_code
        self.headers = headers or {}
        # Members of the answer beside the two of RFC 6749 section 5.2 (what a client needs to go on).
        self.extra = extra or {}


async def oauth_error_handler(request: Request, exc: OAuthError) -> JSONResponse:
    return JSONResponse(
        {"error": exc.error, "error_description": exc.description, **exc.extra},
        status_code=exc.status_code,
        headers=NO_STORE | exc.headers,
    )


async def validation_error_handler(request: Request, exc: RequestValidationError) -> JSONResponse:
    # FastAPI's default echoes each rejected input back; a rejected password is one of them.
    problems = [{"loc": list(error["loc"]), "msg": error["msg"], "type": error["type"]} for error in exc.errors()]
    return JSONResponse({"detail": problems}, status_code=422)


async def method_not_allowed_handler(request: Request, exc: HTTPException) -> Response:
    # Starlette's Allow names the methods of the first route on the path only: GET /users/me
    # would hide PATCH /users/me. A route matching the path but not the method matches partially.
    allowed = {
        method
        for route in iter_route_contexts(request.app.routes)
        if hasattr(route, "matches") and route.matches(request.scope)[0] is not Match.NONE
        for method in route.methods or ()
    }
    headers = (exc.headers or {}) | {"Allow": ", ".join(sorted(allowed))}
    return await http_exception_handler(request, HTTPException(exc.status_code, exc.detail, headers))


async def database_error_handler(request: Request, exc: Exception) -> JSONResponse:
    if not is_unreachable(exc):
        raise exc  # a refused query is a bug: the 500 handler logs it
    # On the request's access line, and counted by metrics.py.
    bind_contextvars(database="unreachable")
    logger.warning("database unreachable on %s %s: %s", request.method, request.url.path, exc)
    return JSONResponse(
        {"detail": "The database is unavailable: try again shortly"},
        status_code=503,
        headers={"Retry-After": str(RETRY_AFTER_OUTAGE_SECONDS)},
    )


async def unexpected_error_handler(request: Request, exc: Exception) -> JSONResponse:
    logger.exception("unexpected error on %s %s", request.method, request.url.path)
    # Answered from outside every middleware: the request id is added here, for the client to quote.
    return JSONResponse(
        {"detail": "Internal server error"}, status_code=500, headers={"X-Request-ID": request.state.request_id}
    )


EXCEPTION_HANDLERS = {
    OAuthError: oauth_error_handler,
    RequestValidationError: validation_error_handler,
    405: method_not_allowed_handler,
    # Tortoise wraps some drivers' connection errors in its OperationalError, others pass through.
    **dict.fromkeys((*UNREACHABLE, OperationalError), database_error_handler),
    Exception: unexpected_error_handler,
}
