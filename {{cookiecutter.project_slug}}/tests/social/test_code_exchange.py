"""With FRONTEND_URL, a social login lands with a one-time code that only the PKCE verifier of the
login's challenge turns into tokens, once, within a minute (RFC 6749 section 4.1.3, RFC 7636)."""

import asyncio
import hashlib
import re
{%- if "google" in cookiecutter.social_login %}
import time
{%- endif %}
from datetime import UTC, datetime, timedelta
from urllib.parse import parse_qs, urlsplit

import httpx2
import pytest

from {{ cookiecutter.package_name }}.main import create_app
from {{ cookiecutter.package_name }}.models import RefreshToken, User
from {{ cookiecutter.package_name }}.social.models import AuthorizationCode, LoginState

from ..conftest import bearer
from ..test_reauthentication import claims
from .conftest import LANDING, Browser, pkce
from fake_providers.provider import Account, FakeProvider

MALFORMED_VERIFIER = "code_verifier must be 43 to 128 characters of A-Z a-z 0-9 - . _ ~"
MALFORMED_CHALLENGE = (
    "code_challenge must be the base64url SHA-256 of the code_verifier, unpadded: 43 characters of A-Z a-z 0-9 - _"
)


async def land(frontend: Browser, provider: FakeProvider, account: Account) -> tuple[str, str]:
    """Log in as the frontend does, with a fresh PKCE pair: the code the browser lands with, and the verifier."""
    verifier, challenge = pkce()
    answer = await frontend.log_in(provider, account, **challenge)
    assert answer.status_code == 303, answer.text
    target = urlsplit(answer.headers["location"])
    assert f"{target.scheme}://{target.netloc}{target.path}" == LANDING
    assert target.query == ""
    (code,) = parse_qs(target.fragment)["code"]
    return code, verifier


async def exchange(browser: Browser, code: str, verifier: str) -> httpx2.Response:
    form = {"grant_type": "authorization_code", "code": code, "code_verifier": verifier}
    return await browser.app.post("/auth/token", data=form)


async def refresh(browser: Browser, refresh_token: str) -> httpx2.Response:
    return await browser.app.post("/auth/token", data={"grant_type": "refresh_token", "refresh_token": refresh_token})


def refused(answer: httpx2.Response, error: str, description: str) -> None:
    assert answer.status_code == 400, answer.text
    assert answer.headers["cache-control"] == "no-store"
    assert answer.json()["error"] == error
    assert description in answer.json()["error_description"]


async def test_the_code_and_its_verifier_give_tokens_that_work(browser, frontend, provider, link_to_new_user):
    account = provider.add(Account("1101", "alice@example.com", login="alice"))
    user = await link_to_new_user(browser, provider, account)
    logins_before = await RefreshToken.filter(user_id=user.id).count()

    code, verifier = await land(frontend, provider, account)
    stored = await AuthorizationCode.get(user_id=user.id)
    answer = await exchange(frontend, code, verifier)

    assert answer.status_code == 200, answer.text
    assert answer.headers["cache-control"] == "no-store"
    tokens = answer.json()
    assert (tokens["token_type"], tokens["scope"]) == ("bearer", "me")
    # A provider's login, as RFC 8176 has no name for it and Microsoft's tokens say.
    assert (claims(tokens["access_token"])["amr"], claims(tokens["access_token"])["acr"]) == (["fed"], "aal1")
    me = await frontend.app.get("/users/me", headers=bearer(tokens["access_token"]))
    assert me.status_code == 200
    assert me.json()["id"] == user.id
    assert (await refresh(frontend, tokens["refresh_token"])).status_code == 200
    # Only its hash is kept; it lived a minute at most and is spent now.
    assert stored.code_hash == hashlib.sha256(code.encode()).hexdigest()
    assert timedelta(0) < stored.expires_at - datetime.now(UTC) <= timedelta(seconds=60)
    assert (await AuthorizationCode.get(id=stored.id)).used_at is not None
    assert await RefreshToken.filter(user_id=user.id).count() == logins_before + 2
    assert await RefreshToken.filter(family=stored.family).count() == 2


