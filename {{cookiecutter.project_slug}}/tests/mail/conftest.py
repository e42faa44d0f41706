"""A real SMTP server on loopback (aiosmtpd) that the app delivers to, and the sender running."""

import asyncio
import re
import socket
import time
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from email import message_from_bytes, policy
from email.message import EmailMessage

import pytest
from aiosmtpd.controller import Controller

from {{ cookiecutter.package_name }}.mail.outbox import sending
from {{ cookiecutter.package_name }}.settings import Settings

from ..conftest import PASSWORD, bearer

LINK_BASE = "https://app.example.com"
LINK = re.compile(rf"{re.escape(LINK_BASE)}(/account/[a-z-]+)#token=([A-Za-z0-9_-]+)")
WAIT_SECONDS = 15


class Mailbox:
    """An SMTP server that keeps what it receives; stopped and started again on the same port."""

    def __init__(self) -> None:
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        self.messages: list[EmailMessage] = []
        self._controller: Controller | None = None
        # How long it takes over each message, and how many it has begun to take.
        self.delay = 0.0
        self.begun = 0

    async def handle_DATA(self, server, session, envelope) -> str:
        self.begun += 1
        await asyncio.sleep(self.delay)
        message = message_from_bytes(envelope.original_content, policy=policy.default)
        message["X-Envelope-To"] = ", ".join(envelope.rcpt_tos)
        self.messages.append(message)
        return "250 Message accepted for delivery"

    def start(self) -> None:
        self._controller = Controller(self, hostname="127.0.0.1", port=self.port)
        self._controller.start()

    def stop(self) -> None:
        if self._controller:
            self._controller.stop()
            self._controller = None

    def to(self, address: str) -> list[EmailMessage]:
        return [message for message in self.messages if message["To"] == address]

    async def wait_for(self, address: str, count: int = 1) -> list[EmailMessage]:
        """The messages to `address` once `count` have arrived."""
        deadline = time.monotonic() + WAIT_SECONDS
        while len(self.to(address)) < count:
            assert time.monotonic() < deadline, f"no message to {address} arrived: {[m['To'] for m in self.messages]}"
            await asyncio.sleep(0.05)
        return self.to(address)


async def until(check: Callable[[], Awaitable[bool]]) -> None:
    """Wait for the sender to have done something that `check` sees."""
    deadline = time.monotonic() + WAIT_SECONDS
    while True:
        if await check():
            return
        assert time.monotonic() < deadline, "the sender did not get there"
        await asyncio.sleep(0.05)


def text_of(message: EmailMessage) -> str:
    return message.get_body(("plain",)).get_content()


def link_in(message: EmailMessage) -> tuple[str, str]:
    """The page and the token of the link in the message, found in its text and its HTML alike."""
    found = LINK.search(text_of(message))
    assert found, text_of(message)
    assert found.group(0) in message.get_body(("html",)).get_content()
    return found.group(1), found.group(2)


async def confirm(client, token: str, username: str = "alice", password: str = PASSWORD):
    """Follow a confirmation link as its account's owner does: signed in to that account."""
    form = {"grant_type": "password", "username": username, "password": password}
    signed_in = await client.post("/auth/token", data=form)
    assert signed_in.status_code == 200, signed_in.text
    return await client.post(
        "/auth/verify-email", json={"token": token}, headers=bearer(signed_in.json()["access_token"])
    )


@pytest.fixture
def mailbox() -> Iterator[Mailbox]:
    mailbox = Mailbox()
    mailbox.start()
    yield mailbox
    mailbox.stop()


@pytest.fixture
def settings(settings: Settings, mailbox: Mailbox) -> Settings:
    settings.smtp_port = mailbox.port
    settings.smtp_tls = "none"
    settings.email_link_base = LINK_BASE
    settings.email_retry_seconds = 0.2
    return settings


@pytest.fixture(autouse=True)
async def sender(app) -> AsyncIterator[None]:
    """The sender the app's lifespan starts, running beside the test's requests."""
    async with sending(app):
        yield
