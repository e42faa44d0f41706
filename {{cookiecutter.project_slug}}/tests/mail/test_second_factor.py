"""Email and the second factor: a link that signs in still asks for the factor, and adding a factor
or using a recovery code is told to the verified address."""

from ..conftest import PASSWORD
from ..mfa.conftest import enrol, finish
from ..test_reauthentication import claims
from .conftest import text_of
from .test_password_reset import ask_for_reset, verified_user

NEW_PASSWORD = "a passphrase of the owner's"


async def test_a_reset_link_sets_the_password_and_still_asks_for_the_factor(client, make_user, get_token, mailbox):
    await verified_user(make_user)
    enrolled = await enrol(client, await get_token())
    [added] = await mailbox.wait_for("alice@example.com")
    assert added["Subject"].endswith("A second factor was added")
    assert "asks for a code from an authenticator app" in text_of(added)

    token = await ask_for_reset(client, mailbox, count=2)
    asked = await client.post("/auth/reset-password", json={"token": token, "password": NEW_PASSWORD})

    assert asked.status_code == 403
    assert asked.json()["error"] == "mfa_required"
    finished = await finish(client, asked.json()["mfa_token"], otp=enrolled.code())
    assert finished.status_code == 200, finished.text
    assert claims(finished.json()["access_token"])["amr"] == ["email", "otp", "mfa"]
    # The device token a reset gives comes with the finished login.
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
