"""Logs: one JSON object a line, with the request id that the response shows, and no secret in any line."""

import json
import logging
import secrets
from ipaddress import ip_network

import httpx2
import pytest

from {{ cookiecutter.package_name }}.main import create_app
from {{ cookiecutter.package_name }}.settings import Settings

from .conftest import PASSWORD, bearer
from .logged import OwnRequests, assert_never_logged, everything_logged, json_lines


@pytest.fixture
def settings(settings: Settings) -> Settings:
    return settings.model_copy(update={"log_level": "DEBUG", "environment": "production"})


def client_of(app) -> httpx2.AsyncClient:
    # A 500 is answered, not raised into the test, as a server would.
    transport = httpx2.ASGITransport(app=app, raise_app_exceptions=False)
    return httpx2.AsyncClient(transport=transport, base_url="http://testserver")


def access_lines(lines: list[dict], method: str, path: str) -> list[dict]:
    access = "{{ cookiecutter.package_name }}.access"
    return [line for line in lines if line["logger"] == access and (line["method"], line["path"]) == (method, path)]


async def test_no_password_token_code_or_cookie_reaches_the_logs(app, make_user, caplog, capsys):
    user = await make_user("alice")

    @app.get("/boom")
    async def boom() -> None:
        raise RuntimeError("a bug")

    wrong_password = f"wrong-{secrets.token_urlsafe(8)}"
    new_password = f"new-{secrets.token_urlsafe(12)}"
    code, cookie = secrets.token_urlsafe(16), secrets.token_urlsafe(16)
    async with client_of(app) as client:
        own = OwnRequests(client)
        failed = await client.post(
            "/auth/token", data={"grant_type": "password", "username": "alice", "password": wrong_password}
        )
        login = await client.post(
            "/auth/token", data={"grant_type": "password", "username": "alice", "password": PASSWORD}
        )
        access, refresh = login.json()["access_token"], login.json()["refresh_token"]
        me = await client.get(
            "/users/me", params={"code": code}, headers=bearer(access) | {"Cookie": f"session={cookie}"}
        )
        refreshed = await client.post("/auth/token", data={"grant_type": "refresh_token", "refresh_token": refresh})
        new_access, new_refresh = refreshed.json()["access_token"], refreshed.json()["refresh_token"]
        changed = await client.patch(
            "/users/me", json={"current_password": PASSWORD, "password": new_password}, headers=bearer(new_access)
        )
        revoked = await client.post("/auth/revoke", data={"token": new_refresh})
        crashed = await client.get("/boom", headers=bearer(new_access))
    written = capsys.readouterr().err

    assert [failed.status_code, login.status_code, me.status_code, refreshed.status_code] == [400, 200, 200, 200]
    assert [changed.status_code, revoked.status_code, crashed.status_code] == [200, 200, 500]
    assert logging.getLogger().getEffectiveLevel() == logging.DEBUG
    assert_never_logged(
        everything_logged(caplog, written, own),
        {
            "the password": PASSWORD,
            "the wrong password": wrong_password,
            "the new password": new_password,
            "the access token": access,
            "the access token's signature": access.rpartition(".")[2],
            "the refreshed access token": new_access,
            "the refresh token": refresh,
            "the refreshed refresh token": new_refresh,
            "the query's code": code,
            "the cookie": cookie,
        },
    )
    lines = json_lines(written)
    [me_line] = access_lines(lines, "GET", "/users/me")
    assert me_line["route"] == "/users/me"
    assert me_line["status"] == 200
    assert me_line["user_id"] == user.id
    assert me_line["request_id"] == me.headers["x-request-id"]
    [error] = [line for line in lines if line["message"] == "unexpected error on GET /boom"]
    assert error["level"] == "error"
    assert "RuntimeError: a bug" in error["exception"]
    assert error["request_id"] == crashed.headers["x-request-id"]
    assert crashed.json() == {"detail": "Internal server error"}


async def test_a_worker_logs_json_lines_with_each_response_s_request_id(start_worker, make_shared_user, tmp_path):
    user = await make_shared_user("alice")
    log = tmp_path / "worker.log"
    address = start_worker(log=log)

    async with httpx2.AsyncClient(base_url=address) as client:
        login = await client.post(
            "/auth/token", data={"grant_type": "password", "username": "alice", "password": PASSWORD}
        )
        me = await client.get(
            "/users/me", params={"state": "kept-out-of-the-logs"}, headers=bearer(login.json()["access_token"])
        )
        user_by_id = await client.get(f"/users/{user.id}", headers=bearer(login.json()["access_token"]))
        missing = await client.get("/nowhere")

    lines = json_lines(log.read_text())
    assert {line["level"] for line in lines} <= {"debug", "info", "warning", "error", "critical"}
    assert all(line["time"].endswith("Z") for line in lines)
    [me_line] = access_lines(lines, "GET", "/users/me")
    assert me_line["message"] == "GET /users/me 200"
    assert me_line["request_id"] == me.headers["x-request-id"]
    assert me_line["user_id"] == user.id
    assert me_line["duration_ms"] >= 0
    [forbidden] = access_lines(lines, "GET", f"/users/{user.id}")
    assert forbidden["route"] == "/users/{user_id}"
    assert forbidden["status"] == user_by_id.status_code == 403
    assert forbidden["request_id"] == user_by_id.headers["x-request-id"]
    [missing_line] = access_lines(lines, "GET", "/nowhere")
    assert missing_line["status"] == missing.status_code == 404
    assert missing_line["route"] is None
    assert "user_id" not in missing_line
    assert len({me_line["request_id"], forbidden["request_id"], missing_line["request_id"]}) == 3
    assert "kept-out-of-the-logs" not in log.read_text()


@pytest.mark.parametrize(
    ("proxy_trusted", "given", "kept"),
    [
        (True, "3f2c1a9e-7d4b-4e0a-9c1f-2b8d6e5a4c3b", True),
        (True, "Root=1-67891233-abcdef012345678912345678", True),
        (False, "3f2c1a9e-7d4b-4e0a-9c1f-2b8d6e5a4c3b", False),
        (True, "two words", False),
        (True, '"}{"level":"critical', False),
        (True, "x" * 129, False),
        (True, "", False),
    ],
)
async def test_a_request_id_is_taken_only_from_a_trusted_proxy_and_well_formed(
    settings, db, capsys, proxy_trusted, given, kept
):
    # httpx2's ASGI transport connects from 127.0.0.1.
    trusted = [ip_network("127.0.0.1")] if proxy_trusted else [ip_network("10.0.0.0/8")]
    app = create_app(settings.model_copy(update={"trusted_proxies": trusted}))

    async with client_of(app) as client:
        answer = await client.get("/health", headers={"X-Request-ID": given})
    [line] = access_lines(json_lines(capsys.readouterr().err), "GET", "/health")

    request_id = answer.headers["x-request-id"]
    assert (request_id == given) is kept
    if not kept:
        assert len(request_id) == 32
        assert int(request_id, 16) >= 0
    assert line["request_id"] == request_id


async def test_development_lines_are_readable_and_carry_the_request_id(settings, db, capsys):
    app = create_app(settings.model_copy(update={"environment": "development"}))

    async with client_of(app) as client:
        answer = await client.get("/health")
    [line] = [line for line in capsys.readouterr().err.splitlines() if "GET /health 200" in line]

    assert f"request_id={answer.headers['x-request-id']}" in line
    with pytest.raises(json.JSONDecodeError):
        json.loads(line)
