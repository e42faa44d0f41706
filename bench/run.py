"""Bake the default project, serve it, load it with wrk from another process, and print one table.

Run by `make bench` (`python -m bench.run`, from the template's folder) with bench/.venv's
Python. Every figure is the median of RUNS runs, and every comparison is a ratio of two figures
measured in the same run, one right after the other, because the machine is shared and noisy.
The bake is started as a deployment would start it (bench/deployment.py). The table's rows are
those of docs/benchmarks.md, ready to paste.

BENCH_SMOKE=1 is the smoke mode that tests/test_bench.py runs: every figure once, for a second,
and the bake's own tests not timed. Its figures say that the benchmark works, not how fast anything is.
"""

import contextlib
import datetime
import os
import platform
import re
import secrets
import shutil
import statistics
import subprocess
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import TypeVar

import httpx2
from passlib.context import CryptContext

from bench.deployment import (
    PYTHON,
    TEMPLATE,
    bake,
    deployment,
    fresh_database,
    mail_server,
    migrate,
    postgres_answers,
    run,
    uvicorn,
)

SMOKE = os.environ.get("BENCH_SMOKE") == "1"
RUNS = 1 if SMOKE else int(os.environ.get("BENCH_RUNS", "5"))
SECONDS = 1 if SMOKE else int(os.environ.get("BENCH_SECONDS", "4"))
# A login waits its turn for a bcrypt thread for seconds: a short run would count mostly
# the logins still unfinished when it stops.
LOGIN_SECONDS = SECONDS if SMOKE else 15
WORK = Path(os.environ.get("BENCH_WORK", TEMPLATE / "bench" / "work"))
BENCH = TEMPLATE / "bench"
CONNECTIONS = 8
STORM_CLIENTS = 16
ROUNDS = 12
PASSWORD = "correct horse battery staple"
# One user per storm client: the per-account login limit counts attempts still being checked.
USERS = [f"bench{number}" for number in range(STORM_CLIENTS)]
# Sign-ups and logins wait their turn for bcrypt behind one another on a busy machine.
CLIENT_TIMEOUT_SECONDS = 60
# The baked app plus a plain guarded route at GUARDED_PATH (guarded_app.py), and the same without
# its middleware.
GUARDED_APP = ["--app-dir", str(BENCH), "--factory", "guarded_app:create_app"]
BARE_APP = ["--app-dir", str(BENCH), "--factory", "guarded_app:create_bare_app"]
GUARDED_PATH = "/bench/guarded"
T = TypeVar("T")
SETTINGS = {
    "BCRYPT_ROUNDS": str(ROUNDS),
    # A deployment's access lines, written to the server's log file.
    "LOG_LEVEL": "INFO",
    "METRICS_ENABLED": "false",
    # The throttle still counts every login; only its limits are out of the way, since a storm
    # cut short at the end of a run leaves its unfinished logins counted as failures.
    "LOGIN_ATTEMPTS_PER_ADDRESS": "1000000",
    "LOGIN_ATTEMPTS_PER_ACCOUNT": "1000000",
    "SIGNUPS_PER_ADDRESS_PER_HOUR": "1000000",
    # Each storm client logs its one user in again and again, far past any person's logins.
    "LOGINS_PER_ACCOUNT_PER_HOUR": "1000000",
}


def main() -> None:
    ensure_wrk()
    shutil.rmtree(WORK, ignore_errors=True)
    WORK.mkdir(parents=True)
    rows = [
        ("Machine", f"{os.cpu_count()} cores, {cpu_model()}, Python {platform.python_version()}", ""),
        ("Date", f"{datetime.date.today()}", ""),
        ("Load average at the start (1 / 5 / 15 min)", " / ".join(f"{load:.2f}" for load in os.getloadavg()), ""),
    ]
    project, bake_seconds = timed(bake, WORK)
    timings = [("Bake the default project", bake_seconds)]
    if not SMOKE:
        timings.append(("Run one bake's tests", tests_seconds(project)))
    with mail_server() as mail:
        sqlite_rows(rows, project, mail)
        postgres_rows(rows, mail)
    rows += [(label, f"{seconds:.1f} s", "") for label, seconds in timings]
    print_table(rows)


def sqlite_rows(rows: list, project: Path, mail: dict[str, str]) -> None:
    environment = deployment(f"sqlite://{WORK / 'bench.sqlite3'}", mail, SETTINGS)
    with ours(project, environment, "sqlite") as server:
        guarded_rows(rows, server, "SQLite")
        middleware_row(rows, project, environment)
        peer_rows(rows, server)
        storm_rows(rows, server)


