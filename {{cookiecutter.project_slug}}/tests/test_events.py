"""The audit trail: each action on an account's security writes one event, which its user and
holders of users:read list; old events go; a broken events table never fails the action."""

import hashlib
import logging
from datetime import UTC, datetime, timedelta

import httpx2
import pytest
from fastapi import Request
from tortoise.transactions import in_transaction

from {{ cookiecutter.package_name }} import events
from {{ cookiecutter.package_name }}.events import KINDS, add_event_listener, record_event
from {{ cookiecutter.package_name }}.main import create_app
from {{ cookiecutter.package_name }}.models import LoginAttempt, RefreshToken, SecurityEvent, User

from .conftest import PASSWORD, bearer, rename_table
from .test_users import NEW_PASSWORD

AGENT = {"User-Agent": "audit-test/1.0"}
ALL_SCOPES = ("me", "users:read", "users:write")


def form(username: str = "alice", password: str = PASSWORD) -> dict[str, str]:
    return {"grant_type": "password", "username": username, "password": password}


async def log_in(client, username: str = "alice", password: str = PASSWORD) -> dict:
    answer = await client.post("/auth/token", data=form(username, password), headers=AGENT)
    assert answer.status_code == 200, answer.text
    return answer.json()


def client_of(app) -> httpx2.AsyncClient:
    return httpx2.AsyncClient(transport=httpx2.ASGITransport(app=app), base_url="http://testserver")


async def trail(user_id: int | None = None) -> list[SecurityEvent]:
    """Every event, or the user's, oldest first."""
    found = SecurityEvent.all() if user_id is None else SecurityEvent.filter(user_id=user_id)
    return await found.order_by("id")


async def only_new_event(since: int) -> SecurityEvent:
    """The one event written after the first `since`: fails if there are none or several."""
    written = (await trail())[since:]
    assert len(written) == 1, [event.kind for event in written]
    return written[0]


def assert_from(event: SecurityEvent, answer: httpx2.Response) -> None:
    """The event carries the request that caused it: its id, client address and User-Agent."""
    assert event.request_id == answer.headers["x-request-id"]
    assert event.address == "127.0.0.1"
    assert event.user_agent == AGENT["User-Agent"]


def assert_no_secret(event: SecurityEvent, *secrets: str) -> None:
    row = repr([event.kind, event.address, event.user_agent, event.request_id, event.detail])
    assert not [secret for secret in secrets if secret in row]


async def test_a_password_login_writes_one_event_without_a_secret(client, make_user):
    user = await make_user()

    answer = await client.post("/auth/token", data=form(), headers=AGENT)

    event = await only_new_event(0)
    assert (event.kind, event.user_id, event.actor_id, event.detail) == (
        "login_succeeded",
        user.id,
        None,
        {"method": "password"},
    )
    assert_from(event, answer)
    tokens = answer.json()
    assert_no_secret(event, PASSWORD, tokens["access_token"], tokens["refresh_token"])


@pytest.mark.parametrize(
    ("fields", "password", "reason"),
    [
        ({}, "not the password", "wrong_password"),
        ({"is_active": False}, PASSWORD, "inactive"),
        ({"password": None}, PASSWORD, "no_password"),
    ],
)
async def test_a_refused_login_says_why_and_never_the_password(client, make_user, fields, password, reason):
    user = await make_user(**fields)

    answer = await client.post("/auth/token", data=form(password=password), headers=AGENT)

    assert answer.status_code == 400
    event = await only_new_event(0)
    assert (event.kind, event.user_id, event.detail) == (
        "login_failed",
        user.id,
        {"method": "password", "reason": reason},
    )
    assert_from(event, answer)
    assert_no_secret(event, password)


async def test_a_login_as_no_one_writes_nothing(client, make_user):
    await make_user()

    answer = await client.post("/auth/token", data=form("nobody", PASSWORD), headers=AGENT)

    assert answer.status_code == 400
    assert await trail() == []


