"""The database going away: a clear 503 while it is gone, and service again once it is back, without a restart."""

from collections.abc import AsyncIterator
from urllib.parse import urlsplit, urlunsplit

import httpx2
import pytest
from prometheus_client.parser import text_string_to_metric_families
from tortoise.context import TortoiseContext

from {{ cookiecutter.package_name }}.database import tortoise_config
from {{ cookiecutter.package_name }}.main import create_app
from {{ cookiecutter.package_name }}.models import User
from {{ cookiecutter.package_name }}.passwords import PasswordHasher

from .conftest import PASSWORD, SERVER_URL, bearer, create_database, drop_database, new_database_url
from .tcp_proxy import TcpProxy

pytestmark = pytest.mark.skipif(
    not SERVER_URL, reason="an outage needs a database server: set TEST_DATABASE_URL (see tests/conftest.py)"
)


@pytest.fixture
async def proxy(tmp_path) -> AsyncIterator[TcpProxy]:
    """A fresh database on the server, which this process reaches only through the proxy."""
    url = new_database_url(tmp_path)
    parts = urlsplit(url)
    proxy = TcpProxy(parts.hostname, parts.port)
    try:
        await create_database(url)
        await proxy.open()
        userinfo = parts.netloc.rpartition("@")[0]
        proxied = urlunsplit(parts._replace(netloc=f"{userinfo}@127.0.0.1:{proxy.port}"))
        async with TortoiseContext() as context:
            await context.init(config=tortoise_config(proxied))
            yield proxy
    finally:
        await proxy.cut()
        await drop_database(url)


async def test_an_outage_is_a_503_and_the_service_recovers_by_itself(settings, proxy):
    password_hash = await PasswordHasher(settings.bcrypt_rounds).hash(PASSWORD)
    await User.create(username="alice", password_hash=password_hash, scopes=["me"])
    app = create_app(settings)
    async with httpx2.AsyncClient(transport=httpx2.ASGITransport(app=app), base_url="http://testserver") as client:

        async def log_in() -> httpx2.Response:
            return await client.post(
                "/auth/token", data={"grant_type": "password", "username": "alice", "password": PASSWORD}
            )

        token = (await log_in()).json()["access_token"]
        await proxy.cut()
        me_while_down = await client.get("/users/me", headers=bearer(token))
        login_while_down = await log_in()
        ready_while_down = await client.get("/health/ready")
        alive_while_down = await client.get("/health")
        await proxy.open()
        me_after = await client.get("/users/me", headers=bearer(token))
        ready_after = await client.get("/health/ready")

    for answer in (me_while_down, login_while_down):
        assert answer.status_code == 503
        assert answer.json() == {"detail": "The database is unavailable: try again shortly"}
        assert answer.headers["retry-after"] == "5"
    assert ready_while_down.status_code == 503
    assert ready_while_down.json() == {"status": "unavailable", "database": "unreachable"}
    assert alive_while_down.status_code == 200
    assert me_after.status_code == 200
    assert me_after.json()["username"] == "alice"
    assert ready_after.json() == {"status": "ready", "database": "ok"}


async def test_an_outage_s_503s_are_counted_in_the_metrics(settings, proxy):
    app = create_app(settings.model_copy(update={"metrics_enabled": True}))
    async with httpx2.AsyncClient(transport=httpx2.ASGITransport(app=app), base_url="http://testserver") as client:
        await proxy.cut()
        login_while_down = await client.post(
            "/auth/token", data={"grant_type": "password", "username": "alice", "password": PASSWORD}
        )
        ready_while_down = await client.get("/health/ready")
        await proxy.open()
        ready_after = await client.get("/health/ready")
        # /metrics touches no database: it answers during an outage too.
        scrape = await client.get("/metrics")

    assert [login_while_down.status_code, ready_while_down.status_code, ready_after.status_code] == [503, 503, 200]
    counted = {
        (sample.name, tuple(sorted(sample.labels.items()))): sample.value
        for family in text_string_to_metric_families(scrape.text)
        for sample in family.samples
        if sample.name in ("database_unavailable_responses_total", "logins_total")
    }
    assert counted == {
        ("database_unavailable_responses_total", (("route", "/auth/token"),)): 1,
        ("database_unavailable_responses_total", (("route", "/health/ready"),)): 1,
        ("logins_total", (("method", "password"), ("outcome", "unavailable"))): 1,
    }
