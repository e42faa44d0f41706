"""Log in, sign up, link and unlink through every provider, over the app's HTTP interface."""

import asyncio
from datetime import UTC, datetime, timedelta
from urllib.parse import parse_qs, parse_qsl, urlencode, urlsplit, urlunsplit

import pytest
from tortoise.exceptions import IntegrityError

from {{ cookiecutter.package_name }}.main import create_app
from {{ cookiecutter.package_name }}.models import SecurityEvent, User
{%- if cookiecutter.allow_signup %}
from {{ cookiecutter.package_name }}.scopes import DEFAULT_SCOPES, SCOPES
{%- endif %}
from {{ cookiecutter.package_name }}.social.clients import PROVIDER_NAMES
from {{ cookiecutter.package_name }}.social.models import Identity, LoginState

from ..conftest import bearer
{%- if cookiecutter.allow_signup %}
from ..test_reauthentication import claims
{%- endif %}
from .conftest import Browser, pkce
from fake_providers.provider import Account

FRONTEND = "https://app.example.com"
LABELS = {"google": "Google", "github": "GitHub"}


async def counts() -> tuple[int, int]:
    return await User.all().count(), await Identity.all().count()


async def password_user_token(make_user, get_token, username: str = "alice", **fields) -> tuple[User, str]:
    user = await make_user(username, **fields)
    return user, await get_token(username)


def with_settings(settings, **changes):
    return create_app(settings.model_copy(update=changes))


def email_already_used(provider) -> dict[str, str]:
    return {
        "error": "access_denied",
        "error_description": (
            f"An account already uses this email: log in to it, then link {LABELS[provider.name]} from there"
        ),
    }
{%- if cookiecutter.allow_signup %}


async def test_first_login_makes_an_account_without_a_password(browser, provider, db):
    account = provider.add(Account("1001", "Ada@example.com", login="ada"))

    answer = await browser.log_in(provider, account)

    assert answer.status_code == 200, answer.text
    assert answer.headers["cache-control"] == "no-store"
    body = answer.json()
    assert body["token_type"] == "bearer"
    assert body["scope"] == " ".join(DEFAULT_SCOPES)
    assert claims(body["access_token"])["amr"] == ["fed"]
    identity = await Identity.get(subject="1001").prefetch_related("user")
    user = identity.user
    assert user.password_hash is None
    assert user.email == "Ada@example.com"
    assert user.scopes == list(DEFAULT_SCOPES)
    assert user.last_login_at is not None
    assert (identity.provider, identity.email, identity.email_verified) == (provider.name, "Ada@example.com", True)
    assert await LoginState.all().count() == 0


async def test_logging_in_again_reaches_the_same_user(browser, provider, db):
    account = provider.add(Account("1002", "grace@example.com", login="grace"))

    first = await browser.log_in(provider, account)
    account.email = "grace@new.example.com"
    second = await browser.log_in(provider, account)

    assert first.status_code == second.status_code == 200
    assert await counts() == (1, 1)
    identity = await Identity.get(subject="1002")
    assert identity.email == "grace@new.example.com"


async def test_a_new_username_never_takes_an_existing_one(browser, provider, make_user):
    await make_user("grace")
    account = provider.add(Account("1003", "grace@example.com", login="grace"))

    answer = await browser.log_in(provider, account)

    assert answer.status_code == 200, answer.text
    identity = await Identity.get(subject="1003").prefetch_related("user")
    assert identity.user.username.startswith("grace-")
    assert await User.all().count() == 2


async def test_an_email_the_provider_did_not_verify_is_not_taken_as_the_users(browser, provider, db):
    account = provider.add(Account("1004", "unverified@example.com", email_verified=False, login="carol"))

    answer = await browser.log_in(provider, account)

    assert answer.status_code == 200, answer.text
    identity = await Identity.get(subject="1004").prefetch_related("user")
    assert identity.user.email is None
    assert (identity.email, identity.email_verified) == ("unverified@example.com", False)
{%- else %}


async def test_first_login_is_refused_when_signup_is_closed(browser, provider, db):
    account = provider.add(Account("1001", "ada@example.com", login="ada"))

    answer = await browser.log_in(provider, account)

    assert answer.status_code == 403
    assert answer.json() == {
        "error": "access_denied",
        "error_description": (
            f"No account is linked to this {LABELS[provider.name]} account: log in another way and link it first"
        ),
    }
    assert await counts() == (0, 0)
{%- endif %}


