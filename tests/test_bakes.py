"""Every option value bakes into a project that is clean, lints, and runs and passes its own tests
exactly as its README says."""

import contextlib
import fcntl
import json
import os
import re
import secrets
import signal
import sqlite3
import subprocess
import tempfile
import tomllib
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import httpx2
import pytest
from packaging.requirements import Requirement

from bench.deployment import wait_until_healthy

from .conftest import TEMPLATE, bake, first_five_minutes, run, text_files, upgrade_every_app
from .test_answers import ODD_ANSWERS
from .test_server_databases import execute, server_url

DATABASES = ("sqlite", "postgres", "mysql")
# Tortoise ORM's extra that pulls in each database's driver (aiosqlite always comes with it).
DRIVER_EXTRAS = {"sqlite": set(), "postgres": {"asyncpg"}, "mysql": {"asyncmy"}}


# Each database with sign-up both ways and without social login; each social login and signing
# algorithm at least once; the password-only HS256 service and sign-up closed with Google alone;
# without email and without account pages, with social login and without; without a second factor,
# with social login and without; scopes of the team's own,
# and every text answer at its oddest (test_answers.py). The options a bake leaves out take their defaults.
# A server bake runs its whole suite on that server: the slowest of them, so only one has every
# option (the 30-minute budget of `make test`).
CUSTOM_SCOPES = {
    "me": "Read and change your own account",
    "users:read": "List and read every user",
    "users:write": "Grant or withdraw scopes and deactivate users",
    "billing:read": "Read the invoices",
}
# The slowest first (see LONGEST_FIRST in conftest.py).
BAKES = [
    {"database": "postgres", "allow_signup": True, "social_login": "google_and_github", "jwt_algorithm": "RS256"},
    {
        "database": "postgres",
        "allow_signup": False,
        "social_login": "none",
        "jwt_algorithm": "HS256",
        "account_pages": False,
    },
    {"database": "sqlite", "allow_signup": True, "social_login": "google_and_github", "jwt_algorithm": "HS256"},
    {"database": "sqlite", "allow_signup": False, "social_login": "google", "jwt_algorithm": "ES256", **ODD_ANSWERS},
    {
        "database": "mysql",
        "allow_signup": False,
        "social_login": "github",
        "jwt_algorithm": "HS256",
        "email": "none",
        "mfa": "none",
    },
    {
        "database": "mysql",
        "allow_signup": True,
        "social_login": "none",
        "jwt_algorithm": "RS256",
        "account_pages": False,
    },
    {
        "database": "sqlite",
        "allow_signup": False,
        "social_login": "none",
        "jwt_algorithm": "ES256",
        "email": "none",
        "mfa": "none",
        "scopes": json.dumps(CUSTOM_SCOPES),
        "default_scopes": "me billing:read",
    },
]
DEFAULTS = {"email": "smtp", "account_pages": True, "mfa": "totp"}
PROVIDERS = {"google_and_github": {"google", "github"}, "google": {"google"}, "github": {"github"}, "none": set()}


OPTIONS = ("database", "allow_signup", "social_login", "jwt_algorithm", "email", "account_pages", "mfa")


