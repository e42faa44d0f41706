"""Command line: `python -m {{ cookiecutter.package_name }} create-user alice --scopes me,users:read,users:write`,
and `python -m {{ cookiecutter.package_name }} create-database`.

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

from .database import is_unreachable, tortoise_config
from .database_setup import create_database, refusal, where
from .logs import configure_logging
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
    commands.add_parser("create-database", help="create the database DATABASE_URL names, unless it exists")
    return parser


def _read_password(from_stdin: bool) -> str:
    if from_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
    else:
        password = getpass.getpass("Password: ")
        if getpass.getpass("Repeat it: ") != password:
            raise ValueError("entries differ")
    return check_password_policy(password)


async def _create_user(
    settings: StorageSettings, username: str, email: str | None, scopes: list[str], password: str
) -> User:
    password_hash = await PasswordHasher(settings.bcrypt_rounds).hash(password)
    await Tortoise.init(config=tortoise_config(settings.database_url))
    try:
        return await User.create(username=username, email=email, password_hash=password_hash, scopes=scopes)
    finally:
        await Tortoise.close_connections()


def _create_database(database_url: str) -> int:
    try:
        created = asyncio.run(create_database(database_url))
    except Exception as error:
        if problem := refusal(error, database_url):
            print(f"error: {problem}", file=sys.stderr)
            return 1
        if is_unreachable(error):
            print(f"error: {where(database_url)} could not be reached: is its server up?", file=sys.stderr)
            return 1
        raise
    print(f"created {where(database_url)}" if created else f"{where(database_url)} exists already: nothing to do")
    return 0


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    settings = load_settings(StorageSettings)
    configure_logging(settings)
    if args.command == "create-database":
        return _create_database(settings.database_url)
    try:
        password = _read_password(args.password_stdin)
    except ValueError as error:
        print(f"error: password {error}", file=sys.stderr)
        return 2
    try:
        user = asyncio.run(_create_user(settings, args.username, args.email, args.scopes, password))
    except IntegrityError:
        print(f"error: the username {args.username!r} is taken", file=sys.stderr)
        return 1
    print(f"created user {user.username!r} (id {user.id}) with scopes: {' '.join(user.scopes) or '(none)'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
