"""Command line: `python -m {{ cookiecutter.package_name }} create-user alice --scopes me,users:read,users:write`.

The password is asked for, never taken as an argument (arguments land in shell history and
in the process list); `--password-stdin` reads it from standard input for scripts.
"""

import argparse
import asyncio
import getpass
import sys
from collections.abc import Callable

from pydantic import TypeAdapter, ValidationError
from tortoise import Tortoise
from tortoise.exceptions import IntegrityError

from .database import tortoise_config
from .models import User
from .passwords import PasswordHasher, check_password_policy
from .schemas import Email, Username
from .scopes import DEFAULT_SCOPES, SCOPES, MalformedScopeError, parse_scope, unknown_scopes
from .settings import StorageSettings, load_settings


def _validated(kind: object) -> Callable[[str], str]:
    """An argparse type that checks a value by the same rule as the HTTP API."""
    adapter = TypeAdapter(kind)

    def validate(text: str) -> str:
        try:
            return adapter.validate_python(text)
        except ValidationError as error:
            raise argparse.ArgumentTypeError(error.errors()[0]["msg"]) from None

    return validate


def _scope_list(text: str) -> list[str]:
    try:
        scopes = parse_scope(text.replace(",", " "))
    except MalformedScopeError as error:
        raise argparse.ArgumentTypeError(str(error)) from None
    if unknown := unknown_scopes(scopes):
        raise argparse.ArgumentTypeError(f"unknown scopes {', '.join(unknown)}; known: {', '.join(SCOPES)}")
    return scopes


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog=f"python -m {__package__}")
    commands = parser.add_subparsers(dest="command", required=True)
    create = commands.add_parser("create-user", help="create a user, for example the first admin")
    create.add_argument("username", type=_validated(Username))
    create.add_argument("--email", type=_validated(Email))
    create.add_argument(
        "--scopes",
        type=_scope_list,
        default=list(DEFAULT_SCOPES),
        help=f"comma-separated (default: {','.join(DEFAULT_SCOPES)}; known: {','.join(SCOPES)})",
    )
    create.add_argument("--password-stdin", action="store_true", help="read the password from standard input")
    return parser


def _read_password(from_stdin: bool) -> str:
    if from_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
    else:
        password = getpass.getpass("Password: ")
        if getpass.getpass("Repeat it: ") != password:
            raise ValueError("entries differ")
    return check_password_policy(password)


async def _create_user(username: str, email: str | None, scopes: list[str], password: str) -> User:
    settings = load_settings(StorageSettings)
    password_hash = await PasswordHasher(settings.bcrypt_rounds).hash(password)
    await Tortoise.init(config=tortoise_config(settings.database_url))
    try:
        return await User.create(username=username, email=email, password_hash=password_hash, scopes=scopes)
    finally:
        await Tortoise.close_connections()


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        password = _read_password(args.password_stdin)
    except ValueError as error:
        print(f"error: password {error}", file=sys.stderr)
        return 2
    try:
        user = asyncio.run(_create_user(args.username, args.email, args.scopes, password))
    except IntegrityError:
        print(f"error: the username {args.username!r} is taken", file=sys.stderr)
        return 1
    print(f"created user {user.username!r} (id {user.id}) with scopes: {' '.join(user.scopes) or '(none)'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
