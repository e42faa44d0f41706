"""A second factor through the API: setting up an authenticator app, logging in with its codes or a
recovery code, and every replay of a code or an mfa_token refused with nothing changed."""

from datetime import UTC, datetime, timedelta

import pyotp
import pytest

from {{ cookiecutter.package_name }}.mfa.logins import GRANT_TYPE
from {{ cookiecutter.package_name }}.mfa.models import Authenticator, PendingLogin, RecoveryCode
from {{ cookiecutter.package_name }}.models import RefreshToken, SecurityEvent

from ..conftest import PASSWORD, bearer
from ..test_reauthentication import challenge, claims, log_in, stale
from .conftest import enrol, finish, password_login, wrong_code


async def test_setting_up_an_app_shows_its_secret_once_and_its_first_code_turns_it_on(client, make_user, get_token):
    await make_user()
    token = await get_token()

    begun = await client.post("/users/me/mfa/totp", headers=bearer(token))

    assert begun.status_code == 201
    body = begun.json()
    assert body["otpauth_uri"] == pyotp.TOTP(body["secret"]).provisioning_uri(
        name="alice", issuer_name={{ cookiecutter.project_name | pystr }}
    )
    assert body["qr_code_svg"].startswith("<svg")
    # Sealed at rest: the row does not hold the secret.
    [row] = await Authenticator.all()
    assert body["secret"] not in row.secret
    assert row.confirmed_at is None
    # Not a factor until confirmed: a login still needs the password alone.
    assert "access_token" in await password_login(client)

    wrong = await client.post(
        "/users/me/mfa/totp/confirm", json={"code": wrong_code(body["secret"])}, headers=bearer(token)
    )
    assert wrong.status_code == 400
    assert (await Authenticator.get()).confirmed_at is None
    confirmed = await client.post(
        "/users/me/mfa/totp/confirm", json={"code": pyotp.TOTP(body["secret"]).now()}, headers=bearer(token)
    )

    assert confirmed.status_code == 200
    codes = confirmed.json()["recovery_codes"]
    assert len(codes) == len(set(codes)) == 10
    assert not await RecoveryCode.filter(code_hash__in=codes).exists()
    factors = await client.get("/users/me/mfa", headers=bearer(token))
    assert factors.json()["recovery_codes_remaining"] == 10
    assert factors.json()["totp"]["last_used_at"] is not None
    [added] = await SecurityEvent.filter(kind="factor_added")
    assert added.detail == {"factor": "totp"}


async def test_a_password_login_then_asks_for_a_code_and_the_code_finishes_it(client, enrolled):
    sessions_before = await RefreshToken.all().count()

    asked = await client.post("/auth/token", data={"grant_type": "password", "username": "alice", "password": PASSWORD})

    assert asked.status_code == 403
    assert asked.headers["cache-control"] == "no-store"
    body = asked.json()
    assert body["error"] == "mfa_required"
    assert body["mfa_methods"] == "otp recovery_code"
    assert "access_token" not in body
    assert await RefreshToken.all().count() == sessions_before

    finished = await finish(client, body["mfa_token"], otp=enrolled.code())

    assert finished.status_code == 200, finished.text
    tokens = finished.json()
    assert claims(tokens["access_token"])["amr"] == ["pwd", "otp", "mfa"]
    assert claims(tokens["access_token"])["acr"] == "aal2"
    assert tokens["device_token"]
    assert (await client.get("/users/me", headers=bearer(tokens["access_token"]))).status_code == 200
    # A refresh keeps how the login was made.
    refresh = {"grant_type": "refresh_token", "refresh_token": tokens["refresh_token"]}
    refreshed = await client.post("/auth/token", data=refresh)
    assert claims(refreshed.json()["access_token"])["amr"] == ["pwd", "otp", "mfa"]
    succeeded = await SecurityEvent.filter(kind="login_succeeded").order_by("-id").first()
    assert succeeded.detail == {"method": "password", "factor": "totp"}


async def test_a_used_code_and_an_older_one_are_refused(client, enrolled):
    first = await password_login(client)
    assert (await finish(client, first["mfa_token"], otp=enrolled.code(1))).status_code == 200
    sessions = await RefreshToken.all().count()

    for replayed in (enrolled.code(1), enrolled.code()):
        again = await password_login(client)
        refused = await finish(client, again["mfa_token"], otp=replayed)

        assert refused.status_code == 400
        assert refused.json()["error"] == "invalid_grant"
    assert await RefreshToken.all().count() == sessions


