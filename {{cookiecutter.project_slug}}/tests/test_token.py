"""POST /auth/token: the RFC 6749 section 4.3 password grant and its section 5.2 errors."""

import time

import pytest

from {{ cookiecutter.package_name }}.grants import extra_grants
from {{ cookiecutter.package_name }}.models import User
from {{ cookiecutter.package_name }}.passwords import PasswordHasher

from .conftest import PASSWORD, TEST_ROUNDS


def login(client, username="alice", password=PASSWORD, **extra):
    return client.post(
        "/auth/token", data={"grant_type": "password", "username": username, "password": password, **extra}
    )


async def test_password_grant_issues_a_bearer_token_with_all_held_scopes(client, make_user, settings, keys):
    user = await make_user(scopes=("me", "users:read"))

    response = await login(client)

    assert response.status_code == 200
    assert response.headers["cache-control"] == "no-store"
    assert response.headers["pragma"] == "no-cache"
    body = response.json()
    assert body["token_type"] == "bearer"
    assert body["scope"] == "me users:read"
    assert body["expires_in"] == settings.access_token_minutes * 60
    claims = keys.verify(body["access_token"], audience=settings.jwt_audience, issuer=settings.jwt_issuer)
    assert claims["sub"] == str(user.id)
    assert claims["scope"] == "me users:read"
    assert claims["typ"] == "access"
    assert claims["exp"] - claims["iat"] == settings.access_token_minutes * 60
    assert claims["jti"]


async def test_login_is_case_insensitive_and_records_the_time(client, make_user):
    await make_user(username="Alice")

    response = await login(client, username="ALICE")

    assert response.status_code == 200
    assert (await User.get(username="Alice")).last_login_at is not None


async def test_requested_scopes_are_narrowed_to_those_the_user_holds(client, make_user):
    await make_user(scopes=("me",))

    response = await login(client, scope="me users:read")

    assert response.status_code == 200
    assert response.json()["scope"] == "me"


async def test_a_requested_subset_is_granted_alone(client, make_user):
    await make_user(scopes=("me", "users:read"))

    response = await login(client, scope="users:read")

    assert response.json()["scope"] == "users:read"


async def test_an_unknown_scope_is_invalid_scope(client, make_user):
    await make_user()

    response = await login(client, scope="me launch:missiles")

    assert response.status_code == 400
    assert response.json() == {"error": "invalid_scope", "error_description": "Unknown scope: launch:missiles"}


async def test_requesting_only_scopes_the_user_lacks_is_invalid_scope(client, make_user):
    await make_user(scopes=("me",))

    response = await login(client, scope="users:write")

    assert response.status_code == 400
    assert response.json()["error"] == "invalid_scope"


@pytest.mark.parametrize(
    ("username", "password", "active"),
    [("alice", "wrong password", True), ("nobody", PASSWORD, True), ("alice", PASSWORD, False)],
    ids=["wrong-password", "unknown-user", "inactive-user"],
)
async def test_every_failed_login_gets_the_same_invalid_grant(client, make_user, username, password, active):
    await make_user(is_active=active)

    response = await login(client, username=username, password=password)

    assert response.status_code == 400
    assert response.headers["cache-control"] == "no-store"
    assert response.json() == {"error": "invalid_grant", "error_description": "The username or password is incorrect"}


async def test_a_user_without_a_password_cannot_use_the_password_grant(client, make_user):
    await make_user(password=None)

    response = await login(client, password="")

    assert response.json()["error"] == "invalid_request"
    response = await login(client, password="anything at all")
    assert response.json()["error"] == "invalid_grant"


async def test_an_overlong_password_is_refused_without_reaching_bcrypt(client, make_user):
    await make_user()

    response = await login(client, password="x" * 257)

    assert response.status_code == 400
    assert response.json()["error"] == "invalid_grant"


async def test_another_grant_type_is_unsupported(client):
    response = await client.post("/auth/token", data={"grant_type": "client_credentials"})

    assert response.status_code == 400
    assert response.json()["error"] == "unsupported_grant_type"


@pytest.mark.parametrize(
    ("form", "missing"),
    [
        ({}, "The body must be application/x-www-form-urlencoded"),
        ({"username": "alice", "password": PASSWORD}, "grant_type is required"),
        ({"grant_type": "password", "username": "alice"}, "username and password are required"),
    ],
    ids=["empty", "no-grant-type", "no-password"],
)
async def test_missing_fields_are_invalid_request(client, form, missing):
    response = await client.post("/auth/token", data=form)

    assert response.status_code == 400
    assert response.json() == {"error": "invalid_request", "error_description": missing}


@pytest.mark.parametrize(
    ("body", "content_type"),
    [
        (b'{"grant_type": "password", "username": "alice", "password": "correct horse battery"}', "application/json"),
        (
            b"--x\r\nContent-Disposition: form-data; name=grant_type\r\n\r\npassword\r\n--x--",
            "multipart/form-data; boundary=x",
        ),
        (b"grant_type=password&username=alice&password=%FF%FE", "application/x-www-form-urlencoded"),
        (
            b"grant_type=password&username=alice&password=correct+horse+battery&"
            + b"&".join(b"p%d=x" % number for number in range(50)),
            "application/x-www-form-urlencoded",
        ),
        (b"grant_type=password&username=alice&password=x", ""),
    ],
    ids=["json", "multipart", "not-utf-8", "too-many-parameters", "no-content-type"],
)
async def test_a_body_that_is_not_a_plain_form_is_invalid_request(client, make_user, body, content_type):
    await make_user()

    response = await client.post("/auth/token", content=body, headers={"Content-Type": content_type})

    assert response.status_code == 400
    assert response.headers["cache-control"] == "no-store"
    assert response.json()["error"] == "invalid_request"


