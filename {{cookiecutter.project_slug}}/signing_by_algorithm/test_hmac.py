"""HS256: a token counts only when signed with SECRET_KEY, by HS256."""

import jwt

from .conftest import bearer, forge


async def test_only_hs256_with_the_secret_key_is_accepted(client, make_user, settings, keys):
    user = await make_user()
    claims = jwt.decode(forge(settings, keys, user.id), options={"verify_signature": False})
    secret = settings.secret_key.get_secret_value()
    tokens = {
        "HS256 with SECRET_KEY": (jwt.encode(claims, secret, algorithm="HS256"), 200),
        "HS256 with another key": (jwt.encode(claims, "y" * 32, algorithm="HS256"), 401),
        "HS512 with SECRET_KEY": (jwt.encode(claims, secret, algorithm="HS512"), 401),
        "alg none": (jwt.encode(claims, None, algorithm="none"), 401),
    }

    for name, (token, status) in tokens.items():
        response = await client.get("/users/me", headers=bearer(token))
        assert response.status_code == status, name


async def test_there_are_no_public_keys_to_publish(client):
    assert (await client.get("/.well-known/jwks.json")).status_code == 404
    metadata = (await client.get("/.well-known/oauth-authorization-server")).json()
    assert "jwks_uri" not in metadata
