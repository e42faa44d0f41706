"""Google through OpenID Connect: discovery, PKCE, and an id_token that must verify."""

import pytest

from {{ cookiecutter.package_name }}.main import create_app
from {{ cookiecutter.package_name }}.models import User
from {{ cookiecutter.package_name }}.social.models import Identity

from .conftest import Browser
from fake_providers.provider import CLIENT_ID, Account


async def test_the_login_goes_through_discovery_with_pkce_and_a_nonce(browser, google, link_to_new_user):
    account = google.add(Account("g-1", "ada@example.com"))
    await link_to_new_user(browser, google, account)

    answer = await browser.log_in(google, account)

    assert answer.status_code == 200, answer.text
    authorize = google.authorize_requests[-1]
    assert authorize["client_id"] == CLIENT_ID
    assert authorize["scope"].split() == ["openid", "email", "profile"]
    assert authorize["code_challenge_method"] == "S256"
    assert authorize["nonce"]
    assert authorize["redirect_uri"] == "https://testserver/auth/google/callback"
    assert await Identity.filter(provider="google", subject="g-1").count() == 1


@pytest.mark.parametrize("flaw", ["signature", "audience", "issuer", "nonce", "expired"])
async def test_an_id_token_that_does_not_verify_is_refused(browser, google, make_user, get_token, flaw):
    await make_user("alice")
    account = google.add(Account("g-2", "ada@example.com"))
    google.id_token_flaw = flaw

    login = await browser.log_in(google, account)
    link = await browser.link(google, await get_token("alice"), account)

    for answer in (login, link):
        assert answer.status_code == 400
        assert answer.json()["error"] == "access_denied"
        assert "id_token did not verify" in answer.json()["error_description"]
    assert await User.all().count() == 1
    assert await Identity.all().count() == 0


async def test_an_unreachable_discovery_document_is_a_502(settings, db):
    unreachable = settings.model_copy(update={"google_server_metadata_url": "http://127.0.0.1:9/openid-configuration"})
    browser = Browser(create_app(unreachable))

    answer = await browser.app.get("/auth/google/login")
    await browser.close()

    assert answer.status_code == 502
    assert answer.json()["error_description"] == "Google could not be reached: try again later"


@pytest.mark.parametrize(
    ("missing", "where"), [("jwks_uri", "callback"), ("issuer", "callback"), ("authorization_endpoint", "login")]
)
async def test_an_unusable_discovery_document_is_a_502_that_changes_nothing(
    browser, google, make_user, get_token, missing, where
):
    await make_user("alice")
    account = google.add(Account("g-3", "ada@example.com"))
    google.undiscoverable = frozenset({missing})

    if where == "login":
        answer = await browser.app.get("/auth/google/login")
    else:
        answer = await browser.link(google, await get_token("alice"), account)

    assert answer.status_code == 502
    assert answer.json()["error"] == "temporarily_unavailable"
    assert await Identity.all().count() == 0
