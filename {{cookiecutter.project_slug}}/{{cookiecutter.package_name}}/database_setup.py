"""Creating the database DATABASE_URL names, and saying in one line why it cannot be opened."""

import logging
{%- if cookiecutter.database == "sqlite" %}
import sqlite3
from pathlib import Path
{%- else %}
from enum import Enum
from urllib.parse import urlsplit
{%- endif %}
{% if cookiecutter.database == "postgres" %}
from asyncpg.exceptions import InvalidAuthorizationSpecificationError, InvalidCatalogNameError, InvalidPasswordError
{%- elif cookiecutter.database == "mysql" %}
from asyncmy.errors import OperationalError as MySQLError
{%- endif %}
from tortoise import connections
from tortoise.context import TortoiseContext

from .database import is_unreachable, tortoise_config
from .settings import ConfigurationError

logger = logging.getLogger(__name__)

CREATE_COMMAND = f"python -m {__package__} create-database"
{%- if cookiecutter.database == "sqlite" %}


def where(database_url: str) -> str:
    return f"the SQLite database {database_url.removeprefix('sqlite://')}"


def missing_folder(database_url: str) -> str | None:
    """What to do when the database file's folder does not exist, in one line; None when it does."""
    path = database_url.removeprefix("sqlite://")
    if path == ":memory:" or Path(path).parent.is_dir():
        return None
    return f"the folder of {where(database_url)} does not exist: create it with {CREATE_COMMAND}"


def refusal(error: BaseException | None, database_url: str) -> str | None:
    """What to do about an error that says the database file cannot be made, in one line; None for any other error."""
    while error is not None:
        if isinstance(error, sqlite3.OperationalError) and (problem := missing_folder(database_url)):
            return problem
        error = error.__cause__ or error.__context__
    return None
{%- else %}
{%- if cookiecutter.database == "mysql" %}

# The server's codes for an unknown database, and for a user name, password or grant it refuses.
MYSQL_UNKNOWN_DATABASE = 1049
MYSQL_ACCESS_DENIED = {1044, 1045, 1698}
{%- endif %}


class Refusal(Enum):
    MISSING_DATABASE = "missing database"
    DENIED = "denied"


def _refusal_in(error: BaseException | None) -> Refusal | None:
    """Whether the error, or one it was raised from, is the server refusing to open the database."""
    while error is not None:
{%- if cookiecutter.database == "postgres" %}
        if isinstance(error, InvalidCatalogNameError):
            return Refusal.MISSING_DATABASE
        if isinstance(error, InvalidPasswordError | InvalidAuthorizationSpecificationError):
            return Refusal.DENIED
{%- else %}
        code = error.args[0] if isinstance(error, MySQLError) and error.args else None
        if code == MYSQL_UNKNOWN_DATABASE:
            return Refusal.MISSING_DATABASE
        if code in MYSQL_ACCESS_DENIED:
            return Refusal.DENIED
{%- endif %}
        error = error.__cause__ or error.__context__
    return None


def where(database_url: str) -> str:
    """The database a URL names, without its password."""
    parts = urlsplit(database_url)
    server = parts.netloc.rpartition("@")[2]
    return f"database {parts.path.lstrip('/')!r} on {server}"


def refusal(error: BaseException | None, database_url: str) -> str | None:
    """What to do about an error that says the database is missing or refuses the credentials,
    in one line that names the database and never the password; None for any other error."""
    match _refusal_in(error):
        case Refusal.MISSING_DATABASE:
            return f"{where(database_url)} does not exist: create it with {CREATE_COMMAND}"
        case Refusal.DENIED:
            user = urlsplit(database_url).username
            return f"the server of {where(database_url)} refused user {user!r}: check the user name and password in DATABASE_URL"
    return None
{%- endif %}
{%- if cookiecutter.database == "sqlite" %}


def _make_room_for(path: Path) -> bool:
    """Whether the file is missing; if so, its folder is made."""
    if path.exists():
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    return True
{%- endif %}


async def check_database(database_url: str) -> None:
    """Open the configured database at start-up: stop with a clear line if it is missing or the
    credentials are refused. A server that does not answer yet is waited for by each request."""
{%- if cookiecutter.database == "sqlite" %}
    # Told before connecting: a connection that fails to open leaves a thread behind that
    # would outlive the event loop the failed start-up closes.
    if (problem := missing_folder(database_url)) is not None:
        raise ConfigurationError(f"Configuration error: {problem}")
{%- endif %}
    try:
        await connections.get("default").execute_query("SELECT 1")
    except Exception as error:
        if (problem := refusal(error, database_url)) is not None:
            raise ConfigurationError(f"Configuration error: {problem}") from None
        if not is_unreachable(error):
            raise
        logger.warning("the database does not answer yet: requests that need it answer 503 until it does")


async def create_database(database_url: str) -> bool:
    """Create the database unless it exists; whether it had to be created."""
{%- if cookiecutter.database == "sqlite" %}
    if not _make_room_for(Path(database_url.removeprefix("sqlite://"))):
        return False
    # SQLite makes the file as it first connects.
    async with TortoiseContext() as context:
        await context.init(config=tortoise_config(database_url))
        await context.connections.get("default").execute_query("SELECT 1")
    return True
{%- else %}
    async with TortoiseContext() as context:
        await context.init(config=tortoise_config(database_url))
        try:
            await context.connections.get("default").execute_query("SELECT 1")
        except Exception as error:
            if _refusal_in(error) is not Refusal.MISSING_DATABASE:
                raise
        else:
            return False
    async with TortoiseContext() as context:
        await context.init(config=tortoise_config(database_url), _create_db=True)
    return True
{%- endif %}