async def test_refreshes_write_nothing_and_a_reused_refresh_token_is_recorded(client, make_user):
    user = await make_user()
    tokens = await log_in(client)
    refresh = {"grant_type": "refresh_token", "refresh_token": tokens["refresh_token"]}

    rotated = await client.post("/auth/token", data=refresh, headers=AGENT)
    assert rotated.status_code == 200
    assert len(await trail()) == 1
    replayed = await client.post("/auth/token", data=refresh, headers=AGENT)

    assert replayed.status_code == 400
    event = await only_new_event(1)
    assert (event.kind, event.user_id) == ("refresh_reused", user.id)
    assert event.detail == {"session": await session_of(rotated.json())}
    assert_from(event, replayed)
    assert_no_secret(event, tokens["refresh_token"], rotated.json()["refresh_token"])


async def test_a_refresh_token_replayed_again_and_again_is_recorded_once(client, make_user):
    await make_user()
    tokens = await log_in(client)
    refresh = {"grant_type": "refresh_token", "refresh_token": tokens["refresh_token"]}
    assert (await client.post("/auth/token", data=refresh)).status_code == 200

    # Once the first replay revoked its login, the others revoke nothing: nothing more to tell.
    answers = [(await client.post("/auth/token", data=refresh)).status_code for _ in range(5)]

    assert answers == [400] * 5
    assert await SecurityEvent.filter(kind="refresh_reused").count() == 1


async def session_of(tokens: dict) -> str:
    """The id of the session (the refresh token family) the tokens belong to."""
    row = await RefreshToken.get(token_hash=hashlib.sha256(tokens["refresh_token"].encode()).hexdigest())
    return row.family


async def test_reading_your_account_and_guarded_routes_writes_nothing(client, make_user):
    await make_user(scopes=ALL_SCOPES)
    headers = bearer((await log_in(client))["access_token"])

    for path in ("/users/me", "/users", "/users/1", "/users/me/sessions", "/users/me/events", "/users/1/events"):
        assert (await client.get(path, headers=headers)).status_code == 200, path

    assert [event.kind for event in await trail()] == ["login_succeeded"]


async def test_throttled_logins_are_recorded_once_a_window(settings, make_user):
    settings.login_attempts_per_account = 2
    user = await make_user()
    async with client_of(create_app(settings)) as client:
        answers = [await client.post("/auth/token", data=form(password="wrong"), headers=AGENT) for _ in range(5)]

    assert [answer.status_code for answer in answers] == [400, 400, 429, 429, 429]
    kinds = [(event.kind, event.user_id, event.detail) for event in await trail()]
    assert kinds == [
        ("login_failed", user.id, {"method": "password", "reason": "wrong_password"}),
        ("login_failed", user.id, {"method": "password", "reason": "wrong_password"}),
        ("throttled", user.id, {"method": "password"}),
    ]
    assert_from((await trail())[-1], answers[2])


async def test_each_user_throttled_is_recorded_and_again_after_the_window(settings, make_user):
    settings.login_attempts_per_account = 1
    alice = await make_user()
    bob = await make_user("bob")
    async with client_of(create_app(settings)) as client:

        async def throttle(username: str) -> None:
            answers = [await client.post("/auth/token", data=form(username, "wrong")) for _ in range(2)]
            assert [answer.status_code for answer in answers] == [400, 429]

        await throttle("alice")
        await throttle("bob")
        # Alice's throttled event falls out of the window, and her attempts are forgotten.
        await SecurityEvent.filter(user_id=alice.id).update(created_at=datetime.now(UTC) - timedelta(days=1))
        await LoginAttempt.all().delete()
        await throttle("alice")

    throttled = [event.user_id for event in await trail() if event.kind == "throttled"]
    assert throttled == [alice.id, bob.id, alice.id]


