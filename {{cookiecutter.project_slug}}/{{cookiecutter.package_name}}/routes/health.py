"""Liveness and readiness, for a load balancer or an orchestrator."""

import asyncio

from fastapi import APIRouter, status
from fastapi.responses import JSONResponse
from tortoise import connections

router = APIRouter(tags=["health"])

READINESS_TIMEOUT_SECONDS = 2


@router.get("/health")
async def health() -> dict[str, str]:
    """Liveness: the process answers. It touches nothing else, so a database outage never restarts it."""
    return {"status": "ok"}


@router.get("/health/ready", responses={503: {"description": "The database does not answer"}})
async def ready() -> JSONResponse:
    """Readiness: the database answers, so requests can be served."""
    try:
        await asyncio.wait_for(connections.get("default").execute_query("SELECT 1"), READINESS_TIMEOUT_SECONDS)
    except Exception:  # whatever stops a trivial query, the service cannot serve
        return JSONResponse({"status": "unavailable", "database": "unreachable"}, status.HTTP_503_SERVICE_UNAVAILABLE)
    return JSONResponse({"status": "ready", "database": "ok"})
