"""Taking an account back always wins: someone who once had the password (or a token) cannot keep a
change of email going after the owner reacts, and every notice's advice works when followed."""

from datetime import UTC, datetime

import pytest

from {{ cookiecutter.package_name }} import refresh_tokens
from {{ cookiecutter.package_name }}.devices import Device
from {{ cookiecutter.package_name }}.mail.models import EmailToken, OutboxMessage, Purpose, Status, VerifiedEmail
from {{ cookiecutter.package_name }}.mail.routes import UNUSABLE
from {{ cookiecutter.package_name }}.models import RefreshToken, SecurityEvent, User
from {{ cookiecutter.package_name }}.passwords import PasswordHasher

from ..conftest import PASSWORD, TEST_ROUNDS, bearer, forge
from .conftest import link_in, text_of, until

OWNER_PASSWORD = "the owner's new passphrase"
ATTACKER_PASSWORD = "the attacker's own passphrase"


async def owner(make_user) -> User:
    user = await make_user(email="alice@example.com")
    await VerifiedEmail.create(user=user, email_lower="alice@example.com", verified_at=datetime.now(UTC))
    return user


async def log_in(client, password: str = PASSWORD) -> dict:
    form = {"grant_type": "password", "username": "alice", "password": password}
    return (await client.post("/auth/token", data=form)).json()


async def attacker_changes_the_email(client, mailbox) -> tuple[str, str]:
    """With a phished password: the confirmation link's token, and the cancel link's."""
    stolen = (await log_in(client))["access_token"]
    answer = await client.patch("/users/me", json={"email": "attacker@evil.example"}, headers=bearer(stolen))
    assert answer.status_code == 200, answer.text
    [confirmation] = await mailbox.wait_for("attacker@evil.example")
    [notice] = await mailbox.wait_for("alice@example.com")
    assert notice["Subject"].endswith("A change of your email address was asked for")
    assert "to become attacker@evil.example" in text_of(notice)
    page, cancel = link_in(notice)
    assert page == "/account/cancel-email-change"
    return link_in(confirmation)[1], cancel


async def session_token(settings, keys, user_id: int, *, logged_in_ago: int = 0) -> str:
    """An access token of a live session that logged in `logged_in_ago` seconds ago, by whatever way."""
    user = await User.get(id=user_id)
    _, session = await refresh_tokens.issue(settings, user, ["me"], Device("127.0.0.1", ""))
    auth_time = int(datetime.now(UTC).timestamp()) - logged_in_ago
    return forge(settings, keys, user_id, ver=user.token_version, sid=session.family, auth_time=auth_time)


async def signed_in_again(settings, keys, user_id: int) -> dict[str, str]:
    """The attacker back in by another way (a provider account they linked), as the account is now."""
    return bearer(await session_token(settings, keys, user_id))


async def test_a_change_of_email_dies_when_the_owner_changes_the_password_and_logs_out_everywhere(
    client, make_user, mailbox, settings, keys
):
    user = await owner(make_user)
    confirmation, _ = await attacker_changes_the_email(client, mailbox)

    # The owner reacts: a new password, then every session ended.
    mine = (await log_in(client))["access_token"]
    change = {"password": OWNER_PASSWORD, "current_password": PASSWORD}
    assert (await client.patch("/users/me", json=change, headers=bearer(mine))).status_code == 200
    mine = (await log_in(client, OWNER_PASSWORD))["access_token"]
    assert (await client.post("/auth/logout-all", headers=bearer(mine))).status_code == 204

    followed = await client.post(
        "/auth/verify-email", json={"token": confirmation}, headers=await signed_in_again(settings, keys, user.id)
    )
    reset = await client.post("/auth/forgot-password", json={"email": "attacker@evil.example"})

    assert followed.status_code == 400
    assert reset.status_code == 202
    assert (await User.get(id=user.id)).email == "alice@example.com"
    assert await VerifiedEmail.filter(user_id=user.id).values_list("email_lower", flat=True) == ["alice@example.com"]
    assert "access_token" in await log_in(client, OWNER_PASSWORD)
    dropped = await OutboxMessage.get(kind="reset_password")
    assert dropped.status in (Status.QUEUED, Status.DROPPED)
    assert len(mailbox.to("attacker@evil.example")) == 1


async def test_a_change_of_email_dies_with_the_password_it_was_asked_under_even_with_no_session_ended(
    client, make_user, mailbox, settings, keys
):
    """Each route that changes a password ends every session too: the password alone is written
    here, as an operator would write it, for the confirmation's own bond to the password."""
    user = await owner(make_user)
    confirmation, _ = await attacker_changes_the_email(client, mailbox)
    new_hash = await PasswordHasher(TEST_ROUNDS).hash(OWNER_PASSWORD)
    await User.filter(id=user.id).update(password_hash=new_hash)

    followed = await client.post(
        "/auth/verify-email", json={"token": confirmation}, headers=await signed_in_again(settings, keys, user.id)
    )

    assert followed.status_code == 400
    assert (await User.get(id=user.id)).email == "alice@example.com"


