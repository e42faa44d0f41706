"""The OAuth2 scopes this service knows: the one place to add, describe or rename a scope.

The registry feeds Swagger's Authorize dialog, decides which scopes a client may request,
and is checked at start-up against every scope a route names in `Security(...)`.
"""

import re
from collections.abc import Iterable, Iterator

from fastapi.dependencies.models import Dependant
from fastapi.routing import iter_route_contexts
from starlette.routing import BaseRoute

SCOPES: dict[str, str] = {
{%- for name, description in (cookiecutter.scopes | scope_map).items() %}
    {{ name | pystr }}: {{ description | pystr }},
{%- endfor %}
}

# Granted to every new user.
{% set default_scope_names = cookiecutter.default_scopes.split() -%}
{% if default_scope_names | length == 1 -%}
DEFAULT_SCOPES: tuple[str, ...] = ({{ default_scope_names[0] | pystr }},)
{%- elif default_scope_names -%}
DEFAULT_SCOPES: tuple[str, ...] = (
{%- for name in default_scope_names %}
    {{ name | pystr }},
{%- endfor %}
)
{%- else -%}
DEFAULT_SCOPES: tuple[str, ...] = ()
{%- endif %}

# RFC 6749 section 3.3: scope-token = 1*( %x21 / %x23-5B / %x5D-7E ), joined by single spaces.
SCOPE_PARAMETER = re.compile(r"[\x21\x23-\x5b\x5d-\x7e]+(?: [\x21\x23-\x5b\x5d-\x7e]+)*")


class UnregisteredScopeError(RuntimeError):
    """A route asks for a scope that SCOPES does not define."""


class MalformedScopeError(ValueError):
    """The scope parameter is not a space-separated list of RFC 6749 scope tokens."""


def parse_scope(scope: str | None) -> list[str]:
    """Split an RFC 6749 section 3.3 scope parameter, keeping the first of any repeats."""
    if not scope:
        return []
    if not SCOPE_PARAMETER.fullmatch(scope):
        raise MalformedScopeError("The scope parameter is not a space-separated list of scope tokens")
    return list(dict.fromkeys(scope.split(" ")))


def unknown_scopes(scopes: Iterable[str]) -> list[str]:
    return [scope for scope in scopes if scope not in SCOPES]


def _scopes_named_by(dependant: Dependant) -> Iterator[str]:
    yield from dependant.own_oauth_scopes or ()
    for dependency in dependant.dependencies:
        yield from _scopes_named_by(dependency)


def check_route_scopes(routes: Iterable[BaseRoute]) -> None:
    """Stop start-up when a route names a scope that is not registered, a typo most likely."""
    # Included routers stay nested in app.routes; their routes, with the router's own
    # dependencies merged in, are reached through their route contexts.
    for route in iter_route_contexts(list(routes)):
        dependant = getattr(route, "dependant", None)
        if dependant is None:
            continue
        for scope in unknown_scopes(_scopes_named_by(dependant)):
            methods = ",".join(sorted(route.methods or ()))
            raise UnregisteredScopeError(
                f"{methods} {route.path} needs scope {scope!r}, which is not in {__name__}.SCOPES "
                f"(registered: {', '.join(SCOPES)})"
            )
