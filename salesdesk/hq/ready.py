"""``salesdesk-hq serve`` says where it listens once it really answers there.

uvicorn's own line comes before its workers accept anything (and is hidden at the default log
level), so a thread of the serving process asks HQ itself: once ``/healthz`` answers over a
real connection, the line goes to standard output.
"""

from __future__ import annotations

import http.client
import ssl
import sys
import threading
import time

POLL_S = 0.05


def address(host: str, port: int, *, tls: bool) -> str:
    shown = f"[{host}]" if ":" in host else host
    return f"{'https' if tls else 'http'}://{shown}:{port}"


def _probe_host(host: str) -> str:
    """Where to knock: the address itself, or loopback for a wildcard."""
    return {"0.0.0.0": "127.0.0.1", "::": "::1", "": "127.0.0.1"}.get(host, host)


def answers(host: str, port: int, *, tls: bool, timeout: float = 1.0) -> bool:
    """Whether HQ answers ``/healthz`` on this address now."""
    probe = _probe_host(host)
    conn: http.client.HTTPConnection
    if tls:
        context = ssl.create_default_context()
        context.check_hostname = False  # our own server, asked only whether it is up
        context.verify_mode = ssl.CERT_NONE
        conn = http.client.HTTPSConnection(probe, port, timeout=timeout, context=context)
    else:
        conn = http.client.HTTPConnection(probe, port, timeout=timeout)
    try:
        conn.request("GET", "/healthz")
        return conn.getresponse().status == 200
    except (OSError, http.client.HTTPException):
        return False
    finally:
        conn.close()


def announce_when_ready(
    host: str, port: int, *, workers: int, tls: bool, docs: bool
) -> threading.Thread | None:
    """Starts a daemon thread that prints the listening line once HQ answers (none for port
    0, whose real number only the workers know)."""
    if port == 0:
        return None
    base = address(host, port, tls=tls)
    line = (f"SalesDesk HQ listening on {base} "
            f"({workers} worker{'s' if workers != 1 else ''})")
    if docs:
        line += f"; API documentation at {base}/docs"

    def wait() -> None:
        while not answers(host, port, tls=tls):
            time.sleep(POLL_S)
        print(line, file=sys.stdout, flush=True)

    thread = threading.Thread(target=wait, name="announce-ready", daemon=True)
    thread.start()
    return thread