async def test_a_change_of_email_asked_for_before_a_logout_everywhere_sends_no_link(
    client, make_user, mailbox, settings
):
    """The link is made when the message is sent: one still waiting when the owner reacts is dropped."""
    user = await owner(make_user)
    mailbox.stop()
    stolen = (await log_in(client))["access_token"]
    answer = await client.patch("/users/me", json={"email": "attacker@evil.example"}, headers=bearer(stolen))
    assert answer.status_code == 200
    mine = (await log_in(client))["access_token"]
    assert (await client.post("/auth/logout-all", headers=bearer(mine))).status_code == 204
    mailbox.start()

    await mailbox.wait_for("alice@example.com")

    waiting = await OutboxMessage.get(kind="verify_email")
    assert waiting.status in (Status.QUEUED, Status.DROPPED)
    assert not await EmailToken.filter(user_id=user.id, purpose=Purpose.VERIFY).exists()
    assert mailbox.to("attacker@evil.example") == []


async def test_the_owner_cancels_a_change_of_email_from_the_notice_without_signing_in(
    client, make_user, mailbox, settings, keys
):
    user = await owner(make_user)
    confirmation, cancel = await attacker_changes_the_email(client, mailbox)

    cancelled = await client.post("/auth/cancel-email-change", json={"token": cancel})
    followed = await client.post(
        "/auth/verify-email", json={"token": confirmation}, headers=await signed_in_again(settings, keys, user.id)
    )
    again = await client.post("/auth/cancel-email-change", json={"token": cancel})

    assert cancelled.status_code == 204
    assert followed.status_code == 400
    assert again.status_code == 400
    assert again.json() == {"detail": UNUSABLE}
    assert (await User.get(id=user.id)).email == "alice@example.com"
    assert await SecurityEvent.filter(kind="email_change_cancelled", user_id=user.id).count() == 1


@pytest.mark.parametrize(
    "how",
    [
        # A login long ago: cancelling is the owner's way out, which needs none.
        ("DELETE", "/users/me/email/pending", None, 86400),
        # Or, with a recent login, the address given again, or none.
        ("PATCH", "/users/me", {"email": "ALICE@example.com"}, 0),
        ("PATCH", "/users/me", {"email": None}, 0),
    ],
)
async def test_the_owner_cancels_a_change_of_email_from_the_api(client, make_user, mailbox, settings, keys, how):
    user = await owner(make_user)
    confirmation, _ = await attacker_changes_the_email(client, mailbox)
    method, path, body, logged_in_ago = how
    token = await session_token(settings, keys, user.id, logged_in_ago=logged_in_ago)

    answer = await client.request(method, path, json=body, headers=bearer(token))
    pending = await client.get("/users/me/email", headers=bearer(token))
    followed = await client.post(
        "/auth/verify-email", json={"token": confirmation}, headers=await signed_in_again(settings, keys, user.id)
    )

    assert answer.status_code in (200, 204), answer.text
    assert pending.json()["pending"] is None
    assert followed.status_code == 400
    assert (await User.get(id=user.id)).email == (None if body == {"email": None} else "alice@example.com")
    assert await SecurityEvent.filter(kind="email_change_cancelled", user_id=user.id).count() == 1


async def test_a_link_followed_signed_in_to_another_account_confirms_nothing(client, make_user, get_token, mailbox):
    alice = await owner(make_user)
    await make_user("bobby")
    confirmation, _ = await attacker_changes_the_email(client, mailbox)

    as_bob = await client.post(
        "/auth/verify-email", json={"token": confirmation}, headers=bearer(await get_token("bobby"))
    )
    signed_out = await client.post("/auth/verify-email", json={"token": confirmation})

    assert as_bob.status_code == 403
    assert as_bob.json() == {
        "detail": "This link is for another account: sign in to the account it was sent for, then open it again"
    }
    assert signed_out.status_code == 401
    assert (await User.get(id=alice.id)).email == "alice@example.com"
    # Unspent: the account's own owner, signed in, still can.
    assert await EmailToken.filter(user_id=alice.id, purpose=Purpose.VERIFY).exists()


