"""Step-up with social login: linking and unlinking need a recent login, a pending link dies with
the session that started it, and a provider login answers the challenge."""

import time

import pytest

from {{ cookiecutter.package_name }}.models import RefreshToken, User
from {{ cookiecutter.package_name }}.social.models import Identity, LoginState

from ..conftest import PASSWORD, bearer
from ..test_reauthentication import assert_step_up, claims, log_in, refresh, stale
from ..test_users import NEW_PASSWORD
from fake_providers.provider import Account

AN_HOUR_AGO = 3600


async def passwordless_user(make_user, provider, account: Account) -> User:
    """A user who logs in only through `provider`, as `account`."""
    user = await make_user(password=None)
    await Identity.create(
        user=user, provider=provider.name, subject=account.subject, email=account.email, email_verified=True
    )
    provider.add(account)
    return user


async def test_a_stale_token_cannot_start_a_link(browser, provider, make_user, settings, keys):
    user = await make_user()
    token = stale(settings, keys, user, await log_in(browser.app))

    answer = await browser.app.post(f"/auth/{provider.name}/link", headers=bearer(token))

    assert_step_up(answer, settings)
    assert await LoginState.all().count() == 0
    assert await Identity.all().count() == 0


async def test_a_stale_token_cannot_unlink(browser, provider, make_user, settings, keys):
    user = await make_user()
    tokens = await log_in(browser.app)
    account = provider.add(Account("9001", "alice@example.com", login="alice"))
    identity_id = (await browser.link(provider, tokens["access_token"], account)).json()["id"]

    answer = await browser.app.delete(
        f"/users/me/identities/{identity_id}", headers=bearer(stale(settings, keys, user, tokens))
    )

    assert_step_up(answer, settings)
    assert await Identity.filter(id=identity_id, user_id=user.id).exists()


async def log_out_everywhere(client, tokens: dict, user: User) -> None:
    assert (await client.post("/auth/logout-all", headers=bearer(tokens["access_token"]))).status_code == 204


async def change_password(client, tokens: dict, user: User) -> None:
    body = {"password": NEW_PASSWORD, "current_password": PASSWORD}
    assert (await client.patch("/users/me", headers=bearer(tokens["access_token"]), json=body)).status_code == 200


async def end_the_session(client, tokens: dict, user: User) -> None:
    session = claims(tokens["access_token"])["sid"]
    answer = await client.delete(f"/users/me/sessions/{session}", headers=bearer(tokens["access_token"]))
    assert answer.status_code == 204


async def deactivate(client, tokens: dict, user: User) -> None:
    admin = await log_in(client, "admin")
    answer = await client.patch(f"/users/{user.id}", headers=bearer(admin["access_token"]), json={"is_active": False})
    # 204: the admin holds users:write alone, so the answer shows nothing of the user.
    assert answer.status_code == 204


@pytest.mark.parametrize("ending", [log_out_everywhere, change_password, end_the_session, deactivate])
async def test_a_pending_link_dies_with_the_session_that_started_it(browser, provider, make_user, ending):
    user = await make_user()
    await make_user("admin", scopes=("users:write",))
    tokens = await log_in(browser.app)
    account = provider.add(Account("9002", "thief@example.com", login="thief"))
    # Someone holding this session starts a link to their own provider account...
    back = await browser.visit_provider(await browser.start_link(provider, tokens["access_token"]), account)
    # ...and before they come back, the owner ends it.
    await ending(browser.app, tokens, user)

    answer = await browser.app.get(back)

    assert answer.status_code == 403
    ended = "The session that started this link has ended since: log in and link again"
    assert answer.json() == {
        "error": "access_denied",
        "error_description": "This account is deactivated" if ending is deactivate else ended,
    }
    assert await Identity.all().count() == 0


async def test_a_refreshed_session_still_finishes_its_link(browser, provider, make_user):
    user = await make_user()
    tokens = await log_in(browser.app)
    account = provider.add(Account("9003", "alice@example.com", login="alice"))
    back = await browser.visit_provider(await browser.start_link(provider, tokens["access_token"]), account)
    assert (await refresh(browser.app, tokens)).status_code == 200

    answer = await browser.app.get(back)

    assert answer.status_code == 200, answer.text
    assert await Identity.filter(user_id=user.id).count() == 1


