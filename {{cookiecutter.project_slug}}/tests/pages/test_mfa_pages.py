"""The pages' second step of a sign-in: POST /account/session finishes a sign-in that its first
step answered with mfa_required, with a code of the authenticator app or a recovery code, and
sets the cookies any sign-in sets; a refused code sets none and leaves the sign-in waiting."""

import pytest

from {{ cookiecutter.package_name }}.models import Client, RefreshToken
{%- if cookiecutter.email != "none" %}
from {{ cookiecutter.package_name }}.settings import Settings
{%- endif %}

from ..conftest import bearer
from ..mfa.conftest import Enrolled, enrolled  # noqa: F401 (the fixture)
from ..test_reauthentication import claims
from .test_browser_session import SIGN_IN, cookies_set

# What a password sign-in to an account with a factor answers, and how the page finishes it.
FACTORS_ASKED = "otp recovery_code"
WITH_A_FACTOR = ["pwd", "otp", "mfa"]
{%- if cookiecutter.email != "none" %}


@pytest.fixture
def settings(settings: Settings) -> Settings:
    # The rule on unverified addresses has tests of its own (tests/mfa/test_totp.py).
    settings.mfa_allow_unverified_email = True
    return settings
{%- endif %}


async def pages_sessions() -> int:
    """The live sessions the pages opened."""
    return await RefreshToken.filter(client=Client.PAGES, used_at__isnull=True, revoked_at__isnull=True).count()


async def first_step(pages) -> str:
    """A password sign-in on the pages, which the account's factor stops: its mfa_token."""
    asked = await pages.post("/account/session", json=SIGN_IN)
    assert asked.status_code == 403, asked.text
    assert asked.json()["error"] == "mfa_required"
    assert asked.json()["mfa_methods"] == FACTORS_ASKED
    assert "set-cookie" not in asked.headers
    return asked.json()["mfa_token"]


async def second_step(pages, mfa_token: str, **factor: str):
    return await pages.post("/account/session", json={"grant_type": "mfa", "mfa_token": mfa_token, **factor})


@pytest.mark.parametrize("factor", ["otp", "recovery_code"])
async def test_a_sign_in_finished_with_a_factor_sets_the_cookies_of_any_sign_in(
    pages,
    enrolled: Enrolled,  # noqa: F811 (the fixture)
    factor,
):
    token = await first_step(pages)
    given = enrolled.code() if factor == "otp" else enrolled.recovery_codes[0]

    answer = await second_step(pages, token, **{factor: given})

    assert answer.status_code == 200, answer.text
    # The access token alone: the refresh and device tokens go in cookies no script reads.
    assert set(answer.json()) == {"access_token", "token_type", "expires_in", "scope"}
    assert answer.json()["scope"] == "me"
    cookies = cookies_set(answer)
    assert set(cookies) == {"__Host-account_refresh", "__Host-account_device"}
    assert all(cookie["httponly"] and cookie["secure"] for cookie in cookies.values())
    assert claims(answer.json()["access_token"])["amr"] == WITH_A_FACTOR
    assert (await pages.get("/users/me", headers=bearer(answer.json()["access_token"]))).status_code == 200
    # The cookie goes on signed in, as a login that used its factor.
    refreshed = await pages.post("/account/session", json={"grant_type": "refresh_token"})
    assert refreshed.status_code == 200, refreshed.text
    assert claims(refreshed.json()["access_token"])["amr"] == WITH_A_FACTOR


async def test_a_wrong_code_sets_no_cookie_and_the_sign_in_waits_for_the_right_one(
    pages,
    enrolled: Enrolled,  # noqa: F811 (the fixture)
):
    token = await first_step(pages)

    # A code of a step long past, and no code.
    wrong = await second_step(pages, token, otp=enrolled.code(-3))
    missing = await second_step(pages, token)

    assert wrong.status_code == 400
    assert wrong.json() == {"error": "invalid_grant", "error_description": "The code is wrong, or was used before"}
    assert missing.status_code == 400
    assert missing.json()["error"] == "invalid_request"
    assert "set-cookie" not in wrong.headers
    assert "set-cookie" not in missing.headers
    assert await pages_sessions() == 0
    right = await second_step(pages, token, otp=enrolled.code())
    assert right.status_code == 200, right.text
    assert await pages_sessions() == 1


async def test_a_sign_in_again_replaces_the_browsers_session_only_once_its_factor_is_given(
    pages,
    enrolled: Enrolled,  # noqa: F811 (the fixture)
):
    assert (await second_step(pages, await first_step(pages), otp=enrolled.code())).status_code == 200
    before = await RefreshToken.get(client=Client.PAGES)

    token = await first_step(pages)
    # Stopped at its first step, a re-authentication leaves the browser signed in as it was.
    assert await pages_sessions() == 1
    answer = await second_step(pages, token, otp=enrolled.code(1))

    assert answer.status_code == 200, answer.text
    assert await pages_sessions() == 1
    assert (await RefreshToken.get(id=before.id)).revoked_at is not None
