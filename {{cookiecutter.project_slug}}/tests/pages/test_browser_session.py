"""The pages' backend: its cookies, its refusal of other sites' requests, and the headers of every page."""

{% if cookiecutter.social_login != "none" %}import base64
import hashlib
{% endif %}import re
from datetime import UTC, datetime, timedelta
from http.cookies import SimpleCookie
from ipaddress import ip_network
{%- if cookiecutter.social_login != "none" %}
from urllib.parse import parse_qs, urlsplit
{%- endif %}

import httpx2
import pytest
from tortoise import Tortoise

from {{ cookiecutter.package_name }}.main import create_app
from {{ cookiecutter.package_name }}.models import Attempt, LoginAttempt, RefreshToken, SecurityEvent
{%- if cookiecutter.social_login != "none" %}
from {{ cookiecutter.package_name }}.social.models import Identity
{%- endif %}

from ..conftest import PASSWORD, bearer
from .conftest import APP_URL, FROM_PAGES
{%- if cookiecutter.social_login != "none" %}
from fake_providers.provider import Account, FakeProvider
{%- endif %}

PAGES = [
    "/account/",
    "/account/sign-in",
{%- if cookiecutter.allow_signup %}
    "/account/sign-up",
{%- endif %}
{%- if cookiecutter.email != "none" %}
    "/account/verify-email",
    "/account/forgot-password",
    "/account/reset-password",
{%- endif %}
]
SIGN_IN = {"grant_type": "password", "username": "alice", "password": PASSWORD}


def cookies_set(answer: httpx2.Response) -> dict[str, dict[str, str]]:
    """Each cookie the answer sets, by name: its value and attributes, as a browser reads them."""
    found = {}
    for header in answer.headers.get_list("set-cookie"):
        cookie = SimpleCookie()
        cookie.load(header)
        for name, morsel in cookie.items():
            attributes = {key: value for key, value in morsel.items() if value}
            found[name] = {"value": morsel.value, **attributes, "header": header}
    return found


def refresh_cookie(answer: httpx2.Response) -> str:
    """The refresh token an answer sets in the pages' cookie."""
    return cookies_set(answer)["__Host-account_refresh"]["value"]


async def live_sessions(user_id: int) -> int:
    return await RefreshToken.filter(user_id=user_id, used_at__isnull=True, revoked_at__isnull=True).count()


async def every_row() -> dict[str, list[dict]]:
    """The whole database, table by table."""
    models = [model for app in Tortoise.apps.values() for model in app.values()]
    return {model._meta.db_table: await model.all().order_by(model._meta.pk_attr).values() for model in models}


@pytest.mark.parametrize(
    "path", [*PAGES, "/account/static/pages.css", "/account/static/account.js", "/account/nothing"]
)
async def test_every_page_forbids_inline_code_and_framing(client, path):
    answer = await client.get(path)

    assert answer.status_code == (404 if path.endswith("nothing") else 200)
    policy = answer.headers["content-security-policy"]
    assert "default-src 'none'" in policy
    assert "script-src 'self';" in policy
    assert "style-src 'self';" in policy
    assert "frame-ancestors 'none'" in policy
    assert "unsafe-inline" not in policy
    assert "unsafe-eval" not in policy
    assert answer.headers["x-frame-options"] == "DENY"
    assert answer.headers["x-content-type-options"] == "nosniff"


@pytest.mark.parametrize("path", PAGES)
async def test_no_page_is_kept_for_the_back_button_after_a_log_out(client, path):
    answer = await client.get(path)

    assert answer.headers["cache-control"] == "no-store"


@pytest.mark.parametrize("path", PAGES)
async def test_pages_hold_no_inline_script_or_style(client, path):
    html = (await client.get(path)).text

    assert re.findall(r"<script(?![^>]*\bsrc=\"/account/static/)", html) == []
    assert "<style" not in html
    assert not re.search(r"\s(style|on[a-z]+)=", html)
    # No account data in the page itself: the script fetches it with the access token.
    assert "alice" not in html


