"""The postgres and mysql bakes migrate a real, empty database, and their models match the migration.

The servers' URLs come from POSTGRES_URL and MYSQL_URL (defaults: the local servers that
`.ci/run` starts). Without a server these tests skip, saying how to enable them; under CI
they fail instead, so that a missing server cannot pass for a green run.
"""

import asyncio
import os
import secrets
from urllib.parse import urlsplit, urlunsplit

import asyncmy
import asyncpg
import pytest

from .conftest import PYTHON, aerich_upgrade, bake, run

SERVER_URLS = {
    "postgres": os.environ.get("POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/postgres"),
    "mysql": os.environ.get("MYSQL_URL", "mysql://root@127.0.0.1:3306/mysql"),
}


async def _execute(url: str, *statements: str) -> list[tuple]:
    parts = urlsplit(url)
    rows: list[tuple] = []
    if parts.scheme == "postgres":
        connection = await asyncpg.connect(url.replace("postgres://", "postgresql://", 1), timeout=5)
        try:
            for statement in statements:
                rows = [tuple(row) for row in await connection.fetch(statement)]
        finally:
            await connection.close()
        return rows
    connection = await asyncmy.connect(
        host=parts.hostname,
        port=parts.port or 3306,
        user=parts.username or "root",
        password=parts.password or "",
        database=parts.path.lstrip("/"),
        connect_timeout=5,
    )
    try:
        async with connection.cursor() as cursor:
            for statement in statements:
                await cursor.execute(statement)
                rows = list(await cursor.fetchall())
    finally:
        connection.close()
    return rows


def execute(url: str, *statements: str) -> list[tuple]:
    return asyncio.run(_execute(url, *statements))


@pytest.fixture
def empty_database(request):
    """Make a fresh database on the server and give its URL; drop it afterwards."""

    def make(database: str) -> str:
        server = SERVER_URLS[database]
        try:
            execute(server, "select 1")
        except (OSError, asyncpg.PostgresError, asyncmy.errors.Error) as error:
            message = f"no {database} server at {server} ({error}); start it or set {database.upper()}_URL"
            if os.environ.get("CI"):
                pytest.fail(message)
            pytest.skip(message)
        name = f"bake_{secrets.token_hex(6)}"
        execute(server, f"create database {name}")
        request.addfinalizer(lambda: execute(server, f"drop database {name}"))
        return urlunsplit(urlsplit(server)._replace(path=f"/{name}"))

    return make


@pytest.mark.parametrize("database", ["postgres", "mysql"])
def test_the_shipped_migration_builds_the_schema_on_a_real_server(cookies, empty_database, database):
    project = bake(cookies, database=database)
    url = empty_database(database)

    aerich_upgrade(project, url)

    schema = urlsplit(url).path.lstrip("/") if database == "mysql" else "public"
    tables = execute(url, f"select table_name from information_schema.tables where table_schema = '{schema}'")
    assert {"users", "identities", "login_states", "aerich"} <= {table for (table,) in tables}
    columns = execute(
        url,
        "select column_name from information_schema.columns "
        f"where table_schema = '{schema}' and table_name = 'users' order by column_name",
    )
    assert [column for (column,) in columns] == sorted(
        [
            "id",
            "username",
            "username_lower",
            "email",
            "password_hash",
            "is_active",
            "scopes",
            "created_at",
            "last_login_at",
        ]
    )


@pytest.mark.parametrize("database", ["postgres", "mysql"])
def test_models_match_the_migration_on_a_real_server(cookies, empty_database, database):
    project = bake(cookies, database=database)

    result = run(
        PYTHON,
        "-m",
        "pytest",
        "-q",
        "-rs",
        "tests/test_migrations.py",
        cwd=project,
        env={"TEST_DATABASE_URL": empty_database(database)},
    )

    assert "1 passed" in result.stdout
    assert "skipped" not in result.stdout
