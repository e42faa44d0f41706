"""`python -m {{ cookiecutter.package_name }} create-database`, and the one line the app stops with when the
database is missing or refuses the credentials."""

import asyncio
import os
import secrets
import subprocess
import sys
from urllib.parse import urlsplit, urlunsplit

import pytest
from tortoise.context import TortoiseContext

from {{ cookiecutter.package_name }}.database import tortoise_config
from {{ cookiecutter.package_name }}.settings import PROJECT_ROOT

from .conftest import SERVER_URL, UVICORN, app_environment, drop_database, new_database_url
from .logged import json_lines

CREATE_COMMAND = "python -m {{ cookiecutter.package_name }} create-database"
needs_a_server = pytest.mark.skipif(not SERVER_URL, reason="credentials need a database server: set TEST_DATABASE_URL")


@pytest.fixture
def missing_database(tmp_path) -> str:
    """A database that does not exist: a new name on the server, or an SQLite file in a folder yet to be made."""
    return new_database_url(tmp_path) if SERVER_URL else f"sqlite://{tmp_path / 'data' / 'accounts.sqlite3'}"


@pytest.fixture
async def made_by_the_test(missing_database: str):
    yield missing_database
    await drop_database(missing_database)


def refused_credentials() -> str:
    """A user name the server does not know, with a password that must never be shown."""
    parts = urlsplit(SERVER_URL)
    netloc = f"nobody_{secrets.token_hex(4)}:password-{secrets.token_hex(8)}@{parts.hostname}:{parts.port}"
    return urlunsplit(parts._replace(netloc=netloc))


async def create_database(database_url: str) -> tuple[int, str, str]:
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "{{ cookiecutter.package_name }}",
        "create-database",
        cwd=PROJECT_ROOT,
        # No SECRET_KEY (tests/conftest.py clears the settings): creating the database must not need it.
        env=os.environ | {"DATABASE_URL": database_url},
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    out, err = await process.communicate()
    return process.returncode, out.decode(), err.decode()


def start_app(settings, database_url: str) -> subprocess.CompletedProcess:
    """Start the app as its README says, until it stops by itself."""
    return subprocess.run(  # noqa: S603
        [*UVICORN, "--host", "127.0.0.1", "--port", "0"],
        cwd=PROJECT_ROOT,
        env=app_environment(settings, database_url, ENVIRONMENT="production"),
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


async def test_create_database_makes_it_once(made_by_the_test):
    first = await create_database(made_by_the_test)
    second = await create_database(made_by_the_test)

    assert first[0] == second[0] == 0, (first, second)
    assert first[1].startswith("created ")
    assert second[1].endswith("exists already: nothing to do\n")
    async with TortoiseContext() as context:
        await context.init(config=tortoise_config(made_by_the_test))
        assert await context.connections.get("default").execute_query_dict("SELECT 1 AS one") == [{"one": 1}]


async def test_the_app_stops_with_one_line_when_the_database_is_missing(settings, missing_database):
    started = await asyncio.to_thread(start_app, settings, missing_database)

    assert started.returncode == 3
    assert "Traceback" not in started.stderr
    errors = [line["message"] for line in json_lines(started.stderr) if line["level"] == "error"]
    assert len(errors) == 2, started.stderr
    assert errors[0].startswith("Configuration error: ")
    assert errors[0].endswith(f"does not exist: create it with {CREATE_COMMAND}")
    assert errors[1] == "Application startup failed. Exiting."


@needs_a_server
async def test_refused_credentials_stop_the_app_and_the_command_in_one_line_without_the_password(settings):
    url = refused_credentials()
    password = urlsplit(url).password

    started = await asyncio.to_thread(start_app, settings, url)
    status, _, err = await create_database(url)

    assert started.returncode == 3
    assert "Traceback" not in started.stderr
    [refused] = [line["message"] for line in json_lines(started.stderr) if "refused" in line["message"]]
    assert refused.endswith(
        f"refused user {urlsplit(url).username!r}: check the user name and password in DATABASE_URL"
    )
    assert status == 1
    assert err.count("\n") == 1
    assert "refused user" in err
    assert password not in started.stderr + err
