"""The shipped aerich migration builds the schema, and the models have not drifted from it."""

import shutil
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from aerich import Command
from tortoise.context import TortoiseContext

from {{ cookiecutter.package_name }}.database import MODELS_APP, tortoise_config
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
async def aerich(database_url: str, location: Path) -> AsyncIterator[Command]:
    # Each aerich Command reads the applied migrations once, at init, and needs a context of its own.
    with TortoiseContext():
        async with Command(tortoise_config(database_url), app=MODELS_APP, location=str(location)) as command:
            await command.init()
            yield command


async def test_upgrade_builds_the_schema_and_models_match_the_migration(tmp_path, database_of_the_shipped_dialect):
    migrations = tmp_path / "migrations"
    shutil.copytree(PROJECT_ROOT / "migrations", migrations)
    # Only the modules: running aerich may have left a __pycache__ beside them.
    shipped = sorted(path.name for path in (migrations / MODELS_APP).glob("*.py"))

    async with aerich(database_of_the_shipped_dialect, migrations) as command:
        applied = await command.upgrade(run_in_transaction=True)
    async with aerich(database_of_the_shipped_dialect, migrations) as command:
        new_migration = await command.migrate("drift", no_input=True)

    assert applied == shipped
    assert new_migration == "", f"the models differ from the migrations: run `aerich migrate` ({new_migration})"
    assert sorted(path.name for path in (migrations / MODELS_APP).glob("*.py")) == shipped