async def test_password_and_every_provider_reach_the_same_user(browser, make_user, get_token, request):
    user, token = await password_user_token(make_user, get_token)
    providers = [request.getfixturevalue(name) for name in PROVIDER_NAMES]
    accounts = {fake.name: fake.add(Account("2001", "alice@example.com", login="alice")) for fake in providers}

    for fake in providers:
        linked = await browser.link(fake, token, accounts[fake.name])
        assert linked.status_code == 200, linked.text
    logins = [await browser.log_in(fake, accounts[fake.name]) for fake in providers]

    for login in logins:
        assert login.status_code == 200, login.text
        me = await browser.app.get("/users/me", headers=bearer(login.json()["access_token"]))
        assert me.json()["id"] == user.id
    me = (await browser.app.get("/users/me", headers=bearer(token))).json()
    assert me["has_password"] is True
    assert sorted(identity["provider"] for identity in me["identities"]) == sorted(fake.name for fake in providers)
    assert set(me["identities"][0]) == {"id", "provider", "email", "email_verified", "linked_at", "last_login_at"}
    assert await counts() == (1, len(providers))


async def test_the_scope_asked_at_login_narrows_the_token(browser, provider, make_user, get_token):
    _, token = await password_user_token(make_user, get_token, scopes=("me", "users:read"))
    account = provider.add(Account("2002", "alice@example.com", login="alice"))
    await browser.link(provider, token, account)

    answer = await browser.log_in(provider, account, scope="users:read")

    assert answer.status_code == 200, answer.text
    assert answer.json()["scope"] == "users:read"


async def test_an_unknown_scope_is_refused_before_leaving(browser, provider, db):
    answer = await browser.app.get(f"/auth/{provider.name}/login", params={"scope": "me admin:everything"})

    assert answer.status_code == 400
    assert answer.json() == {"error": "invalid_scope", "error_description": "Unknown scope: admin:everything"}
    assert await LoginState.all().count() == 0


async def test_a_deactivated_user_is_refused(browser, provider, link_to_new_user):
    account = provider.add(Account("2003", "alice@example.com", login="alice"))
    user = await link_to_new_user(browser, provider, account)
    user.is_active = False
    await user.save(update_fields=["is_active"])

    answer = await browser.log_in(provider, account)

    assert answer.status_code == 403
    assert answer.json() == {"error": "access_denied", "error_description": "This account is deactivated"}


@pytest.mark.parametrize(
    ("query", "problem"),
    [
        ("", "The callback needs both code and state"),
        ("?code=abc", "The callback needs both code and state"),
        ("?state=abc", "The callback needs both code and state"),
        ("?code=abc&state=forged", "This login is unknown, already used, expired or from another browser: start again"),
    ],
)
async def test_a_callback_without_a_valid_state_changes_nothing(browser, provider, db, query, problem):
    await browser.start_login(provider)

    answer = await browser.app.get(f"/auth/{provider.name}/callback{query}")

    assert answer.status_code == 400
    assert answer.headers["cache-control"] == "no-store"
    assert answer.json() == {"error": "invalid_request", "error_description": problem}
    assert await counts() == (0, 0)
    assert await LoginState.all().count() == 1


async def test_a_provider_error_other_than_a_refusal_is_a_clear_refusal(browser, provider, db):
    await browser.start_login(provider)

    answer = await browser.app.get(f"/auth/{provider.name}/callback", params={"error": "server_error", "state": "x"})

    assert answer.status_code == 400
    assert answer.json() == {
        "error": "invalid_request",
        "error_description": f"{LABELS[provider.name]} did not authorize the login",
    }
    assert await counts() == (0, 0)
    assert await LoginState.all().count() == 1


async def test_a_replayed_state_is_refused(browser, provider, link_to_new_user):
    account = provider.add(Account("3001", "alice@example.com", login="alice"))
    await link_to_new_user(browser, provider, account)
    back = await browser.visit_provider(await browser.start_login(provider), account)

    first = await browser.app.get(back)
    replay = await browser.app.get(back)

    assert first.status_code == 200
    assert replay.status_code == 400
    assert "already used" in replay.json()["error_description"]


async def test_of_two_callbacks_racing_with_one_state_only_one_goes_on(browser, provider, link_to_new_user):
    account = provider.add(Account("3004", "alice@example.com", login="alice"))
    await link_to_new_user(browser, provider, account)
    back = await browser.visit_provider(await browser.start_login(provider), account)

    answers = await asyncio.gather(browser.app.get(back), browser.app.get(back))

    # The loser stops at its state, before redeeming the code at the provider a second time.
    assert sorted(answer.status_code for answer in answers) == [200, 400]
    [refused] = [answer for answer in answers if answer.status_code == 400]
    assert "already used" in refused.json()["error_description"]
    assert await LoginState.all().count() == 0


