"""Fake providers served over real HTTP on loopback, and browsers that log in through them."""

import base64
import contextlib
import hashlib
import secrets
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from typing import Any

import httpx2
import pytest
from pydantic import SecretStr

from {{ cookiecutter.package_name }}.main import create_app
from {{ cookiecutter.package_name }}.models import User
from {{ cookiecutter.package_name }}.settings import Settings
from {{ cookiecutter.package_name }}.social.clients import PROVIDER_NAMES

from fake_providers.provider import Account, FakeProvider
from fake_providers.servers import FAKES, serving

# The address the login routes answer on; https, since the session cookie is secure.
APP_URL = "https://testserver"
# Where a frontend lands after a social login (FRONTEND_URL).
LANDING = "https://app.example.com/signed-in"


@pytest.fixture(scope="session")
def provider_urls() -> Iterator[dict[str, str]]:
    """Every fake provider served over real HTTP on loopback, for the whole test session."""
    with contextlib.ExitStack() as stack:
        yield {name: stack.enter_context(serving(fake.app)) for name, fake in FAKES.items()}


def in_use(name: str, urls: dict[str, str]) -> Iterator[FakeProvider]:
    """The fake provider `name`, with whatever a test did to it undone afterwards."""
    fake = FAKES[name].provider
    fake.url = urls[name]
    yield fake
    fake.reset()
{%- if "google" in cookiecutter.social_login %}


@pytest.fixture
def google(provider_urls: dict[str, str]) -> Iterator[FakeProvider]:
    yield from in_use("google", provider_urls)
{%- endif %}
{%- if "github" in cookiecutter.social_login %}


@pytest.fixture
def github(provider_urls: dict[str, str]) -> Iterator[FakeProvider]:
    yield from in_use("github", provider_urls)
{%- endif %}


@pytest.fixture
def provider_environment(provider_urls: dict[str, str]{% if "google" in cookiecutter.social_login %}, google: FakeProvider{% endif %}{% if "github" in cookiecutter.social_login %}, github: FakeProvider{% endif %}) -> dict[str, str]:
    """The environment that points the service at each fake (a worker process's too)."""
    environment = {}
    for name, fake in FAKES.items():
        environment |= fake.settings(provider_urls[name])
    return environment


def as_settings(environment: dict[str, str]) -> dict[str, Any]:
    """The environment as settings to copy into the tests' own: not validated, since those are
    production ones, which refuse the fakes' plain HTTP."""
    return {
        name.lower(): SecretStr(value) if name.endswith("_SECRET") else value for name, value in environment.items()
    }


@pytest.fixture
def settings(settings: Settings, provider_environment: dict[str, str]) -> Settings:
    # The callback answers JSON here, whatever FRONTEND_URL defaults to; tests of the landing set it.
    return settings.model_copy(update={"frontend_url": None, **as_settings(provider_environment)})


def fake_at(url: str) -> FakeProvider:
    """The fake provider that a URL leads to."""
    return next(fake.provider for fake in FAKES.values() if url.startswith(f"{fake.provider.url}/"))


@pytest.fixture(params=PROVIDER_NAMES)
def provider(request) -> FakeProvider:
    """Each provider in turn, for the flows that work the same with every one."""
    return request.getfixturevalue(request.param)


class Browser:
    """One person's browser: its cookies for this service, and who it is signed in as at a provider."""

    def __init__(self, app) -> None:
        self.app = httpx2.AsyncClient(transport=httpx2.ASGITransport(app=app), base_url=APP_URL)
        self.provider_side = httpx2.AsyncClient()

    async def close(self) -> None:
        await self.app.aclose()
        await self.provider_side.aclose()

    async def visit_provider(self, authorization_url: str, account: Account | None) -> str:
        """Follow the redirect to the provider, signed in as `account` (None declines); return the way back."""
        self.provider_side.cookies.clear()
        if account is not None:
            self.provider_side.cookies.set(fake_at(authorization_url).cookie, account.subject)
        answer = await self.provider_side.get(authorization_url)
        if account is None:
            assert answer.status_code == 200, answer.text
            assert "FAKE" in answer.text
            answer = await self.provider_side.post(authorization_url, data={"decision": "cancel"})
        assert answer.status_code in {302, 303}, answer.text
        back = answer.headers["location"]
        assert back.startswith(f"{APP_URL}/auth/"), back
        return back

    async def start_login(self, provider: FakeProvider, **params: str) -> str:
        answer = await self.app.get(f"/auth/{provider.name}/login", params=params)
        assert answer.status_code == 302, answer.text
        return answer.headers["location"]

    async def log_in(self, provider: FakeProvider, account: Account | None, **params: str) -> httpx2.Response:
        """The whole round trip: our login route, the provider, our callback."""
        back = await self.visit_provider(await self.start_login(provider, **params), account)
        return await self.app.get(back)

    async def start_link(self, provider: FakeProvider, access_token: str, **params: str) -> str:
        answer = await self.app.post(
            f"/auth/{provider.name}/link", params=params, headers={"Authorization": f"Bearer {access_token}"}
        )
        assert answer.status_code == 200, answer.text
        return answer.json()["authorization_url"]

    async def link(self, provider: FakeProvider, access_token: str, account: Account) -> httpx2.Response:
        back = await self.visit_provider(await self.start_link(provider, access_token), account)
        return await self.app.get(back)


def pkce() -> tuple[str, dict[str, str]]:
    """A PKCE verifier, and the login parameters that carry its S256 challenge, as a frontend makes them."""
    verifier = secrets.token_urlsafe(48)
    challenge = base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest()).rstrip(b"=").decode()
    return verifier, {"code_challenge": challenge, "code_challenge_method": "S256"}


LinkToNewUser = Callable[..., Awaitable[User]]


@pytest.fixture
def link_to_new_user(make_user, get_token) -> LinkToNewUser:
    """Link a provider account to a new password user, so that it logs in whether or not sign-up is open."""

    async def link_to_new_user(browser: Browser, provider: FakeProvider, account: Account, username: str = "alice"):
        user = await make_user(username)
        answer = await browser.link(provider, await get_token(username), account)
        assert answer.status_code == 200, answer.text
        return user

    return link_to_new_user


@pytest.fixture
async def frontend(settings, db) -> AsyncIterator[Browser]:
    """A browser on the app as deployed with a frontend."""
    browser = Browser(create_app(settings.model_copy(update={"frontend_url": LANDING})))
    yield browser
    await browser.close()


@pytest.fixture
async def browser(app) -> AsyncIterator[Browser]:
    browser = Browser(app)
    yield browser
    await browser.close()


@pytest.fixture
async def other_browser(app) -> AsyncIterator[Browser]:
    browser = Browser(app)
    yield browser
    await browser.close()
