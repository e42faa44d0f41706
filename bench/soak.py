"""Soak: bake the default project for PostgreSQL, serve it with several uvicorn workers, and drive
it with many clients at once for a fixed time: sign-ups, password logins, refreshes (some racing
on one token), guarded reads, an admin changing scopes, logout everywhere. Then check what the
service and its database say against what the clients did.

`make soak` runs it for SOAK_SECONDS (60) and prints the figures; tests/test_soak.py runs a
shorter one and asserts that `problems()` finds none. Every client owns one user and acts on it
one request at a time (but for its races), so each answer is predictable: an answer no rule
explains is a problem, and so is any 5xx.
"""

import asyncio
import contextlib
import hashlib
import os
import random
import secrets
import shutil
import statistics
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import asyncpg
import httpx2
from prometheus_client.parser import text_string_to_metric_families

from bench.deployment import PACKAGE, PYTHON, bake, deployment, fresh_database, mail_server, migrate, run, uvicorn

WORKERS = 3
CLIENTS = 16
# Requests presenting one refresh token at once, of which exactly one may win.
RACERS = 3
PASSWORD = "correct horse battery staple"
ADMIN = "soakadmin"
# /health is asked this often, on a connection of its own, all through the load.
HEALTH_EVERY_SECONDS = 0.05
# A soak, not a benchmark: two busy cores shared with the load's own clients.
HEALTH_P99_BOUND_SECONDS = 1.0
# What each client does next, by weight.
ACTIONS = {"read": 50, "refresh": 15, "race": 5, "login": 8, "logout_all": 4, "signup": 4}
# The route template each kind of request asks for (as the service's metrics label it).
ROUTES = {
    "signup": ("POST", "/auth/register"),
    "login": ("POST", "/auth/token"),
    "refresh": ("POST", "/auth/token"),
    "race": ("POST", "/auth/token"),
    "read": ("GET", "/users/me"),
    "logout_all": ("POST", "/auth/logout-all"),
    "admin_change": ("PATCH", "/users/{user_id}"),
}


@dataclass
class Result:
    """What the load did. `actions` counts every action that took effect, by kind: a sign-up, a
    login, a refresh, a race's one winning refresh and its refused reuses, a logout everywhere, an
    admin's grant or withdrawal (the audit trail should hold one event for each)."""

    seconds: float
    actions: Counter = field(default_factory=Counter)
    latencies: dict[str, list[float]] = field(default_factory=dict)
    # (method, route template, status) of every answer, to hold against the service's metrics.
    answered: Counter = field(default_factory=Counter)
    unexpected: list[str] = field(default_factory=list)
    # Per race: how many of its requests won, and whether an admin's change could explain none.
    races: list[tuple[int, bool]] = field(default_factory=list)
    health: list[float] = field(default_factory=list)
    # The users the clients drive, by id.
    people: list[int] = field(default_factory=list)
    # Per user id: logouts everywhere and scope withdrawals that took effect.
    version_bumps: Counter = field(default_factory=Counter)
    # Per user id: an admin's scope withdrawals (each ends the user's tokens), sent and answered.
    withdrawals_sent: Counter = field(default_factory=Counter)
    withdrawals_done: Counter = field(default_factory=Counter)
    # The refresh tokens the clients hold: their user, the withdrawals sent and answered when
    # the token was asked for, and those sent when it arrived.
    held: dict[str, tuple[int, int, int, int]] = field(default_factory=dict)

    @property
    def requests(self) -> int:
        return sum(self.answered.values())


@dataclass
class Service:
    address: str
    database_url: str
    metrics_dir: Path


