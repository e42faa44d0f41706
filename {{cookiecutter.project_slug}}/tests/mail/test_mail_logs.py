"""The email flows at DEBUG outside development: no link's token, no password, in any log line."""

import logging
from datetime import UTC, datetime

import httpx2
import pytest

from {{ cookiecutter.package_name }}.mail.models import VerifiedEmail
from {{ cookiecutter.package_name }}.settings import Settings

from ..conftest import PASSWORD, bearer
from ..logged import OwnRequests, assert_never_logged, everything_logged
from .conftest import confirm, link_in

NEW_PASSWORD = "a brand new passphrase"


@pytest.fixture
def settings(settings: Settings) -> Settings:
    settings.log_level = "DEBUG"
    settings.environment = "production"
    settings.smtp_host = "127.0.0.1"
    return settings


async def test_no_token_of_an_emailed_link_reaches_the_logs(app, make_user, mailbox, caplog, capsys):
    user = await make_user(username="alice", email="alice@example.com")
    await VerifiedEmail.create(user=user, email_lower="alice@example.com", verified_at=datetime.now(UTC))
    async with httpx2.AsyncClient(transport=httpx2.ASGITransport(app=app), base_url="http://testserver") as client:
        own = OwnRequests(client)
        asked = await client.post("/auth/forgot-password", json={"email": "alice@example.com"})
        _, reset_token = link_in((await mailbox.wait_for("alice@example.com"))[-1])
        reset = await client.post("/auth/reset-password", json={"token": reset_token, "password": NEW_PASSWORD})
        form = {"grant_type": "password", "username": "alice", "password": NEW_PASSWORD}
        access = (await client.post("/auth/token", data=form)).json()["access_token"]
        changed = await client.patch("/users/me", json={"email": "new@example.com"}, headers=bearer(access))
        _, verify_token = link_in((await mailbox.wait_for("new@example.com"))[-1])
        verified = await confirm(client, verify_token, password=NEW_PASSWORD)
    written = capsys.readouterr().err

    assert [asked.status_code, reset.status_code, changed.status_code, verified.status_code] == [202, 200, 200, 204]
    assert logging.getLogger().getEffectiveLevel() == logging.DEBUG
    assert_never_logged(
        everything_logged(caplog, written, own),
        {
            "the old password": PASSWORD,
            "the new password": NEW_PASSWORD,
            "the reset token": reset_token,
            "the verification token": verify_token,
            "the access token": access,
        },
    )
