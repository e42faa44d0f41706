"""Verifying an address: by the emailed link, at sign-up and on a change of email."""

import pytest

from {{ cookiecutter.package_name }}.mail.models import OutboxMessage, VerifiedEmail
from {{ cookiecutter.package_name }}.models import {% if cookiecutter.allow_signup %}SecurityEvent, {% endif %}User

from ..conftest import {% if cookiecutter.allow_signup %}PASSWORD, {% endif %}bearer
from .conftest import confirm, link_in, text_of


async def change_email(client, get_token, address: str, username: str = "alice"):
    return await client.patch("/users/me", json={"email": address}, headers=bearer(await get_token(username)))


async def test_a_change_of_email_takes_effect_once_the_link_is_followed_and_the_old_address_is_told(
    client, make_user, get_token, mailbox
):
    user = await make_user(email="old@example.com")
    await VerifiedEmail.create(user=user, email_lower="old@example.com", verified_at=user.created_at)

    response = await change_email(client, get_token, "New@Example.com")

    assert response.status_code == 200
    assert response.json()["email"] == "old@example.com"
    assert (await User.get(id=user.id)).email == "old@example.com"
    [message] = await mailbox.wait_for("New@Example.com")
    page, token = link_in(message)
    assert page == "/account/verify-email"

    response = await confirm(client, token)

    assert response.status_code == 204
    assert (await User.get(id=user.id)).email == "New@Example.com"
    assert await VerifiedEmail.filter(user_id=user.id).values_list("email_lower", flat=True) == ["new@example.com"]
    [requested, notice] = await mailbox.wait_for("old@example.com", 2)
    assert "A change of your email address was asked for" in requested["Subject"]
    assert "Your email address was changed" in notice["Subject"]
    assert "This address no longer belongs to the account" in text_of(notice)
    assert "From: 127.0.0.1" in text_of(notice)


async def test_the_link_works_once_and_an_unknown_token_changes_nothing(client, make_user, get_token, mailbox):
    user = await make_user()
    await change_email(client, get_token, "alice@example.com")
    _, token = link_in((await mailbox.wait_for("alice@example.com"))[0])
    assert (await confirm(client, token)).status_code == 204
    await User.filter(id=user.id).update(email="other@example.com")

    for replayed in (token, token[:-1] + ("A" if token[-1] != "A" else "B")):
        response = await confirm(client, replayed)

        assert response.status_code == 400
        assert response.json() == {"detail": "The link is invalid, expired or already used: ask for a new one"}
    assert (await User.get(id=user.id)).email == "other@example.com"


{%- if cookiecutter.allow_signup %}


async def test_a_sign_up_with_an_email_gets_a_link_that_verifies_it(client, mailbox):
    response = await client.post(
        "/auth/register", json={"username": "alice", "password": PASSWORD, "email": "alice@example.com"}
    )
    assert response.status_code == 201
    assert not await VerifiedEmail.exists()

    _, token = link_in((await mailbox.wait_for("alice@example.com"))[0])
    assert (await confirm(client, token)).status_code == 204

    user = await User.get(username="alice")
    assert await VerifiedEmail.filter(user_id=user.id, email_lower="alice@example.com").exists()
    # The address it had all along: no change to tell of.
    assert not await SecurityEvent.filter(kind="email_changed").exists()
{%- endif %}


async def test_verifying_drops_other_accounts_unverified_claims_to_the_address(client, make_user, get_token, mailbox):
    squatter = await make_user(username="mallory", email="ALICE@example.com")
    alice = await make_user()

    await change_email(client, get_token, "alice@example.com")
    _, token = link_in((await mailbox.wait_for("alice@example.com"))[0])
    assert (await confirm(client, token)).status_code == 204

    assert (await User.get(id=squatter.id)).email is None
    assert (await User.get(id=alice.id)).email == "alice@example.com"
    # Mallory's security activity says where her address went.
    told = await client.get(
        "/users/me/events", params={"kind": "email_changed"}, headers=bearer(await get_token("mallory"))
    )
    assert [event["detail"] for event in told.json()] == [
        {"previous_email": "alice@example.com", "via": "claimed_by_another"}
    ]


