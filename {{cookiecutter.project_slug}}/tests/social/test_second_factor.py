"""A provider login to an account with a second factor asks for it before any code or token is
issued: as JSON, or landing on the frontend with the mfa_token in the URL fragment."""

from urllib.parse import parse_qs, urlsplit

from {{ cookiecutter.package_name }}.mfa.models import PendingLogin
from {{ cookiecutter.package_name }}.models import RefreshToken, SecurityEvent
from {{ cookiecutter.package_name }}.social.models import AuthorizationCode

from ..mfa.conftest import Enrolled, enrol, finish
from ..test_reauthentication import claims
from .conftest import pkce
from fake_providers.provider import Account


async def linked_with_factor(browser, provider, link_to_new_user, get_token, settings) -> tuple[Account, Enrolled]:
{%- if cookiecutter.email != "none" %}
    settings.mfa_allow_unverified_email = True
{%- endif %}
    account = provider.add(Account("1901", "alice@example.com", login="alice"))
    await link_to_new_user(browser, provider, account)
    return account, await enrol(browser.app, await get_token())


async def test_a_provider_login_asks_for_the_factor_and_the_factor_finishes_it(
    browser, provider, link_to_new_user, get_token, settings
):
    account, enrolled = await linked_with_factor(browser, provider, link_to_new_user, get_token, settings)
    sessions = await RefreshToken.all().count()

    asked = await browser.log_in(provider, account)

    assert asked.status_code == 403, asked.text
    assert asked.json()["error"] == "mfa_required"
    assert await RefreshToken.all().count() == sessions
    logins = await SecurityEvent.filter(kind="login_succeeded").values_list("detail", flat=True)
    assert provider.name not in [login["method"] for login in logins]
    finished = await finish(browser.app, asked.json()["mfa_token"], otp=enrolled.code())
    assert finished.status_code == 200, finished.text
    assert claims(finished.json()["access_token"])["amr"] == ["fed", "otp", "mfa"]
    assert (await PendingLogin.get()).method == provider.name


async def test_with_a_frontend_the_browser_lands_asking_for_the_factor_and_no_code(
    browser, frontend, provider, link_to_new_user, get_token, settings
):
    account, enrolled = await linked_with_factor(browser, provider, link_to_new_user, get_token, settings)

    answer = await frontend.log_in(provider, account, **pkce()[1])

    assert answer.status_code == 303
    target = urlsplit(answer.headers["location"])
    assert target.query == ""
    landed = {name: value for name, (value,) in parse_qs(target.fragment).items()}
    assert landed["error"] == "mfa_required"
    assert landed["mfa_methods"] == "otp recovery_code"
    assert not await AuthorizationCode.exists()
    finished = await finish(frontend.app, landed["mfa_token"], recovery_code=enrolled.recovery_codes[0])
    assert finished.status_code == 200, finished.text


async def test_a_code_kept_from_before_the_factor_was_turned_on_asks_for_it(
    browser, frontend, provider, link_to_new_user, get_token, settings
):
    account = provider.add(Account("1902", "alice@example.com", login="alice"))
    await link_to_new_user(browser, provider, account)
    verifier, challenge = pkce()
    landed = await frontend.log_in(provider, account, **challenge)
    (code,) = parse_qs(urlsplit(landed.headers["location"]).fragment)["code"]
{%- if cookiecutter.email != "none" %}
    settings.mfa_allow_unverified_email = True
{%- endif %}
    enrolled = await enrol(browser.app, await get_token())
    sessions = await RefreshToken.all().count()

    exchanged = await frontend.app.post(
        "/auth/token", data={"grant_type": "authorization_code", "code": code, "code_verifier": verifier}
    )

    assert exchanged.status_code == 403, exchanged.text
    assert exchanged.json()["error"] == "mfa_required"
    assert await RefreshToken.all().count() == sessions
    finished = await finish(frontend.app, exchanged.json()["mfa_token"], otp=enrolled.code())
    assert finished.status_code == 200
    assert claims(finished.json()["access_token"])["amr"] == ["fed", "otp", "mfa"]
