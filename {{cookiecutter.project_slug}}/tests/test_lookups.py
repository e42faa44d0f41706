"""The lookups that every guarded request makes run Tortoise's SQL for their query, written once:
each call's arguments, and the values the query itself compares to, reach the database as given."""

from {{ cookiecutter.package_name }}.lookups import Lookup
from {{ cookiecutter.package_name }}.models import User


async def test_a_lookup_finds_by_its_arguments_and_its_query_s_own_values(make_user):
    alice = await make_user("alice")
    await make_user("bob", is_active=False)
    active_by_name = Lookup(lambda username: User.filter(username=username, is_active=True))

    assert [user.id for user in await active_by_name.all("alice")] == [alice.id]
    assert (await active_by_name.first("alice")).username == "alice"
    assert await active_by_name.all("bob") == []
    assert await active_by_name.first("nobody") is None
