"""Every option value bakes into a project that is clean, lints, migrates and passes its own tests."""

import os
import re
import sqlite3
import tomllib
from datetime import UTC, datetime
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

import pytest
from packaging.requirements import Requirement

from .conftest import PYTHON, aerich, bake, run, text_files
from .test_server_databases import server_url

DATABASES = ("sqlite", "postgres", "mysql")
# Tortoise ORM's extra that pulls in each database's driver (aiosqlite always comes with it).
DRIVER_EXTRAS = {"sqlite": set(), "postgres": {"asyncpg"}, "mysql": {"asyncmy"}}


# Each database with sign-up both ways and without social login; each social login and signing
# algorithm at least once; the password-only HS256 service and sign-up closed with Google alone;
# without email and without account pages, with social login and without. The options a bake leaves out take their defaults.
# A server bake runs its whole suite on that server, each test on a database of its own.
BAKES = [
    {"database": "sqlite", "allow_signup": True, "social_login": "google_and_github", "jwt_algorithm": "HS256"},
    {"database": "sqlite", "allow_signup": False, "social_login": "none", "jwt_algorithm": "ES256", "email": "none"},
    {"database": "postgres", "allow_signup": True, "social_login": "google_and_github", "jwt_algorithm": "RS256"},
    {
        "database": "postgres",
        "allow_signup": True,
        "social_login": "none",
        "jwt_algorithm": "HS256",
        "account_pages": False,
    },
    {"database": "postgres", "allow_signup": False, "social_login": "google", "jwt_algorithm": "ES256"},
    {"database": "mysql", "allow_signup": False, "social_login": "github", "jwt_algorithm": "HS256", "email": "none"},
    {
        "database": "mysql",
        "allow_signup": True,
        "social_login": "none",
        "jwt_algorithm": "RS256",
        "account_pages": False,
    },
]
DEFAULTS = {"email": "smtp", "account_pages": True}
# One bake a run (the next one each day, or FRESH_VENV_BAKE's index) is installed from its own
# pyproject.toml into a virtualenv of its own, so that a dependency it forgot to declare shows.
FRESH_VENV_BAKE = int(os.environ.get("FRESH_VENV_BAKE", datetime.now(UTC).toordinal())) % len(BAKES)
PROVIDERS = {"google_and_github": {"google", "github"}, "google": {"google"}, "github": {"github"}, "none": set()}


@pytest.mark.parametrize("chosen", BAKES, ids=lambda chosen: "-".join(str(value) for value in chosen.values()))
def test_bake_is_clean_lints_and_passes_its_own_tests(cookies, tmp_path, chosen):
    options = DEFAULTS | chosen
    project = bake(cookies, **options)
    database, allow_signup, social_login = options["database"], options["allow_signup"], options["social_login"]
    jwt_algorithm, email = options["jwt_algorithm"], options["email"] != "none"

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
    # As a fresh clone of the generated project would be: without the git-ignored .env.
    (project / ".env").unlink()
    python = PYTHON
    if chosen is BAKES[FRESH_VENV_BAKE]:
        python = fresh_venv(project, tmp_path / "venv")
    run(python, "-m", "ruff", "check", ".", cwd=project)
    run(python, "-m", "ruff", "format", "--check", ".", cwd=project)
    check_dependencies(project, python)
    server = {} if database == "sqlite" else {"TEST_DATABASE_URL": server_url(database)}
    # A server bake makes and drops a database for each of its tests: minutes on a busy machine.
    # The browser tests run for the default bake alone, in tests/test_browser.py.
    browser = ["-m", "not browser"] if options["account_pages"] else []
    # A test that hangs dumps every thread's stack, which the timeout's failure shows.
    hung = ["-o", "faulthandler_timeout=300"]
    tests = run(python, "-m", "pytest", "-q", "-rs", *browser, *hung, cwd=project, env=server, timeout=1500)
    assert " passed" in tests.stdout  # run() has already failed the test on any failure
    if server:  # on its server, even the migrations' drift check runs
        assert "skipped" not in tests.stdout

    package = project / "accounts_service"
    assert (package / "routes" / "signup.py").exists() is allow_signup
    assert (project / "tests" / "test_signup.py").exists() is allow_signup
    assert (project / "tests" / "test_signup_limits.py").exists() is allow_signup
    assert ("signup" in (package / "main.py").read_text()) is allow_signup
    assert {path.stem for path in (package / "social").glob("g*.py")} == providers
    assert {path.stem.removeprefix("test_") for path in (project / "tests" / "social").glob("test_g*.py")} == providers
    assert {path.stem for path in (project / "fake_providers").glob("g*.py")} == providers
    migrations = sorted(path.name for path in (project / "migrations").rglob("*.py"))
    expected = ["0_20261126000000_init.py"] + ["1_20261127000000_social_login.py"] * bool(providers)
    expected += [f"{len(expected)}_20261128000000_email.py"] * email
    assert migrations == expected
    assert (package / "mail").exists() is email
    assert (project / "tests" / "mail").exists() is email
    assert (project / "tests" / "social" / "test_linking_by_email.py").exists() is (email and bool(providers))
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
    [pyjwt] = [requirement for requirement in requirements if requirement.name == "PyJWT"]
    assert pyjwt.extras == (set() if jwt_algorithm == "HS256" else {"crypto"})
    assert ((project / "keys" / "jwt-private.pem").exists()) is (jwt_algorithm != "HS256")
    assert not (project / "signing_by_algorithm").exists()


def fresh_venv(project: Path, venv: Path) -> str:
    """A new virtualenv with the bake and its test extra installed, from its pyproject.toml alone; its python."""
    run(PYTHON, "-m", "venv", "--without-pip", str(venv), cwd=project)
    python = str(venv / "bin" / "python")
    # This environment's pip installs into the new one: quicker than giving it a pip of its own.
    run(PYTHON, "-m", "pip", "--python", python, "install", "--quiet", f"{project}[test]", cwd=project)
    return python


def check_dependencies(project: Path, python: str) -> None:
    """deptry finds no import left undeclared, and no dependency unused: in the package with the
    project's own settings, then in the tests, which may import what the test extra declares."""
    run(python, "-m", "deptry", ".", cwd=project)
    run(
        python,
        "-m",
        "deptry",
        ".",
        "--exclude",
        "migrations|accounts_service",
        "--optional-dependencies-dev-groups",
        "none",
        "--ignore",
        "DEP002",
        cwd=project,
    )


def test_aerich_upgrade_builds_the_sqlite_schema_on_an_empty_file(cookies, tmp_path):
    project = bake(cookies)
    database = tmp_path / "fresh.sqlite3"

    aerich(project, f"sqlite://{database}", "upgrade")

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
