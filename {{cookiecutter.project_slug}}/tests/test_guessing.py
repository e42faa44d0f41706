"""Guessing a password: from many addresses at once, through PATCH /users/me, or in a burst of
concurrent requests, an attacker gets no more wrong guesses than the limits allow, and logins that
are merely under way at the same time never count against anyone."""

import asyncio
import hashlib
from datetime import UTC, datetime

import httpx2

from {{ cookiecutter.package_name }}.main import create_app
from {{ cookiecutter.package_name }}.models import Attempt, LoginAttempt, SecurityEvent, User
from {{ cookiecutter.package_name }}.passwords import PasswordHasher

from .conftest import PASSWORD, TEST_ROUNDS, bearer

WRONG = "not the password at all"
NEW_PASSWORD = "a new password, long enough"


async def log_in(client: httpx2.AsyncClient, username: str = "alice", password: str = WRONG, *, address: str = ""):
    headers = {"X-Forwarded-For": address} if address else {}
    form = {"grant_type": "password", "username": username, "password": password}
    return await client.post("/auth/token", data=form, headers=headers)


def account_key(username: str) -> str:
    return hashlib.sha256(username.lower().encode()).hexdigest()


async def checks_under_way(count: int, username: str = "alice") -> list[LoginAttempt]:
    """`count` of `username`'s password checks, from the test client's address, running right now."""
    return [
        await LoginAttempt.create(
            address="127.0.0.1", account=account_key(username), attempted_at=datetime.now(UTC), in_progress=True
        )
        for _ in range(count)
    ]


async def test_wrong_passwords_from_forty_addresses_lock_the_account(behind_proxy, settings, make_user):
    alice = await make_user()
    assert settings.account_lockout_failures == 20

    answers = [await log_in(behind_proxy, address=f"203.0.113.{number}") for number in range(40)]
    right = await log_in(behind_proxy, password=PASSWORD, address="198.51.100.1")

    assert [answer.status_code for answer in answers] == [400] * 20 + [429] * 20
    assert right.status_code == 429
    assert right.json()["error_description"].startswith("Too many failed logins: try again in ")
    assert 1 <= int(right.headers["retry-after"]) <= 15 * 60
    # The refused guesses left no rows; the failures are all counted for alice.
    assert await LoginAttempt.all().count() == 20
    assert set(await LoginAttempt.all().values_list("account", flat=True)) == {account_key("alice")}
    assert (await User.get(id=alice.id)).last_login_at is None


async def test_the_account_is_counted_whatever_the_case_of_its_name(behind_proxy, settings, make_user):
    await make_user()
    settings.account_lockout_failures = 3
    for number, written in enumerate(("alice", "ALICE", "Alice")):
        assert (await log_in(behind_proxy, written, address=f"203.0.113.{number}")).status_code == 400

    answer = await log_in(behind_proxy, "aLiCe", PASSWORD, address="198.51.100.1")

    assert answer.status_code == 429
    assert await LoginAttempt.filter(account=account_key("alice")).count() == 3


async def test_other_accounts_keep_their_logins(behind_proxy, settings, make_user):
    await make_user()
    await make_user("bob")
    settings.account_lockout_failures = 3
    for number in range(3):
        await log_in(behind_proxy, address=f"203.0.113.{number}")

    assert (await log_in(behind_proxy, "bob", PASSWORD, address="203.0.113.1")).status_code == 200


async def test_wrong_current_passwords_are_failed_logins(client, settings, make_user, get_token):
    alice = await make_user()
    headers = bearer(await get_token())
    assert settings.login_attempts_per_account == 5

    def change(current_password: str):
        return client.patch(
            "/users/me", headers=headers, json={"password": NEW_PASSWORD, "current_password": current_password}
        )

    answers = [await change(f"guess number {number}") for number in range(30)]
    right = await change(PASSWORD)

    assert [answer.status_code for answer in answers] == [403] * 5 + [429] * 25
    assert right.status_code == 429
    assert "retry-after" in right.headers
    stored = await User.get(id=alice.id)
    assert stored.password_hash == alice.password_hash
    assert stored.token_version == alice.token_version
    assert await LoginAttempt.filter(kind=Attempt.PASSWORD).count() == 5
    [throttled] = await SecurityEvent.filter(kind="throttled")
    assert (throttled.user_id, throttled.detail) == (alice.id, {"method": "current_password"})
    # The same count guards the token endpoint: the right password waits there too.
    assert (await log_in(client, password=PASSWORD)).status_code == 429