{%- if "google" in cookiecutter.social_login %}


async def test_the_code_keeps_when_the_person_signed_in_at_google(browser, frontend, google, link_to_new_user):
    signed_in = int(time.time()) - 60 * 60
    account = google.add(Account("g-1103", "alice@example.com", signed_in_at=signed_in))
    await link_to_new_user(browser, google, account)
    code, verifier = await land(frontend, google, account)

    answer = await exchange(frontend, code, verifier)

    assert answer.status_code == 200, answer.text
    assert claims(answer.json()["access_token"])["auth_time"] == signed_in
{%- endif %}


async def test_the_code_keeps_the_scope_asked_at_login(browser, frontend, provider, make_user, get_token):
    await make_user(scopes=("me", "users:read", "users:write"))
    account = provider.add(Account("1102", "alice@example.com", login="alice"))
    await browser.link(provider, await get_token(), account)
    verifier, challenge = pkce()

    landed = await frontend.log_in(provider, account, scope="me users:read", **challenge)
    (code,) = parse_qs(urlsplit(landed.headers["location"]).fragment)["code"]
    answer = await exchange(frontend, code, verifier)

    assert answer.status_code == 200, answer.text
    assert answer.json()["scope"] == "me users:read"


async def test_a_replayed_code_is_refused_and_revokes_the_first_exchanges_tokens(
    browser, frontend, provider, link_to_new_user
):
    account = provider.add(Account("1201", "alice@example.com", login="alice"))
    await link_to_new_user(browser, provider, account)
    code, verifier = await land(frontend, provider, account)
    first = await exchange(frontend, code, verifier)
    assert first.status_code == 200, first.text

    replay = await exchange(frontend, code, verifier)

    refused(replay, "invalid_grant", "used before")
    family = (await AuthorizationCode.get(code_hash=hashlib.sha256(code.encode()).hexdigest())).family
    assert await RefreshToken.filter(family=family).count() == 1
    assert await RefreshToken.filter(family=family, revoked_at__isnull=True).count() == 0
    refused(await refresh(frontend, first.json()["refresh_token"]), "invalid_grant", "revoked")
    # The next login's code is a code of its own, untouched by the replay of this one.
    code, verifier = await land(frontend, provider, account)
    assert (await exchange(frontend, code, verifier)).status_code == 200


async def test_racing_exchanges_of_one_code_leave_no_usable_refresh_token(
    browser, frontend, provider, link_to_new_user
):
    account = provider.add(Account("1202", "alice@example.com", login="alice"))
    await link_to_new_user(browser, provider, account)
    code, verifier = await land(frontend, provider, account)

    answers = await asyncio.gather(*(exchange(frontend, code, verifier) for _ in range(3)))

    assert [answer.status_code for answer in answers].count(200) <= 1
    for answer in answers:
        if answer.status_code == 200:
            refused(await refresh(frontend, answer.json()["refresh_token"]), "invalid_grant", "revoked")
        else:
            refused(answer, "invalid_grant", "used before")
    family = (await AuthorizationCode.get(code_hash=hashlib.sha256(code.encode()).hexdigest())).family
    assert await RefreshToken.filter(family=family, revoked_at__isnull=True).count() == 0


async def test_a_wrong_verifier_is_refused_and_spends_the_code(browser, frontend, provider, link_to_new_user):
    account = provider.add(Account("1301", "alice@example.com", login="alice"))
    user = await link_to_new_user(browser, provider, account)
    code, verifier = await land(frontend, provider, account)
    before = await RefreshToken.filter(user_id=user.id).count()

    guess = await exchange(frontend, code, pkce()[0])
    right_one_after = await exchange(frontend, code, verifier)

    refused(guess, "invalid_grant", "does not match")
    assert guess.json()["error_description"] == (
        "The code_verifier does not match the login's code_challenge: the code is spent"
    )
    refused(right_one_after, "invalid_grant", "used before")
    assert await RefreshToken.filter(user_id=user.id).count() == before


