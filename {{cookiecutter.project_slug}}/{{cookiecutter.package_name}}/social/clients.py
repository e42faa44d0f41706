"""The providers this service offers, and Authlib's client for each one that is configured."""

import httpx2
from authlib.integrations.starlette_client import OAuth, StarletteOAuth2App

from ..settings import Settings
{%- if "github" in cookiecutter.social_login %}
from .github import GitHub
{%- endif %}
{%- if "google" in cookiecutter.social_login %}
from .google import Google
{%- endif %}
from .provider import Provider

PROVIDER_KINDS: tuple[type[Provider], ...] = {{ {"google_and_github": "(Google, GitHub)", "google": "(Google,)", "github": "(GitHub,)", "none": "()"}[cookiecutter.social_login] }}
PROVIDER_NAMES = tuple(kind.name for kind in PROVIDER_KINDS)


class ProviderClients:
    """One per app, since each app has its own settings. A provider left unconfigured
    has no client; its routes say which variables to set."""

    def __init__(self, settings: Settings) -> None:
        self.providers = {kind.name: kind(settings) for kind in PROVIDER_KINDS}
        oauth = OAuth()
        ssl_context = httpx2.create_ssl_context()
        self.clients: dict[str, StarletteOAuth2App] = {
            name: provider.register(oauth, ssl_context)
            for name, provider in self.providers.items()
            if provider.is_configured
        }
