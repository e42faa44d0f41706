"""What one admin may change in an account: scopes are granted only by someone who holds them (in
the token it acts with, as in its account), and the last active holder of users:write keeps it,
so that the service never loses its last admin."""

from collections.abc import Collection
from typing import Any

from tortoise.transactions import in_transaction

from .models import User

ADMIN_SCOPE = "users:write"
# Who may see an account; an admin without it changes one and is shown nothing of it.
READER_SCOPE = "users:read"


class NoSuchUser(Exception):
    pass


class NotHeld(Exception):
    """The change grants scopes that the admin making it does not hold."""


class LastAdmin(Exception):
    """The change would leave no active holder of users:write."""


def is_admin(user: User) -> bool:
    return user.is_active and ADMIN_SCOPE in user.scopes


async def change_user(admin_scopes: Collection[str], user_id: int, changes: dict[str, Any]) -> tuple[User, set[str]]:
    """Apply `changes` to the user `user_id` for an admin holding `admin_scopes` (those of its token
    that its account still holds); give the user and the scopes it held before."""
    async with in_transaction():
        user, other_admins = await _locked(user_id, may_demote=_may_demote(changes))
        if user is None:
            raise NoSuchUser
        held = set(user.scopes)
        if not_held := [scope for scope in changes.get("scopes", ()) if scope not in held.union(admin_scopes)]:
            raise NotHeld(" ".join(not_held))
        was_admin = is_admin(user)
        for field, value in changes.items():
            setattr(user, field, value)
        if was_admin and not is_admin(user) and not any(map(is_admin, other_admins)):
            raise LastAdmin
        if changes:
            await user.save(update_fields=list(changes))
    return user, held


async def delete_user(user_id: int) -> None:
    """Delete the account, unless it is the last active holder of users:write."""
    async with in_transaction():
        user, other_admins = await _locked(user_id, may_demote=True)
        if user is None:
            return
        if is_admin(user) and not any(map(is_admin, other_admins)):
            raise LastAdmin
        await user.delete()


def described(changes: dict[str, Any], held: set[str]) -> dict[str, Any]:
    """What an admin's `changes` did, for its event: the scopes granted and withdrawn (the user
    held `held` before), the new is_active, and whether the email was set (never the address)."""
    detail: dict[str, Any] = {}
    if "scopes" in changes:
        detail["scopes_added"] = sorted(set(changes["scopes"]) - held)
        detail["scopes_removed"] = sorted(held - set(changes["scopes"]))
    if "is_active" in changes:
        detail["is_active"] = changes["is_active"]
    if "email" in changes:
        detail["email_changed"] = True
    return detail


def _may_demote(changes: dict[str, Any]) -> bool:
    return changes.get("is_active") is False or ("scopes" in changes and ADMIN_SCOPE not in changes["scopes"])


async def _locked(user_id: int, *, may_demote: bool) -> tuple[User | None, list[User]]:
    """The user, locked for the change, and when it may lose users:write, every other admin locked too.

    Admins are locked with the user in the order of their ids, as by every such change: of two
    admins demoting each other at once, the second waits for the first and then sees its change
    (on PostgreSQL and MySQL; SQLite lets one writer at a time in anyway).
    """
    if not may_demote:
        return await User.select_for_update().get_or_none(id=user_id), []
    # scopes is JSON, which not every database can search: read them all, lock the few admins.
    admin_ids = [
        user for user, scopes in await User.filter(is_active=True).values_list("id", "scopes") if ADMIN_SCOPE in scopes
    ]
    locked = await User.filter(id__in=[*admin_ids, user_id]).select_for_update().order_by("id")
    user = next((row for row in locked if row.id == user_id), None)
    return user, [row for row in locked if row.id != user_id]
