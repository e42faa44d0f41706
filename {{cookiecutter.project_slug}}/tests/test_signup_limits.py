"""Sign-ups are limited per client address, and take no name or email that hides what it says."""

import asyncio

import httpx2
import pytest

from {{ cookiecutter.package_name }}.models import Attempt, LoginAttempt, User
from {{ cookiecutter.package_name }}.settings import Settings

from .conftest import PASSWORD
from .test_input_hygiene import HIDDEN


def sign_up(client: httpx2.AsyncClient, username: str, address: str = "", **fields: str):
    headers = {"X-Forwarded-For": address} if address else {}
    return client.post("/auth/register", json={"username": username, "password": PASSWORD, **fields}, headers=headers)


@pytest.fixture
def settings(settings):
    """A limit reached in three sign-ups."""
    settings.signups_per_address_per_hour = 3
    return settings


async def test_past_the_limit_an_address_signs_up_no_more(behind_proxy):
    made = [await sign_up(behind_proxy, f"user{number}", "203.0.113.1") for number in range(3)]

    refused = await sign_up(behind_proxy, "one_more", "203.0.113.1")
    elsewhere = await sign_up(behind_proxy, "elsewhere", "203.0.113.2")

    assert [answer.status_code for answer in made] == [201] * 3
    assert refused.status_code == 429
    wait = int(refused.headers["retry-after"])
    assert 3500 < wait <= 3600
    assert refused.json()["error_description"] == f"Too many sign-ups from this address: try again in {wait} seconds"
    assert elsewhere.status_code == 201
    assert await User.filter(username="one_more").count() == 0
    assert await LoginAttempt.filter(kind=Attempt.SIGNUP).count() == 4


async def test_a_burst_of_sign_ups_makes_exactly_the_limit(behind_proxy):
    answers = await asyncio.gather(*(sign_up(behind_proxy, f"user{number}", "203.0.113.1") for number in range(12)))

    codes = [answer.status_code for answer in answers]
    assert codes.count(201) == 3
    assert codes.count(429) == 9
    assert await User.all().count() == 3
    assert await LoginAttempt.all().count() == 3


async def test_a_refused_body_does_not_count(behind_proxy):
    for _ in range(5):
        assert (await sign_up(behind_proxy, "x", "203.0.113.1")).status_code == 422

    assert (await sign_up(behind_proxy, "alice", "203.0.113.1")).status_code == 201


def test_the_default_limit():
    assert Settings.model_fields["signups_per_address_per_hour"].default == 20


@pytest.mark.parametrize("email", HIDDEN.values(), ids=HIDDEN.keys())
async def test_an_email_with_hidden_characters_opens_no_account(client, email):
    answer = await sign_up(client, "alice", email=email)

    assert answer.status_code == 422
    assert answer.json()["detail"][0]["loc"] == ["body", "email"]
    assert await User.all().count() == 0


@pytest.mark.parametrize("username", ["alice\u202e", "ali\u200bce", "\ufeffalice", "alice\n", "alice\x07", "álice"])
async def test_a_username_is_plain_ascii(client, username):
    answer = await sign_up(client, username)

    assert answer.status_code == 422
    assert answer.json()["detail"][0]["loc"] == ["body", "username"]
    assert await User.all().count() == 0
