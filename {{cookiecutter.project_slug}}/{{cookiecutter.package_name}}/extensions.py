"""What an option adds to the core without the core importing it: work that lives as long as the
app (started and stopped by its lifespan), a say in what becomes of an address a user gives,
word of which addresses it holds verified, a stage of every login, its part in taking an account
back, and readings for the metrics."""

from collections.abc import Awaitable, Callable
from contextlib import AbstractAsyncContextManager
from dataclasses import dataclass

from fastapi import FastAPI, Request

from .models import User

Background = Callable[[FastAPI], AbstractAsyncContextManager[None]]
# Given the request, the user and the address they gave (None to remove theirs), inside the
# transaction of the change; True when the option keeps the address aside (until it is
# confirmed, say), so that the caller must not write it.
AddressGiven = Callable[[Request, User, str | None, bool], Awaitable[bool]]


@dataclass(frozen=True)
class Holder:
    """The user who proved an address through an option (an emailed link, say), and whether a
    provider login may be linked to them by it."""

    user_id: int
    linkable: bool


# Given an address, who holds it verified through the option, if anyone.
AddressHolder = Callable[[str], Awaitable[Holder | None]]
# Given the request, a user and their own address, which a provider has just vouched for.
AddressVouched = Callable[[Request, User, str], Awaitable[None]]


@dataclass(frozen=True)
class Login:
    """A login whose first step has just succeeded, before any token is issued: who, with which
    scopes, proved how (`amr`, see tokens.py), by which method (as its events name it); whether it
    counts against LOGINS_PER_ACCOUNT_PER_HOUR and answers with a device token."""

    user: User
    granted: list[str]
    amr: list[str]
    method: str
    counted: bool = True
    with_device_token: bool = False
    # None when the login may wait for more (a stage then finishes it itself). Otherwise what came
    # with this request for a stage to check there and then (a second factor's code, say): an
    # emailed link's work must not be done before it.
    given: dict[str, str] | None = None


# Given the request and a login: raise errors.OAuthError to ask for more (a second factor, say),
# in which case the option finishes a login that may wait once it has it; or give the `amr`
# values of what it checked in `given`.
LoginStage = Callable[[Request, Login], Awaitable[list[str]]]


# Given the request and a user taking their account back, inside its transaction: remove every way
# in the option holds that its owner may not have made (linked provider accounts, a change of
# email on its way); give the names of what went, for the audit trail.
TakeBack = Callable[[Request, User], Awaitable[list[str]]]


@dataclass(frozen=True)
class Reading:
    """A gauge read afresh at each scrape of /metrics (from the database, say), so that it needs
    no adding up across worker processes."""

    name: str
    documentation: str
    read: Callable[[], Awaitable[float]]


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


def on_address_holder(app: FastAPI, handler: AddressHolder) -> None:
    app.state.address_holder = handler


async def address_holder(request: Request, address: str) -> Holder | None:
    """Who holds `address` verified through an option; None without one, or when no one does."""
    handler: AddressHolder | None = getattr(request.app.state, "address_holder", None)
    return await handler(address) if handler else None


def on_address_vouched(app: FastAPI, handler: AddressVouched) -> None:
    app.state.address_vouched = handler


async def address_vouched(request: Request, user: User, address: str) -> None:
    """Tell the option, if any, that a provider vouched for `address`, the user's own email."""
    handler: AddressVouched | None = getattr(request.app.state, "address_vouched", None)
    if handler:
        await handler(request, user, address)


def on_take_back(app: FastAPI, handler: TakeBack) -> None:
    app.state.take_back = [*getattr(app.state, "take_back", []), handler]


async def take_back(request: Request, user: User) -> list[str]:
    """Ask every option to remove the ways in it holds for `user`; what went, by name."""
    removed = []
    for handler in getattr(request.app.state, "take_back", []):
        removed += await handler(request, user)
    return removed


def on_login(app: FastAPI, stage: LoginStage) -> None:
    app.state.login_stages = [*getattr(app.state, "login_stages", []), stage]


async def login_stages(request: Request, login: Login) -> list[str]:
    """Run the stages options added to every login, in order; each may refuse to let it go on.
    Give the `amr` values they added."""
    added = []
    for stage in getattr(request.app.state, "login_stages", []):
        added += await stage(request, login)
    return added


def require_multi_factor_for(app: FastAPI, scopes: list[str]) -> None:
    """Make a route guarded by any of `scopes` need a login that used a second factor (see security.py)."""
    app.state.multi_factor_scopes = frozenset(scopes)


def multi_factor_scopes(app: FastAPI) -> frozenset[str]:
    return getattr(app.state, "multi_factor_scopes", frozenset())


def add_reading(app: FastAPI, reading: Reading) -> None:
    app.state.readings = [*readings(app), reading]


def readings(app: FastAPI) -> list[Reading]:
    """The gauges options read at each scrape: none unless an option added some."""
    return getattr(app.state, "readings", [])
