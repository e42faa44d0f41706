"""Social login starts are limited per client address; an id out of range is refused; and a
password locked by someone else's guesses leaves provider login working."""

import asyncio
from ipaddress import ip_network

import pytest

from {{ cookiecutter.package_name }}.main import create_app
from {{ cookiecutter.package_name }}.models import LoginAttempt
from {{ cookiecutter.package_name }}.social.models import Identity, LoginState
from {{ cookiecutter.package_name }}.social.routes import SOCIAL_LOGIN_STARTED

from ..conftest import PASSWORD, bearer
from .conftest import Browser
from fake_providers.provider import Account

BEHIND_PROXY = {"trusted_proxies": [ip_network("127.0.0.0/8")]}


@pytest.fixture
async def limited(settings, db):
    """A browser behind a trusted proxy, from an address allowed three social logins an hour."""
    app = create_app(settings.model_copy(update={"social_logins_per_address_per_hour": 3, **BEHIND_PROXY}))
    browser = Browser(app)
    yield browser
    await browser.close()


def start(browser: Browser, provider, address: str = "203.0.113.1"):
    return browser.app.get(f"/auth/{provider.name}/login", headers={"X-Forwarded-For": address})


async def test_past_the_limit_an_address_starts_no_more_logins(limited, provider):
    started = [await start(limited, provider) for _ in range(3)]

    refused = await start(limited, provider)
    elsewhere = await start(limited, provider, "203.0.113.2")

    assert [answer.status_code for answer in started] == [302] * 3
    assert refused.status_code == 429
    wait = int(refused.headers["retry-after"])
    assert 3500 < wait <= 3600
    assert refused.json() == {
        "error": "slow_down",
        "error_description": f"Too many logins started from this address: try again in {wait} seconds",
    }
    assert elsewhere.status_code == 302
    assert await LoginState.all().count() == 4
    assert await LoginAttempt.filter(kind=SOCIAL_LOGIN_STARTED).count() == 4


async def test_a_burst_of_login_starts_writes_exactly_the_limit(limited, provider):
    answers = await asyncio.gather(*(start(limited, provider) for _ in range(12)))

    codes = [answer.status_code for answer in answers]
    assert codes.count(302) == 3
    assert codes.count(429) == 9
    assert await LoginState.all().count() == 3
    assert await LoginAttempt.all().count() == 3


async def test_a_refused_start_does_not_count(limited, provider):
    for _ in range(5):
        assert (await limited.app.get(f"/auth/{provider.name}/login", params={"scope": "nonsense"})).status_code == 400

    assert (await start(limited, provider)).status_code == 302


@pytest.mark.parametrize("identity_id", ["9223372036854775808", "2147483648", "0"])
async def test_an_identity_id_out_of_range_is_422(browser, provider, make_user, get_token, identity_id):
    await make_user()
    token = await get_token()
    await browser.link(provider, token, provider.add(Account("8001", "alice@example.com", login="alice")))

    answer = await browser.app.delete(f"/users/me/identities/{identity_id}", headers=bearer(token))

    assert answer.status_code == 422
    assert await Identity.all().count() == 1


async def test_a_locked_password_leaves_provider_login_working(settings, provider, make_user, link_to_new_user):
    browser = Browser(create_app(settings.model_copy(update={"account_lockout_failures": 3, **BEHIND_PROXY})))
    account = provider.add(Account("8002", "alice@example.com", login="alice"))
    await link_to_new_user(browser, provider, account)
    form = {"grant_type": "password", "username": "alice"}
    for number in range(3):
        guess = form | {"password": f"guess {number}"}
        await browser.app.post("/auth/token", data=guess, headers={"X-Forwarded-For": f"198.51.100.{number}"})

    by_password = await browser.app.post("/auth/token", data=form | {"password": PASSWORD})
    by_provider = await browser.log_in(provider, account)
    await browser.close()

    assert by_password.status_code == 429
    assert by_provider.status_code == 200, by_provider.text
    assert by_provider.json()["token_type"] == "bearer"


async def test_a_next_too_long_to_keep_is_refused_before_anything_is_written(settings, db, provider):
    app = create_app(settings.model_copy(update={"frontend_url": "https://app.example.com/" + "a" * 2000}))
    browser = Browser(app)
    try:
        answer = await browser.app.get(
            f"/auth/{provider.name}/login",
            params={"next": "b" * 100, "code_challenge": "A" * 43, "code_challenge_method": "S256"},
        )
    finally:
        await browser.close()

    assert answer.status_code == 400
    assert answer.json()["error"] == "invalid_request"
    assert await LoginState.all().count() == 0


async def test_a_host_too_long_for_a_callback_url_is_refused_before_anything_is_written(limited, provider):
    answer = await limited.app.get(f"/auth/{provider.name}/login", headers={"Host": "h" * 2100 + ".example.com"})

    assert answer.status_code == 400
    assert answer.json() == {
        "error": "invalid_request",
        "error_description": "The Host header is too long for a callback URL",
    }
    assert await LoginState.all().count() == 0