def postgres_rows(rows: list, mail: dict[str, str]) -> None:
    if not postgres_answers():
        rows.append(("`GET /users/me` vs `GET /health`, PostgreSQL", "no server answered", ""))
        return
    # The same project, generated for PostgreSQL: its migrations are in that dialect.
    project = bake(WORK / "postgres", "database=postgres")
    with (
        fresh_database("bench") as database_url,
        ours(project, deployment(database_url, mail, SETTINGS), "postgres") as server,
    ):
        guarded_rows(rows, server, "PostgreSQL")


def guarded_rows(rows: list, server: str, database: str) -> None:
    """GET /users/me, and a team's route guarded by current_user alone, each against bare /health."""
    headers = bearer(server)
    for label, path in (("`GET /users/me`", "/users/me"), ("A plain guarded route", GUARDED_PATH)):
        guarded, health = paired(f"{server}{path}", f"{server}/health", headers)
        rows.append(rate_row(f"{label} vs `GET /health`, {database}", guarded, health))


def middleware_row(rows: list, project: Path, environment: dict[str, str]) -> None:
    """/health through the middleware every request passes, against the same app without it."""
    metered = environment | {"METRICS_ENABLED": "true"}
    with (
        uvicorn(GUARDED_APP, project, metered, WORK / "middleware.log") as full,
        uvicorn(BARE_APP, project, metered, WORK / "bare.log") as bare,
    ):
        with_it, without = paired(f"{full}/health", f"{bare}/health")
    label = "`GET /health` with its middleware (request ids, access lines, metrics) vs without, SQLite"
    rows.append(rate_row(label, with_it, without))


def peer_rows(rows: list, server: str) -> None:
    """GET /users/me against the fastapi-users quick-start's; and the quick-start's own against its /health."""
    with peer() as other:
        theirs = peer_bearer(other)
        ours_me, peer_me = paired(f"{server}/users/me", f"{other}/users/me", bearer(server), theirs)
        rows.append(rate_row("`GET /users/me`, ours vs fastapi-users (SQLite)", ours_me, peer_me))
        their_me, their_health = paired(f"{other}/users/me", f"{other}/health", theirs)
        label = "`GET /users/me` vs `GET /health`, fastapi-users quick-start (SQLite)"
        rows.append(rate_row(label, their_me, their_health))


def rate_row(label: str, first: float, second: float) -> tuple[str, str, str]:
    return label, f"{first:,.0f} vs {second:,.0f} requests/s", f"{first / second:.2f}"


def storm_rows(rows: list, server: str) -> None:
    """/health latency idle and while STORM_CLIENTS log in at once; then logins alone."""
    idle, stormy = [], []
    for _ in range(RUNS):
        idle.append(wrk(f"{server}/health", connections=1))
        storm = subprocess.Popen(login_storm(server, SECONDS + 2), env=storm_environment(), stdout=subprocess.PIPE)
        time.sleep(1)
        stormy.append(wrk(f"{server}/health", connections=1))
        storm.communicate()
    for name in ("p50", "p99"):
        during = statistics.median(measured[name] for measured in stormy)
        before = statistics.median(measured[name] for measured in idle)
        rows.append(
            (
                f"`GET /health` {name} during a login storm vs idle",
                f"{during:.2f} vs {before:.2f} ms",
                f"{during / before:.1f}",
            )
        )
    logins = [run(login_storm(server, LOGIN_SECONDS), env=storm_environment()) for _ in range(RUNS)]
    throughput = statistics.median(parse_wrk(output)["rate"] for output in logins)
    bound = os.cpu_count() / password_verify_seconds()
    rows.append(
        (
            f"Logins/s at {ROUNDS} rounds vs the cores' bound",
            f"{throughput:.1f} vs {bound:.1f}",
            f"{throughput / bound:.0%}",
        )
    )


def login_storm(server: str, seconds: int) -> list[str]:
    script = str(BENCH / "login.lua")
    return ["wrk", "-t2", f"-c{STORM_CLIENTS}", f"-d{seconds}s", "-s", script, f"{server}/auth/token"]


def storm_environment() -> dict[str, str]:
    return os.environ | {"BENCH_USER": "bench", "BENCH_USERS": str(len(USERS)), "BENCH_PASSWORD": PASSWORD}


def paired(
    first_url: str, second_url: str, first_headers: list[str] = (), second_headers: list[str] | None = None
) -> tuple[float, float]:
    """Median requests/s of two URLs, measured alternately so that both see the same machine."""
    firsts, seconds = [], []
    for _ in range(RUNS):
        firsts.append(wrk(first_url, first_headers)["rate"])
        seconds.append(wrk(second_url, first_headers if second_headers is None else second_headers)["rate"])
    return statistics.median(firsts), statistics.median(seconds)


def wrk(url: str, headers: list[str] = (), connections: int = CONNECTIONS) -> dict[str, float]:
    command = ["wrk", "-t1", f"-c{connections}", f"-d{SECONDS}s", "--latency"]
    for header in headers:
        command += ["-H", header]
    return parse_wrk(run([*command, url]))


