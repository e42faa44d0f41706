"""/users: your own account, and everyone's for holders of users:read and users:write."""

import pytest

from {{ cookiecutter.package_name }} import refresh_tokens
from {{ cookiecutter.package_name }}.devices import Device
from {{ cookiecutter.package_name }}.models import User
from {{ cookiecutter.package_name }}.tokens import issue_access_token

from .conftest import PASSWORD, bearer
from .test_token import login

NEW_PASSWORD = "a much better passphrase"
# 25 syllables, 75 bytes in UTF-8: past the 72 that plain bcrypt reads.
KOREAN_PASSPHRASE = "죽는날까지하늘을우러러한점부끄럼이없기를잎새에이는"


async def test_me_shows_the_account_without_secrets(client, make_user, get_token):
    await make_user(email="alice@example.com")

    response = await client.get("/users/me", headers=bearer(await get_token()))

    body = response.json()
    assert set(body) == {
        "id",
        "username",
        "email",
        "is_active",
        "scopes",
        "has_password",
        "created_at",
        "last_login_at",
{%- if cookiecutter.social_login != "none" %}
        "identities",
{%- endif %}
    }
    assert body["email"] == "alice@example.com"
    assert body["last_login_at"] is not None


async def test_changing_the_password_needs_the_current_one(client, make_user, get_token):
    await make_user(email="alice@example.com")
    headers = bearer(await get_token())

    wrong = await client.patch(
        "/users/me", headers=headers, json={"password": NEW_PASSWORD, "current_password": "nope"}
    )
    missing = await client.patch("/users/me", headers=headers, json={"password": NEW_PASSWORD})
    right = await client.patch(
        "/users/me", headers=headers, json={"password": NEW_PASSWORD, "current_password": PASSWORD}
    )

    assert (wrong.status_code, missing.status_code, right.status_code) == (403, 403, 200)
    assert wrong.json() == {"detail": "current_password is incorrect"}
    # A change of password alone leaves the rest of the account as it was.
    assert right.json()["email"] == (await User.get(username="alice")).email == "alice@example.com"
    assert await get_token(password=NEW_PASSWORD)
    old = await client.post("/auth/token", data={"grant_type": "password", "username": "alice", "password": PASSWORD})
    assert old.json()["error"] == "invalid_grant"


async def test_a_user_without_a_password_may_set_one_after_a_recent_login(client, make_user, settings, keys):
    user = await make_user(password=None)
    await make_user("bobby", password=None)
    # A session as a provider login just now would start it.
    _, session = await refresh_tokens.issue(settings, user, ["me"], Device("127.0.0.1", ""), amr=["fed"])
    token, _ = issue_access_token(
        settings, keys, user.id, user.token_version, ["me"], session.family, session.auth_time, ["fed"]
    )

    response = await client.patch("/users/me", headers=bearer(token), json={"password": NEW_PASSWORD})

    assert response.status_code == 200
    assert response.json()["has_password"] is True
    assert (await User.get(username="bobby")).password_hash is None


async def test_email_can_be_changed_and_cleared(client, make_user, get_token):
    await make_user(email="old@example.com")
    headers = bearer(await get_token())

    changed = await client.patch("/users/me", headers=headers, json={"email": "new@example.com"})
    cleared = await client.patch("/users/me", headers=headers, json={"email": None})

{%- if cookiecutter.email == "none" %}
    assert changed.json()["email"] == "new@example.com"
{%- else %}
    # A new address waits for its link to be followed (tests/mail/); removing one's own does not.
    assert changed.json()["email"] == "old@example.com"
{%- endif %}
    assert cleared.json()["email"] is None
    assert (await User.get(username="alice")).email is None


async def test_a_weak_new_password_is_422_and_changes_nothing(client, make_user, get_token):
    await make_user()
    headers = bearer(await get_token())

    response = await client.patch(
        "/users/me", headers=headers, json={"password": "short", "current_password": PASSWORD}
    )

    assert response.status_code == 422
    assert await get_token()


@pytest.mark.parametrize(
    "new_password",
    ["x" * 8, KOREAN_PASSPHRASE, "\u00e9" * 256],
    ids=["8-characters", "korean-75-bytes", "256-characters"],
)
async def test_a_new_password_right_at_the_policy_limits_is_taken(client, make_user, get_token, new_password):
    await make_user()
    headers = bearer(await get_token())

    response = await client.patch(
        "/users/me", headers=headers, json={"password": new_password, "current_password": PASSWORD}
    )

    assert response.status_code == 200
    assert response.json()["has_password"] is True
    assert (await User.get(username="alice")).password_hash.startswith("$bcrypt-sha256$")
    assert await get_token(password=new_password)
    # The whole password counts: all but its last character is another password.
    assert (await login(client, password=new_password[:-1])).json()["error"] == "invalid_grant"