@pytest.mark.parametrize("path", PAGES)
async def test_before_the_script_runs_no_form_can_send_what_it_holds_in_a_url(client, path):
    html = (await client.get(path)).text
    forms = re.findall(r"<form\b[^>]*>", html)
    # Outside the dialogs, which only the script opens.
    buttons = re.findall(r"<button\b[^>]*type=\"submit\"[^>]*>", re.sub(r"<dialog\b.*?</dialog>", "", html, flags=re.S))

    assert forms
    assert all('method="post"' in form for form in forms), forms
    assert buttons
    assert all(re.search(r"\sdisabled\b", button) for button in buttons), buttons


@pytest.mark.parametrize("path", PAGES)
async def test_a_form_posted_to_a_page_changes_nothing_and_is_not_echoed(client, make_user, path):
    user = await make_user()

    answer = await client.post(path, data={"username": "alice", "password": PASSWORD})

    assert answer.status_code == 405
    assert PASSWORD not in answer.text
    assert "set-cookie" not in answer.headers
    assert await live_sessions(user.id) == 0


async def test_the_api_keeps_its_own_headers(client):
    answer = await client.get("/health")

    assert "content-security-policy" not in answer.headers


async def test_a_password_sign_in_gives_the_script_an_access_token_and_keeps_the_refresh_token_in_a_cookie(
    pages, settings, make_user
):
    user = await make_user()

    answer = await pages.post("/account/session", json=SIGN_IN)

    assert answer.status_code == 200, answer.text
    assert set(answer.json()) == {"access_token", "token_type", "expires_in", "scope"}
    assert answer.headers["cache-control"] == "no-store"
    cookie = cookies_set(answer)["__Host-account_refresh"]
    assert cookie["httponly"] is True
    assert cookie["secure"] is True
    assert cookie["samesite"].lower() == "strict"
    assert cookie["path"] == "/"
    assert "domain" not in cookie
    # As long as the refresh token it holds lives, and no longer.
    assert cookie["max-age"] == str(settings.refresh_token_days * 24 * 60 * 60)
    assert cookie["value"] not in answer.text
    me = await pages.get("/users/me", headers=bearer(answer.json()["access_token"]))
    assert me.json()["id"] == user.id


async def test_the_pages_sign_in_asks_for_me_alone_whatever_else_the_account_holds(pages, make_user):
    user = await make_user(scopes=("me", "users:read", "users:write"))

    answer = await pages.post("/account/session", json=SIGN_IN)

    assert answer.status_code == 200, answer.text
    assert answer.json()["scope"] == "me"
    assert (await pages.get("/users", headers=bearer(answer.json()["access_token"]))).status_code == 403
    assert [row.scope for row in await RefreshToken.filter(user_id=user.id)] == ["me"]


async def test_in_development_over_plain_http_the_cookie_has_no_prefix_and_is_not_secure(settings, db, make_user):
    await make_user()
    app = create_app(settings.model_copy(update={"environment": "development"}))
    transport = httpx2.ASGITransport(app=app)
    headers = {**FROM_PAGES, "Origin": "http://testserver"}
    async with httpx2.AsyncClient(transport=transport, base_url="http://testserver", headers=headers) as browser:
        answer = await browser.post("/account/session", json=SIGN_IN)
        assert answer.status_code == 200, answer.text
        cookie = cookies_set(answer)["account_refresh"]
        assert "secure" not in cookie
        assert cookie["httponly"] is True
        assert cookie["samesite"].lower() == "strict"
        again = await browser.post("/account/session", json={"grant_type": "refresh_token"})
        # Not Secure either when signing out: a browser ignores a Secure cookie sent over plain HTTP.
        out = await browser.delete("/account/session")
    assert again.status_code == 200, again.text
    assert out.status_code == 204
    forgotten = cookies_set(out)["account_refresh"]
    assert (forgotten["max-age"], "secure" in forgotten) == ("0", False)


async def test_the_cookie_keeps_the_page_signed_in_and_is_rotated(pages, make_user):
    await make_user()
    first = refresh_cookie(await pages.post("/account/session", json=SIGN_IN))

    answer = await pages.post("/account/session", json={"grant_type": "refresh_token"})

    assert answer.status_code == 200, answer.text
    second = refresh_cookie(answer)
    assert second != first
    assert (await pages.get("/users/me", headers=bearer(answer.json()["access_token"]))).status_code == 200


