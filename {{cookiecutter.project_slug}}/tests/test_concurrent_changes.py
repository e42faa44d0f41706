"""A password changed by one request while another is under way is never written back over:
the later write is refused (or left undone) rather than reviving a password the owner replaced."""

import pytest

from {{ cookiecutter.package_name }}.models import User
from {{ cookiecutter.package_name }}.passwords import PasswordHasher

from .conftest import PASSWORD, TEST_ROUNDS, bearer

NEW_PASSWORD = "a new password, long enough"
OWNERS_PASSWORD = "the owner's new password"


class ChangedMeanwhile(PasswordHasher):
    """The app's own hasher, during whose work the user's password is changed by someone else:
    what a concurrent request does between this request's checks and its write."""

    def __init__(self, rounds: int) -> None:
        super().__init__(rounds)
        self.concurrent_hash: str | None = None

    async def _change_meanwhile(self) -> None:
        self.concurrent_hash = await super().hash(OWNERS_PASSWORD)
        await User.filter(username="alice").update(password_hash=self.concurrent_hash)

    async def hash(self, password: str) -> str:
        new_hash = await super().hash(password)
        await self._change_meanwhile()
        return new_hash


class OldCostChangedMeanwhile(ChangedMeanwhile):
    """Finds every stored hash of an outdated cost, so that a login re-hashes it, and changes the password meanwhile."""

    async def verify(self, password: str, password_hash: str | None) -> tuple[bool, str | None]:
        matches, _ = await super().verify(password, password_hash)
        await self._change_meanwhile()
        return matches, await PasswordHasher.hash(self, password) if matches else None


@pytest.fixture
def changed_meanwhile(app) -> ChangedMeanwhile:
    app.state.password_hasher = ChangedMeanwhile(TEST_ROUNDS)
    return app.state.password_hasher


async def test_a_password_change_racing_another_is_refused_and_writes_nothing(
    client, make_user, get_token, changed_meanwhile
):
    await make_user()
    headers = bearer(await get_token())

    answer = await client.patch(
        "/users/me", headers=headers, json={"password": NEW_PASSWORD, "current_password": PASSWORD}
    )

    assert answer.status_code == 409
    assert answer.json() == {"detail": "The password changed meanwhile: log in again"}
    assert (await User.get(username="alice")).password_hash == changed_meanwhile.concurrent_hash


async def test_a_login_re_hashing_an_old_password_leaves_a_newer_one_alone(client, app, make_user):
    await make_user()
    app.state.password_hasher = hasher = OldCostChangedMeanwhile(TEST_ROUNDS)

    answer = await client.post(
        "/auth/token", data={"grant_type": "password", "username": "alice", "password": PASSWORD}
    )

    assert answer.status_code == 200
    assert (await User.get(username="alice")).password_hash == hasher.concurrent_hash
