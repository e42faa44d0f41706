"""RFC 8414: what a client can learn about this server by itself."""

from {{ cookiecutter.package_name }}.grants import extra_grants
from {{ cookiecutter.package_name }}.scopes import SCOPES


async def test_the_server_metadata_names_the_endpoints_scopes_and_grants(app, client, settings):
    answer = await client.get("/.well-known/oauth-authorization-server")

    assert answer.status_code == 200
    metadata = answer.json()
    assert metadata["issuer"] == settings.jwt_issuer
    assert metadata["token_endpoint"] == "http://testserver/auth/token"
    assert metadata["revocation_endpoint"] == "http://testserver/auth/revoke"
    assert metadata["scopes_supported"] == list(SCOPES)
    assert metadata["grant_types_supported"] == ["password", "refresh_token", *extra_grants(app)]
    assert metadata["token_endpoint_auth_methods_supported"] == ["none"]
