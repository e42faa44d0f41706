"""Tortoise ORM configuration, shared by the app, aerich and the command line."""

from urllib.parse import urlsplit
{% if cookiecutter.database == "postgres" %}
from asyncpg.exceptions import CannotConnectNowError, PostgresConnectionError, TooManyConnectionsError
{%- elif cookiecutter.database == "mysql" %}
from asyncmy.errors import OperationalError as MySQLError
{%- endif %}
from tortoise.backends.base.config_generator import expand_db_url
from tortoise.exceptions import DBConnectionError

from .settings import StorageSettings, load_settings

# One Tortoise app per option, each with its own aerich migrations in migrations/<app>/, so that
# an option's tables and their history come and go with its package. In the order `make migrate`
# upgrades them: the options' tables refer to the core's users. Named when baked, as main.py adds
# the options: the core imports none of them, and this lists exactly the apps the bake has.
APPS = {
    "models": [f"{__package__}.models", "aerich.models"],
{%- if cookiecutter.social_login != "none" %}
    "social": [f"{__package__}.social.models"],
{%- endif %}
{%- if cookiecutter.email != "none" %}
    "mail": [f"{__package__}.mail.models"],
{%- endif %}
{%- if cookiecutter.mfa != "none" %}
    "mfa": [f"{__package__}.mfa.models"],
{%- endif %}
}


# A database that stops answering must not hold requests for long: asyncpg would wait 60 s
# to connect and forever for a query, asyncmy forever for a connection's login. An explicit
# setting in DATABASE_URL (?timeout=..., ?connect_timeout=...) wins.
TIMEOUTS = {"postgres": {"timeout": 5, "command_timeout": 15}, "mysql": {"connect_timeout": 5.0}}


def tortoise_config(database_url: str) -> dict:
    connection = expand_db_url(database_url)
    connection["credentials"] = TIMEOUTS.get(urlsplit(database_url).scheme, {}) | connection["credentials"]
    return {
        "connections": {"default": connection},
        "apps": {app: {"models": modules, "default_connection": "default"} for app, modules in APPS.items()},
        "use_tz": True,
        "timezone": "UTC",
    }


def __getattr__(name: str) -> dict:
    # aerich reads TORTOISE_ORM (see [tool.aerich] in pyproject.toml). It is made when read, so that
    # importing this module reads no settings: the tests and the app choose their own.
    if name == "TORTOISE_ORM":
        return tortoise_config(load_settings(StorageSettings).database_url)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


# What a query raises when the database cannot be reached, rather than when it refuses the query.
{%- if cookiecutter.database == "postgres" %}
UNREACHABLE = (OSError, DBConnectionError, PostgresConnectionError, CannotConnectNowError, TooManyConnectionsError)
{%- else %}
UNREACHABLE = (OSError, DBConnectionError)
{%- endif %}
{%- if cookiecutter.database == "mysql" %}
# The client's codes for a server it cannot reach or has lost (CR_CONNECTION_ERROR and kin),
# and the server's for too many connections and shutting down.
MYSQL_UNREACHABLE_CODES = {2002, 2003, 2006, 2013, 2055, 1040, 1053}
{%- endif %}


def is_unreachable(error: BaseException | None) -> bool:
    """Whether the error, or one it was raised from, says the database could not be reached."""
    while error is not None:
        if isinstance(error, UNREACHABLE):
            return True
{%- if cookiecutter.database == "mysql" %}
        if isinstance(error, MySQLError) and error.args[:1] and error.args[0] in MYSQL_UNREACHABLE_CODES:
            return True
{%- endif %}
        error = error.__cause__ or error.__context__
    return False
