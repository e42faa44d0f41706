"""Following an emailed link: confirm an address (signed in to its account), set a new password
after asking for one (which signs in), cancel a change of email, or undo one."""

from datetime import UTC, datetime, timedelta
from typing import Annotated

from fastapi import APIRouter, HTTPException, Request, Response, status
from pydantic import StringConstraints
from tortoise.transactions import in_transaction

from ..errors import OAuthError
from ..events import EMAIL_CHANGED, PASSWORD_CHANGED, record_event
from ..extensions import Login, login_stages
from ..models import User
from ..openapi import RETRY_AFTER, Problem, oauth_answer
from ..passwords import PasswordHasher
from ..refresh_tokens import log_out_everywhere
from ..routes.recovery import secure
from ..routes.token import granted_scopes, signed_in
from ..schemas import Email, Password, StrictBody, TokenOut
from ..security import AppSettings, CurrentUser, Keys, Passwords
from ..settings import Settings
from ..signing import SigningKeys
from ..throttling import Throttled, code_check, limit_per_address, within_limit_per_account
from ..tokens import EMAILED_LINK
from . import addresses, tokens
from .models import Purpose, VerifiedEmail
from .outbox import as_told, enqueue

router = APIRouter(prefix="/auth", tags=["auth"])

RESET_KIND = "reset"
RESET_ADDRESS_KIND = "reset-address"
LINK_KIND = "email-link"
# Refusals of what a login stage asked for (a second factor's code) that one link may take, in
# LINK_REFUSALS_WINDOW: past them, the link is spent (a new one can be asked for).
LINK_REFUSALS_KIND = "link-refused"
LINK_REFUSALS = 5
LINK_REFUSALS_WINDOW = timedelta(hours=1)
# secrets.token_urlsafe(32) is 43 characters; anything much longer is not a token of ours.
Token = Annotated[str, StringConstraints(min_length=1, max_length=128)]
{%- if cookiecutter.mfa != "none" %}
SecondFactor = Annotated[str, StringConstraints(min_length=1, max_length=32)]
{%- endif %}
UNUSABLE = "The link is invalid, expired or already used: ask for a new one"
OTHER_ACCOUNT = "This link is for another account: sign in to the account it was sent for, then open it again"
TOO_MANY = oauth_answer("Too many requests (`Retry-After` says for how long)", RETRY_AFTER)
{%- if cookiecutter.mfa != "none" %}
SECOND_FACTOR_NEEDED = oauth_answer(
    "The account asks for a second factor (`mfa_required`, with its `mfa_methods`): send `otp` or "
    "`recovery_code` with the token and the password. Nothing was changed; a wrong code is 400 `invalid_grant`"
)
{%- endif %}


class LinkToken(StrictBody):
    token: Token


class ForgotPassword(StrictBody):
    email: Email


class NewPassword(StrictBody):
    token: Token
    password: Password
{%- if cookiecutter.mfa != "none" %}
    # For an account with a second factor: a code from its app, or one of its recovery codes,
    # checked before the link does anything.
    otp: SecondFactor | None = None
    recovery_code: SecondFactor | None = None

    def factor(self) -> dict[str, str]:
        return {name: value for name, value in (("otp", self.otp), ("recovery_code", self.recovery_code)) if value}
{%- endif %}


class Accepted(StrictBody):
    detail: str


async def _limit_links(settings: AppSettings, request: Request) -> None:
    # A token has 256 random bits: this only keeps a flood of guesses from costing lookups.
    await limit_per_address(
        settings, request, LINK_KIND, settings.email_requests_per_address_per_hour, "Too many links tried"
    )


@router.post(
    "/verify-email",
    status_code=status.HTTP_204_NO_CONTENT,
    responses={
        400: {"model": Problem, "description": UNUSABLE},
        403: {"model": Problem, "description": OTHER_ACCOUNT},
        409: {"model": Problem, "description": "Another account has verified this address"},
        429: TOO_MANY,
    },
)
async def verify_email(body: LinkToken, signed_in: CurrentUser, request: Request, settings: AppSettings) -> Response:
    """Confirm an address with the token of the link emailed to it, signed in to the account it was
    sent for: it becomes the account's email, and the address it replaces is told. Whoever reads
    the mailbox but cannot sign in to that account (someone who typed in a stranger's address)
    confirms nothing."""
    await _limit_links(settings, request)
    async with in_transaction():
        try:
            token, user = await tokens.spend(body.token, Purpose.VERIFY)
            if user.id != signed_in.id:
                raise HTTPException(status.HTTP_403_FORBIDDEN, detail=OTHER_ACCOUNT)
            was_verified = await addresses.is_verified(user)
            replaced = await addresses.verify(request, user, token.email)
            # Its cancel link would say "cancelled" of a change that is made: the undo link is the way back now.
            await tokens.end_confirmations(user.id)
        except tokens.UnusableToken:
            raise HTTPException(status.HTTP_400_BAD_REQUEST, detail=UNUSABLE) from None
        except addresses.AddressTaken:
            raise HTTPException(status.HTTP_409_CONFLICT, detail="Another account has verified this address") from None
        if replaced:
            # The notice (mail/notices.py) goes to the replaced address if it was verified.
            await record_event(request, EMAIL_CHANGED, user.id, previous_email=replaced, previous_verified=was_verified)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.post("/forgot-password", status_code=status.HTTP_202_ACCEPTED, responses={429: TOO_MANY})