async def test_a_state_from_another_browser_is_refused(browser, other_browser, provider, link_to_new_user):
    account = provider.add(Account("3002", "alice@example.com", login="alice"))
    await link_to_new_user(browser, provider, account)
    back = await browser.visit_provider(await browser.start_login(provider), account)
    await other_browser.start_login(provider)  # a session of its own, with another browser id

    stolen = await other_browser.app.get(back)
    own = await browser.app.get(back)

    assert stolen.status_code == 400
    assert "from another browser" in stolen.json()["error_description"]
    assert own.status_code == 200


async def test_an_expired_state_is_refused(browser, provider, link_to_new_user):
    account = provider.add(Account("3003", "alice@example.com", login="alice"))
    await link_to_new_user(browser, provider, account)
    back = await browser.visit_provider(await browser.start_login(provider), account)
    await LoginState.all().update(expires_at=datetime.now(UTC) - timedelta(seconds=1))

    answer = await browser.app.get(back)

    assert answer.status_code == 400
    assert "expired" in answer.json()["error_description"]


async def test_starting_a_login_clears_expired_states(browser, provider, db):
    await browser.start_login(provider)
    await LoginState.all().update(expires_at=datetime.now(UTC) - timedelta(seconds=1))

    await browser.start_login(provider)

    assert await LoginState.filter(expires_at__lt=datetime.now(UTC)).count() == 0
    assert await LoginState.all().count() == 1
{%- if cookiecutter.social_login == "google_and_github" %}


async def test_a_subject_is_only_ever_the_same_account_at_the_same_provider(
    browser, google, github, make_user, get_token
):
    user, token = await password_user_token(make_user, get_token)
    assert (await browser.link(google, token, google.add(Account("3006", "alice@example.com")))).status_code == 200

    # Another person, whose name is taken as well: the first try at a new account fails.
    answer = await browser.log_in(github, github.add(Account("3006", "mallory@example.com", login="alice")))

{%- if cookiecutter.allow_signup %}
    # A new account of their own.
    assert answer.status_code == 200
    assert (await Identity.get(provider="github", subject="3006")).user_id != user.id
{%- else %}
    # Another person, and sign-up is closed.
    assert answer.status_code == 403
{%- endif %}
    assert await Identity.filter(user=user).count() == 1


async def test_a_state_comes_back_only_to_the_provider_it_left_for(browser, google, github, db):
    account = google.add(Account("3005", "alice@example.com", login="alice"))
    back = await browser.visit_provider(await browser.start_login(google), account)

    answer = await browser.app.get(back.replace("/auth/google/", "/auth/github/"))

    assert answer.status_code == 400
    assert "unknown" in answer.json()["error_description"]
    assert await LoginState.all().count() == 1
{%- endif %}


async def test_a_code_the_provider_refuses_is_invalid_grant(browser, provider, db):
    account = provider.add(Account("3007", "eve@example.com", login="eve"))
    back = await browser.visit_provider(await browser.start_login(provider), account)
    forged = urlsplit(back)._replace(query=urlencode({**dict(parse_qsl(urlsplit(back).query)), "code": "forged"}))

    answer = await browser.app.get(urlunsplit(forged))

    assert answer.status_code == 400
    assert answer.json() == {
        "error": "invalid_grant",
        "error_description": f"{LABELS[provider.name]} refused the login (invalid_grant)",
    }
    assert await counts() == (0, 0)


async def test_declining_at_the_provider_is_a_clear_refusal(browser, provider, db):
    back = await browser.visit_provider(await browser.start_login(provider), None)

    answer = await browser.app.get(back)

    assert parse_qs(urlsplit(back).query)["error"] == ["access_denied"]
    assert answer.status_code == 400
    assert answer.json()["error"] == "access_denied"
    assert "cancelled" in answer.json()["error_description"]
    assert await counts() == (0, 0)


async def test_an_unknown_provider_is_not_found(browser, db):
    answer = await browser.app.get("/auth/myspace/login")

    assert answer.status_code == 404
    assert answer.json() == {
        "error": "invalid_request",
        "error_description": f"Unknown provider; this service offers: {', '.join(PROVIDER_NAMES)}",
    }


async def test_an_unconfigured_provider_names_the_variables_to_set(settings, provider, db):
    app = with_settings(settings, **{f"{provider.name}_client_id": ""})
    browser = Browser(app)

    login = await browser.app.get(f"/auth/{provider.name}/login")
    health = await browser.app.get("/health")
    await browser.close()

    assert login.status_code == 503
    variables = f"{provider.name.upper()}_CLIENT_ID and {provider.name.upper()}_CLIENT_SECRET"
    assert login.json() == {
        "error": "temporarily_unavailable",
        "error_description": f"{LABELS[provider.name]} login is not configured: set {variables}",
    }
    assert health.status_code == 200


