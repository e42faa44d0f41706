"""Email and the second factor: a link that signs in still asks for the factor, and adding a factor
or using a recovery code is told to the verified address."""

from {{ cookiecutter.package_name }}.mail.routes import LINK_REFUSALS, UNUSABLE

from ..conftest import PASSWORD, bearer
from ..mfa.conftest import enrol, finish
from ..test_reauthentication import claims
from .conftest import text_of
from .test_password_reset import ask_for_reset, verified_user

NEW_PASSWORD = "a passphrase of the owner's"


async def test_a_reset_link_does_nothing_until_the_factor_comes_with_it(client, make_user, get_token, mailbox):
    await verified_user(make_user)
    session = await client.post(
        "/auth/token", data={"grant_type": "password", "username": "alice", "password": PASSWORD}
    )
    enrolled = await enrol(client, session.json()["access_token"])
    [added] = await mailbox.wait_for("alice@example.com")
    assert added["Subject"].endswith("A second factor was added")
    assert "asks for a code from an authenticator app" in text_of(added)
    token = await ask_for_reset(client, mailbox, count=2)
    reset = {"token": token, "password": NEW_PASSWORD}

    asked = await client.post("/auth/reset-password", json=reset)
    wrong = await client.post("/auth/reset-password", json=reset | {"otp": enrolled.wrong_code()})

    # Whoever reads the mailbox alone changes nothing: the password, the session and the link stand.
    assert asked.status_code == 403
    assert asked.json()["error"] == "mfa_required"
    assert asked.json()["mfa_methods"] == "otp recovery_code"
    assert "mfa_token" not in asked.json()
    assert wrong.status_code == 400
    assert wrong.json()["error"] == "invalid_grant"
    assert (await client.get("/users/me", headers=bearer(enrolled.access_token))).status_code == 200
    finished = await client.post("/auth/reset-password", json=reset | {"otp": enrolled.code()})
    assert finished.status_code == 200, finished.text
    assert claims(finished.json()["access_token"])["amr"] == ["email", "otp", "mfa"]
    assert finished.json()["device_token"]
    old = await client.post("/auth/token", data={"grant_type": "password", "username": "alice", "password": PASSWORD})
    assert old.json()["error"] == "invalid_grant"


async def test_using_a_recovery_code_is_told_with_how_many_remain(client, make_user, get_token, mailbox):
    await verified_user(make_user)
    enrolled = await enrol(client, await get_token())
    form = {"grant_type": "password", "username": "alice", "password": PASSWORD}
    asked = (await client.post("/auth/token", data=form)).json()

    finished = await finish(client, asked["mfa_token"], recovery_code=enrolled.recovery_codes[0])

    assert finished.status_code == 200
    notices = await mailbox.wait_for("alice@example.com", 2)
    [used] = [notice for notice in notices if notice["Subject"].endswith("A recovery code was used")]
    assert "9 remain" in text_of(used)


async def test_wrong_codes_past_the_limit_spend_the_link(client, make_user, get_token, mailbox):
    await verified_user(make_user)
    enrolled = await enrol(client, await get_token())
    await mailbox.wait_for("alice@example.com")
    reset = {"token": await ask_for_reset(client, mailbox, count=2), "password": NEW_PASSWORD}
    for _ in range(LINK_REFUSALS):
        assert (
            await client.post("/auth/reset-password", json=reset | {"otp": enrolled.wrong_code()})
        ).status_code == 400

    spent = await client.post("/auth/reset-password", json=reset | {"otp": enrolled.code()})

    assert spent.status_code == 400
    assert spent.json() == {"detail": UNUSABLE}
    assert (
        await client.post("/auth/token", data={"grant_type": "password", "username": "alice", "password": PASSWORD})
    ).json()["error"] == "mfa_required"
