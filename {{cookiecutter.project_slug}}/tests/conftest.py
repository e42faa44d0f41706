import asyncio
import contextlib
import os
import secrets
import socket
import subprocess
import sys
import time
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from contextlib import asynccontextmanager
from datetime import UTC, datetime, timedelta
from graphlib import TopologicalSorter
from ipaddress import ip_network
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import httpx2
import pytest
{%- if cookiecutter.jwt_algorithm == "ES256" %}
from cryptography.hazmat.primitives.asymmetric import ec
{%- elif cookiecutter.jwt_algorithm == "RS256" %}
from cryptography.hazmat.primitives.asymmetric import rsa
{%- endif %}
{%- if cookiecutter.jwt_algorithm != "HS256" %}
from cryptography.hazmat.primitives.serialization import Encoding, NoEncryption, PrivateFormat
{%- endif %}
from tortoise import connections
from tortoise.backends.base.config_generator import expand_db_url
from tortoise.context import TortoiseContext
from tortoise.models import Model

from {{ cookiecutter.package_name }}.database import tortoise_config
from {{ cookiecutter.package_name }}.main import create_app
from {{ cookiecutter.package_name }}.models import User
from {{ cookiecutter.package_name }}.passwords import PasswordHasher
from {{ cookiecutter.package_name }}.settings import PROJECT_ROOT, Settings
from {{ cookiecutter.package_name }}.signing import SigningKeys

IN_MEMORY_DATABASE = "sqlite://:memory:"
# A database server, when the project's database is one (or TEST_DATABASE_URL names one): each
# test process then makes a database there, which every test finds emptied (server_database); a
# test that migrates, or shares its database with other processes, gets one of its own.
_DATABASE_URL = (
    os.environ.get("TEST_DATABASE_URL")
    or os.environ.get("DATABASE_URL")
    or Settings.model_fields["database_url"].default
)
SERVER_URL = None if _DATABASE_URL.startswith("sqlite://") else _DATABASE_URL
TEST_ROUNDS = 4
PASSWORD = "correct horse battery"

# Each test states the settings it runs under: none come from .env or from this shell, in the
# tests' process or in the processes they start.
os.environ["ENV_FILE"] = ""
for variable in list(os.environ):
    if variable.lower() in Settings.model_fields:
        del os.environ[variable]

# The host's clock set to a zone nine and a half hours from UTC (a POSIX rule: no tz database
# needed), as a server's may be: a naive local time anywhere in the service is then hours off.
os.environ["TZ"] = "XST-9:30"
time.tzset()


def pytest_report_header() -> str:
    if SERVER_URL is None:
        return "database: SQLite"
    credentials = expand_db_url(SERVER_URL)["credentials"]
    return f"database server: {credentials['host']}:{credentials['port']}, where tests make test_* databases"


def pytest_configure() -> None:
    """Without the server, one line says what to start or set, rather than every test failing."""
    if SERVER_URL is None:
        return
    credentials = expand_db_url(SERVER_URL)["credentials"]
    address = f"{credentials['host']}:{credentials['port']}"
    try:
        socket.create_connection((credentials["host"], int(credentials["port"])), timeout=5).close()
    except OSError as error:
        raise pytest.UsageError(
            f"no database server answers at {address} ({error.strerror or error}): start it, "
            "or name one with DATABASE_URL or TEST_DATABASE_URL (the tests make and drop databases there)"
        ) from None
{%- if cookiecutter.jwt_algorithm != "HS256" %}


def new_private_key_file(folder: Path) -> Path:
    """A fresh {{ cookiecutter.jwt_algorithm }} private key in a PEM file, as `openssl genpkey` would write it."""
{%- if cookiecutter.jwt_algorithm == "ES256" %}
    key = ec.generate_private_key(ec.SECP256R1())
{%- else %}
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
{%- endif %}
    path = folder / f"{secrets.token_hex(4)}.pem"
    path.write_bytes(key.private_bytes(Encoding.PEM, PrivateFormat.PKCS8, NoEncryption()))
    return path


@pytest.fixture(scope="session")
def private_key_file(tmp_path_factory) -> Path:
    return new_private_key_file(tmp_path_factory.mktemp("keys"))


@pytest.fixture
def settings(private_key_file: Path) -> Settings:
    return Settings(
        _env_file=None,
        secret_key=secrets.token_urlsafe(48),
        database_url=IN_MEMORY_DATABASE,
        bcrypt_rounds=TEST_ROUNDS,
        jwt_private_key_file=private_key_file,
{%- if cookiecutter.email != "none" %}
        # Nothing listens there: tests/mail/ points the settings at its own SMTP server.
        smtp_host="127.0.0.1",
        smtp_port=9,
        email_link_base="https://app.example.com",
{%- endif %}
    )
{%- else %}