@pytest.mark.parametrize(
    ("failure", "message"), [("status", "answered with an error"), ("delay", "did not answer within 0.5 seconds")]
)
async def test_a_failing_provider_is_a_502_that_changes_nothing(settings, provider, db, failure, message):
    # Only the slow provider meets the short timeout: an error answer on a busy machine may take longer.
    timeout = 0.5 if failure == "delay" else settings.provider_timeout_seconds
    browser = Browser(with_settings(settings, provider_timeout_seconds=timeout))
    account = provider.add(Account("4001", "alice@example.com", login="alice"))
    back = await browser.visit_provider(await browser.start_login(provider), account)
    if failure == "status":
        provider.token_status = 503
    else:
        provider.token_delay = 2

    answer = await browser.app.get(back)
    await browser.close()

    assert answer.status_code == 502
    assert answer.json() == {
        "error": "temporarily_unavailable",
        "error_description": f"{LABELS[provider.name]} {message}: try again later",
    }
    assert "Traceback" not in answer.text
    assert await counts() == (0, 0)


async def test_with_a_frontend_the_browser_lands_with_a_code_and_no_token(
    browser, settings, provider, link_to_new_user
):
    account = provider.add(Account("5001", "alice@example.com", login="alice"))
    await link_to_new_user(browser, provider, account)
    with_frontend = Browser(with_settings(settings, frontend_url=f"{FRONTEND}/signed-in"))

    answer = await with_frontend.log_in(provider, account, **pkce()[1])
    await with_frontend.close()

    assert answer.status_code == 303
    assert answer.headers["cache-control"] == "no-store"
    target = urlsplit(answer.headers["location"])
    assert (target.scheme, target.netloc, target.path, target.query) == ("https", "app.example.com", "/signed-in", "")
    assert list(parse_qs(target.fragment)) == ["code"]


async def test_with_a_frontend_a_link_lands_there_too(settings, provider, make_user, get_token):
    await make_user()
    with_frontend = Browser(with_settings(settings, frontend_url=FRONTEND))
    account = provider.add(Account("5003", "alice@example.com", login="alice"))

    answer = await with_frontend.link(provider, await get_token(), account)
    await with_frontend.close()

    assert answer.status_code == 303
    assert answer.headers["location"] == f"{FRONTEND}#linked={provider.name}"
    assert await Identity.filter(subject="5003").count() == 1


@pytest.mark.parametrize(
    ("next_target", "landing"),
    [
        ("/settings/accounts?tab=2", f"{FRONTEND}/settings/accounts?tab=2"),
        (f"{FRONTEND}/welcome", f"{FRONTEND}/welcome"),
        ("https://admin.example.com/back", "https://admin.example.com/back"),
        # A CORS origin of a frontend in development.
        ("http://localhost:5173/back", "http://localhost:5173/back"),
    ],
)
async def test_next_is_honoured_on_trusted_origins(browser, settings, provider, link_to_new_user, next_target, landing):
    account = provider.add(Account("5002", "alice@example.com", login="alice"))
    await link_to_new_user(browser, provider, account)
    cors_origins = ["https://admin.example.com", "http://localhost:5173"]
    app = with_settings(settings, frontend_url=FRONTEND, cors_origins=cors_origins)
    with_frontend = Browser(app)

    answer = await with_frontend.log_in(provider, account, next=next_target, **pkce()[1])
    await with_frontend.close()

    assert answer.status_code == 303
    assert answer.headers["location"].partition("#")[0] == landing


async def test_a_refusal_after_the_provider_lands_on_next(browser, settings, provider, link_to_new_user):
    account = provider.add(Account("5003", "alice@example.com", login="alice"))
    user = await link_to_new_user(browser, provider, account)
    await User.filter(id=user.id).update(is_active=False)
    with_frontend = Browser(with_settings(settings, frontend_url=FRONTEND))

    answer = await with_frontend.log_in(provider, account, next="/after", **pkce()[1])
    await with_frontend.close()

    assert answer.status_code == 303
    target = urlsplit(answer.headers["location"])
    assert target._replace(fragment="").geturl() == f"{FRONTEND}/after"
    assert parse_qs(target.fragment) == {
        "error": ["access_denied"],
        "error_description": ["This account is deactivated"],
    }


