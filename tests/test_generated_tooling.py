"""Each bake's own tooling: a GitHub workflow that the schema accepts, for the bake's database and
Pythons; a pre-commit config with ruff's hooks at the ruff the bake pins; a Makefile whose targets parse."""

import re
import tomllib
from pathlib import Path

import pytest
import yaml
from packaging.requirements import Requirement
from packaging.specifiers import SpecifierSet
from packaging.version import Version

from .conftest import PYTHON, bake, run

# The service each database's tests run against, and the scheme of the URL the tests get.
SERVICES = {"sqlite": None, "postgres": ("postgres:", "postgres"), "mysql": ("mariadb:", "mysql")}
PYTHONS = ["3.10", "3.11", "3.12", "3.13", "3.14"]
MAKE_TARGETS = ("install", "create-database", "migrate", "run", "test", "lint", "demo")


@pytest.fixture(scope="module", params=SERVICES)
def database(request) -> str:
    return request.param


@pytest.fixture(scope="module")
def project(cookies_session, database) -> Path:
    return bake(cookies_session, database=database, social_login="none")


def test_the_workflow_is_valid_and_tests_on_the_bake_s_database_and_pythons(project, database):
    # The schema ships inside check-jsonschema: this needs no network.
    run(
        PYTHON,
        "-m",
        "check_jsonschema",
        "--builtin-schema",
        "vendor.github-workflows",
        ".github/workflows/ci.yml",
        cwd=project,
    )

    workflow = yaml.safe_load((project / ".github" / "workflows" / "ci.yml").read_text())
    lint, test = workflow["jobs"]["lint"], workflow["jobs"]["test"]
    requires_python = SpecifierSet(
        tomllib.loads((project / "pyproject.toml").read_text())["project"]["requires-python"]
    )
    assert test["strategy"]["matrix"]["python-version"] == [
        python for python in PYTHONS[:-1] if python in requires_python
    ]
    assert [step.get("run") for step in lint["steps"] if "run" in step] == ["make install", "make lint"]
    assert [step.get("run") for step in test["steps"] if "run" in step] == ["make install", "make migrate", "make test"]
    if SERVICES[database] is None:
        assert "services" not in test
        assert "env" not in test
    else:
        image, scheme = SERVICES[database]
        [service] = test["services"].values()
        assert service["image"].startswith(image)
        # make migrate and make test both take the server from it, as the bake's README says.
        assert test["env"]["DATABASE_URL"].startswith(f"{scheme}://")
        assert test["env"]["DATABASE_URL"].endswith("/accounts_service")


def test_pre_commit_runs_ruff_s_hooks_at_the_ruff_the_bake_pins(project):
    run(PYTHON, "-m", "pre_commit", "validate-config", ".pre-commit-config.yaml", cwd=project)

    [repository] = yaml.safe_load((project / ".pre-commit-config.yaml").read_text())["repos"]
    assert repository["repo"] == "https://github.com/astral-sh/ruff-pre-commit"
    assert [hook["id"] for hook in repository["hooks"]] == ["ruff-check", "ruff-format"]
    test_extra = tomllib.loads((project / "pyproject.toml").read_text())["project"]["optional-dependencies"]["test"]
    [ruff] = [Requirement(line) for line in test_extra if Requirement(line).name == "ruff"]
    assert Version(repository["rev"].removeprefix("v")) in ruff.specifier


@pytest.mark.parametrize("target", MAKE_TARGETS)
def test_every_make_target_parses(project, target):
    dry_run = run("make", "-n", target, cwd=project).stdout

    assert dry_run.strip()
    if target == "migrate":
        # The core's history first, then each option's this bake has (email and mfa, not social login).
        assert re.search(
            r"accounts_service create-database\n.*aerich --app models upgrade\n.*aerich --app mail upgrade\n"
            r".*aerich --app mfa upgrade\n",
            dry_run,
        )
    if target == "demo":
        assert re.search(
            r"aerich --app mfa upgrade\n(.|\n)*create-user demo(.|\n)*(uvicorn|fake_providers\.demo)", dry_run
        )


def test_the_demo_runs_every_step_in_development(project, tmp_path):
    """Each command `make demo` runs, from the migration on, in development whatever the shell says:
    stand-ins for the virtualenv's commands note the ENVIRONMENT each one sees."""
    seen = tmp_path / "seen"
    stand_ins = tmp_path / "bin"
    stand_ins.mkdir()
    for command in ("python", "aerich", "uvicorn"):
        stand_in = stand_ins / command
        stand_in.write_text(f'#!/bin/sh\necho "{command} $ENVIRONMENT" >> {seen}\n')
        stand_in.chmod(0o755)
    (stand_ins / ".installed").touch()

    run("make", "demo", f"BIN={stand_ins}", cwd=project, env={"ENVIRONMENT": "production"})

    lines = seen.read_text().splitlines()
    assert len(lines) >= 6  # create-database, aerich upgrade (the core, email, mfa), create-user, the service
    assert {line.split()[1] for line in lines} == {"development"}
