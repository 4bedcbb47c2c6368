"""The visits benchmark's store: 100,000 customers, 1,000,000 visits and 300,000 promises.

Other benchmark scripts import :func:`visit_store`; run on its own (``python
benchmarks/visit_data.py``) it makes sure the store exists and prints how long building it
took, as ``{"metric": "visit_store_build_s", ...}`` (the figure recorded when it was built, if
it was already cached).

The customers and contacts are the customer benchmark's store (``benchmarks/customers.py``,
cached in ``bench-data/customers-<version>/``), copied; visits and promises are added with
``sqlite3`` ``executemany`` of ready-made tuples, not the ORM per row. The result is cached in
``bench-data/visits-<STORE_VERSION>-<schema head>/`` and rebuilt when the app's schema head
changes (an older cache is removed); bump STORE_VERSION when the generator changes.

What it holds, per customer (seeded, dates relative to ``NOW``): done visits back 18 months at
about its tier's cadence (A 14, B 30, C 90 days, or its own), one in 25 cancelled with a reason,
about one in seven customers overdue for a visit, and a visit planned in the coming three weeks
for about half of them, 300 of those today; promises made in those visits, kept, broken,
cancelled, or open (due today, this week, overdue), a third for an HQ department.
"""

from __future__ import annotations

import json
import random
import shutil
import sqlite3
import sys
import time
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

STORE_VERSION = "v1"
VISITS = 1_000_000
PROMISES = 300_000
VISITS_TODAY = 300
SEED = 20261203
# The benchmark's "now": 10:00 in Shanghai. Measurements that ask for today use this instant.
NOW = datetime(2026, 12, 3, 2, 0, tzinfo=UTC)
TODAY = date(2026, 12, 3)  # NOW's date in Shanghai
HISTORY_DAYS = 548
BENCH_DATA = ROOT / "bench-data"
STORE_NAME = "salesdesk.sqlite3"

TIER_DAYS = {"A": 14, "B": 30, "C": 90, None: 90}
PURPOSES = ("季度回访", "介绍新品 PVDF 氟碳彩涂铝卷", "处理色差问题", "洽谈年度框架协议价格",
            "对账并催收货款", "新厂房项目技术交流", "送样品和色卡", "了解竞争对手报价")
DISCUSSED = ("下季度用量约 120 吨", "对比了宝钢的报价和质保年限", "框架协议价格每吨再让 200 元",
             "新厂房二期的规格和色号", "上批货的验收和付款安排")
NEEDS = ("交期缩短到 7 天以内", "小批量 RAL7016 深灰色", "每批附涂层厚度检测报告",
         "账期延长到 60 天", "1500mm 宽幅铝卷")
NEXT_STEPS = ("下周送样品", "月底前给正式报价", "请技术部电话沟通", "两周后回访")
CANCEL_REASONS = ("客户临时出差", "客户工厂停产检修", "台风天气，高速封路")
PROMISE_TEXTS = (("寄送色卡及样板", ""), ("发最新价格表", ""), ("补发质保书和检测报告", "quality"),
                 ("确认车号和预计到达时间", "logistics"), ("重开增值税发票", "finance"),
                 ("安排技术员到现场", "technical"))
BROKEN_REASON = "没能按期完成"
CANCEL_REASON = "客户表示不再需要"

VISIT_COLUMNS = (
    "id", "customer_id", "salesperson_id", "starts_at", "ends_at", "place", "contact_ids",
    "purpose", "status", "reason", "sequence", "visited_at", "met_contact_ids", "met_with",
    "discussed", "customer_needs", "dislikes", "receiving_problems", "improvements",
    "next_step", "summary_printed_at", "created_at", "updated_at", "deleted_at",
    "server_version",
)
USER_COLUMNS = ("id", "username", "display_name", "role", "email", "phone", "department",
                "active", "created_at", "updated_at", "server_version")
# HQ staff who close their department's promises.
HQ_STAFF = (("wuqiang_hq", "吴强（物流部）", "logistics"),
            ("zhoumin_hq", "周敏（质量部）", "quality"),
            ("sunli_hq", "孙丽（技术部）", "technical"),
            ("heyan_hq", "何燕（财务部）", "finance"))
PROMISE_COLUMNS = (
    "id", "customer_id", "contact_id", "made_to", "visit_id", "made_by_id", "made_on",
    "description", "due", "department", "status", "closed_at", "closed_by_id", "reason",
    "created_at", "updated_at", "deleted_at", "server_version",
)


def _insert_sql(table: str, columns: tuple[str, ...]) -> str:
    return (f"INSERT INTO {table} ({', '.join(columns)})"
            f" VALUES ({', '.join('?' * len(columns))})")


