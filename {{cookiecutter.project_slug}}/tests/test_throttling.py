"""Failed password logins are limited per account and per client address, in the database."""

import asyncio
from datetime import UTC, datetime, timedelta

import httpx2
import pytest

from {{ cookiecutter.package_name }}.main import create_app
from {{ cookiecutter.package_name }}.models import Attempt, LoginAttempt

from .conftest import PASSWORD
from .test_guessing import account_key, checks_under_way

WRONG = "not the password at all"


def form(username: str = "alice", password: str = WRONG) -> dict[str, str]:
    return {"grant_type": "password", "username": username, "password": password}


async def log_in(client: httpx2.AsyncClient, username: str = "alice", password: str = WRONG, **headers: str):
    return await client.post("/auth/token", data=form(username, password), headers=headers)


@pytest.fixture(autouse=True)
def limited_settings(settings):
    """Every test here runs with small limits, whichever client it uses."""
    settings.login_attempts_per_account = 3
    settings.login_attempts_per_address = 5
    return settings


@pytest.fixture
async def limited(limited_settings, db):
    app = create_app(limited_settings)
    async with httpx2.AsyncClient(transport=httpx2.ASGITransport(app=app), base_url="http://testserver") as client:
        yield client


async def test_past_the_account_limit_even_the_right_password_waits(limited, make_user):
    await make_user()
    failures = [await log_in(limited) for _ in range(3)]

    refused = await log_in(limited, password=PASSWORD)

    assert [failure.status_code for failure in failures] == [400, 400, 400]
    assert refused.status_code == 429
    assert refused.json()["error"] == "slow_down"
    assert refused.headers["cache-control"] == "no-store"
    wait = int(refused.headers["retry-after"])
    assert 1 <= wait <= 60
    assert refused.json()["error_description"] == f"Too many failed logins: try again in {wait} seconds"


async def test_the_account_limit_leaves_other_accounts_alone(limited, make_user):
    await make_user()
    await make_user("bob")
    for _ in range(3):
        await log_in(limited)

    answer = await log_in(limited, "bob", PASSWORD)

    assert answer.status_code == 200


async def test_every_case_variant_of_a_username_spends_one_budget(limited, make_user):
    await make_user()
    for variant in ("alice", "ALICE", "Alice"):
        assert (await log_in(limited, variant)).status_code == 400

    answer = await log_in(limited, "aLiCe", PASSWORD)

    assert answer.status_code == 429


async def test_past_the_address_limit_every_account_waits(limited, make_user):
    await make_user()
    for number in range(5):
        assert (await log_in(limited, f"guess{number}")).status_code == 400

    answer = await log_in(limited, "alice", PASSWORD)

    assert answer.status_code == 429


async def test_a_successful_login_does_not_count(limited, make_user):
    await make_user()

    answers = [await log_in(limited, password=PASSWORD) for _ in range(8)]

    assert {answer.status_code for answer in answers} == {200}
    assert await LoginAttempt.filter(kind=Attempt.PASSWORD).count() == 0


async def test_the_limit_lifts_when_the_window_has_passed(limited, make_user):
    await make_user()
    for _ in range(3):
        await log_in(limited)
    assert (await log_in(limited, password=PASSWORD)).status_code == 429

    await LoginAttempt.all().update(attempted_at=datetime.now(UTC) - timedelta(seconds=61))

    assert (await log_in(limited, password=PASSWORD)).status_code == 200
    # The failures still count for the account from every address, over its longer window.
    assert await LoginAttempt.filter(kind=Attempt.PASSWORD, in_progress=False).count() == 3


async def test_of_many_attempts_at_once_no_more_than_the_limit_reach_the_password_check(limited, make_user):
    await make_user()

    answers = await asyncio.gather(*(log_in(limited) for _ in range(12)))

    codes = sorted(answer.status_code for answer in answers)
    assert set(codes) <= {400, 429}
    assert 1 <= codes.count(400) <= 3
    # Each attempt that reached the password check is counted; a refused one leaves no row.
    assert await LoginAttempt.all().count() == codes.count(400)


async def test_forwarded_for_is_ignored_unless_the_peer_is_a_trusted_proxy(limited, make_user):
    await make_user()
    for number in range(3):
        await log_in(limited, **{"X-Forwarded-For": f"203.0.113.{number}"})

    answer = await log_in(limited, password=PASSWORD, **{"X-Forwarded-For": "198.51.100.7"})

    assert answer.status_code == 429


async def test_an_ipv6_host_is_counted_by_its_slash_64(behind_proxy, make_user):
    await make_user()
    for host in ("a", "b", "c"):
        await log_in(behind_proxy, **{"X-Forwarded-For": f"2001:db8:1:2::{host}"})

    same_network = await log_in(behind_proxy, password=PASSWORD, **{"X-Forwarded-For": "2001:db8:1:2::d"})
    next_network = await log_in(behind_proxy, password=PASSWORD, **{"X-Forwarded-For": "2001:db8:1:3::1"})

    assert same_network.status_code == 429
    assert next_network.status_code == 200


