"""Ending sessions: revoking one login (RFC 7009), and logging out everywhere."""

import pytest

from {{ cookiecutter.package_name }}.models import RefreshToken

from .conftest import PASSWORD, bearer
from .test_users import NEW_PASSWORD


async def log_in(client, username: str = "alice", password: str = PASSWORD) -> dict:
    answer = await client.post(
        "/auth/token", data={"grant_type": "password", "username": username, "password": password}
    )
    assert answer.status_code == 200, answer.text
    return answer.json()


async def refreshes(client, tokens: dict) -> bool:
    form = {"grant_type": "refresh_token", "refresh_token": tokens["refresh_token"]}
    return (await client.post("/auth/token", data=form)).status_code == 200


async def works(client, tokens: dict) -> bool:
    return (await client.get("/users/me", headers=bearer(tokens["access_token"]))).status_code == 200


async def test_revoking_a_refresh_token_ends_its_login_only(client, make_user):
    await make_user()
    first, kept = await log_in(client), await log_in(client)
    form = {"grant_type": "refresh_token", "refresh_token": first["refresh_token"]}
    rotated = (await client.post("/auth/token", data=form)).json()

    # The spent first token names the login: its successor dies with it.
    answer = await client.post("/auth/revoke", data={"token": first["refresh_token"]})

    assert answer.status_code == 200
    assert not await refreshes(client, rotated)
    assert await refreshes(client, kept)


@pytest.mark.parametrize("token", ["never-issued", "an.access.token"])
async def test_revoking_an_unknown_token_is_answered_200(client, db, token):
    answer = await client.post("/auth/revoke", data={"token": token, "token_type_hint": "refresh_token"})

    assert answer.status_code == 200


async def test_revocation_needs_a_token(client, db):
    answer = await client.post("/auth/revoke", data={"token_type_hint": "refresh_token"})

    assert answer.status_code == 400
    assert answer.json()["error"] == "invalid_request"


async def test_logging_out_everywhere_ends_every_token(client, make_user):
    await make_user()
    here, elsewhere = await log_in(client), await log_in(client)

    answer = await client.post("/auth/logout-all", headers=bearer(here["access_token"]))

    assert answer.status_code == 204
    for tokens in (here, elsewhere):
        assert not await works(client, tokens)
        assert not await refreshes(client, tokens)
    assert await RefreshToken.filter(revoked_at__isnull=True).count() == 0
    assert await works(client, await log_in(client))


async def test_logging_out_everywhere_leaves_other_users_logged_in(client, make_user):
    await make_user()
    await make_user("bob")
    alice, bob = await log_in(client), await log_in(client, "bob")

    answer = await client.post("/auth/logout-all", headers=bearer(alice["access_token"]))

    assert answer.status_code == 204
    assert not await works(client, alice)
    assert await works(client, bob)
    assert await refreshes(client, bob)


async def test_a_new_password_logs_out_everywhere(client, make_user):
    await make_user()
    tokens = await log_in(client)

    answer = await client.patch(
        "/users/me",
        headers=bearer(tokens["access_token"]),
        json={"password": NEW_PASSWORD, "current_password": PASSWORD},
    )

    assert answer.status_code == 200
    assert not await works(client, tokens)
    assert not await refreshes(client, tokens)


@pytest.mark.parametrize(
    ("change", "undo"),
    [({"is_active": False}, {"is_active": True}), ({"scopes": []}, {"scopes": ["me"]})],
    ids=["deactivated", "scope-withdrawn"],
)
async def test_an_admin_deactivating_or_withdrawing_scopes_logs_the_user_out(client, make_user, change, undo):
    user = await make_user()
    # An admin grants only scopes they hold: giving `me` back takes holding it.
    await make_user("admin", scopes=("me", "users:write"))
    tokens, admin = await log_in(client), await log_in(client, "admin")

    answer = await client.patch(f"/users/{user.id}", headers=bearer(admin["access_token"]), json=change)
    # Reactivated, or given the scope back, the user logs in afresh: the old tokens stay dead.
    undone = await client.patch(f"/users/{user.id}", headers=bearer(admin["access_token"]), json=undo)

    assert (answer.status_code, undone.status_code) == (200, 200)
    assert undone.json()["is_active"] is True
    assert undone.json()["scopes"] == ["me"]
    assert not await works(client, tokens)
    assert not await refreshes(client, tokens)
    assert await works(client, await log_in(client))


async def test_granting_a_scope_logs_no_one_out(client, make_user):
    user = await make_user()
    await make_user("admin", scopes=("me", "users:read", "users:write"))
    tokens, admin = await log_in(client), await log_in(client, "admin")

    answer = await client.patch(
        f"/users/{user.id}", headers=bearer(admin["access_token"]), json={"scopes": ["me", "users:read"]}
    )

    assert answer.status_code == 200
    assert answer.json()["scopes"] == ["me", "users:read"]
    assert await works(client, tokens)
    assert await refreshes(client, tokens)