def visit_store(path: Path = BENCH_DATA) -> Path:
    """The cached benchmark data directory under ``path`` (holding ``salesdesk.sqlite3``: pass
    the directory as ``--data-dir``), built first if missing or made for another schema head.
    """
    from salesdesk.db import migrate

    data_dir = path / f"visits-{STORE_VERSION}-{migrate.HEAD_REVISION}"
    if (data_dir / STORE_NAME).exists():
        return data_dir
    for stale in path.glob(f"visits-{STORE_VERSION}-*"):
        shutil.rmtree(stale, ignore_errors=True)
    tmp = data_dir.with_name(data_dir.name + ".building")
    shutil.rmtree(tmp, ignore_errors=True)
    tmp.mkdir(parents=True)
    start = time.perf_counter()
    timings = build(tmp / STORE_NAME)
    timings["visit_store_build_s"] = time.perf_counter() - start
    for key, value in timings.items():
        print(f"# visit store built: {key} = {value:.1f}", file=sys.stderr)
    (tmp / "build.json").write_text(json.dumps(timings))
    tmp.rename(data_dir)
    return data_dir


def build(store: Path) -> dict[str, float]:
    """Copies the customer benchmark's store to ``store`` and adds visits and promises."""
    from benchmarks.customers import ensure_store

    timings: dict[str, float] = {}
    t = time.perf_counter()
    source = ensure_store() / STORE_NAME
    with sqlite3.connect(source) as src, sqlite3.connect(store) as dst:
        src.backup(dst)  # a consistent copy, whatever WAL the source has
    src.close()
    dst.close()
    timings["customers_s"] = time.perf_counter() - t

    conn = sqlite3.connect(store)
    # Built in a scratch folder that is renamed only once complete: no journal needed.
    conn.execute("PRAGMA journal_mode = OFF")
    conn.execute("PRAGMA synchronous = OFF")
    conn.execute("PRAGMA cache_size = -65536")  # 64 MiB
    t = time.perf_counter()
    rng = random.Random(SEED - 1)
    stamp = NOW.strftime("%Y-%m-%d %H:%M:%S.%f")
    with conn:
        conn.executemany(_insert_sql("users", USER_COLUMNS), [
            (f"{rng.getrandbits(128):032x}", username, name, "hq", "", "", department, 1, stamp,
             stamp, 0)
            for username, name, department in HQ_STAFF
        ])
    customers = conn.execute(
        "SELECT c.id, c.assigned_to_id, c.tier, c.visit_cadence_days, c.address, k.id"
        " FROM customers c LEFT JOIN contacts k ON k.customer_id = c.id AND k.is_primary = 1"
        " WHERE c.deleted_at IS NULL ORDER BY c.id"
    ).fetchall()
    staff = dict(conn.execute(
        "SELECT department, id FROM users WHERE role = 'hq' AND department != ''").fetchall())
    # The app's indexes are made again after the load: sorting once beats a million random
    # inserts into each B-tree.
    indexes = conn.execute(
        "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL"
        " AND tbl_name IN ('visits', 'promises')").fetchall()
    counted = {"visits": 0, "promises": 0}
    with conn:
        for name, _ in indexes:
            conn.execute(f"DROP INDEX {name}")
        for visits, promises in _chunks(customers, staff):
            conn.executemany(_insert_sql("visits", VISIT_COLUMNS), visits)
            conn.executemany(_insert_sql("promises", PROMISE_COLUMNS), promises)
            counted["visits"] += len(visits)
            counted["promises"] += len(promises)
    assert counted == {"visits": VISITS, "promises": PROMISES}, counted
    timings["visits_and_promises_s"] = time.perf_counter() - t
    t = time.perf_counter()
    with conn:
        for _, sql in indexes:
            conn.execute(sql)
    timings["indexes_s"] = time.perf_counter() - t
    conn.execute("PRAGMA journal_mode = WAL")  # as the app opens it
    conn.close()
    return timings


CustomerRow = tuple[str, str | None, str | None, int | None, str, str | None]


