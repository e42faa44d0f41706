"""The pages emailed links open, and the one that asks for a reset link: served like every page,
and in Chromium a person who forgot the password gets back in through the link delivered."""

import re

import pytest

from {{ cookiecutter.package_name }}.mail.models import VerifiedEmail
from {{ cookiecutter.package_name }}.mail.outbox import Sender
from {{ cookiecutter.package_name }}.models import User

from ..conftest import PASSWORD, bearer
from ..mail.conftest import Mailbox, link_in
from .test_in_browser import NEW_PASSWORD, new_tab, sign_in


async def test_the_sign_in_page_offers_a_reset_link(client):
    html = (await client.get("/account/sign-in")).text

    assert '<a href="/account/forgot-password">Forgot your password?</a>' in html


@pytest.mark.parametrize(
    ("path", "script"),
    [
        ("/account/verify-email", "verify-email.js"),
        ("/account/forgot-password", "forgot-password.js"),
        ("/account/reset-password", "new-password-by-link.js"),
        ("/account/cancel-email-change", "cancel-email-change.js"),
        ("/account/undo-email-change", "new-password-by-link.js"),
    ],
)
async def test_each_page_loads_its_own_script(client, path, script):
    answer = await client.get(path)

    assert answer.status_code == 200
    assert f'<script type="module" src="/account/static/{script}"></script>' in answer.text
    served = await client.get(f"/account/static/{script}")
    assert served.status_code == 200
    assert served.headers["content-type"].startswith("text/javascript")


@pytest.mark.parametrize("grant_type", ["reset_password", "undo_email_change"])
@pytest.mark.parametrize("password", ["short", "x" * 257, "nul\x00 inside a passphrase"])
async def test_a_link_sign_in_with_a_password_the_rules_refuse_is_400_and_spends_nothing(
    pages, make_user, grant_type, password
):
    await make_user()
    body = {"grant_type": grant_type, "token": "a link's token", "password": password}

    answer = await pages.post("/account/session", json=body)

    assert answer.status_code == 400, answer.text
    assert answer.json()["error"] == "invalid_request"
    assert answer.json()["error_description"].startswith("The new password ")


@pytest.mark.parametrize("grant_type", ["reset_password", "undo_email_change"])
async def test_a_link_sign_in_on_the_pages_holds_the_pages_scope_alone(
    pages, settings, make_user, get_token, mailbox: Mailbox, grant_type
):
    """An admin who follows a link on the pages gets no admin token in a browser tab."""
    settings.smtp_port, settings.smtp_tls = mailbox.port, "none"
    admin = await make_user(email="alice@example.com", scopes=("me", "users:read", "users:write"))
    await VerifiedEmail.create(user=admin, email_lower="alice@example.com", verified_at=admin.created_at)
    if grant_type == "reset_password":
        assert (await pages.post("/auth/forgot-password", json={"email": "alice@example.com"})).status_code == 202
    else:
        headers = bearer(await get_token())
        assert (await pages.patch("/users/me", json={"email": "new@example.com"}, headers=headers)).status_code == 200
        await Sender(settings).send_due()
        [confirmation] = mailbox.to("new@example.com")
        followed = await pages.post("/auth/verify-email", json={"token": link_in(confirmation)[1]}, headers=headers)
        assert followed.status_code == 204
    await Sender(settings).send_due()
    path, token = link_in(mailbox.to("alice@example.com")[-1])
    assert path == f"/account/{grant_type.replace('_', '-')}"

    answer = await pages.post(
        "/account/session", json={"grant_type": grant_type, "token": token, "password": NEW_PASSWORD}
    )

    assert answer.status_code == 200, answer.text
    assert answer.json()["scope"] == "me"