@pytest.mark.parametrize(
    "chosen", BAKES, ids=lambda chosen: "-".join(str(value) for name, value in chosen.items() if name in OPTIONS)
)
def test_bake_is_clean_lints_and_runs_as_its_readme_says(cookies, request, chosen):
    options = DEFAULTS | chosen
    project = bake(cookies, **options)
    database, allow_signup, social_login = options["database"], options["allow_signup"], options["social_login"]
    jwt_algorithm, email, mfa = options["jwt_algorithm"], options["email"] != "none", options["mfa"] != "none"

    providers = PROVIDERS[social_login]
    for path in text_files(project):
        text = path.read_text()
        # GitHub's own expressions in the baked workflow, ${{ ... }}, are meant to be there, and
        # the account pages' own Jinja2 templates are copied unrendered.
        if "templates" not in path.relative_to(project).parts:
            assert not re.search(r"(?<!\$)\{\{", text), f"unrendered template in {path}"
            assert "{%" not in text, f"unrendered template in {path}"
        if not providers:
            # Where the project's own tooling lives, and the runner's Chrome that its workflow
            # names for the browser tests, are no trace of social login.
            tooling = re.sub(
                r"github\.com/astral-sh/ruff-pre-commit|\.github/workflows|/usr/bin/google-chrome", "", text
            )
            assert not re.search(r"\bauthlib\b|social|google|github", tooling, re.IGNORECASE), (
                f"social login left in {path}"
            )
        if not email:
            assert not re.search(r"aiosmtp|\bsmtp_|verify-email|forgot-password", text, re.IGNORECASE), (
                f"email left in {path}"
            )
        if not mfa:
            assert not re.search(r"pyotp|segno|/users/me/mfa|\bmfa_|grant-type:mfa", text), f"mfa left in {path}"
    # The README's first five minutes, as written, with the .env the bake wrote (for development)
    # and, for a server bake, only the server it names: its make install is the bake's own
    # virtualenv, from its pyproject.toml alone, so that a dependency it forgot to declare shows.
    # (Python writes its bytecode, as on a person's machine: a __pycache__ beside the migrations counts.)
    environment = {"PYTHONDONTWRITEBYTECODE": ""}
    if database != "sqlite":
        environment["DATABASE_URL"] = database_of_its_own(request, database)
    users_me = follow_first_five_minutes(project, environment)
    assert users_me["username"] == "alice"
    assert users_me["scopes"] == options.get("default_scopes", "me").split()
    run("make", "lint", cwd=project)
    check_dependencies(project)
    # A server bake's suite takes minutes on a busy machine.
    # The browser tests run for the default bake alone, in tests/test_browser.py. A test that
    # hangs dumps every thread's stack, which the timeout's failure shows.
    pytest_options = "-rs -o faulthandler_timeout=300" + (" -m 'not browser'" if options["account_pages"] else "")
    tests = run("make", "test", cwd=project, env=environment | {"PYTEST_ADDOPTS": pytest_options}, timeout=1500)
    assert " passed" in tests.stdout  # run() has already failed the test on any failure
    if database != "sqlite":  # on its server, even the migrations' drift check and the outage test run
        assert "skipped" not in tests.stdout
        assert f"database server: {urlsplit(environment['DATABASE_URL']).netloc.rpartition('@')[2]}," in tests.stdout

    package = project / project.name
    assert (package / "routes" / "signup.py").exists() is allow_signup
    assert (project / "tests" / "test_signup.py").exists() is allow_signup
    assert (project / "tests" / "test_signup_limits.py").exists() is allow_signup
    assert ("signup" in (package / "main.py").read_text()) is allow_signup
    assert {path.stem for path in (package / "social").glob("g*.py")} == providers
    assert {path.stem.removeprefix("test_") for path in (project / "tests" / "social").glob("test_g*.py")} == providers
    assert {path.stem for path in (project / "fake_providers").glob("g*.py")} == providers
    # The history of each app the bake has, as shipped for its database, whatever the other options.
    shipped = TEMPLATE / "{{cookiecutter.project_slug}}" / "migrations" / "by_database" / database
    apps = ["models", *["social"] * bool(providers), *["mail"] * email, *["mfa"] * mfa]
    migrations = {
        app.name: sorted(path.name for path in app.glob("*.py")) for app in (project / "migrations").iterdir()
    }
    assert migrations == {app: sorted(path.name for path in (shipped / app).glob("*.py")) for app in apps}
    assert (package / "mail").exists() is email
    assert (project / "tests" / "mail").exists() is email
    assert (project / "tests" / "social" / "test_linking_by_email.py").exists() is (email and bool(providers))
    assert (package / "mfa").exists() is mfa
    assert (project / "tests" / "mfa").exists() is mfa
    assert (project / "tests" / "social" / "test_second_factor.py").exists() is (mfa and bool(providers))
    assert (project / "tests" / "mail" / "test_second_factor.py").exists() is (mfa and email)
    assert (package / "pages").exists() is options["account_pages"]
    assert (project / "tests" / "pages").exists() is options["account_pages"]
    requirements = [
        Requirement(line) for line in tomllib.loads((project / "pyproject.toml").read_text())["project"]["dependencies"]
    ]
    assert [requirement.extras for requirement in requirements if requirement.name == "tortoise-orm"] == [
        DRIVER_EXTRAS[database]
    ]
    assert ("Authlib" in {requirement.name for requirement in requirements}) is bool(providers)
    assert ("aiosmtplib" in {requirement.name for requirement in requirements}) is email
    assert ("pyotp" in {requirement.name for requirement in requirements}) is mfa
    [pyjwt] = [requirement for requirement in requirements if requirement.name == "PyJWT"]
    assert pyjwt.extras == (set() if jwt_algorithm == "HS256" else {"crypto"})
    assert ((project / "keys" / "jwt-private.pem").exists()) is (jwt_algorithm != "HS256")
    assert not (project / "signing_by_algorithm").exists()


