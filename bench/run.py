"""Bake the default project, serve it, load it with wrk from another process, and print one table.

Run by `make bench` with bench/.venv's Python. Every figure is the median of RUNS runs, and
every comparison is a ratio of two figures measured in the same run, one right after the
other, because the machine is shared and noisy.
"""

import contextlib
import datetime
import os
import platform
import re
import secrets
import shutil
import socket
import statistics
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx2
from passlib.context import CryptContext

TEMPLATE = Path(__file__).resolve().parent.parent
WORK = TEMPLATE / "bench" / "work"
PYTHON = sys.executable
PACKAGE = "accounts_service"
RUNS = int(os.environ.get("BENCH_RUNS", "5"))
SECONDS = int(os.environ.get("BENCH_SECONDS", "4"))
CONNECTIONS = 8
# The route guarded_app.py adds to the baked app.
GUARDED_PATH = "/bench/guarded"
# A login waits its turn for a bcrypt thread for seconds: a short run would count mostly
# the logins still unfinished when it stops.
LOGIN_SECONDS = 15
STORM_CLIENTS = 16
ROUNDS = 12
PASSWORD = "correct horse battery staple"
# One user per storm client: the per-account login limit counts attempts still being checked.
USERS = [f"bench{number}" for number in range(STORM_CLIENTS)]
POSTGRES_SERVER = os.environ.get("POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/postgres")
# The same server settings for every target.
UVICORN = ["-m", "uvicorn", "--host", "127.0.0.1", "--workers", "1", "--no-access-log", "--log-level", "warning"]


def main() -> None:
    ensure_wrk()
    shutil.rmtree(WORK, ignore_errors=True)
    WORK.mkdir(parents=True)
    bake_seconds = timed(*bake(WORK))
    project = WORK / PACKAGE
    test_seconds = timed(PYTHON, "-m", "pytest", "-q", "-p", "no:cacheprovider", cwd=project)
    secret = secrets.token_urlsafe(48)
    rows = [
        ("Machine", f"{os.cpu_count()} cores, {cpu_model()}, Python {platform.python_version()}", ""),
        ("Date", f"{datetime.date.today()}", ""),
    ]

    with ours(project, secret, f"sqlite://{WORK / 'bench.sqlite3'}") as server:
        guarded_rows(rows, server, "SQLite")
        with peer(secret) as other:
            ours_me, peer_me = paired(f"{server}/users/me", f"{other}/users/me", bearer(server), peer_bearer(other))
        rows.append(
            (
                "`GET /users/me`, ours vs fastapi-users (SQLite)",
                f"{ours_me:,.0f} vs {peer_me:,.0f} requests/s",
                f"{ours_me / peer_me:.2f}",
            )
        )
        storm_rows(rows, server)
    postgres = fresh_postgres_database()
    if postgres:
        # The same project, generated for PostgreSQL: its migrations are in that dialect.
        try:
            subprocess.run(bake(WORK / "postgres", "database=postgres"), check=True, capture_output=True)
            with ours(WORK / "postgres" / PACKAGE, secret, postgres) as server:
                guarded_rows(rows, server, "PostgreSQL")
        finally:
            drop_postgres_database(postgres)
    else:
        rows.append(("`GET /users/me` vs `GET /health`, PostgreSQL", "no server answered", ""))
    rows.append(("Bake the default project", f"{bake_seconds:.1f} s", ""))
    rows.append(("Run one bake's tests", f"{test_seconds:.1f} s", ""))
    print_table(rows)


def guarded_rows(rows: list, server: str, database: str) -> None:
    """GET /users/me, and a team's route guarded by current_user alone, each against bare /health."""
    headers = bearer(server)
    for label, path in (("`GET /users/me`", "/users/me"), ("A plain guarded route", GUARDED_PATH)):
        guarded, health = paired(f"{server}{path}", f"{server}/health", headers)
        rows.append(
            (
                f"{label} vs `GET /health`, {database}",
                f"{guarded:,.0f} vs {health:,.0f} requests/s",
                f"{guarded / health:.2f}",
            )
        )


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
        during, before = statistics.median(run[name] for run in stormy), statistics.median(run[name] for run in idle)
        rows.append(
            (
                f"`GET /health` {name} during a login storm vs idle",
                f"{during:.2f} vs {before:.2f} ms",
                f"{during / before:.1f}",
            )
        )
    logins = [run(login_storm(server, LOGIN_SECONDS), env=storm_environment()) for _ in range(RUNS)]
    throughput = statistics.median(parse_wrk(output)["rate"] for output in logins)
    bound = os.cpu_count() / bcrypt_verify_seconds()
    rows.append(
        (
            f"Logins/s at {ROUNDS} rounds vs the cores' bound",
            f"{throughput:.1f} vs {bound:.1f}",
            f"{throughput / bound:.0%}",
        )
    )


def login_storm(server: str, seconds: int) -> list[str]:
    script = str(TEMPLATE / "bench" / "login.lua")
    return ["wrk", "-t2", f"-c{STORM_CLIENTS}", f"-d{seconds}s", "-s", script, f"{server}/auth/token"]


def storm_environment() -> dict[str, str]:
    return os.environ | {"BENCH_USER": "bench", "BENCH_USERS": str(len(USERS)), "BENCH_PASSWORD": PASSWORD}