async def test_an_mfa_token_works_once(client, enrolled):
    asked = await password_login(client)
    assert (await finish(client, asked["mfa_token"], otp=enrolled.code())).status_code == 200
    sessions = await RefreshToken.all().count()

    again = await finish(client, asked["mfa_token"], otp=enrolled.code(1))

    assert again.status_code == 400
    assert again.json()["error_description"].startswith("The mfa_token is invalid, expired or already used")
    assert await RefreshToken.all().count() == sessions


async def test_an_expired_mfa_token_is_refused(client, enrolled):
    asked = await password_login(client)
    await PendingLogin.all().update(expires_at=datetime.now(UTC) - timedelta(seconds=1))

    refused = await finish(client, asked["mfa_token"], otp=enrolled.code())

    assert refused.status_code == 400
    assert not await RefreshToken.filter(amr__contains="otp").exists()


async def test_wrong_codes_past_the_limit_spend_the_mfa_token(client, enrolled, settings):
    asked = await password_login(client)
    for _ in range(settings.mfa_token_failures):
        assert (await finish(client, asked["mfa_token"], otp=enrolled.wrong_code())).status_code == 400

    refused = await finish(client, asked["mfa_token"], otp=enrolled.code())

    assert refused.status_code == 400
    assert refused.json()["error_description"].startswith("The mfa_token is invalid")
    assert await SecurityEvent.filter(kind="login_failed").count() == settings.mfa_token_failures


async def test_wrong_codes_for_the_account_hold_back_its_codes_but_never_its_recovery_codes(client, enrolled, settings):
    settings.mfa_token_failures = 100
    asked = await password_login(client)
    for _ in range(settings.mfa_code_failures):
        assert (await finish(client, asked["mfa_token"], otp=enrolled.wrong_code())).status_code == 400

    held_back = await finish(client, asked["mfa_token"], otp=enrolled.code())

    assert held_back.status_code == 429
    assert int(held_back.headers["retry-after"]) > 0
    recovered = await finish(client, asked["mfa_token"], recovery_code=enrolled.recovery_codes[0])
    assert recovered.status_code == 200, recovered.text


async def test_a_recovery_code_works_once_in_any_case_and_the_owner_is_told(client, enrolled):
    code = enrolled.recovery_codes[0]
    asked = await password_login(client)

    finished = await finish(client, asked["mfa_token"], recovery_code=code.lower().replace("-", " "))

    assert finished.status_code == 200, finished.text
    assert claims(finished.json()["access_token"])["amr"] == ["pwd", "otp", "mfa"]
    [used] = await SecurityEvent.filter(kind="recovery_code_used")
    assert used.detail == {"remaining": 9}
    again = await password_login(client)
    spent = await finish(client, again["mfa_token"], recovery_code=code)
    assert spent.status_code == 400
    assert spent.json()["error"] == "invalid_grant"


@pytest.mark.parametrize(
    "form",
    [{}, {"otp": "123456", "recovery_code": "ABCD"}, {"mfa_token": "x"}],
    ids=["nothing", "both", "no-factor"],
)
async def test_a_malformed_mfa_grant_is_invalid_request(client, form):
    answer = await client.post("/auth/token", data={"grant_type": GRANT_TYPE, **form})

    assert answer.status_code == 400
    assert answer.json()["error"] == "invalid_request"


async def test_a_logout_everywhere_ends_the_logins_waiting_for_a_factor(client, enrolled):
    asked = await password_login(client)
    assert (await client.post("/auth/logout-all", headers=bearer(enrolled.access_token))).status_code == 204

    refused = await finish(client, asked["mfa_token"], otp=enrolled.code())

    assert refused.status_code == 400


async def test_removing_the_app_needs_a_login_with_it(client, enrolled):
    # The token of the login that set it up used the password alone.
    refused = await client.delete("/users/me/mfa/totp", headers=bearer(enrolled.access_token))

    assert refused.status_code == 401
    assert challenge(refused)["acr_values"] == "aal2"
    assert await Authenticator.exists()
    asked = await password_login(client)
    with_factor = (await finish(client, asked["mfa_token"], otp=enrolled.code())).json()["access_token"]

    removed = await client.delete("/users/me/mfa/totp", headers=bearer(with_factor))

    assert removed.status_code == 204
    assert not await Authenticator.exists()
    assert not await RecoveryCode.exists()
    assert "access_token" in await password_login(client)
    [event] = await SecurityEvent.filter(kind="factor_removed")
    assert event.detail == {"factor": "totp"}


