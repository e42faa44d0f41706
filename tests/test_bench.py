"""`make bench` (bench/run.py) in its smoke mode: every figure once, for a second, on SQLite and
PostgreSQL. It checks that the benchmark runs to the end and prints every figure of
docs/benchmarks.md's table; never how fast anything is, which only the full run on a quiet
machine can say."""

import os
import re
import shutil

from .conftest import TEMPLATE, run, unavailable
from .test_server_databases import server_url

# bench/.venv, which `make test` builds: the fastapi-users peer stays out of the tests' .venv.
BENCH_PYTHON = TEMPLATE / "bench" / ".venv" / "bin" / "python"
FIGURES = [
    "`GET /users/me` vs `GET /health`, SQLite",
    "A plain guarded route vs `GET /health`, SQLite",
    "`GET /health` with its middleware (request ids, access lines, metrics) vs without, SQLite",
    "`GET /users/me`, ours vs fastapi-users (SQLite)",
    "`GET /users/me` vs `GET /health`, fastapi-users quick-start (SQLite)",
    "`GET /health` p50 during a login storm vs idle",
    "`GET /health` p99 during a login storm vs idle",
    "Logins/s at 12 rounds vs the cores' bound",
    "`GET /users/me` vs `GET /health`, PostgreSQL",
    "A plain guarded route vs `GET /health`, PostgreSQL",
]
NUMBER = r"[\d,]+(?:\.\d+)?"


def test_the_benchmark_prints_every_figure(tmp_path):
    postgres = server_url("postgres")
    if not BENCH_PYTHON.exists():
        unavailable(f"no {BENCH_PYTHON}: make bench/.venv/bin/.installed")
    # As root the benchmark installs wrk itself.
    if not (shutil.which("wrk") or os.geteuid() == 0):
        unavailable("no wrk: install it with 'sudo apt-get install wrk'")

    table = run(
        str(BENCH_PYTHON),
        "-m",
        "bench.run",
        cwd=TEMPLATE,
        env={"BENCH_SMOKE": "1", "BENCH_WORK": str(tmp_path), "POSTGRES_URL": postgres},
        timeout=600,
    ).stdout

    for figure in FIGURES:
        row = rf"^\| {re.escape(figure)} \| {NUMBER} vs {NUMBER}( [a-z/]+)? \| {NUMBER}%? \|$"
        assert re.search(row, table, re.MULTILINE), f"no figure for {figure}:\n{table}"
