"""Device tokens (OWASP's device cookies): an attacker who floods an account with wrong passwords
from many addresses sets off its lockout for everyone but a client that signed in to it before,
whose password logins are limited by that client's device token alone."""

import hashlib
import time

import httpx2
import pytest

from {{ cookiecutter.package_name }}.device_tokens import DEVICE_TOKEN_DAYS, signed
from {{ cookiecutter.package_name }}.models import Attempt, LoginAttempt, User

from .conftest import PASSWORD, bearer
from .test_guessing import account_key

WRONG = "not the password at all"
ATTACKERS = [f"203.0.113.{number}" for number in range(1, 5)]
OWNER = "198.51.100.1"
ELSEWHERE = "198.51.100.2"


async def log_in(
    client: httpx2.AsyncClient,
    password: str = WRONG,
    *,
    address: str,
    device_token: str | None = None,
    username: str = "alice",
) -> httpx2.Response:
    form = {"grant_type": "password", "username": username, "password": password}
    if device_token is not None:
        form["device_token"] = device_token
    return await client.post("/auth/token", data=form, headers={"X-Forwarded-For": address})


async def device_token_of(client: httpx2.AsyncClient, username: str = "alice", address: str = OWNER) -> str:
    """The device token a correct password login answers with."""
    answer = await log_in(client, PASSWORD, address=address, username=username)
    assert answer.status_code == 200, answer.text
    return answer.json()["device_token"]


async def flood(client: httpx2.AsyncClient) -> list[int]:
    """Wrong passwords for alice from four addresses in turn, until every one is refused: the
    statuses answered."""
    return [(await log_in(client, address=address)).status_code for _ in range(6) for address in ATTACKERS]


