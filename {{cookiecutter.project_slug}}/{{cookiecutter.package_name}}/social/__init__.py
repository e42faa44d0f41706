"""Log in with a provider account (Google, GitHub), and link several of them to one user."""

import hashlib
import hmac

from fastapi import FastAPI
from starlette.middleware.sessions import SessionMiddleware

from ..extensions import on_take_back
from ..grants import add_grant
from ..settings import Settings
from . import accounts, codes, routes
from .clients import ProviderClients

SESSION_COOKIE = "login_session"
# Longer than any login takes; the cookie is renewed whenever a login starts.
SESSION_MAX_AGE = 60 * 60


def add_social_login(app: FastAPI, settings: Settings) -> None:
    app.state.provider_clients = ProviderClients(settings)
    # The cookie only ties a login to the browser that started it; it never holds a token.
    app.add_middleware(
        SessionMiddleware,
        secret_key=_session_key(settings),
        # __Host-: a sibling subdomain cannot plant a cookie of this name (HTTPS only).
        session_cookie=SESSION_COOKIE if settings.environment == "development" else f"__Host-{SESSION_COOKIE}",
        max_age=SESSION_MAX_AGE,
        same_site="lax",
        https_only=settings.environment != "development",
    )
    app.include_router(routes.router)
    app.include_router(routes.users_router)
    routes.accept_login_parameters(app, settings)
    add_grant(app, codes.GRANT)
    on_take_back(app, accounts.unlink_all)


def _session_key(settings: Settings) -> str:
    """A key of its own, so that a session cookie can never pass for anything SECRET_KEY signs elsewhere."""
    return hmac.new(settings.secret_key.get_secret_value().encode(), b"session cookie", hashlib.sha256).hexdigest()
