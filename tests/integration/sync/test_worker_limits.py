"""A worker runs at most ``REQUESTS_PER_WORKER`` requests at once; the rest wait their turn.

A burst of laptops must not open a PostgreSQL connection per request (connections would come
and go, each a new server process) nor fail: 30 pushes arrive together at one worker whose
write transactions each last 150 ms; all succeed, and the worker never holds more
connections to the database than requests it runs at once.
"""

from __future__ import annotations

import threading
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import psycopg
from sqlalchemy.engine import make_url

from salesdesk.domain.people import Role
from salesdesk.hq import admin
from salesdesk.hq.app import REQUESTS_PER_WORKER
from salesdesk.hq.db import TEST_DELAY_ENV, migrate, open_database
from salesdesk.sync.laptop.http import HQClient
from salesdesk.sync.protocol import Op, PushRequest
from tests.hqtest.server import CHEAP_HASHER, process_server
from tests.integration.sync.conftest import fresh_pg_database

BURST = 30


def test_a_burst_waits_for_the_workers_threads_not_for_new_connections(pg_url):
    url, drop = fresh_pg_database(pg_url)
    try:
        migrate(url)
        db = open_database(url)
        try:
            admin.add_user(db, CHEAP_HASHER, "sales", "password-1", role=Role.SALES)
        finally:
            db.dispose()
        with process_server(url, workers=1, env={TEST_DELAY_ENV: "150"}) as base:
            with HQClient(base) as client:
                me = client.login("sales", "password-1")
                token = client.token

            def push(i: int) -> int:
                hlc = f"{int(datetime.now(UTC).timestamp() * 1000):013d}-00000-burst{i}"
                op = Op(op_id=1, entity="customers", row_id=uuid.uuid4(), op="insert",
                        changes={"name": f"并发{i}", "assigned_to_id": str(me.user_id)},
                        hlc=hlc)
                with HQClient(base, token=token) as laptop:
                    answer = laptop.push(PushRequest(client_id=uuid.uuid4(), ops=[op]))
                return len(answer.results)

            most = 0
            done = threading.Event()
            plain = make_url(url).set(drivername="postgresql").render_as_string(
                hide_password=False
            )

            seen: list[tuple[Any, ...]] = []  # the sessions at the busiest moment, for a failure

            def watch() -> None:
                nonlocal most
                with psycopg.connect(plain, autocommit=True) as conn:
                    while not done.is_set():
                        rows = conn.execute(
                            "SELECT pid, backend_type, state, left(query, 60)"
                            " FROM pg_stat_activity"
                            " WHERE datname = current_database() AND pid <> pg_backend_pid()"
                            # not an autovacuum worker that happens to be on the database
                            " AND backend_type = 'client backend'"
                        ).fetchall()
                        if len(rows) > most:
                            most, seen[:] = len(rows), rows
                        time.sleep(0.01)

            watcher = threading.Thread(target=watch)
            watcher.start()
            try:
                with ThreadPoolExecutor(BURST) as pool:
                    answers = list(pool.map(push, range(BURST)))
            finally:
                done.set()
                watcher.join()
        assert answers == [1] * BURST
        # The worker's writer pool, plus the reader connection the login used.
        assert 0 < most <= REQUESTS_PER_WORKER + 1, seen
    finally:
        drop()


def test_a_worker_leaves_what_it_built_at_start_up_out_of_full_collections(tmp_path):
    """Once started, a worker freezes its modules, app and models (``gc.freeze``): a full
    collection walking them paused a 1,000-edit push ~50 ms every few batches. In a fresh
    interpreter, as a worker meets it."""
    import subprocess
    import sys

    url = f"sqlite:///{tmp_path / 'hq.sqlite3'}"
    script = (
        "import gc\n"
        "from starlette.testclient import TestClient\n"
        "from salesdesk.hq.app import create_app\n"
        "from salesdesk.hq.db import migrate, open_database\n"
        f"migrate({url!r}); app = create_app(open_database({url!r}))\n"
        "before = gc.get_freeze_count()\n"
        "with TestClient(app) as client:\n"
        "    assert client.get('/healthz').status_code == 200\n"
        "    print(before, gc.get_freeze_count())\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", script], check=True, capture_output=True, text=True,
        cwd=Path(__file__).resolve().parents[3],
    ).stdout.split()
    before, after = map(int, out)
    assert before == 0 and after > 50_000, out
