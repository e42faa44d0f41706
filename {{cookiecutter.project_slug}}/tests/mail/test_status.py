"""GET /users/me/email: what the account page shows of your address."""

from {{ cookiecutter.package_name }}.mail.models import VerifiedEmail
from {{ cookiecutter.package_name }}.models import User

from ..conftest import bearer
from .conftest import confirm, link_in
from .test_verification import change_email


async def email_status(client, get_token, username: str = "alice") -> dict:
    response = await client.get("/users/me/email", headers=bearer(await get_token(username)))
    assert response.status_code == 200, response.text
    return response.json()


async def test_an_address_is_unverified_until_its_link_is_followed(client, make_user, get_token, mailbox):
    await make_user(email="alice@example.com")
    assert await email_status(client, get_token) == {"email": "alice@example.com", "verified": False, "pending": None}

    await change_email(client, get_token, "new@example.com")
    _, token = link_in((await mailbox.wait_for("new@example.com"))[0])

    assert await email_status(client, get_token) == {
        "email": "alice@example.com",
        "verified": False,
        "pending": "new@example.com",
    }
    assert (await confirm(client, token)).status_code == 204
    assert await email_status(client, get_token) == {"email": "new@example.com", "verified": True, "pending": None}


async def test_a_verified_address_changed_elsewhere_no_longer_counts(client, make_user, get_token):
    user = await make_user(email="alice@example.com")
    await VerifiedEmail.create(user=user, email_lower="alice@example.com", verified_at=user.created_at)
    assert (await email_status(client, get_token))["verified"] is True

    await User.filter(id=user.id).update(email="other@example.com")

    assert await email_status(client, get_token) == {"email": "other@example.com", "verified": False, "pending": None}


async def test_an_address_another_account_verified_is_not_verified_for_a_later_claim(client, make_user, get_token):
    alice = await make_user(email="alice@example.com")
    await VerifiedEmail.create(user=alice, email_lower="alice@example.com", verified_at=alice.created_at)
    # Typed in later for another account (by an admin, say): a claim, unverified.
    await make_user("squatter", email="ALICE@example.com")

    assert (await email_status(client, get_token, "squatter"))["verified"] is False


async def test_it_needs_a_login(client):
    response = await client.get("/users/me/email")

    assert response.status_code == 401
