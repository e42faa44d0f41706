"""The fakes served over HTTP on loopback: on free ports for tests, on fixed ones for `make demo`."""

import socket
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from typing import NamedTuple

import uvicorn
from starlette.types import ASGIApp

from . import {{ {"google_and_github": "github, google", "google": "google", "github": "github", "none": ""}[cookiecutter.social_login] }}
from .provider import FakeProvider

STARTUP_SECONDS = 10


class Fake(NamedTuple):
    provider: FakeProvider
    app: ASGIApp
    # The environment that points the service at the fake served at a URL.
    settings: Callable[[str], dict[str, str]]


FAKES = {
{%- if "google" in cookiecutter.social_login %}
    "google": Fake(google.google, google.app, google.settings),
{%- endif %}
{%- if "github" in cookiecutter.social_login %}
    "github": Fake(github.github, github.app, github.settings),
{%- endif %}
}


@contextmanager
def serving(app: ASGIApp, port: int = 0) -> Iterator[str]:
    """Run an ASGI app with uvicorn in a thread on 127.0.0.1:`port` (0: a free one); give its URL."""
    sock = socket.socket()
    try:
        sock.bind(("127.0.0.1", port))
    except OSError as error:
        sock.close()
        raise RuntimeError(f"cannot serve on 127.0.0.1:{port}: {error.strerror}") from None
    # A request still in flight at the end (a test's slow provider) is cut short rather than waited for.
    config = uvicorn.Config(app, log_level="warning", lifespan="off", ws="none", timeout_graceful_shutdown=1)
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + STARTUP_SECONDS
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            raise RuntimeError("the fake provider did not start")
        time.sleep(0.01)
    host, bound_port = sock.getsockname()
    try:
        yield f"http://{host}:{bound_port}"
    finally:
        server.should_exit = True
        thread.join()
        sock.close()


@contextmanager
def serving_fakes(ports: dict[str, int] | None = None) -> Iterator[dict[str, str]]:
    """Serve every fake this project has, each on the port `ports` names for it (else a free one);
    give the environment that points the service at them (ENVIRONMENT=development included, since
    the service refuses them otherwise)."""
    environment = {"ENVIRONMENT": "development"}
    with ExitStack() as stack:
        for name, fake in FAKES.items():
            fake.provider.url = stack.enter_context(serving(fake.app, (ports or {}).get(name, 0)))
            environment |= fake.settings(fake.provider.url)
        yield environment