def run(command: list[str], env: dict[str, str] | None = None) -> str:
    return subprocess.run(command, env=env, capture_output=True, text=True, check=True).stdout


def paired(
    first_url: str, second_url: str, first_headers: list[str], second_headers: list[str] | None = None
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
        sys.exit(f"wrk saw failed requests:\n{output}")
    latencies = {
        f"p{percent}": to_ms(value, unit)
        for percent, value, unit in re.findall(r"\s(50|99)%\s+([\d.]+)(us|ms|s)", output)
    }
    return {"rate": rate, **latencies}


def to_ms(value: str, unit: str) -> float:
    return float(value) * {"us": 0.001, "ms": 1, "s": 1000}[unit]


@contextlib.contextmanager
def ours(project: Path, secret: str, database_url: str) -> Iterator[str]:
    environment = os.environ | {
        "DATABASE_URL": database_url,
        "SECRET_KEY": secret,
        "BCRYPT_ROUNDS": str(ROUNDS),
        # The throttle still counts every login; only its limits are out of the way, since a
        # storm cut short at the end of a run leaves its unfinished logins counted as failures.
        "LOGIN_ATTEMPTS_PER_ADDRESS": "1000000",
        "LOGIN_ATTEMPTS_PER_ACCOUNT": "1000000",
        "AERICH_NO_TORTOISE_V1_WARNING": "1",
    }
    subprocess.run([PYTHON, "-m", "aerich", "upgrade"], cwd=project, env=environment, check=True, capture_output=True)
    for username in USERS:
        subprocess.run(
            [PYTHON, "-m", PACKAGE, "create-user", username, "--scopes", "me", "--password-stdin"],
            cwd=project,
            env=environment,
            input=PASSWORD + "\n",
            text=True,
            check=True,
            capture_output=True,
        )
    # The baked app plus a plain guarded route (guarded_app.py), served from the bake's folder.
    with served(
        ["--app-dir", str(TEMPLATE / "bench"), "--factory", "guarded_app:create_app"], project, environment
    ) as address:
        yield address


@contextlib.contextmanager
def peer(secret: str) -> Iterator[str]:
    environment = os.environ | {
        "PEER_DATABASE_URL": f"sqlite+aiosqlite:///{WORK / 'peer.sqlite3'}",
        "SECRET_KEY": secret,
    }
    with served(["fastapi_users_app:app"], TEMPLATE / "bench" / "peers", environment) as address:
        email = f"{USERS[0]}@example.com"
        httpx2.post(f"{address}/auth/register", json={"email": email, "password": PASSWORD}).raise_for_status()
        yield address


@contextlib.contextmanager
def served(target: list[str], folder: Path, environment: dict[str, str]) -> Iterator[str]:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = subprocess.Popen([PYTHON, *UVICORN, "--port", str(port), *target], cwd=folder, env=environment)
    address = f"http://127.0.0.1:{port}"
    try:
        for _ in range(300):
            with contextlib.suppress(httpx2.TransportError):
                if httpx2.get(f"{address}/health").status_code == 200:
                    break
            time.sleep(0.1)
        yield address
    finally:
        server.terminate()
        server.wait(timeout=30)


def bearer(server: str) -> list[str]:
    form = {"grant_type": "password", "username": USERS[0], "password": PASSWORD}
    return [f"Authorization: Bearer {httpx2.post(f'{server}/auth/token', data=form).json()['access_token']}"]


def peer_bearer(server: str) -> list[str]:
    form = {"username": f"{USERS[0]}@example.com", "password": PASSWORD}
    return [f"Authorization: Bearer {httpx2.post(f'{server}/auth/jwt/login', data=form).json()['access_token']}"]


def bcrypt_verify_seconds() -> float:
    """One bcrypt verify at ROUNDS, in this process, as passlib does it in the service."""
    context = CryptContext(schemes=["bcrypt"], bcrypt__rounds=ROUNDS)
    stored = context.hash(PASSWORD)
    times = []
    for _ in range(RUNS):
        started = time.perf_counter()
        context.verify(PASSWORD, stored)
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def fresh_postgres_database() -> str | None:
    name = f"bench_{secrets.token_hex(4)}"
    if subprocess.run(
        ["psql", POSTGRES_SERVER, "-qc", f"create database {name}"], capture_output=True, check=False
    ).returncode:
        return None
    return POSTGRES_SERVER.rsplit("/", 1)[0] + f"/{name}"


def drop_postgres_database(url: str) -> None:
    name = url.rsplit("/", 1)[1]
    subprocess.run(["psql", POSTGRES_SERVER, "-qc", f"drop database {name}"], capture_output=True, check=False)


def bake(output: Path, *answers: str) -> list[str]:
    return [
        PYTHON,
        "-m",
        "cookiecutter",
        "--default-config",
        "--no-input",
        f"--output-dir={output}",
        str(TEMPLATE),
        *answers,
    ]


def timed(*command: str, cwd: Path = TEMPLATE) -> float:
    started = time.perf_counter()
    subprocess.run(command, cwd=cwd, check=True, capture_output=True)
    return time.perf_counter() - started


def ensure_wrk() -> None:
    if shutil.which("wrk") is None:
        subprocess.run(["apt-get", "install", "-y", "-q", "wrk"], check=True)


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
