"""Tables of social login: linked provider accounts, logins on their way through a provider, and the
one-time codes a browser brings back to the frontend."""

from tortoise import fields
from tortoise.models import Model

from ..models import EMAIL_MAX_LENGTH

PROVIDER_MAX_LENGTH = 16
SUBJECT_MAX_LENGTH = 255
# An S256 code_challenge is the unpadded base64url of a SHA-256 digest (RFC 7636 section 4.2).
CODE_CHALLENGE_LENGTH = 43

URL_MAX_LENGTH = 2048


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
    redirect_uri = fields.CharField(max_length=URL_MAX_LENGTH)
    code_verifier = fields.CharField(max_length=128)
    nonce = fields.CharField(max_length=128, null=True)
    scope = fields.CharField(max_length=1024)
    next_url = fields.CharField(max_length=URL_MAX_LENGTH, null=True)
    # The frontend's PKCE challenge (S256) for the code its browser brings back; set for every
    # login started while FRONTEND_URL is set.
    code_challenge = fields.CharField(max_length=CODE_CHALLENGE_LENGTH, null=True)
    expires_at = fields.DatetimeField(db_index=True)

    class Meta:
        table = "login_states"


class AuthorizationCode(Model):
    """A one-time code from a social login, which a frontend exchanges for its tokens.

    The browser lands on FRONTEND_URL with the code, and the page posts it to POST /auth/token
    with the PKCE verifier of the challenge it started the login with (RFC 7636).
    """

    id = fields.BigIntField(primary_key=True)
    # SHA-256 of the code, which travels through the browser.
    code_hash = fields.CharField(max_length=64, unique=True)
    user = fields.ForeignKeyField("models.User", related_name=False, on_delete=fields.CASCADE)
    # What the login granted, at the user's token version then.
    scope = fields.TextField()
    token_version = fields.IntField()
    code_challenge = fields.CharField(max_length=CODE_CHALLENGE_LENGTH)
    # The refresh token family the exchange starts, named beforehand so that a replay can revoke it.
    family = fields.CharField(max_length=32)
    # When the person signed in at the provider: the session's auth_time (RFC 9470).
    auth_time = fields.DatetimeField()
    expires_at = fields.DatetimeField(db_index=True)
    # Set by the exchange, whether the verifier matched or not.
    used_at = fields.DatetimeField(null=True)
    # Set when the code is presented again: the exchange revokes what it issued if it sees this.
    reused_at = fields.DatetimeField(null=True)

    class Meta:
        table = "authorization_codes"