async def test_the_address_a_change_replaced_takes_the_account_back_with_its_undo_link(client, make_user, mailbox):
    user = await owner(make_user)
    confirmation, _ = await attacker_changes_the_email(client, mailbox)
    attacker = await log_in(client)
    confirmed = await client.post(
        "/auth/verify-email", json={"token": confirmation}, headers=bearer(attacker["access_token"])
    )
    assert confirmed.status_code == 204
    # The attacker locks the owner out: a password of their own.
    change = {"password": ATTACKER_PASSWORD, "current_password": PASSWORD}
    assert (await client.patch("/users/me", json=change, headers=bearer(attacker["access_token"]))).status_code == 200
    _, changed = await mailbox.wait_for("alice@example.com", 2)
    assert changed["Subject"].endswith("Your email address was changed")
    page, undo = link_in(changed)
    assert page == "/account/undo-email-change"

    # The owner, from a browser that never signed in:
    taken_back = await client.post("/auth/undo-email-change", json={"token": undo, "password": OWNER_PASSWORD})

    assert taken_back.status_code == 200, taken_back.text
    assert (await User.get(id=user.id)).email == "alice@example.com"
    # The password was chosen through the address's link: trusted with it, as after a reset.
    verified = await VerifiedEmail.filter(user_id=user.id).values_list("email_lower", "password_trusted")
    assert verified == [("alice@example.com", True)]
    assert "access_token" not in await log_in(client, ATTACKER_PASSWORD)
    assert "access_token" in await log_in(client, OWNER_PASSWORD)
    # Only the owner's new session, and the one just opened, are live.
    live = await RefreshToken.filter(user_id=user.id, revoked_at__isnull=True).count()
    assert live == 2
    assert (await client.get("/users/me", headers=bearer(taken_back.json()["access_token"]))).status_code == 200
    again = await client.post("/auth/undo-email-change", json={"token": undo, "password": ATTACKER_PASSWORD})
    assert again.status_code == 400
    assert again.json() == {"detail": UNUSABLE}
    # The owner's activity tells the undo from a password change, and its sign-in from a password's.
    signed_in = bearer(taken_back.json()["access_token"])
    activity = (await client.get("/users/me/events", headers=signed_in)).json()
    [undone, *_] = [event["detail"] for event in activity if event["kind"] == "password_changed"]
    assert undone == {"first": False, "via": "undo"}
    logins = [event["detail"] for event in activity if event["kind"] == "login_succeeded"]
    assert [login for login in logins if login != {"method": "password"}] == [{"method": "undo"}]
    # The address that was undone is told, with no way back of its own: the two would take turns.
    # (After the notice of the password the attacker changed.)
    [_, _, told] = await mailbox.wait_for("attacker@evil.example", 3)
    assert told["Subject"].endswith("Your email address was changed back")
    assert "/account/undo-email-change" not in text_of(told)
    [secured] = await SecurityEvent.filter(kind="account_secured", user_id=user.id)
    assert secured.detail["via"] == "undo"


@pytest.mark.parametrize("typed", ["KATE@EXAMPLE.COM", "\u212aate@example.com", "k\u0430te@example.com"])
async def test_a_reset_goes_to_the_stored_address_never_to_what_was_typed(client, make_user, mailbox, typed):
    """Addresses are matched as str.lower() folds them: case, and the Kelvin sign (U+212A) as K. A
    confusable letter (a Cyrillic a, U+0430) is another address, and finds no one."""
    user = await make_user("kate", email="kate@example.com")
    await VerifiedEmail.create(user=user, email_lower="kate@example.com", verified_at=datetime.now(UTC))

    answer = await client.post("/auth/forgot-password", json={"email": typed})

    assert answer.status_code == 202
    if typed == "k\u0430te@example.com":
        await until_dropped()
        assert mailbox.messages == []
        return
    [message] = await mailbox.wait_for("kate@example.com")
    assert message["X-Envelope-To"] == "kate@example.com"
    assert mailbox.to(typed) == []


async def nothing_queued() -> bool:
    return not await OutboxMessage.filter(status=Status.QUEUED).exists()


async def until_dropped() -> None:
    async def dropped() -> bool:
        return await OutboxMessage.filter(status=Status.DROPPED).exists()

    await until(dropped)