async def test_a_right_current_password_leaves_no_count(client, make_user, get_token):
    alice = await make_user()
    headers = bearer(await get_token())

    answer = await client.patch(
        "/users/me", headers=headers, json={"password": NEW_PASSWORD, "current_password": PASSWORD}
    )

    assert answer.status_code == 200
    assert await LoginAttempt.filter(kind=Attempt.PASSWORD).count() == 0
    stored = await User.get(id=alice.id)
    assert (await PasswordHasher(TEST_ROUNDS).verify(NEW_PASSWORD, stored.password_hash))[0]


async def test_six_correct_logins_at_once_all_succeed(client, settings, make_user):
    alice = await make_user()
    assert settings.login_attempts_per_account == 5

    answers = await asyncio.gather(*(log_in(client, password=PASSWORD) for _ in range(6)))

    assert [answer.status_code for answer in answers] == [200] * 6
    assert await LoginAttempt.filter(kind=Attempt.PASSWORD).count() == 0
    assert (await User.get(id=alice.id)).last_login_at is not None


async def test_six_correct_logins_at_once_succeed_on_a_real_worker(start_worker, make_shared_user):
    await make_shared_user()
    worker = start_worker()

    async with httpx2.AsyncClient(base_url=worker) as client:
        answers = await asyncio.gather(*(log_in(client, password=PASSWORD) for _ in range(6)))

    assert [answer.status_code for answer in answers] == [200] * 6
    assert await LoginAttempt.filter(kind=Attempt.PASSWORD).count() == 0


async def test_a_burst_of_wrong_passwords_gets_exactly_the_limit_checked(client, settings, make_user):
    alice = await make_user()
    assert settings.login_attempts_per_account == 5

    answers = await asyncio.gather(*(log_in(client) for _ in range(30)))

    codes = [answer.status_code for answer in answers]
    assert codes.count(400) == 5
    assert codes.count(429) == 25
    assert all(answer.headers["retry-after"] for answer in answers if answer.status_code == 429)
    # Each refused attempt took its row away with it: only the five failures remain, settled.
    assert await LoginAttempt.all().count() == 5
    assert await LoginAttempt.filter(in_progress=True).count() == 0
    assert (await User.get(id=alice.id)).last_login_at is None


async def test_a_burst_from_many_addresses_gets_exactly_the_account_limit(behind_proxy, settings, make_user):
    await make_user()
    settings.account_lockout_failures = 4

    answers = await asyncio.gather(*(log_in(behind_proxy, address=f"203.0.113.{number}") for number in range(16)))

    codes = [answer.status_code for answer in answers]
    assert codes.count(400) == 4
    assert codes.count(429) == 12
    assert await LoginAttempt.all().count() == 4


async def test_a_burst_with_the_right_password_in_it_never_reveals_it_past_the_limit(client, settings, make_user):
    await make_user()
    settings.login_attempts_per_account = 3
    for _ in range(3):
        await log_in(client)

    answers = await asyncio.gather(*(log_in(client, password=guess) for guess in [WRONG] * 5 + [PASSWORD]))

    assert {answer.status_code for answer in answers} == {429}
    assert await LoginAttempt.all().count() == 3


async def test_ipv4_clients_of_a_dual_stack_socket_are_counted_apart(settings, make_user):
    """A server listening on :: sees IPv4 clients as ::ffff:a.b.c.d: each is still one address of its own."""
    await make_user("alice")
    await make_user("bob")
    app = create_app(settings)

    def client_at(address: str) -> httpx2.AsyncClient:
        transport = httpx2.ASGITransport(app=app, client=(address, 40000))
        return httpx2.AsyncClient(transport=transport, base_url="http://testserver")

    async with client_at("::ffff:203.0.113.7") as guesser, client_at("::ffff:203.0.113.8") as bob:
        for _ in range(settings.login_attempts_per_address):
            await log_in(guesser, "alice")
        refused = await log_in(guesser, "alice")
        others = await log_in(bob, "bob", PASSWORD)

    assert refused.status_code == 429
    assert others.status_code == 200
    assert set(await LoginAttempt.filter(kind=Attempt.PASSWORD).values_list("address", flat=True)) == {"203.0.113.7"}