@pytest.fixture
def settings() -> Settings:
    return Settings(
        _env_file=None,
        secret_key=secrets.token_urlsafe(48),
        database_url=IN_MEMORY_DATABASE,
        bcrypt_rounds=TEST_ROUNDS,
{%- if cookiecutter.email != "none" %}
        # Nothing listens there: tests/mail/ points the settings at its own SMTP server.
        smtp_host="127.0.0.1",
        smtp_port=9,
        email_link_base="https://app.example.com",
{%- endif %}
    )
{%- endif %}


@pytest.fixture
def keys(settings: Settings) -> SigningKeys:
    """The keys the app made from `settings` signs and checks tokens with."""
    return SigningKeys(settings)


def new_database_url(tmp_path: Path) -> str:
    """A database no test has used: a random name on the TEST_DATABASE_URL server, else an SQLite file."""
    return new_server_database_url() if SERVER_URL else f"sqlite://{tmp_path / 'test.sqlite3'}"


def new_server_database_url() -> str:
    return urlunsplit(urlsplit(SERVER_URL)._replace(path=f"/test_{secrets.token_hex(6)}"))


async def create_database(url: str, *, tables: bool = True) -> None:
    """Create the database `url` names, with every table, or empty for the migrations to build."""
    async with TortoiseContext() as context:
        await context.init(config=tortoise_config(url), _create_db=True)
        if tables:
            await context.generate_schemas()


async def drop_database(url: str) -> None:
    if url.startswith("sqlite://"):
        return  # a file in the test's temporary folder, which pytest removes
    async with TortoiseContext() as context:
        await context.init(config=tortoise_config(url))
        connection = context.connections.get("default")
        await connection.close()
        await connection.db_delete()


@asynccontextmanager
async def fresh_database(tmp_path: Path, *, tables: bool = True) -> AsyncIterator[str]:
    """A new database, connected for the test's own queries, and dropped afterwards."""
    url = new_database_url(tmp_path)
    await create_database(url, tables=tables)
    try:
        async with TortoiseContext() as context:
            await context.init(config=tortoise_config(url))
            yield url
    finally:
        await drop_database(url)


async def empty_every_table(context: TortoiseContext) -> None:
    """Delete every row, each table's before those of the tables it refers to, and set every id
    counter back to 1: the database as a test expects a new one (its first user is number 1)."""
    connection = context.connections.get("default")
    models = [model for app in context.apps.values() for model in app.values()]
    referred_to_by: dict[type[Model], set[type[Model]]] = {model: set() for model in models}
    for model in models:
        for name in model._meta.fk_fields | model._meta.o2o_fields:
            if (target := model._meta.fields_map[name].related_model) is not model:
                referred_to_by[target].add(model)
    quote = '"' if connection.capabilities.dialect == "postgres" else "`"
    tables = [f"{quote}{model._meta.db_table}{quote}" for model in TopologicalSorter(referred_to_by).static_order()]
    statements = [f"DELETE FROM {table}" for table in tables]  # noqa: S608 (the models' own table names)
    if connection.capabilities.dialect == "postgres":
        _, sequences = await connection.execute_query(
            "SELECT sequencename FROM pg_sequences WHERE schemaname = current_schema()"
        )
        statements += [f'ALTER SEQUENCE "{row["sequencename"]}" RESTART' for row in sequences]
    else:
        statements += [f"ALTER TABLE {table} AUTO_INCREMENT = 1" for table in tables]
    await connection.execute_script(";\n".join(statements))


@pytest.fixture(scope="session")
def server_database() -> Iterator[str | None]:
    """On a server, the database of this test process, with every table: made once, since making
    one took most of a test's time there (0.3 s, against 0.01 s to empty it), and dropped at the end."""
    if not SERVER_URL:
        yield None
        return
    url = new_server_database_url()
    asyncio.run(create_database(url))
    try:
        yield url
    finally:
        asyncio.run(drop_database(url))


@pytest.fixture
async def db(server_database: str | None) -> AsyncIterator[None]:
    if server_database:
        async with TortoiseContext() as context:
            await context.init(config=tortoise_config(server_database))
            await empty_every_table(context)
            yield
    else:
        # The app's own configuration, every option's app in it, on a database in memory.
        async with TortoiseContext() as context:
            await context.init(config=tortoise_config(IN_MEMORY_DATABASE))
            await context.generate_schemas()
            yield


@pytest.fixture
async def shared_database(tmp_path) -> AsyncIterator[str]:
    """The URL of a fresh database with every table that other processes can open too."""
    async with fresh_database(tmp_path) as url:
        yield url


@pytest.fixture
async def empty_database(tmp_path) -> AsyncIterator[str]:
    """The URL of a fresh database without tables, for the migrations to build."""
    async with fresh_database(tmp_path, tables=False) as url:
        yield url


@pytest.fixture
def app(settings: Settings, db: None):
    return create_app(settings)


@pytest.fixture
async def client(app) -> AsyncIterator[httpx2.AsyncClient]:
    async with httpx2.AsyncClient(transport=httpx2.ASGITransport(app=app), base_url="http://testserver") as client:
        yield client