@pytest.mark.parametrize("new_password", ["x" * 257, "\u00e9" * 257], ids=["ascii", "accented"])
async def test_a_new_password_over_256_characters_is_422_and_changes_nothing(
    client, make_user, get_token, new_password
):
    user = await make_user()
    headers = bearer(await get_token())

    response = await client.patch(
        "/users/me", headers=headers, json={"password": new_password, "current_password": PASSWORD}
    )

    assert response.status_code == 422
    assert response.json() == {
        "detail": [
            {
                "loc": ["body", "password"],
                "msg": "Value error, must be at most 256 characters long",
                "type": "value_error",
            }
        ]
    }
    assert (await User.get(id=user.id)).password_hash == user.password_hash
    assert (await client.get("/users/me", headers=headers)).status_code == 200
    assert await get_token()


async def test_me_cannot_grant_itself_scopes(client, make_user, get_token):
    await make_user()

    response = await client.patch("/users/me", headers=bearer(await get_token()), json={"scopes": ["users:write"]})

    assert response.status_code == 422
    assert (await User.get(username="alice")).scopes == ["me"]


async def test_listing_users_needs_users_read_and_pages(client, make_user, get_token):
    await make_user(scopes=("me", "users:read"))
    for name in ("bob", "carol", "dave"):
        await make_user(username=name)
    headers = bearer(await get_token())

    everyone = await client.get("/users", headers=headers)
    page = await client.get("/users", headers=headers, params={"limit": 2, "offset": 1})

    assert [user["username"] for user in everyone.json()] == ["alice", "bob", "carol", "dave"]
    assert [user["username"] for user in page.json()] == ["bob", "carol"]


@pytest.mark.parametrize("params", [{"limit": 0}, {"limit": 101}, {"offset": -1}, {"limit": "many"}])
async def test_bad_paging_is_422(client, make_user, get_token, params):
    await make_user(scopes=("users:read",))

    response = await client.get("/users", headers=bearer(await get_token()), params=params)

    assert response.status_code == 422


async def test_reading_one_user_needs_users_read(client, make_user, get_token):
    await make_user(scopes=("users:read",))
    bob = await make_user(username="bob")
    headers = bearer(await get_token())

    found = await client.get(f"/users/{bob.id}", headers=headers)
    missing = await client.get("/users/999999", headers=headers)
    malformed = await client.get("/users/bob", headers=headers)

    assert found.json()["username"] == "bob"
    assert missing.status_code == 404
    assert missing.json() == {"detail": "No such user"}
    assert malformed.status_code == 422


async def test_users_write_grants_and_withdraws_scopes(client, make_user, get_token):
    await make_user(scopes=("users:read", "users:write"))
    bob = await make_user(username="bob", scopes=("me",))
    headers = bearer(await get_token())

    response = await client.patch(f"/users/{bob.id}", headers=headers, json={"scopes": ["me", "users:read"]})

    assert response.status_code == 200
    assert response.json()["scopes"] == ["me", "users:read"]
    assert (await User.get(id=bob.id)).scopes == ["me", "users:read"]
    bob_token = await get_token("bob", scope="users:read")
    assert (await client.get("/users", headers=bearer(bob_token))).status_code == 200

    await client.patch(f"/users/{bob.id}", headers=headers, json={"scopes": ["me"]})
    # Withdrawing a scope logs bob out everywhere; logged in again, he no longer has it.
    assert (await client.get("/users", headers=bearer(bob_token))).status_code == 401
    assert (await client.get("/users", headers=bearer(await get_token("bob")))).status_code == 403


async def test_users_write_deactivates_and_the_user_is_locked_out(client, make_user, get_token):
    await make_user(scopes=("users:write",))
    bob = await make_user(username="bob")
    bob_token = await get_token("bob")

    response = await client.patch(f"/users/{bob.id}", headers=bearer(await get_token()), json={"is_active": False})

    assert response.status_code == 204
    assert (await User.get(id=bob.id)).is_active is False
    assert (await client.get("/users/me", headers=bearer(bob_token))).status_code == 401
    relogin = await client.post("/auth/token", data={"grant_type": "password", "username": "bob", "password": PASSWORD})
    assert relogin.json()["error"] == "invalid_grant"


@pytest.mark.parametrize(
    "body",
    [{"scopes": ["launch:missiles"]}, {"scopes": None}, {"is_active": None}, {"is_active": "maybe"}, {"password": "x"}],
    ids=["unknown-scope", "null-scopes", "null-is-active", "not-a-bool", "unknown-field"],
)
async def test_bad_changes_are_422_and_change_nothing(client, make_user, get_token, body):
    await make_user(scopes=("users:write",))
    bob = await make_user(username="bob")

    response = await client.patch(f"/users/{bob.id}", headers=bearer(await get_token()), json=body)

    assert response.status_code == 422
    after = await User.get(id=bob.id)
    assert (after.scopes, after.is_active) == (["me"], True)


async def test_changing_another_user_needs_users_write(client, make_user, get_token):
    await make_user(scopes=("me", "users:read"))
    bob = await make_user(username="bob")

    response = await client.patch(f"/users/{bob.id}", headers=bearer(await get_token()), json={"is_active": False})

    assert response.status_code == 403
    assert response.headers["www-authenticate"] == 'Bearer error="insufficient_scope", scope="users:write"'
    assert (await User.get(id=bob.id)).is_active is True