async def test_a_password_change_is_recorded_and_a_wrong_current_password_too(client, make_user):
    user = await make_user()
    headers = bearer((await log_in(client))["access_token"]) | AGENT

    wrong = await client.patch("/users/me", headers=headers, json={"password": NEW_PASSWORD, "current_password": "no"})
    failed = await only_new_event(1)
    right = await client.patch(
        "/users/me", headers=headers, json={"password": NEW_PASSWORD, "current_password": PASSWORD}
    )

    assert (wrong.status_code, right.status_code) == (403, 200)
    assert (failed.kind, failed.user_id, failed.detail) == (
        "login_failed",
        user.id,
        {"method": "current_password", "reason": "wrong_password"},
    )
    changed = await only_new_event(2)
    assert (changed.kind, changed.user_id, changed.detail) == ("password_changed", user.id, {"first": False})
    assert_from(changed, right)
    assert_no_secret(changed, PASSWORD, NEW_PASSWORD)
    assert_no_secret(failed, "no")


async def test_a_first_password_and_an_email_change_are_recorded(client, make_user):
    user = await make_user(email="old@example.com")
    headers = bearer((await log_in(client))["access_token"]) | AGENT
    await User.filter(id=user.id).update(password_hash=None)

    answer = await client.patch("/users/me", headers=headers, json={"password": NEW_PASSWORD})
    assert answer.status_code == 200
    # The password change logged every session out: a new login for the email.
    headers = bearer((await log_in(client, password=NEW_PASSWORD))["access_token"]) | AGENT
    unchanged = await client.patch("/users/me", headers=headers, json={"email": "old@example.com"})
    # Removed: a new address would wait for its confirmation link where the email option is baked.
    changed = await client.patch("/users/me", headers=headers, json={"email": None})

    assert (unchanged.status_code, changed.status_code) == (200, 200)
    kinds = [(event.kind, event.detail) for event in await trail()]
    assert kinds == [
        ("login_succeeded", {"method": "password"}),
        ("password_changed", {"first": True}),
        ("login_succeeded", {"method": "password"}),
        ("email_changed", {"previous_email": "old@example.com"}),
    ]
    assert_from((await trail())[-1], changed)


async def test_ending_sessions_is_recorded(client, make_user):
    user = await make_user()
    first, second, third = await log_in(client), await log_in(client), await log_in(client)
    session = await session_of(second)

    ended = await client.delete(f"/users/me/sessions/{session}", headers=bearer(second["access_token"]) | AGENT)
    revoked = await client.post("/auth/revoke", data={"token": third["refresh_token"]}, headers=AGENT)
    again = await client.post("/auth/revoke", data={"token": third["refresh_token"]}, headers=AGENT)
    everywhere = await client.post("/auth/logout-all", headers=bearer(first["access_token"]) | AGENT)

    assert (ended.status_code, revoked.status_code, again.status_code, everywhere.status_code) == (204, 200, 200, 204)
    written = (await trail())[3:]
    assert [(event.kind, event.user_id) for event in written] == [
        ("session_ended", user.id),
        ("session_ended", user.id),
        ("logged_out_everywhere", user.id),
    ]
    assert written[0].detail == {"session": session}
    assert written[1].detail["session"] != session
    for event, answer in zip(written, (ended, revoked, everywhere), strict=True):
        assert_from(event, answer)
        assert_no_secret(event, third["refresh_token"], first["access_token"])


@pytest.mark.parametrize(
    ("change", "described"),
    [
        (
            {"scopes": ["me", "users:write"], "is_active": False},
            {"scopes_added": ["users:write"], "scopes_removed": ["users:read"], "is_active": False},
        ),
        # Never the address itself.
        ({"email": "bob@example.com"}, {"email_changed": True}),
    ],
    ids=["scopes-and-is_active", "email"],
)
async def test_an_admin_change_names_the_admin_and_what_changed(client, make_user, change, described):
    admin = await make_user("admin", scopes=ALL_SCOPES)
    user = await make_user("bob", scopes=("me", "users:read"))
    headers = bearer((await log_in(client, "admin"))["access_token"]) | AGENT

    answer = await client.patch(f"/users/{user.id}", headers=headers, json=change)

    assert answer.status_code == 200
    event = await only_new_event(1)
    assert (event.kind, event.user_id, event.actor_id, event.detail) == (
        "user_changed_by_admin",
        user.id,
        admin.id,
        described,
    )
    assert_from(event, answer)


