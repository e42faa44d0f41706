"""Tables of social login: linked provider accounts, and logins on their way through a provider."""

from tortoise import fields
from tortoise.models import Model

from ..models import EMAIL_MAX_LENGTH

PROVIDER_MAX_LENGTH = 16
SUBJECT_MAX_LENGTH = 255


class Identity(Model):
    """One provider account linked to a user. The tokens the provider gave are not kept."""

    id = fields.IntField(primary_key=True)
    user = fields.ForeignKeyField("models.User", related_name="identities", on_delete=fields.CASCADE)
    provider = fields.CharField(max_length=PROVIDER_MAX_LENGTH)
    # The provider's stable id for the account (Google `sub`, GitHub's numeric id): emails
    # and login names change hands, so they never identify anyone.
    subject = fields.CharField(max_length=SUBJECT_MAX_LENGTH)
    email = fields.CharField(max_length=EMAIL_MAX_LENGTH, null=True)
    email_verified = fields.BooleanField(default=False)
    created_at = fields.DatetimeField(auto_now_add=True)
    last_login_at = fields.DatetimeField(null=True)

    class Meta:
        table = "identities"
        unique_together = (("provider", "subject"),)


class LoginState(Model):
    """A login or link that went to a provider and has not come back yet.

    Kept in the database rather than in the session cookie so that it works on every
    worker and can be used once only: the callback deletes the row, and an old cookie
    replayed later finds nothing.
    """

    id = fields.IntField(primary_key=True)
    # SHA-256 of the `state` parameter, which travels through the browser.
    state_hash = fields.CharField(max_length=64, unique=True)
    provider = fields.CharField(max_length=PROVIDER_MAX_LENGTH)
    # The random id in the session cookie of the browser that started the login.
    browser = fields.CharField(max_length=64)
    # Set when a logged-in user links a provider account rather than logging in with it. The
    # link belongs to the session that started it, at the user's token version then: ending
    # that session, logging out everywhere, a new password or deactivation leaves it unusable.
    user = fields.ForeignKeyField("models.User", null=True, on_delete=fields.CASCADE)
    token_version = fields.IntField(null=True)
    session = fields.CharField(max_length=32, null=True)
    # A login that asked the provider to make the person sign in again (see "Re-authentication").
    reauthenticate = fields.BooleanField(default=False)
    redirect_uri = fields.CharField(max_length=2048)
    code_verifier = fields.CharField(max_length=128)
    nonce = fields.CharField(max_length=128, null=True)
    scope = fields.CharField(max_length=1024)
    next_url = fields.CharField(max_length=2048, null=True)
    expires_at = fields.DatetimeField(db_index=True)

    class Meta:
        table = "login_states"
