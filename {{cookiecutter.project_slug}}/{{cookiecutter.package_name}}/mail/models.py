"""Tables of email: messages waiting to be sent, the addresses users proved they own, and the
one-time tokens of the links that prove it or reset a password."""

from enum import StrEnum

from tortoise import fields
from tortoise.models import Model

from ..models import EMAIL_MAX_LENGTH


class Status(StrEnum):
    QUEUED = "queued"
    SENT = "sent"
    # Given up after EMAIL_MAX_ATTEMPTS.
    FAILED = "failed"
    # Nothing to send: a reset asked for an address that no one verified.
    DROPPED = "dropped"


class OutboxMessage(Model):
    """A message to send, written in the transaction of the change that causes it. The sender
    renders it when it sends it: a link made then holds a token that was never stored."""

    id = fields.BigIntField(primary_key=True)
    # The template (see mail/messages.py) and what it needs; never a secret.
    kind = fields.CharField(max_length=32)
    recipient = fields.CharField(max_length=EMAIL_MAX_LENGTH)
    context: fields.Field[dict] = fields.JSONField(default=dict)
    status = fields.CharField(max_length=8, default=Status.QUEUED)
    attempts = fields.IntField(default=0)
    # When a sender may take it next: after a failure, later each time; while a sender holds
    # it, a while ahead, so that a sender that stops mid-send lets it go.
    next_attempt_at = fields.DatetimeField()
    created_at = fields.DatetimeField(auto_now_add=True)
    finished_at = fields.DatetimeField(null=True, db_index=True)
    last_error = fields.CharField(max_length=255, null=True)

    class Meta:
        table = "email_outbox"
        indexes = (("status", "next_attempt_at"),)


class VerifiedEmail(Model):
    """The address a user proved to own, through a link or a provider that vouched for it. One
    per user, and the lower-cased address unique: no two users hold one verified address."""

    id = fields.IntField(primary_key=True)
    user = fields.OneToOneField("models.User", related_name=False, on_delete=fields.CASCADE)
    email_lower = fields.CharField(max_length=EMAIL_MAX_LENGTH, unique=True)
    verified_at = fields.DatetimeField()
    # Whether the password may be trusted with this address: not when it was set before the
    # address was proved (whoever typed in a stranger's address chose it), until it is set again
    # through an emailed reset link. Linking by email passes over an account whose is not.
    password_trusted = fields.BooleanField(default=False)

    class Meta:
        table = "verified_emails"


class Purpose(StrEnum):
    VERIFY = "verify"
    RESET = "reset"
    # Sent to the verified address when a change of it is asked for: ends that change.
    CANCEL = "cancel"
    # Sent to the address a change replaced: brings it back, with a new password.
    UNDO = "undo"


class EmailToken(Model):
    """The token of a link sent by email, kept as its SHA-256; used once."""

    id = fields.BigIntField(primary_key=True)
    purpose = fields.CharField(max_length=8)
    token_hash = fields.CharField(max_length=64, unique=True)
    user = fields.ForeignKeyField("models.User", related_name=False, on_delete=fields.CASCADE)
    # The address the link was sent to: for a verification, the one it confirms.
    email = fields.CharField(max_length=EMAIL_MAX_LENGTH)
    # tokens.account_stamp of the account when the link was asked for, which a confirmation must
    # still match: a changed password or a logout everywhere ends it. (Named for what it first held.)
    password_stamp = fields.CharField(max_length=64)
    created_at = fields.DatetimeField(auto_now_add=True)
    expires_at = fields.DatetimeField(db_index=True)

    class Meta:
        table = "email_tokens"
