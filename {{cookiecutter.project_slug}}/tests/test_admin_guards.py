"""What holders of users:write may not do: grant scopes they do not hold (in their token as in their
account), see the account they change without users:read, record an empty change, or leave the
service without an active holder of users:write."""

import asyncio

import pytest

from {{ cookiecutter.package_name }}.models import SecurityEvent, User

from .conftest import bearer


async def snapshot() -> list[tuple]:
    return await User.all().order_by("id").values_list("id", "email", "scopes", "is_active", "token_version")


async def test_a_writer_cannot_grant_itself_a_scope_it_lacks(client, make_user, get_token):
    admin = await make_user("admin", scopes=("users:write",))
    headers = bearer(await get_token("admin"))
    before = await snapshot()

    answer = await client.patch(f"/users/{admin.id}", headers=headers, json={"scopes": ["users:write", "users:read"]})

    assert answer.status_code == 403
    assert answer.json() == {"detail": "You can grant only scopes you hold: users:read"}
    assert await snapshot() == before


async def test_a_token_narrowed_to_users_write_grants_no_scope_it_lacks(client, make_user, get_token):
    # The account holds every scope; the token it acts with was asked for with two of them.
    await make_user("admin", scopes=("me", "users:read", "users:write"))
    bob = await make_user("bob", scopes=("me",))
    headers = bearer(await get_token("admin", scope="users:write me"))
    before = await snapshot()
    events = await SecurityEvent.all().count()

    answer = await client.patch(f"/users/{bob.id}", headers=headers, json={"scopes": ["me", "users:read"]})

    assert answer.status_code == 403
    assert answer.json() == {"detail": "You can grant only scopes you hold: users:read"}
    assert await snapshot() == before
    assert await SecurityEvent.all().count() == events


async def test_a_writer_without_users_read_is_shown_nothing_of_the_account(client, make_user, get_token):
    admin = await make_user("admin", scopes=("me", "users:write"))
    reader = await make_user("reader", scopes=("users:read", "users:write"))
    bob = await make_user("bob", scopes=("me",), email="bob@example.com")

    hidden = await client.patch(f"/users/{bob.id}", headers=bearer(await get_token("admin")), json={"is_active": False})
    shown = await client.patch(f"/users/{bob.id}", headers=bearer(await get_token("reader")), json={"is_active": True})

    assert hidden.status_code == 204
    assert hidden.content == b""
    assert shown.status_code == 200
    assert shown.json()["email"] == "bob@example.com"
    assert (await User.get(id=bob.id)).is_active is True
    changes = await SecurityEvent.filter(kind="user_changed_by_admin").order_by("id").values_list("actor_id", "detail")
    assert changes == [(admin.id, {"is_active": False}), (reader.id, {"is_active": True})]


async def test_an_empty_change_is_422_and_records_nothing(client, make_user, get_token):
    await make_user("admin", scopes=("me", "users:read", "users:write"))
    bob = await make_user("bob", scopes=("me",))
    headers = bearer(await get_token("admin"))
    before = await snapshot()
    events = await SecurityEvent.all().count()

    answer = await client.patch(f"/users/{bob.id}", headers=headers, json={})

    assert answer.status_code == 422
    assert answer.json() == {
        "detail": [{"loc": ["body"], "msg": "Value error, name at least one field to change", "type": "value_error"}]
    }
    assert await snapshot() == before
    assert await SecurityEvent.all().count() == events


async def test_the_document_says_what_an_admin_change_answers(client):
    document = (await client.get("/openapi.json")).json()
    operation = document["paths"]["/users/{user_id}"]["patch"]

    assert operation["responses"]["200"]["content"]["application/json"]["schema"] == {
        "$ref": "#/components/schemas/UserOut"
    }
    assert operation["responses"]["204"] == {
        "description": "Changed, to a token without users:read: nothing of the user is shown"
    }
    assert document["components"]["schemas"]["AccountChange"]["minProperties"] == 1


@pytest.mark.parametrize(
    "change",
    [
        {"scopes": ["me", "users:read"]},
        {"scopes": ["me", "users:read"], "email": "bob@example.com", "is_active": False},
    ],
)
async def test_a_scope_the_admin_lacks_is_granted_to_no_one(client, make_user, get_token, change):
    await make_user("admin", scopes=("me", "users:write"))
    bob = await make_user("bob", scopes=("me",))
    headers = bearer(await get_token("admin"))
    before = await snapshot()

    answer = await client.patch(f"/users/{bob.id}", headers=headers, json=change)

    assert answer.status_code == 403
    assert await snapshot() == before


async def test_every_scope_the_admin_lacks_is_named(client, make_user, get_token):
    await make_user("admin", scopes=("users:write",))
    bob = await make_user("bob", scopes=())
    before = await snapshot()

    answer = await client.patch(
        f"/users/{bob.id}", headers=bearer(await get_token("admin")), json={"scopes": ["me", "users:read"]}
    )

    assert answer.status_code == 403
    assert answer.json() == {"detail": "You can grant only scopes you hold: me users:read"}
    assert await snapshot() == before


