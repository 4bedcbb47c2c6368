"""Several worker processes, each accepting on a listening socket of its own (Linux).

uvicorn's ``--workers`` shares one listening socket between its workers, and a worker's event
loop accepts every connection waiting when it wakes. When a crowd of laptops connects at once
one worker takes most of them while the other finishes early and idles: in the sync
benchmark's burst of 200 laptops the two workers spent 1.3 s against 2.1 s of CPU (1.4 s
against 3.6 s in another run), and everyone waited for the busier one.

With ``SO_REUSEPORT`` each worker listens on its own socket bound to the same port, and the
kernel hands each new connection to one of them by a hash of its addresses: an even share.
The parent keeps a bound (not listening) socket of the group, so the port is held from the
start; a port already taken, another HQ's included, fails at once. uvicorn's supervisor is
used as it is (worker restarts, health checks, signals); only what the workers receive as
their socket differs.

A connection still waiting in a worker's queue when that worker exits is refused rather than
taken by another worker; with ``SO_REUSEPORT`` that is the price of the even share.

The parent's socket holds the port against other programs but not against a second HQ started
within the first one's start-up (before its workers listen, a bind with ``SO_REUSEADDR`` still
succeeds). :func:`hold_port` closes that window: every HQ on Linux first takes a lock named
after its port, which the kernel drops when the process ends however it ends.
"""

from __future__ import annotations

import errno
import socket
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

LINUX = sys.platform.startswith("linux")
"""Where the kernel balances ``SO_REUSEPORT`` listeners (BSD and macOS let one take all)."""


def own_socket(family: int, host: str, port: int, *, group: bool = True) -> socket.socket:
    """A socket bound to ``(host, port)``, in the port's ``SO_REUSEPORT`` group if ``group``
    (not listening yet: uvicorn's server listens on it)."""
    sock = socket.socket(family, socket.SOCK_STREAM)
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        if group:
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
        sock.bind((host, port))
    except BaseException:
        sock.close()
        raise
    return sock


def _check_free(family: int, host: str, port: int) -> None:
    """Raises ``OSError`` if anything listens on the port, another HQ with several workers
    too: its sockets would let ours join their group, and the two servers would silently
    share the laptops' connections. A bind outside the group is refused by any listener."""
    if port != 0:
        own_socket(family, host, port, group=False).close()


@contextmanager
def hold_port(port: int) -> Iterator[None]:
    """Holds the port's HQ lock (Linux): a socket bound to an abstract Unix address named
    after the port. A second HQ on the port, started at any moment of the first one's life,
    gets ``OSError`` (address in use) here, before it binds anything. Port 0 (a port the
    kernel picks, never shared) and other systems take no lock."""
    if not LINUX or port == 0:
        yield
        return
    lock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        lock.bind(f"\0salesdesk-hq-port-{port}")
    except OSError as exc:
        lock.close()
        if exc.errno != errno.EADDRINUSE:
            raise
        raise OSError(
            errno.EADDRINUSE,
            f"port {port}: another SalesDesk HQ serves it or is starting on it "
            "(address already in use)",
        ) from None
    with lock:
        yield


class WorkerSocket:
    """Stands for the listening socket in what uvicorn hands each worker process: unpickled
    in the worker (every worker is started with ``spawn``), it is a new socket of the port's
    group, bound there by that worker."""

    def __init__(self, family: int, host: str, port: int) -> None:
        self.args = (family, host, port)

    def __reduce__(self) -> tuple[Any, tuple[int, str, int]]:
        return own_socket, self.args


def serve(config: Any) -> None:
    """Runs ``config`` (a ``uvicorn.Config`` with ``workers`` above 1) under uvicorn's
    supervisor, each worker on its own socket."""
    import logging

    from uvicorn.supervisors import Multiprocess

    family = socket.AF_INET6 if ":" in config.host else socket.AF_INET
    try:
        _check_free(family, config.host, config.port)
        held = own_socket(family, config.host, config.port)
    except OSError as exc:
        logging.getLogger("uvicorn.error").error(exc)
        raise SystemExit(1) from None
    with held:
        port = held.getsockname()[1]
        scheme = "https" if config.is_ssl else "http"
        logging.getLogger("uvicorn.error").info(
            "Uvicorn running on %s://%s:%d, %d workers each on its own socket (SO_REUSEPORT)",
            scheme, config.host, port, config.workers,
        )
        sockets: Any = [WorkerSocket(family, config.host, port)]
        Multiprocess(config, sockets=sockets).run()
