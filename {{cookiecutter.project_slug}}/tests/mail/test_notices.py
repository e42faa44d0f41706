"""Security notices reach the verified address: what happened, when, from where, what to do."""

import re
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime

from {{ cookiecutter.package_name }}.mail.messages import SERVICE_NAME
from {{ cookiecutter.package_name }}.mail.models import OutboxMessage, VerifiedEmail
from {{ cookiecutter.package_name }}.models import User

from ..conftest import PASSWORD, bearer
from .conftest import text_of


async def test_a_password_change_is_told_to_the_verified_address(client, make_user, get_token, mailbox):
    user = await make_user(email="alice@example.com")
    await VerifiedEmail.create(user=user, email_lower="alice@example.com", verified_at=datetime.now(UTC))
    change = {"password": "a brand new passphrase", "current_password": PASSWORD}

    response = await client.patch(
        "/users/me", json=change, headers=bearer(await get_token()) | {"User-Agent": "Tester/1.0"}
    )

    assert response.status_code == 200
    [notice] = await mailbox.wait_for("alice@example.com")
    assert notice["Subject"].endswith("Your password was changed")
    text = text_of(notice)
    assert "From: 127.0.0.1 (Tester/1.0)" in text
    assert "When: " in text
    assert "If it was not, ask for a password reset with this address" in text


async def test_a_notice_arrives_whole_from_the_configured_sender(client, settings, make_user, get_token, mailbox):
    settings.email_from = "Accounts Desk <accounts@example.com>"
    user = await make_user(email="alice@example.com")
    await VerifiedEmail.create(user=user, email_lower="alice@example.com", verified_at=datetime.now(UTC))
    change = {"password": "a brand new passphrase", "current_password": PASSWORD}

    response = await client.patch("/users/me", json=change, headers=bearer(await get_token()))

    assert response.status_code == 200
    [notice] = await mailbox.wait_for("alice@example.com")
    row = await OutboxMessage.get()
    assert notice["From"] == "Accounts Desk <accounts@example.com>"
    assert notice["X-Envelope-To"] == "alice@example.com"
    assert notice["Subject"] == f"{SERVICE_NAME}: Your password was changed"
    assert parsedate_to_datetime(notice["Date"]) == row.created_at.replace(microsecond=0)
    # Unique to the message, and naming its row, so that a reply or a bounce can be traced to it.
    assert re.fullmatch(rf"<[\w.]+\.{row.id}@[^>]+>", notice["Message-ID"]), notice["Message-ID"]
    # RFC 3834: out-of-office replies and the like are not sent back to it.
    assert notice["Auto-Submitted"] == "auto-generated"
    assert notice.get_content_type() == "multipart/alternative"
    assert text_of(notice).splitlines()[0] == f"Your password was changed on your {SERVICE_NAME} account alice:"
    assert "Your password was changed" in notice.get_body(("html",)).get_content()


async def test_the_deletion_notice_reaches_the_address_after_the_account_is_gone(client, make_user, get_token, mailbox):
    user = await make_user(email="alice@example.com")
    await VerifiedEmail.create(user=user, email_lower="alice@example.com", verified_at=datetime.now(UTC))

    response = await client.delete("/users/me", headers=bearer(await get_token()))

    assert response.status_code == 204
    assert not await User.exists()
    [notice] = await mailbox.wait_for("alice@example.com")
    assert notice["Subject"].endswith("Your account was deleted")


async def test_an_unverified_address_hears_nothing(client, make_user, get_token):
    await make_user(email="someone-else@example.com")
    change = {"password": "a brand new passphrase", "current_password": PASSWORD}

    response = await client.patch("/users/me", json=change, headers=bearer(await get_token()))

    assert response.status_code == 200
    assert not await OutboxMessage.exists()


async def test_a_refresh_token_replayed_again_and_again_is_told_once(client, make_user, mailbox):
    user = await make_user(email="alice@example.com")
    await VerifiedEmail.create(user=user, email_lower="alice@example.com", verified_at=datetime.now(UTC))
    form = {"grant_type": "password", "username": "alice", "password": PASSWORD}
    refresh = {
        "grant_type": "refresh_token",
        "refresh_token": (await client.post("/auth/token", data=form)).json()["refresh_token"],
    }
    assert (await client.post("/auth/token", data=refresh)).status_code == 200

    for _ in range(5):
        assert (await client.post("/auth/token", data=refresh)).status_code == 400

    [notice] = await OutboxMessage.filter(kind="notice").values_list("context", flat=True)
    assert notice["what"] == "A login of yours was used twice"


async def test_a_long_user_agent_is_cut_short_in_a_notice(client, make_user, get_token, mailbox):
    user = await make_user(email="alice@example.com")
    await VerifiedEmail.create(user=user, email_lower="alice@example.com", verified_at=datetime.now(UTC))
    agent = "Mozilla/5.0 " + "x" * 70 + " URGENT: call +1 555 0100 now to keep your account"
    change = {"password": "a brand new passphrase", "current_password": PASSWORD}

    response = await client.patch("/users/me", json=change, headers=bearer(await get_token()) | {"User-Agent": agent})

    assert response.status_code == 200
    [notice] = await mailbox.wait_for("alice@example.com")
    assert agent[:80] in text_of(notice)
    assert "URGENT" not in text_of(notice)
