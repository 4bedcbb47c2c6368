"""Sync benchmark against a local HQ on PostgreSQL (``scripts/pg.sh``); JSON lines on stdout.

* ``initial_sync_rows_per_s``: a salesperson with 2,000 customers and 100,000 related rows
  (~330 bytes each) syncs into an empty laptop store, end to end.
* ``noop_sync_ms``: median of syncs with nothing to exchange.
* ``push_5k_changes_s``: 5,000 local edits pushed and acknowledged; the median of three
  pushes after a first one (reported too) that warms the server's workers up.
* ``sync_capacity_per_s``: THE figure for HQ under load. The highest steady arrival rate of
  laptops (each pushes 50 changes and pulls, on its own connection) at which the p95 of the
  requests stays <= 500 ms and no request fails. Found by stepping the rate: doubling from
  ``--start-rate`` until a step fails, then bisecting between the last step that held and the
  first that did not (to within 10 %); each step sends laptops evenly for ``--step-s`` seconds
  and waits for the last of them. ``hq_cpu_per_sync_ms`` is the CPU HQ's processes spent per
  laptop sync at that rate (PostgreSQL's and the load generator's beside it, read from
  ``/proc``; Linux only), which says how far a bigger server would go.
* ``concurrent_200_clients_p95_ms``: information only. 200 laptops doing the same at the same
  instant; p95 per request, and the error count. On this two-core machine (shared by the load
  generator, PostgreSQL and both workers) it measures the time to drain a queue, not HQ's
  quality: every request waits for the ones before it.

Usage: ``python benchmarks/sync.py [--customers N] [--related N] [--step-s S]`` from the
repository root.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

import httpx  # noqa: E402 - after the path set-up above
from argon2 import PasswordHasher  # noqa: E402
from sqlalchemy import insert, select  # noqa: E402

from salesdesk.domain.ids import uuid7  # noqa: E402
from salesdesk.domain.merge import Stamp  # noqa: E402
from salesdesk.domain.people import Role  # noqa: E402
from salesdesk.hq import admin, schema  # noqa: E402
from salesdesk.hq.accounts import issue_token  # noqa: E402
from salesdesk.hq.db import Database, migrate, next_version, open_database  # noqa: E402
from salesdesk.sync.protocol import PROTOCOL_HEADER, PROTOCOL_VERSION  # noqa: E402


def emit(metric: str, value: float, unit: str, **extra: object) -> None:
    print(json.dumps({"metric": metric, "value": round(value, 3), "unit": unit, **extra}),
          flush=True)


BASE_URL: list[str] = []


def cpu_used(server_pid: int) -> dict[str, float]:
    """CPU seconds used so far by HQ (the server process and its workers), by PostgreSQL
    (its processes, and through the postmaster's children's time those that have ended) and
    by this process. Empty where there is no ``/proc``."""
    proc = Path("/proc")
    if not proc.is_dir():
        return {}
    tick = os.sysconf("SC_CLK_TCK")
    mine = os.times()
    used = {"hq": 0.0, "postgresql": 0.0, "load_generator": mine.user + mine.system}
    for entry in proc.iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:  # ended meanwhile
            continue
        name = stat[stat.index("(") + 1 : stat.rindex(")")]
        fields = stat[stat.rindex(")") + 2 :].split()
        seconds = sum(int(f) for f in fields[11:15]) / tick  # utime stime cutime cstime
        if int(entry.name) == server_pid or int(fields[1]) == server_pid:
            used["hq"] += seconds
        elif name == "postgres":
            used["postgresql"] += seconds
    return used


def pg_database() -> tuple[str, str]:
    """A fresh database on the PostgreSQL that scripts/pg.sh provides; (url, name)."""
    import psycopg
    from sqlalchemy.engine import make_url

    base = os.environ.get("SALESDESK_TEST_PG_URL") or subprocess.run(
        ["bash", str(REPO / "scripts" / "pg.sh")], check=True, capture_output=True, text=True
    ).stdout.strip().splitlines()[-1]
    BASE_URL.append(base)
    url = make_url(base)
    name = f"salesdesk_bench_{uuid.uuid4().hex[:8]}"
    plain = url.set(drivername="postgresql").render_as_string(hide_password=False)
    with psycopg.connect(plain, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    return url.set(database=name).render_as_string(hide_password=False), name


def drop_database(name: str) -> None:
    import psycopg
    from sqlalchemy.engine import make_url

    from tests.hqtest.pg import drop_database as drop

    base = make_url(BASE_URL[0]).set(drivername="postgresql")
    with psycopg.connect(base.render_as_string(hide_password=False), autocommit=True) as conn:
        drop(conn, name)


def seed(db, owner: uuid.UUID, customers: int, related: int) -> int:
    """Bulk-loads HQ (as an ERP import would): customers, contacts, visits, orders."""
    stamp = Stamp.decode([f"{int(time.time() * 1000):013d}-00000-hq", "hq", "0", "import"])
    stamps = {"*": stamp.encode()}
    text = "客户对涂层色差提出意见，希望下批次改进包装，运输途中防潮。" * 3  # ~330 bytes
    today = date.today()
    now = datetime.now(UTC)
    with db.write() as conn:
        version = next_version(conn)
        cust_rows: list[dict[str, Any]] = []
        index: list[dict[str, Any]] = []
        for i in range(customers):
            cid = uuid7()
            cust_rows.append({"id": cid, "name": f"基准客户{i:05d}有限公司", "short_name": "",
                              "name_key": "", "category": "ordinary", "industry": "建材",
                              "region": "华东", "province": "江苏", "city": "苏州", "address": "",
                              "phone": "", "email": "", "website": "", "visit_cadence_days": None,
                              "assigned_to_id": owner, "credit_terms": "", "tags": [],
                              "notes": "", "deleted_at": None, "stamps": stamps})
            index.append({"entity": "customers", "row_id": cid, "version": version,
                          "customer_id": cid})
        conn.execute(insert(schema.customers), cust_rows)
        per = related // 3
        contacts: list[dict[str, Any]] = []
        visits: list[dict[str, Any]] = []
        orders: list[dict[str, Any]] = []
        for i in range(related):
            cid = cust_rows[i % customers]["id"]
            rid = uuid7()
            kind = i % 3
            if kind == 0 and len(contacts) < per:
                contacts.append({"id": rid, "customer_id": cid,
                                 "name": f"联系人{i}",
                                 "role": "采购", "mobile": "13900000000", "landline": "",
                                 "email": "", "wechat": "", "is_primary": False, "notes": text,
                                 "deleted_at": None, "stamps": stamps})
                entity = "contacts"
            elif kind == 1 and len(visits) < per:
                visits.append({"id": rid, "customer_id": cid, "salesperson_id": owner,
                               "starts_at": now, "ends_at": None, "place": "",
                               "contact_ids": [], "purpose": text, "status": "done",
                               "reason": "", "sequence": 0, "visited_at": now,
                               "met_contact_ids": [], "met_with": "王经理", "next_step": "",
                               "discussed": "", "customer_needs": "", "dislikes": "",
                               "receiving_problems": "", "improvements": "",
                               "summary_printed_at": None, "deleted_at": None,
                               "stamps": stamps})
                entity = "visits"
            else:
                orders.append({"id": rid, "customer_id": cid, "order_no": f"SO-B-{i:07d}",
                               "order_date": today - timedelta(days=i % 365),
                               "amount": Decimal("12345.67"), "currency": "CNY",
                               "product_id": None, "notes": text, "deleted_at": None,
                               "stamps": stamps})
                entity = "orders"
            index.append({"entity": entity, "row_id": rid, "version": version,
                          "customer_id": cid})
        for name, rows in (("contacts", contacts), ("visits", visits), ("orders", orders)):
            for start in range(0, len(rows), 5000):
                conn.execute(insert(schema.ENTITY_TABLES[name]), rows[start : start + 5000])
        for start in range(0, len(index), 10000):
            conn.execute(insert(schema.sync_row), index[start : start + 10000])
    return len(cust_rows) + len(contacts) + len(visits) + len(orders)


def analyze(url: str) -> None:
    """``VACUUM ANALYZE`` after the bulk load, as autovacuum does within a minute on a server
    in use: without statistics the planner takes the fresh tables for empty ones."""
    import psycopg
    from sqlalchemy.engine import make_url

    plain = make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)
    with psycopg.connect(plain, autocommit=True) as conn:
        conn.execute("VACUUM ANALYZE")


def start_server(url: str, workers: int) -> tuple[subprocess.Popen[bytes], str]:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    proc = subprocess.Popen(
        [sys.executable, "-m", "salesdesk.hq", "serve", "--db", url, "--port", str(port),
         "--workers", str(workers)],
        cwd=REPO, env={**os.environ, "PYTHONPATH": str(REPO)},
    )
    base = f"http://127.0.0.1:{port}"
    for _ in range(300):
        try:
            if httpx.get(base + "/healthz", timeout=1).status_code == 200:
                return proc, base
        except httpx.TransportError:
            time.sleep(0.05)
    proc.kill()
    raise RuntimeError("HQ did not start")


def laptop(directory: Path, base: str, token: str, user_id: uuid.UUID, username: str):
    from salesdesk.db import migrate as store_migrate
    from salesdesk.db.session import create_store_engine
    from salesdesk.sync.laptop.http import HQClient
    from salesdesk.sync.laptop.store import LocalStore

    path = directory / f"{username}.sqlite3"
    store_migrate.upgrade(path, directory / "backups")
    engine = create_store_engine(path)
    store = LocalStore(engine)
    store.bind_user(user_id, username)
    return engine, store, HQClient(base, token=token)


async def _post(reader: asyncio.StreamReader, writer: asyncio.StreamWriter, *, host: str,
                path: str, headers: str, body: bytes) -> tuple[int, bytes]:
    """One HTTP/1.1 request on a kept-alive connection."""
    writer.write(
        f"POST {path} HTTP/1.1\r\nHost: {host}\r\n{headers}Content-Type: application/json\r\n"
        f"Content-Length: {len(body)}\r\n\r\n".encode() + body
    )
    await writer.drain()
    head = await reader.readuntil(b"\r\n\r\n")
    status = int(head.split(b" ", 2)[1])
    length = 0
    for line in head.split(b"\r\n")[1:]:
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"content-length":
            length = int(value)
    return status, await reader.readexactly(length)


async def one_client(base: str, token: str, user_id: uuid.UUID, latencies: list[float],
                     errors: list[str]) -> None:
    """A laptop's sync on its own connection: push 50 new customers, then pull.

    A minimal HTTP/1.1 client (like wrk or k6, not httpx): the load generator shares this
    machine's two cores with the server under test, and httpx's per-request overhead (and
    ~26 ms per client to load a CA bundle) would be CPU taken from the server. A request that
    fails or takes longer than REQUEST_TIMEOUT_S ends the laptop's sync (it is an error)."""
    host, port = base.removeprefix("http://").split(":")
    headers = (f"{PROTOCOL_HEADER}: {PROTOCOL_VERSION}\r\nAuthorization: Bearer {token}\r\n")
    client_id = str(uuid.uuid4())
    hlc = f"{int(time.time() * 1000):013d}-00000-{client_id}"
    ops = [{"op_id": i + 1, "entity": "customers", "row_id": str(uuid7()), "op": "insert",
            "changes": {"name": f"并发客户{i}", "assigned_to_id": str(user_id)}, "hlc": hlc}
           for i in range(50)]
    requests = [
        ("/api/v1/push", {"client_id": client_id, "ops": ops}),
        ("/api/v1/pull", {"client_id": client_id, "cursor": {"version": 0}}),
    ]
    bodies = [(path, json.dumps(body).encode()) for path, body in requests]
    started = time.perf_counter()
    try:
        reader, writer = await asyncio.wait_for(asyncio.open_connection(host, int(port)),
                                                REQUEST_TIMEOUT_S)
    except OSError as exc:  # TimeoutError is one
        errors.append(f"connect: {exc!r}")
        latencies.append((time.perf_counter() - started) * 1000)
        return
    try:
        for path, body in bodies:
            started = time.perf_counter()
            try:
                status, _ = await asyncio.wait_for(
                    _post(reader, writer, host=host, path=path, headers=headers, body=body),
                    REQUEST_TIMEOUT_S)
            except (OSError, asyncio.IncompleteReadError) as exc:  # TimeoutError is an OSError
                errors.append(f"{path}: {exc!r}")
                latencies.append((time.perf_counter() - started) * 1000)
                break
            latencies.append((time.perf_counter() - started) * 1000)
            if status != 200:
                errors.append(f"{path}: HTTP {status}")
    finally:
        writer.close()


