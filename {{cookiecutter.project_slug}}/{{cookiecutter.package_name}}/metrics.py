"""Prometheus metrics, with METRICS_ENABLED: requests, logins, throttling and database outages,
served on `GET /metrics` to the addresses in METRICS_ALLOWED alone.

Without METRICS_ENABLED nothing here is installed: a request pays for none of it. With several
worker processes, PROMETHEUS_MULTIPROC_DIR names a folder where each writes its counts, and the
worker that answers a scrape adds them all up (see "Metrics" in the README).
"""

import os
from pathlib import Path
from time import perf_counter

from fastapi import FastAPI
from prometheus_client import CONTENT_TYPE_LATEST, CollectorRegistry, Counter, Histogram, generate_latest
from prometheus_client.core import GaugeMetricFamily
from prometheus_client.multiprocess import MultiProcessCollector
from prometheus_client.registry import Collector
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send
from structlog.contextvars import get_contextvars

from .extensions import readings
from .settings import ConfigurationError, Settings
from .throttling import _is_trusted, client_address

MULTIPROCESS_DIR = "PROMETHEUS_MULTIPROC_DIR"
# Labels take their values from short fixed lists: a label holding whatever a client sent (a
# raw path, a made-up method) would make a new time series for each value, without bound.
METHODS = frozenset({"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"})
UNMATCHED = "unmatched"
STATUS_THROTTLED = 429
STATUS_UNAVAILABLE = 503


class Metrics:
    """The service's metrics, in a registry of their own (so that each app made in one process,
    as the tests make them, counts from zero)."""

    def __init__(self) -> None:
        self.registry = CollectorRegistry()
        self.requests = Counter(
            "http_requests",
            "Requests answered, by route template (never the raw path), method and status",
            ["route", "method", "status"],
            registry=self.registry,
        )
        self.duration = Histogram(
            "http_request_duration_seconds",
            "Time from a request's arrival to the end of its answer, by route template and method",
            ["route", "method"],
            registry=self.registry,
        )
        self.logins = Counter(
            "logins",
            "Logins by method (password, refresh, or an option's: authorization_code, provider) "
            "and outcome (success, failure, throttled, unavailable, error)",
            ["method", "outcome"],
            registry=self.registry,
        )
        self.throttled = Counter(
            "throttled_requests",
            "Requests refused with 429, by the limit that refused them",
            ["limit"],
            registry=self.registry,
        )
        self.database_unavailable = Counter(
            "database_unavailable_responses",
            "Requests answered 503 because the database could not be reached, by route template",
            ["route"],
            registry=self.registry,
        )

    def count(self, scope: Scope, status: int, seconds: float) -> None:
        route = getattr(scope.get("route"), "path", None) or UNMATCHED
        method = scope["method"] if scope["method"] in METHODS else "other"
        self.requests.labels(route, method, str(status)).inc()
        self.duration.labels(route, method).observe(seconds)
        # What the request's code bound to its log lines (see middleware.py) says what it was.
        context = get_contextvars()
        if login := context.get("login"):
            self.logins.labels(login, _outcome(status)).inc()
        if throttled_by := context.get("throttled_by"):
            self.throttled.labels(throttled_by).inc()
        if context.get("database") == "unreachable":
            self.database_unavailable.labels(route).inc()


def _outcome(status: int) -> str:
    if status < 400:
        return "success"
    if status == STATUS_THROTTLED:
        return "throttled"
    if status == STATUS_UNAVAILABLE:
        return "unavailable"
    return "failure" if status < 500 else "error"


class MeasureRequests:
    """Pure ASGI: counts and times every HTTP request once its answer is complete."""

    def __init__(self, app: ASGIApp, metrics: Metrics) -> None:
        self.app = app
        self.metrics = metrics

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = perf_counter()
        status = 500
        counted = False

        async def send_counted(message: Message) -> None:
            nonlocal status, counted
            if message["type"] == "http.response.start":
                status = message["status"]
            elif message["type"] == "http.response.body" and not message.get("more_body", False):
                # Before the answer's end leaves: a client holding its answer finds it counted.
                counted = True
                self.metrics.count(scope, status, perf_counter() - started)
            await send(message)

        try:
            await self.app(scope, receive, send_counted)
        finally:
            if not counted:  # no answer sent: an error, answered from outside, or a client gone
                self.metrics.count(scope, status, perf_counter() - started)


def add_metrics(app: FastAPI, settings: Settings) -> None:
    """Count every request, and answer `GET /metrics` (left out of the OpenAPI document)."""
    multiprocess_dir = os.environ.get(MULTIPROCESS_DIR)
    if multiprocess_dir is not None and not Path(multiprocess_dir).is_dir():
        raise ConfigurationError(f"Configuration error: {MULTIPROCESS_DIR} {multiprocess_dir} is not a folder")
    metrics = Metrics()

    @app.get("/metrics", include_in_schema=False)
    async def scrape(request: Request) -> Response:
        if not _may_scrape(request, settings):
            # As if there were no such page: nothing tells a stranger that it exists.
            return JSONResponse({"detail": "Not Found"}, status_code=404)
        registry = metrics.registry
        if multiprocess_dir is not None:
            registry = CollectorRegistry()
            MultiProcessCollector(registry, path=multiprocess_dir)
        exposition = generate_latest(registry) + generate_latest(await _read(request.app))
        return Response(exposition, media_type=CONTENT_TYPE_LATEST)

    app.add_middleware(MeasureRequests, metrics=metrics)


async def _read(app: FastAPI) -> CollectorRegistry:
    """The options' readings, taken now, in a registry of this scrape's own."""
    families = [
        GaugeMetricFamily(reading.name, reading.documentation, value=await reading.read()) for reading in readings(app)
    ]
    registry = CollectorRegistry()
    registry.register(Readings(families))
    return registry


class Readings(Collector):
    def __init__(self, families: list[GaugeMetricFamily]) -> None:
        self.families = families

    def collect(self) -> list[GaugeMetricFamily]:
        return self.families


def _may_scrape(request: Request, settings: Settings) -> bool:
    peer = request.client.host if request.client else ""
    relayed = "x-forwarded-for" in request.headers or "forwarded" in request.headers
    if relayed and not _is_trusted(peer, settings.trusted_proxies):
        # Relayed by a proxy this service does not know (perhaps one on this very host, whose
        # address is allowed): who asked cannot be told, so no one is let in.
        return False
    return _is_trusted(client_address(request, settings.trusted_proxies), settings.metrics_allowed)
