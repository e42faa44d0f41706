"""One logging set-up for the app, uvicorn and the command line.

Everything logs through the standard library's `logging` (`logging.getLogger(__name__)`);
structlog renders every record, whoever wrote it, as one JSON object per line, or as a
readable line with ENVIRONMENT=development, with the request id and the user of the
request being served (see middleware.py).
"""

import logging
import sys

import structlog

from .settings import StorageSettings

# Fields that the access line passes with `extra=`; nothing else a record carries is rendered.
FIELDS = ("method", "path", "route", "status", "duration_ms", "client")
# uvicorn's loggers, handed over to the root logger so that they are rendered like the app's.
UVICORN_LOGGERS = ("uvicorn", "uvicorn.error", "uvicorn.access", "uvicorn.asgi")
# Their DEBUG lines carry secrets: every query's parameters (password hashes, login states){% if cookiecutter.social_login != "none" %},
# the raw headers of every HTTP exchange with a provider, and Authlib's PKCE verifiers{% else %}
# and the raw headers of every HTTP exchange{% endif %}. They stop at INFO.
LEAKY_LOGGERS = ("tortoise.db_client", "aiosqlite", "httpcore2"{% if cookiecutter.social_login != "none" %}, "authlib"{% endif %})

SHARED_PROCESSORS = [
    structlog.contextvars.merge_contextvars,
    structlog.stdlib.add_log_level,
    structlog.stdlib.add_logger_name,
    structlog.stdlib.ExtraAdder(FIELDS),
    structlog.processors.TimeStamper(fmt="iso", utc=True, key="time"),
]
JSON_PROCESSORS = [
    structlog.stdlib.ProcessorFormatter.remove_processors_meta,
    structlog.processors.format_exc_info,
    structlog.processors.EventRenamer("message"),
    structlog.processors.JSONRenderer(),
]
# A plain traceback: a fancy one would print each frame's local variables, passwords among them.
READABLE_PROCESSORS = [
    structlog.stdlib.ProcessorFormatter.remove_processors_meta,
    structlog.dev.ConsoleRenderer(
        colors=False, exception_formatter=structlog.dev.plain_traceback, timestamp_key="time"
    ),
]


class StderrHandler(logging.StreamHandler):
    """Writes to whatever `sys.stderr` is at each line (test runners swap it), like logging's last resort."""

    def __init__(self) -> None:
        logging.Handler.__init__(self)

    @property
    def stream(self):
        return sys.stderr


def configure_logging(settings: StorageSettings) -> None:
    """Route every logger to one handler on the root logger; calling it again replaces that handler."""
    processors = READABLE_PROCESSORS if settings.environment == "development" else JSON_PROCESSORS
    handler = StderrHandler()
    handler.setFormatter(
        structlog.stdlib.ProcessorFormatter(processors=processors, foreign_pre_chain=SHARED_PROCESSORS)
    )
    root = logging.getLogger()
    for previous in [handler for handler in root.handlers if isinstance(handler, StderrHandler)]:
        root.removeHandler(previous)
    root.addHandler(handler)
    root.setLevel(settings.log_level)
    for name in UVICORN_LOGGERS:
        logging.getLogger(name).handlers.clear()
        logging.getLogger(name).propagate = True
    # middleware.py writes the access lines: with the route and the duration, and without
    # the query string, which can hold secrets (an OAuth 2 callback's ?code=...&state=...).
    logging.getLogger("uvicorn.access").disabled = True
    for name in LEAKY_LOGGERS:
        logging.getLogger(name).setLevel(max(logging.INFO, root.level))