async def test_an_address_verified_by_one_account_cannot_be_verified_by_another(client, make_user, get_token, mailbox):
    await make_user(username="alice")
    bob = await make_user(username="bobby")
    await change_email(client, get_token, "shared@example.com", "alice")
    await change_email(client, get_token, "shared@example.com", "bobby")
    first, second = await mailbox.wait_for("shared@example.com", 2)
    assert (await confirm(client, link_in(first)[1])).status_code == 204

    response = await confirm(client, link_in(second)[1], "bobby")

    assert response.status_code == 409
    assert response.json() == {"detail": "Another account has verified this address"}
    assert (await User.get(id=bob.id)).email is None
    assert not await VerifiedEmail.filter(user_id=bob.id).exists()


async def test_giving_your_verified_address_in_other_letters_changes_and_sends_nothing(client, make_user, get_token):
    user = await make_user(email="alice@example.com")
    await VerifiedEmail.create(user=user, email_lower="alice@example.com", verified_at=user.created_at)

    response = await change_email(client, get_token, "ALICE@Example.com")

    assert response.status_code == 200
    assert (await User.get(id=user.id)).email == "alice@example.com"
    assert not await OutboxMessage.exists()


async def test_confirmation_emails_are_limited_per_account(client, settings, make_user, get_token):
    settings.email_requests_per_account_per_hour = 2
    await make_user("alice")
    await make_user("bobby")
    token = await get_token("alice")

    answers = [
        await client.patch("/users/me", json={"email": f"alice{number}@example.com"}, headers=bearer(token))
        for number in range(3)
    ]
    bobs = await change_email(client, get_token, "bob@example.com", "bobby")

    assert [answer.status_code for answer in answers] == [200, 200, 429]
    # Until the first of them is an hour old.
    wait = int(answers[2].headers["retry-after"])
    assert 3500 < wait <= 3600
    assert answers[2].json() == {
        "error": "slow_down",
        "error_description": f"Too many confirmation emails: try again in {wait} seconds",
    }
    assert bobs.status_code == 200
    assert sorted(message.recipient for message in await OutboxMessage.all()) == [
        "alice0@example.com",
        "alice1@example.com",
        "bob@example.com",
    ]


async def test_confirmation_emails_are_limited_per_client_address(behind_proxy, settings, make_user, get_token):
    settings.email_requests_per_address_per_hour = 2
    await make_user("alice")
    await make_user("bobby")

    async def change(username: str, address: str, client_address: str):
        headers = {**bearer(await get_token(username)), "X-Forwarded-For": client_address}
        return await behind_proxy.patch("/users/me", json={"email": address}, headers=headers)

    alices = [await change("alice", f"alice{number}@example.com", "203.0.113.7") for number in range(2)]
    refused = await change("bobby", "bob@example.com", "203.0.113.7")
    elsewhere = await change("bobby", "bob@example.com", "203.0.113.8")

    assert [answer.status_code for answer in alices] == [200, 200]
    assert refused.status_code == 429
    wait = int(refused.headers["retry-after"])
    assert refused.json()["error_description"] == f"Too many confirmation emails: try again in {wait} seconds"
    assert elsewhere.status_code == 200
    assert await OutboxMessage.filter(recipient="bob@example.com").count() == 1


async def test_a_verification_left_by_an_address_changed_since_blocks_no_one(client, make_user, get_token, mailbox):
    # Alice verified the address, then an admin corrected her email to another.
    alice = await make_user(username="alice", email="alice@example.com")
    await VerifiedEmail.create(user=alice, email_lower="shared@example.com", verified_at=alice.created_at)
    bob = await make_user(username="bobby")
    await change_email(client, get_token, "shared@example.com", "bobby")
    _, token = link_in((await mailbox.wait_for("shared@example.com"))[0])

    response = await confirm(client, token, "bobby")

    assert response.status_code == 204
    assert (await User.get(id=bob.id)).email == "shared@example.com"
    assert [row.user_id for row in await VerifiedEmail.filter(email_lower="shared@example.com")] == [bob.id]
    assert (await User.get(id=alice.id)).email == "alice@example.com"


@pytest.mark.parametrize("body", [{}, {"token": ""}, {"token": "x" * 129}, {"token": 5}])
async def test_a_malformed_body_is_422(client, make_user, get_token, body):
    await make_user()
    assert (await client.post("/auth/verify-email", json=body, headers=bearer(await get_token()))).status_code == 422
