"""Step-up re-authentication (RFC 9470): what changes an account needs a recent login, and a
stolen or merely old token gets a challenge that changes nothing."""

import re
import time
from datetime import UTC, datetime, timedelta

import httpx2
import jwt
import pytest

from {{ cookiecutter.package_name }} import refresh_tokens
from {{ cookiecutter.package_name }}.devices import Device
from {{ cookiecutter.package_name }}.main import create_app
from {{ cookiecutter.package_name }}.models import RefreshToken, User

from .conftest import PASSWORD, bearer, forge
from .test_users import NEW_PASSWORD

AN_HOUR_AGO = timedelta(hours=1)
CHALLENGE_PARAMETER = re.compile(r'([a-z_]+)=(?:"([^"]*)"|([^\s,"]+))')


def challenge(response) -> dict[str, str]:
    """The parameters of a `WWW-Authenticate: Bearer ...` answer."""
    scheme, _, parameters = response.headers["www-authenticate"].partition(" ")
    assert scheme == "Bearer"
    return {name: quoted or bare for name, quoted, bare in CHALLENGE_PARAMETER.findall(parameters)}


def claims(access_token: str) -> dict:
    """What an access token says; the service checked its signature when it issued it."""
    return jwt.decode(access_token, options={"verify_signature": False})


async def log_in(client, username: str = "alice", password: str = PASSWORD, **headers: str) -> dict:
    form = {"grant_type": "password", "username": username, "password": password}
    answer = await client.post("/auth/token", data=form, headers=headers)
    assert answer.status_code == 200, answer.text
    return answer.json()


async def refresh(client, tokens: dict, **headers: str):
    form = {"grant_type": "refresh_token", "refresh_token": tokens["refresh_token"]}
    return await client.post("/auth/token", data=form, headers=headers)


def stale(settings, keys, user: User, tokens: dict) -> str:
    """An access token of the same live session as `tokens`, whose login was an hour ago: what a
    thief holds who copied a token, or a refresh token, and kept refreshing it."""
    session = claims(tokens["access_token"])["sid"]
    then = int((datetime.now(UTC) - AN_HOUR_AGO).timestamp())
    return forge(settings, keys, user.id, sid=session, auth_time=then, ver=user.token_version)


async def snapshot(user: User) -> tuple:
    """What a refused change must leave as it was."""
    now = await User.get_or_none(id=user.id)
    live = await RefreshToken.filter(user_id=user.id, revoked_at__isnull=True).count()
    return (now.email, now.password_hash, now.token_version, live) if now else None


def assert_step_up(response, settings) -> None:
    assert response.status_code == 401
    parameters = challenge(response)
    assert parameters["error"] == "insufficient_user_authentication"
    assert parameters["error_description"]
    assert parameters["max_age"] == str(settings.reauth_minutes * 60)
    assert response.json()["detail"] == parameters["error_description"]


async def test_a_token_says_when_its_login_was_and_a_refresh_keeps_it(client, make_user):
    await make_user()
    before = int(time.time())
    tokens = await log_in(client)
    login = claims(tokens["access_token"])
    row = await RefreshToken.get(family=login["sid"])
    then = datetime.now(UTC) - AN_HOUR_AGO
    await RefreshToken.filter(id=row.id).update(auth_time=then)

    refreshed = await refresh(client, tokens)

    assert before <= login["auth_time"] <= int(time.time())
    assert refreshed.status_code == 200
    after = claims(refreshed.json()["access_token"])
    assert after["auth_time"] == int(then.timestamp())
    assert after["sid"] == login["sid"]


async def test_a_token_says_how_its_login_was_made_and_a_refresh_keeps_it(client, make_user):
    await make_user()
    tokens = await log_in(client)

    refreshed = await refresh(client, tokens)

    for access_token in (tokens["access_token"], refreshed.json()["access_token"]):
        # RFC 8176's password, one factor: RFC 9470's acr for it.
        assert claims(access_token)["amr"] == ["pwd"]
        assert claims(access_token)["acr"] == "aal1"
    assert await RefreshToken.all().values_list("amr", flat=True) == ["pwd", "pwd"]


@pytest.mark.parametrize(
    ("method", "path", "body"),
    [
        ("PATCH", "/users/me", {"email": "thief@example.com"}),
        ("PATCH", "/users/me", {"password": NEW_PASSWORD, "current_password": PASSWORD}),
        ("DELETE", "/users/me", None),
    ],
    ids=["email", "password", "delete-account"],
)
async def test_a_stale_token_gets_a_step_up_challenge_and_changes_nothing(
    client, make_user, settings, keys, method, path, body
):
    user = await make_user(email="alice@example.com")
    token = stale(settings, keys, user, await log_in(client))
    before = await snapshot(user)

    response = await client.request(method, path, headers=bearer(token), json=body)

    assert_step_up(response, settings)
    assert await snapshot(user) == before


