"""What a social login provider is to this service: an Authlib client and the profile it vouches for."""

import ssl
from abc import ABC, abstractmethod
from dataclasses import dataclass
from datetime import datetime
from typing import Any, ClassVar

from authlib.integrations.starlette_client import OAuth, StarletteOAuth2App
from pydantic import SecretStr


@dataclass(frozen=True)
class Profile:
    """Who the provider says logged in."""

    subject: str
    email: str | None
    email_verified: bool
    # Where a new account's username starts from.
    username_hint: str
    # When the person last signed in at the provider, if it says (OpenID Connect `auth_time`).
    auth_time: datetime | None = None


class ProviderUnavailable(Exception):
    """The provider could not be reached, timed out, or answered something unusable."""


class ProviderRefused(Exception):
    """The provider refused the login, or what it sent back did not check out."""


class Provider(ABC):
    name: ClassVar[str]
    label: ClassVar[str]
    # Authorization request parameters that have the person sign in again (a re-authentication).
    reauthentication_params: ClassVar[dict[str, str]]
    # Whether its Profile says when the person signed in; if so, a re-authentication is checked by it.
    reports_auth_time: ClassVar[bool]

    def __init__(self, client_id: str, client_secret: SecretStr, timeout: float) -> None:
        self.client_id = client_id
        self.client_secret = client_secret
        self.timeout = timeout

    @property
    def is_configured(self) -> bool:
        return bool(self.client_id and self.client_secret.get_secret_value())

    @property
    def setting_names(self) -> str:
        prefix = self.name.upper()
        return f"{prefix}_CLIENT_ID and {prefix}_CLIENT_SECRET"

    def register(self, oauth: OAuth, ssl_context: ssl.SSLContext) -> StarletteOAuth2App:
        return oauth.register(
            self.name,
            client_id=self.client_id,
            client_secret=self.client_secret.get_secret_value(),
            client_kwargs={
                "code_challenge_method": "S256",
                "timeout": self.timeout,
                # Authlib makes a new HTTP client for every request to the provider; without
                # a shared context each one spends about 20 ms of the event loop loading CAs.
                "verify": ssl_context,
                **self.client_kwargs(),
            },
            **self.endpoints(),
        )

    @abstractmethod
    def client_kwargs(self) -> dict[str, Any]:
        """Options of the HTTP client Authlib makes for this provider: the scope, at least."""

    @abstractmethod
    def endpoints(self) -> dict[str, str]:
        """Where Authlib finds the provider: a discovery document or each endpoint."""

    @abstractmethod
    async def fetch_profile(self, client: StarletteOAuth2App, token: dict[str, Any], nonce: str | None) -> Profile:
        """Read who logged in from the provider's token answer."""