async def test_an_admin_changing_their_own_account_is_not_named_twice(client, make_user):
    admin = await make_user("admin", scopes=ALL_SCOPES)
    await make_user("bob", scopes=ALL_SCOPES)
    headers = bearer((await log_in(client, "admin"))["access_token"])

    answer = await client.patch(f"/users/{admin.id}", headers=headers, json={"scopes": ["me", "users:write"]})

    assert answer.status_code == 200
    event = await only_new_event(1)
    assert (event.kind, event.user_id, event.actor_id) == ("user_changed_by_admin", admin.id, None)


async def test_a_refused_admin_change_writes_nothing(client, make_user):
    await make_user("admin", scopes=ALL_SCOPES)
    await make_user("bob")
    headers = bearer((await log_in(client, "admin"))["access_token"])

    answer = await client.patch("/users/2", headers=headers, json={"scopes": ["me", "nonsense:scope"]})

    assert answer.status_code == 422
    assert len(await trail()) == 1


async def test_a_deleted_account_keeps_its_trail_for_the_admins(client, make_user):
    await make_user("admin", scopes=ALL_SCOPES)
    user = await make_user("bob")
    tokens = await log_in(client, "bob")

    answer = await client.delete("/users/me", headers=bearer(tokens["access_token"]) | AGENT)

    assert answer.status_code == 204
    assert await User.get_or_none(id=user.id) is None
    event = await only_new_event(1)
    assert (event.kind, event.user_id) == ("account_deleted", user.id)
    assert_from(event, answer)
    admin = bearer((await log_in(client, "admin"))["access_token"])
    listed = await client.get(f"/users/{user.id}/events", headers=admin)
    assert [item["kind"] for item in listed.json()] == ["account_deleted", "login_succeeded"]


async def test_you_list_your_own_events_newest_first_page_by_page(client, make_user):
    user = await make_user()
    await make_user("bob")
    await log_in(client, "bob")
    for _ in range(4):
        tokens = await log_in(client)
    headers = bearer(tokens["access_token"])

    first = await client.get("/users/me/events", headers=headers, params={"limit": 3})
    rest = await client.get("/users/me/events", headers=headers, params={"before": first.json()[-1]["id"]})

    assert first.status_code == rest.status_code == 200
    listed = [*first.json(), *rest.json()]
    mine = await trail(user.id)
    assert [item["id"] for item in listed] == [event.id for event in reversed(mine)]
    assert (len(first.json()), len(rest.json())) == (3, 1)
    assert listed[0] == {
        "id": mine[-1].id,
        "created_at": mine[-1].created_at.isoformat().replace("+00:00", "Z"),
        "kind": "login_succeeded",
        "user_id": user.id,
        "actor_id": None,
        "address": "127.0.0.1",
        "user_agent": AGENT["User-Agent"],
        "request_id": mine[-1].request_id,
        "detail": {"method": "password"},
    }


async def test_the_events_are_filtered_by_kind(client, make_user):
    await make_user()
    await client.post("/auth/token", data=form(password="wrong"))
    headers = bearer((await log_in(client))["access_token"])

    failed = await client.get("/users/me/events", headers=headers, params={"kind": "login_failed"})
    deleted = await client.get("/users/me/events", headers=headers, params={"kind": "account_deleted"})

    assert [item["kind"] for item in failed.json()] == ["login_failed"]
    assert deleted.json() == []


