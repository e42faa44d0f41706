"""Database tables."""

from enum import StrEnum

from tortoise import fields
from tortoise.models import Model

USERNAME_MIN_LENGTH = 3
USERNAME_MAX_LENGTH = 32
EMAIL_MAX_LENGTH = 254
USER_AGENT_MAX_LENGTH = 255
# Request ids as middleware.py accepts them from a trusted proxy, or makes them.
REQUEST_ID_MAX_LENGTH = 128


class User(Model):
    id = fields.IntField(primary_key=True)
    username = fields.CharField(max_length=USERNAME_MAX_LENGTH)
    # Lower-cased copy that carries the unique constraint, so that the database itself
    # refuses "Alice" beside "alice" on SQLite, PostgreSQL and MySQL alike.
    username_lower = fields.CharField(max_length=USERNAME_MAX_LENGTH, unique=True)
    email = fields.CharField(max_length=EMAIL_MAX_LENGTH, null=True)
    # None for an account without a password of its own (one that logs in through a provider).
    password_hash = fields.CharField(max_length=128, null=True)
    is_active = fields.BooleanField(default=True)
    scopes: fields.Field[list[str]] = fields.JSONField(default=list)
    created_at = fields.DatetimeField(auto_now_add=True)
    last_login_at = fields.DatetimeField(null=True)
    # Carried in every access token and refresh token; raising it logs the user out everywhere.
    token_version = fields.IntField(default=0)

    class Meta:
        table = "users"

    def __str__(self) -> str:
        return self.username

    async def save(self, *args, **kwargs) -> None:
        self.username_lower = self.username.lower()
        await super().save(*args, **kwargs)

    @classmethod
    async def by_username(cls, username: str) -> "User | None":
        return await cls.get_or_none(username_lower=username.lower())


class Attempt(StrEnum):
    """What a row of login_attempts counts; an option may count a kind of its own."""

    PASSWORD = "password"
    SIGNUP = "signup"


class LoginAttempt(Model):
    """Something counted against a limit (see throttling.py): a password check, removed when it
    succeeds, or a sign-up or another start limited per address; removed when it grows old."""

    id = fields.BigIntField(primary_key=True)
    # An Attempt, or the kind an option counts: a plain string, so that the table is the same with any options.
    kind = fields.CharField(max_length=16, default=Attempt.PASSWORD)
    # The client's address (see TRUSTED_PROXIES), and for a password check SHA-256 of the
    # lower-cased username: never the name itself, which may be a password typed in the wrong box.
    address = fields.CharField(max_length=45)
    account = fields.CharField(max_length=64)
    attempted_at = fields.DatetimeField(db_index=True)
    # A password being checked right now: it holds a place under the limits until it fails
    # (then it counts as a failure) or succeeds (then the row goes).
    in_progress = fields.BooleanField(default=False)

    class Meta:
        table = "login_attempts"
        indexes = (("address", "attempted_at"), ("account", "address", "attempted_at"))


class Client(StrEnum):
    """What a session was opened for: the API, or the account pages, whose browser may retry a
    refresh it never saw the answer to (refresh_tokens.use_again)."""

    API = "api"
    PAGES = "pages"


class RefreshToken(Model):
    """One refresh token (RFC 6749 section 6), kept as a hash. Each use replaces it with a new one
    of the same family: every token descended from one login."""

    id = fields.BigIntField(primary_key=True)
    user = fields.ForeignKeyField("models.User", related_name=False, on_delete=fields.CASCADE)
    family = fields.CharField(max_length=32, db_index=True)
    # The client its login was made for; each refresh keeps it.
    client = fields.CharField(max_length=8, default=Client.API)
    # SHA-256 of the token: a copy of the table lets no one refresh.
    token_hash = fields.CharField(max_length=64, unique=True)
    # The scope the login was granted; a refresh may narrow it for the access token, never widen it.
    scope = fields.TextField()
    token_version = fields.IntField()
    # When the person last proved who they are (a password, a provider login): each refresh
    # keeps it, never renews it, so that a refreshed login does not pass for a recent one.
    auth_time = fields.DatetimeField()
    # How they proved it (`amr`, RFC 8176, space-separated: see tokens.py), kept by each refresh
    # too; empty for a login from before it was recorded.
    amr = fields.CharField(max_length=64, default="")
    # The family is a session the user sees and may end; no refresh extends it past
    # SESSION_MAX_DAYS from this.
    session_started_at = fields.DatetimeField()
    # Where this token was issued to, the session's last use: the client address (see
    # TRUSTED_PROXIES) and its User-Agent, cut to length.
    address = fields.CharField(max_length=45)
    user_agent = fields.CharField(max_length=USER_AGENT_MAX_LENGTH)
    created_at = fields.DatetimeField(auto_now_add=True)
    expires_at = fields.DatetimeField()
    # Set when the token is exchanged for the next one: presenting it again means it was stolen.
    used_at = fields.DatetimeField(null=True)
    revoked_at = fields.DatetimeField(null=True)

    class Meta:
        table = "refresh_tokens"


class SecurityEvent(Model):
    """One entry of the audit trail (see events.py): what happened to which account, when, and from where."""

    id = fields.BigIntField(primary_key=True)
    created_at = fields.DatetimeField(auto_now_add=True, db_index=True)
    kind = fields.CharField(max_length=32)
    # Plain integers, not foreign keys: an event outlives the accounts it names (account_deleted
    # is written for a user that is gone), and an id is never given to anyone else.
    user_id = fields.IntField()
    # The user who acted, when it is not the user the event is about (an admin).
    actor_id = fields.IntField(null=True)
    # The client address (see TRUSTED_PROXIES) and its User-Agent, cut to length.
    address = fields.CharField(max_length=45)
    user_agent = fields.CharField(max_length=USER_AGENT_MAX_LENGTH)
    request_id = fields.CharField(max_length=REQUEST_ID_MAX_LENGTH)
    # A few names and flags that say more (a method, a reason, a provider): never a secret.
    detail: fields.Field[dict] = fields.JSONField(default=dict)

    class Meta:
        table = "security_events"
        # A user's events, newest first.
        indexes = (("user_id", "id"),)
