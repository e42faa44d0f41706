"""Bodies of the social login routes, and your account with its linked provider accounts."""

from datetime import datetime

from pydantic import BaseModel

from ..lookups import Lookup
from ..models import User
from ..schemas import UserOut
from .models import Identity

IDENTITIES_OF_USER = Lookup(lambda user_id: Identity.filter(user_id=user_id).order_by("id"))


class IdentityOut(BaseModel):
    id: int
    provider: str
    email: str | None
    email_verified: bool
    linked_at: datetime
    last_login_at: datetime | None

    @classmethod
    def of(cls, identity: Identity) -> "IdentityOut":
        return cls(
            id=identity.id,
            provider=identity.provider,
            email=identity.email,
            email_verified=identity.email_verified,
            linked_at=identity.created_at,
            last_login_at=identity.last_login_at,
        )


class MeOut(UserOut):
    identities: list[IdentityOut]

    @classmethod
    async def of_user(cls, user: User) -> "MeOut":
        identities = await IDENTITIES_OF_USER.all(user.id)
        return cls(**dict(UserOut.of(user)), identities=[IdentityOut.of(identity) for identity in identities])


class AuthorizationUrl(BaseModel):
    authorization_url: str