async def test_new_recovery_codes_need_a_login_with_the_factor_and_replace_the_old_ones(client, enrolled):
    # The session that set the app up used the password alone.
    refused = await client.post("/users/me/mfa/recovery-codes", headers=bearer(enrolled.access_token))
    asked = await password_login(client)
    with_factor = (await finish(client, asked["mfa_token"], otp=enrolled.code())).json()["access_token"]

    made = await client.post("/users/me/mfa/recovery-codes", headers=bearer(with_factor))

    assert refused.status_code == 401
    assert challenge(refused)["acr_values"] == "aal2"
    assert made.status_code == 200
    assert made.headers["cache-control"] == "no-store"
    fresh = made.json()["recovery_codes"]
    assert not set(fresh) & set(enrolled.recovery_codes)
    again = await password_login(client)
    assert (await finish(client, again["mfa_token"], recovery_code=enrolled.recovery_codes[1])).status_code == 400
    assert (await finish(client, again["mfa_token"], recovery_code=fresh[0])).status_code == 200


async def test_turning_a_factor_on_ends_every_other_session(client, make_user):
    await make_user()
    # One opened with a phished password, say, before the owner set the app up.
    other = await password_login(client)
    own = await password_login(client)

    await enrol(client, own["access_token"])

    assert (await client.get("/users/me", headers=bearer(other["access_token"]))).status_code == 401
    refresh = {"grant_type": "refresh_token", "refresh_token": other["refresh_token"]}
    assert (await client.post("/auth/token", data=refresh)).status_code == 400
    assert (await client.get("/users/me", headers=bearer(own["access_token"]))).status_code == 200


async def test_logins_stopped_at_the_factor_count_against_the_account_limit(client, enrolled, settings):
    # The login that set the app up, and two stopped at it.
    settings.logins_per_account_per_hour = 3
    for _ in range(2):
        assert (await password_login(client))["error"] == "mfa_required"

    refused = await client.post(
        "/auth/token", data={"grant_type": "password", "username": "alice", "password": PASSWORD}
    )

    assert refused.status_code == 429


async def test_the_secret_and_the_codes_are_never_cached(client, make_user, get_token):
    await make_user()
    token = await get_token()
    begun = await client.post("/users/me/mfa/totp", headers=bearer(token))
    confirmed = await client.post(
        "/users/me/mfa/totp/confirm",
        json={"code": pyotp.TOTP(begun.json()["secret"]).now()},
        headers=bearer(token),
    )

    assert begun.headers["cache-control"] == "no-store"
    assert confirmed.headers["cache-control"] == "no-store"


async def test_a_finished_login_may_narrow_its_scopes(client, make_user, get_token):
    await make_user(scopes=("me", "users:read"))
    enrolled = await enrol(client, await get_token())
    asked = await password_login(client)

    finished = await finish(client, asked["mfa_token"], otp=enrolled.code(), scope="me")

    assert finished.json()["scope"] == "me"


async def test_a_second_app_cannot_be_set_up_over_the_first(client, enrolled):
    again = await client.post("/users/me/mfa/totp", headers=bearer(enrolled.access_token))

    assert again.status_code == 409
    assert await Authenticator.all().count() == 1


async def test_setting_up_an_app_needs_a_recent_login(client, make_user, settings, keys):
    user = await make_user()
    token = stale(settings, keys, user, await log_in(client))

    refused = await client.post("/users/me/mfa/totp", headers=bearer(token))

    assert refused.status_code == 401
    assert not await Authenticator.exists()
{%- if cookiecutter.email != "none" %}


async def test_an_unverified_email_cannot_take_a_factor_unless_the_setting_allows_it(
    client, make_user, get_token, settings
):
    await make_user(email="victim@example.com")
    settings.mfa_allow_unverified_email = False

    refused = await client.post("/users/me/mfa/totp", headers=bearer(await get_token()))

    assert refused.status_code == 409
    assert "Verify your email address first" in refused.json()["detail"]
    assert not await Authenticator.exists()
    settings.mfa_allow_unverified_email = True
    assert (await client.post("/users/me/mfa/totp", headers=bearer(await get_token()))).status_code == 201


async def test_an_account_without_an_email_may_take_a_factor(client, make_user, get_token, settings):
    await make_user()
    settings.mfa_allow_unverified_email = False

    begun = await client.post("/users/me/mfa/totp", headers=bearer(await get_token()))

    assert begun.status_code == 201
{%- endif %}


async def test_the_grant_is_advertised_and_documented(client):
    metadata = (await client.get("/.well-known/oauth-authorization-server")).json()
    document = (await client.get("/openapi.json")).json()

    assert GRANT_TYPE in metadata["grant_types_supported"]
    token = document["paths"]["/auth/token"]["post"]
    form = token["requestBody"]["content"]["application/x-www-form-urlencoded"]["schema"]
    assert GRANT_TYPE in form["properties"]["grant_type"]["enum"]
    assert {"mfa_token", "otp", "recovery_code"} <= set(form["properties"])
    assert "mfa_required" in token["responses"]["403"]["description"]