@pytest.mark.parametrize("change", [{"is_active": False}, {"scopes": ["me"]}])
async def test_demoting_a_user_that_does_not_exist_is_404(client, make_user, get_token, change):
    await make_user("admin", scopes=("me", "users:write"))
    before = await snapshot()

    answer = await client.patch("/users/999999", headers=bearer(await get_token("admin")), json=change)

    assert answer.status_code == 404
    assert answer.json() == {"detail": "No such user"}
    assert await snapshot() == before


async def test_a_deactivated_user_may_be_reactivated(client, make_user, get_token):
    await make_user("admin", scopes=("me", "users:write"))
    bob = await make_user("bob", is_active=False)

    answer = await client.patch(f"/users/{bob.id}", headers=bearer(await get_token("admin")), json={"is_active": True})

    assert answer.status_code == 204
    assert (await User.get(id=bob.id)).is_active is True


async def test_scopes_the_user_already_holds_may_be_kept_or_withdrawn(client, make_user, get_token):
    await make_user("admin", scopes=("me", "users:write"))
    bob = await make_user("bob", scopes=("me", "users:read", "reports"))
    headers = bearer(await get_token("admin"))

    kept = await client.patch(f"/users/{bob.id}", headers=headers, json={"scopes": ["users:read", "me"]})

    assert kept.status_code == 204
    assert (await User.get(id=bob.id)).scopes == ["users:read", "me"]


@pytest.mark.parametrize("change", [{"is_active": False}, {"scopes": ["me"]}, {"scopes": []}])
async def test_the_last_admin_cannot_demote_itself(client, make_user, get_token, change):
    admin = await make_user("admin", scopes=("me", "users:write"))
    # A deactivated holder of users:write is no admin.
    await make_user("former", scopes=("users:write",), is_active=False)
    headers = bearer(await get_token("admin"))
    before = await snapshot()

    answer = await client.patch(f"/users/{admin.id}", headers=headers, json=change)

    assert answer.status_code == 409
    assert answer.json() == {"detail": "This is the last active holder of users:write: grant it to someone else first"}
    assert await snapshot() == before
    assert (await client.get("/users/me", headers=headers)).status_code == 200


async def test_with_another_admin_one_may_step_down(client, make_user, get_token):
    admin = await make_user("admin", scopes=("me", "users:write"))
    await make_user("other", scopes=("users:write",))
    headers = bearer(await get_token("admin"))

    answer = await client.patch(f"/users/{admin.id}", headers=headers, json={"scopes": ["me"]})

    assert answer.status_code == 204
    assert (await User.get(id=admin.id)).scopes == ["me"]


async def test_an_inactive_admin_may_lose_the_scope(client, make_user, get_token):
    await make_user("admin", scopes=("me", "users:write"))
    former = await make_user("former", scopes=("users:write",), is_active=False)
    headers = bearer(await get_token("admin"))

    answer = await client.patch(f"/users/{former.id}", headers=headers, json={"scopes": []})

    assert answer.status_code == 204
    assert (await User.get(id=former.id)).scopes == []


async def test_two_admins_deactivating_each_other_at_once_leave_one(client, make_user, get_token):
    first = await make_user("first", scopes=("users:write",))
    second = await make_user("second", scopes=("users:write",))
    first_headers, second_headers = bearer(await get_token("first")), bearer(await get_token("second"))

    answers = await asyncio.gather(
        client.patch(f"/users/{second.id}", headers=first_headers, json={"is_active": False}),
        client.patch(f"/users/{first.id}", headers=second_headers, json={"is_active": False}),
    )

    # The loser is refused as the last admin, or, if the winner was quicker still, as deactivated.
    assert sorted(answer.status_code for answer in answers) in ([204, 401], [204, 409])
    assert await User.filter(is_active=True).count() == 1


async def test_the_last_admin_cannot_delete_its_account(client, make_user, get_token):
    admin = await make_user("admin", scopes=("me", "users:write"))
    await make_user("bob", scopes=("me",))
    before = await snapshot()

    answer = await client.delete("/users/me", headers=bearer(await get_token("admin")))

    assert answer.status_code == 409
    assert answer.json() == {"detail": "You are the last active holder of users:write: grant it to someone first"}
    assert await snapshot() == before
    assert await User.exists(id=admin.id)


async def test_an_admin_with_another_beside_it_may_delete_its_account(client, make_user, get_token):
    admin = await make_user("admin", scopes=("me", "users:write"))
    await make_user("second", scopes=("me", "users:write"))

    answer = await client.delete("/users/me", headers=bearer(await get_token("admin")))

    assert answer.status_code == 204
    assert not await User.exists(id=admin.id)