@pytest.mark.parametrize(
    "body",
    [
        f"grant_type=password&username=nobody&username=alice&password={PASSWORD}",
        f"grant_type=client_credentials&grant_type=password&username=alice&password={PASSWORD}",
        f"grant_type=password&username=&username=alice&password={PASSWORD}",
    ],
    ids=["username", "grant_type", "blank-then-set"],
)
async def test_a_repeated_parameter_is_invalid_request(client, make_user, body):
    await make_user()

    response = await client.post(
        "/auth/token", content=body, headers={"Content-Type": "application/x-www-form-urlencoded"}
    )

    assert response.status_code == 400
    assert response.json() == {"error": "invalid_request", "error_description": "A parameter is repeated"}


async def test_empty_and_unknown_parameters_count_as_omitted(client, make_user):
    await make_user(scopes=("me", "users:read"))

    response = await login(client, scope="", client_id="", extra="ignored")

    assert response.status_code == 200
    assert response.json()["scope"] == "me users:read"


@pytest.mark.parametrize("scope", ["me\tusers:read", 'me "quoted"', "me\\x", "me  users:read", " me"])
async def test_a_malformed_scope_parameter_is_invalid_scope(client, make_user, scope):
    await make_user(scopes=("me", "users:read"))

    response = await login(client, scope=scope)

    assert response.status_code == 400
    assert response.json() == {
        "error": "invalid_scope",
        "error_description": "The scope parameter is not a space-separated list of scope tokens",
    }


@pytest.mark.parametrize("username", ["al\x00ice", "\u212aate", "alice\n", "a" * 5000])
async def test_a_username_no_one_could_register_is_invalid_grant(client, make_user, username):
    await make_user(username="kate")
    await make_user(username="alice")

    response = await login(client, username=username)

    assert response.status_code == 400
    assert response.json()["error"] == "invalid_grant"


async def test_an_outdated_hash_is_replaced_on_login(client, make_user):
    user = await make_user(password=None)
    # The app hashes with TEST_ROUNDS, so a hash with other rounds is outdated.
    user.password_hash = await PasswordHasher(TEST_ROUNDS + 1).hash(PASSWORD)
    await user.save()

    response = await login(client)

    assert response.status_code == 200
    await user.refresh_from_db()
    assert user.password_hash.startswith(f"$bcrypt-sha256$v=2,t=2b,r={TEST_ROUNDS}$")
    assert (await login(client)).status_code == 200


@pytest.fixture
def far_from_utc(monkeypatch):
    """The process's local time 14 hours ahead of UTC, as a server's clock might be set."""
    monkeypatch.setenv("TZ", "Etc/GMT-14")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


async def test_token_times_are_utc_whatever_the_servers_time_zone(client, make_user, settings, keys, far_from_utc):
    await make_user()

    response = await login(client)

    claims = keys.verify(response.json()["access_token"], audience=settings.jwt_audience, issuer=settings.jwt_issuer)
    assert abs(claims["iat"] - time.time()) < 60


async def test_a_form_content_type_with_a_charset_is_a_form(client, make_user):
    await make_user()

    response = await client.post(
        "/auth/token",
        content=f"grant_type=password&username=alice&password={PASSWORD}",
        headers={"Content-Type": "application/x-www-form-urlencoded; charset=UTF-8"},
    )

    assert response.status_code == 200


@pytest.mark.parametrize(
    ("form", "error"),
    [
        ({"grant_type": "password", "username": "alice"}, ("invalid_request", "username and password are required")),
        ({"grant_type": "refresh_token"}, ("invalid_request", "refresh_token is required")),
        (
            {"grant_type": "refresh_token", "refresh_token": "never-issued"},
            ("invalid_grant", "The refresh token is invalid, expired or revoked"),
        ),
        (
            {"grant_type": "password", "username": "alice", "password": PASSWORD, "scope": "users:write"},
            ("invalid_scope", "None of the requested scopes is granted to this user"),
        ),
        (
            {"grant_type": "password", "username": "alice", "password": PASSWORD, "scope": "me a:b c:d"},
            ("invalid_scope", "Unknown scope: a:b c:d"),
        ),
    ],
    ids=["no-password", "no-refresh-token", "unknown-refresh-token", "no-granted-scope", "unknown-scopes"],
)
async def test_each_refusal_says_what_is_wrong(client, make_user, form, error):
    await make_user()

    response = await client.post("/auth/token", data=form)

    assert response.status_code == 400
    assert response.json() == {"error": error[0], "error_description": error[1]}


async def test_a_body_that_is_not_utf_8_is_not_a_valid_form(client, db):
    response = await client.post(
        "/auth/token",
        content=b"grant_type=password&username=%FF",
        headers={"Content-Type": "application/x-www-form-urlencoded"},
    )

    assert response.json() == {"error": "invalid_request", "error_description": "The body is not a valid form"}


async def test_the_openapi_document_describes_the_token_form(app, client):
    schema = (await client.get("/openapi.json")).json()

    body = schema["paths"]["/auth/token"]["post"]["requestBody"]
    assert body["required"] is True
    form = body["content"]["application/x-www-form-urlencoded"]["schema"]
    assert (form["type"], form["required"]) == ("object", ["grant_type"])
    # Any other parameter is a string, and a form of more than 20 is refused.
    assert (form["additionalProperties"], form["maxProperties"]) == ({"type": "string"}, 20)
    # With the parameters of the grants that options add.
    added = {name for grant in extra_grants(app).values() for name in grant.parameters}
    core = {"grant_type", "username", "password", "refresh_token", "scope", "device_token"}
    assert set(form["properties"]) == core | added
