"""The baked app with one route a team would add: it depends on `current_user` alone and returns
a constant, so what it costs beyond `GET /health` is the guard itself."""

from accounts_service.main import create_app as create_baked_app
from accounts_service.security import CurrentUser
from fastapi import FastAPI


def create_app() -> FastAPI:
    app = create_baked_app()

    @app.get("/bench/guarded")
    async def guarded(_: CurrentUser) -> dict[str, str]:
        return {"status": "ok"}

    return app
