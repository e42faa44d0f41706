"""grant_type=refresh_token (RFC 6749 section 6): rotation on every use, reuse revokes the login."""

import asyncio
import hashlib
from datetime import UTC, datetime, timedelta

import pytest

from {{ cookiecutter.package_name }} import refresh_tokens
from {{ cookiecutter.package_name }}.devices import Device
from {{ cookiecutter.package_name }}.models import RefreshToken, SecurityEvent, User

from .conftest import PASSWORD, bearer

# Enough for any number of spent tokens to show: each refresh would leave one more row.
REFRESHES = 20


async def log_in(client, scope: str | None = None) -> dict:
    form = {"grant_type": "password", "username": "alice", "password": PASSWORD}
    if scope is not None:
        form["scope"] = scope
    answer = await client.post("/auth/token", data=form)
    assert answer.status_code == 200, answer.text
    return answer.json()


def hash_of(tokens: dict) -> str:
    return hashlib.sha256(tokens["refresh_token"].encode()).hexdigest()


def refresh(client, refresh_token: str, scope: str | None = None):
    form = {"grant_type": "refresh_token", "refresh_token": refresh_token}
    if scope is not None:
        form["scope"] = scope
    return client.post("/auth/token", data=form)


async def test_a_login_gives_a_refresh_token_kept_only_as_a_hash(client, make_user, settings):
    user = await make_user()

    tokens = await log_in(client)

    [stored] = await RefreshToken.filter(user_id=user.id)
    assert tokens["refresh_token"] not in str(await RefreshToken.filter(user_id=user.id).values())
    assert stored.token_hash == hashlib.sha256(tokens["refresh_token"].encode()).hexdigest()
    lifetime = stored.expires_at - stored.created_at
    assert abs(lifetime - timedelta(days=settings.refresh_token_days)) < timedelta(seconds=5)


async def test_a_refresh_rotates_the_token(client, make_user):
    await make_user()
    first = await log_in(client)

    answer = await refresh(client, first["refresh_token"])

    assert answer.status_code == 200
    assert answer.headers["cache-control"] == "no-store"
    second = answer.json()
    assert second["refresh_token"] != first["refresh_token"]
    assert second["scope"] == "me"
    assert (await client.get("/users/me", headers=bearer(second["access_token"]))).status_code == 200
    assert (await refresh(client, second["refresh_token"])).status_code == 200


async def test_a_reused_refresh_token_revokes_the_whole_login(client, make_user):
    await make_user()
    first = await log_in(client)
    second = (await refresh(client, first["refresh_token"])).json()
    other_login = await log_in(client)

    reuse = await refresh(client, first["refresh_token"])

    assert reuse.status_code == 400
    assert reuse.json()["error"] == "invalid_grant"
    assert reuse.json()["error_description"] == (
        "This refresh token was used before: every token of its login is now revoked"
    )
    assert (await refresh(client, second["refresh_token"])).json()["error"] == "invalid_grant"
    # Another login of the same user is another family: untouched.
    assert (await refresh(client, other_login["refresh_token"])).status_code == 200


async def test_a_session_keeps_two_rows_however_often_refreshed_and_a_long_spent_token_is_still_a_reuse(
    client, make_user
):
    user = await make_user()
    first = await log_in(client)
    tokens = first
    for _ in range(REFRESHES):
        tokens = (await refresh(client, tokens["refresh_token"])).json()
    family = (await RefreshToken.get(token_hash=hash_of(tokens))).family

    # The current token, and the one spent for it (a retry within the account pages' grace reads it).
    kept = await RefreshToken.filter(family=family).order_by("id")
    assert [row.used_at is None for row in kept] == [False, True]
    assert kept[1].token_hash == hash_of(tokens)
    assert await RefreshToken.filter(token_hash=hash_of(first)).count() == 0
    # A token made up in the session's name (its id is no secret) is no reuse: it revokes nothing.
    refused = await refresh(client, f"{family}.{'n' * 22}.{'0' * 64}")
    assert refused.json() == {
        "error": "invalid_grant",
        "error_description": "The refresh token is invalid, expired or revoked",
    }
    assert await RefreshToken.filter(family=family, revoked_at__isnull=False).count() == 0

    replayed = await refresh(client, first["refresh_token"])

    assert replayed.status_code == 400
    assert replayed.json()["error_description"] == (
        "This refresh token was used before: every token of its login is now revoked"
    )
    assert await RefreshToken.filter(family=family, revoked_at__isnull=True).count() == 0
    assert [(event.user_id, event.detail) for event in await SecurityEvent.filter(kind="refresh_reused")] == [
        (user.id, {"session": family})
    ]
    assert (await refresh(client, tokens["refresh_token"])).json()["error"] == "invalid_grant"
    assert (await client.get("/users/me", headers=bearer(tokens["access_token"]))).status_code == 401


