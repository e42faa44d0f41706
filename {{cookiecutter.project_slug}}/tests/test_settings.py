"""Settings: where they are read from, and a missing or weak SECRET_KEY refused and never printed."""

import pytest

from {{ cookiecutter.package_name }}.settings import PROJECT_ROOT, ConfigurationError, Settings, env_file, load_settings


@pytest.mark.parametrize(
    ("secret_key", "message"),
    [
        (None, "SECRET_KEY is not set"),
        ("", "SECRET_KEY is not set"),
        ("change-me", "SECRET_KEY is a placeholder"),
        ("too-short-but-not-a-placeholder", "SECRET_KEY must be at least 32 bytes long"),
    ],
)
def test_the_app_refuses_to_start_without_a_strong_secret_key(secret_key, message):
    overrides = {"_env_file": None} | ({"secret_key": secret_key} if secret_key is not None else {})

    with pytest.raises(ConfigurationError) as stopped:
        load_settings(**overrides)

    assert str(stopped.value).startswith(f"Configuration error: {message}")
    if secret_key:
        assert secret_key not in str(stopped.value)


def test_settings_come_from_the_environment(monkeypatch):
    monkeypatch.setenv("SECRET_KEY", "k" * 32)
    monkeypatch.setenv("CORS_ORIGINS", "https://a.example, https://b.example")
    monkeypatch.setenv("ACCESS_TOKEN_MINUTES", "5")

    settings = load_settings(_env_file=None)

    assert settings.secret_key.get_secret_value() == "k" * 32
    assert settings.cors_origins == ["https://a.example", "https://b.example"]
    assert settings.access_token_minutes == 5
    assert "k" * 32 not in repr(settings)


def test_a_relative_sqlite_path_is_in_the_project_folder():
    settings = Settings(_env_file=None, secret_key="k" * 32, database_url="sqlite://data/app.sqlite3")

    assert settings.database_url == f"sqlite://{PROJECT_ROOT / 'data/app.sqlite3'}"
    assert Settings(_env_file=None, secret_key="k" * 32, database_url="sqlite://:memory:").database_url.endswith(
        ":memory:"
    )


def test_the_database_url_stays_out_of_repr():
    settings = Settings(_env_file=None, secret_key="k" * 32, database_url="postgres://app:hunter2@db/app")

    assert "hunter2" not in repr(settings)


def test_the_file_env_file_names_is_read_instead_of_dot_env(monkeypatch, tmp_path):
    settings_file = tmp_path / "production.env"
    settings_file.write_text(f"SECRET_KEY={'k' * 32}\nACCESS_TOKEN_MINUTES=7\n")
    monkeypatch.setenv("ENV_FILE", str(settings_file))

    assert load_settings().access_token_minutes == 7


def test_an_env_file_that_is_not_there_stops_the_app_in_one_line(monkeypatch, tmp_path):
    mistyped = tmp_path / "prodcution.env"
    monkeypatch.setenv("ENV_FILE", str(mistyped))

    with pytest.raises(ConfigurationError) as stopped:
        load_settings()

    assert str(stopped.value) == f"Configuration error: ENV_FILE names {mistyped}, which is not a file"


def test_with_env_file_empty_no_file_is_read_as_under_the_tests():
    # tests/conftest.py sets ENV_FILE empty: the .env beside this project, with its SECRET_KEY, is not read.
    with pytest.raises(ConfigurationError) as stopped:
        load_settings()

    assert str(stopped.value).startswith("Configuration error: SECRET_KEY is not set")


def test_without_env_file_the_project_s_dot_env_is_read(monkeypatch):
    monkeypatch.delenv("ENV_FILE")

    assert env_file() == PROJECT_ROOT / ".env"