class Load:
    """The clients of one run, sharing what an admin has started to change."""

    def __init__(self, service: Service, seconds: float, clients: int) -> None:
        self.service = service
        self.clients = clients
        self.result = Result(seconds)
        self.deadline = 0.0

    async def run(self) -> Result:
        self.deadline = time.monotonic() + self.result.seconds
        limits = httpx2.Limits(max_connections=self.clients * RACERS + 8)
        async with httpx2.AsyncClient(base_url=self.service.address, limits=limits, timeout=30) as http:
            self.http = http
            await asyncio.gather(
                *(self.person(number) for number in range(self.clients)), self.admin(), self.sample_health()
            )
        return self.result

    async def call(self, kind: str, expected: set[int] | Callable[[], set[int]], **request) -> httpx2.Response | None:
        """Send a request of `kind`; an answer not in `expected` (worked out once it is back, when
        a callable, since an admin may change things meanwhile) is a problem."""
        method, route = ROUTES[kind]
        path = request.pop("path", route)
        started = time.perf_counter()
        try:
            answer = await self.http.request(method, path, **request)
        except httpx2.HTTPError as error:
            self.result.unexpected.append(f"{kind}: {type(error).__name__} {error}")
            return None
        self.result.latencies.setdefault(kind, []).append(time.perf_counter() - started)
        self.result.answered[method, route, answer.status_code] += 1
        if answer.status_code not in (expected() if callable(expected) else expected):
            self.result.unexpected.append(f"{kind}: {answer.status_code} {answer.text[:200]}")
        return answer

    async def sign_up(self, username: str) -> int | None:
        answer = await self.call("signup", {201}, json={"username": username, "password": PASSWORD})
        if answer is None or answer.status_code != 201:
            return None
        self.result.actions["signup"] += 1
        return answer.json()["id"]

    async def person(self, number: int) -> None:
        username = f"soak{number}_{secrets.token_hex(3)}"
        user_id = await self.sign_up(username)
        if user_id is None:
            return
        self.result.people.append(user_id)
        tokens = None
        choices, weights = list(ACTIONS), list(ACTIONS.values())
        while time.monotonic() < self.deadline:
            if tokens is None:
                tokens = await self.log_in(user_id, username)
                continue
            action = random.choices(choices, weights)[0]  # noqa: S311
            if action == "signup":
                await self.sign_up(f"extra{number}_{secrets.token_hex(4)}")
            elif action == "login":
                # A new session: the last one stays live, held, unused.
                tokens = await self.log_in(user_id, username)
            elif action == "read":
                answer = await self.call("read", self.expected(200, 401, user_id, tokens), headers=bearer(tokens))
                tokens = tokens if answer is not None and answer.status_code == 200 else self.forget(tokens)
            elif action == "refresh":
                tokens = await self.refresh(user_id, tokens)
            elif action == "race":
                tokens = await self.race(user_id, tokens)
            else:
                tokens = await self.log_out_everywhere(user_id, tokens)

    def expected(self, good: int, explained: int, user_id: int, tokens: dict) -> Callable[[], set[int]]:
        """`good`, or `explained` too when an admin's withdrawal may have ended these tokens:
        one sent after, or unanswered when, they were asked for."""
        return lambda: {good, explained} if self.ended(user_id, tokens["asked"]) else {good}

    def ended(self, user_id: int, asked: tuple[int, int]) -> bool:
        return self.result.withdrawals_sent[user_id] > asked[1]

    def asked(self, user_id: int) -> tuple[int, int]:
        return self.result.withdrawals_sent[user_id], self.result.withdrawals_done[user_id]

    def forget(self, tokens: dict) -> None:
        self.result.held.pop(tokens["refresh_token"], None)

    def keep(self, user_id: int, body: dict, asked: tuple[int, int]) -> dict:
        tokens = {"access_token": body["access_token"], "refresh_token": body["refresh_token"], "asked": asked}
        self.result.held[body["refresh_token"]] = (user_id, *asked, self.result.withdrawals_sent[user_id])
        return tokens

    async def log_in(self, user_id: int, username: str) -> dict | None:
        asked = self.asked(user_id)
        form = {"grant_type": "password", "username": username, "password": PASSWORD}
        answer = await self.call("login", {200}, data=form)
        if answer is None or answer.status_code != 200:
            return None
        self.result.actions["login"] += 1
        return self.keep(user_id, answer.json(), asked)

    async def refresh(self, user_id: int, tokens: dict) -> dict | None:
        form = {"grant_type": "refresh_token", "refresh_token": tokens["refresh_token"]}
        answer = await self.call("refresh", self.expected(200, 400, user_id, tokens), data=form)
        self.forget(tokens)
        if answer is None or answer.status_code != 200:
            return None
        self.result.actions["refresh"] += 1
        # Its session's: a withdrawal that ends the login it was asked for ends every refresh of it.
        return self.keep(user_id, answer.json(), tokens["asked"])

    async def race(self, user_id: int, tokens: dict) -> None:
        """RACERS refreshes with one token at once: one wins, the others are reuses, which revoke
        the whole session, the winner's new token included."""
        form = {"grant_type": "refresh_token", "refresh_token": tokens["refresh_token"]}
        answers = await asyncio.gather(*(self.call("race", {200, 400}, data=form) for _ in range(RACERS)))
        self.forget(tokens)
        winners = sum(answer is not None and answer.status_code == 200 for answer in answers)
        self.result.races.append((winners, self.ended(user_id, tokens["asked"])))
        self.result.actions["refresh"] += winners
        self.result.actions["refresh_reuse"] += sum(
            answer is not None and answer.status_code == 400 for answer in answers
        )

    async def log_out_everywhere(self, user_id: int, tokens: dict) -> None:
        answer = await self.call("logout_all", self.expected(204, 401, user_id, tokens), headers=bearer(tokens))
        if answer is not None and answer.status_code == 204:
            self.result.actions["logout_all"] += 1
            self.result.version_bumps[user_id] += 1
            # Every session of the user ends, not only this one.
            self.result.held = {token: held for token, held in self.result.held.items() if held[0] != user_id}
        self.forget(tokens)

    async def admin(self) -> None:
        """One admin, made with the bake's command line, granting and withdrawing users:read in turn."""
        form = {"grant_type": "password", "username": ADMIN, "password": PASSWORD}
        answer = await self.call("login", {200}, data=form)
        if answer is None or answer.status_code != 200:
            return
        self.result.actions["login"] += 1
        headers = bearer(answer.json())
        readers: set[int] = set()
        while time.monotonic() < self.deadline:
            if not self.result.people:
                await asyncio.sleep(0.05)
                continue
            user_id = random.choice(self.result.people)  # noqa: S311
            withdraw = user_id in readers
            if withdraw:
                self.result.withdrawals_sent[user_id] += 1
            scopes = ["me"] if withdraw else ["me", "users:read"]
            path = f"/users/{user_id}"
            answer = await self.call("admin_change", {200}, path=path, json={"scopes": scopes}, headers=headers)
            if answer is not None and answer.status_code == 200:
                self.result.actions["admin_change"] += 1
                readers.symmetric_difference_update({user_id})
                if withdraw:
                    self.result.version_bumps[user_id] += 1
                    self.result.withdrawals_done[user_id] += 1
            await asyncio.sleep(0.02)

    async def sample_health(self) -> None:
        async with httpx2.AsyncClient(base_url=self.service.address, timeout=30) as http:
            while time.monotonic() < self.deadline:
                started = time.perf_counter()
                answer = await http.get("/health")
                self.result.health.append(time.perf_counter() - started)
                if answer.status_code != 200:
                    self.result.unexpected.append(f"health: {answer.status_code}")
                await asyncio.sleep(HEALTH_EVERY_SECONDS)


