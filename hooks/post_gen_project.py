"""Finish the bake: a secret key, the chosen database's migrations, no files of options turned off."""

import secrets
import shutil
from pathlib import Path

PACKAGE_NAME = {{ cookiecutter.package_name | pystr }}
DATABASE = {{ cookiecutter.database | pystr }}
ALLOW_SIGNUP = {{ "True" if cookiecutter.allow_signup else "False" }}
SOCIAL_LOGIN = {{ cookiecutter.social_login | pystr }}

PROJECT = Path.cwd()
SOCIAL_LOGIN_MIGRATION = "1_20261127000000_social_login.py"


def write_env_file() -> None:
    """A fresh 384-bit SECRET_KEY in .env, readable by its owner alone (and git-ignored)."""
    env = PROJECT / ".env"
    env.write_text(
        "# Made by cookiecutter for this copy alone: keep it secret and out of version control.\n"
        "# .env.example lists the other settings.\n"
        f"SECRET_KEY={secrets.token_urlsafe(48)}\n"
    )
    env.chmod(0o600)


def keep_database_migrations() -> None:
    migrations = PROJECT / "migrations"
    (migrations / "by_database" / DATABASE).rename(migrations / "models")
    shutil.rmtree(migrations / "by_database")


def remove_signup_files() -> None:
    (PROJECT / PACKAGE_NAME / "routes" / "signup.py").unlink()
    (PROJECT / "tests" / "test_signup.py").unlink()


def remove_social_login_files() -> None:
    shutil.rmtree(PROJECT / PACKAGE_NAME / "social")
    shutil.rmtree(PROJECT / "tests" / "social")
    (PROJECT / "migrations" / "models" / SOCIAL_LOGIN_MIGRATION).unlink()


def remove_provider_files(provider: str) -> None:
    (PROJECT / PACKAGE_NAME / "social" / f"{provider}.py").unlink()
    (PROJECT / "tests" / "social" / f"fake_{provider}.py").unlink()
    (PROJECT / "tests" / "social" / f"test_{provider}.py").unlink()


def main() -> None:
    write_env_file()
    keep_database_migrations()
    if not ALLOW_SIGNUP:
        remove_signup_files()
    if SOCIAL_LOGIN == "none":
        remove_social_login_files()
    elif SOCIAL_LOGIN == "google":
        remove_provider_files("github")
    elif SOCIAL_LOGIN == "github":
        remove_provider_files("google")


if __name__ == "__main__":
    main()
