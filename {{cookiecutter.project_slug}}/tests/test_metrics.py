"""Prometheus metrics: scraped from /metrics and read with prometheus-client's own parser; served
only with METRICS_ENABLED, to allowed addresses, and added up across worker processes."""

import asyncio
from ipaddress import ip_network
from pathlib import Path

import httpx2
import pytest
from prometheus_client.parser import text_string_to_metric_families

from {{ cookiecutter.package_name }}.main import create_app
from {{ cookiecutter.package_name }}.metrics import MeasureRequests
from {{ cookiecutter.package_name }}.settings import Settings

from .conftest import PASSWORD, bearer
from .test_guessing import checks_under_way

Samples = dict[tuple[str, frozenset], float]


@pytest.fixture
def settings(settings: Settings) -> Settings:
    return settings.model_copy(update={"metrics_enabled": True, "login_attempts_per_account": 2})


def samples(exposition: str) -> Samples:
    """Every sample of a scrape, by name and labels."""
    return {
        (sample.name, frozenset(sample.labels.items())): sample.value
        for family in text_string_to_metric_families(exposition)
        for sample in family.samples
    }


def requests(route: str, method: str, status: int) -> tuple[str, frozenset]:
    return "http_requests_total", frozenset({"route": route, "method": method, "status": str(status)}.items())


def logins(method: str, outcome: str) -> tuple[str, frozenset]:
    return "logins_total", frozenset({"method": method, "outcome": outcome}.items())


async def test_requests_logins_and_throttling_are_counted_exactly(client, make_user):
    await make_user("alice")

    def password(secret: str) -> dict[str, str]:
        return {"grant_type": "password", "username": "alice", "password": secret}

    login = await client.post("/auth/token", data=password(PASSWORD))
    refresh = login.json()["refresh_token"]
    refreshed = await client.post("/auth/token", data={"grant_type": "refresh_token", "refresh_token": refresh})
    # Before the reuse below ends the session, and its access tokens with it.
    me = await client.get("/users/me", headers=bearer(login.json()["access_token"]))
    reused = await client.post("/auth/token", data={"grant_type": "refresh_token", "refresh_token": refresh})
    wrong = [(await client.post("/auth/token", data=password("wrong password"))).status_code for _ in range(3)]
    anonymous = await client.get("/users/me")
    missing = await client.get("/nowhere/42")
    scrape = await client.get("/metrics")

    assert [login.status_code, refreshed.status_code, reused.status_code] == [200, 200, 400]
    assert wrong == [400, 400, 429]
    assert [me.status_code, anonymous.status_code, missing.status_code] == [200, 401, 404]
    assert scrape.status_code == 200
    assert scrape.headers["content-type"].startswith("text/plain")
    counted = samples(scrape.text)
    assert counted[logins("password", "success")] == 1
    assert counted[logins("password", "failure")] == 2
    assert counted[logins("password", "throttled")] == 1
    assert counted[logins("refresh", "success")] == 1
    assert counted[logins("refresh", "failure")] == 1
    assert counted["throttled_requests_total", frozenset({"limit": "password:address+account"}.items())] == 1
    assert counted[requests("/auth/token", "POST", 200)] == 2
    assert counted[requests("/auth/token", "POST", 400)] == 3
    assert counted[requests("/auth/token", "POST", 429)] == 1
    assert counted[requests("/users/me", "GET", 200)] == 1
    assert counted[requests("/users/me", "GET", 401)] == 1
    # Never the raw path: a client cannot make a new series by asking for a new one.
    assert counted[requests("unmatched", "GET", 404)] == 1
    assert not [labels for _, labels in counted if ("route", "/nowhere/42") in labels]
    duration = ("http_request_duration_seconds_count", frozenset({"route": "/auth/token", "method": "POST"}.items()))
    assert counted[duration] == 6
    assert not [name for name, _ in counted if name.startswith("database_unavailable")]
    # The scrape counts itself once it is answered: the next scrape shows it.
    assert samples((await client.get("/metrics")).text)[requests("/metrics", "GET", 200)] == 1