@pytest.mark.parametrize("written", ["203.0.113.9:5678", "[203.0.113.9]:443", "[203.0.113.9]"])
async def test_a_forwarded_address_counts_without_its_port(behind_proxy, make_user, written):
    await make_user()
    for _ in range(3):
        await log_in(behind_proxy, **{"X-Forwarded-For": written})

    answer = await log_in(behind_proxy, password=PASSWORD, **{"X-Forwarded-For": "203.0.113.9"})

    assert answer.status_code == 429


async def test_old_attempts_of_every_address_are_cleared(limited, make_user):
    await make_user()
    an_hour_ago = datetime.now(UTC) - timedelta(hours=1)
    await LoginAttempt.create(address="198.51.100.1", account="x" * 64, attempted_at=an_hour_ago)

    await log_in(limited)

    assert await LoginAttempt.filter(address="198.51.100.1").count() == 0


async def test_behind_a_trusted_proxy_each_client_has_its_own_count(behind_proxy, make_user):
    await make_user()
    for _ in range(3):
        await log_in(behind_proxy, **{"X-Forwarded-For": "203.0.113.9"})
    # What the client wrote left of the proxy's own entry is not believed.
    blocked = await log_in(behind_proxy, password=PASSWORD, **{"X-Forwarded-For": "198.51.100.1, 203.0.113.9"})
    other = await log_in(behind_proxy, password=PASSWORD, **{"X-Forwarded-For": "203.0.113.10"})

    assert blocked.status_code == 429
    assert other.status_code == 200
    assert set(await LoginAttempt.filter(kind=Attempt.PASSWORD).values_list("address", flat=True)) == {"203.0.113.9"}


async def test_retry_after_says_when_the_deciding_attempt_ages_out(limited, make_user):
    await make_user()
    for _ in range(3):
        await log_in(limited)
    # The window is 60 seconds: made 45 seconds ago, the attempts hold for 15 more.
    await LoginAttempt.all().update(attempted_at=datetime.now(UTC) - timedelta(seconds=45))

    refused = await log_in(limited, password=PASSWORD)

    assert refused.status_code == 429
    assert refused.headers["retry-after"] in {"15", "16"}


@pytest.mark.parametrize(
    ("forwarded", "counted_as"),
    [
        ("198.51.100.1,203.0.113.9", "203.0.113.9"),
        ("2001:db8:1:2::7", "2001:db8:1:2::/64"),
        ("not-an-address", "127.0.0.1"),
        ("203.0.113.9:http", "127.0.0.1"),
    ],
    ids=["no-space", "bare-ipv6", "not-an-address", "named-port"],
)
async def test_a_forwarded_hop_counts_only_as_the_address_it_is(behind_proxy, make_user, forwarded, counted_as):
    await make_user()

    answer = await log_in(behind_proxy, **{"X-Forwarded-For": forwarded})

    assert answer.status_code == 400
    assert await LoginAttempt.all().values_list("address", flat=True) == [counted_as]


async def test_a_check_a_stopped_worker_left_in_progress_counts_as_a_failure(limited, settings, make_user):
    await make_user()
    settings.account_lockout_failures = 3
    # Started two minutes ago by workers that stopped before the password check ended.
    two_minutes_ago = datetime.now(UTC) - timedelta(minutes=2)
    for number in range(3):
        await LoginAttempt.create(
            address=f"203.0.113.{number}", account=account_key("alice"), attempted_at=two_minutes_ago, in_progress=True
        )

    refused = await log_in(limited, password=PASSWORD)

    assert refused.status_code == 429
    assert refused.json()["error_description"].startswith("Too many failed logins: try again in ")
    assert await LoginAttempt.all().count() == 3


async def test_a_full_queue_of_checks_under_way_refuses_at_once(limited, make_user):
    await make_user()
    # Twice the account limit of checks under way for alice from this address: the queue is full.
    await checks_under_way(6)

    refused = await log_in(limited, password=PASSWORD)

    assert refused.status_code == 429
    assert refused.json()["error_description"] == "Too many attempts at once: try again shortly"
    assert refused.headers["retry-after"] == "1"
    assert await LoginAttempt.all().count() == 6


async def test_in_its_last_second_a_limit_still_says_to_wait_one_second(limited, make_user):
    await make_user()
    for _ in range(3):
        await log_in(limited)
    # The window is 60 seconds: made 59 seconds ago, the attempts hold for less than one more.
    await LoginAttempt.all().update(attempted_at=datetime.now(UTC) - timedelta(seconds=59))

    refused = await log_in(limited, password=PASSWORD)

    assert refused.status_code == 429
    assert refused.headers["retry-after"] == "1"
    assert refused.json()["error_description"] == "Too many failed logins: try again in 1 seconds"


async def test_a_login_window_longer_than_an_hour_keeps_its_failures(limited, settings, make_user):
    await make_user()
    settings.login_attempt_window_seconds = 2 * 60 * 60
    ninety_minutes_ago = datetime.now(UTC) - timedelta(minutes=90)
    for _ in range(3):
        await LoginAttempt.create(address="127.0.0.1", account=account_key("alice"), attempted_at=ninety_minutes_ago)

    refused = await log_in(limited, password=PASSWORD)

    assert refused.status_code == 429
    assert await LoginAttempt.all().count() == 3


