"""`python -m {{ cookiecutter.package_name }} create-user`: the first admin, with the password read, never an argument."""

import asyncio
import os
import re
import sys

import pytest

from {{ cookiecutter.package_name }}.models import User
from {{ cookiecutter.package_name }}.passwords import PasswordHasher
from {{ cookiecutter.package_name }}.settings import PROJECT_ROOT

from .conftest import PASSWORD, TEST_ROUNDS


async def create_user(database_url: str, *args: str, stdin: str, **settings: str) -> tuple[int, str, str]:
    # No .env: the settings are these alone. An empty SECRET_KEY: creating a user must not need the signing key.
    environment = os.environ | {
        "ENV_FILE": "",
        "DATABASE_URL": database_url,
        "BCRYPT_ROUNDS": str(TEST_ROUNDS),
        "SECRET_KEY": "",
        **settings,
    }
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "{{ cookiecutter.package_name }}",
        "create-user",
        *args,
        cwd=PROJECT_ROOT,
        env=environment,
        stdin=asyncio.subprocess.PIPE,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    out, err = await process.communicate(stdin.encode())
    return process.returncode, out.decode(), err.decode()


async def test_create_user_makes_an_admin_who_can_log_in(shared_database):
    status, out, _ = await create_user(
        shared_database, "Admin", "--scopes", "me,users:read,users:write", "--password-stdin", stdin=PASSWORD + "\n"
    )

    assert status == 0
    assert "created user 'Admin'" in out
    user = await User.get(username_lower="admin")
    assert user.scopes == ["me", "users:read", "users:write"]
    assert (await PasswordHasher(TEST_ROUNDS).verify(PASSWORD, user.password_hash))[0]
    assert PASSWORD not in out


async def test_in_development_every_line_is_readable(shared_database):
    status, out, err = await create_user(
        shared_database, "admin", "--password-stdin", stdin=PASSWORD + "\n", ENVIRONMENT="development", LOG_LEVEL="INFO"
    )

    assert status == 0
    lines = (out + err).splitlines()
    # Tortoise's own line as its connections close, the command's last: rendered as the command's are.
    assert any(re.fullmatch(r"\S+Z \[info\s*\] Tortoise-ORM shutdown\s+\[tortoise\]", line) for line in lines), lines
    assert [line for line in lines if line.lstrip().startswith("{")] == []


async def test_a_weak_password_creates_nobody(shared_database):
    status, _, err = await create_user(shared_database, "admin", "--password-stdin", stdin="short\n")

    assert status == 2
    assert "password must be at least 8 characters long" in err
    assert await User.all().count() == 0


async def test_a_taken_username_is_refused(shared_database):
    await User.create(username="admin", scopes=[])

    status, _, err = await create_user(shared_database, "ADMIN", "--password-stdin", stdin=PASSWORD + "\n")

    assert status == 1
    assert "the username 'ADMIN' is taken" in err


@pytest.mark.parametrize(
    ("args", "message"),
    [(["admin", "--scopes", "me,launch:missiles"], "unknown scopes launch:missiles"), (["a b"], "String should match")],
)
async def test_bad_arguments_are_refused(shared_database, args, message):
    status, _, err = await create_user(shared_database, *args, "--password-stdin", stdin=PASSWORD + "\n")

    assert status == 2
    assert message in err
    assert await User.all().count() == 0
