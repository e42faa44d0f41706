"""Refuse answers that would bake a broken project: one line naming the bad value, exit status 1."""

import json
import keyword
import re
import shutil
import sys
from email.errors import HeaderParseError
from email.headerregistry import Address

PROJECT_SLUG = {{ cookiecutter.project_slug | pystr }}
PACKAGE_NAME = {{ cookiecutter.package_name | pystr }}
AUTHOR_EMAIL = {{ cookiecutter.author_email | pystr }}
SCOPES = json.loads(
    {{ cookiecutter.scopes | scope_map | tojson | pystr }},
)
DEFAULT_SCOPES = {{ cookiecutter.default_scopes | pystr }}
ACCESS_TOKEN_MINUTES = {{ cookiecutter.access_token_minutes | pystr }}
REFRESH_TOKEN_DAYS = {{ cookiecutter.refresh_token_days | pystr }}
JWT_ALGORITHM = {{ cookiecutter.jwt_algorithm | pystr }}

LOWERCASE_IDENTIFIER = re.compile(r"[a-z_][a-z0-9_]*")
MAX_NAME_LENGTH = 30
# The project's own folders and the modules its code imports: a package of the same name
# would shadow them.
TAKEN_NAMES = {
    *("tests", "migrations", "keys"),
    *("fastapi", "starlette", "uvicorn", "pydantic", "pydantic_settings", "jwt", "passlib", "bcrypt", "anyio"),
    *("tortoise", "aerich", "asyncpg", "asyncmy", "aiosqlite", "httpx2", "pytest", "pytest_asyncio"),
    *("authlib", "joserfc", "cryptography", "itsdangerous", "requests", "oauthlib", "requests_oauthlib"),
}
# RFC 6749 section 3.3: scope-token = 1*( %x21 / %x23-5B / %x5D-7E )
SCOPE_TOKEN = re.compile(r"[\x21\x23-\x5b\x5d-\x7e]+")
MAX_SCOPE_LENGTH = 100
# The generated routes guard themselves with these.
BUILT_IN_SCOPES = ("me", "users:read", "users:write")
# Whoever holds it grants scopes: as a default scope, every sign-up would be an admin.
ADMIN_SCOPE = "users:write"
MAX_ACCESS_TOKEN_MINUTES = 24 * 60
MAX_REFRESH_TOKEN_DAYS = 365


def fail(message: str) -> None:
    print(f"error: {message}", file=sys.stderr)
    sys.exit(1)


def check_identifier(option: str, value: str) -> None:
    if not LOWERCASE_IDENTIFIER.fullmatch(value):
        fail(f"{option} {value!r} is not a lowercase Python identifier (letters, digits and _, not first a digit)")
    if len(value) > MAX_NAME_LENGTH:
        fail(f"{option} {value!r} is longer than {MAX_NAME_LENGTH} characters")
    if keyword.iskeyword(value) or keyword.issoftkeyword(value):
        fail(f"{option} {value!r} is a Python keyword")
    if value in sys.stdlib_module_names:
        fail(f"{option} {value!r} is the name of a standard library module")
    if value in TAKEN_NAMES:
        fail(f"{option} {value!r} is taken by a folder or a dependency of the generated project")


def check_email(email: str) -> None:
    try:
        address = Address(addr_spec=email)
    except (HeaderParseError, IndexError, ValueError):
        address = None
    if address is None or not address.username or "." not in address.domain:
        fail(f"author_email {email!r} is not an email address")


def check_scopes(scopes: object) -> None:
    if not isinstance(scopes, dict) or not scopes:
        fail(f"scopes {scopes!r} is not a JSON object of scope name to description")
    for name, description in scopes.items():
        if not SCOPE_TOKEN.fullmatch(name):
            fail(f"scope name {name!r} is not an RFC 6749 scope token (no space, quote, backslash or control)")
        if "," in name:
            fail(f"scope name {name!r} has a comma, which the create-user command uses between scopes")
        if len(name) > MAX_SCOPE_LENGTH:
            fail(f"scope name {name!r} is longer than {MAX_SCOPE_LENGTH} characters")
        if not isinstance(description, str):
            fail(f"scope {name!r} has description {description!r}, which is not a string")
    if missing := [name for name in BUILT_IN_SCOPES if name not in scopes]:
        fail(f"scopes lacks {', '.join(missing)}, which the generated routes use; rename them after generation")


def check_default_scopes(default_scopes: str, scopes: dict) -> None:
    names = default_scopes.split()
    if "," in default_scopes:
        fail(f"default_scopes {default_scopes!r} must be separated by spaces, not commas")
    if unknown := [name for name in names if name not in scopes]:
        fail(f"default_scopes names {', '.join(repr(name) for name in unknown)}, which is not in scopes")
    if len(set(names)) != len(names):
        fail(f"default_scopes {default_scopes!r} names a scope twice")
    if ADMIN_SCOPE in names:
        fail(f"default_scopes names {ADMIN_SCOPE!r}: every new user would be an admin (grant it with create-user)")


def check_access_token_minutes(minutes: str) -> None:
    if not (re.fullmatch(r"[1-9][0-9]{0,3}", minutes) and int(minutes) <= MAX_ACCESS_TOKEN_MINUTES):
        fail(f"access_token_minutes {minutes!r} is not a whole number of minutes from 1 to {MAX_ACCESS_TOKEN_MINUTES}")


def check_refresh_token_days(days: str) -> None:
    if not (re.fullmatch(r"[1-9][0-9]{0,2}", days) and int(days) <= MAX_REFRESH_TOKEN_DAYS):
        fail(f"refresh_token_days {days!r} is not a whole number of days from 1 to {MAX_REFRESH_TOKEN_DAYS}")


def check_openssl(algorithm: str) -> None:
    """The post-generation hook makes an RS256 or ES256 development key with openssl: refused here,
    before any file is written, rather than there."""
    if algorithm != "HS256" and shutil.which("openssl") is None:
        fail(f"jwt_algorithm {algorithm} needs openssl to make the development key: install it, or choose HS256")


def main() -> None:
    check_identifier("project_slug", PROJECT_SLUG)
    check_identifier("package_name", PACKAGE_NAME)
    check_email(AUTHOR_EMAIL)
    check_scopes(SCOPES)
    check_default_scopes(DEFAULT_SCOPES, SCOPES)
    check_access_token_minutes(ACCESS_TOKEN_MINUTES)
    check_refresh_token_days(REFRESH_TOKEN_DAYS)
    check_openssl(JWT_ALGORITHM)


if __name__ == "__main__":
    main()
