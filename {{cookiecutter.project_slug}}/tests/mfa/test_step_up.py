"""Step-up with a second factor (RFC 9470): scopes that need a login with one, a recent login
proved with a factor alone, and an admin removing a user's factors."""

from collections.abc import AsyncIterator

import httpx2
import pytest

from {{ cookiecutter.package_name }}.main import create_app
from {{ cookiecutter.package_name }}.mfa.logins import GRANT_TYPE
from {{ cookiecutter.package_name }}.mfa.models import Authenticator, RecoveryCode
from {{ cookiecutter.package_name }}.models import RefreshToken, SecurityEvent
from {{ cookiecutter.package_name }}.settings import Settings

from ..conftest import PASSWORD, bearer
from ..test_reauthentication import challenge, claims
from .conftest import enrol, finish, password_login


async def log_in(client, username: str = "alice") -> dict:
    form = {"grant_type": "password", "username": username, "password": PASSWORD}
    return (await client.post("/auth/token", data=form)).json()


@pytest.fixture
async def guarded(settings, db) -> AsyncIterator[httpx2.AsyncClient]:
    """A client of the app deployed with MFA_REQUIRED_SCOPES=users:read."""
    settings.mfa_required_scopes = ["users:read"]
    transport = httpx2.ASGITransport(app=create_app(settings))
    async with httpx2.AsyncClient(transport=transport, base_url="http://testserver") as client:
        yield client


async def test_a_scope_that_needs_a_second_factor_refuses_a_token_without_one(guarded, make_user):
    await make_user(scopes=("me", "users:read"))
    password_only = (await log_in(guarded))["access_token"]
    enrolled = await enrol(guarded, password_only)

    refused = await guarded.get("/users", headers=bearer(password_only))

    assert refused.status_code == 401
    assert challenge(refused)["error"] == "insufficient_user_authentication"
    assert challenge(refused)["acr_values"] == "aal2"
    # The other scopes' routes take it as ever.
    assert (await guarded.get("/users/me", headers=bearer(password_only))).status_code == 200
    asked = await password_login(guarded)
    with_factor = (await finish(guarded, asked["mfa_token"], otp=enrolled.code())).json()["access_token"]
    assert (await guarded.get("/users", headers=bearer(with_factor))).status_code == 200


def test_a_scope_that_does_not_exist_is_refused_at_start_up(settings):
    with pytest.raises(ValueError, match="names scopes this service does not have: reports:read"):
        Settings.model_validate(settings.model_dump() | {"mfa_required_scopes": "users:read,reports:read"})


async def test_a_code_alone_steps_a_session_up_to_a_recent_login_with_a_factor(client, make_user):
    await make_user()
    session = await log_in(client)
    enrolled = await enrol(client, session["access_token"])
    step_up = {"grant_type": GRANT_TYPE, "refresh_token": session["refresh_token"]}

    wrong = await client.post("/auth/token", data=step_up | {"otp": "000000"})
    stepped = await client.post("/auth/token", data=step_up | {"otp": enrolled.code()})

    # A wrong code spends nothing: the right one then goes through.
    assert wrong.status_code == 400
    assert stepped.status_code == 200, stepped.text
    access = claims(stepped.json()["access_token"])
    assert access["amr"] == ["pwd", "otp", "mfa"]
    old = claims(session["access_token"])["sid"]
    assert access["sid"] != old
    # The new session replaces the old one, whose refresh token is spent.
    assert not await RefreshToken.filter(family=old, revoked_at__isnull=True).exists()
    replayed = await client.post("/auth/token", data=step_up | {"otp": enrolled.code(1)})
    assert replayed.status_code == 400
    removed = await client.delete("/users/me/mfa/totp", headers=bearer(stepped.json()["access_token"]))
    assert removed.status_code == 204


async def test_an_admin_removes_a_users_factors_and_no_one_else_may(client, make_user, get_token):
    alice = await make_user()
    await enrol(client, await get_token())
    admin = await make_user("admin", scopes=("me", "users:write"))
    await make_user("bob")

    refused = await client.delete(f"/users/{alice.id}/mfa", headers=bearer(await get_token("bob")))
    removed = await client.delete(f"/users/{alice.id}/mfa", headers=bearer(await get_token("admin")))

    assert refused.status_code == 403
    assert removed.status_code == 204
    assert not await Authenticator.exists()
    assert not await RecoveryCode.exists()
    assert "access_token" in await log_in(client)
    [event] = await SecurityEvent.filter(kind="factor_removed")
    assert (event.user_id, event.actor_id, event.detail) == (alice.id, admin.id, {"factor": "totp"})
    unknown = await client.delete("/users/999/mfa", headers=bearer(await get_token("admin")))
    assert unknown.status_code == 404
