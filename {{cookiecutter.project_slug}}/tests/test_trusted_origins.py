"""The origins this service trusts with its answers are named one by one, and outside development
they are HTTPS: the app refuses to start otherwise, naming the setting."""

import pytest

from {{ cookiecutter.package_name }}.settings import ConfigurationError, load_settings

SECRET_KEY = "k" * 32


@pytest.fixture(autouse=True)
def clean_environment(monkeypatch):
    for name in ("SECRET_KEY", "CORS_ORIGINS", "ENVIRONMENT", "FRONTEND_URL"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("SECRET_KEY", SECRET_KEY)


@pytest.mark.parametrize("environment", ["production", "development"])
def test_every_origin_is_refused(monkeypatch, environment):
    monkeypatch.setenv("ENVIRONMENT", environment)
    monkeypatch.setenv("CORS_ORIGINS", "https://app.example.com,*")

    with pytest.raises(ConfigurationError) as stopped:
        load_settings(_env_file=None)

    assert str(stopped.value) == (
        "Configuration error: CORS_ORIGINS must name each origin: "
        "* would let every site call this API from its visitors' browsers"
    )


def test_a_plain_http_origin_is_refused_outside_development(monkeypatch):
    monkeypatch.setenv("CORS_ORIGINS", "https://app.example.com, HTTP://admin.example.com")

    with pytest.raises(ConfigurationError) as stopped:
        load_settings(_env_file=None)

    assert str(stopped.value) == (
        "Configuration error: CORS_ORIGINS must use https:// (http:// is allowed only with ENVIRONMENT=development)"
    )
    assert "admin.example.com" not in str(stopped.value)


def test_in_development_a_plain_http_origin_is_allowed(monkeypatch):
    monkeypatch.setenv("ENVIRONMENT", "development")
    monkeypatch.setenv("CORS_ORIGINS", "http://127.0.0.1:5173")

    assert load_settings(_env_file=None).cors_origins == ["http://127.0.0.1:5173"]


def test_https_origins_are_allowed_by_default(monkeypatch):
    monkeypatch.setenv("CORS_ORIGINS", "https://app.example.com")

    settings = load_settings(_env_file=None)

    assert settings.environment == "production"
    assert settings.cors_origins == ["https://app.example.com"]
{%- if cookiecutter.social_login != "none" %}


def test_a_plain_http_frontend_is_refused_outside_development(monkeypatch):
    monkeypatch.setenv("FRONTEND_URL", "http://app.example.com/signed-in")

    with pytest.raises(ConfigurationError) as stopped:
        load_settings(_env_file=None)

    assert str(stopped.value) == (
        "Configuration error: FRONTEND_URL must use https:// (http:// is allowed only with ENVIRONMENT=development)"
    )


def test_in_development_a_plain_http_frontend_is_allowed(monkeypatch):
    monkeypatch.setenv("ENVIRONMENT", "development")
    monkeypatch.setenv("FRONTEND_URL", "http://127.0.0.1:5173/signed-in")

    assert load_settings(_env_file=None).frontend_url == "http://127.0.0.1:5173/signed-in"
{%- endif %}
