"""The FAKE providers of `make demo`: a person signs in on their page, and the service refuses
them outside development."""

import secrets

import pytest

from {{ cookiecutter.package_name }}.settings import ConfigurationError, load_settings
from {{ cookiecutter.package_name }}.social.models import Identity

from .conftest import Browser
from fake_providers.provider import CLIENT_ID, FakeProvider
from fake_providers.servers import serving_fakes

URL_SETTINGS = {
{%- if "google" in cookiecutter.social_login %}
    "google": ["GOOGLE_SERVER_METADATA_URL"],
{%- endif %}
{%- if "github" in cookiecutter.social_login %}
    "github": ["GITHUB_AUTHORIZE_URL", "GITHUB_TOKEN_URL", "GITHUB_API_BASE_URL"],
{%- endif %}
}


def someone(provider: FakeProvider, **changes: str) -> dict[str, str]:
    """What a person types into the fake's sign-in form."""
    form = {"subject": "4242", "email": "grace@example.com", "email_verified": "yes", "name": "Grace Hopper"}
    return {"decision": "sign_in", **form, "login": "grace", **changes}


async def link_on_the_page(browser: Browser, provider: FakeProvider, token: str, form: dict[str, str]):
    authorization_url = await browser.start_link(provider, token)
    page = await browser.provider_side.get(authorization_url)
    answer = await browser.provider_side.post(authorization_url, data=form)
    return page, answer


def test_the_demo_settings_are_refused_outside_development(monkeypatch):
    monkeypatch.setenv("SECRET_KEY", secrets.token_urlsafe(48))
    with serving_fakes() as environment:
        for name, value in environment.items():
            monkeypatch.setenv(name, value)
        development = load_settings(_env_file=None)
        monkeypatch.setenv("ENVIRONMENT", "production")
        with pytest.raises(ConfigurationError) as stopped:
            load_settings(_env_file=None)

    assert environment["ENVIRONMENT"] == "development"
    assert [getattr(development, f"{name}_client_id") for name in URL_SETTINGS] == [CLIENT_ID] * len(URL_SETTINGS)
    for names in URL_SETTINGS.values():
        for name in names:
            assert f"{name} must use https://" in str(stopped.value)
            assert environment[name] not in str(stopped.value)


async def test_a_person_links_an_account_on_the_fake_page_and_signs_in_with_it(browser, provider, make_user, get_token):
    user = await make_user()

    page, answer = await link_on_the_page(browser, provider, await get_token(), someone(provider))
    linked = await browser.app.get(answer.headers["location"])
    start = await browser.start_login(provider)
    remembered = await browser.provider_side.get(start)
    login = await browser.app.get(remembered.headers["location"])

    assert page.status_code == 200
    assert f"FAKE {provider.label}" in page.text
    assert "for development and tests only" in page.text
    assert "default-src 'none'" in page.headers["content-security-policy"]
    assert answer.status_code == 303
    assert linked.status_code == 200, linked.text
    identity = await Identity.get(provider=provider.name)
    assert (identity.user_id, identity.subject, identity.email) == (user.id, "4242", "grace@example.com")
    assert identity.email_verified is True
    # Signed in at the fake: the next visit goes straight back, as a provider's session would.
    assert remembered.status_code == 302
    assert login.status_code == 200, login.text
    me = await browser.app.get("/users/me", headers={"Authorization": f"Bearer {login.json()['access_token']}"})
    assert me.json()["id"] == user.id


async def test_an_unticked_box_makes_the_email_unverified(browser, provider, make_user, get_token):
    await make_user()
    form = someone(provider)
    del form["email_verified"]

    _, answer = await link_on_the_page(browser, provider, await get_token(), form)
    linked = await browser.app.get(answer.headers["location"])

    assert linked.status_code == 200, linked.text
    assert (await Identity.get(provider=provider.name)).email_verified is False


async def test_signing_out_of_the_fake_asks_again(browser, provider, make_user, get_token):
    await make_user()
    _, answer = await link_on_the_page(browser, provider, await get_token(), someone(provider))
    await browser.app.get(answer.headers["location"])

    home = await browser.provider_side.get(f"{provider.url}/")
    signed_out = await browser.provider_side.post(f"{provider.url}/sign-out")
    asked = await browser.provider_side.get(await browser.start_login(provider))

    assert "Signed in as <strong>grace@example.com</strong>" in home.text
    assert signed_out.status_code == 303
    assert asked.status_code == 200
    assert "Sign in as this person" in asked.text


async def test_an_empty_subject_is_asked_for_again(browser, provider, make_user, get_token):
    await make_user()

    _, answer = await link_on_the_page(browser, provider, await get_token(), someone(provider, subject=" "))

    assert answer.status_code == 400
    assert 'role="alert"' in answer.text
    assert 'name="subject"' in answer.text
    assert provider.grants == {}
    assert await Identity.all().count() == 0
{%- if "github" in cookiecutter.social_login %}


async def test_the_fake_github_asks_for_a_numeric_id(browser, github, make_user, get_token):
    await make_user()

    _, answer = await link_on_the_page(browser, github, await get_token(), someone(github, subject="octocat"))

    assert answer.status_code == 400
    assert "must be a number" in answer.text
    assert github.grants == {}
    assert await Identity.all().count() == 0
{%- endif %}
