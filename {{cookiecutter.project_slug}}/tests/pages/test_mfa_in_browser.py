"""Two-factor sign-in on the pages, in Chromium: an authenticator app set up on the account page
(its key read from the page, its codes made as an app makes them), the second step of every
sign-in with a code or a recovery code, and the app removed by a login that used it."""

import asyncio
import re
import time

{% if cookiecutter.email != "none" %}import httpx2
{% endif %}import pyotp
import pytest

{% if cookiecutter.email != "none" %}from {{ cookiecutter.package_name }}.mail.models import VerifiedEmail
{% endif %}from {{ cookiecutter.package_name }}.mfa.models import Authenticator, RecoveryCode
{%- if cookiecutter.social_login != "none" %}
from {{ cookiecutter.package_name }}.models import User
from {{ cookiecutter.package_name }}.social.models import Identity
{%- endif %}

from ..conftest import PASSWORD, MakeUser
{%- if cookiecutter.email != "none" %}
from ..mail.conftest import Mailbox, link_in
{%- endif %}
from .test_in_browser import {% if cookiecutter.email != "none" %}NEW_PASSWORD, {% endif %}{% if cookiecutter.social_login != "none" %}PROVIDERS, {% endif %}Tab, new_tab, sign_in, sign_out

pytestmark = pytest.mark.browser

STEP_SECONDS = 30
ISSUER = {{ cookiecutter.project_name | pystr }}
TURNED_ON = "Two-factor sign-in is on: signing in asks for a code from your authenticator app too."
REMOVED = "The authenticator app is removed, and its recovery codes with it: signing in asks for no code."


