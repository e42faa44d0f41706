"""A FAKE Google, for tests and development only: OpenID discovery, a sign-in page, token (with RS256
id_tokens), JWKS."""

import json
import time

import jwt
from cryptography.hazmat.primitives.asymmetric import rsa
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from .provider import CLIENT_ID, CLIENT_SECRET, Account, FakeProvider

KEY_ID = "fake-google-key"
SIGNING_KEY = rsa.generate_private_key(public_exponent=65537, key_size=2048)
# Signs id_tokens that must not verify.
STRANGER_KEY = rsa.generate_private_key(public_exponent=65537, key_size=2048)


class FakeGoogle(FakeProvider):
    # What to get wrong in the next id_tokens: "signature", "audience", "issuer", "nonce" or "expired".
    id_token_flaw: str | None = None
    # Entries the discovery document leaves out.
    undiscoverable: frozenset[str] = frozenset()
    # Sends the browser back without asking for the password even when told to (prompt=login).
    ignores_prompt: bool = False

    def reset(self) -> None:
        super().reset()
        self.id_token_flaw = None
        self.undiscoverable = frozenset()
        self.ignores_prompt = False

    def id_token(self, account: Account, nonce: str | None) -> str:
        now = int(time.time())
        claims = {
            "iss": self.url,
            "aud": CLIENT_ID,
            "sub": account.subject,
            "email": account.email,
            "email_verified": account.email_verified,
            "nonce": nonce,
            "iat": now,
            "exp": now + 3600,
        }
        if account.name:
            claims["name"] = account.name
        if account.signed_in_at is not None:
            claims["auth_time"] = account.signed_in_at
        flaw = self.id_token_flaw
        if flaw == "audience":
            # Issued to another client, naming ours only as the authorized party.
            claims["aud"], claims["azp"] = ["someone-elses-client", "another-client"], CLIENT_ID
        elif flaw == "issuer":
            claims["iss"] = "https://evil.example"
        elif flaw == "nonce":
            claims["nonce"] = "a-nonce-from-another-login"
        elif flaw == "expired":
            claims["iat"], claims["exp"] = now - 7200, now - 3600
        key = STRANGER_KEY if flaw == "signature" else SIGNING_KEY
        return jwt.encode(claims, key, algorithm="RS256", headers={"kid": KEY_ID})


google = FakeGoogle("google", "Google", suggested=Account("1001", "ada@example.com", name="Ada Lovelace"))


def settings(url: str) -> dict[str, str]:
    """The environment that points the service at this fake, served at `url`."""
    return {
        "GOOGLE_CLIENT_ID": CLIENT_ID,
        "GOOGLE_CLIENT_SECRET": CLIENT_SECRET,
        "GOOGLE_SERVER_METADATA_URL": f"{url}/.well-known/openid-configuration",
    }


async def discovery(request: Request) -> JSONResponse:
    document = {
        "issuer": google.url,
        "authorization_endpoint": f"{google.url}/o/oauth2/v2/auth",
        "token_endpoint": f"{google.url}/token",
        "jwks_uri": f"{google.url}/oauth2/v3/certs",
        "userinfo_endpoint": f"{google.url}/v1/userinfo",
        "response_types_supported": ["code"],
        "subject_types_supported": ["public"],
        "id_token_signing_alg_values_supported": ["RS256"],
        "code_challenge_methods_supported": ["S256"],
    }
    return JSONResponse({key: value for key, value in document.items() if key not in google.undiscoverable})


async def authorize(request: Request) -> Response:
    if "openid" not in request.query_params.get("scope", "").split():
        return JSONResponse({"error": "invalid_scope"}, status_code=400)
    if request.method == "POST":
        return await google.sign_in(request, needs_nonce=True)
    account = google.signed_in(request)
    if account is not None and request.query_params.get("prompt") == "login" and not google.ignores_prompt:
        account.signed_in_at = int(time.time())  # the person types their password again
    return google.authorize(request, needs_nonce=True)


async def token(request: Request) -> Response:
    grant, refusal = await google.redeem(request)
    if grant is None:
        return refusal
    return JSONResponse(
        {
            "access_token": google.new_access_token(grant.account),
            "token_type": "Bearer",
            "expires_in": 3599,
            "scope": "openid email profile",
            "id_token": google.id_token(grant.account, grant.nonce),
        }
    )


async def certs(request: Request) -> JSONResponse:
    public_key = json.loads(jwt.algorithms.RSAAlgorithm.to_jwk(SIGNING_KEY.public_key()))
    return JSONResponse({"keys": [{**public_key, "kid": KEY_ID, "use": "sig", "alg": "RS256"}]})


app = Starlette(
    routes=[
        Route("/.well-known/openid-configuration", discovery),
        Route("/", google.home),
        Route("/sign-out", google.sign_out, methods=["POST"]),
        Route("/o/oauth2/v2/auth", authorize, methods=["GET", "POST"]),
        Route("/token", token, methods=["POST"]),
        Route("/oauth2/v3/certs", certs),
    ]
)
