"""What the fake providers share: accounts signed in by cookie, authorization codes, PKCE, client checks."""

import asyncio
import base64
import hashlib
import secrets
from dataclasses import dataclass, field
from urllib.parse import parse_qsl, urlencode

from starlette.requests import Request
from starlette.responses import JSONResponse, RedirectResponse, Response

CLIENT_ID = "client-id-for-tests"
CLIENT_SECRET = "client-secret-for-tests"
SIGNED_IN = "signed_in"


@dataclass
class Account:
    subject: str
    email: str | None
    email_verified: bool = True
    login: str = ""
    # When the person last typed their password at the provider (the id_token's auth_time); None
    # leaves auth_time out, as a provider may when no max_age was asked for.
    signed_in_at: int | None = None


@dataclass
class Grant:
    account: Account
    redirect_uri: str
    code_challenge: str
    nonce: str | None


@dataclass
class FakeProvider:
    """State of one fake provider, reset for every test."""

    name: str
    url: str = ""
    accounts: dict[str, Account] = field(default_factory=dict)
    grants: dict[str, Grant] = field(default_factory=dict)
    access_tokens: dict[str, Account] = field(default_factory=dict)
    authorize_requests: list[dict[str, str]] = field(default_factory=list)
    token_delay: float = 0
    token_status: int = 200

    def add(self, account: Account) -> Account:
        self.accounts[account.subject] = account
        return account

    def reset(self) -> None:
        self.accounts.clear()
        self.grants.clear()
        self.access_tokens.clear()
        self.authorize_requests.clear()
        self.token_delay = 0
        self.token_status = 200

    def authorize(self, request: Request, *, needs_nonce: bool) -> Response:
        """Sign in whoever the browser's cookie names, and send the browser back with a code."""
        query = dict(request.query_params)
        self.authorize_requests.append(query)
        redirect_uri = query.get("redirect_uri", "")
        if (
            query.get("client_id") != CLIENT_ID
            or query.get("response_type") != "code"
            or query.get("code_challenge_method") != "S256"
            or not query.get("code_challenge")
            or not query.get("state")
            or not redirect_uri
            or (needs_nonce and not query.get("nonce"))
        ):
            return JSONResponse({"error": "invalid_request"}, status_code=400)
        back = {"state": query["state"]}
        account = self.accounts.get(request.cookies.get(SIGNED_IN, ""))
        if account is None:
            back["error"] = "access_denied"
        else:
            code = secrets.token_urlsafe(16)
            self.grants[code] = Grant(account, redirect_uri, query["code_challenge"], query.get("nonce"))
            back["code"] = code
        return RedirectResponse(f"{redirect_uri}?{urlencode(back)}", status_code=302)

    async def redeem(self, request: Request) -> tuple[Grant | None, Response | None]:
        """Check a token request as a provider would: client, code, redirect_uri and PKCE verifier."""
        form = dict(parse_qsl((await request.body()).decode()))
        await asyncio.sleep(self.token_delay)
        if self.token_status != 200:
            return None, JSONResponse({"error": "server_error"}, status_code=self.token_status)
        client_id, client_secret = _client_credentials(request, form)
        if (client_id, client_secret) != (CLIENT_ID, CLIENT_SECRET):
            return None, JSONResponse({"error": "invalid_client"}, status_code=401)
        grant = self.grants.pop(form.get("code", ""), None)
        verifier = form.get("code_verifier", "")
        challenge = base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest()).rstrip(b"=").decode()
        if (
            form.get("grant_type") != "authorization_code"
            or grant is None
            or form.get("redirect_uri") != grant.redirect_uri
            or challenge != grant.code_challenge
        ):
            return None, JSONResponse({"error": "invalid_grant"}, status_code=400)
        return grant, None

    def new_access_token(self, account: Account) -> str:
        token = secrets.token_urlsafe(16)
        self.access_tokens[token] = account
        return token

    def bearer_account(self, request: Request) -> Account | None:
        scheme, _, token = request.headers.get("authorization", "").partition(" ")
        return self.access_tokens.get(token) if scheme.lower() == "bearer" else None


def _client_credentials(request: Request, form: dict) -> tuple[str, str]:
    scheme, _, encoded = request.headers.get("authorization", "").partition(" ")
    if scheme.lower() == "basic":
        client_id, _, client_secret = base64.b64decode(encoded).decode().partition(":")
        return client_id, client_secret
    return form.get("client_id", ""), form.get("client_secret", "")
