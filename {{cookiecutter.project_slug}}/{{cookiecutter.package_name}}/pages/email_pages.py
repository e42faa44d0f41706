"""The pages that emailed links open (their paths are in mail/links.py), and the one that asks
for a reset link. The token rides in the link's fragment: the page's script reads it, takes it
out of the address bar, and posts it to the JSON API."""

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from ..mail.links import CANCEL_EMAIL_CHANGE_PATH, RESET_PASSWORD_PATH, UNDO_EMAIL_CHANGE_PATH, VERIFY_EMAIL_PATH
from .routes import PREFIX, render_page

router = APIRouter(include_in_schema=False)


@router.get(VERIFY_EMAIL_PATH, name="verify_email_page")
async def verify_email(request: Request) -> HTMLResponse:
    return render_page(request, "verify_email.html", "Verify your email")


@router.get(f"{PREFIX}/forgot-password", name="forgot_password_page")
async def forgot_password(request: Request) -> HTMLResponse:
    return render_page(request, "forgot_password.html", "Forgot your password?")


@router.get(RESET_PASSWORD_PATH, name="reset_password_page")
async def reset_password(request: Request) -> HTMLResponse:
    return render_page(request, "reset_password.html", "Choose a new password")


@router.get(CANCEL_EMAIL_CHANGE_PATH, name="cancel_email_change_page")
async def cancel_email_change(request: Request) -> HTMLResponse:
    return render_page(request, "cancel_email_change.html", "Cancel the change of your email")


@router.get(UNDO_EMAIL_CHANGE_PATH, name="undo_email_change_page")
async def undo_email_change(request: Request) -> HTMLResponse:
    return render_page(request, "undo_email_change.html", "Take your account back")
