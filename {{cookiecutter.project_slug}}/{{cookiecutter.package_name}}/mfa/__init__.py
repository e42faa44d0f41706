"""A second factor: codes from an authenticator app (TOTP) and recovery codes, asked after the
first step of every login (a password, a provider, an emailed link)."""

from fastapi import FastAPI

from ..extensions import on_login
from ..grants import add_grant
from . import logins, routes


def add_mfa(app: FastAPI) -> None:
    app.include_router(routes.router)
    add_grant(app, logins.GRANT)
    on_login(app, logins.second_step)
