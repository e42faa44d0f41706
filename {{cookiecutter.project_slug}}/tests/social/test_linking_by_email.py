"""Linking by email with email confirmation: whose verified address a provider login may take,
and a provider that vouches for an address verifying it for email too."""

from collections.abc import AsyncIterator

import pytest

from {{ cookiecutter.package_name }}.mail.models import VerifiedEmail
from {{ cookiecutter.package_name }}.mail.outbox import Sender{% if cookiecutter.allow_signup %}, enqueue{% endif %}
from {{ cookiecutter.package_name }}.models import SecurityEvent, User
from {{ cookiecutter.package_name }}.social.models import Identity

from ..conftest import PASSWORD, bearer
from ..mail.conftest import Mailbox, link_in, text_of
from .conftest import Browser
from .test_social_login import counts, with_settings
from fake_providers.provider import Account

NEW_PASSWORD = "the mailbox owners own passphrase"


@pytest.fixture
async def mailbox(settings) -> AsyncIterator[Mailbox]:
    mailbox = Mailbox()
    mailbox.start()
    settings.smtp_port = mailbox.port
    settings.smtp_tls = "none"
    yield mailbox
    mailbox.stop()


@pytest.fixture
async def linking(settings, mailbox) -> AsyncIterator[Browser]:
    browser = Browser(with_settings(settings, link_accounts_by_verified_email=True))
    yield browser
    await browser.close()


async def delivered(settings, mailbox: Mailbox, address: str) -> str:
    """Send what the outbox holds; the text of the last message to `address`."""
    await Sender(settings).send_due()
    messages = mailbox.to(address)
    assert messages, f"no message to {address}"
    return messages[-1]


async def give_address(browser: Browser, settings, mailbox: Mailbox, token: str, address: str) -> None:
    """PATCH /users/me with `address`, then follow the link mailed to it, as its owner would."""
    answer = await browser.app.patch("/users/me", json={"email": address}, headers=bearer(token))
    assert answer.status_code == 200, answer.text
    _, link = link_in(await delivered(settings, mailbox, address))
    followed = await browser.app.post("/auth/verify-email", json={"token": link}, headers=bearer(token))
    assert followed.status_code == 204


async def test_a_password_set_before_the_address_was_verified_is_not_linked_by_email(
    settings, mailbox, linking, provider, make_user, get_token
):
    # Alice typed in her address, then followed its link: her password came first.
    await make_user("alice")
    await give_address(linking, settings, mailbox, await get_token("alice"), "alice@example.com")
    assert await VerifiedEmail.filter(email_lower="alice@example.com").exists()
    before = await counts()

    answer = await linking.log_in(provider, provider.add(Account("9002", "alice@example.com", login="alice")))

    assert answer.status_code == 409
    assert "log in to it, then link" in answer.json()["error_description"]
    assert await counts() == before
{%- if cookiecutter.allow_signup %}


async def test_an_address_someone_else_typed_in_is_confirmed_only_signed_in_to_their_account(
    settings, mailbox, linking, provider, make_user, get_token
):
    # Mallory opens an account with the victim's address, which sends its link ...
    mallory = await make_user("mallory", email="victim@example.com")
    await enqueue("verify_email", "victim@example.com", user_id=mallory.id)
    _, link = link_in(await delivered(settings, mailbox, "victim@example.com"))

    # ... and the victim follows the link, signed in to no account of Mallory's.
    followed = await linking.app.post("/auth/verify-email", json={"token": link})
    assert followed.status_code == 401
    assert not await VerifiedEmail.exists()

    # The victim's provider login then opens an account of their own: Mallory's claim, which no
    # one proved, gives way, and her security activity says so.
    answer = await linking.log_in(provider, provider.add(Account("9002", "victim@example.com", login="victim")))

    assert answer.status_code == 200, answer.text
    victim = await User.get(id=(await Identity.get(subject="9002")).user_id)
    assert victim.id != mallory.id
    assert victim.email == "victim@example.com"
    assert (await User.get(id=mallory.id)).email is None
    [told] = await SecurityEvent.filter(user_id=mallory.id, kind="email_changed")
    assert told.detail == {"previous_email": "victim@example.com", "via": "claimed_by_another"}
{%- endif %}
{%- if cookiecutter.allow_signup %}


async def test_a_victims_provider_login_never_lands_in_an_account_that_typed_in_their_address(
    settings, mailbox, linking, provider, make_user
):
    """The merge: an attacker signs up through their own provider account, gives the victim's
    address, and waits for the victim to follow the link and then to continue with the provider."""
    signed_up = await linking.log_in(provider, provider.add(Account("6666", "mallory@evil.example", login="mallory")))
    attacker = signed_up.json()["access_token"]
    answer = await linking.app.patch("/users/me", json={"email": "victim@corp.example"}, headers=bearer(attacker))
    assert answer.status_code == 200, answer.text
    _, link = link_in(await delivered(settings, mailbox, "victim@corp.example"))

    followed = await linking.app.post("/auth/verify-email", json={"token": link})
    answer = await linking.log_in(provider, provider.add(Account("9003", "victim@corp.example", login="victim")))

    assert followed.status_code == 401
    assert answer.status_code == 200, answer.text
    mallory = await User.get(username="mallory")
    assert (await Identity.get(subject="9003")).user_id != mallory.id
    assert await Identity.filter(user_id=mallory.id).values_list("subject", flat=True) == ["6666"]
{%- endif %}


