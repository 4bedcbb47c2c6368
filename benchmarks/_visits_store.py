"""The visits benchmark's store: 100,000 customers and 1,000,000 visits, built once.

Cached in ``bench-data/visits-<STORE_VERSION>/`` (gitignored); bump STORE_VERSION when the
generator changes. Built with the app's migrations and bulk ``sqlite3`` inserts (no search
index: nothing measured here searches), ≈ 1-2 minutes. Each customer's ``last_visit_at`` is
kept by the store's triggers as the visits go in (laptop migration 0007; ≈ 20 s of the build);
a store cached before 0007 gets it from the migration's fill.

Customers: 8 % tier A (visited about every 14 days), 20 % B (30), 60 % C (90), 12 % without a
tier, 3 % with their own cadence; one in ten stopped being visited at some point, so the
overdue list has a realistic few thousand names. Visits span the last 18 months up to
"now" (:data:`NOW`), most done, some cancelled, and the next planned ones ahead.
"""

from __future__ import annotations

import random
import shutil
import sqlite3
import sys
import time
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
STORE_VERSION = "v4"
CUSTOMERS = 100_000
VISITS = 1_000_000
NOW = datetime(2026, 12, 3, 2, 0, tzinfo=UTC)  # 10:00 in Shanghai
HISTORY_DAYS = 540
_EPOCH = NOW - timedelta(days=HISTORY_DAYS + 60)


def _stamp(dt: datetime) -> str:
    return dt.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S.%f")


def _ids(rng: random.Random, start: datetime) -> Iterator[str]:
    """Time-ordered ids (UUIDv7-like), as the app makes them."""
    ms = int(start.timestamp() * 1000)
    while True:
        ms += 1
        yield uuid.UUID(int=(ms << 80) | (0x7 << 76) | rng.getrandbits(62) | (2 << 62)).hex


def _row(columns: list[tuple[str, str, bool, object]], values: dict[str, object]) -> tuple:
    """A full row: the given values, and for every other NOT NULL column a neutral one."""
    out = []
    for name, kind, notnull, _ in columns:
        if name in values:
            out.append(values[name])
        elif not notnull:
            out.append(None)
        elif kind.upper() in ("JSON",):
            out.append("[]")
        elif kind.upper().startswith(("INT", "BIGINT", "BOOL")):
            out.append(0)
        elif kind.upper().startswith("DATETIME"):
            out.append(_stamp(NOW))
        else:
            out.append("")
    return tuple(out)


def _columns(conn: sqlite3.Connection, table: str) -> list[tuple[str, str, bool, object]]:
    return [(r[1], r[2], bool(r[3]), r[4]) for r in conn.execute(f"PRAGMA table_info({table})")]


def generate(store: Path, backups: Path) -> dict[str, float]:
    from salesdesk.db.migrate import upgrade

    rng = random.Random(20261203)
    upgrade(store, backups)
    conn = sqlite3.connect(store)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = OFF")
    t = time.perf_counter()
    ccols, vcols = _columns(conn, "customers"), _columns(conn, "visits")
    cids = _ids(rng, _EPOCH)
    customers = []
    for _ in range(CUSTOMERS):
        roll = rng.random()
        tier = "A" if roll < 0.08 else "B" if roll < 0.28 else "C" if roll < 0.88 else None
        own = rng.choice((7, 21, 60)) if rng.random() < 0.03 else None
        created = _EPOCH + timedelta(days=rng.uniform(0, HISTORY_DAYS + 50))
        customers.append((next(cids), tier, own, created))
    conn.executemany(
        f"INSERT INTO customers VALUES ({','.join('?' * len(ccols))})",
        (_row(ccols, {"id": cid, "name": f"第{n}号客户建材有限公司", "tier": tier,
                      "visit_cadence_days": own, "created_at": _stamp(created),
                      "updated_at": _stamp(created), "category": "ordinary"})
         for n, (cid, tier, own, created) in enumerate(customers)),
    )
    timings = {"customers_s": time.perf_counter() - t}
    t = time.perf_counter()
    days = {"A": 14, "B": 30, "C": 90, None: 120}
    visits: list[tuple[str, datetime, str]] = []  # customer, starts, status
    for cid, tier, own, created in customers:
        every = own or days[tier]
        stop = NOW if rng.random() > 1 / 10 else created + (NOW - created) * rng.random()
        at = created + timedelta(days=rng.uniform(0, every))
        while at < stop:
            status = "cancelled" if rng.random() < 0.05 else "done"
            visits.append((cid, at, status))
            at += timedelta(days=every * rng.uniform(0.43, 0.86))
        if stop is NOW:
            visits.append((cid, at, "planned"))
    visits = sorted(visits, key=lambda v: v[1])[-VISITS:]  # the oldest go if there are more
    vids = _ids(rng, _EPOCH)
    conn.executemany(
        f"INSERT INTO visits VALUES ({','.join('?' * len(vcols))})",
        (_row(vcols, {"id": next(vids), "customer_id": cid, "starts_at": _stamp(at),
                      "ends_at": _stamp(at + timedelta(hours=1)), "status": status,
                      "visited_at": _stamp(at) if status == "done" else None,
                      "purpose": "例行拜访", "created_at": _stamp(at), "updated_at": _stamp(at)})
         for cid, at, status in visits),
    )
    conn.commit()
    timings["visits_s"] = time.perf_counter() - t
    timings["visits"] = len(visits)
    conn.execute("ANALYZE")
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    return timings


def ensure_store() -> Path:
    """The cached store (``salesdesk.sqlite3``), built if missing, migrated if older."""
    data_dir = ROOT / "bench-data" / f"visits-{STORE_VERSION}"
    store = data_dir / "salesdesk.sqlite3"
    if store.exists():
        from salesdesk.db import migrate

        if migrate.current_revision(store) != migrate.HEAD_REVISION:
            result = migrate.upgrade(store, data_dir / "backups")
            if result.backup is not None:
                result.backup.unlink()
        return store
    tmp = data_dir.with_name(data_dir.name + ".building")
    shutil.rmtree(tmp, ignore_errors=True)
    tmp.mkdir(parents=True)
    for key, value in generate(tmp / "salesdesk.sqlite3", tmp / "backups").items():
        print(f"# visits store built: {key} = {value:.1f}", file=sys.stderr)
    tmp.rename(data_dir)
    return store
