"""What a test's code logged: each record as the app made it, and the lines the log handler wrote."""

import json

import httpx2
import pytest


class OwnRequests:
    """The URLs that a test's own clients ask for. httpx2 logs each request it sends, the test's
    as well as the app's (to a provider): the test's are not the app's to keep secrets out of."""

    def __init__(self, *clients: httpx2.AsyncClient) -> None:
        self.urls: list[str] = []
        for client in clients:
            client.event_hooks["request"].append(self._record)

    async def _record(self, request: httpx2.Request) -> None:
        self.urls.append(str(request.url))

    def sent(self, line: str) -> bool:
        return any(f" {url} " in line for url in self.urls)


def everything_logged(caplog: pytest.LogCaptureFixture, written: str, own: OwnRequests) -> str:
    """Every record's message and attributes (arguments, extras, exception), and every line
    written, but for the test's own requests."""
    records = [
        f"{record.getMessage()} {record.__dict__!r}"
        for record in caplog.records
        if not (record.name == "httpx2" and own.sent(record.getMessage()))
    ]
    lines = [line for line in written.splitlines() if not ('"logger": "httpx2"' in line and own.sent(line))]
    return "\n".join([*records, *lines])


def json_lines(written: str) -> list[dict]:
    """The JSON objects written, one a line; a line that is not one fails the test."""
    return [json.loads(line) for line in written.splitlines() if line.strip()]


def assert_never_logged(logged: str, secrets: dict[str, str]) -> None:
    leaked = [name for name, value in secrets.items() if value in logged]
    assert not leaked, f"these reached the logs: {', '.join(leaked)}"
