"""Refuse answers that would bake a broken project: one line naming the bad value, exit status 1."""

import json
import keyword
import re
import sys

PROJECT_SLUG = {{ cookiecutter.project_slug | tojson }}
PACKAGE_NAME = {{ cookiecutter.package_name | tojson }}
SCOPES = json.loads({{ cookiecutter.scopes | scope_map | tojson | tojson }})
DEFAULT_SCOPES = {{ cookiecutter.default_scopes | tojson }}
ACCESS_TOKEN_MINUTES = {{ cookiecutter.access_token_minutes | tojson }}

LOWERCASE_IDENTIFIER = re.compile(r"^[a-z_][a-z0-9_]*$")
# RFC 6749 section 3.3: scope-token = 1*( %x21 / %x23-5B / %x5D-7E )
SCOPE_TOKEN = re.compile(r"^[\x21\x23-\x5b\x5d-\x7e]+$")
# The generated routes guard themselves with these.
BUILT_IN_SCOPES = ("me", "users:read", "users:write")


def fail(message: str) -> None:
    print(f"error: {message}", file=sys.stderr)
    sys.exit(1)


def check_identifier(option: str, value: str) -> None:
    if not LOWERCASE_IDENTIFIER.match(value):
        fail(f"{option} {value!r} is not a lowercase Python identifier (letters, digits and _, not first a digit)")
    if keyword.iskeyword(value) or keyword.issoftkeyword(value):
        fail(f"{option} {value!r} is a Python keyword")
    if value in sys.stdlib_module_names:
        fail(f"{option} {value!r} is the name of a standard library module")


def check_scopes(scopes: object) -> None:
    if not isinstance(scopes, dict) or not scopes:
        fail(f"scopes {scopes!r} is not a JSON object of scope name to description")
    for name, description in scopes.items():
        if not SCOPE_TOKEN.match(name):
            fail(f"scope name {name!r} is not an RFC 6749 scope token (no space, quote, backslash or control)")
        if not isinstance(description, str):
            fail(f"scope {name!r} has description {description!r}, which is not a string")
    if missing := [name for name in BUILT_IN_SCOPES if name not in scopes]:
        fail(f"scopes lacks {', '.join(missing)}, which the generated routes use; rename them after generation")


def check_default_scopes(default_scopes: str, scopes: dict) -> None:
    if unknown := [name for name in default_scopes.split() if name not in scopes]:
        fail(f"default_scopes names {', '.join(repr(name) for name in unknown)}, which is not in scopes")


def check_access_token_minutes(minutes: str) -> None:
    if not (str(minutes).isdecimal() and 0 < int(minutes) <= 24 * 60):
        fail(f"access_token_minutes {minutes!r} is not a whole number of minutes from 1 to 1440")


def main() -> None:
    check_identifier("project_slug", PROJECT_SLUG)
    check_identifier("package_name", PACKAGE_NAME)
    check_scopes(SCOPES)
    check_default_scopes(DEFAULT_SCOPES, SCOPES)
    check_access_token_minutes(ACCESS_TOKEN_MINUTES)


if __name__ == "__main__":
    main()