async def refresh_holding(pages: httpx2.AsyncClient, token: str) -> httpx2.Response:
    """A page load of a browser whose cookie holds `token`."""
    pages.cookies.clear()
    return await pages.post(
        "/account/session", json={"grant_type": "refresh_token"}, headers={"Cookie": f"__Host-account_refresh={token}"}
    )


async def test_a_reload_that_lost_the_rotated_cookie_stays_signed_in(pages, make_user):
    user = await make_user()
    first = refresh_cookie(await pages.post("/account/session", json=SIGN_IN))
    # The refresh the reload cancelled: the server rotated, the browser never saw the new cookie.
    lost = refresh_cookie(await refresh_holding(pages, first))

    answer = await refresh_holding(pages, first)

    assert answer.status_code == 200, answer.text
    third = refresh_cookie(answer)
    assert third not in (first, lost)
    assert (await pages.get("/users/me", headers=bearer(answer.json()["access_token"]))).status_code == 200
    assert not await SecurityEvent.filter(kind="refresh_reused").exists()
    assert await live_sessions(user.id) == 1


async def test_a_copy_of_a_spent_cookie_taken_for_a_retry_is_caught_when_its_owner_goes_on(pages, make_user):
    user = await make_user()
    first = refresh_cookie(await pages.post("/account/session", json=SIGN_IN))
    owners = refresh_cookie(await refresh_holding(pages, first))
    # A thief replays the spent cookie within the grace: it passes for a lost one.
    stolen = refresh_cookie(await refresh_holding(pages, first))

    answer = await refresh_holding(pages, owners)

    assert answer.status_code == 400
    assert "used before" in answer.json()["error_description"]
    assert await SecurityEvent.filter(kind="refresh_reused", user_id=user.id).count() == 1
    assert await live_sessions(user.id) == 0
    assert (await refresh_holding(pages, stolen)).status_code == 400


async def test_a_spent_cookie_after_the_grace_is_a_reuse_that_ends_the_session(pages, make_user):
    user = await make_user()
    first = refresh_cookie(await pages.post("/account/session", json=SIGN_IN))
    await refresh_holding(pages, first)
    await RefreshToken.filter(used_at__isnull=False).update(used_at=datetime.now(UTC) - timedelta(minutes=1))

    answer = await refresh_holding(pages, first)

    assert answer.status_code == 400
    assert "used before" in answer.json()["error_description"]
    # The refused cookie goes, so that the page does not present it again.
    assert cookies_set(answer)["__Host-account_refresh"]["max-age"] == "0"
    assert await SecurityEvent.filter(kind="refresh_reused", user_id=user.id).count() == 1
    assert await live_sessions(user.id) == 0


async def test_a_spent_cookie_whose_successor_was_used_is_a_reuse_that_ends_the_session(pages, make_user):
    user = await make_user()
    first = refresh_cookie(await pages.post("/account/session", json=SIGN_IN))
    second = refresh_cookie(await refresh_holding(pages, first))
    assert (await refresh_holding(pages, second)).status_code == 200

    answer = await refresh_holding(pages, first)

    assert answer.status_code == 400
    assert "used before" in answer.json()["error_description"]
    assert await SecurityEvent.filter(kind="refresh_reused", user_id=user.id).count() == 1
    assert await live_sessions(user.id) == 0


async def test_a_retry_beside_other_sessions_leaves_them_as_they_are(pages, client, make_user):
    user = await make_user()
    first = refresh_cookie(await pages.post("/account/session", json=SIGN_IN))
    await refresh_holding(pages, first)
    # Two other logins after the lost rotation, newer tokens of other families: one signed out, one not.
    ended, _ = [(await client.post("/auth/token", data=SIGN_IN)).json()["refresh_token"] for _ in range(2)]
    assert (await client.post("/auth/revoke", data={"token": ended})).status_code == 200

    answer = await refresh_holding(pages, first)

    assert answer.status_code == 200, answer.text
    assert await live_sessions(user.id) == 2