async def test_a_code_does_not_go_with_another_logins_verifier(
    browser, other_browser, settings, provider, link_to_new_user
):
    alice = provider.add(Account("1302", "alice@example.com", login="alice"))
    bob = provider.add(Account("1303", "bob@example.com", login="bob"))
    await link_to_new_user(browser, provider, alice, "alice")
    await link_to_new_user(other_browser, provider, bob, "bob")
    app = create_app(settings.model_copy(update={"frontend_url": LANDING}))
    alices_frontend, bobs_frontend = Browser(app), Browser(app)
    alices_code, _ = await land(alices_frontend, provider, alice)
    bobs_code, bobs_verifier = await land(bobs_frontend, provider, bob)

    # Bob holds Alice's code (a leaked URL) but only his own verifier.
    stolen = await exchange(bobs_frontend, alices_code, bobs_verifier)
    own = await exchange(bobs_frontend, bobs_code, bobs_verifier)
    await alices_frontend.close()
    await bobs_frontend.close()

    refused(stolen, "invalid_grant", "does not match")
    assert own.status_code == 200, own.text
    me = await browser.app.get("/users/me", headers=bearer(own.json()["access_token"]))
    assert me.json()["username"] == "bob"
    alice_id = (await User.get(username="alice")).id
    assert await RefreshToken.filter(user_id=alice_id).count() == 1  # her password login only


async def test_an_expired_code_is_refused(browser, frontend, provider, link_to_new_user):
    account = provider.add(Account("1401", "alice@example.com", login="alice"))
    user = await link_to_new_user(browser, provider, account)
    code, verifier = await land(frontend, provider, account)
    await AuthorizationCode.all().update(expires_at=datetime.now(UTC) - timedelta(seconds=1))
    before = await RefreshToken.filter(user_id=user.id).count()

    answer = await exchange(frontend, code, verifier)

    refused(answer, "invalid_grant", "invalid, expired or used")
    assert await RefreshToken.filter(user_id=user.id).count() == before


async def test_an_expired_code_is_purged_by_the_next_login(browser, frontend, provider, link_to_new_user):
    account = provider.add(Account("1402", "alice@example.com", login="alice"))
    await link_to_new_user(browser, provider, account)
    old_code, _ = await land(frontend, provider, account)
    await AuthorizationCode.all().update(expires_at=datetime.now(UTC) - timedelta(seconds=1))

    await land(frontend, provider, account)

    hashes = await AuthorizationCode.all().values_list("code_hash", flat=True)
    assert len(hashes) == 1
    assert hashlib.sha256(old_code.encode()).hexdigest() not in hashes


@pytest.mark.parametrize("change", ["deactivated", "logged out everywhere"])
async def test_a_code_dies_with_its_users_sessions(browser, frontend, provider, link_to_new_user, change):
    account = provider.add(Account("1403", "alice@example.com", login="alice"))
    user = await link_to_new_user(browser, provider, account)
    code, verifier = await land(frontend, provider, account)
    if change == "deactivated":
        user.is_active = False
        await user.save(update_fields=["is_active"])
    else:
        user.token_version += 1
        await user.save(update_fields=["token_version"])
    before = await RefreshToken.filter(user_id=user.id).count()

    answer = await exchange(frontend, code, verifier)

    refused(answer, "invalid_grant", "invalid, expired or used")
    assert await RefreshToken.filter(user_id=user.id).count() == before


@pytest.mark.parametrize(
    ("form", "problem"),
    [
        ({"code": "x"}, "code and code_verifier are required"),
        ({"code_verifier": "v" * 43}, "code and code_verifier are required"),
        ({"code": "x", "code_verifier": "v" * 42}, MALFORMED_VERIFIER),
        ({"code": "x", "code_verifier": "v" * 129}, MALFORMED_VERIFIER),
        ({"code": "x", "code_verifier": "v" * 42 + "+"}, MALFORMED_VERIFIER),
    ],
)
async def test_a_malformed_exchange_is_refused_and_spends_nothing(
    browser, frontend, provider, link_to_new_user, form, problem
):
    account = provider.add(Account("1501", "alice@example.com", login="alice"))
    await link_to_new_user(browser, provider, account)
    code, verifier = await land(frontend, provider, account)

    answer = await frontend.app.post("/auth/token", data={"grant_type": "authorization_code", **form})

    refused(answer, "invalid_request", problem)
    assert answer.json()["error_description"] == problem
    assert (await exchange(frontend, code, verifier)).status_code == 200


