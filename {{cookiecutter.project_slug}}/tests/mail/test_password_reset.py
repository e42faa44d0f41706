"""A forgotten password: asked for by address, reset through the emailed link, and every refusal."""

import re
from datetime import UTC, datetime, timedelta

import pytest

from {{ cookiecutter.package_name }}.mail.models import EmailToken, OutboxMessage, Status, VerifiedEmail
from {{ cookiecutter.package_name }}.mail.routes import UNUSABLE
from {{ cookiecutter.package_name }}.models import SecurityEvent, User

from ..conftest import PASSWORD, bearer
from ..test_reauthentication import claims
from .conftest import confirm, link_in, text_of, until
from .test_verification import change_email

NEW_PASSWORD = "a brand new passphrase"
ACCEPTED = {"detail": "If an account has verified this address, a link to reset its password is on its way"}


async def verified_user(make_user, username: str = "alice", email: str = "alice@example.com") -> User:
    user = await make_user(username=username, email=email)
    await VerifiedEmail.create(user=user, email_lower=email.lower(), verified_at=datetime.now(UTC))
    return user


async def ask_for_reset(client, mailbox, email: str = "alice@example.com", count: int = 1) -> str:
    response = await client.post("/auth/forgot-password", json={"email": email})
    assert response.status_code == 202, response.text
    page, token = link_in((await mailbox.wait_for(email, count))[-1])
    assert page == "/account/reset-password"
    return token


async def log_in(client, password: str) -> int:
    form = {"grant_type": "password", "username": "alice", "password": password}
    return (await client.post("/auth/token", data=form)).status_code


async def test_a_forgotten_password_is_reset_through_the_link_and_every_session_ends(client, make_user, mailbox):
    await verified_user(make_user)
    session = await client.post(
        "/auth/token", data={"grant_type": "password", "username": "alice", "password": PASSWORD}
    )
    token = await ask_for_reset(client, mailbox)

    response = await client.post("/auth/reset-password", json={"token": token, "password": NEW_PASSWORD})

    assert response.status_code == 200
    # Signed in by the emailed link (a name of the project's own, beyond RFC 8176's).
    assert claims(response.json()["access_token"])["amr"] == ["email"]
    assert await log_in(client, PASSWORD) == 400
    assert await log_in(client, NEW_PASSWORD) == 200
    [changed] = await SecurityEvent.filter(kind="password_changed")
    assert changed.detail == {"first": False, "via": "reset"}
    # The owner's activity tells this sign-in from a password's.
    logins = await client.get(
        "/users/me/events",
        params={"kind": "login_succeeded"},
        headers=bearer(response.json()["access_token"]),
    )
    assert [event["detail"] for event in logins.json()] == [
        {"method": "password"},
        {"method": "reset"},
        {"method": "password"},
    ]
    refresh = {"grant_type": "refresh_token", "refresh_token": session.json()["refresh_token"]}
    assert (await client.post("/auth/token", data=refresh)).status_code == 400
    assert (await client.get("/users/me", headers=bearer(session.json()["access_token"]))).status_code == 401
    [_, notice] = await mailbox.wait_for("alice@example.com", 2)
    assert notice["Subject"].endswith("Your password was reset")
    assert "every session ended" in text_of(notice)
    assert "secure your mailbox" in text_of(notice)


async def test_the_answer_and_the_work_done_are_the_same_for_every_address(client, make_user, mailbox):
    await verified_user(make_user)
    await make_user(username="bobby", email="bob@example.com")  # an address never verified
    addresses = ["alice@example.com", "bob@example.com", "nobody@example.com"]

    answers = [await client.post("/auth/forgot-password", json={"email": address}) for address in addresses]

    assert {(answer.status_code, answer.text) for answer in answers} == {(202, answers[0].text)}
    assert answers[0].json() == ACCEPTED
    # The request wrote one row, alike for each, and made no token: nothing in it depends on who has the address.
    written = await OutboxMessage.all().order_by("id").values("kind", "recipient", "status", "attempts")
    assert [row["recipient"] for row in written] == addresses
    assert {(row["kind"], row["status"], row["attempts"]) for row in written} == {("reset_password", Status.QUEUED, 0)}
    # Only the verified address gets a link; the sender drops the others.
    await mailbox.wait_for("alice@example.com")

    async def all_handled() -> bool:
        return not await OutboxMessage.filter(status=Status.QUEUED).exists()

    await until(all_handled)
    assert [message["To"] for message in mailbox.messages] == ["alice@example.com"]
    # Each row finished when it was handled, dropped or sent, for the retention to count from.
    handled = await OutboxMessage.all().order_by("id").values_list("status", "finished_at")
    assert [status for status, _ in handled] == [Status.SENT, Status.DROPPED, Status.DROPPED]
    assert all(finished_at is not None for _, finished_at in handled)


