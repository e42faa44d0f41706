"""Sessions: each login is one a person can see, with where it was last used, and end alone;
none outlives SESSION_MAX_DAYS."""

from datetime import UTC, datetime, timedelta

import pytest

from {{ cookiecutter.package_name }}.models import USER_AGENT_MAX_LENGTH, RefreshToken

from .conftest import bearer
from .test_reauthentication import assert_step_up, claims, log_in, refresh, stale

PHONE = "Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X)"
LAPTOP = "Mozilla/5.0 (X11; Linux x86_64; rv:140.0) Gecko/20100101 Firefox/140.0"


def from_(address: str, user_agent: str) -> dict[str, str]:
    return {"X-Forwarded-For": address, "User-Agent": user_agent}


def session_of(tokens: dict) -> str:
    return claims(tokens["access_token"])["sid"]


async def listed(client, tokens: dict) -> list[dict]:
    response = await client.get("/users/me/sessions", headers=bearer(tokens["access_token"]))
    assert response.status_code == 200, response.text
    return response.json()


async def test_sessions_are_listed_with_where_they_were_last_used(behind_proxy, make_user):
    await make_user()
    phone = await log_in(behind_proxy, **from_("203.0.113.5", PHONE))
    laptop = await log_in(behind_proxy, **from_("198.51.100.7", LAPTOP))
    # The phone refreshes from another network: its session is the same, last used from there.
    phone = (await refresh(behind_proxy, phone, **from_("192.0.2.44", PHONE + " moved"))).json()

    sessions = await listed(behind_proxy, laptop)

    assert [session["id"] for session in sessions] == [session_of(phone), session_of(laptop)]
    moved, here = sessions
    assert (moved["address"], moved["user_agent"], moved["current"]) == ("192.0.2.44", PHONE + " moved", False)
    assert (here["address"], here["user_agent"], here["current"]) == ("198.51.100.7", LAPTOP, True)
    assert moved["created_at"] < moved["last_used_at"]
    assert set(here) == {"id", "created_at", "last_used_at", "expires_at", "address", "user_agent", "current"}
    assert "refresh_token" not in str(sessions)
    assert all(phone["refresh_token"] not in str(session) for session in sessions)


async def test_a_long_user_agent_is_cut(client, make_user):
    await make_user()
    tokens = await log_in(client, **{"User-Agent": "x" * 1000})

    [session] = await listed(client, tokens)

    assert session["user_agent"] == "x" * USER_AGENT_MAX_LENGTH
    assert session["address"] == "127.0.0.1"
    assert [row.user_agent for row in await RefreshToken.all()] == ["x" * USER_AGENT_MAX_LENGTH]


async def test_a_user_agent_is_shown_back_without_control_characters(client, make_user):
    await make_user()
    tokens = await log_in(client, **{"User-Agent": b"Agent\x1b[2J\x85 1.0"})

    [session] = await listed(client, tokens)

    assert session["user_agent"] == "Agent\ufffd[2J\ufffd 1.0"


async def test_a_login_without_a_user_agent_shows_an_empty_one(client, make_user):
    await make_user()
    del client.headers["User-Agent"]
    tokens = await log_in(client)

    [session] = await listed(client, tokens)

    assert session["user_agent"] == ""


async def test_sessions_are_listed_by_when_they_were_last_used(client, make_user):
    await make_user()
    first, second = await log_in(client), await log_in(client)
    # The first was used last, by a worker whose clock runs ahead of this one's.
    later = datetime.now(UTC) + timedelta(minutes=1)
    await RefreshToken.filter(family=session_of(first)).update(created_at=later)

    sessions = await listed(client, second)

    assert [session["id"] for session in sessions] == [session_of(first), session_of(second)]


async def test_a_session_whose_refresh_token_expired_is_over(client, make_user):
    await make_user()
    here, expired = await log_in(client), await log_in(client)
    await RefreshToken.filter(family=session_of(expired)).update(expires_at=datetime.now(UTC) - timedelta(minutes=1))

    sessions = await listed(client, here)
    ended = await client.delete(f"/users/me/sessions/{session_of(expired)}", headers=bearer(here["access_token"]))

    assert [session["id"] for session in sessions] == [session_of(here)]
    assert ended.status_code == 404


async def test_ending_one_session_leaves_the_others(client, make_user):
    await make_user(email="alice@example.com")
    here, there, third = await log_in(client), await log_in(client), await log_in(client)

    response = await client.delete(f"/users/me/sessions/{session_of(there)}", headers=bearer(here["access_token"]))

    assert response.status_code == 204
    assert (await refresh(client, there)).json()["error"] == "invalid_grant"
    # Its access token makes no change any more either.
    change = await client.patch("/users/me", headers=bearer(there["access_token"]), json={"email": "x@example.com"})
    assert change.status_code == 401
    assert (await refresh(client, third)).status_code == 200
    assert [session["id"] for session in await listed(client, here)] == [session_of(third), session_of(here)]


async def test_ending_your_own_session_needs_no_recent_login(client, make_user, settings, keys):
    user = await make_user()
    tokens = await log_in(client)
    session = session_of(tokens)

    response = await client.delete(f"/users/me/sessions/{session}", headers=bearer(stale(settings, keys, user, tokens)))

    assert response.status_code == 204
    assert (await refresh(client, tokens)).json()["error"] == "invalid_grant"
    assert_invalid_token(await client.get("/users/me", headers=bearer(tokens["access_token"])))