async def test_a_session_the_api_opened_has_no_grace_at_the_pages(pages, client, make_user):
    """Only a browser loses a refresh's answer to a reload: an API token spent seconds ago, presented
    as the pages' cookie, is a reuse, and its session ends."""
    user = await make_user()
    first = (await client.post("/auth/token", data=SIGN_IN)).json()["refresh_token"]
    refreshed = await client.post("/auth/token", data={"grant_type": "refresh_token", "refresh_token": first})
    assert refreshed.status_code == 200, refreshed.text

    answer = await refresh_holding(pages, first)

    assert answer.status_code == 400
    assert "used before" in answer.json()["error_description"]
    assert cookies_set(answer)["__Host-account_refresh"]["max-age"] == "0"
    assert await SecurityEvent.filter(kind="refresh_reused", user_id=user.id).count() == 1
    assert await live_sessions(user.id) == 0
    second = {"grant_type": "refresh_token", "refresh_token": refreshed.json()["refresh_token"]}
    assert (await client.post("/auth/token", data=second)).status_code == 400


async def test_a_session_keeps_the_client_it_was_opened_for_through_its_refreshes(pages, client, make_user):
    user = await make_user()
    await refresh_holding(pages, refresh_cookie(await pages.post("/account/session", json=SIGN_IN)))
    first = (await client.post("/auth/token", data=SIGN_IN)).json()["refresh_token"]
    await client.post("/auth/token", data={"grant_type": "refresh_token", "refresh_token": first})

    rows = await RefreshToken.filter(user_id=user.id).order_by("id").values_list("client", flat=True)

    # Each session's spent token and its successor.
    assert rows == ["pages", "pages", "api", "api"]


async def test_a_retry_after_the_cookie_was_signed_out_is_refused(pages, make_user):
    user = await make_user()
    first = refresh_cookie(await pages.post("/account/session", json=SIGN_IN))
    lost = refresh_cookie(await refresh_holding(pages, first))
    pages.cookies.clear()
    signed_out = await pages.delete("/account/session", headers={"Cookie": f"__Host-account_refresh={lost}"})
    assert signed_out.status_code == 204

    answer = await refresh_holding(pages, first)

    assert answer.status_code == 400
    assert await RefreshToken.filter(user_id=user.id).count() == 2
    assert await live_sessions(user.id) == 0


@pytest.mark.parametrize(
    ("on_the_successor", "stamped"),
    [
        # A sign-out racing the rotation: the family revoked, the successor written just after.
        (False, "revoked_at"),
        # The successor spent by a refresh whose own successor is still being written.
        (True, "used_at"),
    ],
    ids=["family-revoked-as-the-successor-was-written", "successor-spent-before-its-own-was-written"],
)
async def test_a_retry_caught_in_a_race_is_a_reuse_that_ends_the_session(pages, make_user, on_the_successor, stamped):
    user = await make_user()
    first = refresh_cookie(await pages.post("/account/session", json=SIGN_IN))
    await refresh_holding(pages, first)
    await RefreshToken.filter(used_at__isnull=on_the_successor).update(**{stamped: datetime.now(UTC)})

    answer = await refresh_holding(pages, first)

    assert answer.status_code == 400
    assert "used before" in answer.json()["error_description"]
    assert await RefreshToken.filter(user_id=user.id).count() == 2
    assert not await RefreshToken.filter(user_id=user.id, revoked_at__isnull=True).exists()


async def test_signing_in_again_replaces_the_browsers_session(pages, make_user):
    user = await make_user()
    await pages.post("/account/session", json=SIGN_IN)

    answer = await pages.post("/account/session", json=SIGN_IN)

    assert answer.status_code == 200
    assert await live_sessions(user.id) == 1


async def test_a_wrong_password_is_refused_in_words_and_sets_no_cookie(pages, make_user):
    await make_user()

    answer = await pages.post("/account/session", json={**SIGN_IN, "password": "wrong password here"})

    assert answer.status_code == 400
    assert answer.json()["error_description"] == "The username or password is incorrect"
    assert "set-cookie" not in answer.headers