async def test_a_reset_link_signs_in_at_once_however_many_wrong_passwords_others_sent(
    client, behind_proxy, make_user, mailbox, settings
):
    user = await owner(make_user)
    settings.account_lockout_failures = 8
    for number in range(8):
        form = {"grant_type": "password", "username": "alice", "password": f"guess {number}"}
        await behind_proxy.post("/auth/token", data=form, headers={"X-Forwarded-For": f"203.0.113.{number % 4}"})
    form = {"grant_type": "password", "username": "alice", "password": PASSWORD}
    assert (
        await behind_proxy.post("/auth/token", data=form, headers={"X-Forwarded-For": "198.51.100.9"})
    ).status_code == 429
    earlier = await RefreshToken.filter(user_id=user.id).count()

    assert (await client.post("/auth/forgot-password", json={"email": "alice@example.com"})).status_code == 202
    _, reset = link_in((await mailbox.wait_for("alice@example.com"))[0])
    signed_in = await client.post("/auth/reset-password", json={"token": reset, "password": OWNER_PASSWORD})

    assert signed_in.status_code == 200, signed_in.text
    body = signed_in.json()
    assert set(body) == {"access_token", "token_type", "expires_in", "scope", "refresh_token", "device_token"}
    assert body["scope"] == "me"
    # The device token it came with lets this client's password logins past the lockout too.
    known = {
        "grant_type": "password",
        "username": "alice",
        "password": OWNER_PASSWORD,
        "device_token": body["device_token"],
    }
    assert (
        await behind_proxy.post("/auth/token", data=known, headers={"X-Forwarded-For": "203.0.113.1"})
    ).status_code == 200
    assert (
        await behind_proxy.post("/auth/token", data=form, headers={"X-Forwarded-For": "198.51.100.9"})
    ).status_code == 429
    # A recent login: the one action that ends every session (and unlinks every provider) is open to it.
    secured = await client.post("/users/me/secure", headers=bearer(body["access_token"]))
    assert secured.status_code == 204
    assert await RefreshToken.filter(user_id=user.id, revoked_at__isnull=True).count() == 0
    assert earlier == 0
    assert [
        event.kind
        for event in await SecurityEvent.filter(
            user_id=user.id, kind__in=["login_succeeded", "account_secured"]
        ).order_by("id")
    ] == ["login_succeeded", "login_succeeded", "account_secured"]


async def test_securing_an_account_needs_a_recent_login_and_a_password(client, make_user, settings, keys):
    user = await owner(make_user)
    stale = await session_token(settings, keys, user.id, logged_in_ago=86400)
    refused = await client.post("/users/me/secure", headers=bearer(stale))
    await User.filter(id=user.id).update(password_hash=None)
    fresh = await client.post("/users/me/secure", headers=bearer(await session_token(settings, keys, user.id)))

    assert refused.status_code == 401
    assert fresh.status_code == 409
    assert fresh.json() == {"detail": "Choose a password first: it is the one way in that this leaves"}
    assert not await SecurityEvent.filter(kind="account_secured").exists()


async def test_whoever_holds_the_password_cannot_end_the_owners_reset_link(client, make_user, mailbox):
    user = await owner(make_user)
    stolen = (await log_in(client))["access_token"]
    change = {"password": ATTACKER_PASSWORD, "current_password": PASSWORD}
    assert (await client.patch("/users/me", json=change, headers=bearer(stolen))).status_code == 200
    assert (await client.post("/auth/forgot-password", json={"email": "alice@example.com"})).status_code == 202
    notices = await mailbox.wait_for("alice@example.com", 2)
    _, reset = link_in(next(message for message in notices if "Reset your" in message["Subject"]))

    # Everything the attacker can do with the password and a session of their own.
    session = (await log_in(client, ATTACKER_PASSWORD))["access_token"]
    assert (await client.delete("/users/me/email/pending", headers=bearer(session))).status_code == 204
    assert (await client.post("/auth/logout-all", headers=bearer(session))).status_code == 204
    session = (await log_in(client, ATTACKER_PASSWORD))["access_token"]
    again = {"password": "yet another of theirs", "current_password": ATTACKER_PASSWORD}
    assert (await client.patch("/users/me", json=again, headers=bearer(session))).status_code == 200

    taken_back = await client.post("/auth/reset-password", json={"token": reset, "password": OWNER_PASSWORD})

    assert taken_back.status_code == 200, taken_back.text
    assert "access_token" in await log_in(client, OWNER_PASSWORD)
    assert "access_token" not in await log_in(client, "yet another of theirs")
    assert await RefreshToken.filter(user_id=user.id, revoked_at__isnull=True).count() == 2


async def test_a_reset_signs_in_however_many_logins_the_attacker_made(client, make_user, mailbox, settings):
    await owner(make_user)
    settings.logins_per_account_per_hour = 2
    for _ in range(2):
        assert "access_token" in await log_in(client)
    assert (await client.post("/auth/forgot-password", json={"email": "alice@example.com"})).status_code == 202
    _, reset = link_in((await mailbox.wait_for("alice@example.com"))[0])

    taken_back = await client.post("/auth/reset-password", json={"token": reset, "password": OWNER_PASSWORD})

    assert taken_back.status_code == 200, taken_back.text
    assert (await client.get("/users/me", headers=bearer(taken_back.json()["access_token"]))).status_code == 200


