"""What an option adds to the core without the core importing it: work that lives as long as the
app (started and stopped by its lifespan), and a say in what becomes of an address a user gives."""

from collections.abc import Awaitable, Callable
from contextlib import AbstractAsyncContextManager

from fastapi import FastAPI, Request

from .models import User

Background = Callable[[FastAPI], AbstractAsyncContextManager[None]]
# Given the request, the user and the address they gave (None to remove theirs), inside the
# transaction of the change; True when the option keeps the address aside (until it is
# confirmed, say), so that the caller must not write it.
AddressGiven = Callable[[Request, User, str | None, bool], Awaitable[bool]]


def add_background(app: FastAPI, background: Background) -> None:
    app.state.backgrounds = [*backgrounds(app), background]


def backgrounds(app: FastAPI) -> list[Background]:
    """What the lifespan runs once the database is up, in the order added: none unless an option added some."""
    return getattr(app.state, "backgrounds", [])


def on_address_given(app: FastAPI, handler: AddressGiven) -> None:
    app.state.address_given = handler


async def address_given(request: Request, user: User, address: str | None, *, new_account: bool = False) -> bool:
    """Tell the option, if any, that `user` gave `address`; True when the caller must not write it."""
    handler: AddressGiven | None = getattr(request.app.state, "address_given", None)
    return await handler(request, user, address, new_account) if handler else False
