"""The pages in Chromium, on the app served by uvicorn{% if cookiecutter.social_login != "none" %} with the fake providers{% endif %}: what a person clicks
and reads. Every page must carry a strict Content-Security-Policy, log no console error, and no
token may appear in any URL the browser requests."""

import os
import re
from datetime import UTC, datetime, timedelta

import httpx2
import pytest

from {{ cookiecutter.package_name }}.models import RefreshToken, User

from ..conftest import PASSWORD
{%- if cookiecutter.email != "none" %}
from ..mail.conftest import link_in
{%- endif %}

pytestmark = pytest.mark.browser

NEW_PASSWORD = "another horse battery"
# Set by the template's own test: where the screenshot of the account page goes (its README shows it).
SCREENSHOT = os.environ.get("ACCOUNT_PAGE_SCREENSHOT")
# What Chromium logs for an answer the page itself expected and showed in words.
REFUSED = re.compile(r"^Failed to load resource: the server responded with a status of 4\d\d")


class Tab:
    """A Chromium page that notes console errors, answers without a strict policy, and every URL requested."""

    def __init__(self, page, address: str) -> None:
        self.page = page
        self.address = address
        self.errors: list[str] = []
        self.urls: list[str] = []
        page.on("console", lambda message: message.type == "error" and self.errors.append(message.text))
        page.on("pageerror", lambda error: self.errors.append(str(error)))
        page.on("request", lambda request: self.urls.append(request.url))
        page.on("response", self._check_policy)

    def _check_policy(self, response) -> None:
        # Every page of the service, the account pages and /docs alike (not the fakes' pages, nor redirects).
        page = response.request.resource_type == "document" and not 300 <= response.status < 400
        if not page or not response.url.startswith(f"{self.address}/"):
            return
        policy = response.headers.get("content-security-policy", "")
        if "script-src 'self'" not in policy or "frame-ancestors 'none'" not in policy or "unsafe-inline" in policy:
            self.errors.append(f"{response.url} has no strict Content-Security-Policy: {policy!r}")

    async def open(self, path: str) -> None:
        await self.page.goto(f"{self.address}{path}")

    def take_refusals(self, count: int) -> None:
        """The page was refused `count` times on purpose; Chromium logs each one."""
        refused = [error for error in self.errors if REFUSED.match(error)]
        assert len(refused) == count, self.errors
        self.errors = [error for error in self.errors if not REFUSED.match(error)]

    def check(self) -> None:
        assert self.errors == []
        for url in self.urls:
            # Access tokens are JWTs (eyJ...); no token of any kind is named in a URL either.
            assert not re.search(r"eyJ|access_token|refresh_token", url), url


async def new_tab(chromium, address: str) -> Tab:
    context = await chromium.new_context()
    return Tab(await context.new_page(), address)


async def sign_in(tab: Tab, username: str = "alice", password: str = PASSWORD) -> None:
    from playwright.async_api import expect

    await tab.open("/account/sign-in")
    await tab.page.get_by_label("Username").fill(username)
    await tab.page.get_by_label("Password").fill(password)
    await tab.page.get_by_role("button", name="Sign in", exact=True).click()
    await tab.page.wait_for_url(f"{tab.address}/account/")
    await expect(tab.page.locator("#username")).to_have_text(username)


async def sign_out(tab: Tab) -> None:
    await tab.page.get_by_role("button", name="Log out", exact=True).click()
    await tab.page.wait_for_url(f"{tab.address}/account/sign-in")