async def test_an_unknown_code_is_refused(frontend):
    refused(await exchange(frontend, "made-up", pkce()[0]), "invalid_grant", "invalid, expired or used")


@pytest.mark.parametrize(
    ("params", "problem"),
    [
        ({}, "code_challenge is required: the login ends with a code to exchange with its verifier"),
        ({"code_challenge": "A" * 43}, "code_challenge_method must be S256"),
        ({"code_challenge": "A" * 43, "code_challenge_method": "plain"}, "code_challenge_method must be S256"),
        ({"code_challenge": "A" * 42, "code_challenge_method": "S256"}, MALFORMED_CHALLENGE),
        ({"code_challenge": "A" * 44, "code_challenge_method": "S256"}, MALFORMED_CHALLENGE),
        ({"code_challenge": "A" * 42 + "=", "code_challenge_method": "S256"}, MALFORMED_CHALLENGE),
        ({"code_challenge": "A" * 42 + "/", "code_challenge_method": "S256"}, MALFORMED_CHALLENGE),
    ],
)
async def test_a_login_for_the_frontend_without_a_proper_challenge_is_refused_before_leaving(
    frontend, provider, params, problem
):
    answer = await frontend.app.get(f"/auth/{provider.name}/login", params=params)

    refused(answer, "invalid_request", problem)
    assert answer.json()["error_description"] == problem
    assert await LoginState.all().count() == 0


@pytest.mark.parametrize(
    "sent", [("code_challenge", "code_challenge_method"), ("code_challenge",), ("code_challenge_method",)]
)
async def test_a_challenge_without_a_frontend_is_refused(browser, provider, db, sent):
    challenge = pkce()[1]
    answer = await browser.app.get(f"/auth/{provider.name}/login", params={name: challenge[name] for name in sent})

    refused(answer, "invalid_request", "code_challenge needs FRONTEND_URL to be set")
    assert answer.json()["error_description"] == "code_challenge needs FRONTEND_URL to be set"
    assert await LoginState.all().count() == 0


async def test_a_login_started_before_the_frontend_was_set_is_refused_at_the_callback(
    browser, frontend, provider, link_to_new_user
):
    account = provider.add(Account("1601", "alice@example.com", login="alice"))
    user = await link_to_new_user(browser, provider, account)
    back = await browser.visit_provider(await browser.start_login(provider), account)
    frontend.app.cookies = browser.app.cookies  # the same browser, after FRONTEND_URL was set
    before = await RefreshToken.filter(user_id=user.id).count()

    answer = await frontend.app.get(back)

    assert landed_refusal(answer) == {
        "error": "invalid_request",
        "error_description": "This login was started without a code_challenge: start it again",
    }
    assert await AuthorizationCode.all().count() == 0
    assert await RefreshToken.filter(user_id=user.id).count() == before


def landed_refusal(answer: httpx2.Response) -> dict[str, str]:
    """The error the browser was sent back to the frontend with."""
    assert answer.status_code == 303, answer.text
    target = urlsplit(answer.headers["location"])
    assert f"{target.scheme}://{target.netloc}{target.path}" == LANDING
    assert target.query == ""
    return {name: value for name, (value,) in parse_qs(target.fragment).items()}


async def test_a_cancelled_login_lands_on_the_frontend_with_the_error_in_words(frontend, provider):
    answer = await frontend.log_in(provider, None, **pkce()[1])

    assert landed_refusal(answer) == {
        "error": "access_denied",
        "error_description": f"The login was cancelled at {provider.label}",
    }