@pytest.fixture
async def behind_proxy(settings: Settings, db: None) -> AsyncIterator[httpx2.AsyncClient]:
    """A client whose requests come through a trusted proxy, so that each may claim its own address
    in X-Forwarded-For (the test transport's peer, 127.0.0.1, is the proxy)."""
    settings.trusted_proxies = [ip_network("127.0.0.0/8")]
    app = create_app(settings)
    async with httpx2.AsyncClient(transport=httpx2.ASGITransport(app=app), base_url="http://testserver") as client:
        yield client


MakeUser = Callable[..., Awaitable[User]]


def user_maker() -> MakeUser:
    hasher = PasswordHasher(TEST_ROUNDS)

    async def make_user(
        username: str = "alice", password: str | None = PASSWORD, scopes: tuple[str, ...] = ("me",), **fields
    ) -> User:
        password_hash = await hasher.hash(password) if password is not None else None
        return await User.create(username=username, password_hash=password_hash, scopes=list(scopes), **fields)

    return make_user


@pytest.fixture
def make_user(db: None) -> MakeUser:
    return user_maker()


@pytest.fixture
def make_shared_user(shared_database: str) -> MakeUser:
    """make_user, on the database that other processes share."""
    return user_maker()


GetToken = Callable[..., Awaitable[str]]


@pytest.fixture
def get_token(client: httpx2.AsyncClient) -> GetToken:
    async def get_token(username: str = "alice", password: str = PASSWORD, scope: str | None = None) -> str:
        form = {"grant_type": "password", "username": username, "password": password}
        if scope is not None:
            form["scope"] = scope
        response = await client.post("/auth/token", data=form)
        assert response.status_code == 200, response.text
        return response.json()["access_token"]

    return get_token


async def rename_table(old: str, new: str) -> None:
    """Take a table away from the app's queries (and give it back): a table it cannot reach."""
    await connections.get("default").execute_script(f"ALTER TABLE {old} RENAME TO {new}")


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


StartWorker = Callable[..., str]
UVICORN = [sys.executable, "-m", "uvicorn", "--factory", "{{ cookiecutter.package_name }}.main:create_app"]


def app_environment(settings: Settings, database_url: str, **environment: str) -> dict[str, str]:
    """The environment of the app run as a process of its own, with the keys of `settings`, on `database_url`."""
    return os.environ | {
        "DATABASE_URL": database_url,
        "SECRET_KEY": settings.secret_key.get_secret_value(),
{%- if cookiecutter.jwt_algorithm != "HS256" %}
        "JWT_PRIVATE_KEY_FILE": str(settings.jwt_private_key_file),
{%- endif %}
        "BCRYPT_ROUNDS": str(TEST_ROUNDS),
{%- if cookiecutter.email != "none" %}
        "SMTP_HOST": settings.smtp_host,
        "SMTP_PORT": str(settings.smtp_port),
        "EMAIL_LINK_BASE": settings.email_link_base,
{%- endif %}
        **environment,
    }


@pytest.fixture
def start_worker(settings: Settings, shared_database: str) -> Iterator[StartWorker]:
    """Start the app in a uvicorn process of its own (or `processes` of them behind one port) on the
    shared database; give its address. Its logs go to the file `log` names, else to the test's output."""
    workers: list[subprocess.Popen] = []

    def start_worker(log: Path | None = None, processes: int = 1, **environment: str) -> str:
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            port = probe.getsockname()[1]
        arguments = ["--workers", str(processes)] if processes > 1 else []
        with log.open("w") if log else contextlib.nullcontext() as output:
            worker = subprocess.Popen(  # noqa: S603
                [*UVICORN, "--host", "127.0.0.1", "--port", str(port), "--log-level", "warning", *arguments],
                cwd=PROJECT_ROOT,
                env=app_environment(settings, shared_database, **environment),
                stderr=output,
            )
        workers.append(worker)
        address = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 30
        while True:
            assert worker.poll() is None, "the worker exited"
            assert time.monotonic() < deadline, "the worker did not start"
            try:
                if httpx2.get(f"{address}/health").status_code == 200:
                    return address
            except httpx2.TransportError:
                time.sleep(0.05)

    yield start_worker
    # All of them told to stop before any is waited for; uvicorn stops its worker processes itself.
    for worker in workers:
        worker.terminate()
    for worker in workers:
        try:
            worker.wait(timeout=10)
        except subprocess.TimeoutExpired:
            worker.kill()
            worker.wait()


def forge(settings: Settings, keys: SigningKeys, user_id: int, **changes) -> str:
    """An access token signed with the service's own key, any claim changed (or, as None, left out)."""
    now = datetime.now(UTC)
    claims = {
        "sub": str(user_id),
        "scope": "me",
        "ver": 0,
        "iat": now,
        "exp": now + timedelta(minutes=5),
        "jti": "test",
        "iss": settings.jwt_issuer,
        "aud": settings.jwt_audience,
        "typ": "access",
    } | changes
    return keys.sign({name: value for name, value in claims.items() if value is not None})