async def test_a_replayed_token_is_refused_and_changes_nothing(client, make_user, mailbox):
    await verified_user(make_user)
    token = await ask_for_reset(client, mailbox)
    assert (
        await client.post("/auth/reset-password", json={"token": token, "password": NEW_PASSWORD})
    ).status_code == 200
    stored = (await User.get(username="alice")).password_hash

    response = await client.post("/auth/reset-password", json={"token": token, "password": "yet another passphrase"})

    assert response.status_code == 400
    assert response.json() == {"detail": UNUSABLE}
    assert (await User.get(username="alice")).password_hash == stored


async def test_an_expired_token_is_refused_and_changes_nothing(client, settings, make_user, mailbox):
    user = await verified_user(make_user)
    token = await ask_for_reset(client, mailbox)
    [issued] = await EmailToken.filter(user_id=user.id)
    lifetime = timedelta(minutes=settings.password_reset_minutes)
    assert lifetime - timedelta(minutes=1) < issued.expires_at - datetime.now(UTC) <= lifetime
    await EmailToken.filter(user_id=user.id).update(expires_at=datetime.now(UTC) - timedelta(seconds=1))

    response = await client.post("/auth/reset-password", json={"token": token, "password": NEW_PASSWORD})

    assert response.status_code == 400
    assert (await User.get(id=user.id)).password_hash == user.password_hash


async def test_a_token_from_an_older_request_is_refused(client, make_user, mailbox):
    user = await verified_user(make_user)
    older = await ask_for_reset(client, mailbox)
    newer = await ask_for_reset(client, mailbox, count=2)

    response = await client.post("/auth/reset-password", json={"token": older, "password": NEW_PASSWORD})

    assert response.status_code == 400
    assert (await User.get(id=user.id)).password_hash == user.password_hash
    assert (
        await client.post("/auth/reset-password", json={"token": newer, "password": NEW_PASSWORD})
    ).status_code == 200


async def test_the_new_password_follows_the_sign_up_rules(client, make_user, mailbox):
    user = await verified_user(make_user)
    token = await ask_for_reset(client, mailbox)

    response = await client.post("/auth/reset-password", json={"token": token, "password": "short"})

    assert response.status_code == 422
    assert (await User.get(id=user.id)).password_hash == user.password_hash
    assert (
        await client.post("/auth/reset-password", json={"token": token, "password": NEW_PASSWORD})
    ).status_code == 200


async def test_past_the_limit_for_one_address_the_answer_is_the_same_and_nothing_more_is_sent(client, settings):
    settings.email_requests_per_account_per_hour = 2
    for _ in range(2):
        assert (await client.post("/auth/forgot-password", json={"email": "a@example.com"})).status_code == 202

    # Anyone may ask about anyone's address: a 429 here would lock its owner out of resets.
    response = await client.post("/auth/forgot-password", json={"email": "A@example.com"})

    assert response.status_code == 202
    assert response.json() == ACCEPTED
    assert await OutboxMessage.all().count() == 2
    assert (await client.post("/auth/forgot-password", json={"email": "b@example.com"})).status_code == 202
    assert await OutboxMessage.all().count() == 3


async def test_one_client_asking_about_many_addresses_is_limited_with_retry_after(client, settings):
    settings.email_requests_per_address_per_hour = 2
    for number in range(2):
        answer = await client.post("/auth/forgot-password", json={"email": f"user{number}@example.com"})
        assert answer.status_code == 202

    response = await client.post("/auth/forgot-password", json={"email": "user2@example.com"})

    assert response.status_code == 429
    wait = int(response.headers["Retry-After"])
    assert response.json()["error_description"] == f"Too many password resets asked for: try again in {wait} seconds"
    assert await OutboxMessage.all().count() == 2


async def test_one_client_trying_many_links_is_limited(client, settings, make_user, get_token):
    settings.email_requests_per_address_per_hour = 2
    await make_user()
    signed_in = bearer(await get_token())
    tries = [
        await client.post(path, json=body, headers=signed_in)
        for path, body in [
            ("/auth/reset-password", {"token": "guess-1", "password": NEW_PASSWORD}),
            ("/auth/verify-email", {"token": "guess-2"}),
            ("/auth/reset-password", {"token": "guess-3", "password": NEW_PASSWORD}),
        ]
    ]

    assert [answer.status_code for answer in tries] == [400, 400, 429]
    assert tries[0].json() == {"detail": UNUSABLE}
    wait = int(tries[2].headers["Retry-After"])
    assert tries[2].json()["error_description"] == f"Too many links tried: try again in {wait} seconds"


