"""Social login in the audit trail: provider logins, refused ones, links, unlinks and replayed codes."""

from {{ cookiecutter.package_name }}.models import SecurityEvent, User
from {{ cookiecutter.package_name }}.social.models import Identity

from ..conftest import bearer
from ..test_events import session_of
from .conftest import Browser
from .test_code_exchange import exchange, land
from fake_providers.provider import Account, FakeProvider


async def kinds_of(user: User) -> list[tuple[str, dict]]:
    return [(event.kind, event.detail) for event in await SecurityEvent.filter(user_id=user.id).order_by("id")]


async def test_a_link_is_recorded_once_and_so_is_each_provider_login(browser, provider, link_to_new_user, get_token):
    account = provider.add(Account("9001", "alice@example.com", login="alice"))
    user = await link_to_new_user(browser, provider, account)
    again = await browser.link(provider, await get_token(), account)

    answer = await browser.log_in(provider, account)

    assert (again.status_code, answer.status_code) == (200, 200)
    assert await kinds_of(user) == [
        ("login_succeeded", {"method": "password"}),
        ("identity_linked", {"provider": provider.name}),
        ("login_succeeded", {"method": "password"}),
        ("login_succeeded", {"method": provider.name}),
    ]
    last = await SecurityEvent.filter(user_id=user.id).order_by("-id").first()
    assert last.request_id == answer.headers["x-request-id"]
    tokens = answer.json()
    assert tokens["refresh_token"] not in repr(last.detail)

{%- if cookiecutter.allow_signup %}


async def test_an_account_opened_by_a_provider_login_records_that_login_alone(browser, provider):
    account = provider.add(Account("9101", "ada@example.com", login="ada"))

    answer = await browser.log_in(provider, account)

    assert answer.status_code == 200, answer.text
    assert await kinds_of(await User.get(username="ada")) == [("login_succeeded", {"method": provider.name})]
{%- endif %}


async def test_a_deactivated_users_provider_login_is_recorded_as_refused(browser, provider, link_to_new_user):
    account = provider.add(Account("9002", "alice@example.com", login="alice"))
    user = await link_to_new_user(browser, provider, account)
    await User.filter(id=user.id).update(is_active=False)

    answer = await browser.log_in(provider, account)

    assert answer.status_code == 403
    assert (await kinds_of(user))[-1] == ("login_failed", {"method": provider.name, "reason": "inactive"})


async def test_an_unlink_is_recorded(browser, provider, make_user, get_token):
    user = await make_user()
    token = await get_token()
    account = provider.add(Account("9003", "alice@example.com", login="alice"))
    await browser.link(provider, token, account)
    identity = await Identity.get(user_id=user.id)

    answer = await browser.app.delete(f"/users/me/identities/{identity.id}", headers=bearer(token))
    missing = await browser.app.delete(f"/users/me/identities/{identity.id}", headers=bearer(token))

    assert (answer.status_code, missing.status_code) == (204, 404)
    assert (await kinds_of(user))[-1] == ("identity_unlinked", {"provider": provider.name})
    assert [kind for kind, _ in await kinds_of(user)].count("identity_unlinked") == 1


async def test_a_replayed_code_is_recorded_as_reuse(
    browser, frontend: Browser, provider: FakeProvider, link_to_new_user
):
    account = provider.add(Account("9004", "alice@example.com", login="alice"))
    user = await link_to_new_user(browser, provider, account)
    code, verifier = await land(frontend, provider, account)
    first = await exchange(frontend, code, verifier)

    replay = await exchange(frontend, code, verifier)

    assert (first.status_code, replay.status_code) == (200, 400)
    session = await session_of(first.json())
    assert (await kinds_of(user))[-1] == ("refresh_reused", {"session": session, "token": "code"})


async def test_a_code_replayed_again_and_again_is_recorded_once(
    browser, frontend: Browser, provider: FakeProvider, link_to_new_user
):
    account = provider.add(Account("9005", "alice@example.com", login="alice"))
    user = await link_to_new_user(browser, provider, account)
    code, verifier = await land(frontend, provider, account)
    assert (await exchange(frontend, code, verifier)).status_code == 200

    answers = [(await exchange(frontend, code, verifier)).status_code for _ in range(4)]

    assert answers == [400] * 4
    assert [kind for kind, _ in await kinds_of(user)].count("refresh_reused") == 1