@pytest.mark.parametrize("ahead_succeed", [False, True], ids=["the-checks-ahead-fail", "the-checks-ahead-succeed"])
async def test_a_login_waiting_its_turn_is_decided_when_the_checks_ahead_end(limited, make_user, ahead_succeed):
    await make_user()
    # The account's whole budget is being checked right now, from this address.
    ahead = await checks_under_way(3)
    waiting = asyncio.create_task(log_in(limited, password=PASSWORD))
    # Until it has taken its place in the queue: a row in the database, which no event announces.
    while await LoginAttempt.all().count() == len(ahead):  # noqa: ASYNC110
        await asyncio.sleep(0)
    # Long enough for it to look at the queue more than once.
    await asyncio.sleep(0.3)

    ended = LoginAttempt.filter(id__in=[row.id for row in ahead])
    # A success leaves no row; a failure stays counted.
    await (ended.delete() if ahead_succeed else ended.update(in_progress=False))
    answer = await waiting

    if ahead_succeed:
        assert answer.status_code == 200, answer.text
        assert await LoginAttempt.filter(kind=Attempt.PASSWORD).count() == 0
    else:
        assert answer.status_code == 429
        assert answer.json()["error_description"].startswith("Too many failed logins: try again in ")
        assert await LoginAttempt.all().count() == 3


async def test_a_request_without_a_peer_address_is_counted_as_unknown(settings, make_user):
    """Served over a Unix socket, a request names no client address: such requests share one count."""
    app = create_app(settings)

    async def over_a_unix_socket(scope, receive, send):
        await app({**scope, "client": None}, receive, send)

    await make_user()
    transport = httpx2.ASGITransport(app=over_a_unix_socket)
    async with httpx2.AsyncClient(transport=transport, base_url="http://testserver") as client:
        answers = [await log_in(client) for _ in range(4)]

    assert [answer.status_code for answer in answers] == [400, 400, 400, 429]
    assert await LoginAttempt.all().values_list("address", flat=True) == ["unknown"] * 3
{%- if cookiecutter.allow_signup %}


def sign_up(client: httpx2.AsyncClient, username: str, address: str):
    return client.post(
        "/auth/register", json={"username": username, "password": PASSWORD}, headers={"X-Forwarded-For": address}
    )


async def test_sign_ups_and_failed_logins_are_counted_apart(behind_proxy, settings, make_user):
    await make_user()
    settings.signups_per_address_per_hour = 5
    signed_up = [await sign_up(behind_proxy, f"user{number}", "203.0.113.1") for number in range(5)]
    failed = [await log_in(behind_proxy, f"guess{number}", **{"X-Forwarded-For": "203.0.113.2"}) for number in range(5)]

    login = await log_in(behind_proxy, password=PASSWORD, **{"X-Forwarded-For": "203.0.113.1"})
    new_user = await sign_up(behind_proxy, "newcomer", "203.0.113.2")

    assert [answer.status_code for answer in signed_up] == [201] * 5
    assert [answer.status_code for answer in failed] == [400] * 5
    assert login.status_code == 200
    assert new_user.status_code == 201
    assert await LoginAttempt.filter(kind=Attempt.SIGNUP).count() == 6
    assert await LoginAttempt.filter(kind=Attempt.PASSWORD).count() == 5


async def test_a_login_keeps_the_sign_ups_of_the_last_hour(behind_proxy, settings, make_user):
    await make_user()
    settings.signups_per_address_per_hour = 3
    half_an_hour_ago = datetime.now(UTC) - timedelta(minutes=30)
    for _ in range(3):
        await LoginAttempt.create(kind=Attempt.SIGNUP, address="203.0.113.1", account="", attempted_at=half_an_hour_ago)

    assert (await log_in(behind_proxy, password=PASSWORD, **{"X-Forwarded-For": "203.0.113.1"})).status_code == 200
    refused = await sign_up(behind_proxy, "newcomer", "203.0.113.1")

    assert refused.status_code == 429
    assert await LoginAttempt.filter(kind=Attempt.SIGNUP).count() == 3


async def test_a_sign_up_keeps_the_failures_of_a_lockout_window_longer_than_an_hour(behind_proxy, settings, make_user):
    await make_user()
    settings.account_lockout_failures = 3
    settings.account_lockout_window_minutes = 120
    ninety_minutes_ago = datetime.now(UTC) - timedelta(minutes=90)
    for number in range(3):
        await LoginAttempt.create(
            address=f"203.0.113.{number}", account=account_key("alice"), attempted_at=ninety_minutes_ago
        )

    assert (await sign_up(behind_proxy, "newcomer", "198.51.100.1")).status_code == 201
    refused = await log_in(behind_proxy, password=PASSWORD, **{"X-Forwarded-For": "198.51.100.2"})

    assert refused.status_code == 429
    assert refused.json()["error_description"].startswith("Too many failed logins: try again in ")
    assert await LoginAttempt.filter(kind=Attempt.PASSWORD).count() == 3
{%- endif %}
