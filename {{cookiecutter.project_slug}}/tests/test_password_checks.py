"""Every password login costs one bcrypt check, whoever it names, so that response time does not tell
which usernames exist. How long a check takes is the hasher's test (test_app.py); here, through
POST /auth/token, that every kind of failed login asks the hasher for exactly one check; and that a
plain bcrypt hash, as the service made before bcrypt_sha256, still logs in and is replaced then."""

import pytest
from passlib.hash import bcrypt, bcrypt_sha256

from {{ cookiecutter.package_name }}.models import User
from {{ cookiecutter.package_name }}.passwords import PasswordHasher

from .conftest import PASSWORD, TEST_ROUNDS
from .test_token import login


class CheckRecordingHasher(PasswordHasher):
    """The app's own hasher, keeping the hash each password check was made against (None: no such user)."""

    def __init__(self, rounds: int) -> None:
        super().__init__(rounds)
        self.checked_against: list[str | None] = []

    async def verify(self, password: str, password_hash: str | None) -> tuple[bool, str | None]:
        self.checked_against.append(password_hash)
        return await super().verify(password, password_hash)


@pytest.fixture
def hasher(app) -> CheckRecordingHasher:
    app.state.password_hasher = CheckRecordingHasher(TEST_ROUNDS)
    return app.state.password_hasher


@pytest.mark.parametrize(
    ("username", "password", "active"),
    [
        ("alice", "wrong password", True),
        ("alice", PASSWORD, False),
        ("nobody", PASSWORD, True),
        ("al\x00ice", PASSWORD, True),
        ("a" * 5000, PASSWORD, True),
    ],
    ids=["wrong-password", "inactive-user", "unknown-user", "malformed-username", "overlong-username"],
)
async def test_every_failed_login_pays_for_one_password_check(client, make_user, hasher, username, password, active):
    user = await make_user(is_active=active)

    response = await login(client, username=username, password=password)

    assert response.status_code == 400
    assert response.json() == {"error": "invalid_grant", "error_description": "The username or password is incorrect"}
    # The unknown and the malformed names are checked against the hasher's dummy hash.
    assert hasher.checked_against == [user.password_hash if username == "alice" else None]


async def test_a_successful_login_checks_the_password_once(client, make_user, hasher):
    user = await make_user()

    response = await login(client)

    assert response.status_code == 200
    assert hasher.checked_against == [user.password_hash]


async def test_a_plain_bcrypt_hash_logs_in_and_is_replaced_by_bcrypt_sha256(client, make_user):
    user = await make_user(password=None)
    plain = bcrypt.using(rounds=TEST_ROUNDS).hash(PASSWORD)
    await User.filter(id=user.id).update(password_hash=plain)

    # Longer than plain bcrypt reads (79 bytes), and starting with the password: not it, nor a 500.
    overlong = await login(client, password=PASSWORD + "\u00e9" * 29)
    wrong = await login(client, password="wrong password")
    kept = (await User.get(id=user.id)).password_hash
    right = await login(client)
    replaced = (await User.get(id=user.id)).password_hash

    assert (overlong.status_code, wrong.status_code) == (400, 400)
    refused = {"error": "invalid_grant", "error_description": "The username or password is incorrect"}
    assert overlong.json() == wrong.json() == refused
    assert kept == plain
    assert right.status_code == 200
    assert replaced.startswith(f"$bcrypt-sha256$v=2,t=2b,r={TEST_ROUNDS}$")
    assert bcrypt_sha256.verify(PASSWORD, replaced)
    assert (await login(client)).status_code == 200
    assert (await User.get(id=user.id)).password_hash == replaced
