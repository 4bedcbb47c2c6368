"""uvicorn's HTTP protocol with TCP_NODELAY on every connection.

With ``--workers`` above 1 uvicorn binds the listening socket itself (protocol number 0), and
asyncio then skips TCP_NODELAY on accepted connections. Nagle's algorithm holds back each
response body until the client acknowledges the headers, and the client's delayed ACK makes
every request take 40 ms. Setting the option per connection restores ~2 ms requests.

The protocol is httptools' (C parser) when installed, as with ``uvicorn[standard]``; h11 (pure
Python, several times slower per request) otherwise. The classes live at module level: uvicorn
pickles the protocol class into each worker process.
"""

from __future__ import annotations

import asyncio
import contextlib
import socket
from typing import Any

from uvicorn.protocols.http.h11_impl import H11Protocol


def _no_delay(transport: asyncio.BaseTransport) -> None:
    sock = transport.get_extra_info("socket")
    if sock is not None:
        with contextlib.suppress(OSError):
            sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)


class NoDelayH11Protocol(H11Protocol):
    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        _no_delay(transport)
        super().connection_made(transport)  # type: ignore[arg-type]  # uvicorn wants a Transport


try:
    from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol
except ImportError:  # httptools not installed
    HttpToolsProtocol = None  # type: ignore[assignment, misc]
else:

    class NoDelayHttpToolsProtocol(HttpToolsProtocol):
        def connection_made(self, transport: asyncio.BaseTransport) -> None:
            _no_delay(transport)
            super().connection_made(transport)  # type: ignore[arg-type]  # a Transport


def protocol_class() -> type[Any]:
    """The fastest HTTP/1.1 protocol available, with TCP_NODELAY."""
    if HttpToolsProtocol is not None:
        return NoDelayHttpToolsProtocol
    return NoDelayH11Protocol
