"""The answers a route gives besides its own, documented from what the route depends on.

A route that names a bearer token answers 401 (and 403 when it asks for scopes); one with
path parameters answers 404; one with a body answers 413, and 400 for a JSON body that does
not parse; every route that touches the database answers 503 in an outage. These are added
to the OpenAPI document when it is first built, so a route added anywhere is documented
without an edit here. What only one route answers, it declares itself with `responses=`.
"""

from collections.abc import Callable, Iterable, Iterator
from typing import Any, TypeVar

from fastapi import FastAPI
from fastapi.dependencies.models import Dependant
from fastapi.routing import iter_route_contexts
from fastapi.security.base import SecurityBase
from pydantic import BaseModel
from starlette.routing import BaseRoute

from .errors import RETRY_AFTER_OUTAGE_SECONDS


class Problem(BaseModel):
    """Why the request was refused."""

    detail: str


class OAuthProblem(BaseModel):
    """An RFC 6749 section 5.2 error."""

    error: str
    error_description: str


Endpoint = TypeVar("Endpoint", bound=Callable[..., Any])
_DATABASE_FREE: set[Callable[..., Any]] = set()


def without_database(endpoint: Endpoint) -> Endpoint:
    """Mark a route that answers without the database, so that no outage is documented for it."""
    _DATABASE_FREE.add(endpoint)
    return endpoint


def header(description: str, *, required: bool = False) -> dict[str, Any]:
    return {"description": description, "required": required, "schema": {"type": "string"}}


RETRY_AFTER = {"Retry-After": header("Seconds to wait before trying again")}


def oauth_answer(description: str, headers: dict[str, Any] | None = None) -> dict[str, Any]:
    """A `responses=` entry for an RFC 6749 error answer, no-store as every OAuthError is."""
    return {"model": OAuthProblem, "description": description, "headers": headers or {}}


def _dependencies(dependant: Dependant) -> Iterator[Dependant]:
    yield dependant
    for dependency in dependant.dependencies:
        yield from _dependencies(dependency)


def _json(model: type[BaseModel]) -> dict[str, Any]:
    return {"application/json": {"schema": {"$ref": f"#/components/schemas/{model.__name__}"}}}


def _answer(description: str, content: dict[str, Any], headers: dict[str, Any] | None = None) -> dict[str, Any]:
    return {"description": description, "content": content, **({"headers": headers} if headers else {})}


def answers_of(route: Any, has_body: bool) -> dict[str, dict[str, Any]]:
    """The answers `route` gives that follow from its dependencies, by status code."""
    dependencies = list(_dependencies(route.dependant))
    answers = {}
    if any(isinstance(dependency.call, SecurityBase) for dependency in dependencies):
        answers["401"] = _answer(
            "No bearer token, or one that is invalid, expired or revoked",
            _json(Problem),
            {"WWW-Authenticate": header("The Bearer challenge (RFC 6750)", required=True)},
        )
        if any(dependency.own_oauth_scopes for dependency in dependencies):
            answers["403"] = _answer(
                "The token lacks a scope this route needs: `WWW-Authenticate` names it",
                _json(Problem),
                {"WWW-Authenticate": header("The Bearer challenge with error=insufficient_scope")},
            )
    if any(dependency.path_params for dependency in dependencies):
        answers["404"] = _answer("Nothing at this path", _json(Problem))
    if any(dependency.body_params for dependency in dependencies):
        answers["400"] = _answer("The body is not UTF-8 JSON", _json(Problem))
    if has_body:
        answers["413"] = _answer(
            "The body is over 64 KiB",
            {"text/plain": {"schema": {"type": "string"}}, **_json(Problem)},
        )
    if route.endpoint not in _DATABASE_FREE:
        answers["503"] = _answer(
            f"The database is unavailable: try again shortly (`Retry-After`, {RETRY_AFTER_OUTAGE_SECONDS} seconds)",
            _json(Problem),
            RETRY_AFTER,
        )
    return answers


def _merge(own: dict[str, Any], added: dict[str, Any]) -> None:
    """Fold an added answer into the one the route declares: either body may come."""
    own["description"] = (
        f"{own['description']}; or: {added['description']}" if own.get("description") else added["description"]
    )
    content = own.setdefault("content", {})
    for media_type, body in added["content"].items():
        schema = content.get(media_type, {}).get("schema")
        if schema is None or schema == {}:
            content[media_type] = body
        elif schema != body["schema"]:
            alternatives = schema.get("anyOf", [schema])
            content[media_type] = {"schema": {"anyOf": [*alternatives, body["schema"]]}}
    for name, value in added.get("headers", {}).items():
        own.setdefault("headers", {}).setdefault(name, value | {"required": False})


def add_answers(schema: dict[str, Any], routes: Iterable[BaseRoute]) -> None:
    """Add to `schema`, an OpenAPI document, the answers each of `routes` gives besides its own."""
    schema.setdefault("components", {}).setdefault("schemas", {}).update(
        {model.__name__: model.model_json_schema() for model in (Problem, OAuthProblem)}
    )
    for route in iter_route_contexts(list(routes)):
        if getattr(route, "dependant", None) is None or not getattr(route, "include_in_schema", False):
            continue
        for method in route.methods or ():
            operation = schema["paths"].get(route.path_format, {}).get(method.lower())
            if operation is None:
                continue
            responses = operation.setdefault("responses", {})
            for status, answer in answers_of(route, "requestBody" in operation).items():
                if status not in responses:
                    responses[status] = answer
                elif status != "404":  # the route's own 404 says what it did not find
                    _merge(responses[status], answer)
            operation["responses"] = dict(sorted(responses.items()))


def document_answers(app: FastAPI) -> None:
    """Have `app`'s OpenAPI document list every answer of every route, as it stands when first asked for."""
    build = app.openapi

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            add_answers(build(), app.routes)
        return app.openapi_schema

    app.openapi = openapi