@pytest.mark.browser
async def test_a_person_who_forgot_the_password_gets_back_in_through_the_emailed_link(
    chromium, address, make_shared_user, mailbox: Mailbox
):
    from playwright.async_api import expect

    alice = await make_shared_user("alice", email="alice@example.com")
    await VerifiedEmail.create(user=alice, email_lower="alice@example.com", verified_at=alice.created_at)
    tab = await new_tab(chromium, address)
    page = tab.page
    await tab.open("/account/sign-in")

    await page.get_by_role("link", name="Forgot your password?").click()
    await page.get_by_label("Email").fill("alice@example.com")
    await page.get_by_role("button", name="Send me a link").click()
    await expect(page.get_by_role("status")).to_have_text(
        "If an account has verified this address, a link to reset its password is on its way."
    )
    [message] = await mailbox.wait_for("alice@example.com")
    path, token = link_in(message)
    assert path == "/account/reset-password"
    await tab.open(f"{path}#token={token}")
    # The token is out of the address bar before anyone types.
    assert page.url == f"{address}{path}"
    await page.get_by_label("New password").fill(NEW_PASSWORD)
    await page.get_by_label("Show the password").check()
    await expect(page.get_by_label("New password")).to_have_attribute("type", "text")
    await page.get_by_role("button", name="Set the password").click()

    # Signed in at once, as a recent sign-in: the one action that shuts everyone else out needs no other.
    await page.wait_for_url(re.compile(r"/account/(#.*)?$"))
    await expect(page.get_by_role("status")).to_contain_text("You are signed in with your new password")
    await expect(page.locator("#username")).to_have_text("alice")
    await page.get_by_role("button", name="End every session and unlink every provider").click()
    await page.wait_for_url(re.compile(r"/account/sign-in(#.*)?$"))
    await expect(page.get_by_role("status")).to_have_text(
        "Every session has ended and every provider account is unlinked: sign in with your password."
    )
    assert page.url == f"{address}/account/sign-in"
    await sign_in(tab, password=NEW_PASSWORD)

    # The link is spent, and the old password is gone: both refused in words.
    await tab.open(f"{path}#token={token}")
    await page.get_by_label("New password").fill("yet another horse battery")
    await page.get_by_role("button", name="Set the password").click()
    await expect(page.get_by_role("alert")).to_have_text(
        "The link is invalid, expired or already used: ask for a new one"
    )
    await tab.open("/account/sign-in")
    await page.get_by_label("Username").fill("alice")
    await page.get_by_label("Password").fill(PASSWORD)
    await page.get_by_role("button", name="Sign in", exact=True).click()
    await expect(page.get_by_role("alert")).to_have_text("The username or password is incorrect")
    tab.take_refusals(2)
    tab.check()


@pytest.mark.browser
async def test_the_owner_cancels_a_change_of_email_and_its_link_then_confirms_nothing(
    chromium, address, make_shared_user, mailbox: Mailbox
):
    from playwright.async_api import expect

    alice = await make_shared_user("alice", email="alice@example.com")
    await VerifiedEmail.create(user=alice, email_lower="alice@example.com", verified_at=alice.created_at)
    # Someone signed in as alice asks for a change of email.
    tab = await new_tab(chromium, address)
    await sign_in(tab)
    await tab.page.get_by_label("New email").fill("attacker@evil.example")
    await tab.page.get_by_role("button", name="Change email").click()
    await expect(tab.page.get_by_role("button", name="Cancel the change to attacker@evil.example")).to_be_visible()
    [confirmation] = await mailbox.wait_for("attacker@evil.example")
    [notice] = await mailbox.wait_for("alice@example.com")

    # The owner, in a browser that never signed in, follows the notice's link.
    owner = await new_tab(chromium, address)
    path, token = link_in(notice)
    await owner.open(f"{path}#token={token}")
    await owner.page.get_by_role("button", name="Cancel the change").click()
    await expect(owner.page.get_by_role("status")).to_have_text("The change is cancelled: your email stays as it was.")

    # The confirmation link now asks whoever opens it to sign in first, then confirms nothing.
    path, token = link_in(confirmation)
    await tab.open(f"{path}#token={token}")
    await expect(tab.page.locator("#signed-in-as")).to_have_text("alice")
    await tab.page.get_by_role("button", name="Confirm this address").click()
    await expect(tab.page.get_by_role("alert")).to_have_text(
        "The link is invalid, expired or already used: ask for a new one"
    )
    stranger = await new_tab(chromium, address)
    await stranger.open(f"{path}#token={token}")
    await expect(stranger.page.get_by_role("button", name="Sign in", exact=True)).to_be_visible()
    assert (await User.get(id=alice.id)).email == "alice@example.com"
    tab.take_refusals(1)
    for each in (tab, owner, stranger):
        each.check()
