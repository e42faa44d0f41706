"""Request and response bodies."""

import re
from datetime import datetime
from typing import Annotated

from pydantic import AfterValidator, BaseModel, ConfigDict, StringConstraints, field_validator

from .models import EMAIL_MAX_LENGTH, USERNAME_MAX_LENGTH, USERNAME_MIN_LENGTH, User
from .passwords import check_password_policy
from .scopes import unknown_scopes

USERNAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*")
# Deliberately loose: the only real check is a message that arrives.
EMAIL_PATTERN = r"^[^@\s]+@[^@\s]+\.[^@\s]+$"
# Characters that show nothing, or turn the text around them, so that an address reads in a
# list or a log as another one: controls (C0 and C1), zero-width characters, bidi marks and overrides.
HIDDEN_CHARACTERS = re.compile(r"[\x00-\x1f\x7f-\x9f\u200b-\u200f\u2060\ufeff\u202a-\u202e\u2066-\u2069]")


def _nothing_hidden(text: str) -> str:
    if HIDDEN_CHARACTERS.search(text):
        raise ValueError("must not contain control, zero-width or bidirectional override characters")
    return text


Username = Annotated[
    str,
    StringConstraints(min_length=USERNAME_MIN_LENGTH, max_length=USERNAME_MAX_LENGTH, pattern=f"^{USERNAME.pattern}$"),
]
Email = Annotated[
    str, StringConstraints(max_length=EMAIL_MAX_LENGTH, pattern=EMAIL_PATTERN), AfterValidator(_nothing_hidden)
]
Password = Annotated[str, AfterValidator(check_password_policy)]


def is_username(text: str) -> bool:
    """Whether anyone could have registered this name: ASCII only, so lower() is the whole folding."""
    return USERNAME_MIN_LENGTH <= len(text) <= USERNAME_MAX_LENGTH and USERNAME.fullmatch(text) is not None


def _registered(scopes: list[str]) -> list[str]:
    if unknown := unknown_scopes(scopes):
        raise ValueError(f"unknown scopes: {', '.join(unknown)}")
    return list(dict.fromkeys(scopes))


ScopeList = Annotated[list[Annotated[str, StringConstraints(max_length=100)]], AfterValidator(_registered)]


class StrictBody(BaseModel):
    model_config = ConfigDict(extra="forbid")


class OwnAccountChange(StrictBody):
    email: Email | None = None
    password: Password | None = None
    current_password: Annotated[str, StringConstraints(max_length=1024)] | None = None


class AccountChange(StrictBody):
    """Only the fields sent change; email may be cleared with null, the others may not."""

    email: Email | None = None
    scopes: ScopeList | None = None
    is_active: bool | None = None

    @field_validator("scopes", "is_active", mode="before")
    @classmethod
    def refuse_null(cls, value: object) -> object:
        if value is None:
            raise ValueError("cannot be null")
        return value


class UserOut(BaseModel):
    id: int
    username: str
    email: str | None
    is_active: bool
    scopes: list[str]
    has_password: bool
    created_at: datetime
    last_login_at: datetime | None

    @classmethod
    def of(cls, user: User) -> "UserOut":
        return cls(
            id=user.id,
            username=user.username,
            email=user.email,
            is_active=user.is_active,
            scopes=user.scopes,
            has_password=user.password_hash is not None,
            created_at=user.created_at,
            last_login_at=user.last_login_at,
        )


class TokenOut(BaseModel):
    access_token: str
    token_type: str = "bearer"
    expires_in: int
    scope: str
    refresh_token: str
