"""Where the emailed links point when EMAIL_LINK_BASE is left unset."""

import re

import pytest

from {{ cookiecutter.package_name }}.main import create_app
from {{ cookiecutter.package_name }}.settings import ConfigurationError

from ..conftest import bearer
from .conftest import text_of


@pytest.fixture
def settings(settings):
    # This module's app (the `app` fixture) runs in development with no EMAIL_LINK_BASE.
    return settings.model_copy(update={"email_link_base": None, "environment": "development"})


def test_outside_development_the_app_refuses_to_start_without_a_link_base(settings):
    # The default FRONTEND_URL, if any, is a path: it names no origin a link could start with.
    unset = settings.model_copy(update={"environment": "production"})

    with pytest.raises(ConfigurationError) as stopped:
        create_app(unset)

    assert str(stopped.value) == (
        "Configuration error: EMAIL_LINK_BASE is not set: the links in emails need the origin of the pages "
        "they open (EMAIL_LINK_BASE=https://accounts.example.com)"
    )


def test_outside_development_the_app_refuses_to_start_without_an_smtp_server_and_says_what_to_set(settings):
    unset = settings.model_copy(update={"environment": "production", "smtp_host": None})

    with pytest.raises(ConfigurationError) as stopped:
        create_app(unset)

    assert str(stopped.value).startswith("Configuration error: SMTP_HOST is not set: ")
    assert "SMTP_HOST=smtp.example.com" in str(stopped.value)
    assert "ENVIRONMENT=development" in str(stopped.value)
{%- if cookiecutter.social_login != "none" %}


def test_an_absolute_frontend_url_gives_the_links_its_origin(settings):
    landing = settings.model_copy(update={"environment": "production", "frontend_url": "https://app.example.com/in/"})

    assert landing.link_base == "https://app.example.com"
{%- endif %}


async def test_in_development_the_links_lead_to_this_service(client, make_user, get_token, mailbox):
    await make_user()
    response = await client.patch(
        "/users/me", json={"email": "alice@example.com"}, headers=bearer(await get_token("alice"))
    )
    assert response.status_code == 200

    text = text_of((await mailbox.wait_for("alice@example.com"))[0])
    assert re.search(r"http://127\.0\.0\.1:8000/account/verify-email#token=[A-Za-z0-9_-]+", text), text
