"""An httpx transport that loses, duplicates and replays requests the way bad networks do."""

from __future__ import annotations

from collections import deque
from enum import Enum

import httpx


class Fault(Enum):
    LOSE_REQUEST = "lose_request"  # the server never sees it
    LOSE_RESPONSE = "lose_response"  # the server commits, the answer is lost
    DUPLICATE = "duplicate"  # sent twice (a proxy retry); the second answer is used
    REPLAY_STALE = "replay_stale"  # an old push arrives again before this request
    RESTART = "restart"  # the server restarts before this request


class FaultyTransport(httpx.BaseTransport):
    """Wraps a real transport; faults are queued per request by the test."""

    def __init__(self, restart: object = None) -> None:
        self.inner = httpx.HTTPTransport(verify=False)  # plain HTTP on loopback
        self.plan: deque[Fault | None] = deque()
        self.restart = restart
        self.last_push: httpx.Request | None = None
        self.injected: list[Fault] = []

    def _send(self, request: httpx.Request) -> httpx.Response:
        response = self.inner.handle_request(request)
        response.read()
        return response

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        request.read()
        fault = self.plan.popleft() if self.plan else None
        if fault is not None:
            self.injected.append(fault)
        if fault is Fault.RESTART and callable(self.restart):
            self.restart()
        if fault is Fault.LOSE_REQUEST:
            raise httpx.ConnectError("injected: request lost", request=request)
        if fault is Fault.REPLAY_STALE and self.last_push is not None:
            self._send(self.last_push).close()
        if fault is Fault.LOSE_RESPONSE:
            self._send(request).close()
            raise httpx.ReadError("injected: response lost", request=request)
        if fault is Fault.DUPLICATE:
            self._send(request).close()
        response = self._send(request)
        if request.url.path.endswith("/push"):
            self.last_push = request
        return response

    def close(self) -> None:
        self.inner.close()