def _chunks(
    customers: list[CustomerRow], staff: dict[str, str], size: int = 20_000
) -> Iterator[tuple[list[tuple[object, ...]], list[tuple[object, ...]]]]:
    """Exactly VISITS visits and PROMISES promises over ``customers``, as insert tuples, in
    chunks of about ``size`` visits (with their promises), so memory stays small."""
    rng = random.Random(SEED)
    # Local days as text, by offset from today: the generator works in whole days and picks
    # a time slot (09:00-16:00 Shanghai is 01:00-08:00 UTC, the same UTC day).
    first = TODAY - timedelta(days=HISTORY_DAYS + 60)
    day_text = [(first + timedelta(days=i)).isoformat() for i in range(HISTORY_DAYS + 90)]
    today_ix = (TODAY - first).days
    last_ix = len(day_text) - 1
    slots = ("01:00:00.000000", "01:30:00.000000", "02:00:00.000000", "06:00:00.000000",
             "07:00:00.000000", "08:00:00.000000")
    ends = ("02:30:00.000000", "03:00:00.000000", "03:30:00.000000", "07:30:00.000000",
            "08:30:00.000000", "09:30:00.000000")
    stamp = NOW.strftime("%Y-%m-%d %H:%M:%S.%f")
    uid = rng.getrandbits
    random_ = rng.random

    # Visits per customer in proportion to how often its tier is visited, summing to VISITS.
    weights = [1.0 / (c[3] or TIER_DAYS[c[2]]) for c in customers]
    scale = VISITS / sum(weights)
    counts = [max(1, int(w * scale)) for w in weights]
    short = VISITS - sum(counts)
    i = 0
    while short:
        j = (i * 7919) % len(counts)
        if short > 0:
            counts[j] += 1
            short -= 1
        elif counts[j] > 1:
            counts[j] -= 1
            short += 1
        i += 1

    visits: list[tuple[object, ...]] = []
    promises: list[tuple[object, ...]] = []
    seen = 0  # visits so far: a promise is owed with probability owed/left (Knuth's S)
    owed = PROMISES
    debt = 0  # promises owed by a visit that was not done: the next done visit makes them
    today_left = VISITS_TODAY
    for ci, (cid, owner, tier, own_days, address, contact) in enumerate(customers):
        cadence = own_days or TIER_DAYS[tier]
        overdue = random_() < 0.14
        since = cadence + rng.randint(1, cadence) if overdue else rng.randint(1, cadence - 1)
        n = counts[ci]
        contacts = (f'["{contact[:8]}-{contact[8:12]}-{contact[12:16]}-{contact[16:20]}-'
                    f'{contact[20:]}"]' if contact else "[]")
        planned = 1 if n > 1 and random_() < 0.5 else 0  # the next visit, planned
        gap = max(1.0, (HISTORY_DAYS - since) / max(1, n - planned))
        for k in range(n):
            if k < planned:
                if today_left and not overdue:
                    day = today_ix
                    today_left -= 1
                else:
                    day = today_ix + rng.randint(1, 21)
                status = "planned"
            else:
                day = max(0, today_ix - since - int((k - planned) * gap))
                status = "cancelled" if k > planned and random_() < 0.04 else "done"
            slot = rng.randrange(6)
            d = day_text[day]
            starts = f"{d} {slots[slot]}"
            done = status == "done"
            vid = f"{uid(128):032x}"
            visits.append((
                vid, cid, owner, starts, f"{d} {ends[slot]}", address, contacts,
                PURPOSES[rng.randrange(8)], status,
                CANCEL_REASONS[rng.randrange(3)] if status == "cancelled" else "",
                0 if status == "planned" else 1, starts if done else None,
                contacts if done else "[]", "",
                DISCUSSED[rng.randrange(5)] if done else "",
                NEEDS[rng.randrange(5)] if done else "", "", "", "",
                NEXT_STEPS[rng.randrange(4)] if done else "", None, starts, stamp, None, 0,
            ))
            if owed and random_() * (VISITS - seen) < owed:
                owed -= 1
                debt += 1
            seen += 1
            while done and debt:
                debt -= 1
                due = min(day + rng.choice((2, 3, 5, 7, 14)), last_ix)
                text, department = PROMISE_TEXTS[rng.randrange(6)]
                if due >= today_ix or (due > today_ix - 30 and random_() < 0.1):
                    status, closed_at, closer, reason = "open", None, None, ""
                else:
                    roll = random_()
                    status = "kept" if roll < 0.85 else "broken" if roll < 0.95 else "cancelled"
                    closed_at = f"{day_text[min(due, today_ix - 1)]} 09:00:00.000000"
                    closer = staff.get(department) or owner
                    reason = {"broken": BROKEN_REASON, "cancelled": CANCEL_REASON}.get(status, "")
                promises.append((
                    f"{uid(128):032x}", cid, None, "", vid, owner, d, text, day_text[due],
                    department, status, closed_at, closer, reason, f"{d} 10:00:00.000000",
                    stamp, None, 0,
                ))
        if len(visits) >= size:
            yield visits, promises
            visits, promises = [], []
    assert debt == 0 and owed == 0, (debt, owed)
    yield visits, promises


def main() -> None:
    data_dir = visit_store()
    timings = json.loads((data_dir / "build.json").read_text())
    print(f"# {data_dir / STORE_NAME}", file=sys.stderr)
    print(json.dumps({"metric": "visit_store_build_s",
                      "value": round(timings["visit_store_build_s"], 1), "unit": "s"}),
          flush=True)


if __name__ == "__main__":
    main()
