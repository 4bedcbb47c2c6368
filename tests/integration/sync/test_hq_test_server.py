"""The test HQ server itself: the stateful sync test restarts it from a laptop's pipelined
pushes, two at once; both restarts happen, one after the other, and it answers after."""

from __future__ import annotations

import threading
from pathlib import Path

import httpx

from tests.hqtest.server import ThreadServer


def test_two_threads_restarting_at_once_leave_it_serving(tmp_path: Path) -> None:
    server = ThreadServer(f"sqlite:///{tmp_path / 'hq.sqlite3'}")
    server.start()
    try:
        failures: list[BaseException] = []

        def restart() -> None:
            try:
                server.restart()
            except BaseException as exc:  # reported below, not lost in the thread
                failures.append(exc)

        threads = [threading.Thread(target=restart) for _ in range(2)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(120)
        assert failures == []
        assert httpx.get(f"{server.base_url}/healthz", timeout=10).status_code == 200
    finally:
        server.stop()
