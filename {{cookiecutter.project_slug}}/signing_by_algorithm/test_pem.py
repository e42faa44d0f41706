"""{{ cookiecutter.jwt_algorithm }}: tokens name the key that signed them, /.well-known/jwks.json publishes the public keys,
and a rotated-out key still verifies until it is retired."""

import base64
import hashlib
import hmac
import json
import re

import httpx2
import jwt
import pytest
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives.serialization import (
    Encoding,
    NoEncryption,
    PrivateFormat,
    PublicFormat,
    load_pem_private_key,
)

from {{ cookiecutter.package_name }}.main import create_app
from {{ cookiecutter.package_name }}.settings import ConfigurationError
from {{ cookiecutter.package_name }}.signing import ALGORITHM, SigningKeys{% if cookiecutter.jwt_algorithm == "RS256" %}, _thumbprint{% endif %}

from .conftest import PASSWORD, bearer, forge, new_private_key_file


def private_key(path):
    return load_pem_private_key(path.read_bytes(), password=None)


def public_pem(path) -> bytes:
    return private_key(path).public_key().public_bytes(Encoding.PEM, PublicFormat.SubjectPublicKeyInfo)


def hs256_signed(header: dict, claims: dict, secret: bytes) -> str:
    """HS256 by hand: PyJWT rightly refuses a PEM key as an HMAC secret, an attacker would not."""

    def encode(part: bytes) -> str:
        return base64.urlsafe_b64encode(part).rstrip(b"=").decode()

    signing_input = f"{encode(json.dumps(header).encode())}.{encode(json.dumps(claims).encode())}"
    return f"{signing_input}.{encode(hmac.digest(secret, signing_input.encode(), hashlib.sha256))}"


async def log_in(app) -> str:
    async with httpx2.AsyncClient(transport=httpx2.ASGITransport(app=app), base_url="http://testserver") as client:
        answer = await client.post(
            "/auth/token", data={"grant_type": "password", "username": "alice", "password": PASSWORD}
        )
    return answer.json()["access_token"]


async def status_on(app, token: str) -> int:
    async with httpx2.AsyncClient(transport=httpx2.ASGITransport(app=app), base_url="http://testserver") as client:
        return (await client.get("/users/me", headers=bearer(token))).status_code


async def test_tokens_name_their_key_and_the_published_key_verifies_them(client, make_user, get_token, settings, keys):
    await make_user()
    token = await get_token()

    published = (await client.get("/.well-known/jwks.json")).json()["keys"]
    metadata = (await client.get("/.well-known/oauth-authorization-server")).json()

    assert jwt.get_unverified_header(token) == {"alg": ALGORITHM, "typ": "JWT", "kid": keys.kid}
    assert [key["kid"] for key in published] == [keys.kid]
    assert {"d", "p", "q"}.isdisjoint(published[0])  # no private part
    verifier = jwt.PyJWK(published[0]).key
    claims = jwt.decode(
        token, verifier, algorithms=[ALGORITHM], audience=settings.jwt_audience, issuer=settings.jwt_issuer
    )
    assert claims["scope"] == "me"
    assert metadata["jwks_uri"] == "http://testserver/.well-known/jwks.json"


async def test_tokens_not_signed_by_a_key_of_this_service_are_refused(client, make_user, settings, keys, tmp_path):
    user = await make_user()
    claims = jwt.decode(forge(settings, keys, user.id), options={"verify_signature": False})
    ours = private_key(settings.jwt_private_key_file)
    other = private_key(new_private_key_file(tmp_path))
{%- if cookiecutter.jwt_algorithm == "ES256" %}
    # Another family of algorithm altogether, under our key's id.
    rsa_key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    other_algorithm = jwt.encode(claims, rsa_key, algorithm="RS256", headers={"kid": keys.kid})
{%- else %}
    other_algorithm = jwt.encode(claims, ours, algorithm="RS512", headers={"kid": keys.kid})
{%- endif %}
    tokens = {
        "ours": (jwt.encode(claims, ours, algorithm=ALGORITHM, headers={"kid": keys.kid}), 200),
        "another key under our kid": (jwt.encode(claims, other, algorithm=ALGORITHM, headers={"kid": keys.kid}), 401),
        "our key under an unknown kid": (jwt.encode(claims, ours, algorithm=ALGORITHM, headers={"kid": "k1"}), 401),
        "our key without a kid": (jwt.encode(claims, ours, algorithm=ALGORITHM), 401),
        "another algorithm": (other_algorithm, 401),
        "alg none": (jwt.encode(claims, None, algorithm="none", headers={"kid": keys.kid}), 401),
        "HS256 with our public key as the secret": (
            hs256_signed(
                {"alg": "HS256", "typ": "JWT", "kid": keys.kid}, claims, public_pem(settings.jwt_private_key_file)
            ),
            401,
        ),
    }

    for name, (token, status) in tokens.items():
        response = await client.get("/users/me", headers=bearer(token))
        assert response.status_code == status, name