async def test_the_reset_mail_carries_no_text_from_whoever_asked_for_it(client, make_user, mailbox):
    await verified_user(make_user)
    bait = "URGENT: your account was breached - secure it now at https://evil.example/secure"

    answer = await client.post(
        "/auth/forgot-password", json={"email": "alice@example.com"}, headers={"User-Agent": bait}
    )

    assert answer.status_code == 202
    [message] = await mailbox.wait_for("alice@example.com")
    assert "evil.example" not in text_of(message)
    assert "evil.example" not in message.get_body(("html",)).get_content()
    assert "127.0.0.1" not in text_of(message)
    # Only when it was asked, in UTC.
    told = re.search(r"\son (\d{4}-\d\d-\d\d \d\d:\d\d) UTC\.\s", text_of(message))
    asked_at = datetime.strptime(told.group(1), "%Y-%m-%d %H:%M").replace(tzinfo=UTC)
    assert abs(datetime.now(UTC) - asked_at) < timedelta(minutes=5)


async def test_a_reset_link_dies_when_the_account_moves_to_another_address(client, make_user, get_token, mailbox):
    await verified_user(make_user)
    old_link = await ask_for_reset(client, mailbox)
    token = await get_token()
    answer = await client.patch("/users/me", json={"email": "new@example.com"}, headers=bearer(token))
    assert answer.status_code == 200, answer.text
    _, verify = link_in((await mailbox.wait_for("new@example.com"))[0])
    assert (await confirm(client, verify)).status_code == 204

    # Whoever still reads the old mailbox:
    answer = await client.post("/auth/reset-password", json={"token": old_link, "password": NEW_PASSWORD})

    assert answer.status_code == 400
    assert await log_in(client, NEW_PASSWORD) == 400
    assert await log_in(client, PASSWORD) == 200


async def test_a_reset_link_stays_dead_when_the_account_comes_back_to_its_address(
    client, make_user, get_token, mailbox
):
    await verified_user(make_user)
    old_link = await ask_for_reset(client, mailbox)
    assert (await change_email(client, get_token, "new@example.com")).status_code == 200
    _, verify = link_in((await mailbox.wait_for("new@example.com"))[0])
    assert (await confirm(client, verify)).status_code == 204
    assert (await change_email(client, get_token, "alice@example.com")).status_code == 200
    # After the reset, and the notices of the change asked for and made.
    messages = await mailbox.wait_for("alice@example.com", 4)
    [verify] = [token for page, token in map(link_in, messages) if page == "/account/verify-email"]
    assert (await confirm(client, verify)).status_code == 204

    answer = await client.post("/auth/reset-password", json={"token": old_link, "password": NEW_PASSWORD})

    assert answer.status_code == 400
    assert (await User.get(username="alice")).email == "alice@example.com"
    assert await log_in(client, PASSWORD) == 200


async def test_a_reset_link_dies_when_the_account_drops_its_address(client, make_user, get_token, mailbox):
    await verified_user(make_user)
    old_link = await ask_for_reset(client, mailbox)
    answer = await client.patch("/users/me", json={"email": None}, headers=bearer(await get_token()))
    assert answer.status_code == 200, answer.text

    answer = await client.post("/auth/reset-password", json={"token": old_link, "password": NEW_PASSWORD})

    assert answer.status_code == 400
    assert await log_in(client, PASSWORD) == 200


async def test_a_link_does_only_what_it_was_sent_for_and_lives_beside_the_other_kind(
    client, make_user, get_token, mailbox
):
    await verified_user(make_user)
    answer = await change_email(client, get_token, "new@example.com")
    assert answer.status_code == 200, answer.text
    _, verify = link_in((await mailbox.wait_for("new@example.com"))[0])
    # After the notice of the change, with its link to cancel it.
    reset = await ask_for_reset(client, mailbox, count=2)

    verify_as_reset = await client.post("/auth/reset-password", json={"token": verify, "password": NEW_PASSWORD})
    reset_as_verify = await confirm(client, reset)

    assert (verify_as_reset.status_code, reset_as_verify.status_code) == (400, 400)
    assert await log_in(client, PASSWORD) == 200
    assert (await User.get(username="alice")).email == "alice@example.com"
    # The reset asked for later did not end the confirmation link sent before it.
    assert (await confirm(client, verify)).status_code == 204
    assert (await User.get(username="alice")).email == "new@example.com"


