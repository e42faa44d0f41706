"""GET /users/me/email: what the account page shows of your address."""

from datetime import UTC, datetime, timedelta

from {{ cookiecutter.package_name }}.mail.models import EmailToken, OutboxMessage, Purpose, Status, VerifiedEmail
from {{ cookiecutter.package_name }}.models import SecurityEvent, User

from ..conftest import {% if cookiecutter.allow_signup %}PASSWORD, {% endif %}bearer
from .conftest import confirm, link_in, until
from .test_taking_back import nothing_queued
from .test_verification import change_email


async def email_status(client, get_token, username: str = "alice") -> dict:
    response = await client.get("/users/me/email", headers=bearer(await get_token(username)))
    assert response.status_code == 200, response.text
    return response.json()


async def test_an_address_is_unverified_until_its_link_is_followed(client, make_user, get_token, mailbox):
    await make_user(email="alice@example.com")
    assert await email_status(client, get_token) == {"email": "alice@example.com", "verified": False, "pending": None}

    await change_email(client, get_token, "new@example.com")
    _, token = link_in((await mailbox.wait_for("new@example.com"))[0])

    assert await email_status(client, get_token) == {
        "email": "alice@example.com",
        "verified": False,
        "pending": "new@example.com",
    }
    assert (await confirm(client, token)).status_code == 204
    assert await email_status(client, get_token) == {"email": "new@example.com", "verified": True, "pending": None}


async def test_a_verified_address_changed_elsewhere_no_longer_counts(client, make_user, get_token):
    user = await make_user(email="alice@example.com")
    await VerifiedEmail.create(user=user, email_lower="alice@example.com", verified_at=user.created_at)
    assert (await email_status(client, get_token))["verified"] is True

    await User.filter(id=user.id).update(email="other@example.com")

    assert await email_status(client, get_token) == {"email": "other@example.com", "verified": False, "pending": None}


async def test_an_address_another_account_verified_is_not_verified_for_a_later_claim(client, make_user, get_token):
    alice = await make_user(email="alice@example.com")
    await VerifiedEmail.create(user=alice, email_lower="alice@example.com", verified_at=alice.created_at)
    # Typed in later for another account (by an admin, say): a claim, unverified.
    await make_user("squatter", email="ALICE@example.com")

    assert (await email_status(client, get_token, "squatter"))["verified"] is False


async def test_it_needs_a_login(client):
    response = await client.get("/users/me/email")

    assert response.status_code == 401


async def test_a_change_cancelled_while_its_link_waits_to_be_sent_sends_none(client, make_user, get_token, mailbox):
    """The sender held up by another message: the change's row waits, its link not made yet."""
    bob = await make_user("bobby", email="bob@example.com")
    await VerifiedEmail.create(user=bob, email_lower="bob@example.com", verified_at=bob.created_at)
    user = await make_user()
    mailbox.delay = 3
    assert (await client.post("/auth/forgot-password", json={"email": "bob@example.com"})).status_code == 202

    async def held_up() -> bool:
        return mailbox.begun == 1

    await until(held_up)
    assert (await change_email(client, get_token, "new@example.com")).status_code == 200
    waiting = await email_status(client, get_token)
    cancelled = await client.delete("/users/me/email/pending", headers=bearer(await get_token()))
    after = await email_status(client, get_token)
    mailbox.delay = 0
    await until(nothing_queued)

    assert waiting["pending"] == "new@example.com"
    assert cancelled.status_code == 204
    assert after["pending"] is None
    assert [message["To"] for message in mailbox.messages] == ["bob@example.com"]
    dropped = await OutboxMessage.get(kind="verify_email")
    assert dropped.status == Status.DROPPED
    # For the retention to count from.
    assert dropped.finished_at is not None
    assert await SecurityEvent.filter(kind="email_change_cancelled", user_id=user.id).count() == 1


async def test_an_unverified_address_given_again_in_other_letters_is_sent_its_link(
    client, make_user, get_token, mailbox
):
    await make_user(email="alice@example.com")

    answer = await change_email(client, get_token, "ALICE@example.com")

    assert answer.status_code == 200
    assert answer.json()["email"] == "alice@example.com"
    _, token = link_in((await mailbox.wait_for("ALICE@example.com"))[0])
    # The same address: no change of it waits.
    assert await email_status(client, get_token) == {"email": "alice@example.com", "verified": False, "pending": None}
    assert (await confirm(client, token)).status_code == 204
    assert await email_status(client, get_token) == {"email": "ALICE@example.com", "verified": True, "pending": None}


async def test_another_accounts_change_is_not_yours_to_see_or_cancel(client, make_user, get_token, mailbox):
    await make_user(email="alice@example.com")
    await make_user("bobby")
    assert (await change_email(client, get_token, "bob@example.com", "bobby")).status_code == 200
    [message] = await mailbox.wait_for("bob@example.com")

    status = await email_status(client, get_token)
    cancelled = await client.delete("/users/me/email/pending", headers=bearer(await get_token()))

    assert status == {"email": "alice@example.com", "verified": False, "pending": None}
    assert cancelled.status_code == 204
    assert not await SecurityEvent.filter(kind="email_change_cancelled").exists()
    assert (await confirm(client, link_in(message)[1], "bobby")).status_code == 204


async def test_a_change_made_leaves_nothing_pending_with_its_undo_link_out(client, make_user, get_token, mailbox):
    user = await make_user(email="old@example.com")
    await VerifiedEmail.create(user=user, email_lower="old@example.com", verified_at=user.created_at)
    assert (await change_email(client, get_token, "new@example.com")).status_code == 200
    _, token = link_in((await mailbox.wait_for("new@example.com"))[0])
    assert (await confirm(client, token)).status_code == 204
    notices = await mailbox.wait_for("old@example.com", 2)
    [changed] = [mail for mail in notices if mail["Subject"].endswith("Your email address was changed")]
    assert link_in(changed)[0] == "/account/undo-email-change"

    status = await email_status(client, get_token)
    cancelled = await client.delete("/users/me/email/pending", headers=bearer(await get_token()))

    assert status == {"email": "new@example.com", "verified": True, "pending": None}
    assert cancelled.status_code == 204
    assert not await SecurityEvent.filter(kind="email_change_cancelled").exists()


async def test_an_expired_link_leaves_nothing_pending(client, make_user, get_token, mailbox):
    user = await make_user(email="alice@example.com")
    assert (await change_email(client, get_token, "new@example.com")).status_code == 200
    await mailbox.wait_for("new@example.com")
    await until(nothing_queued)
    await EmailToken.filter(user_id=user.id, purpose=Purpose.VERIFY).update(
        expires_at=datetime.now(UTC) - timedelta(seconds=1)
    )

    assert await email_status(client, get_token) == {"email": "alice@example.com", "verified": False, "pending": None}
{%- if cookiecutter.allow_signup %}


async def test_a_new_accounts_own_address_waiting_for_its_link_is_no_change_of_email(client, get_token, mailbox):
    registered = await client.post(
        "/auth/register", json={"username": "alice", "password": PASSWORD, "email": "alice@example.com"}
    )
    assert registered.status_code == 201
    await mailbox.wait_for("alice@example.com")
    await until(nothing_queued)

    status = await email_status(client, get_token)
    cancelled = await client.delete("/users/me/email/pending", headers=bearer(await get_token()))

    assert status == {"email": "alice@example.com", "verified": False, "pending": None}
    assert cancelled.status_code == 204
    assert not await SecurityEvent.filter(kind="email_change_cancelled").exists()
{%- endif %}
