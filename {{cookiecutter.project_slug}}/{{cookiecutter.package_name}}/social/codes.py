"""One-time codes: after a social login with FRONTEND_URL, the browser lands there with a code
rather than tokens, and the frontend exchanges it at POST /auth/token (RFC 6749 section 4.1.3)
with the PKCE verifier of the challenge it started the login with (RFC 7636 section 4.6)."""

import base64
import hashlib
import re
import secrets
from datetime import UTC, datetime, timedelta

from fastapi import Request

from .. import refresh_tokens
from ..devices import Device
from ..errors import OAuthError
from ..events import REFRESH_REUSED, record_event
from ..extensions import Login, login_stages
from ..grants import ExtraGrant
from ..models import User
from ..routes.token import granted_scopes, log_in
from ..schemas import TokenOut
from ..settings import Settings
from ..signing import SigningKeys
from ..tokens import PROVIDER
from .models import CODE_CHALLENGE_LENGTH, AuthorizationCode

# Enough for the frontend to load and post it (RFC 6749 section 4.1.2 allows up to ten minutes).
CODE_LIFETIME = timedelta(seconds=60)
CODE_CHALLENGE_METHOD = "S256"
# BASE64URL(SHA-256(code_verifier)) unpadded (RFC 7636 section 4.2); the OpenAPI document gives
# this same pattern (social/routes.py).
CODE_CHALLENGE = re.compile("[A-Za-z0-9_-]{" + str(CODE_CHALLENGE_LENGTH) + "}")
# RFC 7636 section 4.1: 43 to 128 unreserved characters.
CODE_VERIFIER = re.compile(r"[A-Za-z0-9._~-]{43,128}")

UNUSABLE = OAuthError("invalid_grant", "The code is invalid, expired or used")
REUSED = OAuthError("invalid_grant", "This code was used before: the login it gave is now revoked")


def _hash(code: str) -> str:
    return hashlib.sha256(code.encode()).hexdigest()


def _challenge(verifier: str) -> str:
    return base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest()).rstrip(b"=").decode()


def login_challenge(settings: Settings, challenge: str | None, method: str | None) -> str | None:
    """The PKCE challenge of a login that lands on FRONTEND_URL: required there, refused without it."""
    if settings.frontend_url is None:
        if challenge is not None or method is not None:
            raise OAuthError("invalid_request", "code_challenge needs FRONTEND_URL to be set")
        return None
    if challenge is None:
        raise OAuthError(
            "invalid_request", "code_challenge is required: the login ends with a code to exchange with its verifier"
        )
    if method != CODE_CHALLENGE_METHOD:
        raise OAuthError("invalid_request", f"code_challenge_method must be {CODE_CHALLENGE_METHOD}")
    if not CODE_CHALLENGE.fullmatch(challenge):
        raise OAuthError(
            "invalid_request",
            "code_challenge must be the base64url SHA-256 of the code_verifier, unpadded: 43 characters of A-Z a-z 0-9 - _",
        )
    return challenge


async def issue(user: User, granted: list[str], code_challenge: str, auth_time: datetime) -> str:
    """A code for this login (whose person proved who they are at `auth_time`), bound to the
    frontend's challenge; expired codes go."""
    code = secrets.token_urlsafe(32)
    now = datetime.now(UTC)
    await AuthorizationCode.filter(expires_at__lt=now).delete()
    await AuthorizationCode.create(
        code_hash=_hash(code),
        user=user,
        scope=" ".join(granted),
        token_version=user.token_version,
        code_challenge=code_challenge,
        family=secrets.token_hex(16),
        auth_time=auth_time,
        expires_at=now + CODE_LIFETIME,
    )
    return code


async def exchange(request: Request, form: dict[str, str], settings: Settings, keys: SigningKeys) -> TokenOut:
    """The code's tokens, once. There are no registered clients, so no client_id and no
    redirect_uri to compare: the verifier alone shows that the caller started the login."""
    if "code" not in form or "code_verifier" not in form:
        raise OAuthError("invalid_request", "code and code_verifier are required")
    if not CODE_VERIFIER.fullmatch(form["code_verifier"]):
        raise OAuthError("invalid_request", "code_verifier must be 43 to 128 characters of A-Z a-z 0-9 - . _ ~")
    now = datetime.now(UTC)
    found = await AuthorizationCode.get_or_none(code_hash=_hash(form["code"]))
    if found is None or (found.used_at is None and found.expires_at <= now):
        raise UNUSABLE
    # Spent by this request whatever follows, so that a wrong verifier gets no second guess.
    if not await AuthorizationCode.filter(id=found.id, used_at__isnull=True).update(used_at=now):
        # RFC 6749 section 4.1.2: a code used twice revokes what it gave.
        await AuthorizationCode.filter(id=found.id).update(reused_at=now)
        await _revoke(request, found)
        raise REUSED
    if not secrets.compare_digest(_challenge(form["code_verifier"]), found.code_challenge):
        raise OAuthError(
            "invalid_grant", "The code_verifier does not match the login's code_challenge: the code is spent"
        )
    user = await User.get_or_none(id=found.user_id)
    if user is None or not user.is_active or user.token_version != found.token_version:
        raise UNUSABLE
    granted = granted_scopes(user, found.scope.split())
    # Asked again: a second factor turned on since the code was issued is asked for now (the login
    # then waits for it, as any does), rather than passed by a code kept for the purpose.
    await login_stages(request, Login(user, granted, [PROVIDER], "authorization_code"))
    device = Device.of(request, settings)
    tokens = await log_in(
        settings, keys, user, granted, device, amr=[PROVIDER], auth_time=found.auth_time, family=found.family
    )
    # A replay while these were issued found none of them to revoke: this request does.
    if await AuthorizationCode.filter(id=found.id, reused_at__isnull=False).exists():
        await _revoke(request, found)
        raise REUSED
    return tokens


async def _revoke(request: Request, code: AuthorizationCode) -> None:
    """Revoke what the code gave, and record the replay if that revoked anything: once, however
    often the code comes back."""
    if await refresh_tokens.revoke_family(code.family):
        await record_event(request, REFRESH_REUSED, code.user_id, session=code.family, token="code")


GRANT = ExtraGrant(
    grant_type="authorization_code",
    parameters={
        "code": {
            "type": "string",
            "description": "With grant_type=authorization_code: what a social login brought back",
        },
        "code_verifier": {
            "type": "string",
            "description": "With grant_type=authorization_code: the PKCE verifier of the login's code_challenge",
        },
    },
    exchange=exchange,
    metadata={"code_challenge_methods_supported": [CODE_CHALLENGE_METHOD]},
)