async def test_an_account_without_a_password_sets_its_first_one_through_the_link(client, make_user, mailbox):
    user = await verified_user(make_user)
    await User.filter(id=user.id).update(password_hash=None)
    other = await make_user("bobby", password=None)
    token = await ask_for_reset(client, mailbox)

    response = await client.post("/auth/reset-password", json={"token": token, "password": NEW_PASSWORD})

    assert response.status_code == 200
    assert await log_in(client, NEW_PASSWORD) == 200
    assert (await User.get(id=other.id)).password_hash is None
    [changed] = await SecurityEvent.filter(kind="password_changed")
    assert changed.detail == {"first": True, "via": "reset"}


async def test_another_account_verifying_an_address_leaves_a_reset_link_alive(client, make_user, get_token, mailbox):
    await verified_user(make_user)
    token = await ask_for_reset(client, mailbox)
    await make_user("bobby")
    await change_email(client, get_token, "bob@example.com", "bobby")
    _, verify = link_in((await mailbox.wait_for("bob@example.com"))[0])
    assert (await confirm(client, verify, "bobby")).status_code == 204

    response = await client.post("/auth/reset-password", json={"token": token, "password": NEW_PASSWORD})

    assert response.status_code == 200
    assert await log_in(client, NEW_PASSWORD) == 200


async def test_an_address_another_account_verified_since_revives_no_old_reset_link(
    client, make_user, get_token, mailbox
):
    """Alice's email corrected by an admin, her old address then proved by Bob, then typed in for her
    again: the mailbox is Bob's now, and the link sent to it while it was hers stays dead."""
    alice = await verified_user(make_user)
    await make_user("admin", scopes=("users:write",))
    await make_user("bobby")
    old_link = await ask_for_reset(client, mailbox)
    admin = bearer(await get_token("admin"))
    answer = await client.patch(f"/users/{alice.id}", json={"email": "alice@other.example"}, headers=admin)
    assert answer.status_code == 204, answer.text
    await change_email(client, get_token, "alice@example.com", "bobby")
    page, verify = link_in((await mailbox.wait_for("alice@example.com", 2))[-1])
    assert page == "/account/verify-email"
    assert (await confirm(client, verify, "bobby")).status_code == 204
    answer = await client.patch(f"/users/{alice.id}", json={"email": "alice@example.com"}, headers=admin)
    assert answer.status_code == 204, answer.text

    answer = await client.post("/auth/reset-password", json={"token": old_link, "password": NEW_PASSWORD})

    assert answer.status_code == 400
    assert answer.json() == {"detail": UNUSABLE}
    assert await log_in(client, PASSWORD) == 200


@pytest.mark.parametrize("email", ["not-an-email", "", "a\x00@b.example"])
async def test_a_malformed_address_is_422_and_writes_nothing(client, email):
    assert (await client.post("/auth/forgot-password", json={"email": email})).status_code == 422
    assert not await OutboxMessage.exists()


async def test_a_reset_asked_while_smtp_is_down_arrives_once_it_is_back(client, make_user, mailbox):
    await verified_user(make_user)
    mailbox.stop()

    response = await client.post("/auth/forgot-password", json={"email": "alice@example.com"})

    assert response.status_code == 202
    await until(OutboxMessage.filter(attempts__gte=2).exists)
    assert (await OutboxMessage.get()).last_error
    mailbox.start()
    [message] = await mailbox.wait_for("alice@example.com")
    _, token = link_in(message)
    assert (
        await client.post("/auth/reset-password", json={"token": token, "password": NEW_PASSWORD})
    ).status_code == 200


async def test_a_message_the_smtp_client_refuses_fails_alone_and_the_others_go(
    client, make_user, settings, mailbox, caplog
):
    settings.email_max_attempts = 2
    await verified_user(make_user)
    # Stored before addresses were checked as strictly: aiosmtplib finds no recipient in it.
    await OutboxMessage.create(
        kind="notice",
        recipient="(x@evil.example",
        context={
            "username": "x",
            "what": "-",
            "details": "-",
            "advice": "-",
            "at": "now",
            "address": "-",
            "user_agent": "",
        },
        next_attempt_at=datetime.now(UTC),
    )

    await ask_for_reset(client, mailbox)

    await until(OutboxMessage.filter(recipient="(x@evil.example", status=Status.FAILED).exists)
    poison = await OutboxMessage.get(recipient="(x@evil.example")
    assert poison.attempts == 2
    assert poison.last_error.startswith("ValueError")
    # Not an SMTP server away: logged with its traceback.
    logged = [record for record in caplog.records if f"email {poison.id} " in record.getMessage()]
    assert len(logged) == 2
    assert all(record.exc_info for record in logged)
    assert [m["To"] for m in mailbox.messages] == ["alice@example.com"]
