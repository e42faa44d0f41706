"""Grant types an option adds to POST /auth/token, beside the password and refresh grants.

The option registers its grant when it plugs itself into the app; the token route dispatches to
it, and the server metadata and the OpenAPI document list it, without importing the option.
"""

from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any

from fastapi import FastAPI, Request

from .schemas import TokenOut
from .security import TOKEN_URL
from .settings import Settings
from .signing import SigningKeys

Exchange = Callable[[Request, dict[str, str], Settings, SigningKeys], Awaitable[TokenOut]]


@dataclass(frozen=True)
class ExtraGrant:
    grant_type: str
    # The form parameters it reads besides grant_type, as OpenAPI schemas by name.
    parameters: dict[str, dict]
    # Given the request's form; raises errors.OAuthError to refuse.
    exchange: Exchange
    # Entries it adds to the RFC 8414 server metadata.
    metadata: dict[str, list[str]] = field(default_factory=dict)


def extra_grants(app: FastAPI) -> dict[str, ExtraGrant]:
    """The grants plugged into `app`, by grant_type: none unless an option added one."""
    return getattr(app.state, "extra_grants", {})


def add_grant(app: FastAPI, grant: ExtraGrant) -> None:
    app.state.extra_grants = {**extra_grants(app), grant.grant_type: grant}
    # The token route is shared by every app (routers are included by reference), so the grant is
    # documented in this app's OpenAPI document rather than on the route.
    build = app.openapi

    def openapi() -> dict[str, Any]:
        return _documented(build(), grant)

    app.openapi = openapi


def _documented(document: dict[str, Any], grant: ExtraGrant) -> dict[str, Any]:
    """The document with the grant in the token request's body, added once: FastAPI caches the document."""
    for media in document["paths"][TOKEN_URL]["post"]["requestBody"]["content"].values():
        properties = media["schema"]["properties"]
        if grant.grant_type not in properties["grant_type"]["enum"]:
            properties["grant_type"]["enum"].append(grant.grant_type)
            properties.update(grant.parameters)
    return document
