"""Input that would overflow the database or hide what it says is refused with 422, changing nothing."""

import re

import pytest

{% if cookiecutter.email != "none" -%}
from {{ cookiecutter.package_name }}.mail.models import OutboxMessage
{% endif -%}
from {{ cookiecutter.package_name }}.models import User

from .conftest import bearer
from .test_cli import create_user

# Each reads as "alice@example.com" (or close) in a list, a log or an email client.
HIDDEN = {
    "bidi override": "alice@\u202emoc.elpmaxe",
    "bidi isolate": "alice@\u2066example.com",
    "right-to-left mark": "alice\u200f@example.com",
    "zero-width space": "ali\u200bce@example.com",
    "zero-width joiner": "alice\u200d@example.com",
    "word joiner": "alice@example\u2060.com",
    "byte order mark": "\ufeffalice@example.com",
    "bell": "alice\x07@example.com",
    "C1 control": "alice\x85@example.com",
    "NUL": "alice\x00@example.com",
    "soft hyphen": "ali\xadce@example.com",
    "variation selector": "alice\ufe0f@example.com",
    "Hangul filler": "alice\u3164@example.com",
    "tag character": "alice@example.com\U000e0041",
}
HUGE_IDS = ["9223372036854775808", "2147483648", "99999999999999999999999999", "0", "-1"]


@pytest.mark.parametrize("user_id", HUGE_IDS)
async def test_an_id_out_of_range_is_422(client, make_user, get_token, user_id):
    await make_user("admin", scopes=("users:read", "users:write"))
    headers = bearer(await get_token("admin"))
    before = await User.all().values_list("id", "is_active", "scopes")

    read = await client.get(f"/users/{user_id}", headers=headers)
    changed = await client.patch(f"/users/{user_id}", headers=headers, json={"is_active": False})

    assert (read.status_code, changed.status_code) == (422, 422)
    assert read.json()["detail"][0]["loc"] == ["path", "user_id"]
    assert await User.all().values_list("id", "is_active", "scopes") == before


async def test_the_largest_id_is_merely_not_found(client, make_user, get_token):
    await make_user("admin", scopes=("users:read",))

    answer = await client.get("/users/2147483647", headers=bearer(await get_token("admin")))

    assert answer.status_code == 404


@pytest.mark.parametrize("offset", ["2147483648", "9223372036854775808", "-1"])
async def test_an_offset_out_of_range_is_422(client, make_user, get_token, offset):
    await make_user("admin", scopes=("users:read",))

    answer = await client.get("/users", params={"offset": offset}, headers=bearer(await get_token("admin")))

    assert answer.status_code == 422


@pytest.mark.parametrize("email", HIDDEN.values(), ids=HIDDEN.keys())
async def test_your_own_email_with_hidden_characters_is_refused(client, make_user, get_token, email):
    alice = await make_user(email="alice@example.com")

    answer = await client.patch("/users/me", headers=bearer(await get_token()), json={"email": email})

    assert answer.status_code == 422
    assert answer.json()["detail"][0]["loc"] == ["body", "email"]
    assert email not in answer.text
    assert (await User.get(id=alice.id)).email == "alice@example.com"


@pytest.mark.parametrize("email", HIDDEN.values(), ids=HIDDEN.keys())
async def test_an_admin_cannot_set_an_email_with_hidden_characters(client, make_user, get_token, email):
    await make_user("admin", scopes=("users:write",))
    bob = await make_user("bob", email="bob@example.com")

    answer = await client.patch(f"/users/{bob.id}", headers=bearer(await get_token("admin")), json={"email": email})

    assert answer.status_code == 422
    assert (await User.get(id=bob.id)).email == "bob@example.com"


# Each passes for an address with a loose rule, but a mail client reads it as another one, or none.
NOT_AN_ADDRESS = {
    "comment": "(x@evil.example",
    "domain literal": "a@b.[c",
    "display name": "victim.com<attacker@evil.example>",
    "quoted local part": '"alice"@example.com',
    "two addresses": "alice@example.com,mallory@evil.example",
    "empty label": "alice@example..com",
    "dot at the start": ".alice@example.com",
    "hyphen at a label end": "alice@-example.com",
}


@pytest.mark.parametrize("email", NOT_AN_ADDRESS.values(), ids=NOT_AN_ADDRESS.keys())
async def test_only_a_plain_address_is_taken(client, make_user, get_token, email):
    alice = await make_user(email="alice@example.com")

    answer = await client.patch("/users/me", headers=bearer(await get_token()), json={"email": email})

    assert answer.status_code == 422
    assert answer.json()["detail"][0]["loc"] == ["body", "email"]
    assert (await User.get(id=alice.id)).email == "alice@example.com"
{%- if cookiecutter.email != "none" %}
    assert not await OutboxMessage.exists()
{%- endif %}


ORDINARY = ["zoë@exämple.com", "o'brien+news@mail.example-1.co.uk", "\U0001d49cda@example.com"]


@pytest.mark.parametrize("email", ORDINARY)
async def test_an_ordinary_address_is_kept_as_typed(client, make_user, get_token, email):
    alice = await make_user()

    answer = await client.patch("/users/me", headers=bearer(await get_token()), json={"email": email})

    assert answer.status_code == 200
{%- if cookiecutter.email == "none" %}
    assert (await User.get(id=alice.id)).email == email
{%- else %}
    # Kept aside until its link is followed (tests/mail/): the link goes to it as typed.
    assert (await User.get(id=alice.id)).email is None
    assert await OutboxMessage.filter(kind="verify_email", recipient=email).exists()
{%- endif %}


async def test_the_document_refuses_every_address_the_route_does(client):
    # Hidden characters beyond the first plane too (the tag character): a client held to the
    # document never sends an address answered 422.
    schemas = (await client.get("/openapi.json")).json()["components"]["schemas"]
    email = next(found for found in schemas["OwnAccountChange"]["properties"]["email"]["anyOf"] if "pattern" in found)
    pattern = re.compile(email["pattern"])

    assert [name for name, address in (HIDDEN | NOT_AN_ADDRESS).items() if pattern.fullmatch(address)] == []
    assert [address for address in ORDINARY if not pattern.fullmatch(address)] == []


@pytest.mark.parametrize("email", [HIDDEN["bidi override"], HIDDEN["zero-width space"], HIDDEN["bell"]])
async def test_the_command_line_refuses_an_email_with_hidden_characters(shared_database, email):
    status, _, err = await create_user(
        shared_database, "admin", "--email", email, "--password-stdin", stdin="a long enough password\n"
    )

    assert status == 2
    assert "must not contain control, zero-width or bidirectional override characters" in err
    assert await User.all().count() == 0
