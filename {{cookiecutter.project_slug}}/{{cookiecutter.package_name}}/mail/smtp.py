"""Handing a message to the SMTP server (aiosmtplib), or in development without SMTP_HOST to the log."""

import logging
from email.message import EmailMessage

import aiosmtplib

from ..settings import Settings

logger = logging.getLogger(__name__)

DeliveryError = (aiosmtplib.SMTPException, OSError, TimeoutError)


async def deliver(settings: Settings, message: EmailMessage) -> None:
    """Raises one of DeliveryError when the server is away, refuses the message or times out."""
    if not settings.smtp_host:
        # Development only (settings refuse this elsewhere): the link in it is a live token.
        logger.warning(
            "email not sent (SMTP_HOST is not set), to %s:\n%s",
            message["To"],
            message.get_body(("plain",)).get_content(),
        )
        return
    await aiosmtplib.send(
        message,
        hostname=settings.smtp_host,
        port=settings.smtp_port,
        username=settings.smtp_username or None,
        password=settings.smtp_password.get_secret_value() or None,
        use_tls=settings.smtp_tls == "implicit",
        start_tls=settings.smtp_tls == "starttls",
        timeout=settings.smtp_timeout_seconds,
    )
