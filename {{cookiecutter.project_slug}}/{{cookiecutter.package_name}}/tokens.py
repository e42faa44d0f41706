"""JWT access tokens (RFC 7519) carrying OAuth2 scopes, the user's token version, their session,
and when and how they last proved who they are."""

import secrets
import time
import weakref
from collections import OrderedDict
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import jwt

from .settings import Settings
from .signing import SigningKeys

ACCESS_TOKEN_TYPE = "access"
VERIFIED_TOKENS_KEPT = 4096

# How a login proved who the person is (`amr`, RFC 8176): a password, or, beyond RFC 8176's list,
# a provider's login (as Microsoft's tokens name it) or a link emailed to the account's address.
PASSWORD = "pwd"
PROVIDER = "fed"
EMAILED_LINK = "email"
# Of more than one factor (RFC 8176).
MULTI_FACTOR = "mfa"
# The assurance a login gives (`acr`, RFC 9470), named after NIST SP 800-63B's levels: one
# factor, or more than one.
ONE_FACTOR_ACR = "aal1"
MULTI_FACTOR_ACR = "aal2"


def acr_of(amr: list[str]) -> str:
    return MULTI_FACTOR_ACR if MULTI_FACTOR in amr else ONE_FACTOR_ACR


class InvalidTokenError(Exception):
    """The token is malformed, expired, tampered with, or not an access token of this service."""


@dataclass(frozen=True)
class AccessToken:
    user_id: int
    scopes: frozenset[str]
    token_version: int
    expires_at: int
    # The refresh-token family (the session) the token was issued to, and the time of its login
    # (RFC 9470 `auth_time`); None in a token from before they were carried.
    session: str | None = None
    auth_time: int | None = None
    # How that login was made (`amr`); empty in a token from before it was carried.
    amr: tuple[str, ...] = ()


def issue_access_token(
    settings: Settings,
    keys: SigningKeys,
    user_id: int,
    token_version: int,
    scopes: list[str],
    session: str,
    auth_time: datetime,
    amr: list[str],
) -> tuple[str, int]:
    """Return the encoded token and its lifetime in seconds."""
    lifetime = timedelta(minutes=settings.access_token_minutes)
    now = datetime.now(UTC)
    claims = {
        "sub": str(user_id),
        "scope": " ".join(scopes),
        "ver": token_version,
        "sid": session,
        "auth_time": int(auth_time.timestamp()),
        "amr": amr,
        "acr": acr_of(amr),
        "iat": now,
        "exp": now + lifetime,
        "jti": secrets.token_urlsafe(16),
        "iss": settings.jwt_issuer,
        "aud": settings.jwt_audience,
        "typ": ACCESS_TOKEN_TYPE,
    }
    return keys.sign(claims), int(lifetime.total_seconds())


def decode_access_token(settings: Settings, keys: SigningKeys, token: str) -> AccessToken:
    try:
        claims = keys.verify(
            token,
            audience=settings.jwt_audience,
            issuer=settings.jwt_issuer,
            options={"require": ["exp", "iat", "sub", "iss", "aud", "jti", "ver"]},
        )
    except jwt.PyJWTError as error:
        raise InvalidTokenError(str(error)) from error
    if claims.get("typ") != ACCESS_TOKEN_TYPE or not str(claims["sub"]).isdecimal() or type(claims["ver"]) is not int:
        raise InvalidTokenError("not an access token")
    session, auth_time, amr = claims.get("sid"), claims.get("auth_time"), claims.get("amr", [])
    if not isinstance(session, str | None) or not (auth_time is None or type(auth_time) is int):
        raise InvalidTokenError("malformed sid or auth_time")
    if not isinstance(amr, list) or not all(isinstance(method, str) for method in amr):
        raise InvalidTokenError("malformed amr")
    return AccessToken(
        user_id=int(claims["sub"]),
        scopes=frozenset(str(claims.get("scope", "")).split()),
        token_version=claims["ver"],
        expires_at=claims["exp"],
        session=session,
        auth_time=auth_time,
        amr=tuple(amr),
    )


# Tokens already verified, for each set of keys: checking a signature costs about what the
# user lookup does, and a client sends one token many times.
_verified: weakref.WeakKeyDictionary[SigningKeys, OrderedDict[tuple[str, str, str], AccessToken]] = (
    weakref.WeakKeyDictionary()
)


def verified_access_token(settings: Settings, keys: SigningKeys, token: str) -> AccessToken:
    """decode_access_token, verifying each token once; its expiry is still checked at every use."""
    verified = _verified.setdefault(keys, OrderedDict())
    key = (settings.jwt_issuer, settings.jwt_audience, token)
    access = verified.get(key)
    if access is None or access.expires_at <= time.time():
        verified.pop(key, None)
        access = decode_access_token(settings, keys, token)
        verified[key] = access
        if len(verified) > VERIFIED_TOKENS_KEPT:
            verified.popitem(last=False)
    return access