async def test_a_password_cannot_be_set_on_a_passwordless_account_without_a_recent_login(client, make_user, settings):
    user = await make_user(password=None)
    # A provider login an hour ago, refreshed since: the refresh keeps the old auth_time.
    refresh_token, _ = await refresh_tokens.issue(
        settings, user, ["me"], Device("127.0.0.1", ""), auth_time=datetime.now(UTC) - AN_HOUR_AGO
    )
    access_token = (await refresh(client, {"refresh_token": refresh_token})).json()["access_token"]

    response = await client.patch("/users/me", headers=bearer(access_token), json={"password": NEW_PASSWORD})

    assert_step_up(response, settings)
    assert (await User.get(id=user.id)).password_hash is None


async def test_logging_in_again_answers_the_challenge(client, make_user, settings, keys):
    user = await make_user(email="old@example.com")
    token = stale(settings, keys, user, await log_in(client))
    refused = await client.patch("/users/me", headers=bearer(token), json={"email": None})
    assert (await User.get(id=user.id)).email == "old@example.com"

    again = await log_in(client)
    retried = await client.patch("/users/me", headers=bearer(again["access_token"]), json={"email": None})

    assert_step_up(refused, settings)
    assert retried.status_code == 200
    assert (await User.get(id=user.id)).email is None


async def test_reauth_minutes_sets_how_recent_a_login_must_be(settings, make_user, keys):
    user = await make_user()
    app = create_app(settings.model_copy(update={"reauth_minutes": 1}))
    async with httpx2.AsyncClient(transport=httpx2.ASGITransport(app=app), base_url="http://testserver") as client:
        tokens = await log_in(client)
        session = claims(tokens["access_token"])["sid"]
        two_minutes_ago = int(time.time()) - 120
        old = forge(settings, keys, user.id, sid=session, auth_time=two_minutes_ago)
        refused = await client.patch("/users/me", headers=bearer(old), json={"email": "new@example.com"})
        recent = forge(settings, keys, user.id, sid=session, auth_time=two_minutes_ago + 90)
        accepted = await client.patch("/users/me", headers=bearer(recent), json={"email": "new@example.com"})

    assert refused.status_code == 401
    assert challenge(refused)["max_age"] == "60"
    assert accepted.status_code == 200


@pytest.mark.parametrize("claim", ["sid", "auth_time"])
async def test_a_token_without_a_session_or_login_time_is_never_recent_enough(client, make_user, settings, keys, claim):
    user = await make_user()
    tokens = await log_in(client)
    token = forge(settings, keys, user.id, sid=claims(tokens["access_token"])["sid"], auth_time=int(time.time()))
    without = forge(settings, keys, user.id, **{**claims(token), claim: None})

    ordinary = await client.get("/users/me", headers=bearer(without))
    change = await client.patch("/users/me", headers=bearer(without), json={"email": "new@example.com"})

    assert ordinary.status_code == 200
    assert change.status_code == 401
    assert (await User.get(id=user.id)).email is None


@pytest.mark.parametrize(
    "claim", [{"sid": 7}, {"auth_time": "yesterday"}, {"auth_time": True}, {"amr": "pwd"}, {"amr": ["pwd", 1]}]
)
async def test_a_malformed_session_or_login_is_an_invalid_token(client, make_user, settings, keys, claim):
    user = await make_user()

    response = await client.get("/users/me", headers=bearer(forge(settings, keys, user.id, **claim)))

    assert response.status_code == 401
    assert challenge(response) == {"error": "invalid_token"}


async def test_a_token_of_an_ended_session_cannot_make_changes(client, make_user, settings):
    user = await make_user()
    tokens = await log_in(client)
    session = claims(tokens["access_token"])["sid"]
    ended = await client.delete(f"/users/me/sessions/{session}", headers=bearer(tokens["access_token"]))
    before = await snapshot(user)

    response = await client.patch(
        "/users/me", headers=bearer(tokens["access_token"]), json={"email": "thief@example.com"}
    )

    assert ended.status_code == 204
    assert response.status_code == 401
    assert challenge(response) == {"error": "invalid_token"}
    assert await snapshot(user) == before


async def test_logging_out_everywhere_needs_no_recent_login(client, make_user, settings, keys):
    user = await make_user()
    tokens = await log_in(client)

    response = await client.post("/auth/logout-all", headers=bearer(stale(settings, keys, user, tokens)))

    assert response.status_code == 204
    assert (await refresh(client, tokens)).json()["error"] == "invalid_grant"


async def test_deleting_the_account_takes_its_sessions_and_frees_its_username(client, make_user):
    user = await make_user()
    here, elsewhere = await log_in(client), await log_in(client)

    response = await client.delete("/users/me", headers=bearer(here["access_token"]))

    assert response.status_code == 204
    assert await User.get_or_none(id=user.id) is None
    assert await RefreshToken.filter(user_id=user.id).count() == 0
    assert (await client.get("/users/me", headers=bearer(elsewhere["access_token"]))).status_code == 401
    assert (await refresh(client, elsewhere)).json()["error"] == "invalid_grant"
    newcomer = await User.create(username="alice", scopes=["me"])
    assert newcomer.id != user.id
