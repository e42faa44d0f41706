"""Google, through OpenID Connect: the id_token says who logged in."""

from datetime import UTC, datetime
from typing import Any, ClassVar

from authlib.integrations.starlette_client import StarletteOAuth2App
from joserfc.errors import JoseError

from ..settings import Settings
from .provider import Profile, Provider, ProviderRefused, ProviderUnavailable


class Google(Provider):
    name = "google"
    label = "Google"
    # OpenID Connect: ask for the password again, and say when it was given (auth_time).
    reauthentication_params: ClassVar[dict[str, str]] = {"prompt": "login", "max_age": "0"}
    reports_auth_time = True

    def __init__(self, settings: Settings) -> None:
        super().__init__(settings.google_client_id, settings.google_client_secret, settings.provider_timeout_seconds)
        self.server_metadata_url = settings.google_server_metadata_url

    def client_kwargs(self) -> dict[str, Any]:
        return {"scope": "openid email profile"}

    def endpoints(self) -> dict[str, str]:
        return {"server_metadata_url": self.server_metadata_url}

    async def fetch_profile(self, client: StarletteOAuth2App, token: dict[str, Any], nonce: str | None) -> Profile:
        if "id_token" not in token or nonce is None:
            raise ProviderRefused("Google sent no id_token")
        issuer = (await client.load_server_metadata()).get("issuer")
        if not issuer:
            raise ProviderUnavailable("Google's discovery document names no issuer")
        # Authlib checks the signature against Google's published keys, the expiry and the
        # nonce this login was started with; the issuer and the audience (our client id)
        # are checked only when asked for.
        required = {"iss": {"essential": True, "value": issuer}, "aud": {"essential": True, "value": self.client_id}}
        try:
            claims = await client.parse_id_token(token, nonce=nonce, claims_options=required)
        except (JoseError, ValueError) as error:
            raise ProviderRefused(f"Google's id_token did not verify ({error})") from None
        email = claims.get("email")
        return Profile(
            subject=str(claims["sub"]),
            email=email,
            email_verified=claims.get("email_verified") is True,
            username_hint=(email or "").partition("@")[0] or str(claims.get("given_name") or ""),
            auth_time=_signed_in_at(claims.get("auth_time")),
        )


def _signed_in_at(auth_time: object) -> datetime | None:
    if type(auth_time) is not int:
        return None
    try:
        return datetime.fromtimestamp(auth_time, UTC)
    except (OverflowError, OSError, ValueError):
        raise ProviderRefused("Google's id_token has an auth_time out of range") from None
