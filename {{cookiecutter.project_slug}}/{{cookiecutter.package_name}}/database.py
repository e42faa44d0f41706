"""Tortoise ORM configuration, shared by the app, aerich and the command line."""

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