@pytest.mark.parametrize(
    "next_target",
    [
        "https://evil.example/",
        "//evil.example/steal",
        "https://app.example.com@evil.example/",
        "http://app.example.com/",
        "javascript:alert(1)",
        "/\\evil.example",
        "/ok\r\nSet-Cookie: x=y",
        "/ok\tSet-Cookie:x=y",
        "/two words",
        "http://[",
        "https://app.example.com\uff03@evil.example/",
        "https:evil.example",
        "settings",
    ],
)
async def test_next_elsewhere_is_refused_before_leaving(settings, provider, db, next_target):
    browser = Browser(with_settings(settings, frontend_url=FRONTEND))

    answer = await browser.app.get(f"/auth/{provider.name}/login", params={"next": next_target})
    await browser.close()

    assert answer.status_code == 400
    assert answer.json() == {
        "error": "invalid_request",
        "error_description": "next must be a path, or a URL on FRONTEND_URL's origin or CORS_ORIGINS",
    }
    assert await LoginState.all().count() == 0


async def test_next_without_a_frontend_is_refused(browser, provider, db):
    answer = await browser.app.get(f"/auth/{provider.name}/login", params={"next": "/anywhere"})

    assert answer.status_code == 400
    assert answer.json() == {"error": "invalid_request", "error_description": "next needs FRONTEND_URL to be set"}


@pytest.mark.parametrize("next_target", ["https://evil.example/", "//evil.example/steal", "javascript:alert(1)"])
async def test_next_elsewhere_is_refused_before_linking(settings, provider, make_user, get_token, next_target):
    _, token = await password_user_token(make_user, get_token)
    browser = Browser(with_settings(settings, frontend_url=FRONTEND))

    answer = await browser.app.post(f"/auth/{provider.name}/link", params={"next": next_target}, headers=bearer(token))
    await browser.close()

    assert answer.status_code == 400
    assert answer.json() == {
        "error": "invalid_request",
        "error_description": "next must be a path, or a URL on FRONTEND_URL's origin or CORS_ORIGINS",
    }
    assert await LoginState.all().count() == 0


async def test_the_session_cookie_is_secure_httponly_and_lax(browser, provider, db):
    answer = await browser.app.get(f"/auth/{provider.name}/login")

    cookie = answer.headers["set-cookie"]
    # The __Host- prefix: browsers take it only from HTTPS, for the whole host, from no other subdomain.
    assert cookie.startswith("__Host-login_session=")
    attributes = {part.strip().lower() for part in cookie.split(";")}
    assert {"secure", "httponly", "samesite=lax", "path=/"} <= attributes
    assert not any(attribute.startswith("domain=") for attribute in attributes)


async def test_in_development_the_session_cookie_also_travels_over_http(settings, provider, db):
    app = with_settings(settings, environment="development")
    browser = Browser(app)

    answer = await browser.app.get(f"/auth/{provider.name}/login")
    await browser.close()

    cookie = answer.headers["set-cookie"]
    assert cookie.startswith("login_session=")
    assert "secure" not in cookie.lower()


async def test_linking_attaches_the_account_once(browser, provider, make_user, get_token):
    user, token = await password_user_token(make_user, get_token)
    account = provider.add(Account("6001", "alice@example.com", login="alice"))

    first = await browser.link(provider, token, account)
    again = await browser.link(provider, token, account)

    assert first.status_code == again.status_code == 200
    assert first.headers["cache-control"] == "no-store"
    assert first.json()["provider"] == provider.name
    assert first.json()["id"] == again.json()["id"]
    assert await Identity.filter(user=user).count() == 1


async def test_linking_an_account_of_another_user_is_refused_and_moves_nothing(
    browser, other_browser, provider, make_user, get_token
):
    owner, owner_token = await password_user_token(make_user, get_token, "owner")
    _, thief_token = await password_user_token(make_user, get_token, "thief")
    account = provider.add(Account("6002", "owner@example.com", login="owner"))
    await browser.link(provider, owner_token, account)

    answer = await other_browser.link(provider, thief_token, account)

    assert answer.status_code == 409
    assert answer.json() == {
        "error": "access_denied",
        "error_description": f"This {LABELS[provider.name]} account is linked to another user",
    }
    assert (await Identity.get(subject="6002")).user_id == owner.id


async def test_linking_needs_a_bearer_token(browser, provider, db):
    answer = await browser.app.post(f"/auth/{provider.name}/link")

    assert answer.status_code == 401
    assert await LoginState.all().count() == 0


async def test_a_link_started_in_one_browser_cannot_finish_in_another(
    browser, other_browser, provider, make_user, get_token
):
    user, token = await password_user_token(make_user, get_token)
    account = provider.add(Account("6003", "victim@example.com", login="victim"))
    # The attacker starts linking to their own account and sends the link to the victim.
    authorization_url = await browser.start_link(provider, token)
    await other_browser.start_login(provider)  # the victim's browser has a session of its own
    back = await other_browser.visit_provider(authorization_url, account)

    answer = await other_browser.app.get(back)

    assert answer.status_code == 400
    assert await Identity.filter(user=user).count() == 0


