"""How `make bench` (bench/run.py) and `make soak` (bench/soak.py) start a bake: as a deployment
would, in production, with an SMTP server to send to and every setting given explicitly. No
settings file is read (ENV_FILE is empty) and no setting comes from the caller's environment, so
neither a developer's `.env` (made for development by the bake's hook) nor a variable exported in
their shell changes what is measured.

Run from the template's folder as modules (`python -m bench.run`), so that both import this one.
"""

import asyncio
import contextlib
import os
import secrets
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import asyncpg
import httpx2
from aiosmtpd.controller import Controller
from aiosmtpd.handlers import Sink

TEMPLATE = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
PACKAGE = "accounts_service"
POSTGRES_SERVER = os.environ.get("POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/postgres")
# Outside development the links in emails must be https.
LINK_BASE = "https://accounts.example.com"
# A server under load on two shared cores can take a while to import the app and migrate.
STARTUP_SECONDS = 60
# What a server wrote before it failed, as much as explains it.
LOG_TAIL_CHARACTERS = 4000


def bake(output: Path, *answers: str) -> Path:
    """The default project with these answers, baked into `output`; the template's defaults alone,
    never the developer's cookiecutter configuration."""
    run(
        [
            PYTHON,
            "-m",
            "cookiecutter",
            "--default-config",
            "--no-input",
            f"--output-dir={output}",
            str(TEMPLATE),
            *answers,
        ]
    )
    return output / PACKAGE


@contextlib.contextmanager
def mail_server() -> Iterator[dict[str, str]]:
    """An SMTP server on loopback that takes every message, and the settings that send to it."""
    controller = Controller(Sink(), hostname="127.0.0.1", port=free_port())
    controller.start()
    try:
        yield {
            "SMTP_HOST": "127.0.0.1",
            "SMTP_PORT": str(controller.port),
            "SMTP_TLS": "none",
            "EMAIL_LINK_BASE": LINK_BASE,
        }
    finally:
        controller.stop()


def deployment(database_url: str, mail: dict[str, str], settings: dict[str, str]) -> dict[str, str]:
    """The whole environment of a bake's processes: PATH, and its settings."""
    return (
        {"PATH": os.environ.get("PATH", os.defpath)}
        | {
            "ENV_FILE": "",
            "ENVIRONMENT": "production",
            "DATABASE_URL": database_url,
            "SECRET_KEY": secrets.token_urlsafe(48),
            "AERICH_NO_TORTOISE_V1_WARNING": "1",
        }
        | mail
        | settings
    )


def migrate(project: Path, environment: dict[str, str]) -> None:
    """Each app the bake has, its own history, the core first, as the bake's make migrate does."""
    for app in ("models", "social", "mail", "mfa"):
        if (project / "migrations" / app).exists():
            run([PYTHON, "-m", "aerich", "--app", app, "upgrade"], cwd=project, env=environment)


@contextlib.contextmanager
def uvicorn(target: list[str], folder: Path, environment: dict[str, str], log: Path, workers: int = 1) -> Iterator[str]:
    """uvicorn serving `target` from `folder`, once its /health answers; its address. What it
    writes goes to `log`, as a deployment's logs go to a file or a collector, not to a terminal."""
    port = free_port()
    command = [PYTHON, "-m", "uvicorn", "--host", "127.0.0.1", "--port", str(port), "--workers", str(workers)]
    with log.open("w") as output:
        server = subprocess.Popen(
            [*command, "--no-access-log", "--log-level", "warning", *target],
            cwd=folder,
            env=environment,
            stdout=output,
            stderr=subprocess.STDOUT,
        )
    address = f"http://127.0.0.1:{port}"
    try:
        wait_until_healthy(address, server, log)
        yield address
    finally:
        server.terminate()
        server.wait(timeout=30)


def wait_until_healthy(address: str, server: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + STARTUP_SECONDS
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"the server exited with {server.returncode}:\n{tail(log)}")
        with contextlib.suppress(httpx2.TransportError):
            if httpx2.get(f"{address}/health").status_code == 200:
                return
        time.sleep(0.1)
    raise RuntimeError(f"the server did not answer /health in {STARTUP_SECONDS} s:\n{tail(log)}")


def tail(log: Path) -> str:
    return log.read_text(errors="replace")[-LOG_TAIL_CHARACTERS:]


def postgres_answers(server: str = POSTGRES_SERVER) -> bool:
    try:
        asyncio.run(execute(server, "select 1"))
    except (OSError, asyncpg.PostgresError):
        return False
    return True


@contextlib.contextmanager
def fresh_database(prefix: str, server: str = POSTGRES_SERVER) -> Iterator[str]:
    """The URL of a new, empty database on the PostgreSQL server; dropped afterwards."""
    name = f"{prefix}_{secrets.token_hex(4)}"
    asyncio.run(execute(server, f"create database {name}"))
    try:
        yield urlunsplit(urlsplit(server)._replace(path=f"/{name}"))
    finally:
        asyncio.run(execute(server, f"drop database if exists {name} with (force)"))


async def execute(server: str, statement: str) -> None:
    connection = await asyncpg.connect(server.replace("postgres://", "postgresql://", 1))
    try:
        await connection.execute(statement)
    finally:
        await connection.close()


def run(command: list[str], **options) -> str:
    """What the command printed; its own output in the error when it fails (not its arguments,
    which may hold a bearer token)."""
    completed = subprocess.run(command, capture_output=True, text=True, check=False, **options)
    if completed.returncode:
        output = completed.stdout + completed.stderr
        raise RuntimeError(f"{Path(command[0]).name} exited with {completed.returncode}:\n{output}")
    return completed.stdout


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]
