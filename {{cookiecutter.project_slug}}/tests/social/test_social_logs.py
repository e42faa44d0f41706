"""A social login, at DEBUG, logs none of its secrets: the code, the state, the cookie, the
client secret, the provider's token, nor the tokens it answers with."""

import json
from urllib.parse import parse_qs, urlsplit

import pytest

from {{ cookiecutter.package_name }}.settings import Settings

from ..logged import OwnRequests, assert_never_logged, everything_logged
from fake_providers.provider import CLIENT_SECRET, Account


@pytest.fixture
def settings(settings: Settings) -> Settings:
    return settings.model_copy(update={"log_level": "DEBUG", "environment": "production"})


async def test_a_social_login_logs_no_secret(browser, provider, link_to_new_user, caplog, capsys):
    own = OwnRequests(browser.app, browser.provider_side)
    account = provider.add(Account("1001", "ada@example.com", login="ada"))
    await link_to_new_user(browser, provider, account)

    back = await browser.visit_provider(await browser.start_login(provider), account)
    answer = await browser.app.get(back)
    written = capsys.readouterr().err

    assert answer.status_code == 200, answer.text
    query = parse_qs(urlsplit(back).query)
    assert_never_logged(
        everything_logged(caplog, written, own),
        {
            "the code": query["code"][0],
            "the state": query["state"][0],
            "the client secret": CLIENT_SECRET,
            **{f"the provider's token {index}": token for index, token in enumerate(provider.access_tokens)},
            **{f"the cookie {cookie.name}": cookie.value for cookie in browser.app.cookies.jar},
            "the access token": answer.json()["access_token"],
            "the refresh token": answer.json()["refresh_token"],
        },
    )
    callbacks = [
        line
        for line in map(json.loads, written.splitlines())
        if line["logger"].endswith(".access") and line["path"] == f"/auth/{provider.name}/callback"
    ]
    # The link before it is no login.
    assert [(line["status"], line.get("login")) for line in callbacks] == [(200, None), (200, "provider")]
