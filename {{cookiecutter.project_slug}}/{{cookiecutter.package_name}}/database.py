"""Tortoise ORM configuration, shared by the app, aerich and the command line."""

from .settings import StorageSettings, load_settings

MODELS_APP = "models"


def tortoise_config(database_url: str) -> dict:
    return {
        "connections": {"default": database_url},
        "apps": {MODELS_APP: {"models": [f"{__package__}.models", "aerich.models"], "default_connection": "default"}},
        "use_tz": True,
        "timezone": "UTC",
    }


# aerich reads this (see [tool.aerich] in pyproject.toml).
TORTOISE_ORM = tortoise_config(load_settings(StorageSettings).database_url)
