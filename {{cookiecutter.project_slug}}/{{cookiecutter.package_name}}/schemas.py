"""Request and response bodies."""

import re
from datetime import datetime
from typing import Annotated, Any

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, StringConstraints, model_validator

from .models import EMAIL_MAX_LENGTH, USERNAME_MAX_LENGTH, USERNAME_MIN_LENGTH, SecurityEvent, User
from .passwords import MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH, check_password_policy
from .scopes import SCOPES, unknown_scopes

USERNAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*")
# Characters that show nothing, or turn the text around them, so that an address reads in a
# list or a log as another one: controls (C0 and C1), every format character (Unicode's Cf:
# zero-width, bidi marks and overrides, tags), and the fillers, joiners and variation selectors
# that print as nothing. Those of the first plane are named as \uXXXX, which every regex engine
# reads alike; the others are the characters themselves (the last line is no raw string), since
# no escape beyond the first plane is read alike (Python's \U, ECMAScript's \u{}), while Python,
# Rust and ECMAScript's unicode mode (which JSON Schema asks for) each read one as one character.
_HIDDEN = (
    r"\x00-\x1f\x7f-\x9f\xad\u034f\u0600-\u0605\u061c\u06dd\u070f\u0890\u0891\u08e2\u115f\u1160"
    r"\u17b4\u17b5\u180b-\u180f\u200b-\u200f\u202a-\u202e\u2060-\u206f\u3164\ufe00-\ufe0f\ufeff\uffa0\ufff0-\ufffb"
    "\U000110bd\U000110cd\U00013430-\U00013438\U0001bca0-\U0001bca3\U0001d173-\U0001d17a\U000e0000-\U000e0fff"
)
HIDDEN_CHARACTERS = re.compile(f"[{_HIDDEN}]")
# A plain address (RFC 5322 addr-spec, letters outside ASCII allowed as RFC 6531 does): a dot-atom
# before the @, host name labels after it. No comment, quoted part, display name or domain
# literal, which a mail client reads as another address or none; never a space or a hidden
# character. Spelled out rather than \s or \w, which each regex engine (Rust's here, a client's
# ECMAScript) reads differently.
_NON_ASCII = rf"[^\x00-\x7f{_HIDDEN}\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]"
_ATOM_CHARACTER = r"(?:[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]|" + _NON_ASCII + ")"
_LABEL_CHARACTER = rf"(?:[A-Za-z0-9]|{_NON_ASCII})"
_LABEL = rf"{_LABEL_CHARACTER}(?:-*{_LABEL_CHARACTER})*"
EMAIL_PATTERN = rf"^{_ATOM_CHARACTER}+(?:\.{_ATOM_CHARACTER}+)*@{_LABEL}(?:\.{_LABEL})+$"


def _nothing_hidden(text: object) -> object:
    """Said in words, before the pattern (which refuses them too) would answer with itself."""
    if isinstance(text, str) and HIDDEN_CHARACTERS.search(text):
        raise ValueError("must not contain control, zero-width or bidirectional override characters")
    return text


Username = Annotated[
    str,
    StringConstraints(min_length=USERNAME_MIN_LENGTH, max_length=USERNAME_MAX_LENGTH, pattern=f"^{USERNAME.pattern}$"),
]
Email = Annotated[
    str, StringConstraints(max_length=EMAIL_MAX_LENGTH, pattern=EMAIL_PATTERN), BeforeValidator(_nothing_hidden)
]
Password = Annotated[
    str,
    AfterValidator(check_password_policy),
    Field(
        json_schema_extra={
            "minLength": MIN_PASSWORD_LENGTH,
            "maxLength": MAX_PASSWORD_LENGTH,
            "pattern": "^[^\\x00]*$",
            "format": "password",
            "description": f"{MIN_PASSWORD_LENGTH} to {MAX_PASSWORD_LENGTH} characters, no NUL",
        },
    ),
]


def is_username(text: str) -> bool:
    """Whether anyone could have registered this name: ASCII only, so lower() is the whole folding."""
    return USERNAME_MIN_LENGTH <= len(text) <= USERNAME_MAX_LENGTH and USERNAME.fullmatch(text) is not None


def _registered(scopes: list[str]) -> list[str]:
    if unknown := unknown_scopes(scopes):
        raise ValueError(f"unknown scopes: {', '.join(unknown)}")
    return list(dict.fromkeys(scopes))


ScopeList = Annotated[
    list[Annotated[str, StringConstraints(max_length=100), Field(json_schema_extra={"enum": list(SCOPES)})]],
    AfterValidator(_registered),
]


def _without_default(schema: dict[str, Any]) -> None:
    del schema["default"]


def omissible() -> Any:
    """A field that may be left out but never sent as null: only the fields sent change."""
    return Field(default=None, json_schema_extra=_without_default)


class StrictBody(BaseModel):
    # Strict: 0 is not false, nor "5" a number, so a body the schema refuses is refused.
    model_config = ConfigDict(extra="forbid", strict=True)


class OwnAccountChange(StrictBody):
    email: Email | None = None
    password: Password | None = None
    current_password: Annotated[str, StringConstraints(max_length=1024)] | None = None


class AccountChange(StrictBody):
    """Only the fields sent change; email may be cleared with null, the others may not. At least one is sent."""

    model_config = ConfigDict(json_schema_extra={"minProperties": 1})

    email: Email | None = None
    scopes: ScopeList = omissible()
    is_active: bool = omissible()

    @model_validator(mode="after")
    def _changes_something(self) -> "AccountChange":
        # An empty change would still be recorded as an admin's change of the account.
        if not self.model_fields_set:
            raise ValueError("name at least one field to change")
        return self


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


class EventOut(BaseModel):
    """One entry of an account's audit trail."""

    id: int
    created_at: datetime
    kind: str
    user_id: int
    # The user who acted, when it was not the account's own (an admin); else null.
    actor_id: int | None
    address: str
    user_agent: str
    request_id: str
    detail: dict[str, Any]

    @classmethod
    def of(cls, event: SecurityEvent) -> "EventOut":
        return cls(
            id=event.id,
            created_at=event.created_at,
            kind=event.kind,
            user_id=event.user_id,
            actor_id=event.actor_id,
            address=event.address,
            user_agent=event.user_agent,
            request_id=event.request_id,
            detail=event.detail,
        )


class TokenOut(BaseModel):
    access_token: str
    token_type: str = "bearer"
    expires_in: int
    scope: str
    refresh_token: str
    # A member of this service's own, as RFC 6749 section 5.1 allows: left out of other grants' answers.
    device_token: Annotated[
        str,
        Field(
            description="With grant_type=password: send it as `device_token` with this account's next password "
            "logins, which are then limited on their own, never by the account's lockout (valid for a year)"
        ),
    ] = Field(default=None, json_schema_extra=_without_default, exclude_if=lambda token: token is None)
