"""Helpers to run a real HQ server in tests: in a thread (fast) or as a uvicorn process."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

import httpx
import uvicorn
from argon2 import PasswordHasher
from argon2.profiles import CHEAPEST

from salesdesk.hq.accounts import Settings
from salesdesk.hq.app import create_app
from salesdesk.hq.db import Database, open_database

CHEAP_HASHER = PasswordHasher.from_parameters(CHEAPEST)
REPO = Path(__file__).resolve().parents[2]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class ThreadServer:
    """A real uvicorn server on loopback in a background thread; restartable, also from
    several threads at once (a laptop's pipelined pushes each meeting an injected restart:
    one restart at a time, or the second binds the port the first just took)."""

    def __init__(self, url: str, hasher: PasswordHasher = CHEAP_HASHER) -> None:
        self.url = url
        self.hasher = hasher
        self.port = free_port()
        self.blobs = Path(tempfile.mkdtemp(prefix="hq-blobs-"))  # attachments' bytes
        self.db: Database | None = None
        self._server: uvicorn.Server | None = None
        self._listener: socket.socket | None = None
        self._thread: threading.Thread | None = None
        self._lock = threading.RLock()

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> None:
        with self._lock:
            self._start()

    def _start(self) -> None:
        self.db = open_database(self.url)
        app = create_app(self.db, Settings(hasher=self.hasher), blobs=self.blobs)
        config = uvicorn.Config(app, host="127.0.0.1", port=self.port, log_level="error",
                                access_log=False, lifespan="off", timeout_graceful_shutdown=2)
        listener = self._listener = self._listen()
        self._server = server = uvicorn.Server(config)
        self._thread = threading.Thread(target=server.run, kwargs={"sockets": [listener]},
                                        daemon=True)
        self._thread.start()
        deadline = time.monotonic() + 60  # generous: a loaded CI machine starts it slowly
        while not server.started:
            if not self._thread.is_alive() or time.monotonic() > deadline:
                raise RuntimeError("HQ did not start")
            time.sleep(0.005)

    def _listen(self) -> socket.socket:
        """The listening socket on this server's port. A restart binds the port the previous
        run just closed; should anything still hold it (a socket in its last moments), it
        waits a little instead of failing the test with "address already in use"."""
        deadline = time.monotonic() + 10
        while True:
            sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            try:
                sock.bind(("127.0.0.1", self.port))
                sock.listen(2048)
                sock.set_inheritable(True)
                return sock
            except OSError:
                sock.close()
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.05)

    def stop(self) -> None:
        with self._lock:
            self._stop()

    def _stop(self) -> None:
        if self._server is not None:
            self._server.should_exit = True
            assert self._thread is not None
            self._thread.join(30)
            if self._thread.is_alive():  # a request still in flight: stop without waiting
                self._server.force_exit = True
                self._thread.join(30)
            if self._thread.is_alive():
                raise RuntimeError("HQ did not stop")
            self._server = None
        if self._listener is not None:  # ours: uvicorn does not close a socket it was given
            self._listener.close()
            self._listener = None
        if self.db is not None:
            self.db.dispose()
            self.db = None

    def swap(self, url: str) -> None:
        """Points the running server at another database (a fresh one per test example)."""
        with self._lock:
            self._swap(url)

    def _swap(self, url: str) -> None:
        old = self.db
        self.url = url
        if self._server is None:  # an example before stopped it (a failed restart): start again
            if old is not None:
                old.dispose()
            self._start()
            return
        self.db = open_database(url)
        self._server.config.app.state.db = self.db  # type: ignore[union-attr]  # our FastAPI app
        if old is not None:
            old.dispose()

    def restart(self) -> None:
        with self._lock:
            self._stop()
            self._start()


@contextmanager
def process_server(
    url: str, *, workers: int = 1, cert: Path | None = None, key: Path | None = None,
    env: dict[str, str] | None = None, args: Sequence[str] = (),
) -> Iterator[str]:
    """``python -m salesdesk.hq serve`` (with ``args``) as a subprocess; yields its base URL.

    Attachments' bytes go to a temporary directory unless ``args`` say ``--blobs``."""
    port = free_port()
    scratch = None
    if "--blobs" not in args:
        scratch = tempfile.mkdtemp(prefix="hq-blobs-")
        args = [*args, "--blobs", scratch]
    cmd = [sys.executable, "-m", "salesdesk.hq", "serve", "--db", url, "--port", str(port),
           "--workers", str(workers), *args]
    scheme = "http"
    if cert is not None and key is not None:
        cmd += ["--cert", str(cert), "--key", str(key)]
        scheme = "https"
    full_env = {**os.environ, "PYTHONPATH": str(REPO), **(env or {})}
    proc = subprocess.Popen(cmd, cwd=REPO, env=full_env, stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT)
    base = f"{scheme}://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            if proc.poll() is not None:
                out = proc.stdout.read().decode() if proc.stdout else ""
                raise RuntimeError(f"HQ exited: {out}")
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                    break
            except OSError:
                if time.monotonic() > deadline:
                    raise RuntimeError("HQ did not start") from None
                time.sleep(0.05)
        if scheme == "http":
            while True:
                try:
                    if httpx.get(base + "/healthz", timeout=1).status_code == 200:
                        break
                except httpx.TransportError:
                    pass
                if time.monotonic() > deadline:
                    raise RuntimeError("HQ did not answer")
                time.sleep(0.05)
        yield base
    finally:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        if proc.stdout:
            proc.stdout.close()
        if scratch is not None:
            shutil.rmtree(scratch, ignore_errors=True)


def copy_sqlite(src: Path, dst: Path) -> None:
    shutil.copyfile(src, dst)
