"""What a client can find out by itself: RFC 8414 server metadata{% if cookiecutter.jwt_algorithm != "HS256" %} and the RFC 7517 public keys{% endif %}."""

from fastapi import APIRouter, Request

from ..grants import extra_grants
from ..openapi import without_database
from ..scopes import SCOPES
from ..security import TOKEN_URL, AppSettings{% if cookiecutter.jwt_algorithm != "HS256" %}, Keys{% endif %}
from .revocation import REVOCATION_URL

router = APIRouter(tags=["discovery"])
{%- if cookiecutter.jwt_algorithm != "HS256" %}

JWKS_URL = "/.well-known/jwks.json"
{%- endif %}


@router.get("/.well-known/oauth-authorization-server")
@without_database
async def server_metadata(request: Request, settings: AppSettings) -> dict:
    """RFC 8414. There is no authorization endpoint: clients use the password and refresh grants, and
    those an option adds."""
    base = str(request.base_url).rstrip("/")
    grants = extra_grants(request.app)
    return {
        "issuer": settings.jwt_issuer,
        "token_endpoint": f"{base}{TOKEN_URL}",
        "revocation_endpoint": f"{base}{REVOCATION_URL}",
{%- if cookiecutter.jwt_algorithm != "HS256" %}
        "jwks_uri": f"{base}{JWKS_URL}",
{%- endif %}
        "scopes_supported": list(SCOPES),
        "response_types_supported": [],
        "grant_types_supported": ["password", "refresh_token", *grants],
        # Public clients: no client authentication.
        "token_endpoint_auth_methods_supported": ["none"],
        "revocation_endpoint_auth_methods_supported": ["none"],
        **{name: values for grant in grants.values() for name, values in grant.metadata.items()},
    }
{%- if cookiecutter.jwt_algorithm != "HS256" %}


@router.get(JWKS_URL)
@without_database
async def public_keys(keys: Keys) -> dict:
    """The keys that verify this service's access tokens: the current one first, then those retired
    but still trusted."""
    return keys.jwks()
{%- endif %}
