"""Finish the bake: a secret key, the chosen database's migration, no files of disabled options."""

import secrets
import shutil
from pathlib import Path

PACKAGE_NAME = {{ cookiecutter.package_name | pystr }}
DATABASE = {{ cookiecutter.database | pystr }}
ALLOW_SIGNUP = {{ "True" if cookiecutter.allow_signup else "False" }}

PROJECT = Path.cwd()
INITIAL_MIGRATION = "0_20261126000000_init.py"


def write_env_file() -> None:
    """A fresh 384-bit SECRET_KEY in .env, readable by its owner alone (and git-ignored)."""
    env = PROJECT / ".env"
    env.write_text(
        "# Made by cookiecutter for this copy alone: keep it secret and out of version control.\n"
        "# .env.example lists the other settings.\n"
        f"SECRET_KEY={secrets.token_urlsafe(48)}\n"
    )
    env.chmod(0o600)


def keep_database_migration() -> None:
    migrations = PROJECT / "migrations"
    (migrations / "models").mkdir()
    (migrations / "by_database" / f"{DATABASE}.py").rename(migrations / "models" / INITIAL_MIGRATION)
    shutil.rmtree(migrations / "by_database")


def remove_signup_files() -> None:
    (PROJECT / PACKAGE_NAME / "routes" / "signup.py").unlink()
    (PROJECT / "tests" / "test_signup.py").unlink()


def main() -> None:
    write_env_file()
    keep_database_migration()
    if not ALLOW_SIGNUP:
        remove_signup_files()


if __name__ == "__main__":
    main()