async def test_an_undo_notice_still_queued_when_the_owner_takes_the_account_back_goes_without_its_link(
    client, make_user, mailbox
):
    user = await owner(make_user)
    confirmation, _ = await attacker_changes_the_email(client, mailbox)
    attacker = (await log_in(client))["access_token"]
    confirmed = await client.post("/auth/verify-email", json={"token": confirmation}, headers=bearer(attacker))
    assert confirmed.status_code == 204
    _, changed = await mailbox.wait_for("alice@example.com", 2)
    _, undo = link_in(changed)
    # With SMTP away, the attacker drops the address: its notice, to their own verified address,
    # would carry an undo link of its own.
    mailbox.stop()
    assert (await client.patch("/users/me", json={"email": None}, headers=bearer(attacker))).status_code == 200

    taken_back = await client.post("/auth/undo-email-change", json={"token": undo, "password": OWNER_PASSWORD})
    mailbox.start()

    assert taken_back.status_code == 200, taken_back.text
    await until(nothing_queued)
    # Told, but with no way back: the change it would undo came after the one the owner undid.
    told = mailbox.to("attacker@evil.example")
    [removed] = [text_of(mail) for mail in told if mail["Subject"].endswith("Your email address was changed")]
    assert "undo-email-change" not in removed
    assert "taken back since by an address it had before this one" in removed
    assert not await EmailToken.filter(user_id=user.id, purpose=Purpose.UNDO).exists()
    assert (await User.get(id=user.id)).email == "alice@example.com"


async def attacker_owns_the_address(client, mailbox) -> tuple[str, str]:
    """The attacker's change of email, confirmed: their access token, and the owner's undo link."""
    confirmation, _ = await attacker_changes_the_email(client, mailbox)
    attacker = (await log_in(client))["access_token"]
    confirmed = await client.post("/auth/verify-email", json={"token": confirmation}, headers=bearer(attacker))
    assert confirmed.status_code == 204
    _, changed = await mailbox.wait_for("alice@example.com", 2)
    assert changed["Subject"].endswith("Your email address was changed")
    return attacker, link_in(changed)[1]


async def test_the_attacker_taking_the_account_back_first_leaves_the_owners_undo_link(client, make_user, mailbox):
    user = await owner(make_user)
    await attacker_owns_the_address(client, mailbox)
    _, undo = link_in((await mailbox.wait_for("alice@example.com", 2))[1])
    # With a fresh password login, the attacker "takes the account back" first, then sets a password.
    fresh = (await log_in(client))["access_token"]
    assert (await client.post("/users/me/secure", headers=bearer(fresh))).status_code == 204
    again = (await log_in(client))["access_token"]
    change = {"password": ATTACKER_PASSWORD, "current_password": PASSWORD}
    assert (await client.patch("/users/me", json=change, headers=bearer(again))).status_code == 200

    taken_back = await client.post("/auth/undo-email-change", json={"token": undo, "password": OWNER_PASSWORD})

    assert taken_back.status_code == 200, taken_back.text
    assert (await User.get(id=user.id)).email == "alice@example.com"
    assert "access_token" not in await log_in(client, ATTACKER_PASSWORD)


async def test_an_address_removed_and_the_account_secured_still_tells_the_owner_with_a_way_back(
    client, make_user, mailbox
):
    """No mailbox of the attacker's needed: the email removed, then the account secured while the
    notice waits."""
    user = await owner(make_user)
    stolen = (await log_in(client))["access_token"]
    mailbox.stop()
    assert (await client.patch("/users/me", json={"email": None}, headers=bearer(stolen))).status_code == 200
    assert (await client.post("/users/me/secure", headers=bearer(stolen))).status_code == 204
    mailbox.start()

    [removed] = await mailbox.wait_for("alice@example.com")
    assert removed["Subject"].endswith("Your email address was changed")
    _, undo = link_in(removed)
    taken_back = await client.post("/auth/undo-email-change", json={"token": undo, "password": OWNER_PASSWORD})

    assert taken_back.status_code == 200, taken_back.text
    assert (await User.get(id=user.id)).email == "alice@example.com"


async def test_a_fifteen_minute_token_and_a_reset_to_the_attackers_address_leave_the_owners_undo_link(
    client, make_user, mailbox, settings, keys
):
    user = await owner(make_user)
    stolen = await signed_in_again(settings, keys, user.id)
    assert (await client.patch("/users/me", json={"email": "attacker@evil.example"}, headers=stolen)).status_code == 200
    [confirmation] = await mailbox.wait_for("attacker@evil.example")
    followed = await client.post("/auth/verify-email", json={"token": link_in(confirmation)[1]}, headers=stolen)
    assert followed.status_code == 204
    assert (await client.post("/auth/forgot-password", json={"email": "attacker@evil.example"})).status_code == 202
    _, reset = link_in((await mailbox.wait_for("attacker@evil.example", 2))[1])
    signed_in = await client.post("/auth/reset-password", json={"token": reset, "password": ATTACKER_PASSWORD})
    assert signed_in.status_code == 200
    secured = await client.post("/users/me/secure", headers=bearer(signed_in.json()["access_token"]))
    assert secured.status_code == 204

    notices = await mailbox.wait_for("alice@example.com", 2)
    [changed] = [notice for notice in notices if notice["Subject"].endswith("Your email address was changed")]
    taken_back = await client.post(
        "/auth/undo-email-change", json={"token": link_in(changed)[1], "password": OWNER_PASSWORD}
    )

    assert taken_back.status_code == 200, taken_back.text
    assert (await User.get(id=user.id)).email == "alice@example.com"
    assert "access_token" not in await log_in(client, ATTACKER_PASSWORD)