def device_key(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def refused_by_the_lockout(answer: httpx2.Response) -> None:
    assert answer.status_code == 429
    assert answer.json() == {
        "error": "slow_down",
        "error_description": f"Too many failed logins: try again in {answer.headers['retry-after']} seconds",
    }
    assert 1 <= int(answer.headers["retry-after"]) <= 15 * 60


async def test_the_owner_signs_in_with_the_device_token_of_an_earlier_login_through_a_lockout(behind_proxy, make_user):
    alice = await make_user()
    device_token = await device_token_of(behind_proxy)

    assert await flood(behind_proxy) == [400] * 20 + [429] * 4
    owner = await log_in(behind_proxy, PASSWORD, address=OWNER, device_token=device_token)
    stranger = await log_in(behind_proxy, PASSWORD, address=ELSEWHERE)

    assert owner.status_code == 200, owner.text
    assert owner.headers["cache-control"] == "no-store"
    assert set(owner.json()) == {
        "access_token",
        "token_type",
        "expires_in",
        "scope",
        "refresh_token",
        "device_token",
    }
    # A new one at each login.
    assert owner.json()["device_token"] not in {device_token, ""}
    assert (await behind_proxy.get("/users/me", headers=bearer(owner.json()["access_token"]))).json()["id"] == alice.id
    # Without one, the correct password is still refused, and the lockout stands.
    refused_by_the_lockout(stranger)
    failures = await LoginAttempt.filter(kind=Attempt.PASSWORD).values_list("account", flat=True)
    assert failures == [account_key("alice")] * 20
    assert not await LoginAttempt.filter(kind="device").exists()
    assert await LoginAttempt.filter(kind="login", account=account_key("alice")).count() == 2


async def test_any_earlier_device_token_of_the_account_lets_its_holder_in(behind_proxy, make_user):
    await make_user()
    first = await device_token_of(behind_proxy)
    await device_token_of(behind_proxy)
    await flood(behind_proxy)

    answer = await log_in(behind_proxy, PASSWORD, address=OWNER, device_token=first)

    assert answer.status_code == 200, answer.text


@pytest.mark.parametrize(
    "counterfeit",
    ["forged", "another account's", "expired", "not a token", "empty"],
)
async def test_a_device_token_that_is_not_this_accounts_own_gets_no_one_past_the_lockout(
    behind_proxy, settings, make_user, counterfeit
):
    alice = await make_user()
    await make_user("bob")
    genuine = await device_token_of(behind_proxy)
    presented = {
        "forged": genuine[:-1] + ("0" if genuine[-1] != "0" else "1"),
        "another account's": await device_token_of(behind_proxy, "bob"),
        "expired": signed(settings, alice, int(time.time()) - DEVICE_TOKEN_DAYS * 24 * 60 * 60, "nonce"),
        "not a token": "1.2.3.4",
        "empty": "",
    }[counterfeit]
    await flood(behind_proxy)
    before = await LoginAttempt.all().order_by("id").values()

    answer = await log_in(behind_proxy, PASSWORD, address=OWNER, device_token=presented)

    refused_by_the_lockout(answer)
    assert await LoginAttempt.all().order_by("id").values() == before
    # The genuine token still lets its holder in.
    assert (await log_in(behind_proxy, PASSWORD, address=OWNER, device_token=genuine)).status_code == 200


async def test_guessing_with_a_device_token_locks_out_that_token_alone(behind_proxy, settings, make_user):
    await make_user()
    stolen = await device_token_of(behind_proxy)
    owners = await device_token_of(behind_proxy)
    assert settings.device_lockout_failures == 10

    # From one address: more than the per-address limits allow, which a device token does not spend.
    guesses = [await log_in(behind_proxy, address=ATTACKERS[0], device_token=stolen) for _ in range(12)]
    right_but_locked = await log_in(behind_proxy, PASSWORD, address=ATTACKERS[0], device_token=stolen)

    assert [answer.status_code for answer in guesses] == [400] * 10 + [429] * 2
    assert right_but_locked.status_code == 429
    assert right_but_locked.json() == {
        "error": "slow_down",
        "error_description": "Too many failed logins on this device: try again in "
        f"{right_but_locked.headers['retry-after']} seconds",
    }
    assert 1 <= int(right_but_locked.headers["retry-after"]) <= 15 * 60
    rows = await LoginAttempt.filter(kind="device").values("address", "account", "in_progress")
    assert rows == [{"address": ATTACKERS[0], "account": device_key(stolen), "in_progress": False}] * 10
    assert not await LoginAttempt.filter(kind=Attempt.PASSWORD).exists()
    # The account itself is not locked: its other devices, and clients without a token, sign in.
    assert (await log_in(behind_proxy, PASSWORD, address=OWNER, device_token=owners)).status_code == 200
    assert (await log_in(behind_proxy, PASSWORD, address=ELSEWHERE)).status_code == 200


async def test_a_device_token_with_the_right_password_leaves_no_failure(behind_proxy, make_user):
    alice = await make_user()
    device_token = await device_token_of(behind_proxy)

    answer = await log_in(behind_proxy, PASSWORD, address=OWNER, device_token=device_token)

    assert answer.status_code == 200
    assert not await LoginAttempt.filter(kind__in=[Attempt.PASSWORD, "device"]).exists()
    assert (await User.get(id=alice.id)).last_login_at is not None


async def test_the_openapi_document_describes_the_device_token_both_ways(client):
    schema = (await client.get("/openapi.json")).json()

    token = schema["paths"]["/auth/token"]["post"]
    form = token["requestBody"]["content"]["application/x-www-form-urlencoded"]["schema"]
    assert form["properties"]["device_token"]["type"] == "string"
    assert "lockout" in form["properties"]["device_token"]["description"]
    answer = token["responses"]["200"]["content"]["application/json"]["schema"]["$ref"].rpartition("/")[2]
    token_out = schema["components"]["schemas"][answer]
    assert token_out["properties"]["device_token"]["type"] == "string"
    assert "device_token" not in token_out["required"]