async def test_a_wrong_password_on_a_signed_in_browser_leaves_its_session_alone(pages, make_user):
    user = await make_user()
    await pages.post("/account/session", json=SIGN_IN)

    answer = await pages.post("/account/session", json={**SIGN_IN, "password": "wrong password here"})

    assert answer.status_code == 400
    assert "set-cookie" not in answer.headers
    assert await live_sessions(user.id) == 1
    assert (await pages.post("/account/session", json={"grant_type": "refresh_token"})).status_code == 200


async def test_without_a_cookie_the_page_is_told_it_is_signed_out_and_nothing_changes(pages, client, make_user):
    await make_user()
    # Another browser's session, which a refresh of no cookie must leave as it is.
    assert (await client.post("/auth/token", data=SIGN_IN)).status_code == 200
    before = await every_row()

    answer = await pages.post("/account/session", json={"grant_type": "refresh_token"})

    # Not a refusal: a browser logs every refused request as an error, and this one comes at each
    # signed-out visit to the account page.
    assert answer.status_code == 204
    assert answer.content == b""
    assert answer.headers["cache-control"] == "no-store"
    assert "set-cookie" not in answer.headers
    assert await every_row() == before


@pytest.mark.parametrize(
    ("cookie", "description"),
    [("not-a-refresh-token", "The refresh token is invalid, expired or revoked"), ("", "You are not signed in")],
    ids=["of-no-session", "empty"],
)
async def test_a_cookie_that_holds_no_session_is_still_refused_and_forgotten(pages, make_user, cookie, description):
    await make_user()
    before = await every_row()

    answer = await refresh_holding(pages, cookie)

    assert answer.status_code == 400
    assert answer.json() == {"error": "invalid_grant", "error_description": description}
    assert cookies_set(answer)["__Host-account_refresh"]["max-age"] == "0"
    assert await every_row() == before


@pytest.mark.parametrize(
    "headers",
    [
        {"Origin": "https://evil.example", "X-Account-Pages": "1"},
        {"Origin": "null", "X-Account-Pages": "1"},
        {"Origin": "http://testserver", "X-Account-Pages": "1"},
        {"Origin": APP_URL},
        {"X-Account-Pages": "1"},
    ],
    ids=["other-site", "opaque-origin", "plain-http", "no-custom-header", "no-origin"],
)
async def test_a_sign_in_from_anywhere_but_the_pages_is_refused_and_changes_nothing(app, make_user, headers):
    user = await make_user()
    transport = httpx2.ASGITransport(app=app)
    async with httpx2.AsyncClient(transport=transport, base_url=APP_URL) as attacker:
        answer = await attacker.post("/account/session", json=SIGN_IN, headers=headers)

    assert answer.status_code == 403
    assert answer.json() == {"detail": "Only this service's own pages may do this"}
    assert "set-cookie" not in answer.headers
    assert await live_sessions(user.id) == 0


async def test_a_cross_site_form_post_is_refused(app, make_user):
    user = await make_user()
    transport = httpx2.ASGITransport(app=app)
    async with httpx2.AsyncClient(transport=transport, base_url=APP_URL) as attacker:
        answer = await attacker.post("/account/session", data=SIGN_IN, headers={"Origin": "https://evil.example"})

    assert answer.status_code == 403
    assert await live_sessions(user.id) == 0


async def test_another_site_cannot_sign_the_browser_out_or_spend_its_cookie(app, pages, make_user):
    user = await make_user()
    await pages.post("/account/session", json=SIGN_IN)
    transport = httpx2.ASGITransport(app=app)
    async with httpx2.AsyncClient(transport=transport, base_url=APP_URL, cookies=pages.cookies) as attacker:
        refused = await attacker.delete("/account/session", headers={"Origin": "https://evil.example"})
        spent = await attacker.post(
            "/account/session",
            json={"grant_type": "refresh_token"},
            headers={"Origin": "https://evil.example", "X-Account-Pages": "1"},
        )

    assert refused.status_code == 403
    assert spent.status_code == 403
    assert await live_sessions(user.id) == 1
    assert (await pages.post("/account/session", json={"grant_type": "refresh_token"})).status_code == 200