async def test_a_person_signs_in_ends_a_session_and_is_told_in_words_what_was_refused(
    chromium, address, make_shared_user{% if cookiecutter.email != "none" %}, mailbox{% endif %}
):
    from playwright.async_api import expect

    tab = await new_tab(chromium, address)
{%- if cookiecutter.allow_signup %}
    await tab.open("/account/sign-up")
    await tab.page.get_by_label("Username").fill("alice")
    await tab.page.get_by_label("Password").fill(PASSWORD)
    await tab.page.get_by_role("button", name="Sign up").click()
    await tab.page.wait_for_url(f"{address}/account/")
    await expect(tab.page.locator("#username")).to_have_text("alice")
    await sign_out(tab)
{%- else %}
    await make_shared_user("alice")
{%- endif %}
    await sign_in(tab)
    page = tab.page

    # Another browser signs in; this one ends its session.
    other = await new_tab(chromium, address)
    await sign_in(other)
    await page.reload()
    await expect(page.locator("#sessions li")).to_have_count(2)
    await page.get_by_role("button", name=re.compile("^End the session")).click()
    await expect(page.get_by_role("status")).to_have_text("The session is ended.")
    await expect(page.locator("#sessions li")).to_have_count(1)
    await other.open("/account/")
    await other.page.wait_for_url(f"{address}/account/sign-in")

    # A wrong current password is refused, and said so.
    await page.get_by_label("Current password").fill("not my password at all")
    await page.get_by_label("New password").fill(NEW_PASSWORD)
    await page.get_by_role("button", name="Change password").click()
    await expect(page.get_by_role("alert")).to_have_text("current_password is incorrect")
    tab.take_refusals(1)

    # A login older than REAUTH_MINUTES: the page asks for the password, then does the change.
    alice = await User.get(username="alice")
    await RefreshToken.filter(user_id=alice.id).update(auth_time=datetime.now(UTC) - timedelta(hours=1))
    await page.reload()
    await page.get_by_label("New email").fill("alice@example.com")
    await page.get_by_role("button", name="Change email").click()
    dialog = page.get_by_role("dialog", name="Confirm it is you")
    await expect(dialog).to_be_visible()
    await dialog.get_by_label("Password").fill(PASSWORD)
    await dialog.get_by_role("button", name="Confirm").click()
{%- if cookiecutter.email != "none" %}
    await expect(page.get_by_role("status")).to_have_text(
        "A link is on its way to alice@example.com: your email changes once you follow it."
    )
    tab.take_refusals(1)
    assert (await User.get(username="alice")).email is None

    # The link in the message delivered, opened in this browser: nothing happens until the person
    # confirms (a mail scanner that opens links runs no click), then the address is the account's, verified.
    link = address + "{}#token={}".format(*link_in((await mailbox.wait_for("alice@example.com"))[0]))
    await page.goto(link)
    confirm = page.get_by_role("button", name="Confirm this address")
    await expect(confirm).to_be_enabled()
    assert (await User.get(username="alice")).email is None
    await confirm.click()
    await expect(page.get_by_role("status")).to_have_text("Your email address is verified.")
    assert "#" not in page.url
    await page.get_by_role("link", name="Go to your account").click()
    await expect(page.locator("#email > div").first).to_have_text("alice@example.com")
    await expect(page.locator("#email .detail")).to_have_text("Verified")
    # Followed again, the link is refused in words.
    await page.goto(link)
    await page.get_by_role("button", name="Confirm this address").click()
    await expect(page.get_by_role("alert")).to_have_text(
        "The link is invalid, expired or already used: ask for a new one"
    )
    tab.take_refusals(1)
    await tab.open("/account/")
{%- else %}
    await expect(page.get_by_role("status")).to_have_text("Your email is changed.")
    await expect(page.locator("#email")).to_have_text("alice@example.com")
    tab.take_refusals(1)
{%- endif %}

    await page.get_by_role("button", name="Log out everywhere").click()
    await page.wait_for_url(f"{address}/account/sign-in")
    assert await RefreshToken.filter(user_id=alice.id, revoked_at__isnull=True).count() == 0

    await sign_in(tab)
    await page.get_by_role("button", name="Delete my account").click()
    await page.get_by_role("dialog", name="Delete your account?").get_by_role("button", name="Delete it").click()
    await page.wait_for_url(f"{address}/account/sign-in")
    assert not await User.filter(username="alice").exists()
    tab.check()


async def test_a_signed_out_visit_to_the_account_page_goes_to_sign_in_and_logs_no_error(chromium, address):
    from playwright.async_api import expect

    tab = await new_tab(chromium, address)

    await tab.open("/account/")

    await tab.page.wait_for_url(f"{address}/account/sign-in")
    # Enabled by the sign-in page's script: both pages' scripts have run, whatever they log is in.
    await expect(tab.page.get_by_role("button", name="Sign in", exact=True)).to_be_enabled()
    tab.check()


async def test_swaggers_authorize_dialog_logs_in_and_a_guarded_call_answers(chromium, address, make_shared_user):
    from playwright.async_api import expect

    await make_shared_user("alice", scopes=("me", "users:read"))
    tab = await new_tab(chromium, address)
    page = tab.page
    await tab.open("/docs")

    await page.get_by_role("button", name="Authorize").first.click()
    dialog = page.locator(".modal-ux")
    await dialog.get_by_label("username:").fill("alice")
    await dialog.get_by_label("password:").fill(PASSWORD)
    # Swagger UI styles its own checkboxes: a person ticks the scope by its label.
    await dialog.locator('label[for^="me-"]').click()
    await dialog.get_by_role("button", name="Apply given OAuth2 credentials").click()
    await expect(dialog.get_by_role("heading", name="Authorized")).to_be_visible()
    await dialog.get_by_role("button", name="Close", exact=True).click()
    path = page.locator(".opblock-summary-path", has_text=re.compile("^/users/me$"))
    operation = page.locator(".opblock-get", has=path)
    await operation.locator(".opblock-summary").click()
    await operation.get_by_role("button", name="Try it out").click()
    await operation.get_by_role("button", name="Execute").click()

    answer = operation.locator(".live-responses-table tbody tr.response")
    await expect(answer.locator(".response-col_status")).to_have_text("200")
    await expect(answer.locator(".response-col_description")).to_contain_text('"username": "alice"')
    tab.check()