async def test_a_user_deactivated_while_linking_gets_no_link(browser, provider, make_user, get_token):
    user, token = await password_user_token(make_user, get_token)
    account = provider.add(Account("6005", "alice@example.com", login="alice"))
    back = await browser.visit_provider(await browser.start_link(provider, token), account)
    user.is_active = False
    await user.save(update_fields=["is_active"])

    answer = await browser.app.get(back)

    assert answer.status_code == 403
    assert answer.json()["error_description"] == "This account is deactivated"
    assert await Identity.filter(user=user).count() == 0


async def test_two_users_racing_to_link_one_account_exactly_one_wins(app, provider, make_user, get_token):
    account = provider.add(Account("6004", "shared@example.com", login="shared"))
    browsers = [Browser(app), Browser(app)]
    callbacks = []
    for number, browser in enumerate(browsers):
        _, token = await password_user_token(make_user, get_token, f"racer{number}")
        callbacks.append(await browser.visit_provider(await browser.start_link(provider, token), account))

    answers = await asyncio.gather(*(browser.app.get(back) for browser, back in zip(browsers, callbacks, strict=True)))
    for browser in browsers:
        await browser.close()

    assert sorted(answer.status_code for answer in answers) == [200, 409]
    assert await Identity.filter(subject="6004").count() == 1


async def test_unlinking(browser, provider, make_user, get_token):
    user, token = await password_user_token(make_user, get_token)
    account = provider.add(Account("7001", "alice@example.com", login="alice"))
    identity_id = (await browser.link(provider, token, account)).json()["id"]

    answer = await browser.app.delete(f"/users/me/identities/{identity_id}", headers=bearer(token))

    assert answer.status_code == 204
    assert await Identity.filter(user=user).count() == 0


async def test_unlinking_one_of_two_accounts_keeps_the_other(browser, provider, make_user, get_token):
    user, token = await password_user_token(make_user, get_token)
    first, second = (provider.add(Account(subject, None, login="alice")) for subject in ("7004", "7005"))
    kept = (await browser.link(provider, token, first)).json()["id"]
    dropped = (await browser.link(provider, token, second)).json()["id"]
    user.password_hash = None  # the other linked account is now the only other way in
    await user.save(update_fields=["password_hash"])

    answer = await browser.app.delete(f"/users/me/identities/{dropped}", headers=bearer(token))

    assert answer.status_code == 204
    assert await Identity.filter(user=user).values_list("id", flat=True) == [kept]


async def test_the_last_way_to_log_in_cannot_be_unlinked(browser, provider, make_user, get_token):
    user, token = await password_user_token(make_user, get_token)
    account = provider.add(Account("7002", "alice@example.com", login="alice"))
    identity_id = (await browser.link(provider, token, account)).json()["id"]
    user.password_hash = None
    await user.save(update_fields=["password_hash"])

    answer = await browser.app.delete(f"/users/me/identities/{identity_id}", headers=bearer(token))

    assert answer.status_code == 409
    assert answer.json()["detail"] == "This is your only way to log in: set a password or link another first"
    assert await Identity.filter(user=user).count() == 1


async def test_someone_elses_identity_cannot_be_unlinked(browser, provider, make_user, get_token):
    _, owner_token = await password_user_token(make_user, get_token, "owner")
    _, other_token = await password_user_token(make_user, get_token, "other")
    account = provider.add(Account("7003", "owner@example.com", login="owner"))
    identity_id = (await browser.link(provider, owner_token, account)).json()["id"]

    answer = await browser.app.delete(f"/users/me/identities/{identity_id}", headers=bearer(other_token))

    assert answer.status_code == 404
    assert answer.json()["detail"] == "No such linked account"
    assert await Identity.filter(id=identity_id).exists()


async def vouched_user(browser, provider, make_user, get_token) -> User:
    """A password user whose email a linked provider account has verified."""
    user, token = await password_user_token(make_user, get_token, email="alice@example.com")
    vouching = provider.add(Account("8001", "alice@example.com", login="alice"))
    assert (await browser.link(provider, token, vouching)).status_code == 200
    return user
{%- if cookiecutter.allow_signup %}


async def test_linking_by_email_is_off_by_default(browser, provider, make_user, get_token):
    user = await vouched_user(browser, provider, make_user, get_token)
    same_email = provider.add(Account("8002", "alice@example.com", login="alice2"))

    answer = await browser.log_in(provider, same_email)

    assert answer.status_code == 200
    assert (await Identity.get(subject="8002")).user_id != user.id
{%- endif %}


