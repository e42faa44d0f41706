"""Schemathesis hooks for test_api_contract: one user's bearer token on every request, kept valid.

The run calls every operation with generated data, so it deactivates that user, withdraws its
scopes and logs it out everywhere as it goes: each takes effect on the very next request, which
would then test nothing but a 401. Before each request the user gets its account back, straight
in the database, and a new token is fetched whenever the one held was revoked.
"""

import json
import os
import sqlite3

import httpx2
import schemathesis

URL = os.environ.get("CONTRACT_URL", "")
DATABASE = os.environ.get("CONTRACT_DATABASE", "")
USERNAME = os.environ.get("CONTRACT_USERNAME", "")
PASSWORD = os.environ.get("CONTRACT_PASSWORD", "")
SCOPES = json.loads(os.environ.get("CONTRACT_SCOPES", "[]"))


@schemathesis.auth(refresh_interval=None)
class KeptValidToken:
    def __init__(self) -> None:
        self.token = ""
        self.token_version: int | None = None

    def get(self, case, context) -> str:
        with sqlite3.connect(DATABASE, timeout=30) as database:
            is_active, scopes, token_version = database.execute(
                "SELECT is_active, scopes, token_version FROM users WHERE username = ?", (USERNAME,)
            ).fetchone()
            if not is_active or json.loads(scopes) != SCOPES:
                database.execute(
                    "UPDATE users SET is_active = 1, scopes = ? WHERE username = ?", (json.dumps(SCOPES), USERNAME)
                )
        if token_version != self.token_version:
            form = {"grant_type": "password", "username": USERNAME, "password": PASSWORD}
            response = httpx2.post(f"{URL}/auth/token", data=form)
            response.raise_for_status()
            self.token, self.token_version = response.json()["access_token"], token_version
        return self.token

    def set(self, case, data: str, context) -> None:
        case.headers = {**(case.headers or {}), "Authorization": f"Bearer {data}"}