async def test_a_deactivated_accounts_login_lands_on_the_frontend_refused(
    browser, frontend, provider, link_to_new_user
):
    account = provider.add(Account("1701", "alice@example.com", login="alice"))
    user = await link_to_new_user(browser, provider, account)
    await User.filter(id=user.id).update(is_active=False)

    answer = await frontend.log_in(provider, account, **pkce()[1])

    assert landed_refusal(answer) == {"error": "access_denied", "error_description": "This account is deactivated"}
    assert await AuthorizationCode.all().count() == 0


async def test_the_grant_is_advertised_and_documented(frontend):
    metadata = (await frontend.app.get("/.well-known/oauth-authorization-server")).json()
    schema = (await frontend.app.get("/openapi.json")).json()
    unsupported = await frontend.app.post("/auth/token", data={"grant_type": "device_code"})

    # After the core's own, and before those of options added after it (mfa/).
    grants = metadata["grant_types_supported"]
    assert grants[:3] == ["password", "refresh_token", "authorization_code"]
    assert metadata["code_challenge_methods_supported"] == ["S256"]
    body = schema["paths"]["/auth/token"]["post"]["requestBody"]["content"]["application/x-www-form-urlencoded"]
    properties = body["schema"]["properties"]
    assert properties["grant_type"]["enum"] == grants
    assert {"code", "code_verifier"} <= set(properties)
    *others, last = grants
    refused(unsupported, "unsupported_grant_type", f"{', '.join(others)} or {last}")
    assert {"code_challenge", "code_challenge_method"} <= set(login_parameters(schema))


def login_parameters(document: dict) -> dict[str, dict]:
    """The login's query parameters, as the document gives them, by name."""
    parameters = document["paths"]["/auth/{provider}/login"]["get"]["parameters"]
    return {parameter["name"]: parameter for parameter in parameters if parameter["in"] == "query"}


# Each candidate for code_challenge, and whether it is one: the base64url SHA-256 of a verifier,
# unpadded (RFC 7636 section 4.2).
CHALLENGE_CANDIDATES = {
    "A" * 43: True,
    "abcXYZ019-_" * 3 + "0123456789": True,
    "A" * 42: False,
    "A" * 44: False,
    "A" * 42 + "=": False,
    "A" * 42 + "/": False,
    "A" * 42 + "+": False,
    "A" * 43 + "\n": False,
}


async def test_with_a_frontend_the_document_requires_the_challenge_that_the_login_takes(frontend, provider):
    document = (await frontend.app.get("/openapi.json")).json()
    answers = {
        candidate: await frontend.app.get(
            f"/auth/{provider.name}/login", params={"code_challenge": candidate, "code_challenge_method": "S256"}
        )
        for candidate in CHALLENGE_CANDIDATES
    }

    parameters = login_parameters(document)
    challenge, method = parameters["code_challenge"], parameters["code_challenge_method"]
    assert (challenge["required"], method["required"]) == (True, True)
    assert method["schema"] == {"type": "string", "enum": ["S256"]}
    assert challenge["schema"] == {"type": "string", "pattern": challenge["schema"]["pattern"]}
    # Matched whole, as ECMAScript reads $ (Python's $ would match before a final newline too).
    pattern = re.compile(challenge["schema"]["pattern"])
    assert {candidate: bool(pattern.fullmatch(candidate)) for candidate in CHALLENGE_CANDIDATES} == CHALLENGE_CANDIDATES
    assert {candidate: answer.status_code for candidate, answer in answers.items()} == {
        candidate: 302 if taken else 400 for candidate, taken in CHALLENGE_CANDIDATES.items()
    }
    assert await LoginState.all().count() == sum(CHALLENGE_CANDIDATES.values())


async def test_without_a_frontend_the_document_refuses_any_challenge(browser):
    parameters = login_parameters((await browser.app.get("/openapi.json")).json())

    for name in ("code_challenge", "code_challenge_method"):
        assert (parameters[name]["required"], parameters[name]["schema"]) == (False, {"not": {}})
