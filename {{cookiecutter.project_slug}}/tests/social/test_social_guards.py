"""Social login starts are limited per client address; an id out of range is refused; a password
locked by someone else's guesses leaves provider login working; and `next` and `scope` are what the
document says."""

import asyncio
import re
from ipaddress import ip_network

import pytest

from {{ cookiecutter.package_name }}.main import create_app
from {{ cookiecutter.package_name }}.models import LoginAttempt
from {{ cookiecutter.package_name }}.social.models import Identity, LoginState
from {{ cookiecutter.package_name }}.social.routes import SOCIAL_LOGIN_STARTED

from ..conftest import PASSWORD, bearer
from .conftest import Browser, pkce
from fake_providers.provider import Account

BEHIND_PROXY = {"trusted_proxies": [ip_network("127.0.0.0/8")]}
CORS_ORIGINS = ["https://admin.example.com", "http://localhost:5173"]


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


def next_schemas(document: dict) -> list[dict]:
    """The schema of `next`, as the document gives it for the login and for the link."""
    paths = document["paths"]
    operations = [paths["/auth/{provider}/login"]["get"], paths["/auth/{provider}/link"]["post"]]
    return [
        next(found for found in operation["parameters"] if found["name"] == "next")["schema"]
        for operation in operations
    ]


# Each candidate for `next`, and whether a frontend at app.example.com, with the CORS origins
# below, may be sent there.
NEXT_CANDIDATES = {
    "/": True,
    "/settings/accounts?tab=2#top": True,
    "https://app.example.com": True,
    "https://app.example.com/welcome": True,
    "https://admin.example.com?back=1": True,
    "http://localhost:5173/back": True,
    "//evil.example/steal": False,
    "https://app.example.com.evil.example/": False,
    "https://app.example.com@evil.example/": False,
    "https://app.example.com:8443/": False,
    "http://app.example.com/": False,
    "/caf\u00e9": False,
    "/two words": False,
    "/back\n": False,
    "/\\evil.example": False,
    "settings": False,
}


async def test_the_document_gives_next_a_pattern_that_the_routes_hold_to(settings, db, provider):
    update = {"frontend_url": "https://app.example.com/signed-in", "cors_origins": CORS_ORIGINS}
    browser = Browser(create_app(settings.model_copy(update=update)))
    try:
        document = (await browser.app.get("/openapi.json")).json()
        answers = {
            candidate: await browser.app.get(f"/auth/{provider.name}/login", params={"next": candidate, **pkce()[1]})
            for candidate in NEXT_CANDIDATES
        }
    finally:
        await browser.close()

    login_schema, link_schema = next_schemas(document)
    assert login_schema == link_schema == {"type": "string", "maxLength": 2048, "pattern": login_schema["pattern"]}
    # Matched whole, as ECMAScript reads $ (Python's $ would match before a final newline too).
    pattern = re.compile(login_schema["pattern"])
    assert {candidate: bool(pattern.fullmatch(candidate)) for candidate in NEXT_CANDIDATES} == NEXT_CANDIDATES
    assert {candidate: answer.status_code for candidate, answer in answers.items()} == {
        candidate: 302 if accepted else 400 for candidate, accepted in NEXT_CANDIDATES.items()
    }
    assert await LoginState.all().count() == sum(NEXT_CANDIDATES.values())


async def test_with_nowhere_to_go_the_document_gives_next_no_value(settings, db, provider):
    # A FRONTEND_URL that is a path (the account pages'), and no CORS_ORIGINS: no `next` is taken.
    browser = Browser(create_app(settings.model_copy(update={"frontend_url": "/account/", "cors_origins": []})))
    try:
        document = (await browser.app.get("/openapi.json")).json()
        answer = await browser.app.get(f"/auth/{provider.name}/login", params={"next": "/account/", **pkce()[1]})
    finally:
        await browser.close()

    assert next_schemas(document) == [{"not": {}}, {"not": {}}]
    assert answer.status_code == 400
    assert answer.json() == {
        "error": "invalid_request",
        "error_description": "next must be a path, or a URL on FRONTEND_URL's origin or CORS_ORIGINS",
    }
    assert await LoginState.all().count() == 0


# Each candidate for a login's `scope`, and whether it is one: registered scope names, one space
# apart (or none, for every scope the user holds).
SCOPE_CANDIDATES = {
    "": True,
    "me": True,
    "users:read me": True,
    "me me users:write": True,
    "nonsense": False,
    "me nonsense": False,
    "ME": False,
    "me  users:read": False,
    " me": False,
    "me ": False,
    "me\tusers:read": False,
    "me,users:read": False,
}


async def test_the_document_gives_scope_the_registered_names_that_the_login_takes(browser, provider):
    document = (await browser.app.get("/openapi.json")).json()
    answers = {
        candidate: await browser.app.get(f"/auth/{provider.name}/login", params={"scope": candidate})
        for candidate in SCOPE_CANDIDATES
    }

    login = document["paths"]["/auth/{provider}/login"]["get"]
    schema = next(found for found in login["parameters"] if found["name"] == "scope")["schema"]
    assert schema == {"type": "string", "maxLength": 1024, "pattern": schema["pattern"]}
    pattern = re.compile(schema["pattern"])
    assert {candidate: bool(pattern.fullmatch(candidate)) for candidate in SCOPE_CANDIDATES} == SCOPE_CANDIDATES
    assert {candidate: answer.status_code for candidate, answer in answers.items()} == {
        candidate: 302 if taken else 400 for candidate, taken in SCOPE_CANDIDATES.items()
    }
    assert await LoginState.all().count() == sum(SCOPE_CANDIDATES.values())