def bearer(tokens: dict) -> dict[str, str]:
    return {"Authorization": f"Bearer {tokens['access_token']}"}


# Each audit event kind, and the client action that records it once each time it takes effect.
AUDITED = {"login_succeeded": "login", "logged_out_everywhere": "logout_all", "user_changed_by_admin": "admin_change"}


async def problems(service: Service, result: Result) -> list[str]:
    """Everything the run got wrong: answers, races, the users' token versions and sessions as
    the database holds them, /health latency, and the service's own request counts."""
    found = [f"unexpected answer: {line}" for line in result.unexpected[:20]]
    found += [f"{count} answers {status}" for (_, _, status), count in result.answered.items() if status >= 500]
    found += [f"a race had {winners} winners" for winners, explained in result.races if winners != 1 and not explained]
    if not result.races or not result.actions["admin_change"] or not result.actions["logout_all"]:
        found.append(f"the load left some kind out: {dict(result.actions)}")
    p99 = percentile(result.health, 99)
    if p99 > HEALTH_P99_BOUND_SECONDS:
        found.append(f"/health p99 {p99:.3f} s over the bound of {HEALTH_P99_BOUND_SECONDS} s")
    connection = await asyncpg.connect(service.database_url.replace("postgres://", "postgresql://", 1))
    try:
        versions = dict(await connection.fetch("select id, token_version from users"))
        events = Counter(dict(await connection.fetch("select kind, count(*) from security_events group by kind")))
        live = await connection.fetch(
            """select t.user_id, t.family, t.token_hash, t.token_version from refresh_tokens t
            where t.used_at is null and t.revoked_at is null and t.expires_at > now()
            and not exists (select 1 from refresh_tokens r where r.family = t.family and r.revoked_at is not null)"""
        )
    finally:
        await connection.close()
    for user_id, bumps in versions.items():
        if bumps != result.version_bumps[user_id]:
            found.append(f"user {user_id} has token version {bumps}, after {result.version_bumps[user_id]} changes")
    # The audit trail: one event for each action that took effect, and no refusal the load never caused.
    for kind, action in AUDITED.items():
        if events[kind] != result.actions[action]:
            found.append(f"the audit trail has {events[kind]} {kind} events for {result.actions[action]} {action}s")
    if events["login_failed"]:
        found.append(f"the audit trail has {events['login_failed']} failed logins, where every password was right")
    held = {hashlib.sha256(token.encode()).hexdigest(): owner for token, owner in result.held.items()}
    live_hashes = {row["token_hash"] for row in live}
    for row in live:
        if row["token_version"] != versions[row["user_id"]]:
            found.append(f"user {row['user_id']}: session {row['family']} outlived a logout everywhere")
        elif row["user_id"] in result.people and row["token_hash"] not in held:
            found.append(f"user {row['user_id']}: session {row['family']} is live, but no client holds it")
    for token_hash, (user_id, sent, done, sent_on_arrival) in held.items():
        final = result.withdrawals_sent[user_id]
        # Asked for with no withdrawal under way, and none since: it must work.
        if sent == done == final and token_hash not in live_hashes:
            found.append(f"user {user_id}: a session its client holds is not live")
        # Ended by a withdrawal sent after it arrived: it must not.
        if final > sent_on_arrival and token_hash in live_hashes:
            found.append(f"user {user_id}: a session outlived a withdrawn scope")
    found += metrics_problems(service, result)
    return found


