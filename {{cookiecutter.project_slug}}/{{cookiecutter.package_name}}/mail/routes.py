"""Following an emailed link: confirm an address, or set a new password after asking for one."""

from datetime import UTC, datetime
from typing import Annotated

from fastapi import APIRouter, HTTPException, Request, Response, status
from pydantic import StringConstraints
from tortoise.transactions import in_transaction

from ..events import EMAIL_CHANGED, PASSWORD_CHANGED, record_event
from ..models import User
from ..openapi import RETRY_AFTER, Problem, oauth_answer
from ..refresh_tokens import log_out_everywhere
from ..schemas import Email, Password, StrictBody
from ..security import AppSettings, Passwords
from ..throttling import limit_per_address, within_limit_per_account
from . import addresses, tokens
from .models import Purpose, VerifiedEmail
from .outbox import as_told, enqueue

router = APIRouter(prefix="/auth", tags=["auth"])

RESET_KIND = "reset"
RESET_ADDRESS_KIND = "reset-address"
LINK_KIND = "email-link"
# secrets.token_urlsafe(32) is 43 characters; anything much longer is not a token of ours.
Token = Annotated[str, StringConstraints(min_length=1, max_length=128)]
UNUSABLE = "The link is invalid, expired or already used: ask for a new one"
TOO_MANY = oauth_answer("Too many requests (`Retry-After` says for how long)", RETRY_AFTER)


class LinkToken(StrictBody):
    token: Token


class ForgotPassword(StrictBody):
    email: Email


class NewPassword(StrictBody):
    token: Token
    password: Password


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
        409: {"model": Problem, "description": "Another account has verified this address"},
        429: TOO_MANY,
    },
)
async def verify_email(body: LinkToken, request: Request, settings: AppSettings) -> Response:
    """Confirm an address with the token of the link emailed to it: it becomes the account's email,
    and the address it replaces is told."""
    await _limit_links(settings, request)
    async with in_transaction():
        try:
            token, user = await tokens.spend(body.token, Purpose.VERIFY)
            was_verified = await addresses.is_verified(user)
            replaced = await addresses.verify(user, token.email)
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
    status_code=status.HTTP_204_NO_CONTENT,
    responses={400: {"model": Problem, "description": UNUSABLE}, 429: TOO_MANY},
)
async def reset_password(body: NewPassword, request: Request, settings: AppSettings, passwords: Passwords) -> Response:
    """Set a new password with the token of the emailed link. Every session of the account ends."""
    await _limit_links(settings, request)
    password_hash = await passwords.hash(body.password)
    async with in_transaction():
        try:
            _, user = await tokens.spend(body.token, Purpose.RESET)
        except tokens.UnusableToken:
            raise HTTPException(status.HTTP_400_BAD_REQUEST, detail=UNUSABLE) from None
        # Over the password the token was issued for only, as tokens.spend checked it.
        if not await User.filter(id=user.id, password_hash=user.password_hash).update(password_hash=password_hash):
            raise HTTPException(status.HTTP_400_BAD_REQUEST, detail=UNUSABLE)
        # Chosen by whoever reads the mailbox: the password is now trusted with the address.
        await VerifiedEmail.filter(user_id=user.id).update(password_trusted=True)
        await log_out_everywhere(user.id)
        await record_event(request, PASSWORD_CHANGED, user.id, first=user.password_hash is None, via="reset")
    return Response(status_code=status.HTTP_204_NO_CONTENT)
