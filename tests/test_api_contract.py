"""The OpenAPI document says exactly what the API does: schemathesis, with every default check on
for every operation, finds no answer the document does not describe, on the default bake and a
lean one.

Each bake is served on a fresh SQLite file with its providers configured, so that their routes
answer for real: the default bake with its FAKE Google and GitHub on loopback, as its `make demo`
serves them (in development, which alone takes their http:// URLs); the GitHub-only bake without
sign-up in production, where starting a login or a link only writes a github.com URL and nothing
is contacted (its callback refuses the made-up state before any code would be exchanged).
CORS_ORIGINS, and for the lean bake an absolute FRONTEND_URL, give `next` places to go, so that
its documented pattern has values that schemathesis sends and the routes take: the run must leave
a login or link behind that took one. One user holding every scope calls every operation with a
token kept valid across the run (see contract_auth.py). The run is bounded by MAX_EXAMPLES per
operation and MAX_SECONDS in all, for CI on two cores.

One check takes one more answer, on some operations only (SECRETS below): positive_data_acceptance
takes the 400 of an emailed link's made-up token, and of a made-up code from an authenticator app. A password grant with a made-up username and
password, refused 400 invalid_grant as RFC 6749 section 5.2 asks, needs nothing of the kind:
schemathesis itself does not count a 400 against positive_data_acceptance on the document's OAuth2
tokenUrl.
"""

import contextlib
import json
import os
import socket
import sqlite3
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

# The one-time token of an emailed link is a secret the service mailed, and an authenticator app's
# code one that only the app shows: no schema can say which are right, so a made-up one, valid by
# the schema, is refused 400 ("The link is invalid, expired or already used", "The code is
# wrong"), as documented. There positive_data_acceptance takes that 400 besides its default
# statuses; any other refusal (a 422) still fails it. (The filters of one entry are alternatives:
# an include-path and an include-method would each select operations of their own.)
SECRETS = """
[[operations]]
include-name-regex = "^POST (/auth/(verify-email|reset-password|undo-email-change|cancel-email-change)|/users/me/mfa/totp/confirm)$"
checks.positive_data_acceptance.expected-statuses = ["2xx", "3xx", "400", "401", "403", "404", "409", "429", "5xx"]
"""


@pytest.mark.parametrize(
    ("answers", "with_fakes", "settings"),
    [
        pytest.param({}, True, {"CORS_ORIGINS": "https://app.example.com"}, id="default"),
        pytest.param(
            {"database": "sqlite", "social_login": "github", "allow_signup": False},
            False,
            {
                "ENVIRONMENT": "production",
                "GITHUB_CLIENT_ID": "contract-client-id",
                "GITHUB_CLIENT_SECRET": "contract-client-secret",
                "FRONTEND_URL": "https://app.example.com/signed-in",
                "CORS_ORIGINS": "https://admin.example.com",
            },
            id="github-no-signup",
        ),
    ],
)
def test_schemathesis_finds_nothing_the_document_does_not_say(cookies, tmp_path, answers, with_fakes, settings):
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
        **settings,
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
    config.write_text(f'hooks = "contract_auth"\n{SECRETS}')
    with served(project, environment, with_fakes=with_fakes) as url:
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
    # A login or link start keeps the `next` it took until its callback, which the run never
    # completes (a link's goes with its user, when the run deletes that).
    with contextlib.closing(sqlite3.connect(database)) as connection:
        (carried,) = connection.execute("SELECT COUNT(*) FROM login_states WHERE next_url IS NOT NULL").fetchone()
    assert carried > 0, f"no login or link took a `next`\n{result.stdout}"


@contextlib.contextmanager
def served(project: Path, environment: dict[str, str], *, with_fakes: bool) -> Iterator[str]:
    """The bake served on free loopback ports: by uvicorn, as its own worker tests start it, or with
    its fake providers by `python -m fake_providers.demo`, as its `make demo` does (the service on
    PORT, the fakes on the ports after it)."""
    port = free_ports(3 if with_fakes else 1)
    if with_fakes:
        command = [PYTHON, "-m", "fake_providers.demo"]
        environment = environment | {"PORT": str(port)}
    else:
        uvicorn = [PYTHON, "-m", "uvicorn", "--factory", "accounts_service.main:create_app", "--log-level", "warning"]
        command = [*uvicorn, "--host", "127.0.0.1", "--port", str(port)]
    worker = subprocess.Popen(command, cwd=project, env=os.environ | environment)  # noqa: S603
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


def free_ports(count: int) -> int:
    """The first of `count` consecutive loopback ports that are free now."""
    while True:
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            first = probe.getsockname()[1]
        with contextlib.ExitStack() as stack:
            try:
                for port in range(first, first + count):
                    stack.enter_context(socket.socket()).bind(("127.0.0.1", port))
            except (OSError, OverflowError):  # taken, or past the last port
                continue
        return first
