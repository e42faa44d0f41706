"""A fake GitHub (as a GitHub Enterprise host would lay it out): authorize, access_token, /user, /user/emails."""

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from .fake_provider import FakeProvider

github = FakeProvider("github")


async def authorize(request: Request) -> Response:
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
    return JSONResponse({"id": int(account.subject), "login": account.login, "email": None})


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
        Route("/login/oauth/authorize", authorize),
        Route("/login/oauth/access_token", access_token, methods=["POST"]),
        Route("/api/v3/user", user),
        Route("/api/v3/user/emails", emails),
    ]
)
