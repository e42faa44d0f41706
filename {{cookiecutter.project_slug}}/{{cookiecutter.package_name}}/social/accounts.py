"""Which user a provider account belongs to: found, linked, made, or unlinked."""

import re
import secrets
from collections.abc import Callable
from datetime import UTC, datetime
from typing import TypeVar

from fastapi import Request
from tortoise.exceptions import IntegrityError
from tortoise.transactions import in_transaction

from ..events import EMAIL_CHANGED, record_event
from ..extensions import address_holder, address_vouched
from ..models import USERNAME_MAX_LENGTH, USERNAME_MIN_LENGTH, User
from ..scopes import DEFAULT_SCOPES
from .models import Identity
from .provider import Profile

# The `allow_signup` answer given when this project was generated.
SIGNUP_OPEN = {{ "True" if cookiecutter.allow_signup else "False" }}
NEW_USERNAME_ATTEMPTS = 5
NOT_A_USERNAME_CHARACTER = re.compile(r"[^A-Za-z0-9._-]+")

Admission = TypeVar("Admission")


class IdentityTaken(Exception):
    """The provider account is linked to another user."""


class SignupClosed(Exception):
    """No user has this provider account, and this service does not open accounts by itself."""


class EmailAlreadyUsed(Exception):
    """Linking by email is on, an account proved this email, and it cannot be linked safely."""


class LastLoginMethod(Exception):
    """Unlinking would leave the user with no password and no provider account."""


async def user_for_login(
    request: Request,
    provider: str,
    profile: Profile,
    *,
    link_by_verified_email: bool,
    admit: Callable[[User], Admission],
) -> tuple[User, Admission, bool]:
    """The user this provider account logs in as, made if it is new, and whether the provider
    account was linked to an existing user just now (by its verified email).

    `admit` sees that user (or the one about to be made) before anything is written, and
    raises to refuse the login; what it returns comes back with the user.
    """
    identity = await Identity.get_or_none(provider=provider, subject=profile.subject).prefetch_related("user")
    if identity is not None:
        admission = admit(identity.user)
        await _refresh(identity, profile)
        await _vouched(request, identity.user, profile)
        return identity.user, admission, False
    if link_by_verified_email and profile.email and await User.filter(email__iexact=profile.email).exists():
        # Both sides must vouch for the address, or an attacker who registered the victim's
        # email first would be handed the victim's login (pre-account takeover).
        owner = await _verified_owner(request, profile.email) if profile.email_verified else None
        if owner is not None:
            admission = admit(owner)
            await link(request, owner, provider, profile)
            return owner, admission, True
        # Only an address someone proved stands in the way: a claim no one proved never blocks.
        if not profile.email_verified or await _proved(request, profile.email):
            raise EmailAlreadyUsed
    if not SIGNUP_OPEN:
        raise SignupClosed
    admission = admit(User(scopes=list(DEFAULT_SCOPES), is_active=True))
    user = await _new_user(provider, profile)
    if profile.email_verified and profile.email:
        await _drop_unproved_claims(request, user, profile.email)
    await _vouched(request, user, profile)
    return user, admission, False


async def link(request: Request, user: User, provider: str, profile: Profile) -> tuple[Identity, bool]:
    """Attach the provider account to `user`, and say whether it was new to them; linking it
    again changes nothing."""
    # Between two requests racing to link one account, the unique (provider, subject) index
    # decides: get_or_create falls back to reading the winner's row.
    identity, created = await Identity.get_or_create(
        provider=provider,
        subject=profile.subject,
        defaults={"user": user, "email": profile.email, "email_verified": profile.email_verified},
    )
    if identity.user_id != user.id:
        raise IdentityTaken
    await _refresh(identity, profile)
    await _vouched(request, user, profile)
    return identity, created


async def unlink(user: User, identity_id: int) -> Identity | None:
    """Remove one of the user's provider accounts, and give it; None if they have no such account."""
    async with in_transaction():
        # Locking the user row serialises two unlinks racing to remove the last two accounts
        # (on PostgreSQL and MySQL; SQLite lets one writer at a time in anyway).
        locked = await User.select_for_update().get(id=user.id)
        identity = await Identity.get_or_none(id=identity_id, user_id=user.id)
        if identity is None:
            return None
        others = await Identity.filter(user_id=user.id).exclude(id=identity.id).count()
        if locked.password_hash is None and others == 0:
            raise LastLoginMethod
        await identity.delete()
    return identity


