"""The shipped aerich migrations build the schema, and no app's models have drifted from its own."""

import shutil
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from aerich import Command
from tortoise.context import TortoiseContext

from {{ cookiecutter.package_name }}.database import APPS, tortoise_config
from {{ cookiecutter.package_name }}.settings import PROJECT_ROOT

from .conftest import SERVER_URL

SHIPPED_DIALECT = {{ cookiecutter.database | pystr }}


@pytest.fixture
def database_of_the_shipped_dialect(request) -> str:
    server_dialect = urlsplit(SERVER_URL).scheme if SERVER_URL else "sqlite"
    if server_dialect != SHIPPED_DIALECT:
        pytest.skip(f"the shipped migrations are for {SHIPPED_DIALECT}: set TEST_DATABASE_URL to such a server")
    return request.getfixturevalue("empty_database")


@asynccontextmanager
async def aerich(database_url: str, location: Path, app: str) -> AsyncIterator[Command]:
    # Each aerich Command reads the applied migrations once, at init, and needs a context of its own.
    with TortoiseContext():
        async with Command(tortoise_config(database_url), app=app, location=str(location)) as command:
            await command.init()
            yield command


def shipped(migrations: Path) -> dict[str, list[str]]:
    # Only the modules: running aerich may have left a __pycache__ beside them.
    return {app: sorted(path.name for path in (migrations / app).glob("*.py")) for app in APPS}


async def test_upgrade_builds_the_schema_and_every_apps_models_match_its_migrations(
    tmp_path, database_of_the_shipped_dialect
):
    migrations = tmp_path / "migrations"
    shutil.copytree(PROJECT_ROOT / "migrations", migrations)
    before = shipped(migrations)

    applied = {}
    for app in APPS:  # in make migrate's order: the options' tables refer to the core's
        async with aerich(database_of_the_shipped_dialect, migrations, app) as command:
            applied[app] = await command.upgrade(run_in_transaction=True)
    new_migrations = {}
    for app in APPS:
        async with aerich(database_of_the_shipped_dialect, migrations, app) as command:
            new_migrations[app] = await command.migrate("drift", no_input=True)

    assert sorted(path.name for path in migrations.iterdir()) == sorted(APPS)
    assert applied == before
    assert new_migrations == dict.fromkeys(APPS, ""), "an app's models differ from its migrations: run aerich migrate"
    assert shipped(migrations) == before
