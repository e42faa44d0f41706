"""The shipped aerich migration builds the schema, and the models have not drifted from it."""

import os
import shutil
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import pytest
from aerich import Command
from tortoise.context import TortoiseContext

from {{ cookiecutter.package_name }}.database import MODELS_APP, tortoise_config
from {{ cookiecutter.package_name }}.settings import PROJECT_ROOT

SHIPPED_DIALECT = {{ cookiecutter.database | pystr }}


@pytest.fixture
def empty_database_url(tmp_path) -> str:
    if SHIPPED_DIALECT == "sqlite":
        return f"sqlite://{tmp_path / 'migrated.sqlite3'}"
    if url := os.environ.get("TEST_DATABASE_URL"):
        return url
    pytest.skip(f"the shipped migration is for {SHIPPED_DIALECT}: set TEST_DATABASE_URL to an empty database there")


@asynccontextmanager
async def aerich(database_url: str, location: Path) -> AsyncIterator[Command]:
    # Each aerich Command reads the applied migrations once, at init, and needs a context of its own.
    with TortoiseContext():
        async with Command(tortoise_config(database_url), app=MODELS_APP, location=str(location)) as command:
            await command.init()
            yield command


async def test_upgrade_builds_the_schema_and_models_match_the_migration(tmp_path, empty_database_url):
    migrations = tmp_path / "migrations"
    shutil.copytree(PROJECT_ROOT / "migrations", migrations)
    shipped = sorted(path.name for path in (migrations / MODELS_APP).iterdir())

    async with aerich(empty_database_url, migrations) as command:
        applied = await command.upgrade(run_in_transaction=True)
    async with aerich(empty_database_url, migrations) as command:
        new_migration = await command.migrate("drift", no_input=True)

    assert applied == shipped
    assert new_migration == "", f"the models differ from the migrations: run `aerich migrate` ({new_migration})"
    assert sorted(path.name for path in (migrations / MODELS_APP).iterdir() if path.suffix == ".py") == shipped
