"""A third-party OAuth 2 client (requests-oauthlib) logs in to an account with a second factor: the
password grant answers mfa_required, and oauthlib's Client, given the mfa grant's name, finishes it."""

import time

import pyotp
import pytest
import requests
from oauthlib.oauth2 import BackendApplicationClient, LegacyApplicationClient
from oauthlib.oauth2.rfc6749.errors import CustomOAuth2Error
from requests_oauthlib import OAuth2Session

from {{ cookiecutter.package_name }}.mfa.logins import GRANT_TYPE

from ..conftest import PASSWORD


class MfaClient(BackendApplicationClient):
    """oauthlib's way to send a grant of another name: its parameters go as keyword arguments."""

    grant_type = GRANT_TYPE


@pytest.fixture
async def server(start_worker, make_shared_user, monkeypatch) -> str:
    await make_shared_user()
    # oauthlib insists on HTTPS; this server is on loopback.
    monkeypatch.setenv("OAUTHLIB_INSECURE_TRANSPORT", "1")
    return start_worker({% if cookiecutter.email != "none" %}MFA_ALLOW_UNVERIFIED_EMAIL="true"{% endif %})


def enrol(server: str) -> str:
    """Set up an authenticator app through the API with a fresh password login; give its secret."""
    session = OAuth2Session(client=LegacyApplicationClient(client_id="tests"))
    session.fetch_token(f"{server}/auth/token", username="alice", password=PASSWORD)
    secret = session.post(f"{server}/users/me/mfa/totp", timeout=10).json()["secret"]
    first = pyotp.TOTP(secret).at(time.time() - 30)
    assert session.post(f"{server}/users/me/mfa/totp/confirm", json={"code": first}, timeout=10).status_code == 200
    return secret


def test_an_oauth_client_library_finishes_a_login_with_a_code(server):
    secret = enrol(server)
    answered = {}
    password_session = OAuth2Session(client=LegacyApplicationClient(client_id="tests"))

    def keep(response: requests.Response) -> requests.Response:
        # oauthlib raises on an error answer and keeps only the members RFC 6749 names.
        answered.update(response.json(), status=response.status_code)
        return response

    password_session.register_compliance_hook("access_token_response", keep)
    with pytest.raises(CustomOAuth2Error) as refusal:
        password_session.fetch_token(f"{server}/auth/token", username="alice", password=PASSWORD)
    assert refusal.value.error == "mfa_required"
    assert answered["status"] == 403

    session = OAuth2Session(client=MfaClient(client_id="tests"))
    token = session.fetch_token(
        f"{server}/auth/token", mfa_token=answered["mfa_token"], otp=pyotp.TOTP(secret).now(), include_client_id=False
    )
    me = session.get(f"{server}/users/me", timeout=10)

    assert token["token_type"] == "bearer"
    assert me.status_code == 200
    assert me.json()["username"] == "alice"
