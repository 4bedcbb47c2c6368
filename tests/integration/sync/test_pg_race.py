"""Concurrent pushes on PostgreSQL never make a pull skip a row.

Several processes push through a two-worker HQ while each write transaction sleeps after
taking its version (``SALESDESK_HQ_TEST_TXN_DELAY_MS``), and an HQ user pulls continuously.
The union of what the puller saw must equal the final table.

:func:`test_a_naive_sequence_cursor_misses_rows` runs the same race with the classic design
(a version from a PostgreSQL sequence, ``WHERE version > cursor``): transactions take their
numbers in one order and commit in another, so the puller moves past numbers whose rows
become visible later, and the check fails. That is the proof this test can catch the bug.
"""

from __future__ import annotations

import multiprocessing
import random
import threading
import time
import uuid
from datetime import UTC, datetime

import psycopg
import pytest
from sqlalchemy import select
from sqlalchemy.engine import make_url

from salesdesk.domain.people import Role
from salesdesk.hq import admin, schema
from salesdesk.hq.db import TEST_DELAY_ENV, migrate, open_database
from salesdesk.sync.laptop.http import HQClient
from salesdesk.sync.protocol import Cursor, Op, PullRequest, PushRequest
from tests.hqtest.server import CHEAP_HASHER, process_server
from tests.integration.sync.conftest import fresh_pg_database

PUSHERS = 4
BATCHES = 15
BATCH = 4


def _push_many(base: str, username: str, password: str, seed: int) -> list[str]:
    """One pushing process: creates customers in small batches as fast as it can."""
    rng = random.Random(seed)
    made = []
    with HQClient(base) as client:
        me = client.login(username, password)
        client_id = uuid.uuid4()
        op_id = 0
        for _ in range(BATCHES):
            ops = []
            for _ in range(BATCH):
                op_id += 1
                row = uuid.uuid4()
                made.append(str(row))
                hlc = f"{int(datetime.now(UTC).timestamp() * 1000):013d}-00000-{seed}"
                ops.append(Op(op_id=op_id, entity="customers", row_id=row, op="insert",
                              changes={"name": f"并发{op_id}", "assigned_to_id": str(me.user_id)},
                              hlc=hlc))
            client.push(PushRequest(client_id=client_id, ops=ops))
            time.sleep(rng.random() * 0.01)
    return made


def _pull_until(base: str, token: str, stop: threading.Event, seen: set[uuid.UUID]) -> int:
    cursor = Cursor(version=0)
    client_id = uuid.uuid4()
    pulls = 0
    with HQClient(base, token=token) as client:
        while True:
            finished = stop.is_set()  # read before pulling: one full pass after the end
            upper = None
            while True:
                page = client.pull(PullRequest(client_id=client_id, cursor=cursor, upper=upper,
                                               limit=7))
                pulls += 1
                seen.update(
                    uuid.UUID(h) for g in page.rows if g.entity == "customers" for h in g.ids
                )
                cursor, upper = page.cursor, page.upper
                if not page.has_more:
                    break
            if finished:
                return pulls


@pytest.fixture
def pg_hq(pg_url, tmp_path):
    url, drop = fresh_pg_database(pg_url)
    migrate(url)
    db = open_database(url, pool_size=2)
    accounts = []
    for i in range(PUSHERS):
        admin.add_user(db, CHEAP_HASHER, f"racer{i}", "race-password", role=Role.SALES)
        accounts.append((f"racer{i}", "race-password"))
    admin.add_user(db, CHEAP_HASHER, "watcher", "race-password", role=Role.HQ)
    yield url, db, accounts
    db.dispose()
    drop()


def test_concurrent_pushes_never_hide_a_row_from_pull(pg_hq):
    url, db, accounts = pg_hq
    with process_server(url, workers=2, env={TEST_DELAY_ENV: "15"}) as base:
        with HQClient(base) as login:
            token = login.login("watcher", "race-password").token
        seen: set[uuid.UUID] = set()
        stop = threading.Event()
        puller = threading.Thread(target=_pull_until, args=(base, token, stop, seen))
        puller.start()
        ctx = multiprocessing.get_context("spawn")
        with ctx.Pool(PUSHERS) as pool:
            made = pool.starmap(
                _push_many, [(base, u, p, i) for i, (u, p) in enumerate(accounts)]
            )
        stop.set()
        puller.join(60)
    with db.read() as conn:
        final = set(conn.execute(select(schema.customers.c.id)).scalars())
    created = {uuid.UUID(i) for batch in made for i in batch}
    assert final == created
    assert seen == final, f"the puller missed {len(final - seen)} rows"


# --- the design this replaces --------------------------------------------------------------


def _naive_writer(dsn: str, seed: int) -> None:
    rng = random.Random(seed)
    with psycopg.connect(dsn) as conn:
        for _ in range(BATCHES * 2):
            with conn.transaction():
                version = conn.execute("SELECT nextval('naive_version')").fetchone()[0]  # type: ignore[index]  # nextval returns a row
                time.sleep(rng.random() * 0.02)  # work inside the transaction
                conn.execute("INSERT INTO naive_row (id, version) VALUES (%s, %s)",
                             (uuid.uuid4(), version))


def test_a_naive_sequence_cursor_misses_rows(pg_url):
    url, drop = fresh_pg_database(pg_url)
    dsn = make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)
    try:
        with psycopg.connect(dsn, autocommit=True) as conn:
            conn.execute("CREATE SEQUENCE naive_version")
            conn.execute("CREATE TABLE naive_row (id uuid PRIMARY KEY, version bigint)")
        ctx = multiprocessing.get_context("spawn")
        writers = [ctx.Process(target=_naive_writer, args=(dsn, i)) for i in range(PUSHERS)]
        for w in writers:
            w.start()
        seen: set[uuid.UUID] = set()
        cursor = 0
        with psycopg.connect(dsn, autocommit=True) as conn:
            while True:
                done = not any(w.is_alive() for w in writers)
                for row_id, version in conn.execute(
                    "SELECT id, version FROM naive_row WHERE version > %s ORDER BY version",
                    (cursor,),
                ):
                    seen.add(row_id)
                    cursor = max(cursor, version)
                if done:
                    break
            final = {r[0] for r in conn.execute("SELECT id FROM naive_row")}
        for w in writers:
            w.join()
        missed = final - seen
        assert missed, "the naive cursor should have skipped rows committed out of order"
    finally:
        drop()
