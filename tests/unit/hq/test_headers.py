"""The security headers HQ adds to every HTTP answer (a plain ASGI middleware)."""

from __future__ import annotations

from typing import Any

import anyio
from starlette.types import Message, Receive, Scope, Send

from salesdesk.hq.headers import HSTS, SecurityHeaders


async def _answer(scope: Scope, receive: Receive, send: Send) -> None:
    await send({"type": "http.response.start", "status": 200,
                "headers": [(b"content-type", b"application/json")]})
    await send({"type": "http.response.body", "body": b"{}"})


def _sent(scope: dict[str, Any]) -> list[Message]:
    sent: list[Message] = []

    async def receive() -> Message:
        return {"type": "http.request", "body": b""}

    async def send(message: Message) -> None:
        sent.append(message)

    anyio.run(SecurityHeaders(_answer), scope, receive, send)
    return sent


def _headers(path: str, scheme: str = "http") -> dict[bytes, bytes]:
    start = _sent({"type": "http", "path": path, "scheme": scheme})[0]
    return dict(start["headers"])


def test_an_api_answer_carries_every_header_but_hsts_over_plain_http() -> None:
    headers = _headers("/api/v1/hello")
    assert headers[b"content-type"] == b"application/json"  # the app's own are kept
    assert headers[b"x-content-type-options"] == b"nosniff"
    assert headers[b"x-frame-options"] == b"DENY"
    assert headers[b"referrer-policy"] == b"no-referrer"
    assert headers[b"cache-control"] == b"no-store"
    assert headers[b"content-security-policy"].startswith(b"default-src 'none'")
    assert HSTS[0] not in headers


def test_hsts_only_over_tls() -> None:
    assert _headers("/api/v1/hello", scheme="https")[HSTS[0]] == HSTS[1]


def test_the_documentation_pages_may_load_their_scripts() -> None:
    for path in ("/docs", "/redoc"):
        headers = _headers(path)
        assert b"content-security-policy" not in headers
        assert headers[b"x-frame-options"] == b"DENY"


def test_the_body_and_other_scopes_pass_untouched() -> None:
    sent = _sent({"type": "http", "path": "/healthz", "scheme": "http"})
    assert sent[1] == {"type": "http.response.body", "body": b"{}"}
    lifespan = _sent({"type": "lifespan"})
    assert lifespan[0]["headers"] == [(b"content-type", b"application/json")]
