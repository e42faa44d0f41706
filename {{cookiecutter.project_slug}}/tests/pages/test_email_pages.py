"""The pages emailed links open, and the one that asks for a reset link: served like every page,
and in Chromium a person who forgot the password gets back in through the link delivered."""

import re

import pytest

from {{ cookiecutter.package_name }}.mail.models import VerifiedEmail

from ..conftest import PASSWORD
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
        ("/account/reset-password", "reset-password.js"),
    ],
)
async def test_each_page_loads_its_own_script(client, path, script):
    answer = await client.get(path)

    assert answer.status_code == 200
    assert f'<script type="module" src="/account/static/{script}"></script>' in answer.text
    served = await client.get(f"/account/static/{script}")
    assert served.status_code == 200
    assert served.headers["content-type"].startswith("text/javascript")


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

    await page.wait_for_url(re.compile(r"/account/sign-in(#.*)?$"))
    await expect(page.get_by_role("status")).to_have_text("Your password is changed: sign in with it.")
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
