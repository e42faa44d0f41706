"""Email: verified addresses, password reset and security notices, sent over SMTP from an outbox."""

from fastapi import FastAPI

from ..extensions import add_background, on_address_given
from ..settings import Settings
from . import routes
from .addresses import address_given
from .outbox import sending


def add_email(app: FastAPI, settings: Settings) -> None:
    app.include_router(routes.router)
    add_background(app, sending)
    on_address_given(app, address_given)