async def test_the_confirmation_names_the_account_it_is_for(settings, mailbox, linking, make_user, get_token):
    await make_user("mallory")
    answer = await linking.app.patch(
        "/users/me", json={"email": "victim@example.com"}, headers=bearer(await get_token("mallory"))
    )
    assert answer.status_code == 200

    message = await delivered(settings, mailbox, "victim@example.com")

    assert "for the account mallory" in text_of(message)
    assert "mallory" in message.get_body(("html",)).get_content()


async def owner_who_reset_the_password(browser: Browser, settings, mailbox: Mailbox, make_user, get_token) -> User:
    """alice, whose address is verified and whose password was then set through the mailed reset link."""
    user = await make_user("alice")
    await give_address(browser, settings, mailbox, await get_token("alice"), "alice@example.com")
    assert (await browser.app.post("/auth/forgot-password", json={"email": "alice@example.com"})).status_code == 202
    _, reset = link_in(await delivered(settings, mailbox, "alice@example.com"))
    answer = await browser.app.post("/auth/reset-password", json={"token": reset, "password": NEW_PASSWORD})
    assert answer.status_code == 200
    return user


async def test_a_password_reset_through_the_mailed_link_makes_the_account_linkable(
    settings, mailbox, linking, provider, make_user, get_token
):
    user = await owner_who_reset_the_password(linking, settings, mailbox, make_user, get_token)

    answer = await linking.log_in(provider, provider.add(Account("9003", "alice@example.com", login="alice")))

    assert answer.status_code == 200, answer.text
    assert (await Identity.get(subject="9003")).user_id == user.id


async def test_an_unverified_claim_does_not_block_the_verified_owner(
    settings, mailbox, linking, provider, make_user, get_token
):
    alice = await owner_who_reset_the_password(linking, settings, mailbox, make_user, get_token)
    # Someone else claims the address later (at sign-up, or an admin typing it in): unverified.
    await make_user("squatter", email="alice@example.com")

    answer = await linking.log_in(provider, provider.add(Account("9004", "alice@example.com", login="alice")))

    assert answer.status_code == 200, answer.text
    assert (await Identity.get(subject="9004")).user_id == alice.id
    assert (await User.get(username="squatter")).email == "alice@example.com"


async def test_an_address_a_linked_provider_vouches_for_is_verified_for_email(
    settings, mailbox, browser, provider, make_user, get_token
):
    user = await make_user("alice", email="alice@example.com")
    vouching = provider.add(Account("9005", "ALICE@example.com", login="alice"))
    assert (await browser.link(provider, await get_token(), vouching)).status_code == 200

    assert await VerifiedEmail.filter(user_id=user.id, email_lower="alice@example.com").exists()
    assert (await browser.app.post("/auth/forgot-password", json={"email": "alice@example.com"})).status_code == 202
    # To the address as the account now holds it, as the provider wrote it.
    page, _ = link_in(await delivered(settings, mailbox, "ALICE@example.com"))
    assert page == "/account/reset-password"


async def test_a_provider_vouching_for_an_address_verified_by_link_makes_the_account_linkable_by_it(
    settings, mailbox, linking, provider, make_user, get_token
):
    # Her password came before the link was followed: on its own, not trusted with the address.
    user = await make_user("alice")
    await give_address(linking, settings, mailbox, await get_token("alice"), "alice@example.com")
    vouching = provider.add(Account("9008", "alice@example.com", login="alice"))
    assert (await linking.link(provider, await get_token(), vouching)).status_code == 200

    answer = await linking.log_in(provider, provider.add(Account("9009", "alice@example.com", login="alice2")))

    assert answer.status_code == 200, answer.text
    assert (await Identity.get(subject="9009")).user_id == user.id


async def test_a_provider_vouching_for_an_address_sees_past_verifications_left_by_changed_addresses(
    settings, mailbox, browser, provider, make_user, get_token
):
    # Both verified an address that an admin has since changed: those verifications prove nothing.
    alice = await make_user("alice", email="alice@example.com")
    await VerifiedEmail.create(
        user=alice, email_lower="bob@example.com", password_trusted=True, verified_at=alice.created_at
    )
    bob = await make_user("bobby", email="bob@example.com")
    await VerifiedEmail.create(
        user=bob, email_lower="old-bob@example.com", password_trusted=True, verified_at=bob.created_at
    )
    vouching = provider.add(Account("9010", "bob@example.com", login="bob"))

    assert (await browser.link(provider, await get_token("bobby"), vouching)).status_code == 200

    assert await VerifiedEmail.filter(email_lower="bob@example.com").values_list("user_id", flat=True) == [bob.id]


