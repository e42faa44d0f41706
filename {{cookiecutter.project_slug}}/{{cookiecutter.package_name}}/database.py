"""Tortoise ORM configuration, shared by the app, aerich and the command line."""
{% if cookiecutter.database == "postgres" %}
from asyncpg.exceptions import CannotConnectNowError, PostgresConnectionError
{%- elif cookiecutter.database == "mysql" %}
from asyncmy.errors import OperationalError as MySQLError
{%- endif %}
from tortoise.exceptions import DBConnectionError

from .settings import StorageSettings, load_settings

MODELS_APP = "models"
MODEL_MODULES = [f"{__package__}.models"{% if cookiecutter.social_login != "none" %}, f"{__package__}.social.models"{% endif %}]


def tortoise_config(database_url: str) -> dict:
    return {
        "connections": {"default": database_url},
        "apps": {MODELS_APP: {"models": [*MODEL_MODULES, "aerich.models"], "default_connection": "default"}},
        "use_tz": True,
        "timezone": "UTC",
    }


# aerich reads this (see [tool.aerich] in pyproject.toml).
TORTOISE_ORM = tortoise_config(load_settings(StorageSettings).database_url)

# What a query raises when the database cannot be reached, rather than when it refuses the query.
{%- if cookiecutter.database == "postgres" %}
UNREACHABLE = (OSError, DBConnectionError, PostgresConnectionError, CannotConnectNowError)
{%- else %}
UNREACHABLE = (OSError, DBConnectionError)
{%- endif %}
{%- if cookiecutter.database == "mysql" %}
# The client's own codes for a server it cannot reach or has lost (CR_CONNECTION_ERROR and kin).
MYSQL_UNREACHABLE_CODES = {2002, 2003, 2006, 2013, 2055}
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