async def test_linking_by_email_links_when_both_sides_verified_it(settings, provider, make_user, get_token):
    browser = Browser(with_settings(settings, link_accounts_by_verified_email=True))
    user = await vouched_user(browser, provider, make_user, get_token)
    same_email = provider.add(Account("8003", "ALICE@example.com", login="alice3"))

    answer = await browser.log_in(provider, same_email)
    await browser.close()

    assert answer.status_code == 200, answer.text
    assert (await Identity.get(subject="8003")).user_id == user.id
    assert await User.all().count() == 1
    recorded = await SecurityEvent.filter(user_id=user.id).order_by("-id").limit(2).values_list("kind", "detail")
    assert recorded == [
        ("login_succeeded", {"method": provider.name}),
        ("identity_linked", {"provider": provider.name, "by": "verified_email"}),
    ]


async def test_linking_by_email_never_merges_an_address_the_provider_did_not_verify(
    settings, provider, make_user, get_token
):
    browser = Browser(with_settings(settings, link_accounts_by_verified_email=True))
    await vouched_user(browser, provider, make_user, get_token)
    newcomer = provider.add(Account("8004", "alice@example.com", email_verified=False, login="alice4"))
    before = await counts()

    answer = await browser.log_in(provider, newcomer)
    await browser.close()

    assert answer.status_code == 409
    assert answer.json() == email_already_used(provider)
    assert await counts() == before


@pytest.mark.parametrize(
    ("linked_by", "linked_email", "linked_verified"),
    [
        (None, None, None),
        ("bob", "alice@example.com", True),
        ("squatter", "other@example.com", True),
        ("squatter", "alice@example.com", False),
    ],
    ids=["typed-in-only", "another-users-account", "another-address", "unverified"],
)
async def test_an_address_no_account_proved_as_its_own_merges_nothing(
    settings, provider, make_user, get_token, linked_by, linked_email, linked_verified
):
    """Only the user's own account verifying the address vouches for it; a claim no one proved
    never blocks its owner either."""
    browser = Browser(with_settings(settings, link_accounts_by_verified_email=True))
    squatter = await make_user("squatter", email="alice@example.com")
    if linked_by is not None:
        if linked_by == "bob":
            await make_user("bob")
        linked = provider.add(Account("8005", linked_email, email_verified=linked_verified, login=linked_by))
        assert (await browser.link(provider, await get_token(linked_by), linked)).status_code == 200
    newcomer = provider.add(Account("8006", "alice@example.com", login="alice6"))
    before = await counts()

    answer = await browser.log_in(provider, newcomer)
    await browser.close()
{%- if cookiecutter.allow_signup %}

    assert answer.status_code == 200, answer.text
    made = await User.get(id=(await Identity.get(subject="8006")).user_id)
    assert made.username not in ("squatter", "bob")
    assert made.email == "alice@example.com"
    assert (await User.get(id=squatter.id)).email is None
    assert await counts() == (before[0] + 1, before[1] + 1)
{%- else %}

    assert answer.status_code == 403
    assert (await User.get(id=squatter.id)).email == "alice@example.com"
    assert await counts() == before
{%- endif %}


async def test_linking_by_email_to_a_deactivated_user_changes_nothing(settings, provider, make_user, get_token):
    browser = Browser(with_settings(settings, link_accounts_by_verified_email=True))
    user = await vouched_user(browser, provider, make_user, get_token)
    user.is_active = False
    await user.save(update_fields=["is_active"])
    same_email = provider.add(Account("8005", "alice@example.com", login="alice5"))

    answer = await browser.log_in(provider, same_email)
    await browser.close()

    assert answer.status_code == 403
    assert await Identity.filter(subject="8005").count() == 0


async def test_a_login_of_a_deactivated_user_does_not_record_it(browser, provider, link_to_new_user):
    account = provider.add(Account("8006", "alice@example.com", login="alice"))
    user = await link_to_new_user(browser, provider, account)
    before = (await Identity.get(subject="8006")).last_login_at
    user.is_active = False
    await user.save(update_fields=["is_active"])

    answer = await browser.log_in(provider, account)

    assert answer.status_code == 403
    assert (await Identity.get(subject="8006")).last_login_at == before
{%- if cookiecutter.allow_signup %}


async def test_a_first_login_asking_for_a_scope_new_users_lack_makes_no_account(browser, provider, db):
    lacking = [name for name in SCOPES if name not in DEFAULT_SCOPES]
    if not lacking:
        pytest.skip("new users get every scope")
    missing = lacking[0]
    account = provider.add(Account("8007", "new@example.com", login="newcomer"))

    answer = await browser.log_in(provider, account, scope=missing)

    assert answer.status_code == 400
    assert answer.json()["error"] == "invalid_scope"
    assert await counts() == (0, 0)
{%- endif %}