def assert_invalid_token(response) -> None:
    assert response.status_code == 401
    assert response.headers["www-authenticate"] == 'Bearer error="invalid_token"'
    assert response.json() == {"detail": "The access token is invalid or expired"}


@pytest.mark.parametrize("way", ["deleted", "revoked"])
async def test_an_ended_session_ends_its_access_tokens_at_once_on_every_route(client, make_user, way):
    await make_user()
    here, there = await log_in(client), await log_in(client)
    # A refresh leaves its session's earlier access tokens as live as the new one.
    refreshed = (await refresh(client, there)).json()
    ended = [there["access_token"], refreshed["access_token"]]
    assert [(await client.get("/users/me", headers=bearer(token))).status_code for token in ended] == [200, 200]

    if way == "deleted":
        answer = await client.delete(f"/users/me/sessions/{session_of(there)}", headers=bearer(here["access_token"]))
    else:
        answer = await client.post("/auth/revoke", data={"token": refreshed["refresh_token"]})

    assert answer.status_code == (204 if way == "deleted" else 200)
    for token in ended:
        assert_invalid_token(await client.get("/users/me", headers=bearer(token)))
        assert_invalid_token(await client.get("/users/me/sessions", headers=bearer(token)))
    # The user's other session goes on, on every route.
    assert (await client.get("/users/me", headers=bearer(here["access_token"]))).status_code == 200
    assert [session["id"] for session in await listed(client, here)] == [session_of(here)]
    rows = await RefreshToken.all()
    assert {row.family for row in rows if row.revoked_at is not None} == {session_of(there)}
    assert {row.family for row in rows if row.revoked_at is None} == {session_of(here)}


async def test_a_session_over_by_time_ends_its_access_tokens_and_one_being_refreshed_does_not(
    client, make_user, settings
):
    await make_user()
    expired, too_old, refreshing = await log_in(client), await log_in(client), await log_in(client)
    now = datetime.now(UTC)
    await RefreshToken.filter(family=session_of(expired)).update(expires_at=now - timedelta(seconds=1))
    started = now - timedelta(days=settings.session_max_days, seconds=1)
    await RefreshToken.filter(family=session_of(too_old)).update(session_started_at=started)
    # Between spending its token and writing the successor, a refresh leaves only a spent one.
    await RefreshToken.filter(family=session_of(refreshing)).update(used_at=now)

    for tokens in (expired, too_old):
        assert_invalid_token(await client.get("/users/me", headers=bearer(tokens["access_token"])))
    response = await client.get("/users/me", headers=bearer(refreshing["access_token"]))
    assert response.status_code == 200
    assert response.json()["username"] == "alice"


async def test_a_stale_token_cannot_end_another_session(client, make_user, settings, keys):
    user = await make_user()
    here, there = await log_in(client), await log_in(client)

    response = await client.delete(
        f"/users/me/sessions/{session_of(there)}", headers=bearer(stale(settings, keys, user, here))
    )

    assert_step_up(response, settings)
    assert (await refresh(client, there)).status_code == 200


async def test_someone_elses_session_is_no_such_session(client, make_user):
    await make_user()
    await make_user("bob")
    alice, bob = await log_in(client), await log_in(client, "bob")

    theirs = await client.delete(f"/users/me/sessions/{session_of(bob)}", headers=bearer(alice["access_token"]))
    malformed = await client.delete("/users/me/sessions/not-a-session", headers=bearer(alice["access_token"]))

    assert theirs.status_code == 404
    assert theirs.json() == {"detail": "No such session"}
    assert malformed.status_code == 422
    assert (await refresh(client, bob)).status_code == 200
    assert [session["id"] for session in await listed(client, alice)] == [session_of(alice)]


async def test_a_revoked_login_is_no_longer_listed(client, make_user):
    await make_user()
    here, revoked = await log_in(client), await log_in(client)

    await client.post("/auth/revoke", data={"token": revoked["refresh_token"]})

    assert [session["id"] for session in await listed(client, here)] == [session_of(here)]


async def test_a_session_past_its_absolute_lifetime_is_over(client, make_user, settings):
    await make_user()
    here, old = await log_in(client), await log_in(client)
    too_long_ago = datetime.now(UTC) - timedelta(days=settings.session_max_days, minutes=1)
    await RefreshToken.filter(family=session_of(old)).update(session_started_at=too_long_ago)

    answer = await refresh(client, old)

    assert answer.status_code == 400
    assert answer.json()["error"] == "invalid_grant"
    assert [session["id"] for session in await listed(client, here)] == [session_of(here)]


async def test_no_refresh_carries_a_session_past_its_absolute_lifetime(client, make_user, settings):
    await make_user()
    tokens = await log_in(client)
    started = datetime.now(UTC) - timedelta(days=settings.session_max_days - 1)
    await RefreshToken.filter(family=session_of(tokens)).update(session_started_at=started)

    refreshed = (await refresh(client, tokens)).json()

    [session] = await listed(client, refreshed)
    end = started + timedelta(days=settings.session_max_days)
    assert datetime.fromisoformat(session["expires_at"]) == end
    assert datetime.fromisoformat(session["created_at"]) == started