async def test_signing_out_ends_the_session_and_forgets_the_cookie(pages, make_user):
    user = await make_user()
    await pages.post("/account/session", json=SIGN_IN)

    answer = await pages.delete("/account/session")

    assert answer.status_code == 204
    assert answer.headers["cache-control"] == "no-store"
    cookie = cookies_set(answer)["__Host-account_refresh"]
    assert cookie["max-age"] == "0"
    # Written as it was set: a __Host- cookie that a browser would otherwise refuse to replace.
    assert (cookie["path"], cookie["secure"], cookie["httponly"], cookie["samesite"].lower()) == (
        "/",
        True,
        True,
        "strict",
    )
    assert await live_sessions(user.id) == 0
    # The browser forgot the cookie: it is signed out.
    assert (await pages.post("/account/session", json={"grant_type": "refresh_token"})).status_code == 204


async def test_a_device_cookie_from_an_earlier_sign_in_gets_the_browser_through_a_lockout(
    pages, client, settings, make_user
):
    await make_user()
    # The pages' browser is 127.0.0.1; the attacker's four addresses come through it as a proxy.
    settings.trusted_proxies = [ip_network("127.0.0.0/8")]
    first = await pages.post("/account/session", json=SIGN_IN)
    device = cookies_set(first)["__Host-account_device"]
    signed_out = await pages.delete("/account/session")
    wrong = {**SIGN_IN, "grant_type": "password", "password": "not the password at all"}
    flood = [
        (await client.post("/auth/token", data=wrong, headers={"X-Forwarded-For": f"203.0.113.{number}"})).status_code
        for _ in range(6)
        for number in range(1, 5)
    ]

    again = await pages.post("/account/session", json=SIGN_IN)
    pages.cookies.clear()
    elsewhere = await pages.post("/account/session", json=SIGN_IN)

    assert (device["httponly"], device["secure"], device["samesite"].lower(), device["path"]) == (
        True,
        True,
        "strict",
        "/",
    )
    assert device["max-age"] == str(365 * 24 * 60 * 60)
    assert device["value"] not in first.text
    # Signing out keeps it: it says that this browser signed in before, not that it is signed in.
    assert "__Host-account_device" not in cookies_set(signed_out)
    assert flood == [400] * 20 + [429] * 4
    assert again.status_code == 200, again.text
    assert set(cookies_set(again)) == {"__Host-account_refresh", "__Host-account_device"}
    assert cookies_set(again)["__Host-account_device"]["value"] != device["value"]
    # A browser without it is held back by the account's lockout.
    assert elsewhere.status_code == 429
    assert elsewhere.json()["error_description"].startswith("Too many failed logins: try again in ")
    assert "set-cookie" not in elsewhere.headers
    assert await LoginAttempt.filter(kind=Attempt.PASSWORD).count() == 20


async def test_a_refresh_refused_as_one_too_many_keeps_the_cookie_for_later(pages, settings, make_user):
    user = await make_user()
    settings.refreshes_per_session_per_hour = 1
    await pages.post("/account/session", json=SIGN_IN)
    assert (await pages.post("/account/session", json={"grant_type": "refresh_token"})).status_code == 200

    answer = await pages.post("/account/session", json={"grant_type": "refresh_token"})

    assert answer.status_code == 429
    assert answer.json()["error_description"].startswith("Too many refreshes of this session: try again in ")
    assert "set-cookie" not in answer.headers
    assert await live_sessions(user.id) == 1
    await LoginAttempt.filter(kind="refresh").update(attempted_at=datetime.now(UTC) - timedelta(minutes=61))
    assert (await pages.post("/account/session", json={"grant_type": "refresh_token"})).status_code == 200
{%- if cookiecutter.social_login != "none" %}
{%- set provider = "google" if "google" in cookiecutter.social_login else "github" %}


