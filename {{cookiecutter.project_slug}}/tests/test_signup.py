"""POST /auth/register (present when the project was generated with allow_signup)."""

import asyncio
import json

import pytest

from {{ cookiecutter.package_name }}.models import User
from {{ cookiecutter.package_name }}.scopes import DEFAULT_SCOPES

from .conftest import PASSWORD
from .test_users import KOREAN_PASSPHRASE


async def test_registration_creates_a_user_with_the_default_scopes_who_can_log_in(client, get_token):
    response = await client.post(
        "/auth/register", json={"username": "Alice", "password": PASSWORD, "email": "alice@example.com"}
    )

    assert response.status_code == 201
    body = response.json()
    assert body["username"] == "Alice"
    assert body["email"] == "alice@example.com"
    assert body["scopes"] == list(DEFAULT_SCOPES)
    assert body["has_password"] is True
    assert "password_hash" not in body
    user = await User.get(id=body["id"])
    assert user.password_hash.startswith("$bcrypt-sha256$")
    assert PASSWORD not in user.password_hash
    assert await get_token("alice")


@pytest.mark.parametrize("password", [KOREAN_PASSPHRASE, "\u00e9" * 256], ids=["korean-75-bytes", "256-characters"])
async def test_a_password_of_any_length_to_256_characters_signs_up_and_logs_in(client, get_token, password):
    response = await client.post("/auth/register", json={"username": "alice", "password": password})

    assert response.status_code == 201
    assert response.json()["has_password"] is True
    assert (await User.get(username="alice")).password_hash.startswith("$bcrypt-sha256$")
    assert await get_token(password=password)


async def test_a_password_over_256_characters_is_refused_and_nothing_is_written(client):
    response = await client.post("/auth/register", json={"username": "alice", "password": "\u00e9" * 257})

    assert response.status_code == 422
    assert response.json() == {
        "detail": [
            {
                "loc": ["body", "password"],
                "msg": "Value error, must be at most 256 characters long",
                "type": "value_error",
            }
        ]
    }
    assert await User.all().count() == 0


async def test_of_fifty_concurrent_sign_ups_of_one_name_exactly_one_wins(client, settings):
    names = ["racer", "Racer", "RACER", "rAcEr", "RaCeR"] * 10  # one name, in several cases
    settings.signups_per_address_per_hour = len(names)

    answers = await asyncio.gather(
        *(client.post("/auth/register", json={"username": name, "password": PASSWORD}) for name in names)
    )

    codes = [answer.status_code for answer in answers]
    assert codes.count(201) == 1
    assert codes.count(409) == 49
    assert await User.all().count() == 1


async def test_a_taken_username_in_any_case_is_409_and_changes_nothing(client, make_user):
    await make_user(username="alice")

    response = await client.post("/auth/register", json={"username": "ALICE", "password": PASSWORD})

    assert response.status_code == 409
    assert response.json() == {"detail": "That username is taken"}
    assert await User.all().count() == 1


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"username": "alice", "password": "short"}, "password"),
        ({"username": "alice", "password": "é" * 257}, "password"),
        ({"username": "alice", "password": "pass\x00word1"}, "password"),
        ({"username": "al", "password": PASSWORD}, "username"),
        ({"username": "a" * 33, "password": PASSWORD}, "username"),
        ({"username": "al ice", "password": PASSWORD}, "username"),
        ({"username": "alice", "password": PASSWORD, "email": "not-an-email"}, "email"),
        ({"username": "alice", "password": PASSWORD, "email": "a\x00@b.example"}, "email"),
        ({"username": "\u212aate", "password": PASSWORD}, "username"),
        ({"username": "alice", "password": PASSWORD, "scopes": ["users:write"]}, "scopes"),
        ({"username": ["alice"], "password": PASSWORD}, "username"),
        ({"password": PASSWORD}, "username"),
    ],
    ids=[
        "short-password",
        "password-over-256-characters",
        "nul-in-password",
        "short-username",
        "long-username",
        "space-in-username",
        "bad-email",
        "nul-in-email",
        "kelvin-sign",
        "extra-field",
        "wrong-type",
        "missing-field",
    ],
)
async def test_bad_registrations_are_422_naming_the_field_and_change_nothing(client, body, field):
    response = await client.post("/auth/register", json=body)

    assert response.status_code == 422
    problems = response.json()["detail"]
    assert [problem["loc"][-1] for problem in problems] == [field]
    assert all(set(problem) == {"loc", "msg", "type"} for problem in problems)
    assert await User.all().count() == 0


@pytest.mark.parametrize(
    ("password", "reason"),
    [
        ("hunter2", "must be at least 8 characters long"),
        ("hunter22\ud800", "must be valid Unicode text"),
        ("h\x00nter22", "must not contain a NUL character"),
    ],
)
async def test_a_rejected_password_is_not_echoed_back(client, password, reason):
    # json.dumps escapes the lone surrogate, which a JSON body may carry.
    body = json.dumps({"username": "alice", "password": password})

    response = await client.post("/auth/register", content=body, headers={"Content-Type": "application/json"})

    assert response.status_code == 422
    [error] = response.json()["detail"]
    assert (error["loc"], error["msg"]) == (["body", "password"], f"Value error, {reason}")
    assert "hunter" not in response.text
    assert "position" not in response.text


async def test_malformed_json_is_422(client):
    response = await client.post(
        "/auth/register", content=b'{"username": "alice",', headers={"Content-Type": "application/json"}
    )

    assert response.status_code == 422
    assert await User.all().count() == 0


async def test_an_oversized_body_is_refused_unread(client):
    response = await client.post("/auth/register", json={"username": "alice", "password": "x" * 100_000})

    assert response.status_code == 413
    assert await User.all().count() == 0
