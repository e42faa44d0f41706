"""GitHub, through OAuth 2: its API says who logged in and which email addresses they verified."""

from typing import Any, ClassVar

from authlib.integrations.starlette_client import StarletteOAuth2App

from ..settings import Settings
from .provider import Profile, Provider, ProviderUnavailable


class GitHub(Provider):
    name = "github"
    label = "GitHub"
    # GitHub cannot be made to ask for a password; this makes the person at least choose the
    # account on a GitHub page rather than being sent straight back.
    reauthentication_params: ClassVar[dict[str, str]] = {"prompt": "select_account"}
    reports_auth_time = False

    def __init__(self, settings: Settings) -> None:
        super().__init__(settings.github_client_id, settings.github_client_secret, settings.provider_timeout_seconds)
        self.authorize_url = settings.github_authorize_url
        self.token_url = settings.github_token_url
        self.api_base_url = settings.github_api_base_url

    def client_kwargs(self) -> dict[str, Any]:
        return {"scope": "read:user user:email", "headers": {"Accept": "application/vnd.github+json"}}

    def endpoints(self) -> dict[str, str]:
        return {
            "authorize_url": self.authorize_url,
            "access_token_url": self.token_url,
            "api_base_url": self.api_base_url,
        }

    async def fetch_profile(self, client: StarletteOAuth2App, token: dict[str, Any], nonce: str | None) -> Profile:
        user = await _read(client, "user", token)
        emails = await _read(client, "user/emails", token)
        if not isinstance(user, dict) or not isinstance(user.get("id"), int) or not isinstance(emails, list):
            raise ProviderUnavailable("GitHub's API answered something unexpected")
        primary = next((entry for entry in emails if isinstance(entry, dict) and entry.get("primary")), {})
        return Profile(
            # The numeric id stays with the account; the login name can be renamed and reused.
            subject=str(user["id"]),
            email=primary.get("email"),
            email_verified=primary.get("verified") is True,
            username_hint=str(user.get("login") or ""),
        )


async def _read(client: StarletteOAuth2App, path: str, token: dict[str, Any]) -> Any:
    response = await client.get(path, token=token)
    if response.status_code != 200:
        raise ProviderUnavailable(f"GitHub's API answered {response.status_code} to /{path}")
    try:
        return response.json()
    except ValueError:
        raise ProviderUnavailable(f"GitHub's API answered /{path} with something that is not JSON") from None
