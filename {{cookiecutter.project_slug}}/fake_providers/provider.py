"""What the fake providers share: a sign-in page, accounts signed in by cookie, authorization
codes, PKCE and client checks."""

import asyncio
import base64
import hashlib
import html
import secrets
import time
from dataclasses import dataclass, field
from urllib.parse import parse_qsl, urlencode

from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, RedirectResponse, Response

CLIENT_ID = "fake-client-id"
CLIENT_SECRET = "fake-client-secret"

STYLE = (
    "body{font:16px/1.5 system-ui,sans-serif;max-width:34rem;margin:2rem auto;padding:0 1rem}"
    ".fake{background:#fde68a;border:3px dashed #b45309;padding:.75rem 1rem}"
    "label{display:block;margin-top:.75rem}input[type=text],input[type=email]{width:100%;padding:.4rem}"
    "button{margin:1rem .5rem 0 0;padding:.5rem 1rem}"
)
# The pages run no script and load nothing; their one style block is allowed by its hash. No
# form-action: the form's answer redirects to the service, which Chromium would check against it.
CONTENT_SECURITY_POLICY = (
    "default-src 'none'; "
    f"style-src 'sha256-{base64.b64encode(hashlib.sha256(STYLE.encode()).digest()).decode()}'; "
    "frame-ancestors 'none'; base-uri 'none'"
)


