"""Bearer tokens and scopes on guarded routes: the RFC 6750 section 3 answers."""

from datetime import UTC, datetime, timedelta

import jwt

from .conftest import bearer, forge


async def test_a_valid_token_reaches_the_route(client, make_user, get_token):
    user = await make_user()

    response = await client.get("/users/me", headers=bearer(await get_token()))

    assert response.status_code == 200
    assert response.json()["id"] == user.id
    assert response.json()["username"] == "alice"


async def test_each_token_stays_its_own_users_however_often_it_is_used(client, make_user, get_token):
    await make_user()
    await make_user("bob")
    tokens = {"alice": await get_token(), "bob": await get_token("bob")}

    answers = [await client.get("/users/me", headers=bearer(tokens[name])) for name in ("alice", "bob") * 2]

    assert [answer.json()["username"] for answer in answers] == ["alice", "bob", "alice", "bob"]


async def test_no_token_is_401_with_a_bearer_challenge(client):
    response = await client.get("/users/me")

    assert response.status_code == 401
    assert response.headers["www-authenticate"] == "Bearer"


async def test_another_authorization_scheme_is_401_with_a_bearer_challenge(client):
    response = await client.get("/users/me", headers={"Authorization": "Basic YWxpY2U6c2VjcmV0"})

    assert response.status_code == 401
    assert response.headers["www-authenticate"] == "Bearer"


async def test_a_malformed_token_is_invalid_token(client):
    response = await client.get("/users/me", headers=bearer("not-a-jwt"))

    assert response.status_code == 401
    assert response.headers["www-authenticate"] == 'Bearer error="invalid_token"'
    assert response.json() == {"detail": "The access token is invalid or expired"}


async def test_a_tampered_token_is_invalid_token(client, make_user, get_token):
    await make_user(scopes=("me",))
    header, payload, signature = (await get_token()).split(".")
    claims = jwt.decode(f"{header}.{payload}.{signature}", options={"verify_signature": False})
    claims["scope"] = "me users:read users:write"
    forged_payload = jwt.encode(claims, "x" * 64, algorithm="HS512").split(".")[1]

    response = await client.get("/users", headers=bearer(f"{header}.{forged_payload}.{signature}"))

    assert response.status_code == 401
    assert response.headers["www-authenticate"] == 'Bearer error="invalid_token"'


async def test_a_token_signed_with_the_right_key_is_accepted(client, make_user, settings, keys):
    user = await make_user()

    response = await client.get("/users/me", headers=bearer(forge(settings, keys, user.id)))

    assert response.status_code == 200


async def test_expired_wrong_audience_issuer_type_or_version_is_invalid_token(client, make_user, settings, keys):
    user = await make_user()
    past = datetime.now(UTC) - timedelta(hours=1)
    bad_tokens = {
        "expired": forge(settings, keys, user.id, iat=past - timedelta(minutes=5), exp=past),
        "audience": forge(settings, keys, user.id, aud="someone-else"),
        "issuer": forge(settings, keys, user.id, iss="someone-else"),
        "type": forge(settings, keys, user.id, typ="refresh"),
        "no-exp": forge(settings, keys, user.id, exp=None),
        "no-aud": forge(settings, keys, user.id, aud=None),
        "no-sub": forge(settings, keys, user.id, sub=None),
        "no-version": forge(settings, keys, user.id, ver=None),
        "old-version": forge(settings, keys, user.id, ver=-1),
        "not-a-user-id": forge(settings, keys, user.id, sub="alice"),
    }

    for name, token in bad_tokens.items():
        response = await client.get("/users/me", headers=bearer(token))
        assert response.status_code == 401, name
        assert response.headers["www-authenticate"] == 'Bearer error="invalid_token"', name


async def test_a_missing_scope_is_403_insufficient_scope(client, make_user, get_token):
    await make_user(scopes=("me",))

    response = await client.get("/users", headers=bearer(await get_token()))

    assert response.status_code == 403
    assert response.headers["www-authenticate"] == 'Bearer error="insufficient_scope", scope="users:read"'
    assert response.json() == {"detail": "This needs the scope: users:read"}


async def test_a_scope_not_requested_at_login_is_not_granted(client, make_user, get_token):
    await make_user(scopes=("me", "users:read"))

    response = await client.get("/users", headers=bearer(await get_token(scope="me")))

    assert response.status_code == 403


async def test_a_user_deactivated_after_login_is_refused_at_once(client, make_user, get_token):
    user = await make_user()
    token = await get_token()
    user.is_active = False
    await user.save()

    response = await client.get("/users/me", headers=bearer(token))

    assert response.status_code == 401
    assert response.headers["www-authenticate"] == 'Bearer error="invalid_token"'


async def test_a_scope_withdrawn_after_login_is_refused_at_once(client, make_user, get_token):
    user = await make_user(scopes=("me", "users:read"))
    token = await get_token()
    user.scopes = ["me"]
    await user.save()

    response = await client.get("/users", headers=bearer(token))

    assert response.status_code == 403


async def test_a_deleted_user_is_refused(client, make_user, get_token):
    user = await make_user()
    token = await get_token()
    await user.delete()

    response = await client.get("/users/me", headers=bearer(token))

    assert response.status_code == 401
