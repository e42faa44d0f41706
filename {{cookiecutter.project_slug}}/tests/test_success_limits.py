"""Correct logins per account and refreshes per session are limited too, far above what anyone
makes: a leaked password or refresh token cannot be spent in a flood of sessions or rotations."""

import hashlib
from datetime import UTC, datetime, timedelta

import httpx2

from {{ cookiecutter.package_name }}.models import LoginAttempt, RefreshToken

from .conftest import PASSWORD
from .test_guessing import account_key


async def log_in(client: httpx2.AsyncClient, username: str = "alice") -> httpx2.Response:
    return await client.post("/auth/token", data={"grant_type": "password", "username": username, "password": PASSWORD})


async def refresh(client: httpx2.AsyncClient, refresh_token: str) -> httpx2.Response:
    return await client.post("/auth/token", data={"grant_type": "refresh_token", "refresh_token": refresh_token})


def refused(answer: httpx2.Response, description: str) -> None:
    assert answer.status_code == 429
    wait = answer.headers["retry-after"]
    assert 1 <= int(wait) <= 60 * 60
    assert answer.json() == {"error": "slow_down", "error_description": f"{description}: try again in {wait} seconds"}


async def test_past_the_logins_per_account_a_correct_password_is_refused_and_issues_nothing(
    client, settings, make_user
):
    alice = await make_user()
    await make_user("bob")
    assert settings.logins_per_account_per_hour == 100
    settings.logins_per_account_per_hour = 3

    answers = [await log_in(client) for _ in range(4)]
    bob = await log_in(client, "bob")

    assert [answer.status_code for answer in answers] == [200] * 3 + [429]
    refused(answers[-1], "Too many logins")
    assert await RefreshToken.filter(user_id=alice.id).count() == 3
    assert await LoginAttempt.filter(kind="login", account=account_key("alice")).count() == 3
    # Other accounts log in as ever.
    assert bob.status_code == 200


async def test_the_logins_per_account_lift_an_hour_after(client, settings, make_user):
    await make_user()
    settings.logins_per_account_per_hour = 2
    for _ in range(2):
        await log_in(client)
    assert (await log_in(client)).status_code == 429

    await LoginAttempt.filter(kind="login").update(attempted_at=datetime.now(UTC) - timedelta(minutes=61))

    assert (await log_in(client)).status_code == 200


async def test_past_the_refreshes_per_session_the_token_is_refused_unspent(client, settings, make_user):
    await make_user()
    assert settings.refreshes_per_session_per_hour == 200
    settings.refreshes_per_session_per_hour = 3
    token = (await log_in(client)).json()["refresh_token"]
    for _ in range(3):
        answer = await refresh(client, token)
        assert answer.status_code == 200, answer.text
        token = answer.json()["refresh_token"]
    other_session = (await log_in(client)).json()["refresh_token"]

    answer = await refresh(client, token)

    refused(answer, "Too many refreshes of this session")
    [row] = await RefreshToken.filter(token_hash=hashlib.sha256(token.encode()).hexdigest())
    assert (row.used_at, row.revoked_at) == (None, None)
    [session] = set(await LoginAttempt.filter(kind="refresh").values_list("account", flat=True))
    assert session == row.family
    assert await LoginAttempt.filter(kind="refresh").count() == 3
    # The user's other session refreshes as ever; this one goes on once the hour has passed.
    assert (await refresh(client, other_session)).status_code == 200
    await LoginAttempt.filter(kind="refresh").update(attempted_at=datetime.now(UTC) - timedelta(minutes=61))
    assert (await refresh(client, token)).status_code == 200
