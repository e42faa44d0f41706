"""What the database itself enforces, whatever the code above it checks first."""

import pytest
from tortoise.exceptions import IntegrityError

from {{ cookiecutter.package_name }}.models import User


@pytest.mark.parametrize("other", ["alice", "ALICE", "aLiCe"])
async def test_usernames_are_unique_whatever_their_case(db, other):
    await User.create(username="Alice", scopes=[])

    with pytest.raises(IntegrityError):
        await User.create(username=other, scopes=[])

    assert await User.all().count() == 1
