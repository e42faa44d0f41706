import secrets
from collections.abc import AsyncIterator, Awaitable, Callable

import httpx2
import pytest
from tortoise.contrib.test import tortoise_test_context

from {{ cookiecutter.package_name }}.database import MODEL_MODULES
from {{ cookiecutter.package_name }}.main import create_app
from {{ cookiecutter.package_name }}.models import User
from {{ cookiecutter.package_name }}.passwords import PasswordHasher
from {{ cookiecutter.package_name }}.settings import Settings

IN_MEMORY_DATABASE = "sqlite://:memory:"
TEST_ROUNDS = 4
PASSWORD = "correct horse battery"


@pytest.fixture
def settings() -> Settings:
    return Settings(
        _env_file=None,
        secret_key=secrets.token_urlsafe(48),
        database_url=IN_MEMORY_DATABASE,
        bcrypt_rounds=TEST_ROUNDS,
    )


@pytest.fixture
async def db() -> AsyncIterator[None]:
    async with tortoise_test_context(MODEL_MODULES, db_url=IN_MEMORY_DATABASE):
        yield


@pytest.fixture
def app(settings: Settings, db: None):
    return create_app(settings)


@pytest.fixture
async def client(app) -> AsyncIterator[httpx2.AsyncClient]:
    async with httpx2.AsyncClient(transport=httpx2.ASGITransport(app=app), base_url="http://testserver") as client:
        yield client


MakeUser = Callable[..., Awaitable[User]]


@pytest.fixture
def make_user(db: None) -> MakeUser:
    hasher = PasswordHasher(TEST_ROUNDS)

    async def make_user(
        username: str = "alice", password: str | None = PASSWORD, scopes: tuple[str, ...] = ("me",), **fields
    ) -> User:
        password_hash = await hasher.hash(password) if password is not None else None
        return await User.create(username=username, password_hash=password_hash, scopes=list(scopes), **fields)

    return make_user


GetToken = Callable[..., Awaitable[str]]


@pytest.fixture
def get_token(client: httpx2.AsyncClient) -> GetToken:
    async def get_token(username: str = "alice", password: str = PASSWORD, scope: str | None = None) -> str:
        form = {"grant_type": "password", "username": username, "password": password}
        if scope is not None:
            form["scope"] = scope
        response = await client.post("/auth/token", data=form)
        assert response.status_code == 200, response.text
        return response.json()["access_token"]

    return get_token


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}