@pytest.mark.parametrize(
    "params",
    [{"kind": "password_guessed"}, {"limit": 0}, {"limit": 101}, {"before": 0}, {"before": 2**63}],
)
async def test_a_bad_listing_parameter_is_refused(client, make_user, params):
    await make_user(scopes=ALL_SCOPES)
    headers = bearer((await log_in(client))["access_token"])

    for path in ("/users/me/events", "/users/1/events"):
        assert (await client.get(path, headers=headers, params=params)).status_code == 422


async def test_another_users_events_need_users_read(client, make_user):
    await make_user()
    bob = await make_user("bob")
    await log_in(client, "bob")
    headers = bearer((await log_in(client))["access_token"])

    others = await client.get(f"/users/{bob.id}/events", headers=headers)
    anonymous = await client.get("/users/me/events")

    assert others.status_code == 403
    assert anonymous.status_code == 401
    mine = await client.get("/users/me/events", headers=headers)
    assert {item["user_id"] for item in mine.json()} == {1}


def test_the_kinds_are_those_agreed():
    assert KINDS == (
        "login_succeeded",
        "login_failed",
        "refresh_reused",
        "identity_linked",
        "identity_unlinked",
        "password_changed",
        "email_changed",
        "email_change_requested",
        "email_change_cancelled",
        "session_ended",
        "logged_out_everywhere",
        "user_changed_by_admin",
        "throttled",
        "account_deleted",
        "account_secured",
        "factor_added",
        "factor_removed",
        "recovery_code_used",
        "recovery_codes_replaced",
    )


async def test_events_past_the_retention_are_purged_by_a_worker_writing_one(settings, make_user):
    settings.event_retention_days = 30
    await make_user()
    async with client_of(create_app(settings)) as client:
        await log_in(client)
        await log_in(client)
    old, kept = await trail()
    now = datetime.now(UTC)
    await SecurityEvent.filter(id=old.id).update(created_at=now - timedelta(days=31))
    await SecurityEvent.filter(id=kept.id).update(created_at=now - timedelta(days=29))

    async with client_of(create_app(settings)) as worker:
        await log_in(worker)

    remaining = [event.id for event in await trail()]
    assert remaining[0] == kept.id
    assert len(remaining) == 2


async def test_a_purge_takes_a_batch_of_ids_and_goes_on_at_the_next_write(settings, make_user):
    user = await make_user()
    async with client_of(create_app(settings)) as client:
        await log_in(client)
    (first,) = await trail()
    # An old event a whole batch of ids further on, as after a busy stretch.
    far = first.id + events.PURGE_BATCH
    await SecurityEvent.create(
        id=far, kind="login_succeeded", user_id=user.id, address="", user_agent="", request_id=""
    )
    await SecurityEvent.all().update(created_at=datetime.now(UTC) - timedelta(days=400))

    async with client_of(create_app(settings)) as worker:
        await log_in(worker)
        left_by_one_purge = [event.id for event in await trail()]
        await log_in(worker)

    assert first.id not in left_by_one_purge
    assert far in left_by_one_purge
    assert far not in [event.id for event in await trail()]
    assert len(await trail()) == 2


async def test_a_worker_purges_once_an_interval_not_on_every_write(settings, make_user):
    await make_user()
    async with client_of(create_app(settings)) as client:
        await log_in(client)
        (first,) = await trail()
        await SecurityEvent.filter(id=first.id).update(created_at=datetime.now(UTC) - timedelta(days=400))

        await log_in(client)

    # The first login's purge found nothing to remove; the second's comes an interval later.
    assert len(await trail()) == 2


async def test_a_broken_events_table_fails_no_action(client, make_user, caplog):
    user = await make_user("admin", scopes=ALL_SCOPES)
    old_hash = user.password_hash
    await rename_table("security_events", "security_events_away")
    try:
        with caplog.at_level(logging.ERROR, logger=events.__name__):
            tokens = await log_in(client, "admin")
            headers = bearer(tokens["access_token"])
            changed = await client.patch(
                "/users/me", headers=headers, json={"password": NEW_PASSWORD, "current_password": PASSWORD}
            )
    finally:
        await rename_table("security_events_away", "security_events")

    assert changed.status_code == 200
    assert (await User.get(id=user.id)).password_hash != old_hash
    assert await trail() == []
    failures = [record for record in caplog.records if record.name == events.__name__]
    assert [record.getMessage() for record in failures] == [
        f"The login_succeeded event for user {user.id} could not be recorded",
        f"The password_changed event for user {user.id} could not be recorded",
    ]


