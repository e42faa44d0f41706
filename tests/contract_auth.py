"""Schemathesis hooks for test_api_contract: one user's bearer token on every request, kept valid.

The run calls every operation with generated data, so it deactivates that user, withdraws its
scopes, logs it out everywhere, ends its session and deletes it as it goes: each takes effect on
the very next request, which would then test nothing but a 401. Before each request the user gets
its account back, straight in the database, and a new token is fetched whenever the one held was
revoked.
"""

import base64
import json
import os
import sqlite3
from datetime import UTC, datetime

import bcrypt
import httpx2
import schemathesis

URL = os.environ.get("CONTRACT_URL", "")
DATABASE = os.environ.get("CONTRACT_DATABASE", "")
USERNAME = os.environ.get("CONTRACT_USERNAME", "")
PASSWORD = os.environ.get("CONTRACT_PASSWORD", "")
SCOPES = json.loads(os.environ.get("CONTRACT_SCOPES", "[]"))


def restore_user(database: sqlite3.Connection) -> int:
    """Give the user back every scope and an active account (a new one if it was deleted); its token version."""
    found = database.execute(
        "SELECT is_active, scopes, token_version FROM users WHERE username = ?", (USERNAME,)
    ).fetchone()
    if found is None:
        password_hash = bcrypt.hashpw(PASSWORD.encode(), bcrypt.gensalt(4)).decode()
        database.execute(
            "INSERT INTO users (username, username_lower, password_hash, is_active, scopes, created_at, token_version)"
            " VALUES (?, ?, ?, 1, ?, ?, 0)",
            (USERNAME, USERNAME.lower(), password_hash, json.dumps(SCOPES), datetime.now(UTC).isoformat(sep=" ")),
        )
        return 0
    is_active, scopes, token_version = found
    if not is_active or json.loads(scopes) != SCOPES:
        database.execute(
            "UPDATE users SET is_active = 1, scopes = ? WHERE username = ?", (json.dumps(SCOPES), USERNAME)
        )
    return token_version


def session_is_live(database: sqlite3.Connection, token: str) -> bool:
    """Whether the session (refresh-token family) the token names was neither ended nor lost with its user."""
    payload = token.split(".")[1]
    session = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))["sid"]
    return (
        database.execute(
            "SELECT 1 FROM refresh_tokens WHERE family = ? AND revoked_at IS NULL LIMIT 1", (session,)
        ).fetchone()
        is not None
    )


@schemathesis.auth(refresh_interval=None)
class KeptValidToken:
    def __init__(self) -> None:
        self.token = ""
        self.token_version: int | None = None

    def get(self, case, context) -> str:
        with sqlite3.connect(DATABASE, timeout=30) as database:
            token_version = restore_user(database)
            stale = token_version != self.token_version or not session_is_live(database, self.token)
        if stale:
            form = {"grant_type": "password", "username": USERNAME, "password": PASSWORD}
            response = httpx2.post(f"{URL}/auth/token", data=form)
            response.raise_for_status()
            self.token, self.token_version = response.json()["access_token"], token_version
        return self.token

    def set(self, case, data: str, context) -> None:
        case.headers = {**(case.headers or {}), "Authorization": f"Bearer {data}"}