async def test_a_browser_that_signed_in_before_gets_through_a_lockout_that_a_new_one_waits_on(
    chromium, start_worker, make_shared_user
):
    from playwright.async_api import expect

    await make_shared_user("alice")
    # Locked after three wrong passwords, which this one address may send (its own limit is five).
    address = start_worker(ENVIRONMENT="development", ACCOUNT_LOCKOUT_FAILURES="3")
    known = await new_tab(chromium, address)
    await sign_in(known)
    await sign_out(known)
    wrong = {"grant_type": "password", "username": "alice", "password": "not the password at all"}
    async with httpx2.AsyncClient(base_url=address) as attacker:
        guesses = [(await attacker.post("/auth/token", data=wrong)).status_code for _ in range(4)]

    await sign_in(known)
    new = await new_tab(chromium, address)
    await new.open("/account/sign-in")
    await new.page.get_by_label("Username").fill("alice")
    await new.page.get_by_label("Password").fill(PASSWORD)
    await new.page.get_by_role("button", name="Sign in", exact=True).click()

    assert guesses == [400, 400, 400, 429]
    refusal = re.compile(r"^Too many failed logins: try again in \d+ seconds$")
    await expect(new.page.get_by_role("alert")).to_have_text(refusal)
    new.take_refusals(1)
    known.check()
    new.check()
{%- if cookiecutter.social_login != "none" %}


# Each provider baked in: its fixture's name and its label on the pages.
PROVIDERS = [
{%- if "google" in cookiecutter.social_login %}
    ("google", "Google"),
{%- endif %}
{%- if "github" in cookiecutter.social_login %}
    ("github", "GitHub"),
{%- endif %}
]
# What the account page says for a provider login refused with access_denied, or with an error it does not know.
CANCELLED = "The sign-in was cancelled or refused."
UNKNOWN_REFUSAL = "The sign-in did not work: start it again."


async def test_a_person_links_providers_and_signs_in_with_each_to_the_same_account(chromium, address, make_shared_user):
    from playwright.async_api import expect

    tab = await new_tab(chromium, address)
    page = tab.page
    await make_shared_user("alice", email="alice@example.com")
    await sign_in(tab)
    for number, (name, label) in enumerate(PROVIDERS):
        await page.get_by_role("button", name=f"Link {label}").click()
        # The fake's own page, labelled FAKE, asks who to be.
        await expect(page.get_by_role("heading", name=f"Sign in to FAKE {label}")).to_be_visible()
        await page.get_by_label("Subject").fill(str(7000 + number))  # GitHub's are numbers
        await page.get_by_label("Email", exact=True).fill(f"alice@{name}.example")
        await page.get_by_role("button", name="Sign in as this person").click()
        await page.wait_for_url(f"{address}/account/")
        await expect(page.get_by_role("status")).to_have_text(f"{label} is now linked to your account.")
    await expect(page.locator("#identities li")).to_have_count(len(PROVIDERS))
    # A link of anyone's making names no provider the pages do not know.
    await page.goto(f"{address}/account/#linked=constructor")
    await page.reload()
    await expect(page.locator("#identities li")).to_have_count(len(PROVIDERS))
    await expect(page.locator("#status")).to_have_text("")
    if SCREENSHOT:
        await page.screenshot(path=SCREENSHOT, full_page=True)

    for _, label in PROVIDERS:
        await sign_out(tab)
        # Still signed in at the fake: it sends the browser straight back.
        await page.get_by_role("link", name=f"Continue with {label}").click()
        await page.wait_for_url(f"{address}/account/")
        await expect(page.locator("#username")).to_have_text("alice")

    name, label = PROVIDERS[0]
    await page.get_by_role("button", name=f"Unlink {label}: alice@{name}.example").click()
    await expect(page.get_by_role("status")).to_have_text(f"{label} is unlinked.")
    await expect(page.locator("#identities li")).to_have_count(len(PROVIDERS) - 1)
    tab.check()
{%- endif %}
{%- if cookiecutter.social_login != "none" %}


async def test_a_sign_in_cancelled_at_the_provider_is_said_in_words(chromium, address):
    from playwright.async_api import expect

    tab = await new_tab(chromium, address)
    page = tab.page
    _, label = PROVIDERS[0]
    await tab.open("/account/sign-in")

    await page.get_by_role("link", name=f"Continue with {label}").click()
    await page.get_by_role("button", name="Cancel").click()

    await page.wait_for_url(f"{address}/account/")
    await expect(page.get_by_role("alert")).to_have_text(CANCELLED)
    await expect(page.get_by_role("link", name="Sign in", exact=True)).to_be_visible()
    # The page says its own sentences only, never words a link of anyone's making brings.
    await tab.open("/account/sign-in")
    await tab.open("/account/#error=made_up&error_description=Call+0800+now")
    await expect(page.get_by_role("alert")).to_have_text(UNKNOWN_REFUSAL)
    tab.check()
{%- endif %}