async def forgot_password(body: ForgotPassword, request: Request, settings: AppSettings) -> Accepted:
    """Ask for a link to reset a password. The answer is the same whether or not an account has
    the address: the link goes to it only if an account verified it."""
    await limit_per_address(
        settings,
        request,
        RESET_KIND,
        settings.email_requests_per_address_per_hour,
        "Too many password resets asked for",
    )
    # Anyone may ask about any address: past its limit the answer stays the same and nothing is
    # sent, where a 429 would keep its owner from asking too.
    limit = settings.email_requests_per_account_per_hour
    if await within_limit_per_account(RESET_ADDRESS_KIND, body.email, limit):
        # The same one row for every address: the sender decides whether there is anyone to write
        # to. Only when it was asked: the client's address and user agent are a stranger's words.
        await enqueue("reset_password", body.email, at=as_told(datetime.now(UTC)))
    return Accepted(detail="If an account has verified this address, a link to reset its password is on its way")


@router.post(
    "/reset-password",
    response_model=TokenOut,
    responses={
        400: {"model": Problem, "description": UNUSABLE},
{%- if cookiecutter.mfa != "none" %}
        403: SECOND_FACTOR_NEEDED,
{%- endif %}
        429: TOO_MANY,
    },
)
async def reset_password(
    body: NewPassword, request: Request, settings: AppSettings, passwords: Passwords, keys: Keys
) -> TokenOut:
    """Set a new password with the token of the emailed link. Every session of the account ends,
    and a new one begins here, as a recent login: whoever guesses at the password meanwhile (and
    so keeps its password logins refused) does not keep its owner out."""
    return await reset_and_sign_in(request, settings, passwords, keys, body.token, body.password{% if cookiecutter.mfa != "none" %}, given=body.factor(){% endif %})


async def reset_and_sign_in(
    request: Request,
    settings: Settings,
    passwords: PasswordHasher,
    keys: SigningKeys,
    token: str,
    password: str,
    scope: list[str] | None = None,
    given: dict[str, str] | None = None,
) -> TokenOut:
    """POST /auth/reset-password, for the API and the pages alike (which ask for their `scope`),
    with what came for the login stages to check (`given`: a second factor, say)."""
    await _limit_links(settings, request)
    added = await _checked_first(request, token, Purpose.RESET, "reset", given)
    password_hash = await passwords.hash(password)
    async with in_transaction():
        try:
            _, user = await tokens.spend(token, Purpose.RESET)
        except tokens.UnusableToken:
            raise HTTPException(status.HTTP_400_BAD_REQUEST, detail=UNUSABLE) from None
        # Over the password just read only: of two resets racing, one sets it.
        if not await User.filter(id=user.id, password_hash=user.password_hash).update(password_hash=password_hash):
            raise HTTPException(status.HTTP_400_BAD_REQUEST, detail=UNUSABLE)
        # Chosen by whoever reads the mailbox: the password is now trusted with the address.
        await VerifiedEmail.filter(user_id=user.id).update(password_trusted=True)
        await log_out_everywhere(user.id)
        await record_event(request, PASSWORD_CHANGED, user.id, first=user.password_hash is None, via="reset")
    return await sign_in_by_link(request, settings, keys, user.id, method="reset", amr=added, scope=scope)


@router.post(
    "/cancel-email-change",
    status_code=status.HTTP_204_NO_CONTENT,
    responses={400: {"model": Problem, "description": UNUSABLE}, 429: TOO_MANY},
)
async def cancel_email_change(body: LinkToken, request: Request, settings: AppSettings) -> Response:
    """Cancel a change of email with the link sent to the account's address when it was asked for:
    the new address's link stops working. It needs no sign-in: it is the owner's way out."""
    await _limit_links(settings, request)
    async with in_transaction():
        try:
            _, user = await tokens.spend(body.token, Purpose.CANCEL)
        except tokens.UnusableToken:
            raise HTTPException(status.HTTP_400_BAD_REQUEST, detail=UNUSABLE) from None
        await addresses.cancel_change(request, user)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.post(
    "/undo-email-change",
    response_model=TokenOut,
    responses={
        400: {"model": Problem, "description": UNUSABLE},
{%- if cookiecutter.mfa != "none" %}
        403: SECOND_FACTOR_NEEDED,
{%- endif %}
        409: {"model": Problem, "description": "Another account has verified this address since"},
        429: TOO_MANY,
    },
)
async def undo_email_change(
    body: NewPassword, request: Request, settings: AppSettings, passwords: Passwords, keys: Keys
) -> TokenOut:
    """Take the account back with the link sent to the address a change of email replaced: the
    address is the account's again, the password is the one given here, every session ends, every
    provider account is unlinked, and a new session begins here."""
    return await undo_and_sign_in(request, settings, passwords, keys, body.token, body.password{% if cookiecutter.mfa != "none" %}, given=body.factor(){% endif %})


