"""The OpenAPI document says exactly what the API does: schemathesis, with every default check,
finds no answer the document does not describe, on the default bake and a lean one.

Each bake is served by uvicorn on a fresh SQLite file; one user holding every scope calls every
operation with a token kept valid across the run (see contract_auth.py). The run is bounded by
MAX_EXAMPLES per operation and MAX_SECONDS in all, for CI on two cores.

Checks turned off, each for some operations only, in CHECKS_OFF below:
- not_a_server_error on /auth/{provider}/...: no provider is configured here (that needs the fake
  providers the bake's own social tests serve), so these answer the documented 503 "login is not
  configured"; the bake's tests cover them against fake providers.
- positive_data_acceptance on POST /auth/token: a password grant with a made-up username and
  password is valid by the schema and refused 400 invalid_grant, as RFC 6749 section 5.2 asks.
"""

import contextlib
import json
import os
import socket
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import httpx2
import pytest

from .conftest import PYTHON, bake, registered_scopes, upgrade_every_app

MAX_EXAMPLES = 15
MAX_SECONDS = 35
USERNAME = "contract"
PASSWORD = "correct horse battery"

CHECKS_OFF = """
[[operations]]
include-path-regex = "^/auth/\\\\{provider\\\\}/"
checks.not_a_server_error.enabled = false

[[operations]]
include-path = "/auth/token"
include-method = "POST"
checks.positive_data_acceptance.enabled = false
"""


@pytest.mark.parametrize(
    "answers",
    [{}, {"database": "sqlite", "social_login": "github", "allow_signup": False}],
    ids=["default", "github-no-signup"],
)
def test_schemathesis_finds_nothing_the_document_does_not_say(cookies, tmp_path, answers):
    project = bake(cookies, **answers)
    database = tmp_path / "contract.sqlite3"
    database_url = f"sqlite://{database}"
    upgrade_every_app(project, database_url)
    scopes = list(registered_scopes(project))
    environment = {
        "DATABASE_URL": database_url,
        "BCRYPT_ROUNDS": "4",
        # The run makes many failed logins, and logs its user in again after each logout: neither
        # may lock out the user whose token it holds.
        "LOGIN_ATTEMPTS_PER_ACCOUNT": "1000000",
        "LOGIN_ATTEMPTS_PER_ADDRESS": "1000000",
        "ACCOUNT_LOCKOUT_FAILURES": "1000000",
        "LOGINS_PER_ACCOUNT_PER_HOUR": "1000000",
        "SIGNUPS_PER_ADDRESS_PER_HOUR": "1000000",
        "SOCIAL_LOGINS_PER_ADDRESS_PER_HOUR": "1000000",
        # Outside development the email option must know where to send: nothing answers there,
        # so its messages wait in the outbox, as they would while a real server is away.
        "SMTP_HOST": "127.0.0.1",
        "EMAIL_LINK_BASE": "https://accounts.example.com",
    }
    created = subprocess.run(  # noqa: S603
        [PYTHON, "-m", "accounts_service", "create-user", USERNAME, "--scopes", ",".join(scopes), "--password-stdin"],
        cwd=project,
        env=os.environ | environment,
        input=f"{PASSWORD}\n",
        capture_output=True,
        text=True,
        check=False,
    )
    assert created.returncode == 0, created.stderr
    config = tmp_path / "schemathesis.toml"
    config.write_text(f'hooks = "contract_auth"\n{CHECKS_OFF}')
    with served(project, environment) as url:
        result = subprocess.run(  # noqa: S603
            [
                PYTHON,
                "-m",
                "schemathesis.cli",
                "--config-file",
                str(config),
                "run",
                f"{url}/openapi.json",
                f"--max-examples={MAX_EXAMPLES}",
                f"--max-time={MAX_SECONDS}",
                "--workers=1",
                "--seed=1",
            ],
            cwd=tmp_path,
            env=os.environ
            | {
                "PYTHONPATH": str(Path(__file__).parent),
                "CONTRACT_URL": url,
                "CONTRACT_DATABASE": str(database),
                "CONTRACT_USERNAME": USERNAME,
                "CONTRACT_PASSWORD": PASSWORD,
                "CONTRACT_SCOPES": json.dumps(scopes),
            },
            capture_output=True,
            text=True,
            timeout=MAX_SECONDS + 120,
            check=False,
        )
    assert result.returncode == 0, f"{result.stdout}\n{result.stderr}"


@contextlib.contextmanager
def served(project: Path, environment: dict[str, str]) -> Iterator[str]:
    """The bake served by uvicorn on a free loopback port, as its own worker tests start it."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    command = [PYTHON, "-m", "uvicorn", "--factory", "accounts_service.main:create_app"]
    worker = subprocess.Popen(  # noqa: S603
        [*command, "--host", "127.0.0.1", "--port", str(port), "--log-level", "warning"],
        cwd=project,
        env=os.environ | environment,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            assert worker.poll() is None, "the worker exited"
            assert time.monotonic() < deadline, "the worker did not start"
            try:
                if httpx2.get(f"{url}/health").status_code == 200:
                    break
            except httpx2.TransportError:
                time.sleep(0.1)
        yield url
    finally:
        worker.terminate()
        worker.wait(timeout=30)
