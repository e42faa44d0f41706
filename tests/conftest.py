"""Helpers for baking the template and checking what comes out."""

import ast
import contextlib
import os
import re
import signal
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import NoReturn

import pytest

TEMPLATE = Path(__file__).resolve().parent.parent
PYTHON = sys.executable


# The longest tests, longest first: `make test` hands tests to its two workers one at a time in
# this order (--dist load --maxschedchunk 1), so that they finish together rather than one running
# a long bake alone at the end. Each bake's own suite takes minutes; these take about one.
LONGEST_FIRST = (
    "test_bakes.py::test_bake_is_clean_lints_and_runs_as_its_readme_says",
    "test_bench.py",
    "test_browser.py",
    "test_api_contract.py",
    "test_soak.py",
)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    def rank(item: pytest.Item) -> int:
        return next((rank for rank, name in enumerate(LONGEST_FIRST) if name in item.nodeid), len(LONGEST_FIRST))

    items.sort(key=rank)


def run(*command: str, cwd: Path, env: dict[str, str] | None = None, timeout: int = 600) -> subprocess.CompletedProcess:
    """Run a command and fail the test with its output when it fails or runs out of time.

    Its output goes to files rather than pipes, and its whole process group is killed once it
    ends: a process it left behind (a server a test started) can neither hold the run open nor
    outlive it."""
    with (
        tempfile.TemporaryFile("w+", errors="replace") as stdout,
        tempfile.TemporaryFile("w+", errors="replace") as stderr,
    ):
        # Unbuffered, so that a run killed for its time loses none of what it printed.
        environment = os.environ | {"PYTHONUNBUFFERED": "1"} | (env or {})
        process = subprocess.Popen(  # noqa: S603
            command, cwd=cwd, env=environment, stdout=stdout, stderr=stderr, start_new_session=True
        )
        try:
            returncode = process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            returncode = None
        finally:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGKILL)
            process.wait()
        stdout.seek(0)
        stderr.seek(0)
        completed = subprocess.CompletedProcess(command, process.returncode, stdout.read(), stderr.read())
    if returncode is None:
        # What it printed before it was killed says where it hung (bakes' pytest dump their stacks).
        pytest.fail(f"{' '.join(command)} ran out of {timeout} s\n{completed.stdout}\n{completed.stderr}")
    if returncode != 0:
        pytest.fail(f"{' '.join(command)} exited {returncode}\n{completed.stdout}\n{completed.stderr}")
    return completed


def unavailable(message: str) -> NoReturn:
    """Skip a test that needs what this machine lacks, saying what to do; under CI, fail instead,
    so that a missing server or tool cannot pass for a green run."""
    if os.environ.get("CI"):
        pytest.fail(message)
    pytest.skip(message)


def aerich(project: Path, database_url: str, *arguments: str) -> None:
    """Run aerich in a baked project, on the database the URL names, as its README says to."""
    run(
        PYTHON,
        "-m",
        "aerich",
        *arguments,
        cwd=project,
        env={"DATABASE_URL": database_url, "AERICH_NO_TORTOISE_V1_WARNING": "1"},
    )


def upgrade_every_app(project: Path, database_url: str) -> None:
    """Upgrade each app the bake has, its own history, the core first, as the bake's make migrate does."""
    for app in ("models", "social", "mail", "mfa"):
        if (project / "migrations" / app).exists():
            aerich(project, database_url, "--app", app, "upgrade")


def bake(cookies, **context) -> Path:
    result = cookies.bake(extra_context=context)
    assert result.exception is None, result.exception
    assert result.exit_code == 0
    return result.project_path


def constant(module: Path, name: str):
    """The value of a module-level constant written as a literal, read without importing."""
    for node in ast.parse(module.read_text()).body:
        if isinstance(node, ast.AnnAssign) and getattr(node.target, "id", None) == name:
            return ast.literal_eval(node.value)
    raise AssertionError(f"{module} has no {name}")


def registered_scopes(project: Path) -> dict[str, str]:
    """The SCOPES registry of a baked project, in its order."""
    return constant(project / "accounts_service" / "scopes.py", "SCOPES")


def first_five_minutes(project: Path) -> list[str]:
    """The shell blocks of a baked README's "First five minutes": setting up and serving, then calling it."""
    section = (project / "README.md").read_text().split("\n## First five minutes\n", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"^```sh\n(.*?)^```$", section, re.MULTILINE | re.DOTALL)


def text_files(project: Path):
    for path in sorted(project.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts:
            yield path