async def test_undoing_a_later_change_leaves_the_undo_link_of_an_earlier_one(client, make_user, mailbox):
    user = await owner(make_user)
    attacker, owners_undo = await attacker_owns_the_address(client, mailbox)
    second = await client.patch("/users/me", json={"email": "second@evil.example"}, headers=bearer(attacker))
    assert second.status_code == 200
    [confirmation] = await mailbox.wait_for("second@evil.example")
    followed = await client.post(
        "/auth/verify-email", json={"token": link_in(confirmation)[1]}, headers=bearer(attacker)
    )
    assert followed.status_code == 204
    mails = await mailbox.wait_for("attacker@evil.example", 3)
    [changed] = [mail for mail in mails if mail["Subject"].endswith("Your email address was changed")]
    undone = await client.post(
        "/auth/undo-email-change", json={"token": link_in(changed)[1], "password": ATTACKER_PASSWORD}
    )
    assert undone.status_code == 200
    assert (await User.get(id=user.id)).email == "attacker@evil.example"

    taken_back = await client.post("/auth/undo-email-change", json={"token": owners_undo, "password": OWNER_PASSWORD})

    assert taken_back.status_code == 200, taken_back.text
    assert (await User.get(id=user.id)).email == "alice@example.com"
    # And the attacker's link, of a later change, no longer works.
    again = await client.post(
        "/auth/undo-email-change", json={"token": link_in(changed)[1], "password": ATTACKER_PASSWORD}
    )
    assert again.status_code == 400


async def change_and_confirm(client, mailbox, address: str, signed_in: dict[str, str]) -> None:
    """A change of email, confirmed through its link by whoever is `signed_in`."""
    assert (await client.patch("/users/me", json={"email": address}, headers=signed_in)).status_code == 200
    [confirmation] = await mailbox.wait_for(address)
    confirmed = await client.post("/auth/verify-email", json={"token": link_in(confirmation)[1]}, headers=signed_in)
    assert confirmed.status_code == 204


async def test_after_taking_the_account_back_the_owners_own_change_of_email_has_its_undo_link(
    client, make_user, mailbox
):
    user = await owner(make_user)
    _, owners_undo = await attacker_owns_the_address(client, mailbox)
    taken_back = await client.post("/auth/undo-email-change", json={"token": owners_undo, "password": OWNER_PASSWORD})
    assert taken_back.status_code == 200, taken_back.text

    await change_and_confirm(client, mailbox, "alice@new.example", bearer(taken_back.json()["access_token"]))

    # The undo the owner made came before this change: it takes nothing from its notice.
    notices = await mailbox.wait_for("alice@example.com", 5)
    [_, changed] = [mail for mail in notices if mail["Subject"].endswith("Your email address was changed")]
    assert link_in(changed)[0] == "/account/undo-email-change"
    undone = await client.post("/auth/undo-email-change", json={"token": link_in(changed)[1], "password": PASSWORD})
    assert undone.status_code == 200, undone.text
    assert (await User.get(id=user.id)).email == "alice@example.com"


async def test_another_accounts_undo_takes_nothing_from_a_notice_still_queued(client, make_user, mailbox):
    user = await owner(make_user)
    bob = await make_user("bob", email="bob@example.com")
    await VerifiedEmail.create(user=bob, email_lower="bob@example.com", verified_at=datetime.now(UTC))
    form = {"grant_type": "password", "username": "bob", "password": PASSWORD}
    await change_and_confirm(
        client, mailbox, "bob@new.example", bearer((await client.post("/auth/token", data=form)).json()["access_token"])
    )
    bobs_notices = await mailbox.wait_for("bob@example.com", 2)
    [bobs_change] = [mail for mail in bobs_notices if mail["Subject"].endswith("Your email address was changed")]
    # Alice's change is confirmed while SMTP is away, and Bob undoes his, earlier, before her notice goes.
    alices = bearer((await log_in(client))["access_token"])
    assert (await client.patch("/users/me", json={"email": "alice@new.example"}, headers=alices)).status_code == 200
    [confirmation] = await mailbox.wait_for("alice@new.example")
    await mailbox.wait_for("alice@example.com")
    mailbox.stop()
    confirmed = await client.post("/auth/verify-email", json={"token": link_in(confirmation)[1]}, headers=alices)
    assert confirmed.status_code == 204
    undo = {"token": link_in(bobs_change)[1], "password": PASSWORD}
    assert (await client.post("/auth/undo-email-change", json=undo)).status_code == 200
    mailbox.start()

    notices = await mailbox.wait_for("alice@example.com", 2)
    [changed] = [mail for mail in notices if mail["Subject"].endswith("Your email address was changed")]
    assert link_in(changed)[0] == "/account/undo-email-change"
    assert (await User.get(id=user.id)).email == "alice@new.example"


