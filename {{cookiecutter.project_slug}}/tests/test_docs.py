"""/docs and /redoc load whole without the internet, under a strict Content-Security-Policy,
and the OpenAPI document lists each operation once, under one tag."""

import re
from collections import Counter

import pytest

DOCS_PAGES = ["/docs", "/redoc"]


def referenced(page: str) -> list[str]:
    return re.findall(r'(?:src|href)="([^"]*)"', page)


@pytest.mark.parametrize("path", DOCS_PAGES)
async def test_the_docs_pages_load_only_this_service_s_files(client, path):
    page = await client.get(path)

    assert page.status_code == 200
    assert page.headers["content-type"].startswith("text/html")
    assets = referenced(page.text)
    assert assets
    assert all(asset.startswith("/docs/assets/") for asset in assets), assets
    assert "<script>" not in page.text
    assert "style=" not in page.text
    for asset in assets:
        answer = await client.get(asset)
        kind = answer.headers["content-type"]
        assert answer.status_code == 200, asset
        assert answer.content
        if asset.endswith(".js"):
            assert kind.startswith(("text/javascript", "application/javascript")), (asset, kind)
        elif asset.endswith(".css"):
            assert kind.startswith("text/css"), (asset, kind)
        else:
            assert kind == "image/png", (asset, kind)


@pytest.mark.parametrize("path", DOCS_PAGES)
async def test_the_docs_pages_allow_no_inline_script_and_no_framing(client, path):
    page = await client.get(path)

    policy = dict(directive.strip().split(" ", 1) for directive in page.headers["content-security-policy"].split(";"))
    assert policy["default-src"] == "'none'"
    assert policy["script-src"] == "'self'"
    assert "unsafe" not in page.headers["content-security-policy"]
    assert policy["frame-ancestors"] == "'none'"
    assert page.headers["x-frame-options"] == "DENY"


async def test_redoc_s_styles_are_allowed_by_a_nonce_of_this_page_alone(client):
    first, second = await client.get("/redoc"), await client.get("/redoc")

    nonces = [re.search(r'data-nonce="([^"]+)"', page.text).group(1) for page in (first, second)]
    assert nonces[0] != nonces[1]
    for page, nonce in zip((first, second), nonces, strict=True):
        assert f"style-src 'self' 'nonce-{nonce}' 'sha256-" in page.headers["content-security-policy"]


async def test_each_operation_is_listed_once_under_one_tag(client):
    schema = (await client.get("/openapi.json")).json()

    operations = [operation for methods in schema["paths"].values() for operation in methods.values()]
    counts = Counter(operation["operationId"] for operation in operations)
    assert [name for name, count in counts.items() if count > 1] == []
    assert [
        (operation["operationId"], operation["tags"]) for operation in operations if len(operation["tags"]) != 1
    ] == []
