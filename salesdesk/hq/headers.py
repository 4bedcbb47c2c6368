"""Security headers on every answer HQ gives, errors and unknown paths included.

A plain ASGI middleware (Starlette's ``BaseHTTPMiddleware`` costs a task and a queue per
request): it only adds headers to the response's start message.
"""

from __future__ import annotations

from starlette.types import ASGIApp, Message, Receive, Scope, Send

_ALWAYS = (
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"no-referrer"),
    (b"cache-control", b"no-store"),  # answers carry tokens and customer data
)
_API_ONLY = ((b"content-security-policy", b"default-src 'none'; frame-ancestors 'none'"),)
"""Not on the documentation pages (``serve --docs``), which load their script and styles."""
HSTS = (b"strict-transport-security", b"max-age=31536000")
"""Only on answers over TLS: a browser that saw HQ over HTTPS never tries plain HTTP again."""
_DOCS = ("/docs", "/redoc")


class SecurityHeaders:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        extra = list(_ALWAYS)
        if not str(scope.get("path", "")).startswith(_DOCS):
            extra += _API_ONLY
        if scope.get("scheme") == "https":
            extra.append(HSTS)

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = [*message.get("headers", ()), *extra]
            await send(message)

        await self.app(scope, receive, send_with_headers)