async def test_undoing_an_earlier_change_ends_the_undo_link_of_a_later_one(client, make_user, mailbox):
    """The attacker moves the account on to a second address: the undo link of that change goes to
    their first one. Once the owner has taken the account back, it would hand it to them again."""
    user = await owner(make_user)
    attacker, owners_undo = await attacker_owns_the_address(client, mailbox)
    await change_and_confirm(client, mailbox, "second@evil.example", bearer(attacker))
    mails = await mailbox.wait_for("attacker@evil.example", 3)
    [changed] = [mail for mail in mails if mail["Subject"].endswith("Your email address was changed")]
    taken_back = await client.post("/auth/undo-email-change", json={"token": owners_undo, "password": OWNER_PASSWORD})
    assert taken_back.status_code == 200, taken_back.text

    again = await client.post(
        "/auth/undo-email-change", json={"token": link_in(changed)[1], "password": ATTACKER_PASSWORD}
    )

    assert again.status_code == 400
    assert (await User.get(id=user.id)).email == "alice@example.com"
    assert "access_token" in await log_in(client, OWNER_PASSWORD)
    assert "access_token" not in await log_in(client, ATTACKER_PASSWORD)


async def test_an_undo_leaves_another_accounts_undo_link_of_a_later_change(client, make_user, mailbox):
    user = await owner(make_user)
    _, owners_undo = await attacker_owns_the_address(client, mailbox)
    # Bob changes his address after the attacker changed Alice's: his undo link expires later.
    bob = await make_user("bob", email="bob@example.com")
    await VerifiedEmail.create(user=bob, email_lower="bob@example.com", verified_at=datetime.now(UTC))
    form = {"grant_type": "password", "username": "bob", "password": PASSWORD}
    await change_and_confirm(
        client, mailbox, "bob@new.example", bearer((await client.post("/auth/token", data=form)).json()["access_token"])
    )
    bobs_notices = await mailbox.wait_for("bob@example.com", 2)
    [bobs_change] = [mail for mail in bobs_notices if mail["Subject"].endswith("Your email address was changed")]
    taken_back = await client.post("/auth/undo-email-change", json={"token": owners_undo, "password": OWNER_PASSWORD})
    assert taken_back.status_code == 200, taken_back.text

    bobs_undo = await client.post(
        "/auth/undo-email-change", json={"token": link_in(bobs_change)[1], "password": OWNER_PASSWORD}
    )

    assert bobs_undo.status_code == 200, bobs_undo.text
    assert (await User.get(id=bob.id)).email == "bob@example.com"
    assert (await User.get(id=user.id)).email == "alice@example.com"


async def test_securing_the_account_cancels_a_change_of_email_on_its_way(client, make_user, mailbox):
    user = await owner(make_user)
    confirmation, _ = await attacker_changes_the_email(client, mailbox)
    mine = (await log_in(client))["access_token"]

    secured = await client.post("/users/me/secure", headers=bearer(mine))

    assert secured.status_code == 204, secured.text
    attacker = bearer((await log_in(client))["access_token"])
    followed = await client.post("/auth/verify-email", json={"token": confirmation}, headers=attacker)
    assert followed.status_code == 400
    assert (await User.get(id=user.id)).email == "alice@example.com"
    # The owner's activity says what went, from where.
    events = (await client.get("/users/me/events", headers=attacker)).json()
    [secured_event] = [event for event in events if event["kind"] == "account_secured"]
    assert secured_event["detail"] == {"removed": ["email_change"]}
    [cancelled] = [event for event in events if event["kind"] == "email_change_cancelled"]
    assert cancelled["address"] == "127.0.0.1"


async def test_an_undo_to_the_address_a_change_on_its_way_asks_for_cancels_no_change(client, make_user, mailbox):
    """The attacker asks to change the address to the owner's own: its link, sent to the owner,
    changes nothing once the owner has the address back."""
    user = await owner(make_user)
    attacker, owners_undo = await attacker_owns_the_address(client, mailbox)
    asked = await client.patch("/users/me", json={"email": "alice@example.com"}, headers=bearer(attacker))
    assert asked.status_code == 200, asked.text
    mails = await mailbox.wait_for("alice@example.com", 3)
    assert [page for page, _ in map(link_in, mails)][-1] == "/account/verify-email"
    await until(nothing_queued)

    taken_back = await client.post("/auth/undo-email-change", json={"token": owners_undo, "password": OWNER_PASSWORD})

    assert taken_back.status_code == 200, taken_back.text
    assert (await User.get(id=user.id)).email == "alice@example.com"
    [secured] = await SecurityEvent.filter(user_id=user.id, kind="account_secured")
    assert secured.detail["removed"] == []
    assert not await SecurityEvent.filter(user_id=user.id, kind="email_change_cancelled").exists()


