"""Where a request comes from, as a session records it: the client's address and user agent, and
the client a login is made for (the API unless a route says otherwise: see opened_for)."""

from dataclasses import dataclass

from fastapi import Request

from .models import USER_AGENT_MAX_LENGTH, Client
from .settings import Settings
from .throttling import client_address


@dataclass(frozen=True)
class Device:
    address: str
    user_agent: str
    client: Client = Client.API

    @classmethod
    def of(cls, request: Request, settings: Settings) -> "Device":
        user_agent = request.headers.get("user-agent", "")[:USER_AGENT_MAX_LENGTH]
        # Shown back to the user as text: nothing in it may act on a terminal or a page's layout.
        printable = "".join(char if char.isprintable() else "\ufffd" for char in user_agent)
        client = getattr(request.state, "client", Client.API)
        return cls(client_address(request, settings.trusted_proxies), printable, client)


def opened_for(request: Request, client: Client) -> None:
    """Make the sessions this request opens sessions of `client`, whichever grant signs it in."""
    request.state.client = client
