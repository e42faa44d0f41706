"""A third-party OAuth 2 client (requests-oauthlib) against the app served by uvicorn."""

import pytest
import requests
from oauthlib.oauth2 import InvalidGrantError, LegacyApplicationClient
from requests_oauthlib import OAuth2Session

from .conftest import PASSWORD


@pytest.fixture
async def server(start_worker, make_shared_user, monkeypatch) -> str:
    await make_shared_user(scopes=("me", "users:read"))
    # oauthlib insists on HTTPS; this server is on loopback.
    monkeypatch.setenv("OAUTHLIB_INSECURE_TRANSPORT", "1")
    return start_worker()


def new_session() -> OAuth2Session:
    return OAuth2Session(client=LegacyApplicationClient(client_id="tests"), scope=["me", "users:read"])


def test_password_grant_guarded_route_refresh_and_refused_reuse(server):
    session = new_session()

    token = session.fetch_token(f"{server}/auth/token", username="alice", password=PASSWORD)
    users = session.get(f"{server}/users", timeout=10)
    refreshed = session.refresh_token(f"{server}/auth/token", timeout=10)
    me = session.get(f"{server}/users/me", timeout=10)
    with pytest.raises(InvalidGrantError):
        session.refresh_token(f"{server}/auth/token", refresh_token=token["refresh_token"], timeout=10)

    assert token["scope"] == ["me", "users:read"]
    assert [user["username"] for user in users.json()] == ["alice"]
    assert refreshed["refresh_token"] != token["refresh_token"]
    assert me.json()["username"] == "alice"
    # The reuse revoked the login: the token it rotated to is dead too.
    with pytest.raises(InvalidGrantError):
        session.refresh_token(f"{server}/auth/token", refresh_token=refreshed["refresh_token"], timeout=10)


def test_a_revoked_refresh_token_is_refused(server):
    session = new_session()
    token = session.fetch_token(f"{server}/auth/token", username="alice", password=PASSWORD)

    revoked = requests.post(f"{server}/auth/revoke", data={"token": token["refresh_token"]}, timeout=10)

    assert revoked.status_code == 200
    with pytest.raises(InvalidGrantError):
        session.refresh_token(f"{server}/auth/token", timeout=10)
