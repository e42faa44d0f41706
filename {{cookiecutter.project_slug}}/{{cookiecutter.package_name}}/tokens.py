"""JWT access tokens (RFC 7519, HS256) carrying OAuth2 scopes."""

import secrets
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import jwt

from .settings import Settings

ALGORITHM = "HS256"
ACCESS_TOKEN_TYPE = "access"


class InvalidTokenError(Exception):
    """The token is malformed, expired, tampered with, or not an access token of this service."""


@dataclass(frozen=True)
class AccessToken:
    user_id: int
    scopes: frozenset[str]


def issue_access_token(settings: Settings, user_id: int, scopes: list[str]) -> tuple[str, int]:
    """Return the encoded token and its lifetime in seconds."""
    lifetime = timedelta(minutes=settings.access_token_minutes)
    now = datetime.now(UTC)
    claims = {
        "sub": str(user_id),
        "scope": " ".join(scopes),
        "iat": now,
        "exp": now + lifetime,
        "jti": secrets.token_urlsafe(16),
        "iss": settings.jwt_issuer,
        "aud": settings.jwt_audience,
        "typ": ACCESS_TOKEN_TYPE,
    }
    token = jwt.encode(claims, settings.secret_key.get_secret_value(), algorithm=ALGORITHM)
    return token, int(lifetime.total_seconds())


def decode_access_token(settings: Settings, token: str) -> AccessToken:
    try:
        claims = jwt.decode(
            token,
            settings.secret_key.get_secret_value(),
            algorithms=[ALGORITHM],
            audience=settings.jwt_audience,
            issuer=settings.jwt_issuer,
            options={"require": ["exp", "iat", "sub", "iss", "aud", "jti"]},
        )
    except jwt.PyJWTError as error:
        raise InvalidTokenError(str(error)) from error
    if claims.get("typ") != ACCESS_TOKEN_TYPE or not claims["sub"].isdecimal():
        raise InvalidTokenError("not an access token")
    return AccessToken(user_id=int(claims["sub"]), scopes=frozenset(str(claims.get("scope", "")).split()))