class App:
    """An authenticator app holding the key the account page showed. Each code it gives is of a
    newer time step than the one before, since the service takes a step's code once."""

    def __init__(self, key: str) -> None:
        self.totp = pyotp.TOTP(key)
        self.given: list[str] = []
        self.last_step: int | None = None

    async def code(self) -> str:
        # Now's code, or a later step's: the service takes a code up to a step ahead of its clock
        # (and a step behind, time enough to type it in). One further ahead waits for the clock.
        now = int(time.time() // STEP_SECONDS)
        step = now if self.last_step is None else max(now, self.last_step + 1)
        await asyncio.sleep(max(0, (step - 1) * STEP_SECONDS - time.time()))
        self.last_step = step
        self.given.append(self.totp.at(step * STEP_SECONDS))
        return self.given[-1]


async def make_alice(make_shared_user: MakeUser) -> None:
{%- if cookiecutter.email != "none" %}
    alice = await make_shared_user("alice", email="alice@example.com")
    # Only an account whose address is proved its own may take a factor (see MFA_ALLOW_UNVERIFIED_EMAIL).
    await VerifiedEmail.create(user=alice, email_lower="alice@example.com", verified_at=alice.created_at)
{%- else %}
    await make_shared_user("alice")
{%- endif %}


async def set_up_app(tab: Tab) -> tuple[App, list[str]]:
    """On the account page, signed in: an app set up with the key the page shows, and the
    recovery codes the page showed once."""
    from playwright.async_api import expect

    page = tab.page
    await page.get_by_role("button", name="Set up an authenticator app").click()
    await expect(page.get_by_role("img", name="QR code to scan with your authenticator app")).to_be_visible()
    app = App(await page.locator("#totp-secret").inner_text())
    uri = app.totp.provisioning_uri(name="alice", issuer_name=ISSUER)
    await expect(page.get_by_role("link", name="Open it in your authenticator app")).to_have_attribute("href", uri)
    await page.get_by_label("Code from the app").fill(await app.code())
    await page.get_by_role("button", name="Turn on two-factor sign-in").click()
    await expect(page.get_by_role("status")).to_have_text(TURNED_ON)
    codes = await page.locator("#recovery-code-list li").all_inner_texts()
    await page.get_by_role("button", name="I have kept them").click()
    await expect(page.locator("#recovery-code-list li")).to_have_count(0)
    # The key is off the page once it is set up.
    await expect(page.locator("#totp-secret")).to_have_text("")
    return app, codes


async def give_password(tab: Tab) -> None:
    """The first step of a sign-in on the sign-in page."""
    await tab.open("/account/sign-in")
    await tab.page.get_by_label("Username").fill("alice")
    await tab.page.get_by_label("Password").fill(PASSWORD)
    await tab.page.get_by_role("button", name="Sign in", exact=True).click()


async def give_code(tab: Tab, code: str) -> None:
    """The second step, in the dialog every page holds."""
    dialog = tab.page.get_by_role("dialog", name="Two-factor sign-in")
    await dialog.get_by_label("Code from your authenticator app").fill(code)
    await dialog.get_by_role("button", name="Continue").click()


async def on_account_page(tab: Tab) -> None:
    from playwright.async_api import expect

    await tab.page.wait_for_url(f"{tab.address}/account/")
    await expect(tab.page.locator("#username")).to_have_text("alice")


async def test_a_person_sets_up_an_app_then_signs_in_with_its_code_or_a_recovery_code_and_removes_it(
    chromium, address, make_shared_user
):
    from playwright.async_api import expect

    await make_alice(make_shared_user)
    tab = await new_tab(chromium, address)
    page = tab.page
    await sign_in(tab)
    await expect(page.locator("#mfa-summary")).to_have_text(re.compile("^Off: signing in asks for no code"))

    app, recovery_codes = await set_up_app(tab)

    assert len(set(recovery_codes)) == 10
    await expect(page.locator("#mfa-summary")).to_have_text(re.compile("^An authenticator app is set up"))
    await expect(page.locator("#recovery-codes-remaining")).to_have_text("10 recovery codes left.")
    # A password alone no longer signs in: the page asks for a code, and refuses one used before.
    await sign_out(tab)
    await give_password(tab)
    dialog = page.get_by_role("dialog", name="Two-factor sign-in")
    await give_code(tab, app.given[0])
    await expect(dialog.get_by_role("alert")).to_have_text("The code is wrong, or was used before")
    # A recovery code instead, typed in any case.
    await dialog.get_by_role("button", name="Use a recovery code instead").click()
    await dialog.get_by_label("Recovery code").fill(recovery_codes[0].lower())
    await dialog.get_by_role("button", name="Continue").click()
    await on_account_page(tab)
    await expect(dialog).to_be_hidden()
    await expect(page.locator("#recovery-codes-remaining")).to_have_text("9 recovery codes left.")

    # With a code from the app: a login that used it, which may remove it at once.
    await sign_out(tab)
    await give_password(tab)
    await give_code(tab, await app.code())
    await on_account_page(tab)
    await page.get_by_role("button", name="Remove the authenticator app").click()
    await expect(page.get_by_role("status")).to_have_text(REMOVED)
    await expect(page.get_by_role("button", name="Set up an authenticator app")).to_be_visible()
    assert not await Authenticator.exists()
    assert not await RecoveryCode.exists()
    await sign_out(tab)
    await sign_in(tab)
    # Each password step that asked for a code (403), and the code refused.
    tab.take_refusals(3)
    tab.check()


async def test_removing_the_app_with_a_login_that_did_not_use_it_asks_for_the_password_then_a_code(
    chromium, address, make_shared_user
):
    from playwright.async_api import expect

    await make_alice(make_shared_user)
    tab = await new_tab(chromium, address)
    page = tab.page
    await sign_in(tab)
    app, _ = await set_up_app(tab)
    reauthentication = page.get_by_role("dialog", name="Confirm it is you")
    second_step = page.get_by_role("dialog", name="Two-factor sign-in")

    # The sign-in that set the app up did not use it: the page asks to sign in again, with it.
    await page.get_by_role("button", name="Remove the authenticator app").click()
    await reauthentication.get_by_label("Password").fill(PASSWORD)
    await reauthentication.get_by_role("button", name="Confirm").click()
    # Given up at the code, the removal waits and the browser stays signed in as it was.
    await second_step.get_by_role("button", name="Cancel").click()
    await expect(second_step).to_be_hidden()
    await expect(reauthentication.get_by_role("alert")).to_have_text(
        "You are not signed in: the sign-in needs a code from your authenticator app, or a recovery code."
    )
    await reauthentication.get_by_role("button", name="Cancel").click()
    assert await Authenticator.exists()
    await page.reload()
    await expect(page.locator("#recovery-codes-remaining")).to_have_text("10 recovery codes left.")

    await page.get_by_role("button", name="Remove the authenticator app").click()
    await reauthentication.get_by_label("Password").fill(PASSWORD)
    await reauthentication.get_by_role("button", name="Confirm").click()
    await give_code(tab, await app.code())

    await expect(page.get_by_role("status")).to_have_text(REMOVED)
    await expect(reauthentication).to_be_hidden()
    await expect(second_step).to_be_hidden()
    assert not await Authenticator.exists()
    # Twice the removal asking for a login with the factor (401), and the password asking for it (403).
    tab.take_refusals(4)
    tab.check()


async def test_new_recovery_codes_replace_the_old_ones(chromium, address, make_shared_user):
    from playwright.async_api import expect

    await make_alice(make_shared_user)
    tab = await new_tab(chromium, address)
    page = tab.page
    await sign_in(tab)
    app, old_codes = await set_up_app(tab)
    reauthentication = page.get_by_role("dialog", name="Confirm it is you")

    # As for removing the app: the sign-in that set it up did not use it.
    await page.get_by_role("button", name="Make new recovery codes").click()
    await reauthentication.get_by_label("Password").fill(PASSWORD)
    await reauthentication.get_by_role("button", name="Confirm").click()
    await give_code(tab, await app.code())

    await expect(page.get_by_role("status")).to_have_text("New recovery codes are made: the old ones no longer work.")
    new_codes = await page.locator("#recovery-code-list li").all_inner_texts()
    assert len(set(new_codes)) == 10
    assert not set(new_codes) & set(old_codes)
    await page.get_by_role("button", name="I have kept them").click()
    await sign_out(tab)
    await give_password(tab)
    dialog = page.get_by_role("dialog", name="Two-factor sign-in")
    await dialog.get_by_role("button", name="Use a recovery code instead").click()
    await dialog.get_by_label("Recovery code").fill(old_codes[0])
    await dialog.get_by_role("button", name="Continue").click()
    await expect(dialog.get_by_role("alert")).to_have_text("The code is wrong, or was used before")
    await dialog.get_by_label("Recovery code").fill(new_codes[0])
    await dialog.get_by_role("button", name="Continue").click()
    await on_account_page(tab)
    # The new codes asking for a login with the factor (401) and that password asking for it (403);
    # then the sign-in's password (403) and the old code refused.
    tab.take_refusals(4)
    tab.check()
{%- if cookiecutter.email != "none" %}


async def test_a_reset_link_signs_in_once_a_code_is_given(chromium, address, make_shared_user, mailbox: Mailbox):
    from playwright.async_api import expect

    await make_alice(make_shared_user)
    tab = await new_tab(chromium, address)
    page = tab.page
    await sign_in(tab)
    app, _ = await set_up_app(tab)
    await sign_out(tab)
    async with httpx2.AsyncClient(base_url=address) as client:
        asked = await client.post("/auth/forgot-password", json={"email": "alice@example.com"})
        assert asked.status_code == 202, asked.text
    # After the notice that a factor was added.
    _, reset = await mailbox.wait_for("alice@example.com", 2)
    path, token = link_in(reset)

    await tab.open(f"{path}#token={token}")
    await page.get_by_label("New password").fill(NEW_PASSWORD)
    await page.get_by_role("button", name="Set the password").click()
    await give_code(tab, await app.code())

    await page.wait_for_url(re.compile(r"/account/(#.*)?$"))
    await expect(page.get_by_role("status")).to_contain_text("You are signed in with your new password")
    await expect(page.locator("#username")).to_have_text("alice")
    tab.take_refusals(1)
    tab.check()
{%- endif %}
{%- if cookiecutter.social_login != "none" %}


async def test_a_provider_sign_in_lands_on_the_second_step(chromium, address, make_shared_user):
    await make_alice(make_shared_user)
    name, label = PROVIDERS[0]
    await Identity.create(
        user=await User.get(username="alice"), provider=name, subject="7000", email=f"alice@{name}.example"
    )
    tab = await new_tab(chromium, address)
    page = tab.page
    await sign_in(tab)
    app, _ = await set_up_app(tab)
    await sign_out(tab)

    await page.get_by_role("link", name=f"Continue with {label}").click()
    await page.get_by_label("Subject").fill("7000")
    await page.get_by_label("Email", exact=True).fill(f"alice@{name}.example")
    await page.get_by_role("button", name="Sign in as this person").click()
    await give_code(tab, await app.code())

    await on_account_page(tab)
    tab.check()
{%- endif %}