async def test_a_rotated_out_key_verifies_until_it_is_retired(make_user, settings, tmp_path):
    await make_user()
    old_token = await log_in(create_app(settings))
    retiring = tmp_path / "retiring.pub.pem"
    retiring.write_bytes(public_pem(settings.jwt_private_key_file))
    new_key = new_private_key_file(tmp_path)
    rotated = create_app(
        settings.model_copy(update={"jwt_private_key_file": new_key, "jwt_previous_public_key_files": [retiring]})
    )
    retired = create_app(settings.model_copy(update={"jwt_private_key_file": new_key}))

    new_token = await log_in(rotated)
    async with httpx2.AsyncClient(transport=httpx2.ASGITransport(app=rotated), base_url="http://t") as client:
        published = [key["kid"] for key in (await client.get("/.well-known/jwks.json")).json()["keys"]]

    old_kid, new_kid = jwt.get_unverified_header(old_token)["kid"], jwt.get_unverified_header(new_token)["kid"]
    assert old_kid != new_kid
    assert published == [new_kid, old_kid]
    assert await status_on(rotated, old_token) == 200
    assert await status_on(rotated, new_token) == 200
    assert await status_on(retired, old_token) == 401
    assert await status_on(retired, new_token) == 200


def test_a_missing_or_unfit_key_file_stops_the_app(settings, tmp_path):
    unfit = tmp_path / "unfit.pem"
    # A key of the wrong kind or size for {{ cookiecutter.jwt_algorithm }}.
{%- if cookiecutter.jwt_algorithm == "ES256" %}
    unfit_key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
{%- else %}
    unfit_key = rsa.generate_private_key(public_exponent=65537, key_size=1024)  # noqa: S505 (refused: the point)
{%- endif %}
    unfit.write_bytes(unfit_key.private_bytes(Encoding.PEM, PrivateFormat.PKCS8, NoEncryption()))

    for path, problem in [(tmp_path / "missing.pem", "is not an unencrypted PEM private key"), (unfit, "is not")]:
        with pytest.raises(ConfigurationError, match=re.escape(f"JWT_PRIVATE_KEY_FILE {path} {problem}")):
            SigningKeys(settings.model_copy(update={"jwt_private_key_file": path}))
{%- if cookiecutter.jwt_algorithm == "RS256" %}


def test_the_key_id_is_the_rfc_7638_thumbprint():
    # The example key of RFC 7638 section 3.1, and the thumbprint the RFC gives for it.
    n = (
        "0vx7agoebGcQSuuPiLJXZptN9nndrQmbXEps2aiAFbWhM78LhWx4cbbfAAtVT86zwu1RK7aPFFxuhDR1L6tSoc_BJECPebWKRXjBZCiFV4n3"
        "oknjhMstn64tZ_2W-5JsGY4Hc5n9yBXArwl93lqt7_RN5w6Cf0h4QyQ5v-65YGjQR0_FDW2QvzqY368QQMicAtaSqzs8KJZgnYb9c7d0zgdA"
        "ZHzu6qMQvRL5hajrn1n91CbOpbISD08qNLyrdkt-bFTWhAI4vMQFh6WeZu0fM4lFd2NcRwr3XPksINHaQ-G_xBniIqbw0Ls1jF44-csFCur-"
        "kEgU8awapJzKnqDKgw"
    )
    key = jwt.PyJWK({"kty": "RSA", "n": n, "e": "AQAB"}).key

    assert _thumbprint(key) == "NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs"
{%- endif %}
