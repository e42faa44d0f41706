"""The postgres and mysql bakes migrate real, empty databases (test_bakes.py runs their whole suites there).

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

from .conftest import aerich, bake, unavailable, upgrade_every_app

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


def server_url(database: str) -> str:
    """The server's URL, once it has answered; without one, skip, or fail under CI."""
    server = SERVER_URLS[database]
    try:
        execute(server, "select 1")
    except (OSError, asyncpg.PostgresError, asyncmy.errors.Error) as error:
        unavailable(f"no {database} server at {server} ({error}); start it or set {database.upper()}_URL")
    return server


@pytest.fixture
def empty_database(request):
    """Make a fresh database on the server and give its URL; drop it afterwards."""

    def make(database: str) -> str:
        server = server_url(database)
        name = f"bake_{secrets.token_hex(6)}"
        execute(server, f"create database {name}")
        request.addfinalizer(lambda: execute(server, f"drop database {name}"))
        return urlunsplit(urlsplit(server)._replace(path=f"/{name}"))

    return make


@pytest.mark.parametrize("database", ["postgres", "mysql"])
def test_the_shipped_migration_builds_the_schema_on_a_real_server(cookies, empty_database, database):
    project = bake(cookies, database=database)
    url = empty_database(database)

    upgrade_every_app(project, url)

    schema = urlsplit(url).path.lstrip("/") if database == "mysql" else "public"
    tables = execute(url, f"select table_name from information_schema.tables where table_schema = '{schema}'")
    assert {"users", "login_attempts", "identities", "login_states", "aerich"} <= {table for (table,) in tables}
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
            "token_version",
        ]
    )


def test_a_model_change_migrates_up_and_down_on_postgres(cookies, empty_database):
    project = bake(cookies, database="postgres")
    url = empty_database("postgres")
    upgrade_every_app(project, url)
    models = project / "accounts_service" / "models.py"
    models.write_text(
        models.read_text().replace(
            "    last_login_at = fields.DatetimeField(null=True)\n",
            "    last_login_at = fields.DatetimeField(null=True)\n    nickname = fields.CharField(max_length=40, null=True)\n",
            1,
        )
    )

    aerich(project, url, "migrate", "--name", "add_nickname")
    (migration,) = (project / "migrations" / "models").glob("*_add_nickname.py")
    aerich(project, url, "upgrade")
    after_upgrade = user_columns(url)
    aerich(project, url, "downgrade", "--yes")
    after_downgrade = user_columns(url)

    assert "nickname" in migration.read_text()
    assert "nickname" in after_upgrade
    assert "nickname" not in after_downgrade
    assert after_downgrade == after_upgrade - {"nickname"}


def user_columns(url: str) -> set[str]:
    rows = execute(url, "select column_name from information_schema.columns where table_name = 'users'")
    return {column for (column,) in rows}