async def test_a_full_queue_of_password_checks_is_counted_as_a_limit_of_its_own(client, make_user):
    await make_user("alice")
    # Twice the account limit of checks under way for alice from this address: the queue is full.
    await checks_under_way(4)

    refused = await client.post(
        "/auth/token", data={"grant_type": "password", "username": "alice", "password": PASSWORD}
    )

    assert refused.status_code == 429
    counted = samples((await client.get("/metrics")).text)
    assert counted["throttled_requests_total", frozenset({"limit": "password:queue"}.items())] == 1
    assert counted[logins("password", "throttled")] == 1


async def test_an_unknown_method_is_counted_under_one_label(client):
    answer = await client.request("PURGE", "/health")

    assert answer.status_code == 405
    counted = samples((await client.get("/metrics")).text)
    assert counted[requests("/health", "other", 405)] == 1


@pytest.mark.parametrize(
    ("allowed", "trusted_proxies", "forwarded_for", "status"),
    [
        # httpx2's ASGI transport connects from 127.0.0.1.
        (None, [], None, 200),
        (["10.0.0.0/8"], [], None, 404),
        # A proxy on this host that this service does not know: whoever it relays is refused.
        (None, [], "203.0.113.9", 404),
        (None, ["127.0.0.1"], "203.0.113.9", 404),
        (["10.0.0.0/8"], ["127.0.0.1"], "10.1.2.3", 200),
    ],
)
async def test_metrics_answer_only_the_allowed_addresses(settings, db, allowed, trusted_proxies, forwarded_for, status):
    changes = {"trusted_proxies": [ip_network(network) for network in trusted_proxies]}
    if allowed is not None:
        changes["metrics_allowed"] = [ip_network(network) for network in allowed]
    app = create_app(settings.model_copy(update=changes))
    headers = {"X-Forwarded-For": forwarded_for} if forwarded_for else {}

    async with httpx2.AsyncClient(transport=httpx2.ASGITransport(app=app), base_url="http://testserver") as client:
        answer = await client.get("/metrics", headers=headers)

    assert answer.status_code == status
    if status == 404:
        assert answer.json() == {"detail": "Not Found"}
        assert "http_requests" not in answer.text


async def test_metrics_are_off_by_default_and_never_in_the_openapi_document(settings, db):
    disabled = create_app(settings.model_copy(update={"metrics_enabled": False}))
    enabled = create_app(settings)

    async with httpx2.AsyncClient(transport=httpx2.ASGITransport(app=disabled), base_url="http://testserver") as client:
        assert (await client.get("/metrics")).status_code == 404
    # Not installed at all: a request without metrics pays nothing for them.
    assert MeasureRequests not in [middleware.cls for middleware in disabled.user_middleware]
    assert MeasureRequests in [middleware.cls for middleware in enabled.user_middleware]
    assert "/metrics" not in enabled.openapi()["paths"]


async def test_several_worker_processes_add_up(start_worker, make_shared_user, tmp_path):
    await make_shared_user("alice")
    folder = tmp_path / "metrics"
    folder.mkdir()
    address = start_worker(processes=2, METRICS_ENABLED="true", PROMETHEUS_MULTIPROC_DIR=str(folder))

    async def read_me(token: str) -> int:
        # A connection of its own each time, so that both processes take some.
        async with httpx2.AsyncClient(base_url=address) as client:
            return (await client.get("/users/me", headers=bearer(token))).status_code

    async with httpx2.AsyncClient(base_url=address) as client:
        login = await client.post(
            "/auth/token", data={"grant_type": "password", "username": "alice", "password": PASSWORD}
        )
    token = login.json()["access_token"]
    statuses: list[int] = []
    # Until both processes have counted some: each writes files named by its process id.
    for _ in range(20):
        statuses += await asyncio.gather(*(read_me(token) for _ in range(10)))
        if len(counting_processes(folder)) == 2:
            break
    assert len(counting_processes(folder)) == 2
    assert set(statuses) == {200}

    totals = set()
    for _ in range(4):
        async with httpx2.AsyncClient(base_url=address) as client:
            counted = samples((await client.get("/metrics")).text)
        totals.add(counted[requests("/users/me", "GET", 200)])
        assert counted[logins("password", "success")] == 1
    # Whichever process answers the scrape, it adds up the counts of both.
    assert totals == {len(statuses)}


def counting_processes(folder: Path) -> set[str]:
    return {path.stem.rpartition("_")[2] for path in folder.glob("counter_*.db")}
