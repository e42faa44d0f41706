"""Pure ASGI middleware: a request id and an access line for every request, start-up failures
told in one line, and development kept to this machine."""

import logging
import re
import uuid
from ipaddress import ip_address
from time import perf_counter

from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send
from structlog.contextvars import bind_contextvars, clear_contextvars

from .settings import ConfigurationError
from .throttling import TrustedProxies, _is_trusted, client_address

REQUEST_ID_HEADER = "X-Request-ID"
# Ids that a trusted proxy may pass on: UUIDs, trace ids; nothing that could break a log line.
WELL_FORMED_REQUEST_ID = re.compile(r"[A-Za-z0-9._:=+/-]{1,128}")

access_log = logging.getLogger(f"{__package__}.access")


def identify_user(user_id: int) -> None:
    """Name the user on the request's remaining log lines and on its access line."""
    bind_contextvars(user_id=user_id)


def identify_login(method: str) -> None:
    """Say, on the request's remaining log lines, that it is a login, and how: password, refresh,
    authorization_code or provider (metrics.py counts logins by it)."""
    bind_contextvars(login=method)


class RequestContext:
    """Gives every request an id, in its `X-Request-ID` header and on each of its log lines,
    and writes its access line: method, path (never the query string), route, status, duration."""

    def __init__(self, app: ASGIApp, trusted_proxies: TrustedProxies) -> None:
        self.app = app
        self.trusted_proxies = trusted_proxies

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        request = Request(scope)
        request_id = self._request_id(request)
        # Read by the 500 handler, which answers from outside every middleware.
        request.state.request_id = request_id
        # Each request runs in a task, with a copy of the context, of its own: nothing to undo.
        clear_contextvars()
        bind_contextvars(request_id=request_id)
        started = perf_counter()
        status = 500
        logged = False

        def log_access() -> None:
            nonlocal logged
            logged = True
            route = scope.get("route")
            access_log.info(
                "%s %s %s",
                scope["method"],
                scope["path"],
                status,
                extra={
                    "method": scope["method"],
                    "path": scope["path"],
                    "route": getattr(route, "path", None),
                    "status": status,
                    "duration_ms": round((perf_counter() - started) * 1000, 1),
                    "client": client_address(request, self.trusted_proxies),
                },
            )

        async def send_with_id(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
                message["headers"] = [*message.get("headers", []), (b"x-request-id", request_id.encode())]
            elif message["type"] == "http.response.body" and not message.get("more_body", False):
                # Before the answer's end leaves: a client holding its answer finds the line written.
                log_access()
            await send(message)

        try:
            await self.app(scope, receive, send_with_id)
        finally:
            if not logged:  # no answer sent: an error, answered from outside, or a client gone
                log_access()

    def _request_id(self, request: Request) -> str:
        """The proxy's id when a trusted proxy sent a well-formed one (so that its lines and ours
        match), else a new one: anyone else could pick ids that tangle the logs."""
        given = request.headers.get(REQUEST_ID_HEADER, "")
        peer = request.client.host if request.client else ""
        if _is_trusted(peer, self.trusted_proxies) and WELL_FORMED_REQUEST_ID.fullmatch(given):
            return given
        return uuid.uuid4().hex


class OneLineStartupErrors:
    """A ConfigurationError raised at start-up (a database that does not exist, refused
    credentials) reaches uvicorn as its message alone, not as a traceback."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "lifespan":
            await self.app(scope, receive, send)
            return
        failure: Message | None = None

        async def hold_failure(message: Message) -> None:
            nonlocal failure
            if message["type"] == "lifespan.startup.failed":
                failure = message  # Starlette raises the error right after: sent below
                return
            await send(message)

        try:
            await self.app(scope, receive, hold_failure)
        except BaseException as error:
            if failure is not None:
                await send(failure | {"message": str(error)} if isinstance(error, ConfigurationError) else failure)
            raise


# What a proxy adds: a request that carries one came through something, from somewhere else.
FORWARDING_HEADERS = {b"forwarded", b"x-forwarded-for", b"x-forwarded-host", b"x-real-ip", b"via"}


class ThisMachineAlone:
    """In development (cookies without `Secure`, http:// origins trusted, emails in the log) the service
    answers its own machine alone: a copy deployed with the development `.env` refuses its first
    outside request rather than serving the world that way. A request from another address, or one
    a proxy passed on (its forwarding headers say so), is refused; a proxy on this machine that
    says nothing cannot be told from a local client."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] not in ("http", "websocket") or _from_this_machine(scope):
            await self.app(scope, receive, send)
        elif scope["type"] == "websocket":
            await send({"type": "websocket.close", "code": 1008})
        else:
            refusal = JSONResponse(
                {"detail": "In development this service answers its own machine alone"}, status_code=403
            )
            await refusal(scope, receive, send)


def _from_this_machine(scope: Scope) -> bool:
    if any(name in FORWARDING_HEADERS for name, _ in scope["headers"]):
        return False
    client = scope.get("client")
    if client is None:  # a Unix socket: a process of this machine
        return True
    try:
        address = ip_address(client[0])
    except ValueError:
        return False
    return (getattr(address, "ipv4_mapped", None) or address).is_loopback