async def test_a_broken_events_table_fails_no_throttling(settings, make_user, caplog):
    settings.login_attempts_per_account = 1
    user = await make_user()
    await rename_table("security_events", "security_events_away")
    try:
        with caplog.at_level(logging.ERROR, logger=events.__name__):
            async with client_of(create_app(settings)) as client:
                answers = [await client.post("/auth/token", data=form(password="wrong")) for _ in range(2)]
    finally:
        await rename_table("security_events_away", "security_events")

    assert [answer.status_code for answer in answers] == [400, 429]
    failures = [record.getMessage() for record in caplog.records if record.name == events.__name__]
    assert failures == [
        f"The login_failed event for user {user.id} could not be recorded",
        f"The throttled event for user {user.id} could not be recorded",
    ]


async def test_a_purge_that_fails_is_logged_and_fails_no_action(app, client, make_user, caplog):
    await make_user()

    async def take_the_table_away(request: Request, event: SecurityEvent) -> None:
        await rename_table("security_events", "security_events_away")

    add_event_listener(app, take_the_table_away)
    try:
        with caplog.at_level(logging.ERROR, logger=events.__name__):
            await log_in(client)
    finally:
        await rename_table("security_events_away", "security_events")

    failures = [record.getMessage() for record in caplog.records if record.name == events.__name__]
    assert failures == ["Old security events could not be purged"]
    assert [event.kind for event in await trail()] == ["login_succeeded"]


async def test_an_event_that_cannot_be_written_leaves_the_transaction_around_it_whole(app, client, make_user):
    """On PostgreSQL a failed statement aborts its transaction: the event's insert has a savepoint of its own."""
    user = await make_user()

    async def change_email(request: Request) -> dict[str, str]:
        async with in_transaction():
            await User.filter(id=user.id).update(email="kept@example.com")
            await record_event(request, events.EMAIL_CHANGED, user.id)
            await User.filter(id=user.id).update(username="alice2")
        return {}

    app.add_api_route("/test/change-email", change_email, methods=["POST"])
    await rename_table("security_events", "security_events_away")
    try:
        answer = await client.post("/test/change-email")
    finally:
        await rename_table("security_events_away", "security_events")

    assert answer.status_code == 200
    changed = await User.get(id=user.id)
    assert (changed.email, changed.username) == ("kept@example.com", "alice2")
    assert await trail() == []


async def test_listeners_see_each_event_once_it_is_written(app, client, make_user):
    user = await make_user()
    seen = []

    async def listener(request: Request, event: SecurityEvent) -> None:
        stored = await SecurityEvent.get(id=event.id)
        seen.append((stored.kind, stored.user_id, request.url.path))

    add_event_listener(app, listener)
    tokens = await log_in(client)
    await client.post("/auth/logout-all", headers=bearer(tokens["access_token"]))

    assert seen == [("login_succeeded", user.id, "/auth/token"), ("logged_out_everywhere", user.id, "/auth/logout-all")]


async def test_a_failing_listener_fails_the_request_and_leaves_no_event(app, make_user):
    await make_user()

    async def broken_outbox(request: Request, event: SecurityEvent) -> None:
        raise RuntimeError("the outbox is gone")

    add_event_listener(app, broken_outbox)
    transport = httpx2.ASGITransport(app=app, raise_app_exceptions=False)
    async with httpx2.AsyncClient(transport=transport, base_url="http://testserver") as client:
        answer = await client.post("/auth/token", data=form())

    assert answer.status_code == 500
    assert "refresh_token" not in answer.text
    assert await trail() == []