async def sign_in_at_provider(pages: httpx2.AsyncClient, fake: FakeProvider, account: Account) -> httpx2.Response:
    """The pages' provider button, the provider (signed in as `account`), and the callback."""
    start = await pages.get(f"/account/sign-in/{fake.name}")
    assert start.status_code == 303, start.text
    leave = await pages.get(start.headers["location"])
    assert leave.status_code == 302, leave.text
    async with httpx2.AsyncClient(cookies={fake.cookie: account.subject}) as provider_side:
        back = (await provider_side.get(leave.headers["location"])).headers["location"]
    return await pages.get(back)


async def test_a_provider_button_keeps_its_pkce_verifier_in_an_httponly_cookie(pages, {{ provider }}):
    start = await pages.get("/account/sign-in/{{ provider }}")

    assert start.status_code == 303
    cookie = cookies_set(start)["__Host-account_login"]
    assert cookie["httponly"] is True
    assert cookie["secure"] is True
    assert cookie["samesite"].lower() == "lax"
    assert cookie["path"] == "/"
    assert cookie["max-age"] == "600"
    target = urlsplit(start.headers["location"])
    assert target.path == "/auth/{{ provider }}/login"
    query = {name: values[0] for name, values in parse_qs(target.query).items()}
    # Only the verifier's SHA-256 leaves in the URL.
    digest = hashlib.sha256(cookie["value"].encode()).digest()
    assert query == {
        "code_challenge": base64.urlsafe_b64encode(digest).rstrip(b"=").decode(),
        "code_challenge_method": "S256",
        "scope": "me",
    }


async def test_a_re_authentication_asks_the_provider_to_sign_the_person_in_again(pages, {{ provider }}):
    start = await pages.get("/account/sign-in/{{ provider }}", params={"reauthenticate": "true"})

    target = urlsplit(start.headers["location"])
    assert parse_qs(target.query)["reauthenticate"] == ["true"]
    leave = await pages.get(start.headers["location"])
    assert leave.status_code == 302, leave.text
    assert {{ provider }}.authorize_requests == []  # not there yet
    async with httpx2.AsyncClient() as provider_side:
        await provider_side.get(leave.headers["location"])
    asked = {{ provider }}.authorize_requests[0]
{%- if provider == "google" %}
    assert (asked["prompt"], asked["max_age"]) == ("login", "0")
{%- else %}
    assert asked["prompt"] == "select_account"
{%- endif %}


async def test_a_provider_sign_in_lands_on_the_account_page_with_a_code_that_only_this_browser_redeems(
    app, pages, make_user, {{ provider }}
):
    user = await make_user(scopes=("me", "users:read"))
    account = {{ provider }}.add(Account("7", "alice@example.com", login="alice"))
    await Identity.create(user=user, provider="{{ provider }}", subject=account.subject, email=account.email)

    landed = await sign_in_at_provider(pages, {{ provider }}, account)

    assert landed.status_code == 303, landed.text
    target = urlsplit(landed.headers["location"])
    assert (target.path, target.query) == ("/account/", "")
    code = parse_qs(target.fragment)["code"][0]
    transport = httpx2.ASGITransport(app=app)
    async with httpx2.AsyncClient(transport=transport, base_url=APP_URL, headers=FROM_PAGES) as other_browser:
        refused = await other_browser.post("/account/session", json={"grant_type": "authorization_code", "code": code})
    assert refused.status_code == 400
    assert refused.json() == {
        "error": "invalid_grant",
        "error_description": "This sign-in was started in another browser or too long ago: start again",
    }
    answer = await pages.post("/account/session", json={"grant_type": "authorization_code", "code": code})
    assert answer.status_code == 200, answer.text
    cookies = cookies_set(answer)
    assert cookies["__Host-account_login"]["max-age"] == "0"
    assert cookies["__Host-account_refresh"]["httponly"] is True
    me = await pages.get("/users/me", headers=bearer(answer.json()["access_token"]))
    assert me.json()["id"] == user.id
    # The pages need `me` alone, whatever else the account holds.
    assert answer.json()["scope"] == "me"
    assert (await pages.get("/users", headers=bearer(answer.json()["access_token"]))).status_code == 403
{%- endif %}
