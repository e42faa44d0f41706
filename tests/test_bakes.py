"""Every option value bakes into a project that is clean, lints, migrates and passes its own tests."""

import re
import sqlite3
import tomllib
from importlib.metadata import PackageNotFoundError, version

import pytest
from packaging.requirements import Requirement

from .conftest import PYTHON, aerich, bake, run, text_files

DATABASES = ("sqlite", "postgres", "mysql")
# Tortoise ORM's extra that pulls in each database's driver (aiosqlite always comes with it).
DRIVER_EXTRAS = {"sqlite": set(), "postgres": {"asyncpg"}, "mysql": {"asyncmy"}}


# Each database, sign-up both ways, and each social login and signing algorithm at least once.
BAKES = [
    ("sqlite", True, "google_and_github", "HS256"),
    ("sqlite", False, "none", "ES256"),
    ("postgres", True, "google", "RS256"),
    ("postgres", False, "github", "HS256"),
    ("mysql", False, "google_and_github", "ES256"),
    ("mysql", True, "none", "RS256"),
]
PROVIDERS = {"google_and_github": {"google", "github"}, "google": {"google"}, "github": {"github"}, "none": set()}


@pytest.mark.parametrize(
    ("database", "allow_signup", "social_login", "jwt_algorithm"), BAKES, ids=lambda value: str(value)
)
def test_bake_is_clean_lints_and_passes_its_own_tests(cookies, database, allow_signup, social_login, jwt_algorithm):
    project = bake(
        cookies, database=database, allow_signup=allow_signup, social_login=social_login, jwt_algorithm=jwt_algorithm
    )

    providers = PROVIDERS[social_login]
    for path in text_files(project):
        text = path.read_text()
        assert "{{" not in text, f"unrendered template in {path}"
        assert "{%" not in text, f"unrendered template in {path}"
        if not providers:
            assert not re.search(r"\bauthlib\b|social|google|github", text, re.IGNORECASE), (
                f"social login left in {path}"
            )
    run(PYTHON, "-m", "ruff", "check", ".", cwd=project)
    run(PYTHON, "-m", "ruff", "format", "--check", ".", cwd=project)
    # As a fresh clone of the generated project would be: without the git-ignored .env.
    (project / ".env").unlink()
    tests = run(PYTHON, "-m", "pytest", "-q", cwd=project)
    assert " passed" in tests.stdout  # run() has already failed the test on any failure

    package = project / "accounts_service"
    assert (package / "routes" / "signup.py").exists() is allow_signup
    assert (project / "tests" / "test_signup.py").exists() is allow_signup
    assert (project / "tests" / "test_signup_limits.py").exists() is allow_signup
    assert ("signup" in (package / "main.py").read_text()) is allow_signup
    assert {path.stem for path in (package / "social").glob("g*.py")} == providers
    assert {path.stem.removeprefix("test_") for path in (project / "tests" / "social").glob("test_g*.py")} == providers
    migrations = sorted(path.name for path in (project / "migrations").rglob("*.py"))
    assert migrations == ["0_20261126000000_init.py", "1_20261127000000_social_login.py"][: 1 + bool(providers)]
    requirements = [
        Requirement(line) for line in tomllib.loads((project / "pyproject.toml").read_text())["project"]["dependencies"]
    ]
    assert [requirement.extras for requirement in requirements if requirement.name == "tortoise-orm"] == [
        DRIVER_EXTRAS[database]
    ]
    assert ("Authlib" in {requirement.name for requirement in requirements}) is bool(providers)
    [pyjwt] = [requirement for requirement in requirements if requirement.name == "PyJWT"]
    assert pyjwt.extras == (set() if jwt_algorithm == "HS256" else {"crypto"})
    assert ((project / "keys" / "jwt-private.pem").exists()) is (jwt_algorithm != "HS256")
    assert not (project / "signing_by_algorithm").exists()


def test_aerich_upgrade_builds_the_sqlite_schema_on_an_empty_file(cookies, tmp_path):
    project = bake(cookies)
    database = tmp_path / "fresh.sqlite3"

    aerich(project, f"sqlite://{database}", "upgrade")

    with sqlite3.connect(database) as connection:
        tables = {row[0] for row in connection.execute("select name from sqlite_master where type = 'table'")}
        columns = {row[1] for row in connection.execute("pragma table_info(users)")}
    assert {"users", "login_attempts", "identities", "login_states", "aerich"} <= tables
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
