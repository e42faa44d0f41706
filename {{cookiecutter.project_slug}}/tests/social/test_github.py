"""GitHub through OAuth 2: the numeric id identifies, /user/emails says which address is verified."""

from {{ cookiecutter.package_name }}.main import create_app
from {{ cookiecutter.package_name }}.social.models import Identity

from .conftest import Browser
from fake_providers.provider import CLIENT_ID, Account


async def test_the_login_uses_the_configured_host_with_pkce(browser, github, link_to_new_user):
    account = github.add(Account("583231", "octo@example.com", login="octocat"))
    await link_to_new_user(browser, github, account)

    answer = await browser.log_in(github, account)

    assert answer.status_code == 200, answer.text
    authorize = github.authorize_requests[-1]
    assert authorize["client_id"] == CLIENT_ID
    assert authorize["scope"] == "read:user user:email"
    assert authorize["code_challenge_method"] == "S256"
    identity = await Identity.get(provider="github")
    # The primary address, not the other verified one.
    assert (identity.subject, identity.email, identity.email_verified) == ("583231", "octo@example.com", True)


async def test_a_renamed_login_is_still_the_same_account(browser, github, link_to_new_user):
    account = github.add(Account("583232", "octo@example.com", login="octocat"))
    user = await link_to_new_user(browser, github, account)
    account.login = "hubot"

    answer = await browser.log_in(github, account)

    assert answer.status_code == 200
    assert [identity.user_id for identity in await Identity.filter(provider="github")] == [user.id]


async def test_an_unverified_primary_email_is_recorded_as_unverified(browser, github, link_to_new_user):
    account = github.add(Account("583233", "maybe@example.com", email_verified=False, login="maybe"))
    await link_to_new_user(browser, github, account)

    identity = await Identity.get(provider="github")

    assert (identity.email, identity.email_verified) == ("maybe@example.com", False)
{%- if cookiecutter.allow_signup %}


async def test_a_new_account_is_named_after_the_github_login(browser, github, db):
    account = github.add(Account("583235", "octo@example.com", login="octocat"))

    answer = await browser.log_in(github, account)

    assert answer.status_code == 200, answer.text
    identity = await Identity.get(provider="github").prefetch_related("user")
    assert identity.user.username == "octocat"
{%- endif %}


async def test_an_unreachable_token_endpoint_is_a_502_that_changes_nothing(settings, github, db):
    unreachable = settings.model_copy(update={"github_token_url": "http://127.0.0.1:9/login/oauth/access_token"})
    browser = Browser(create_app(unreachable))
    account = github.add(Account("583234", "octo@example.com", login="octocat"))

    answer = await browser.log_in(github, account)
    await browser.close()

    assert answer.status_code == 502
    assert answer.json()["error_description"] == "GitHub could not be reached: try again later"
    assert await Identity.all().count() == 0
