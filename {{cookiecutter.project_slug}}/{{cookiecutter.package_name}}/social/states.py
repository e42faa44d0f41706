"""Logins on their way through a provider: made when the browser leaves, used up when it returns."""

import hashlib
import secrets
from datetime import UTC, datetime, timedelta

from fastapi import Request

from ..models import User
from .models import LoginState
from .provider import Profile

# Long enough to type a password and pass a second factor at the provider.
STATE_LIFETIME = timedelta(minutes=10)
# Between this service's clock and the provider's.
CLOCK_SKEW = timedelta(minutes=1)
BROWSER_KEY = "browser"


def _hash(state: str) -> str:
    return hashlib.sha256(state.encode()).hexdigest()


def _browser(request: Request) -> str:
    """The random id this browser carries in its signed session cookie."""
    return request.session.setdefault(BROWSER_KEY, secrets.token_urlsafe(32))


async def remember(
    request: Request,
    provider: str,
    redirect_uri: str,
    authorization: dict,
    *,
    user: User | None = None,
    session: str | None = None,
    scope: str = "",
    next_url: str | None = None,
    reauthenticate: bool = False,
    code_challenge: str | None = None,
) -> None:
    """Keep what the callback needs, bound to this browser (and when linking, to `user`'s `session`)."""
    now = datetime.now(UTC)
    await LoginState.filter(expires_at__lt=now).delete()
    await LoginState.create(
        state_hash=_hash(authorization["state"]),
        provider=provider,
        browser=_browser(request),
        user=user,
        token_version=user.token_version if user else None,
        session=session,
        reauthenticate=reauthenticate,
        redirect_uri=redirect_uri,
        code_verifier=authorization["code_verifier"],
        nonce=authorization.get("nonce"),
        scope=scope,
        next_url=next_url,
        code_challenge=code_challenge,
        expires_at=now + STATE_LIFETIME,
    )


async def take(request: Request, provider: str, state: str) -> LoginState | None:
    """The login this state belongs to, if this browser started it and it is still unused; then it is gone."""
    browser = request.session.get(BROWSER_KEY)
    if not browser:
        return None
    login = await LoginState.get_or_none(
        state_hash=_hash(state), provider=provider, browser=browser, expires_at__gt=datetime.now(UTC)
    )
    # Of two callbacks racing with one state, only the one whose delete removes the row goes on.
    if login is None or await LoginState.filter(id=login.id).delete() != 1:
        return None
    return login


def signed_in_since_start(login: LoginState, profile: Profile) -> bool:
    """Whether the provider says the person signed in after this login left for it (give or take clock skew)."""
    started = login.expires_at - STATE_LIFETIME
    return profile.auth_time is not None and profile.auth_time >= started - CLOCK_SKEW
