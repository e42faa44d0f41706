"""The pages' backend reached as a browser reaches it, and a real browser (Chromium, driven by
Playwright) on the app served by uvicorn{% if cookiecutter.social_login != "none" %}, with the fake providers{% endif %}."""

import importlib.util
import os
from collections.abc import AsyncIterator
from pathlib import Path

import httpx2
import pytest
{%- if cookiecutter.social_login != "none" %}

from {{ cookiecutter.package_name }}.settings import Settings
{%- endif %}
{%- if cookiecutter.email != "none" or cookiecutter.social_login != "none" %}
{% endif %}
{%- if cookiecutter.email != "none" %}
from ..mail.conftest import Mailbox, mailbox  # noqa: F401 (the fixture)
{%- endif %}
{%- if cookiecutter.social_login != "none" %}
from ..social.conftest import (  # noqa: F401 (fixtures)
    as_settings,
{%- if "github" in cookiecutter.social_login %}
    github,
{%- endif %}
{%- if "google" in cookiecutter.social_login %}
    google,
{%- endif %}
    provider_environment,
    provider_urls,
)
{%- endif %}

# HTTPS, as outside development: the cookies are Secure, and a client sends them back over HTTPS only.
APP_URL = "https://testserver"
# What the pages' script sends with every request to the pages' backend.
FROM_PAGES = {"Origin": APP_URL, "X-Account-Pages": "1"}
# Debian's Chromium, or the Chromium or Chrome that CHROMIUM names.
CHROMIUM = Path(os.environ.get("CHROMIUM", "/usr/bin/chromium"))
# Headless, offline, and nothing started but the page: no updates, sync or background requests.
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
{%- if cookiecutter.social_login != "none" %}


@pytest.fixture
def settings(settings: Settings, provider_environment: dict[str, str]) -> Settings:  # noqa: F811 (the fixture)
    return settings.model_copy(update=as_settings(provider_environment))
{%- endif %}


@pytest.fixture
async def pages(app) -> AsyncIterator[httpx2.AsyncClient]:
    """A browser on the pages, whose requests carry what the pages' script adds."""
    transport = httpx2.ASGITransport(app=app)
    async with httpx2.AsyncClient(transport=transport, base_url=APP_URL, headers=FROM_PAGES) as client:
        yield client


def missing_browser() -> str | None:
    if importlib.util.find_spec("playwright") is None:
        return "Playwright is not installed: pip install -e '.[browser]'"
    if not CHROMIUM.exists():
        return f"no Chromium at {CHROMIUM}: apt-get install chromium, or name one in CHROMIUM"
    return None


@pytest.fixture
def address(start_worker{% if cookiecutter.social_login != "none" %}, provider_environment{% endif %}{% if cookiecutter.email != "none" %}, mailbox: Mailbox{% endif %}) -> str:{% if cookiecutter.email != "none" or cookiecutter.social_login != "none" %}  # noqa: F811 (the fixtures){% endif %}
    """The app served by uvicorn{% if cookiecutter.social_login != "none" %}, signing in with the fake providers{% endif %}{% if cookiecutter.email != "none" %}, delivering its messages to `mailbox`{% endif %}."""
    # Plain HTTP on loopback: development's cookies, without the __Host- prefix and Secure.
    return start_worker(
        ENVIRONMENT="development",
{%- if cookiecutter.social_login != "none" %}
        **provider_environment,
{%- endif %}
{%- if cookiecutter.email != "none" %}
        SMTP_PORT=str(mailbox.port),
        SMTP_TLS="none",
{%- endif %}
    )


@pytest.fixture
async def chromium() -> AsyncIterator:
    """Chromium, or a skip that says what is missing; under CI (CI set) a failure instead."""
    if missing := missing_browser():
        if os.environ.get("CI"):
            pytest.fail(f"CI must run the browser tests, but {missing}")
        pytest.skip(missing)
    from playwright.async_api import async_playwright

    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        await browser.close()