async def undo_and_sign_in(
    request: Request,
    settings: Settings,
    passwords: PasswordHasher,
    keys: SigningKeys,
    link_token: str,
    password: str,
    scope: list[str] | None = None,
    given: dict[str, str] | None = None,
) -> TokenOut:
    """POST /auth/undo-email-change, for the API and the pages alike (which ask for their `scope`),
    with what came for the login stages to check (`given`: a second factor, say)."""
    await _limit_links(settings, request)
    added = await _checked_first(request, link_token, Purpose.UNDO, "undo", given)
    password_hash = await passwords.hash(password)
    async with in_transaction():
        try:
            token, user = await tokens.spend(link_token, Purpose.UNDO)
            was_verified = await addresses.is_verified(user)
            await User.filter(id=user.id).update(password_hash=password_hash)
            user.password_hash = password_hash
            replaced = await addresses.verify(request, user, token.email, vouched=True)
        except tokens.UnusableToken:
            raise HTTPException(status.HTTP_400_BAD_REQUEST, detail=UNUSABLE) from None
        except addresses.AddressTaken:
            raise HTTPException(
                status.HTTP_409_CONFLICT, detail="Another account has verified this address since"
            ) from None
        if replaced:
            await record_event(
                request, EMAIL_CHANGED, user.id, previous_email=replaced, previous_verified=was_verified, via="undo"
            )
        await record_event(request, PASSWORD_CHANGED, user.id, first=False, via="undo")
        await tokens.end_undos_after(user.id, token.expires_at)
        # Its link's expiry orders it among the changes (see mail/messages.py, which reads it).
        await secure(request, user, via="undo", undo_link_expiry=token.expires_at.isoformat())
    return await sign_in_by_link(request, settings, keys, user.id, method="undo", amr=added, scope=scope)


async def _checked_first(
    request: Request, link_token: str, purpose: Purpose, method: str, given: dict[str, str] | None
) -> list[str]:
    """The login stages, run on the link's account before the link does anything (a second
    factor is asked for here, with the link's own request, not after the password was set);
    the `amr` values they add. A link whose stages refused what came with it LINK_REFUSALS times
    is spent, so that whoever holds the mailbox alone gets no more guesses at a code than an
    mfa_token gives."""
    user = await tokens.owner(link_token, purpose)
    if user is None:
        raise HTTPException(status.HTTP_400_BAD_REQUEST, detail=UNUSABLE)
    login = Login(user, [], [EMAILED_LINK], method, given=given or {})
    key = tokens.hashed(link_token)
    asked = None
    try:
        async with code_check(
            request.app.state.settings, LINK_REFUSALS_KIND, key, LINK_REFUSALS, LINK_REFUSALS_WINDOW, ""
        ):
            try:
                return await login_stages(request, login)
            except OAuthError as refusal:
                # Counted only when what came was refused (400): not for a 403 asking for it, nor a 429.
                if refusal.status_code != status.HTTP_400_BAD_REQUEST:
                    asked = refusal
                else:
                    raise
    except Throttled as refusal:
        if not refusal.limit.startswith(f"{LINK_REFUSALS_KIND}:"):
            raise
        await tokens.end(link_token)
        raise HTTPException(status.HTTP_400_BAD_REQUEST, detail=UNUSABLE) from None
    raise asked


async def sign_in_by_link(
    request: Request,
    settings: Settings,
    keys: SigningKeys,
    user_id: int,
    *,
    method: str,
    amr: list[str],
    scope: list[str] | None = None,
) -> TokenOut:
    """A new session for whoever followed the link, with every scope the user holds (or those of
    `scope` they hold), proved just now (with the `amr` values of what the login stages checked
    first), and a device token. No limit on logins applies: the link
    proved more than a password would, its work is done by now, and whoever holds the password
    must not be able to spend the owner's way back in."""
    user = await User.get(id=user_id)
    login = Login(
        user, granted_scopes(user, scope or []), [EMAILED_LINK, *amr], method, counted=False, with_device_token=True
    )
    return await signed_in(request, settings, keys, login)