def metrics_problems(service: Service, result: Result) -> list[str]:
    """The workers' metrics, added up across processes, count exactly the answers the clients got."""
    scrape = httpx2.get(f"{service.address}/metrics")
    counted = {
        (sample.labels["method"], sample.labels["route"], int(sample.labels["status"])): sample.value
        for family in text_string_to_metric_families(scrape.text)
        for sample in family.samples
        if sample.name == "http_requests_total" and sample.labels["route"] != "/health"
    }
    counted = {key: value for key, value in counted.items() if key[1] != "/metrics"}
    if counted != dict(result.answered):
        return [f"the metrics count {counted}, the clients {dict(result.answered)}"]
    return []


def percentile(values: list[float], percent: int) -> float:
    return statistics.quantiles(values, n=100)[percent - 1] if len(values) > 1 else sum(values)


@contextlib.contextmanager
def served(work: Path, workers: int = WORKERS) -> Iterator[Service]:
    """The default project, baked for PostgreSQL into `work`, migrated on a fresh database, with
    an admin made by its command line, served by `workers` uvicorn processes with metrics on."""
    project = bake(work, "database=postgres")
    metrics_dir = work / "metrics"
    metrics_dir.mkdir()
    settings = {
        # The soak is about consistency under load, not bcrypt's cost (see `make bench` for that).
        "BCRYPT_ROUNDS": "4",
        "SIGNUPS_PER_ADDRESS_PER_HOUR": "1000000",
        "LOGIN_ATTEMPTS_PER_ADDRESS": "1000000",
        # Its clients log in and refresh far more often than people do.
        "LOGINS_PER_ACCOUNT_PER_HOUR": "1000000",
        "REFRESHES_PER_SESSION_PER_HOUR": "1000000",
        "METRICS_ENABLED": "true",
        "PROMETHEUS_MULTIPROC_DIR": str(metrics_dir),
        "LOG_LEVEL": "WARNING",
    }
    with fresh_database("soak") as database_url, mail_server() as mail:
        environment = deployment(database_url, mail, settings)
        migrate(project, environment)
        run(
            [PYTHON, "-m", PACKAGE, "create-user", ADMIN, "--scopes", "me,users:read,users:write", "--password-stdin"],
            cwd=project,
            env=environment,
            input=PASSWORD + "\n",
        )
        target = ["--factory", f"{PACKAGE}.main:create_app"]
        with uvicorn(target, project, environment, work / "server.log", workers) as address:
            yield Service(address, database_url, metrics_dir)


def soak(work: Path, seconds: float, clients: int = CLIENTS) -> tuple[Result, list[str]]:
    with served(work) as service:
        result = asyncio.run(Load(service, seconds, clients).run())
        return result, asyncio.run(problems(service, result))


def main() -> None:
    seconds = float(os.environ.get("SOAK_SECONDS", "60"))
    work = Path(tempfile.mkdtemp(prefix="soak-"))
    try:
        result, found = soak(work, seconds)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print(f"| Soak, {WORKERS} workers on PostgreSQL, {CLIENTS} clients, {seconds:.0f} s | Measured |")
    print("|---|---|")
    print(
        f"| Requests | {result.requests:,} ({result.requests / seconds:,.0f}/s), none 5xx: {not any(s >= 500 for *_, s in result.answered)} |"
    )
    for kind, latencies in sorted(result.latencies.items()):
        print(
            f"| {kind} p50 / p99 | {percentile(latencies, 50) * 1000:.0f} / {percentile(latencies, 99) * 1000:.0f} ms ({len(latencies):,}) |"
        )
    print(
        f"| `/health` p50 / p99 during it | {percentile(result.health, 50) * 1000:.0f} / {percentile(result.health, 99) * 1000:.0f} ms |"
    )
    print(f"| Refresh races, each with one winner | {len(result.races)} |")
    print(f"| Actions | {', '.join(f'{kind} {count:,}' for kind, count in sorted(result.actions.items()))} |")
    if found:
        sys.exit("problems:\n" + "\n".join(found))


if __name__ == "__main__":
    main()
