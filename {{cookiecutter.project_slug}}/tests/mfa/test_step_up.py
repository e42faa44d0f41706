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


@pytest.mark.parametrize(
    ("scopes", "refusal"),
    [
        ("users:read,no-such:scope", "names scopes this service does not have: no-such:scope"),
        ("me", "cannot name me: setting up a second factor needs it"),
    ],
)
def test_scopes_that_cannot_be_required_are_refused_at_start_up(settings, scopes, refusal):
    with pytest.raises(ValueError, match=refusal):
        Settings.model_validate(settings.model_dump() | {"mfa_required_scopes": scopes})


async def test_a_code_alone_steps_a_session_up_to_a_recent_login_with_a_factor(client, make_user):
    await make_user()
    session = await log_in(client)
    enrolled = await enrol(client, session["access_token"])
    step_up = {"grant_type": GRANT_TYPE, "refresh_token": session["refresh_token"]}

    wrong = await client.post("/auth/token", data=step_up | {"otp": enrolled.wrong_code()})
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


async def test_a_spent_refresh_token_is_a_reuse_for_the_step_up_too(client, make_user):
    await make_user()
    session = await log_in(client)
    enrolled = await enrol(client, session["access_token"])
    refresh = {"grant_type": "refresh_token", "refresh_token": session["refresh_token"]}
    assert (await client.post("/auth/token", data=refresh)).status_code == 200

    replayed = await client.post(
        "/auth/token",
        data={"grant_type": GRANT_TYPE, "refresh_token": session["refresh_token"], "otp": enrolled.code()},
    )

    assert replayed.status_code == 400
    assert "used before" in replayed.json()["error_description"]
    assert not await RefreshToken.filter(revoked_at__isnull=True).exists()
    assert await SecurityEvent.filter(kind="refresh_reused").exists()


async def test_wrong_codes_at_a_step_up_past_the_limit_end_the_session(client, make_user, settings):
    await make_user()
    session = await log_in(client)
    enrolled = await enrol(client, session["access_token"])
    step_up = {"grant_type": GRANT_TYPE, "refresh_token": session["refresh_token"]}
    for number in range(settings.mfa_token_failures):
        assert (
            await client.post("/auth/token", data=step_up | {"recovery_code": f"WRONG-{number}"})
        ).status_code == 400

    ended = await client.post("/auth/token", data=step_up | {"otp": enrolled.code()})

    # As an mfa_token dies after its wrong codes, the session guessed with ends.
    assert ended.status_code == 400
    assert ended.json()["error_description"].startswith("Too many wrong codes for this session")
    assert not await RefreshToken.filter(revoked_at__isnull=True).exists()


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
    own = await client.delete(f"/users/{admin.id}/mfa", headers=bearer(await get_token("admin")))
    assert own.status_code == 409


async def test_an_admin_with_a_factor_removes_others_only_with_a_login_that_used_it(client, make_user, get_token):
    admin = await make_user("admin", scopes=("me", "users:write"))
    session = await log_in(client, "admin")
    enrolled = await enrol(client, session["access_token"])
    bob = await make_user("bob")
    await enrol(client, await get_token("bob"))

    refused = await client.delete(f"/users/{bob.id}/mfa", headers=bearer(session["access_token"]))
    asked = await log_in(client, "admin")
    with_factor = (await finish(client, asked["mfa_token"], otp=enrolled.code())).json()["access_token"]
    removed = await client.delete(f"/users/{bob.id}/mfa", headers=bearer(with_factor))

    assert refused.status_code == 401
    assert challenge(refused)["acr_values"] == "aal2"
    assert removed.status_code == 204
    assert await Authenticator.filter(user_id=admin.id).exists()
    assert not await Authenticator.filter(user_id=bob.id).exists()
