"""The application factory: `uvicorn --factory {{ cookiecutter.package_name }}.main:create_app`."""

import logging
from collections.abc import AsyncIterator
from contextlib import AsyncExitStack, asynccontextmanager

from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware
from tortoise.contrib.fastapi import RegisterTortoise

from .database import tortoise_config
from .database_setup import check_database
from .docs import add_docs
from .errors import EXCEPTION_HANDLERS
from .extensions import backgrounds
from .logs import configure_logging
{%- if cookiecutter.email != "none" %}
from .mail import add_email
{%- endif %}
from .metrics import add_metrics
{%- if cookiecutter.mfa != "none" %}
from .mfa import add_mfa
{%- endif %}
from .middleware import OneLineStartupErrors, RequestContext, ThisMachineAlone
from .openapi import document_answers
{%- if cookiecutter.account_pages %}
from .pages import add_account_pages
{%- endif %}
from .passwords import PasswordHasher
from .routes import discovery, events, health, recovery, revocation, sessions, {% if cookiecutter.allow_signup %}signup, {% endif %}token, users
from .scopes import check_route_scopes
from .settings import Settings, load_settings
from .signing import SigningKeys
{%- if cookiecutter.social_login != "none" %}
from .social import add_social_login
{%- endif %}

# Every body this API takes is a few hundred bytes; refuse anything far larger unread.
MAX_BODY_BYTES = 64 * 1024
# A copy of the project folder deployed with its .env would run in development: said at each start.
DEVELOPMENT_WARNING = (
    "ENVIRONMENT=development: cookies may travel over plain HTTP and http:// origins are trusted{% if cookiecutter.email != "none" %}, "
    "and every email, its links included, is written to the log{% endif %}. It answers this machine alone: "
    "a deployment sets ENVIRONMENT=production"
)
logger = logging.getLogger(__name__)


@asynccontextmanager
async def lifespan(app: FastAPI) -> AsyncIterator[None]:
    check_route_scopes(app.routes)
    if app.state.settings.environment == "development":
        logger.warning(DEVELOPMENT_WARNING)
    database_url = app.state.settings.database_url
    async with RegisterTortoise(app, config=tortoise_config(database_url)), AsyncExitStack() as stack:
        await check_database(database_url)
        for background in backgrounds(app):
            await stack.enter_async_context(background(app))
        yield


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or load_settings()
    configure_logging(settings)
    app = FastAPI(
        title={{ cookiecutter.project_name | pystr }},
        description={{ cookiecutter.description | pystr }},
        lifespan=lifespan,
        exception_handlers=EXCEPTION_HANDLERS,
        max_body_size=MAX_BODY_BYTES,
        # Served by add_docs, from the package's own files rather than a CDN.
        docs_url=None,
        redoc_url=None,
    )
    app.state.settings = settings
    app.state.password_hasher = PasswordHasher(settings.bcrypt_rounds)
    app.state.signing_keys = SigningKeys(settings)
    if settings.cors_origins:
        app.add_middleware(
            CORSMiddleware,
            allow_origins=settings.cors_origins,
            allow_methods=["GET", "POST", "PATCH", "DELETE"],
            allow_headers=["Authorization", "Content-Type"],
{%- if cookiecutter.social_login != "none" %}
            # A page linking an account calls POST /auth/{provider}/link with the login cookie.
            allow_credentials=True,
{%- endif %}
        )
    for module in (health, discovery, token, revocation, {% if cookiecutter.allow_signup %}signup, {% endif %}sessions, recovery, events):
        app.include_router(module.router)
{%- if cookiecutter.social_login != "none" %}
    # Before the users routes: its GET /users/me must come before GET /users/{user_id}.
    add_social_login(app, settings)
{%- endif %}
{%- if cookiecutter.email != "none" %}
    add_email(app, settings)
{%- endif %}
{%- if cookiecutter.mfa != "none" %}
    add_mfa(app, settings)
{%- endif %}
    app.include_router(users.router)
{%- if cookiecutter.account_pages %}
    add_account_pages(app, settings)
{%- endif %}
    add_docs(app)
    document_answers(app)
    if settings.metrics_enabled:
        add_metrics(app, settings)
    if settings.environment == "development":
        app.add_middleware(ThisMachineAlone)
    # Added last, so that they run first: every request has its id before anything logs.
    app.add_middleware(RequestContext, trusted_proxies=settings.trusted_proxies)
    app.add_middleware(OneLineStartupErrors)
    return app
