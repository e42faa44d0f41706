"""TOTP (RFC 6238) through pyotp: a secret made at enrolment and sealed at rest with AES-GCM under
a key derived from MFA_SECRET_KEY (SECRET_KEY when unset), shown once as a QR code (segno, inline
SVG) and as text; each code accepted once, within a step of drift either way."""

import base64
import secrets
from datetime import UTC, datetime

import pyotp
import segno
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from pyotp.exceptions import OTPVerificationError

from ..models import User
from ..settings import Settings
from .models import Authenticator

# One 30-second step either way, for a phone whose clock is a little off.
DRIFT_STEPS = 1
NONCE_BYTES = 12
CODE_DIGITS = 6


def _key(settings: Settings) -> bytes:
    """A key of its own, so that a sealed secret is never open to what SECRET_KEY signs elsewhere."""
    secret = (settings.mfa_secret_key or settings.secret_key).get_secret_value()
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=b"mfa totp secrets").derive(secret.encode())


def _bound_to(user_id: int) -> bytes:
    # Authenticated with the ciphertext: a secret copied onto another user's row does not open.
    return f"totp secret of user {user_id}".encode()


def seal(settings: Settings, user_id: int, secret: str) -> str:
    nonce = secrets.token_bytes(NONCE_BYTES)
    sealed = AESGCM(_key(settings)).encrypt(nonce, secret.encode(), _bound_to(user_id))
    return base64.b64encode(nonce + sealed).decode()


def unseal(settings: Settings, user_id: int, sealed: str) -> str | None:
    """The secret, or None when it was sealed under another key (MFA_SECRET_KEY changed)."""
    raw = base64.b64decode(sealed)
    try:
        return AESGCM(_key(settings)).decrypt(raw[:NONCE_BYTES], raw[NONCE_BYTES:], _bound_to(user_id)).decode()
    except InvalidTag:
        return None


def new_secret() -> str:
    """160 random bits, as RFC 4226 recommends, in the base32 every authenticator app reads."""
    return pyotp.random_base32()


def set_up(secret: str, user: User, issuer: str) -> dict[str, str]:
    """What an authenticator app needs: the otpauth URI, as a QR code too, and the secret to type in."""
    uri = pyotp.TOTP(secret).provisioning_uri(name=user.username, issuer_name=issuer)
    return {"secret": secret, "otpauth_uri": uri, "qr_code_svg": segno.make(uri, error="m").svg_inline(scale=4)}


def matching_step(secret: str, code: str) -> int | None:
    """The time step whose code `code` is, within DRIFT_STEPS of now; None for a wrong code."""
    if len(code) != CODE_DIGITS or not code.isascii() or not code.isdigit():
        return None
    try:
        return pyotp.TOTP(secret).verify_and_get_timecode(code, valid_window=DRIFT_STEPS)
    except OTPVerificationError:
        return None


async def accept(settings: Settings, authenticator: Authenticator, code: str) -> bool:
    """Whether `code` is a right code of `authenticator` that was never accepted before: the step
    it is of must be newer than the last accepted, so that neither the same code nor an older one
    works twice. Of two requests with the same code, the database lets one through."""
    secret = unseal(settings, authenticator.user_id, authenticator.secret)
    step = matching_step(secret, code) if secret else None
    if step is None:
        return False
    return bool(
        await Authenticator.filter(id=authenticator.id, last_step__lt=step).update(
            last_step=step, last_used_at=datetime.now(UTC)
        )
    )
