"""The baked app with one route a team would add: it depends on `current_user` alone and returns
a constant, so what it costs beyond `GET /health` is the guard itself. And the same app without
the middleware that every request passes through, to tell what that costs."""

from accounts_service.main import create_app as create_baked_app
from accounts_service.metrics import MeasureRequests
from accounts_service.middleware import RequestContext
from accounts_service.security import CurrentUser
from fastapi import FastAPI

# Request ids and access lines; metrics.
EVERY_REQUEST = (RequestContext, MeasureRequests)


def create_app() -> FastAPI:
    app = create_baked_app()

    @app.get("/bench/guarded")
    async def guarded(_: CurrentUser) -> dict[str, str]:
        return {"status": "ok"}

    return app


def create_bare_app() -> FastAPI:
    app = create_app()
    # Starlette builds the middleware stack from this list at the first request, not before.
    app.user_middleware = [middleware for middleware in app.user_middleware if middleware.cls not in EVERY_REQUEST]
    return app
