"""An account with an authenticator app set up through the API, and codes from it as the app shows them."""

import time
from dataclasses import dataclass

import pyotp
import pytest

from {{ cookiecutter.package_name }}.mfa.logins import GRANT_TYPE
from {{ cookiecutter.package_name }}.settings import Settings

from ..conftest import PASSWORD, bearer

STEP_SECONDS = 30


@dataclass
class Enrolled:
    """The app's secret, the recovery codes shown once, and a token of the login that set it up."""

    secret: str
    recovery_codes: list[str]
    access_token: str

    def code(self, steps_ahead: int = 0) -> str:
        """The code the app shows now, or `steps_ahead` steps later (within the drift allowed)."""
        return pyotp.TOTP(self.secret).at(time.time() + steps_ahead * STEP_SECONDS)

    def wrong_code(self) -> str:
        return wrong_code(self.secret)


def wrong_code(secret: str) -> str:
    """Six digits that no step within the drift allowed has for `secret`."""
    totp = pyotp.TOTP(secret)
    right = {totp.at(time.time() + steps * STEP_SECONDS) for steps in range(-2, 3)}
    return next(code for code in (f"{number:06d}" for number in range(10)) if code not in right)


@pytest.fixture
def settings(settings: Settings) -> Settings:
{%- if cookiecutter.email != "none" %}
    # The rule on unverified addresses has tests of its own (test_totp.py).
    settings.mfa_allow_unverified_email = True
{%- endif %}
    return settings


async def enrol(client, access_token: str) -> Enrolled:
    begun = await client.post("/users/me/mfa/totp", headers=bearer(access_token))
    assert begun.status_code == 201, begun.text
    secret = begun.json()["secret"]
    # The step before now's (within the drift allowed), so that the test has now's and the next one's.
    first = pyotp.TOTP(secret).at(time.time() - STEP_SECONDS)
    confirmed = await client.post("/users/me/mfa/totp/confirm", json={"code": first}, headers=bearer(access_token))
    assert confirmed.status_code == 200, confirmed.text
    return Enrolled(secret, confirmed.json()["recovery_codes"], access_token)


@pytest.fixture
async def enrolled(client, make_user, get_token) -> Enrolled:
    """alice, with an authenticator app set up: codes of now and of the next step are unused."""
    await make_user()
    return await enrol(client, await get_token())


async def password_login(client, password: str = PASSWORD) -> dict:
    form = {"grant_type": "password", "username": "alice", "password": password}
    return (await client.post("/auth/token", data=form)).json()


async def finish(client, mfa_token: str, **factor: str):
    return await client.post("/auth/token", data={"grant_type": GRANT_TYPE, "mfa_token": mfa_token, **factor})
