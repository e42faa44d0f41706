"""Signing and checking access tokens with HS256: SECRET_KEY is the one key, so only this service
can verify its tokens."""

from typing import Any

import jwt

from .settings import Settings

ALGORITHM = "HS256"


class SigningKeys:
    def __init__(self, settings: Settings) -> None:
        self._secret = settings.secret_key.get_secret_value()

    def sign(self, claims: dict[str, Any]) -> str:
        return jwt.encode(claims, self._secret, algorithm=ALGORITHM)

    def verify(self, token: str, **checks: Any) -> dict[str, Any]:
        """The token's claims, once its signature and `checks` hold; raises jwt.PyJWTError otherwise."""
        # Only the one algorithm: a token naming another, or "none", is refused.
        return jwt.decode(token, self._secret, algorithms=[ALGORITHM], **checks)