@dataclass
class Account:
    subject: str
    email: str | None
    email_verified: bool = True
    login: str = ""
    name: str = ""
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
    label: str
    # Who the sign-in form suggests.
    suggested: Account
    url: str = ""
    accounts: dict[str, Account] = field(default_factory=dict)
    grants: dict[str, Grant] = field(default_factory=dict)
    access_tokens: dict[str, Account] = field(default_factory=dict)
    authorize_requests: list[dict[str, str]] = field(default_factory=list)
    token_delay: float = 0
    token_status: int = 200

    @property
    def cookie(self) -> str:
        """The cookie that says who is signed in here; named for the provider, since every fake on
        127.0.0.1 gets the cookies of the others (cookies do not tell ports apart)."""
        return f"fake_{self.name}_signed_in"

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

    def signed_in(self, request: Request) -> Account | None:
        return self.accounts.get(request.cookies.get(self.cookie, ""))

    def authorize(self, request: Request, *, needs_nonce: bool) -> Response:
        """Send back whoever the browser is signed in as, with a code; ask who, if nobody."""
        query = dict(request.query_params)
        self.authorize_requests.append(query)
        if refusal := _bad_authorize_request(query, needs_nonce=needs_nonce):
            return refusal
        account = self.signed_in(request)
        if account is None:
            return self.page(request, self.suggested)
        return self.send_back(query, account)

    async def sign_in(self, request: Request, *, needs_nonce: bool) -> Response:
        """The sign-in form's answer: the person it names is signed in and sent back, or nobody."""
        query = dict(request.query_params)
        if refusal := _bad_authorize_request(query, needs_nonce=needs_nonce):
            return refusal
        form = dict(parse_qsl((await request.body()).decode()))
        if form.get("decision") != "sign_in":
            return _redirect(query["redirect_uri"], {"state": query["state"], "error": "access_denied"}, 303)
        account = self.account_from_form(form)
        problem = self.problem_with(account)
        if problem:
            return self.page(request, account, problem=problem, status_code=400)
        account = self.add(account)
        response = self.send_back(query, account, 303)
        response.set_cookie(self.cookie, account.subject, httponly=True, samesite="lax")
        return response

    def send_back(self, query: dict[str, str], account: Account, status_code: int = 302) -> Response:
        code = secrets.token_urlsafe(16)
        self.grants[code] = Grant(account, query["redirect_uri"], query["code_challenge"], query.get("nonce"))
        return _redirect(query["redirect_uri"], {"state": query["state"], "code": code}, status_code)

    def account_from_form(self, form: dict[str, str]) -> Account:
        return Account(
            subject=form.get("subject", "").strip(),
            email=form.get("email", "").strip() or None,
            email_verified=form.get("email_verified") == "yes",
            login=form.get("login", "").strip(),
            name=form.get("name", "").strip(),
            signed_in_at=int(time.time()),
        )

    def problem_with(self, account: Account) -> str | None:
        if not account.subject or len(account.subject) > 255:
            return "The subject must be 1 to 255 characters."
        return None

    def fields(self, account: Account) -> list[tuple[str, str, str]]:
        """The sign-in form's text inputs: name, label, value."""
        return [
            ("subject", f"Subject (the account's id at {self.label}, which never changes)", account.subject),
            ("email", "Email", account.email or ""),
            ("name", "Name", account.name),
        ]

    def page(self, request: Request, account: Account, *, problem: str | None = None, status_code=200) -> Response:
        inputs = "".join(
            f'<label for="{name}">{html.escape(label)}</label>'
            f'<input type="{"email" if name == "email" else "text"}" id="{name}" name="{name}" '
            f'value="{html.escape(value)}"{" required" if name == "subject" else ""}>'
            for name, label, value in self.fields(account)
        )
        checked = " checked" if account.email_verified else ""
        alert = f'<p role="alert"><strong>{html.escape(problem)}</strong></p>' if problem else ""
        action = html.escape(f"{request.url.path}?{request.url.query}")
        body = (
            f"<h1>Sign in to FAKE {self.label}</h1>"
            f"<p>The service that sent you here asks who you are at {self.label}. Name anyone: "
            "no password is asked, and nothing leaves this machine.</p>"
            f'{alert}<form method="post" action="{action}">{inputs}'
            '<label><input type="checkbox" name="email_verified" value="yes"'
            f"{checked}> {self.label} has verified this email</label>"
            '<button name="decision" value="sign_in">Sign in as this person</button>'
            '<button name="decision" value="cancel" formnovalidate>Cancel</button></form>'
        )
        return self.html(body, status_code)

    def home(self, request: Request) -> Response:
        account = self.signed_in(request)
        if account is None:
            state = "<p>Nobody is signed in here. A service that sends you here asks you who to be.</p>"
        else:
            who = html.escape(account.email or account.login or account.subject)
            state = (
                f"<p>Signed in as <strong>{who}</strong> (subject {html.escape(account.subject)}): "
                "a service that sends you here gets this person back without asking.</p>"
                '<form method="post" action="/sign-out"><button>Sign out of this fake</button></form>'
            )
        return self.html(f"<h1>FAKE {self.label}</h1>{state}")

    def sign_out(self, request: Request) -> Response:
        response = RedirectResponse("/", status_code=303)
        response.delete_cookie(self.cookie)
        return response

    def html(self, body: str, status_code: int = 200) -> HTMLResponse:
        page = (
            '<!doctype html><html lang="en"><head><meta charset="utf-8">'
            '<meta name="viewport" content="width=device-width, initial-scale=1">'
            f"<title>FAKE {self.label}: for development only</title><style>{STYLE}</style></head><body>"
            f'<p class="fake" role="note"><strong>FAKE {self.label}</strong>, for development and tests only. '
            f"This is not {self.label}: it signs in whoever you name, and the service refuses it "
            "outside ENVIRONMENT=development.</p>"
            f"<main>{body}</main></body></html>"
        )
        return HTMLResponse(page, status_code, headers={"Content-Security-Policy": CONTENT_SECURITY_POLICY})

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


def _bad_authorize_request(query: dict[str, str], *, needs_nonce: bool) -> Response | None:
    if (
        query.get("client_id") != CLIENT_ID
        or query.get("response_type") != "code"
        or query.get("code_challenge_method") != "S256"
        or not query.get("code_challenge")
        or not query.get("state")
        or not query.get("redirect_uri")
        or (needs_nonce and not query.get("nonce"))
    ):
        return JSONResponse({"error": "invalid_request"}, status_code=400)
    return None


def _redirect(redirect_uri: str, params: dict[str, str], status_code: int) -> Response:
    # The answer to the form is a 303, which the browser follows with a GET.
    return RedirectResponse(f"{redirect_uri}?{urlencode(params)}", status_code=status_code)


def _client_credentials(request: Request, form: dict) -> tuple[str, str]:
    scheme, _, encoded = request.headers.get("authorization", "").partition(" ")
    if scheme.lower() == "basic":
        client_id, _, client_secret = base64.b64decode(encoded).decode().partition(":")
        return client_id, client_secret
    return form.get("client_id", ""), form.get("client_secret", "")
