"""Liveness and readiness, for a load balancer or an orchestrator."""

import asyncio

from fastapi import APIRouter, status
from fastapi.responses import JSONResponse
from pydantic import BaseModel
from structlog.contextvars import bind_contextvars
from tortoise import connections

from ..openapi import without_database

router = APIRouter(tags=["health"])

READINESS_TIMEOUT_SECONDS = 2


class Readiness(BaseModel):
    status: str
    database: str


@router.get("/health")
@without_database
async def health() -> dict[str, str]:
    """Liveness: the process answers. It touches nothing else, so a database outage never restarts it."""
    return {"status": "ok"}


@router.get(
    "/health/ready",
    response_model=Readiness,
    responses={503: {"model": Readiness, "description": "The database does not answer"}},
)
@without_database  # it documents its own 503
async def ready() -> JSONResponse:
    """Readiness: the database answers, so requests can be served."""
    probe = asyncio.ensure_future(connections.get("default").execute_query("SELECT 1"))
    # Not wait_for: cancelling a query on a link that stopped answering can itself hang.
    # The probe is left to end by the driver's own timeout; its outcome is read and dropped.
    probe.add_done_callback(lambda task: task.cancelled() or task.exception())
    await asyncio.wait({probe}, timeout=READINESS_TIMEOUT_SECONDS)
    if not probe.done() or probe.cancelled() or probe.exception() is not None:
        bind_contextvars(database="unreachable")
        return JSONResponse({"status": "unavailable", "database": "unreachable"}, status.HTTP_503_SERVICE_UNAVAILABLE)
    return JSONResponse({"status": "ready", "database": "ok"})