# `make run` serves on the port the README names: one bake at a time, across the test workers.
README_ADDRESS = "http://127.0.0.1:8000"
PORT_LOCK = Path(tempfile.gettempdir()) / "fastapi-accounts-template-port-8000.lock"


def database_of_its_own(request, database: str) -> str:
    """The URL of a database no other bake uses on the server, for DATABASE_URL; dropped afterwards."""
    server = server_url(database)
    name = f"bake_{secrets.token_hex(6)}"
    request.addfinalizer(lambda: execute(server, f"drop database if exists {name}"))
    return urlunsplit(urlsplit(server)._replace(path=f"/{name}"))


def follow_first_five_minutes(project: Path, environment: dict[str, str]) -> dict:
    """Run the README's first five minutes as written: its make commands, `make run` until the
    commands of the next block have run against it; give what the last one printed, parsed."""
    setup, calls = first_five_minutes(project)
    with PORT_LOCK.open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        for command in commands(setup):
            if command != "make run":
                run("bash", "-c", command, cwd=project, env=environment)
        # Else the steps below could pass against whatever answers there.
        assert not answers_health(), "something else answers on 127.0.0.1:8000: stop it"
        with served(project, environment):
            answers = run("bash", "-euo", "pipefail", "-c", calls, cwd=project, env=environment)
    return json.loads(answers.stdout.splitlines()[-1])


def commands(block: str) -> list[str]:
    return [line.split("#")[0].strip() for line in block.splitlines() if line.split("#")[0].strip()]


@contextlib.contextmanager
def served(project: Path, environment: dict[str, str]):
    """`make run`, stopped as Ctrl-C would stop it once the block has run."""
    with tempfile.TemporaryDirectory() as folder:
        log = Path(folder) / "make-run.log"
        with log.open("w") as output:
            server = subprocess.Popen(
                ["make", "run"],  # noqa: S607
                cwd=project,
                env=os.environ | environment,
                stdout=output,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        try:
            wait_until_healthy(README_ADDRESS, server, log)
            yield
        finally:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(server.pid, signal.SIGINT)
            try:
                server.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(server.pid, signal.SIGKILL)
                server.wait()


def answers_health() -> bool:
    try:
        return httpx2.get(f"{README_ADDRESS}/health").status_code == 200
    except httpx2.TransportError:
        return False


def check_dependencies(project: Path) -> None:
    """deptry finds no import left undeclared, and no dependency unused: in the package with the
    project's own settings, then in the tests, which may import what the test extra declares."""
    python = project / ".venv" / "bin" / "python"
    run(python, "-m", "deptry", ".", cwd=project)
    run(
        python,
        "-m",
        "deptry",
        ".",
        "--exclude",
        rf"\.venv|migrations|{project.name}",
        "--optional-dependencies-dev-groups",
        "none",
        "--ignore",
        "DEP002",
        cwd=project,
    )


def test_aerich_upgrade_builds_the_sqlite_schema_on_an_empty_file(cookies, tmp_path):
    project = bake(cookies)
    database = tmp_path / "fresh.sqlite3"

    upgrade_every_app(project, f"sqlite://{database}")

    with sqlite3.connect(database) as connection:
        tables = {row[0] for row in connection.execute("select name from sqlite_master where type = 'table'")}
        columns = {row[1] for row in connection.execute("pragma table_info(users)")}
    assert {"users", "login_attempts", "security_events", "identities", "login_states", "aerich"} <= tables
    assert {"username", "username_lower", "password_hash", "scopes", "is_active", "last_login_at"} <= columns


def test_the_tested_environment_satisfies_every_dependency_range(cookies):
    """The ranges in a baked pyproject.toml admit the versions its tests just ran with."""
    metadata = tomllib.loads((bake(cookies) / "pyproject.toml").read_text())["project"]

    for line in metadata["dependencies"] + metadata["optional-dependencies"]["test"]:
        requirement = Requirement(line)
        assert requirement.specifier.contains(installed(requirement.name), prereleases=True), requirement
    for extras in DRIVER_EXTRAS.values():
        for driver in extras:  # each of Tortoise's database extras is named after its driver
            installed(driver)


def installed(distribution: str) -> str:
    try:
        return version(distribution)
    except PackageNotFoundError:
        pytest.fail(f"{distribution} is not installed in the tested environment")
