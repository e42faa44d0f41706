"""Fake providers served over real HTTP on loopback, and browsers that log in through them."""

import base64
import hashlib
import secrets
import socket
import threading
import time
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from typing import Any

import httpx2
import pytest
import uvicorn
from pydantic import SecretStr

from {{ cookiecutter.package_name }}.models import User
from {{ cookiecutter.package_name }}.settings import Settings
from {{ cookiecutter.package_name }}.social.clients import PROVIDER_NAMES
{% if "github" in cookiecutter.social_login %}
from .fake_github import app as github_app
from .fake_github import github as fake_github
{%- endif %}
{%- if "google" in cookiecutter.social_login %}
from .fake_google import app as google_app
from .fake_google import google as fake_google
{%- endif %}
from .fake_provider import CLIENT_ID, CLIENT_SECRET, SIGNED_IN, Account, FakeProvider

# The address the login routes answer on; https, since the session cookie is secure.
APP_URL = "https://testserver"


def serve(app) -> Iterator[str]:
    """Run an ASGI app with uvicorn on a free loopback port, in a thread, for the whole test session."""
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning", lifespan="off", ws="none"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started:
        assert time.monotonic() < deadline, "the fake provider did not start"
        time.sleep(0.01)
    host, port = sock.getsockname()
    yield f"http://{host}:{port}"
    server.should_exit = True
    thread.join()
    sock.close()


def in_use(fake: FakeProvider, url: str) -> Iterator[FakeProvider]:
    """The fake provider served at `url`, with whatever a test did to it undone afterwards."""
    fake.url = url
    yield fake
    fake.reset()
{%- if "google" in cookiecutter.social_login %}


@pytest.fixture(scope="session")
def google_url() -> Iterator[str]:
    yield from serve(google_app)


@pytest.fixture
def google(google_url: str) -> Iterator[FakeProvider]:
    yield from in_use(fake_google, google_url)
{%- endif %}
{%- if "github" in cookiecutter.social_login %}


@pytest.fixture(scope="session")
def github_url() -> Iterator[str]:
    yield from serve(github_app)


@pytest.fixture
def github(github_url: str) -> Iterator[FakeProvider]:
    yield from in_use(fake_github, github_url)
{%- endif %}


@pytest.fixture
def provider_settings({% if "google" in cookiecutter.social_login %}google: FakeProvider{% endif %}{% if cookiecutter.social_login == "google_and_github" %}, {% endif %}{% if "github" in cookiecutter.social_login %}github: FakeProvider{% endif %}) -> dict[str, Any]:
    """The settings that point each provider at its fake."""
    return {
{%- if "google" in cookiecutter.social_login %}
        "google_client_id": CLIENT_ID,
        "google_client_secret": SecretStr(CLIENT_SECRET),
        "google_server_metadata_url": f"{google.url}/.well-known/openid-configuration",
{%- endif %}
{%- if "github" in cookiecutter.social_login %}
        "github_client_id": CLIENT_ID,
        "github_client_secret": SecretStr(CLIENT_SECRET),
        "github_authorize_url": f"{github.url}/login/oauth/authorize",
        "github_token_url": f"{github.url}/login/oauth/access_token",
        "github_api_base_url": f"{github.url}/api/v3/",
{%- endif %}
    }


def provider_environment(provider_settings: dict[str, Any]) -> dict[str, str]:
    """Those settings as the environment of a worker process."""
    return {
        name.upper(): value.get_secret_value() if isinstance(value, SecretStr) else value
        for name, value in provider_settings.items()
    }


@pytest.fixture
def settings(settings: Settings, provider_settings: dict[str, Any]) -> Settings:
    # The callback answers JSON here, whatever FRONTEND_URL defaults to; tests of the landing set it.
    return settings.model_copy(update={"frontend_url": None, **provider_settings})


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
            self.provider_side.cookies.set(SIGNED_IN, account.subject)
        answer = await self.provider_side.get(authorization_url)
        assert answer.status_code == 302, answer.text
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
async def browser(app) -> AsyncIterator[Browser]:
    browser = Browser(app)
    yield browser
    await browser.close()


@pytest.fixture
async def other_browser(app) -> AsyncIterator[Browser]:
    browser = Browser(app)
    yield browser
    await browser.close()
