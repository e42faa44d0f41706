"""The application as a whole: health, OpenAPI, start-up checks, errors, the event loop."""

import asyncio

import httpx2
import pytest
from fastapi import APIRouter, Security
from tortoise.context import TortoiseContext

from {{ cookiecutter.package_name }}.database import tortoise_config
from {{ cookiecutter.package_name }}.main import DEVELOPMENT_WARNING, create_app
from {{ cookiecutter.package_name }}.models import LoginAttempt, User
from {{ cookiecutter.package_name }}.passwords import PasswordHasher
from {{ cookiecutter.package_name }}.scopes import SCOPES, UnregisteredScopeError
from {{ cookiecutter.package_name }}.security import current_user

from .conftest import PASSWORD, create_database, drop_database, new_database_url


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


@pytest.mark.parametrize(("environment", "warned"), [("development", True), ("production", False)])
async def test_development_says_at_each_start_that_it_is_for_this_machine_alone(settings, caplog, environment, warned):
    app = create_app(settings.model_copy(update={"environment": environment}))

    async with app.router.lifespan_context(app):
        pass

    warnings = [record.getMessage() for record in caplog.records if record.levelname == "WARNING"]
    assert (DEVELOPMENT_WARNING in warnings) is warned


@pytest.mark.parametrize(
    ("environment", "address", "headers", "refused"),
    [
        ("development", "203.0.113.7", {}, True),
        ("development", "::ffff:203.0.113.7", {}, True),
        ("development", "127.0.0.1", {}, False),
        ("development", "::1", {}, False),
        ("development", "::ffff:127.0.0.1", {}, False),
        # Passed on by a proxy on this machine, from wherever the client is.
        ("development", "127.0.0.1", {"X-Forwarded-For": "127.0.0.1"}, True),
        ("development", "127.0.0.1", {"Forwarded": "for=127.0.0.1"}, True),
        ("development", "127.0.0.1", {"X-Real-IP": "127.0.0.1"}, True),
        ("development", "127.0.0.1", {"Via": "1.1 proxy"}, True),
        ("production", "203.0.113.7", {}, False),
    ],
)
async def test_development_answers_this_machine_alone(settings, db, environment, address, headers, refused):
    app = create_app(settings.model_copy(update={"environment": environment}))
    transport = httpx2.ASGITransport(app=app, client=(address, 40000))

    async with httpx2.AsyncClient(transport=transport, base_url="http://testserver", headers=headers) as client:
        answer = await client.post("/auth/token", data={"grant_type": "password", "username": "x", "password": "y"})

    # A wrong password from a machine it serves is a login refused, and counted.
    assert (answer.status_code == 403) is refused
    assert await LoginAttempt.all().count() == (0 if refused else 1)
    if refused:
        assert answer.json() == {"detail": "In development this service answers its own machine alone"}
        assert "x-request-id" in answer.headers


async def test_start_up_connects_the_database_that_settings_name(settings, tmp_path):
    settings.database_url = new_database_url(tmp_path)
    await create_database(settings.database_url)
    app = create_app(settings)
    form = {"grant_type": "password", "username": "alice", "password": PASSWORD}

    try:
        transport = httpx2.ASGITransport(app=app)
        async with (
            app.router.lifespan_context(app),
            httpx2.AsyncClient(transport=transport, base_url="http://t") as client,
        ):
            password_hash = await PasswordHasher(settings.bcrypt_rounds).hash(PASSWORD)
            await User.create(username="alice", password_hash=password_hash, scopes=["me"])
            response = await client.post("/auth/token", data=form)
        async with TortoiseContext() as context:
            await context.init(config=tortoise_config(settings.database_url))
            logged_in = await User.get(username="alice")
    finally:
        await drop_database(settings.database_url)

    assert response.status_code == 200
    assert logged_in.last_login_at is not None


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


async def turns_of_the_event_loop_during(work) -> int:
    """How often the event loop got to run other tasks while `work` was under way."""
    task = asyncio.create_task(work)
    turns = 0
    while not task.done():
        await asyncio.sleep(0.001)
        turns += 1
    await task
    return turns


@pytest.mark.parametrize("stored", ["current-hash", "no-user", "outdated-hash"])
async def test_a_failed_password_check_costs_a_full_bcrypt_off_the_event_loop(stored):
    # At 12 rounds one bcrypt takes hundreds of milliseconds. Had it run on the event loop,
    # the loop could not have turned meanwhile; had the unknown user or the cheaper old hash
    # skipped the full cost, the check would have ended at once.
    hasher = PasswordHasher(rounds=12)
    password_hash = {
        "current-hash": await hasher.hash(PASSWORD),
        "no-user": None,
        "outdated-hash": await PasswordHasher(rounds=4).hash(PASSWORD),
    }[stored]

    assert await turns_of_the_event_loop_during(hasher.verify("wrong password", password_hash)) > 20