async def test_a_refresh_may_narrow_the_scope_but_never_widen_it(client, make_user):
    await make_user(scopes=("me", "users:read", "users:write"))
    tokens = await log_in(client, scope="me users:read")

    narrowed = await refresh(client, tokens["refresh_token"], scope="users:read")
    widened = await refresh(client, narrowed.json()["refresh_token"], scope="me users:write")

    assert narrowed.status_code == 200
    assert narrowed.json()["scope"] == "users:read"
    assert widened.status_code == 400
    assert widened.json() == {"error": "invalid_scope", "error_description": "A refresh cannot add scopes: users:write"}


async def test_the_narrowed_refresh_token_still_carries_the_login_scope(client, make_user):
    await make_user(scopes=("me", "users:read"))
    tokens = await log_in(client)
    narrowed = (await refresh(client, tokens["refresh_token"], scope="me")).json()

    again = await refresh(client, narrowed["refresh_token"])

    assert again.json()["scope"] == "me users:read"


async def test_a_scope_withdrawn_from_the_user_disappears_at_the_next_refresh(client, make_user):
    user = await make_user(scopes=("me", "users:read"))
    tokens = await log_in(client)
    user.scopes = ["me"]
    await user.save(update_fields=["scopes"])

    answer = await refresh(client, tokens["refresh_token"])

    assert answer.json()["scope"] == "me"


async def test_a_scope_granted_after_the_login_is_not_added_by_a_refresh(client, make_user):
    user = await make_user(scopes=("me",))
    tokens = await log_in(client)
    user.scopes = ["me", "users:read"]
    await user.save(update_fields=["scopes"])

    answer = await refresh(client, tokens["refresh_token"])

    assert answer.json()["scope"] == "me"


async def test_of_two_refreshes_with_one_token_exactly_one_succeeds_and_its_successor_dies(client, make_user):
    await make_user()
    tokens = await log_in(client)

    answers = await asyncio.gather(*(refresh(client, tokens["refresh_token"]) for _ in range(2)))

    assert sorted(answer.status_code for answer in answers) == [200, 400]
    [winner] = [answer.json() for answer in answers if answer.status_code == 200]
    # The loser presented a spent token: the whole login is revoked, the winner's successor too.
    assert (await refresh(client, winner["refresh_token"])).json()["error"] == "invalid_grant"


async def test_a_refresh_token_made_during_a_logout_everywhere_is_refused(client, make_user, settings):
    stale = await make_user()  # this copy keeps the token version from before the logout
    await refresh_tokens.log_out_everywhere(stale.id)
    # A login finishing while the logout ran writes its token after the revocation.
    straggler, _ = await refresh_tokens.issue(settings, stale, ["me"], Device("127.0.0.1", ""))

    answer = await refresh(client, straggler)

    assert answer.json()["error"] == "invalid_grant"


async def test_asking_for_a_wider_scope_leaves_the_token_unspent(client, make_user):
    await make_user(scopes=("me", "users:read"))
    tokens = await log_in(client, scope="me")

    widened = await refresh(client, tokens["refresh_token"], scope="me users:read")
    retried = await refresh(client, tokens["refresh_token"])

    assert widened.json()["error"] == "invalid_scope"
    assert retried.status_code == 200


@pytest.mark.parametrize("problem", ["unknown", "expired", "deactivated", "missing"])
async def test_an_unusable_refresh_token_is_invalid_grant(client, make_user, problem):
    user = await make_user()
    tokens = await log_in(client)
    if problem == "expired":
        await RefreshToken.all().update(expires_at=datetime.now(UTC) - timedelta(seconds=1))
    elif problem == "deactivated":
        await User.filter(id=user.id).update(is_active=False)

    if problem == "missing":
        answer = await client.post("/auth/token", data={"grant_type": "refresh_token"})
    else:
        answer = await refresh(client, "not-a-token" if problem == "unknown" else tokens["refresh_token"])

    assert answer.status_code == 400
    assert answer.json()["error"] == ("invalid_request" if problem == "missing" else "invalid_grant")


async def test_every_scope_a_refresh_would_add_is_named(client, make_user):
    await make_user(scopes=("me", "users:read", "users:write"))
    tokens = await log_in(client, scope="me")

    widened = await refresh(client, tokens["refresh_token"], scope="users:read me users:write")

    assert widened.json() == {
        "error": "invalid_scope",
        "error_description": "A refresh cannot add scopes: users:read users:write",
    }


async def test_a_login_clears_the_users_expired_refresh_tokens(client, make_user):
    user = await make_user()
    expired = await log_in(client)
    await RefreshToken.all().update(expires_at=datetime.now(UTC) - timedelta(seconds=1))

    fresh = await log_in(client)

    [kept] = await RefreshToken.filter(user_id=user.id)
    assert kept.token_hash == hashlib.sha256(fresh["refresh_token"].encode()).hexdigest()
    assert expired["refresh_token"] != fresh["refresh_token"]
