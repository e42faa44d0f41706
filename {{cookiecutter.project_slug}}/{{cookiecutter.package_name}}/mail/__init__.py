"""Email: verified addresses, password reset and security notices, sent over SMTP from an outbox."""

from fastapi import FastAPI

from ..events import add_event_listener
from ..extensions import (
    Reading,
    add_background,
    add_reading,
    on_address_given,
    on_address_holder,
    on_address_vouched,
    on_take_back,
)
from ..settings import ConfigurationError, Settings
from . import routes, status
from .addresses import address_given, address_vouched, holder, take_back
from .notices import send_notice
from .outbox import depth, sending


def add_email(app: FastAPI, settings: Settings) -> None:
    _require_smtp(settings)
    app.include_router(routes.router)
    app.include_router(status.router)
    add_background(app, sending)
    add_reading(app, Reading("email_outbox_depth", "Messages waiting in the outbox to be sent", depth))
    on_address_given(app, address_given)
    on_address_holder(app, holder)
    on_address_vouched(app, address_vouched)
    on_take_back(app, take_back)
    add_event_listener(app, send_notice)


def _require_smtp(settings: Settings) -> None:
    """Outside development every message is sent, and its links lead somewhere."""
    if settings.environment == "development":
        return
    if not settings.smtp_host:
        raise ConfigurationError(
            "Configuration error: SMTP_HOST is not set: outside development every email is sent, so name your SMTP "
            "server (SMTP_HOST=smtp.example.com, and SMTP_PORT, SMTP_USERNAME, SMTP_PASSWORD as it needs), or set "
            "ENVIRONMENT=development on your own machine to write every email to the log"
        )
    if not settings.link_base:
        raise ConfigurationError(
            "Configuration error: EMAIL_LINK_BASE is not set: the links in emails need the origin of the pages "
            "they open (EMAIL_LINK_BASE=https://accounts.example.com)"
        )