async def test_a_provider_vouching_for_your_address_leaves_a_change_of_address_waiting(
    settings, mailbox, browser, provider, make_user, get_token
):
    user = await make_user("alice", email="alice@example.com")
    answer = await browser.app.patch("/users/me", json={"email": "new@example.com"}, headers=bearer(await get_token()))
    assert answer.status_code == 200, answer.text
    _, link = link_in(await delivered(settings, mailbox, "new@example.com"))
    vouching = provider.add(Account("9011", "alice@example.com", login="alice"))

    assert (await browser.link(provider, await get_token(), vouching)).status_code == 200
    followed = await browser.app.post("/auth/verify-email", json={"token": link}, headers=bearer(await get_token()))
    assert followed.status_code == 204
    assert (await User.get(id=user.id)).email == "new@example.com"


async def test_a_provider_that_vouches_for_your_address_at_a_later_login_verifies_it(
    settings, mailbox, browser, provider, make_user, get_token
):
    user = await make_user("alice", email="alice@example.com")
    unvouched = provider.add(Account("9012", "alice@example.com", email_verified=False, login="alice"))
    assert (await browser.link(provider, await get_token(), unvouched)).status_code == 200
    # The person has since proved the address to the provider.
    provider.add(Account("9012", "alice@example.com", login="alice"))

    answer = await browser.log_in(provider, unvouched)

    assert answer.status_code == 200, answer.text
    assert await VerifiedEmail.filter(user_id=user.id, email_lower="alice@example.com").exists()


async def test_a_provider_that_does_not_vouch_verifies_nothing(
    settings, mailbox, browser, provider, make_user, get_token
):
    user = await make_user("alice", email="alice@example.com")
    unvouched = provider.add(Account("9006", "alice@example.com", email_verified=False, login="alice"))
    assert (await browser.link(provider, await get_token(), unvouched)).status_code == 200

    assert not await VerifiedEmail.filter(user_id=user.id).exists()
{%- if cookiecutter.allow_signup %}


async def test_an_account_made_by_a_provider_login_has_its_vouched_address_verified(
    settings, mailbox, browser, provider
):
    answer = await browser.log_in(provider, provider.add(Account("9007", "gina@example.com", login="gina")))
    assert answer.status_code == 200, answer.text
    user = await User.get(email="gina@example.com")

    assert await VerifiedEmail.filter(user_id=user.id, email_lower="gina@example.com").exists()
    assert (await browser.app.post("/auth/forgot-password", json={"email": "gina@example.com"})).status_code == 202
    page, _ = link_in(await delivered(settings, mailbox, "gina@example.com"))
    assert page == "/account/reset-password"
{%- endif %}


async def test_the_owner_shut_out_by_guessing_takes_the_account_back_from_a_linked_provider_in_one_go(
    settings, mailbox, browser, provider, make_user, get_token
):
    """Someone with the phished password links their own provider account, then keeps guessing so
    that the owner's password logins are refused; the owner, on a new browser, follows a reset link."""
    user = await make_user("alice", email="alice@example.com")
    await VerifiedEmail.create(
        user=user, email_lower="alice@example.com", password_trusted=True, verified_at=user.created_at
    )
    attackers = provider.add(Account("6667", "mallory@evil.example", login="mallory"))
    assert (await browser.link(provider, await get_token(), attackers)).status_code == 200
    settings.account_lockout_failures = 4
    for number in range(4):
        wrong = {"grant_type": "password", "username": "alice", "password": f"guess {number}"}
        assert (await browser.app.post("/auth/token", data=wrong)).status_code == 400
    right = {"grant_type": "password", "username": "alice", "password": PASSWORD}
    assert (await browser.app.post("/auth/token", data=right)).status_code == 429

    assert (await browser.app.post("/auth/forgot-password", json={"email": "alice@example.com"})).status_code == 202
    _, reset = link_in(await delivered(settings, mailbox, "alice@example.com"))
    signed_in = await browser.app.post("/auth/reset-password", json={"token": reset, "password": NEW_PASSWORD})
    assert signed_in.status_code == 200, signed_in.text
    secured = await browser.app.post("/users/me/secure", headers=bearer(signed_in.json()["access_token"]))

    assert secured.status_code == 204
    assert not await Identity.filter(user_id=user.id).exists()
    [event] = await SecurityEvent.filter(user_id=user.id, kind="account_secured")
    assert event.detail == {"removed": [f"{provider.name}_account"]}
    again = await browser.log_in(provider, attackers)
    assert again.status_code in (200, 403)
    assert await Identity.filter(user_id=user.id).count() == 0
