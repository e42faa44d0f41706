"""/docs (Swagger UI) and /redoc, whole without the internet: their scripts and styles are
served from the fastapi-offline package rather than a CDN, and the pages run no inline script,
so that a strict Content-Security-Policy holds."""

import html
import secrets
from pathlib import Path

import fastapi_offline
from fastapi import FastAPI, Request
from fastapi.staticfiles import StaticFiles
from starlette.responses import HTMLResponse

ASSETS = "/docs/assets"
# Swagger UI and Redoc as released, in the package that ships them.
VENDORED = Path(fastapi_offline.__file__).parent / "static"
# How this service starts them: docs.js and docs.css.
OWN = Path(__file__).parent / "docs_assets"
# The two <style> elements Redoc's bundle adds as it loads, before it knows the nonce (one
# empty): their hashes, for the bundle of the fastapi-offline version pyproject.toml pins.
REDOC_STYLES = (
    "'sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=' 'sha256-QMIg+bpjm3JdElJ388KYke01izlUW0UoNOeKjpMxdgc='"
)
POLICY = (
    "default-src 'none'; script-src 'self'; style-src 'self'{nonce}; img-src 'self' data:; "
    "font-src 'self'; connect-src 'self'; worker-src blob:; frame-ancestors 'none'; base-uri 'none'; form-action 'self'"
)


def add_docs(app: FastAPI) -> None:
    """Serve /docs and /redoc; the app is made with docs_url=None and redoc_url=None."""
    app.mount(f"{ASSETS}/vendor", StaticFiles(directory=VENDORED), name="docs-vendor")
    app.mount(f"{ASSETS}/own", StaticFiles(directory=OWN), name="docs-own")

    @app.get("/docs", include_in_schema=False)
    async def swagger_ui(request: Request) -> HTMLResponse:
        root = request.scope.get("root_path", "")
        body = f'<div id="swagger-ui" data-openapi-url="{html.escape(root + app.openapi_url)}"></div>'
        return _page(request, f"{app.title} - Swagger UI", ["swagger-ui.css"], ["swagger-ui-bundle.js"], body)

    @app.get("/redoc", include_in_schema=False)
    async def redoc(request: Request) -> HTMLResponse:
        root = request.scope.get("root_path", "")
        # Redoc adds its styles as <style> elements, each with this page's nonce.
        nonce = secrets.token_urlsafe(16)
        body = f'<div id="redoc" data-openapi-url="{html.escape(root + app.openapi_url)}" data-nonce="{nonce}"></div>'
        return _page(request, f"{app.title} - ReDoc", [], ["redoc.standalone.js"], body, nonce=nonce)


def _page(
    request: Request, title: str, styles: list[str], scripts: list[str], body: str, *, nonce: str | None = None
) -> HTMLResponse:
    assets = f"{request.scope.get('root_path', '')}{ASSETS}"
    links = "".join(f'<link rel="stylesheet" href="{assets}/vendor/{name}">' for name in styles)
    tags = "".join(f'<script src="{assets}/vendor/{name}"></script>' for name in scripts)
    page = (
        '<!doctype html><html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{html.escape(title)}</title>"
        f'<link rel="icon" href="{assets}/vendor/favicon.png">{links}<link rel="stylesheet" href="{assets}/own/docs.css">'
        f'</head><body>{body}{tags}<script src="{assets}/own/docs.js"></script></body></html>'
    )
    policy = POLICY.format(nonce=f" 'nonce-{nonce}' {REDOC_STYLES}" if nonce else "")
    return HTMLResponse(page, headers={"Content-Security-Policy": policy, "X-Frame-Options": "DENY"})
