"""A second factor: codes from an authenticator app (TOTP) and recovery codes, asked after the
first step of every login (a password, a provider, an emailed link)."""

from fastapi import FastAPI

from ..extensions import on_login, require_multi_factor_for
from ..grants import add_grant
from ..settings import Settings
from . import logins, routes


def add_mfa(app: FastAPI, settings: Settings) -> None:
    app.include_router(routes.router)
    app.include_router(routes.admin_router)
    add_grant(app, logins.GRANT)
    on_login(app, logins.second_step)
    require_multi_factor_for(app, settings.mfa_required_scopes)