async def test_an_undo_refused_when_another_account_has_verified_the_address_since(
    client, make_user, get_token, mailbox
):
    user = await owner(make_user)
    _, owners_undo = await attacker_owns_the_address(client, mailbox)
    # The address passes to Bob, who proves it.
    await make_user("bobby")
    bob = bearer(await get_token("bobby"))
    assert (await client.patch("/users/me", json={"email": "alice@example.com"}, headers=bob)).status_code == 200
    *_, confirmation = await mailbox.wait_for("alice@example.com", 3)
    confirmed = await client.post("/auth/verify-email", json={"token": link_in(confirmation)[1]}, headers=bob)
    assert confirmed.status_code == 204

    refused = await client.post("/auth/undo-email-change", json={"token": owners_undo, "password": OWNER_PASSWORD})

    assert refused.status_code == 409
    assert refused.json() == {"detail": "Another account has verified this address since"}
    assert (await User.get(id=user.id)).email == "attacker@evil.example"
    assert "access_token" not in await log_in(client, OWNER_PASSWORD)
    assert await EmailToken.filter(user_id=user.id, purpose=Purpose.UNDO).exists()


async def test_an_undo_takes_the_address_back_from_an_unverified_claim(client, make_user, get_token, mailbox):
    user = await owner(make_user)
    _, owners_undo = await attacker_owns_the_address(client, mailbox)
    # Typed in for another account meanwhile (at sign-up, or by an admin): a claim, unverified.
    squatter = await make_user("squatter", email="alice@example.com")

    taken_back = await client.post("/auth/undo-email-change", json={"token": owners_undo, "password": OWNER_PASSWORD})

    assert taken_back.status_code == 200, taken_back.text
    assert (await User.get(id=user.id)).email == "alice@example.com"
    assert (await User.get(id=squatter.id)).email is None
    told = await client.get(
        "/users/me/events", params={"kind": "email_changed"}, headers=bearer(await get_token("squatter"))
    )
    assert [event["detail"] for event in told.json()] == [
        {"previous_email": "alice@example.com", "via": "claimed_by_another"}
    ]


async def test_a_cancel_link_followed_after_the_change_was_confirmed_is_refused(client, make_user, mailbox):
    user = await owner(make_user)
    confirmation, cancel = await attacker_changes_the_email(client, mailbox)
    attacker = (await log_in(client))["access_token"]
    confirmed = await client.post("/auth/verify-email", json={"token": confirmation}, headers=bearer(attacker))
    assert confirmed.status_code == 204

    cancelled = await client.post("/auth/cancel-email-change", json={"token": cancel})

    assert cancelled.status_code == 400
    assert (await User.get(id=user.id)).email == "attacker@evil.example"
    # The notice of the change, sent meanwhile, is the way back.
    _, changed = await mailbox.wait_for("alice@example.com", 2)
    assert link_in(changed)[0] == "/account/undo-email-change"


async def test_a_device_token_ends_when_the_owner_changes_the_password(client, behind_proxy, make_user, settings):
    await owner(make_user)
    harvested = (await log_in(client))["device_token"]
    mine = (await log_in(client))["access_token"]
    change = {"password": OWNER_PASSWORD, "current_password": PASSWORD}
    assert (await client.patch("/users/me", json=change, headers=bearer(mine))).status_code == 200
    settings.account_lockout_failures = 4
    for number in range(4):
        guess = {"grant_type": "password", "username": "alice", "password": f"guess {number}"}
        await behind_proxy.post("/auth/token", data=guess, headers={"X-Forwarded-For": f"203.0.113.{number}"})

    guess = {"grant_type": "password", "username": "alice", "password": "one more", "device_token": harvested}
    answer = await behind_proxy.post("/auth/token", data=guess, headers={"X-Forwarded-For": "198.51.100.7"})

    assert answer.status_code == 429
    assert answer.json()["error_description"].startswith("Too many failed logins")


async def test_a_new_email_and_a_new_password_at_once_send_a_link_that_works(client, make_user, mailbox):
    user = await owner(make_user)
    mine = (await log_in(client))["access_token"]
    both = {"email": "new@example.com", "password": OWNER_PASSWORD, "current_password": PASSWORD}

    assert (await client.patch("/users/me", json=both, headers=bearer(mine))).status_code == 200
    [confirmation] = await mailbox.wait_for("new@example.com")
    signed_in = (await log_in(client, OWNER_PASSWORD))["access_token"]
    followed = await client.post(
        "/auth/verify-email", json={"token": link_in(confirmation)[1]}, headers=bearer(signed_in)
    )

    assert followed.status_code == 204
    assert (await User.get(id=user.id)).email == "new@example.com"
