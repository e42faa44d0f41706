"""Signing access tokens with {{ cookiecutter.jwt_algorithm }} and a private key; anyone can check them with the
public keys at /.well-known/jwks.json."""

import base64
import hashlib
import json
from pathlib import Path
from typing import Any

import jwt
from cryptography.hazmat.primitives.asymmetric import {{ "ec" if cookiecutter.jwt_algorithm == "ES256" else "rsa" }}
from cryptography.hazmat.primitives.serialization import load_pem_private_key, load_pem_public_key

from .settings import ConfigurationError, Settings

ALGORITHM = {{ cookiecutter.jwt_algorithm | pystr }}
{%- if cookiecutter.jwt_algorithm == "ES256" %}
PrivateKey, PublicKey = ec.EllipticCurvePrivateKey, ec.EllipticCurvePublicKey
JWK = jwt.algorithms.ECAlgorithm
# RFC 7638: the members of a key's thumbprint.
THUMBPRINT_MEMBERS = ("crv", "kty", "x", "y")
{%- else %}
PrivateKey, PublicKey = rsa.RSAPrivateKey, rsa.RSAPublicKey
JWK = jwt.algorithms.RSAAlgorithm
# RFC 7638: the members of a key's thumbprint.
THUMBPRINT_MEMBERS = ("e", "kty", "n")
MIN_RSA_BITS = 2048
{%- endif %}


class SigningKeys:
    """The current private key signs; its public key and those of retired keys still trusted verify."""

    def __init__(self, settings: Settings) -> None:
        self._private_key = _read_private_key(settings.jwt_private_key_file)
        self.kid = _thumbprint(self._private_key.public_key())
        previous = [_read_public_key(path) for path in settings.jwt_previous_public_key_files]
        self._public_keys = {self.kid: self._private_key.public_key(), **{_thumbprint(key): key for key in previous}}

    def sign(self, claims: dict[str, Any]) -> str:
        return jwt.encode(claims, self._private_key, algorithm=ALGORITHM, headers={"kid": self.kid})

    def verify(self, token: str, **checks: Any) -> dict[str, Any]:
        """The token's claims, once its signature and `checks` hold; raises jwt.PyJWTError otherwise."""
        kid = jwt.get_unverified_header(token).get("kid")
        key = self._public_keys.get(kid) if isinstance(kid, str) else None
        if key is None:
            raise jwt.InvalidTokenError("the token names no key of this service")
        # Only the one algorithm: "none", or HS256 with the public key as its secret, is refused.
        return jwt.decode(token, key, algorithms=[ALGORITHM], **checks)

    def jwks(self) -> dict[str, list[dict[str, str]]]:
        """RFC 7517: the public keys, current first."""
        return {
            "keys": [
                {**_public_members(key), "kid": kid, "use": "sig", "alg": ALGORITHM}
                for kid, key in self._public_keys.items()
            ]
        }


def _read_private_key(path: Path) -> PrivateKey:
    try:
        key = load_pem_private_key(path.read_bytes(), password=None)
    except (OSError, ValueError, TypeError) as error:
        raise ConfigurationError(
            f"Configuration error: JWT_PRIVATE_KEY_FILE {path} is not an unencrypted PEM private key ({error})"
        ) from None
    _check_kind(key, PrivateKey, "JWT_PRIVATE_KEY_FILE", path)
    return key


def _read_public_key(path: Path) -> PublicKey:
    try:
        key = load_pem_public_key(path.read_bytes())
    except (OSError, ValueError) as error:
        raise ConfigurationError(
            f"Configuration error: JWT_PREVIOUS_PUBLIC_KEY_FILES {path} is not a PEM public key ({error})"
        ) from None
    _check_kind(key, PublicKey, "JWT_PREVIOUS_PUBLIC_KEY_FILES", path)
    return key


def _check_kind(key: object, kind: type, variable: str, path: Path) -> None:
{%- if cookiecutter.jwt_algorithm == "ES256" %}
    if not isinstance(key, kind) or not isinstance(key.curve, ec.SECP256R1):
        raise ConfigurationError(f"Configuration error: {variable} {path} is not a P-256 key, which {ALGORITHM} needs")
{%- else %}
    if not isinstance(key, kind) or key.key_size < MIN_RSA_BITS:
        raise ConfigurationError(
            f"Configuration error: {variable} {path} is not an RSA key of {MIN_RSA_BITS} bits or more, which {ALGORITHM} needs"
        )
{%- endif %}


def _public_members(key: PublicKey) -> dict[str, str]:
    # PyJWT adds key_ops, which RFC 7517 section 4.3 says not to publish beside use.
    return {name: value for name, value in JWK.to_jwk(key, as_dict=True).items() if name != "key_ops"}


def _thumbprint(key: PublicKey) -> str:
    """RFC 7638: the key id that any holder of the public key can compute."""
    members = _public_members(key)
    canonical = json.dumps({name: members[name] for name in THUMBPRINT_MEMBERS}, separators=(",", ":"))
    return base64.urlsafe_b64encode(hashlib.sha256(canonical.encode()).digest()).rstrip(b"=").decode()