async def test_a_provider_login_is_a_recent_login(browser, provider, make_user):
    user = await passwordless_user(make_user, provider, Account("9004", "ada@example.com", login="ada"))
    before = int(time.time())

    login = await browser.log_in(provider, provider.accounts["9004"])
    token = login.json()["access_token"]
    answer = await browser.app.patch("/users/me", headers=bearer(token), json={"password": NEW_PASSWORD})

    assert claims(token)["auth_time"] >= before
    assert answer.status_code == 200, answer.text
    assert (await User.get(id=user.id)).password_hash is not None


async def test_deleting_the_account_takes_its_linked_accounts_and_pending_links(browser, provider, make_user):
    user = await make_user()
    tokens = await log_in(browser.app)
    linked = provider.add(Account("9005", "alice@example.com", login="alice"))
    assert (await browser.link(provider, tokens["access_token"], linked)).status_code == 200
    await browser.start_link(provider, tokens["access_token"])

    answer = await browser.app.delete("/users/me", headers=bearer(tokens["access_token"]))

    assert answer.status_code == 204
    assert await User.filter(id=user.id).count() == 0
    assert await Identity.all().count() == 0
    assert await LoginState.all().count() == 0
    assert await RefreshToken.all().count() == 0
{%- if "google" in cookiecutter.social_login %}


async def test_a_passwordless_user_steps_up_by_signing_in_at_google_again(browser, google, make_user, settings):
    signed_in_long_ago = int(time.time()) - AN_HOUR_AGO
    account = Account("g-9006", "ada@example.com", signed_in_at=signed_in_long_ago)
    user = await passwordless_user(make_user, google, account)
    # Google's word on when the person signed in is the login's time, however recent the visit.
    old = (await browser.log_in(google, account)).json()["access_token"]
    refused = await browser.app.patch("/users/me", headers=bearer(old), json={"password": NEW_PASSWORD})

    started = int(time.time())
    again = await browser.log_in(google, account, reauthenticate="true")
    retried = await browser.app.patch(
        "/users/me", headers=bearer(again.json()["access_token"]), json={"password": NEW_PASSWORD}
    )

    assert claims(old)["auth_time"] == signed_in_long_ago
    assert_step_up(refused, settings)
    authorize = google.authorize_requests[-1]
    assert (authorize["prompt"], authorize["max_age"]) == ("login", "0")
    assert "prompt" not in google.authorize_requests[0]
    assert claims(again.json()["access_token"])["auth_time"] >= started
    assert retried.status_code == 200, retried.text
    assert (await User.get(id=user.id)).password_hash is not None


@pytest.mark.parametrize("signed_in_at", [AN_HOUR_AGO, None], ids=["long-ago", "unsaid"])
async def test_a_reauthentication_google_did_not_perform_is_refused(browser, google, make_user, signed_in_at):
    account = Account("g-9007", "ada@example.com", signed_in_at=signed_in_at and int(time.time()) - signed_in_at)
    user = await passwordless_user(make_user, google, account)
    google.ignores_prompt = True

    answer = await browser.log_in(google, account, reauthenticate="true")

    assert answer.status_code == 403
    assert answer.json()["error"] == "access_denied"
    assert "sign in again" in answer.json()["error_description"]
    assert await RefreshToken.all().count() == 0
    assert (await User.get(id=user.id)).last_login_at is None
{%- endif %}
{%- if "github" in cookiecutter.social_login %}


async def test_reauthenticating_through_github_shows_its_account_page(browser, github, make_user, settings):
    account = Account("9008", "ada@example.com", login="ada")
    await passwordless_user(make_user, github, account)

    again = await browser.log_in(github, account, reauthenticate="true")

    assert again.status_code == 200, again.text
    assert github.authorize_requests[-1]["prompt"] == "select_account"
    assert time.time() - claims(again.json()["access_token"])["auth_time"] < settings.reauth_minutes * 60
{%- endif %}
