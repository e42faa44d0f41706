"""Helpers for baking the template and checking what comes out."""

import ast
import os
import subprocess
import sys
from pathlib import Path

import pytest

TEMPLATE = Path(__file__).resolve().parent.parent
PYTHON = sys.executable


def run(*command: str, cwd: Path, env: dict[str, str] | None = None, timeout: int = 600) -> subprocess.CompletedProcess:
    """Run a command and fail the test with its output when it fails."""
    completed = subprocess.run(  # noqa: S603
        command,
        cwd=cwd,
        env=os.environ | (env or {}),
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    if completed.returncode != 0:
        pytest.fail(f"{' '.join(command)} exited {completed.returncode}\n{completed.stdout}\n{completed.stderr}")
    return completed


def bake(cookies, **context) -> Path:
    result = cookies.bake(extra_context=context)
    assert result.exception is None, result.exception
    assert result.exit_code == 0
    return result.project_path


def registered_scopes(project: Path, package: str = "accounts_service") -> dict[str, str]:
    """The SCOPES literal of a baked project's scopes.py, in its order."""
    tree = ast.parse((project / package / "scopes.py").read_text())
    for node in tree.body:
        if isinstance(node, ast.AnnAssign) and getattr(node.target, "id", None) == "SCOPES":
            return ast.literal_eval(node.value)
    raise AssertionError("scopes.py has no SCOPES")


def text_files(project: Path):
    for path in sorted(project.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts:
            yield path