# --- capacity: the highest steady arrival rate of laptops HQ serves well ---------------------

P95_LIMIT_MS = 500.0  # a step holds if the p95 of its requests is at most this, and none failed
REQUEST_TIMEOUT_S = 10.0  # a laptop gives up on a request after this (an error)
BISECT_WITHIN = 0.10  # the search stops when the last rate that held is within 10 % of the first
# that did not (or within 0.5 laptops/s)


@dataclass
class Step:
    """One rate tried: laptops arriving evenly for a while, every request measured."""

    rate: float  # laptops per second
    laptops: int
    latencies_ms: list[float]
    errors: list[str]
    wall_s: float  # from the first arrival until the last laptop finished
    cpu_s: dict[str, float]  # CPU spent during the step by HQ, PostgreSQL, the load generator

    @property
    def p95_ms(self) -> float:
        ordered = sorted(self.latencies_ms)
        return ordered[int(len(ordered) * 0.95)] if ordered else 0.0

    @property
    def held(self) -> bool:
        return not self.errors and self.p95_ms <= P95_LIMIT_MS

    def cpu_ms_per_sync(self, who: str) -> float:
        return self.cpu_s.get(who, 0.0) / self.laptops * 1000

    def summary(self) -> dict[str, object]:
        ordered = sorted(self.latencies_ms)
        return {"rate_per_s": self.rate, "laptops": self.laptops, "held": self.held,
                "p95_ms": round(self.p95_ms, 1),
                "p50_ms": round(ordered[len(ordered) // 2], 1) if ordered else 0.0,
                "max_ms": round(ordered[-1], 1) if ordered else 0.0,
                "errors": len(self.errors), "first_error": self.errors[0] if self.errors else "",
                "wall_s": round(self.wall_s, 2),
                "hq_cpu_ms_per_sync": round(self.cpu_ms_per_sync("hq"), 1)}


def make_users(db: Database, hasher: PasswordHasher, prefix: str,
               count: int) -> list[tuple[str, uuid.UUID]]:
    """``count`` new salespeople with a token each (a fresh one per laptop: each pull then
    carries that laptop's own 50 customers, as in the burst)."""
    users = []
    for i in range(count):
        uid = admin.add_user(db, hasher, f"{prefix}{i}", "bench-password", role=Role.SALES)
        with db.write() as conn:
            users.append((issue_token(conn, uid, "bench")[0], uid))
    return users


def settle(server_pid: int, timeout_s: float = 60.0) -> None:
    """Waits until HQ is idle (under 2 % of a core over half a second): a step starts on a
    server that has finished the one before."""
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        before = cpu_used(server_pid).get("hq", 0.0)
        time.sleep(0.5)
        if cpu_used(server_pid).get("hq", 0.0) - before < 0.01:
            return


async def arrive(base: str, users: list[tuple[str, uuid.UUID]], rate: float,
                 latencies: list[float], errors: list[str]) -> None:
    """Starts one laptop's sync every 1/rate seconds (open loop: arrivals do not wait for the
    syncs before them, as laptops in the field do not), then waits for all of them."""
    loop = asyncio.get_running_loop()
    start = loop.time()
    tasks = []
    for i, (token, uid) in enumerate(users):
        delay = start + i / rate - loop.time()
        if delay > 0:
            await asyncio.sleep(delay)
        tasks.append(asyncio.create_task(one_client(base, token, uid, latencies, errors)))
    await asyncio.gather(*tasks)


def run_step(base: str, server_pid: int, users: list[tuple[str, uuid.UUID]],
             rate: float) -> Step:
    latencies: list[float] = []
    errors: list[str] = []
    settle(server_pid)
    cpu_before = cpu_used(server_pid)
    started = time.perf_counter()
    asyncio.run(arrive(base, users, rate, latencies, errors))
    wall = time.perf_counter() - started
    cpu_after = cpu_used(server_pid)
    return Step(rate, len(users), latencies, errors, wall,
                {k: cpu_after[k] - cpu_before[k] for k in cpu_after})


def find_capacity(base: str, server_pid: int, db: Database, hasher: PasswordHasher,
                  *, start_rate: float, step_s: float) -> tuple[Step | None, list[Step]]:
    """Doubles the rate from ``start_rate`` until a step fails, then bisects; returns the
    step at the highest rate that held (None if even the first failed) and every step."""
    steps: list[Step] = []

    def attempt(rate: float) -> Step:
        users = make_users(db, hasher, f"bench-r{len(steps)}-", max(1, round(rate * step_s)))
        step = run_step(base, server_pid, users, rate)
        steps.append(step)
        print(f"# capacity step: {json.dumps(step.summary(), ensure_ascii=False)} "
              f"load {os.getloadavg()[0]:.2f}", file=sys.stderr, flush=True)
        return step

    held: Step | None = None
    failed: Step | None = None
    rate = start_rate
    while failed is None:
        step = attempt(rate)
        if step.held:
            held, rate = step, rate * 2
        else:
            failed = step
    low = held.rate if held else 0.0
    high = failed.rate
    while high - low > max(BISECT_WITHIN * low, 0.5):
        step = attempt(round((low + high) / 2, 1))
        if step.held:
            held, low = step, step.rate
        else:
            high = step.rate
    return held, steps


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--customers", type=int, default=2000)
    parser.add_argument("--related", type=int, default=100_000)
    parser.add_argument("--clients", type=int, default=200, help="laptops in the burst")
    parser.add_argument("--start-rate", type=float, default=2.0,
                        help="laptops per second of the capacity search's first step")
    parser.add_argument("--load-only", action="store_true",
                        help="only the figures under load (capacity and burst)")
    parser.add_argument("--step-s", type=float, default=15.0,
                        help="seconds of arrivals in each step of the capacity search")
    args = parser.parse_args()

    from salesdesk.db.models import Visit
    from salesdesk.db.session import session_factory, unit_of_work
    from salesdesk.sync.laptop.loop import push_all, sync

    url, name = pg_database()
    tmp = Path(tempfile.mkdtemp(prefix="salesdesk-bench-"))
    proc = None
    try:
        migrate(url)
        db = open_database(url, pool_size=4)
        from argon2.profiles import CHEAPEST

        cheap = PasswordHasher.from_parameters(CHEAPEST)
        owner = admin.add_user(db, cheap, "bench-sales", "bench-password", role=Role.SALES)
        rows = seed(db, owner, args.customers, args.related)
        analyze(url)
        with db.write() as conn:
            token, _ = issue_token(conn, owner, "bench")
        proc, base = start_server(url, workers=2)

        if not args.load_only:
            engine, store, client = laptop(tmp, base, token, owner, "bench-sales")
            started = time.perf_counter()
            report = sync(client, store, page_size=5000)
            seconds = time.perf_counter() - started
            assert report.pulled >= rows, (report.pulled, rows)
            emit("initial_sync_rows_per_s", report.pulled / seconds, "rows/s",
                 rows=report.pulled, seconds=round(seconds, 2), pages=report.pages)

            for _ in range(5):
                sync(client, store)
            times = []
            for _ in range(50):
                started = time.perf_counter()
                sync(client, store)
                times.append((time.perf_counter() - started) * 1000)
            emit("noop_sync_ms", statistics.median(times), "ms",
                 p95=round(sorted(times)[int(len(times) * 0.95)], 2))

            # Four pushes of 5,000 edits each (other visits each time): the first is the first
            # push the server's workers see (they warm up on it, as a server does once after a
            # start); the figure is the median of the other three.
            factory = session_factory(engine)
            runs = []
            for run in range(4):
                with unit_of_work(factory) as session:
                    visits = session.scalars(
                        select(Visit).order_by(Visit.id).offset(run * 5000).limit(5000)
                    ).all()
                    for i, visit in enumerate(visits):
                        visit.discussed = f"第{run}轮第{i}次修改"
                started = time.perf_counter()
                pushed = push_all(client, store, batch_size=1000)
                runs.append(time.perf_counter() - started)
                assert pushed.pushed == len(visits) == 5000 and store.pending_count() == 0
            emit("push_5k_changes_s", statistics.median(runs[1:]), "s", changes=5000,
                 runs_s=[round(r, 3) for r in runs[1:]], first_push_after_start_s=round(runs[0], 3))
            client.close()
            engine.dispose()

        load_before = os.getloadavg()
        capacity, steps = find_capacity(base, proc.pid, db, cheap, start_rate=args.start_rate,
                                         step_s=args.step_s)
        load_after = os.getloadavg()
        emit("sync_capacity_per_s", capacity.rate if capacity else 0.0, "laptops/s",
             p95_limit_ms=P95_LIMIT_MS, step_s=args.step_s,
             p95_ms=round(capacity.p95_ms, 1) if capacity else None,
             steps=[step.summary() for step in steps],
             load_avg_1m_before_after=[round(load_before[0], 2), round(load_after[0], 2)])
        if capacity is not None:
            emit("hq_cpu_per_sync_ms", capacity.cpu_ms_per_sync("hq"), "ms",
                 at_rate_per_s=capacity.rate, laptops=capacity.laptops,
                 postgresql_cpu_per_sync_ms=round(capacity.cpu_ms_per_sync("postgresql"), 1),
                 load_generator_cpu_per_sync_ms=round(
                     capacity.cpu_ms_per_sync("load_generator"), 1))

        async def burst(users: list[tuple[str, uuid.UUID]], latencies: list[float],
                        errors: list[str]) -> None:
            await asyncio.gather(*(one_client(base, t, u, latencies, errors) for t, u in users))

        # Information only: the same laptops all arriving in the same instant (this measures
        # how long the two cores take to drain the queue).
        users = make_users(db, cheap, "bench-c", args.clients)
        latencies: list[float] = []
        errors: list[str] = []
        settle(proc.pid)
        cpu_before = cpu_used(proc.pid)
        started = time.perf_counter()
        asyncio.run(burst(users, latencies, errors))
        wall = time.perf_counter() - started
        cpu_after = cpu_used(proc.pid)
        latencies.sort()
        emit("concurrent_200_clients_p95_ms", latencies[int(len(latencies) * 0.95)], "ms",
             clients=args.clients, requests=len(latencies), errors=len(errors),
             p50_ms=round(latencies[len(latencies) // 2], 1),
             max_ms=round(latencies[-1], 1), wall_s=round(wall, 2),
             requests_per_s=round(len(latencies) / wall, 1),
             cpu_s={k: round(cpu_after[k] - cpu_before[k], 2) for k in cpu_after})
        db.dispose()
    finally:
        if proc is not None:
            proc.terminate()
            proc.wait(10)
        shutil.rmtree(tmp, ignore_errors=True)
        drop_database(name)
    return 0


if __name__ == "__main__":
    sys.exit(main())
