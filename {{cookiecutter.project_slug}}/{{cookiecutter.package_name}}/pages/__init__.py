"""Account pages served by the app itself: sign in, sign up and your account{% if cookiecutter.email != "none" %} (and the pages
emailed links open){% endif %}, as HTML with a little plain JavaScript that calls the JSON API (see "Account pages" in the README)."""

from fastapi import FastAPI
from starlette.staticfiles import StaticFiles

from ..settings import Settings
from . import browser_session, {% if cookiecutter.email != "none" %}email_pages, {% endif %}routes
from .headers import PageHeaders


def add_account_pages(app: FastAPI, settings: Settings) -> None:
    app.include_router(browser_session.router)
    app.include_router(routes.router)
{%- if cookiecutter.email != "none" %}
    app.include_router(email_pages.router)
{%- endif %}
    app.mount(routes.STATIC_URL, StaticFiles(directory=routes.HERE / "static"), name="account_static")
    app.add_middleware(PageHeaders, prefix=routes.PREFIX)
