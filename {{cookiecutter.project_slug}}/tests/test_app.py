"""The application as a whole: health, OpenAPI, start-up checks, errors, the event loop."""

import asyncio

import httpx2
import pytest
from fastapi import APIRouter, Security

from {{ cookiecutter.package_name }}.main import create_app
from {{ cookiecutter.package_name }}.passwords import PasswordHasher
from {{ cookiecutter.package_name }}.scopes import SCOPES, UnregisteredScopeError
from {{ cookiecutter.package_name }}.security import current_user

from .conftest import PASSWORD


async def test_health(client):
    response = await client.get("/health")

    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


async def test_openapi_offers_the_password_flow_with_every_scope(client):
    schema = (await client.get("/openapi.json")).json()

    flow = schema["components"]["securitySchemes"]["OAuth2PasswordBearer"]["flows"]["password"]
    assert flow == {"scopes": SCOPES, "tokenUrl": "/auth/token"}
    assert schema["paths"]["/users"]["get"]["security"] == [{"OAuth2PasswordBearer": ["users:read"]}]
    assert (await client.get("/docs")).status_code == 200


async def test_start_up_stops_on_a_route_naming_an_unregistered_scope(settings):
    app = create_app(settings)
    router = APIRouter(prefix="/reports", dependencies=[Security(current_user, scopes=["reprots:read"])])

    @router.get("/monthly")
    async def monthly():
        return {}

    app.include_router(router)

    with pytest.raises(UnregisteredScopeError, match=r"GET /reports/monthly needs scope 'reprots:read'"):
        async with app.router.lifespan_context(app):
            pass


async def test_start_up_connects_the_database_from_settings(settings, tmp_path):
    settings.database_url = f"sqlite://{tmp_path / 'app.sqlite3'}"
    app = create_app(settings)

    transport = httpx2.ASGITransport(app=app)
    async with app.router.lifespan_context(app), httpx2.AsyncClient(transport=transport, base_url="http://t") as client:
        response = await client.get("/health")

    assert response.status_code == 200


async def test_an_unexpected_error_is_a_500_without_a_stack_trace(settings, db):
    app = create_app(settings)

    @app.get("/boom")
    async def boom():
        raise RuntimeError("secret internals")

    transport = httpx2.ASGITransport(app=app, raise_app_exceptions=False)
    async with httpx2.AsyncClient(transport=transport, base_url="http://testserver") as client:
        response = await client.get("/boom")

    assert response.status_code == 500
    assert response.json() == {"detail": "Internal server error"}
    assert "secret internals" not in response.text


async def test_password_hashing_leaves_the_event_loop_free(client, app):
    app.state.password_hasher = PasswordHasher(rounds=13)
    login = asyncio.create_task(
        client.post("/auth/token", data={"grant_type": "password", "username": "nobody", "password": PASSWORD})
    )
    await asyncio.sleep(0)

    health = await client.get("/health")

    # A bcrypt verify at 13 rounds takes far longer than /health; had it run on the event
    # loop, /health could only have answered after it.
    assert health.status_code == 200
    assert not login.done()
    assert (await login).status_code == 400