async def test_a_browser_on_a_cors_origin_may_unlink(settings):
    app = with_settings(settings, cors_origins=[FRONTEND])
    browser = Browser(app)
    headers = {"Origin": FRONTEND, "Access-Control-Request-Method": "DELETE"}

    answer = await browser.app.options("/users/me/identities/1", headers=headers)
    await browser.close()

    assert answer.status_code == 200
    assert "DELETE" in answer.headers["access-control-allow-methods"]
    assert answer.headers["access-control-allow-credentials"] == "true"


async def test_the_database_refuses_a_second_link_of_one_provider_account(provider, make_user):
    first, second = await make_user("first"), await make_user("second")
    await Identity.create(user=first, provider=provider.name, subject="9100")

    with pytest.raises(IntegrityError):
        await Identity.create(user=second, provider=provider.name, subject="9100")


async def test_two_local_accounts_with_the_address_leave_no_one_to_link_to(settings, provider, make_user, get_token):
    browser = Browser(with_settings(settings, link_accounts_by_verified_email=True))
    for number, username in enumerate(("alice", "alicia")):
        _, token = await password_user_token(make_user, get_token, username, email="alice@example.com")
        vouching = provider.add(Account(f"820{number}", "alice@example.com", login=username))
        assert (await browser.link(provider, token, vouching)).status_code == 200
    newcomer = provider.add(Account("8202", "alice@example.com", login="alice2"))
    before = await counts()

    answer = await browser.log_in(provider, newcomer)
    await browser.close()

    assert answer.status_code == 409
    assert answer.json() == email_already_used(provider)
    assert await counts() == before


async def test_each_login_records_when_it_happened(browser, provider, link_to_new_user):
    account = provider.add(Account("8300", "alice@example.com", login="alice"))
    await link_to_new_user(browser, provider, account)
    long_ago = datetime(2020, 1, 1, tzinfo=UTC)
    await Identity.filter(subject="8300").update(last_login_at=long_ago)

    answer = await browser.log_in(provider, account)

    assert answer.status_code == 200, answer.text
    assert (await Identity.get(subject="8300")).last_login_at > long_ago
{%- if cookiecutter.allow_signup %}


async def test_a_first_login_records_when_it_happened(browser, provider, db):
    account = provider.add(Account("8400", "ada@example.com", login="ada"))
    before = datetime.now(UTC)

    answer = await browser.log_in(provider, account)

    assert answer.status_code == 200, answer.text
    assert before <= (await Identity.get(subject="8400")).last_login_at <= datetime.now(UTC)


async def test_two_first_logins_racing_reach_the_same_new_user(app, provider, db):
    account = provider.add(Account("8450", "racer@example.com", login="racer"))
    browsers = [Browser(app), Browser(app)]
    callbacks = [await browser.visit_provider(await browser.start_login(provider), account) for browser in browsers]

    answers = await asyncio.gather(*(browser.app.get(back) for browser, back in zip(browsers, callbacks, strict=True)))
    for browser in browsers:
        await browser.close()

    assert [answer.status_code for answer in answers] == [200, 200], [answer.text for answer in answers]
    assert await counts() == (1, 1)


# The name hint is the login at GitHub and the email's local part at Google.
@pytest.mark.parametrize(
    ("hint", "username"),
    [("._Xena+Warrior_", "XenaWarrior_"), ("ada", "ada"), ("b" * 40, "b" * 32)],
    ids=["cleaned", "shortest", "cut"],
)
async def test_a_new_username_is_made_from_the_providers_hint(browser, provider, db, hint, username):
    account = provider.add(Account("8500", f"{hint}@example.com", login=hint))

    answer = await browser.log_in(provider, account)

    assert answer.status_code == 200, answer.text
    assert (await Identity.get(subject="8500").prefetch_related("user")).user.username == username


@pytest.mark.parametrize(("hint", "taken", "pattern"), [("a+", None, "user"), ("c" * 40, "c" * 32, "c" * 25)])
async def test_a_hint_too_short_or_taken_gets_a_numbered_name_that_fits(
    browser, provider, make_user, hint, taken, pattern
):
    if taken:
        await make_user(taken)
    account = provider.add(Account("8600", f"{hint}@example.com", login=hint))

    answer = await browser.log_in(provider, account)

    assert answer.status_code == 200, answer.text
    username = (await Identity.get(subject="8600").prefetch_related("user")).user.username
    name, _, number = username.rpartition("-")
    assert (name, len(number), number.isdigit()) == (pattern, 6, True), username
{%- endif %}
