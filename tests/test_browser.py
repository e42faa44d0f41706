"""The default bake's account pages in Chromium: its browser tests, run here (failing rather than
skipping under CI), and the screenshot of its account page that the README shows."""

import os
import re
import time

import pytest

from .conftest import PYTHON, TEMPLATE, bake, run

SCREENSHOT = TEMPLATE / "tests" / "screenshots" / "account-page.png"


def test_the_default_bakes_account_pages_work_in_chromium(cookies):
    project = bake(cookies)
    SCREENSHOT.parent.mkdir(exist_ok=True)
    started = time.time()

    # CI passes through: the bake's browser tests fail there when Chromium or Playwright is missing.
    tests = run(
        PYTHON,
        "-m",
        "pytest",
        "-q",
        "-rs",
        "-m",
        "browser",
        cwd=project,
        env={"ACCOUNT_PAGE_SCREENSHOT": str(SCREENSHOT)},
        timeout=600,
    )

    if "skipped" in tests.stdout and not os.environ.get("CI"):
        reason = re.search(r"SKIPPED \[\d+\] [^:]+:\d+: (.*)", tests.stdout)
        pytest.skip(reason.group(1) if reason else tests.stdout)
    assert re.search(r"\b[1-9]\d* passed", tests.stdout), tests.stdout
    assert "skipped" not in tests.stdout
    assert SCREENSHOT.stat().st_mtime >= started
    assert SCREENSHOT.read_bytes().startswith(b"\x89PNG")
