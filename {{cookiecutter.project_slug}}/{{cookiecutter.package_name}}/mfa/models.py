"""Tables of the second factor: each factor a user holds, their recovery codes, and the logins
waiting for a factor (an `mfa_token` each). No apostrophe in a model docstring: aerich makes it
the table comment of the migration, which one breaks on MySQL."""

from enum import StrEnum

from tortoise import fields
from tortoise.models import Model

NAME_MAX_LENGTH = 64


class Kind(StrEnum):
    TOTP = "totp"


class Authenticator(Model):
    """One second factor of a user, kept as nothing that works without the key of this service."""

    id = fields.BigIntField(primary_key=True)
    user = fields.ForeignKeyField("models.User", related_name=False, on_delete=fields.CASCADE)
    kind = fields.CharField(max_length=16)
    name = fields.CharField(max_length=NAME_MAX_LENGTH)
    # A TOTP secret, encrypted with a key derived from MFA_SECRET_KEY (see mfa/secrets.py).
    secret = fields.TextField()
    # The newest TOTP time step accepted: a code of that step or an older one is refused after it.
    last_step = fields.BigIntField(default=0)
    # None until a first code proves the set-up worked; until then it is no factor.
    confirmed_at = fields.DatetimeField(null=True)
    created_at = fields.DatetimeField(auto_now_add=True)
    last_used_at = fields.DatetimeField(null=True)

    class Meta:
        table = "mfa_authenticators"
        # One of each kind a user sets up at a time, so that two set-ups at once cannot both count.
        unique_together = (("user", "kind"),)


class RecoveryCode(Model):
    """One single-use recovery code of a user, kept as its SHA-256."""

    id = fields.BigIntField(primary_key=True)
    user = fields.ForeignKeyField("models.User", related_name=False, on_delete=fields.CASCADE)
    code_hash = fields.CharField(max_length=64, unique=True)
    created_at = fields.DatetimeField(auto_now_add=True)
    used_at = fields.DatetimeField(null=True)

    class Meta:
        table = "mfa_recovery_codes"


class PendingLogin(Model):
    """A login waiting for its second factor, by the SHA-256 of its mfa_token.

    The `mfa_token` answered with `mfa_required` stands for it; it holds what the tokens of the
    finished login will carry."""

    id = fields.BigIntField(primary_key=True)
    user = fields.ForeignKeyField("models.User", related_name=False, on_delete=fields.CASCADE)
    token_hash = fields.CharField(max_length=64, unique=True)
    # How the first step was made (`amr`, space-separated), and the login method its events name.
    amr = fields.CharField(max_length=64)
    method = fields.CharField(max_length=32)
    scope = fields.TextField()
    # The account's token version then: a logout everywhere since ends the pending login too.
    token_version = fields.IntField()
    # As the login that waits would have been: see extensions.Login.
    counted = fields.BooleanField()
    with_device_token = fields.BooleanField()
    failures = fields.IntField(default=0)
    created_at = fields.DatetimeField(auto_now_add=True)
    expires_at = fields.DatetimeField(db_index=True)
    used_at = fields.DatetimeField(null=True)

    class Meta:
        table = "mfa_pending_logins"
