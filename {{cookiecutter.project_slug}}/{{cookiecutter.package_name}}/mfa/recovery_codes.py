"""Recovery codes: ten random codes of 80 bits each, shown once, kept as SHA-256 hashes (a code is
random enough that no salt or slow hash is needed), each spent once."""

import base64
import hashlib
import secrets
from datetime import UTC, datetime

from tortoise.transactions import in_transaction

from ..models import User
from .models import RecoveryCode

COUNT = 10
CODE_BYTES = 10
GROUP = 4


def _normal(code: str) -> str:
    """As typed or pasted: any case, with or without its dashes and spaces."""
    return "".join(code.split()).replace("-", "").upper()


def _hash(code: str) -> str:
    return hashlib.sha256(_normal(code).encode()).hexdigest()


def _new_code() -> str:
    letters = base64.b32encode(secrets.token_bytes(CODE_BYTES)).decode()
    return "-".join(letters[start : start + GROUP] for start in range(0, len(letters), GROUP))


async def replace(user: User) -> list[str]:
    """A new set for `user`, the old one gone: the codes, which are never kept as themselves."""
    codes = [_new_code() for _ in range(COUNT)]
    async with in_transaction():
        await RecoveryCode.filter(user_id=user.id).delete()
        await RecoveryCode.bulk_create([RecoveryCode(user_id=user.id, code_hash=_hash(code)) for code in codes])
    return codes


async def spend(user: User, code: str) -> bool:
    """Whether `code` is one of the user's unused codes; it is used from now on. Of two requests
    with the same code, the database lets one through."""
    unused = RecoveryCode.filter(user_id=user.id, code_hash=_hash(code), used_at__isnull=True)
    return bool(await unused.update(used_at=datetime.now(UTC)))


async def remaining(user: User) -> int:
    return await RecoveryCode.filter(user_id=user.id, used_at__isnull=True).count()
