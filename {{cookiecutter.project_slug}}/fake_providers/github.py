"""A FAKE GitHub, for tests and development only, laid out as a GitHub Enterprise host: a sign-in
page, access_token, /user, /user/emails."""

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from .provider import CLIENT_ID, CLIENT_SECRET, Account, FakeProvider


class FakeGitHub(FakeProvider):
    def fields(self, account: Account) -> list[tuple[str, str, str]]:
        subject, *others = super().fields(account)
        return [subject, ("login", "Username (login)", account.login), *others]

    def problem_with(self, account: Account) -> str | None:
        # GitHub's ids are numbers; the service reads them as such.
        if not account.subject.isascii() or not account.subject.isdigit() or len(account.subject) > 18:
            return "The subject must be a number, as GitHub's ids are."
        return None


github = FakeGitHub("github", "GitHub", suggested=Account("2001", "ada@example.com", login="ada", name="Ada Lovelace"))


def settings(url: str) -> dict[str, str]:
    """The environment that points the service at this fake, served at `url`."""
    return {
        "GITHUB_CLIENT_ID": CLIENT_ID,
        "GITHUB_CLIENT_SECRET": CLIENT_SECRET,
        "GITHUB_AUTHORIZE_URL": f"{url}/login/oauth/authorize",
        "GITHUB_TOKEN_URL": f"{url}/login/oauth/access_token",
        "GITHUB_API_BASE_URL": f"{url}/api/v3/",
    }


async def authorize(request: Request) -> Response:
    if request.method == "POST":
        return await github.sign_in(request, needs_nonce=False)
    return github.authorize(request, needs_nonce=False)


async def access_token(request: Request) -> Response:
    grant, refusal = await github.redeem(request)
    if grant is None:
        return refusal
    token = github.new_access_token(grant.account)
    return JSONResponse({"access_token": token, "token_type": "bearer", "scope": "read:user,user:email"})


async def user(request: Request) -> JSONResponse:
    account = github.bearer_account(request)
    if account is None:
        return JSONResponse({"message": "Bad credentials"}, status_code=401)
    return JSONResponse(
        {"id": int(account.subject), "login": account.login, "name": account.name or None, "email": None}
    )


async def emails(request: Request) -> JSONResponse:
    account = github.bearer_account(request)
    if account is None:
        return JSONResponse({"message": "Bad credentials"}, status_code=401)
    other = {"email": f"{account.login}@users.noreply.github.com", "primary": False, "verified": True}
    if account.email is None:
        return JSONResponse([other])
    return JSONResponse([other, {"email": account.email, "primary": True, "verified": account.email_verified}])


app = Starlette(
    routes=[
        Route("/", github.home),
        Route("/sign-out", github.sign_out, methods=["POST"]),
        Route("/login/oauth/authorize", authorize, methods=["GET", "POST"]),
        Route("/login/oauth/access_token", access_token, methods=["POST"]),
        Route("/api/v3/user", user),
        Route("/api/v3/user/emails", emails),
    ]
)
