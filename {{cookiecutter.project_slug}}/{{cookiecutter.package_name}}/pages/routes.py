"""The pages: server-rendered HTML that holds no account data, which the page's script fetches
from the JSON API once it has an access token (see browser_session.py)."""

from pathlib import Path
{%- if cookiecutter.social_login != "none" %}
from typing import Any
{%- endif %}

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates

from .browser_session import PAGES_HEADER, SESSION_URL

HERE = Path(__file__).resolve().parent
PREFIX = "/account"
STATIC_URL = f"{PREFIX}/static"
ALLOW_SIGNUP = {{ "True" if cookiecutter.allow_signup else "False" }}

router = APIRouter(include_in_schema=False)
templates = Jinja2Templates(directory=HERE / "templates")


def render_page(request: Request, template: str, title: str) -> HTMLResponse:
    context = {
        "title": title,
        "service": request.app.title,
        "allow_signup": ALLOW_SIGNUP,
        "session_url": SESSION_URL,
        "pages_header": PAGES_HEADER,
{%- if cookiecutter.social_login != "none" %}
        "providers": _providers(request),
{%- else %}
        "providers": [],
{%- endif %}
    }
    return templates.TemplateResponse(request, template, context)
{%- if cookiecutter.social_login != "none" %}


def _providers(request: Request) -> list[dict[str, Any]]:
    """Each provider baked in, and whether its login is configured (else its settings to set)."""
    clients = request.app.state.provider_clients
    return [
        {
            "name": name,
            "label": provider.label,
            "configured": name in clients.clients,
            "settings": provider.setting_names,
        }
        for name, provider in clients.providers.items()
    ]
{%- endif %}


@router.get(f"{PREFIX}/", name="account_page")
async def account(request: Request) -> HTMLResponse:
    return render_page(request, "account.html", "Your account")


@router.get(f"{PREFIX}/sign-in", name="sign_in_page")
async def sign_in(request: Request) -> HTMLResponse:
    return render_page(request, "sign_in.html", "Sign in")
{%- if cookiecutter.allow_signup %}


@router.get(f"{PREFIX}/sign-up", name="sign_up_page")
async def sign_up(request: Request) -> HTMLResponse:
    return render_page(request, "sign_up.html", "Sign up")
{%- endif %}