async def unlink_all(request: Request, user: User) -> list[str]:
    """The core's hook (see extensions.py): every provider account goes, the owner's own too, which
    they link again; the caller keeps a password as the way in."""
    providers = await Identity.filter(user_id=user.id).order_by("id").values_list("provider", flat=True)
    await Identity.filter(user_id=user.id).delete()
    return [f"{provider}_account" for provider in providers]


async def _verified_owner(request: Request, address: str) -> User | None:
    """The one account whose own email `address` is and that verified it: through an option (an
    emailed link) or a linked provider, never merely typed in. Accounts that only claim it are
    passed over; None when no one verified it, or several did, or an option says the one that
    did may not be linked by it."""
    holders = set(
        await Identity.filter(email__iexact=address, email_verified=True, user__email__iexact=address).values_list(
            "user_id", flat=True
        )
    )
    held = await address_holder(request, address)
    if held is not None:
        if not held.linkable:
            return None
        holders.add(held.user_id)
    return await User.get(id=holders.pop()) if len(holders) == 1 else None


async def _proved(request: Request, address: str) -> bool:
    """Whether any account proved `address` as its own: through an option, or a linked provider."""
    by_provider = Identity.filter(email__iexact=address, email_verified=True, user__email__iexact=address)
    return await by_provider.exists() or await address_holder(request, address) is not None


async def _drop_unproved_claims(request: Request, user: User, address: str) -> None:
    """The address is `user`'s, as a provider vouched: other accounts that merely typed it in lose
    it, and find that in their security activity."""
    claimants = await User.filter(email__iexact=address).exclude(id=user.id).values_list("id", flat=True)
    await User.filter(id__in=claimants).update(email=None)
    for claimant in claimants:
        await record_event(request, EMAIL_CHANGED, claimant, previous_email=address, via="claimed_by_another")


async def _vouched(request: Request, user: User, profile: Profile) -> None:
    """A provider that vouches for the user's own address verifies it for the options that care."""
    if profile.email and profile.email_verified and (user.email or "").lower() == profile.email.lower():
        await address_vouched(request, user, profile.email)


async def _refresh(identity: Identity, profile: Profile) -> None:
    identity.email = profile.email
    identity.email_verified = profile.email_verified
    identity.last_login_at = datetime.now(UTC)
    await identity.save(update_fields=["email", "email_verified", "last_login_at"])


async def _new_user(provider: str, profile: Profile) -> User:
    for attempt in range(NEW_USERNAME_ATTEMPTS):
        try:
            async with in_transaction():
                user = await User.create(
                    username=_username(profile.username_hint, suffixed=attempt > 0),
                    # An address the provider did not verify is not taken as the user's.
                    email=profile.email if profile.email_verified else None,
                    scopes=list(DEFAULT_SCOPES),
                )
                await Identity.create(
                    user=user,
                    provider=provider,
                    subject=profile.subject,
                    email=profile.email,
                    email_verified=profile.email_verified,
                    last_login_at=datetime.now(UTC),
                )
            return user
        except IntegrityError:
            # The same first login in another tab may have won; otherwise the username was taken.
            identity = await Identity.get_or_none(provider=provider, subject=profile.subject).prefetch_related("user")
            if identity is not None:
                return identity.user
    raise IntegrityError("no free username for a new account")


def _username(hint: str, *, suffixed: bool) -> str:
    base = NOT_A_USERNAME_CHARACTER.sub("", hint).lstrip("._-")
    if len(base) < USERNAME_MIN_LENGTH:
        base = "user"
        suffixed = True
    if not suffixed:
        return base[:USERNAME_MAX_LENGTH]
    suffix = f"-{secrets.randbelow(10**6):06d}"
    return base[: USERNAME_MAX_LENGTH - len(suffix)] + suffix