def parse_wrk(output: str) -> dict[str, float]:
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    if re.search(r"Non-2xx or 3xx responses: (\d+)", output):
        raise RuntimeError(f"wrk saw failed requests:\n{output}")
    latencies = {
        f"p{percent}": to_ms(value, unit)
        for percent, value, unit in re.findall(r"\s(50|99)%\s+([\d.]+)(us|ms|s)", output)
    }
    return {"rate": rate, **latencies}


def to_ms(value: str, unit: str) -> float:
    return float(value) * {"us": 0.001, "ms": 1, "s": 1000}[unit]


@contextlib.contextmanager
def ours(project: Path, environment: dict[str, str], name: str) -> Iterator[str]:
    """The bake, migrated and served from its folder, with USERS signed up."""
    migrate(project, environment)
    with uvicorn(GUARDED_APP, project, environment, WORK / f"{name}.log") as address:
        sign_up(address)
        yield address


def sign_up(server: str) -> None:
    """USERS, signed up as anyone would, at once."""

    def one(username: str) -> None:
        form = {"username": username, "password": PASSWORD}
        httpx2.post(f"{server}/auth/register", json=form, timeout=CLIENT_TIMEOUT_SECONDS).raise_for_status()

    with ThreadPoolExecutor(len(USERS)) as pool:
        list(pool.map(one, USERS))


@contextlib.contextmanager
def peer() -> Iterator[str]:
    environment = deployment_of_peer()
    with uvicorn(["fastapi_users_app:app"], BENCH / "peers", environment, WORK / "peer.log") as address:
        email = f"{USERS[0]}@example.com"
        answer = httpx2.post(
            f"{address}/auth/register", json={"email": email, "password": PASSWORD}, timeout=CLIENT_TIMEOUT_SECONDS
        )
        answer.raise_for_status()
        yield address


def deployment_of_peer() -> dict[str, str]:
    """The quick-start's two settings, and nothing else of the caller's environment but PATH."""
    return {
        "PATH": os.environ.get("PATH", os.defpath),
        "PEER_DATABASE_URL": f"sqlite+aiosqlite:///{WORK / 'peer.sqlite3'}",
        "SECRET_KEY": secrets.token_urlsafe(48),
    }


def bearer(server: str) -> list[str]:
    form = {"grant_type": "password", "username": USERS[0], "password": PASSWORD}
    answer = httpx2.post(f"{server}/auth/token", data=form, timeout=CLIENT_TIMEOUT_SECONDS)
    return [f"Authorization: Bearer {answer.raise_for_status().json()['access_token']}"]


def peer_bearer(server: str) -> list[str]:
    form = {"username": f"{USERS[0]}@example.com", "password": PASSWORD}
    answer = httpx2.post(f"{server}/auth/jwt/login", data=form, timeout=CLIENT_TIMEOUT_SECONDS)
    return [f"Authorization: Bearer {answer.raise_for_status().json()['access_token']}"]


def tests_seconds(project: Path) -> float:
    """The bake's own tests, on the bake as it comes: before the benchmark migrates it in its folder."""
    return timed(run, [PYTHON, "-m", "pytest", "-q", "-p", "no:cacheprovider"], cwd=project)[1]


def timed(action: Callable[..., T], *arguments, **options) -> tuple[T, float]:
    """What the action returns, and how many seconds it took."""
    started = time.perf_counter()
    result = action(*arguments, **options)
    return result, time.perf_counter() - started


def password_verify_seconds() -> float:
    """One password verify at ROUNDS, in this process, as passlib does it in the service."""
    context = CryptContext(schemes=["bcrypt_sha256"], bcrypt_sha256__rounds=ROUNDS)
    stored = context.hash(PASSWORD)
    times = []
    for _ in range(RUNS):
        started = time.perf_counter()
        context.verify(PASSWORD, stored)
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def ensure_wrk() -> None:
    """wrk from Debian's packages when it is missing, as root (CI); otherwise, how to get it."""
    if shutil.which("wrk"):
        return
    if os.geteuid() != 0 or not shutil.which("apt-get"):
        raise SystemExit("no wrk: install it (sudo apt-get install wrk) and run the benchmark again")
    apt = ["apt-get", "-q", "-o", "DPkg::Lock::Timeout=120"]
    run([*apt, "update"])
    run([*apt, "install", "-y", "wrk"], env=os.environ | {"DEBIAN_FRONTEND": "noninteractive"})


def cpu_model() -> str:
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    return platform.processor() or "unknown CPU"


def print_table(rows: list[tuple[str, str, str]]) -> None:
    print("| Figure | Measured | Ratio |")
    print("|---|---|---|")
    for row in rows:
        print("| " + " | ".join(row) + " |")


if __name__ == "__main__":
    main()
