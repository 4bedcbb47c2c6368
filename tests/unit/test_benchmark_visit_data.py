"""The visits benchmark's store holds exactly what it says: so many visits and promises, today's
visits, customers overdue, promises in every state, each tied to a done visit of its customer.

Run on a small scale (the generator's counts patched); the real build takes about a minute.
"""

from __future__ import annotations

import random
import sqlite3
from pathlib import Path

import pytest

from benchmarks import visit_data
from salesdesk.db import migrate


@pytest.fixture
def small(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(visit_data, "VISITS", 3_000)
    monkeypatch.setattr(visit_data, "PROMISES", 900)
    monkeypatch.setattr(visit_data, "VISITS_TODAY", 7)


def _customers(n: int) -> list[visit_data.CustomerRow]:
    rng = random.Random(5)
    return [(f"{rng.getrandbits(128):032x}", "owner", rng.choice(["A", "B", "C", None]),
             rng.choice([None, None, 7]), "地址", f"{rng.getrandbits(128):032x}")
            for _ in range(n)]


def test_the_rows_are_exact_and_every_promise_hangs_on_a_done_visit(small: None) -> None:
    visits: list[tuple[object, ...]] = []
    promises: list[tuple[object, ...]] = []
    for chunk, made in visit_data._chunks(_customers(300), {"quality": "q"}, size=500):
        visits += chunk
        promises += made
    assert (len(visits), len(promises)) == (3_000, 900)
    column = {name: i for i, name in enumerate(visit_data.VISIT_COLUMNS)}
    today = visit_data.TODAY.isoformat()
    by_id = {v[0]: v for v in visits}
    status = [v[column["status"]] for v in visits]
    assert {"done", "planned", "cancelled"} == set(status)
    assert sum(s == "planned" and str(v[column["starts_at"]]).startswith(today)
               for s, v in zip(status, visits, strict=True)) == 7
    for s, v in zip(status, visits, strict=True):
        if s == "done":
            assert str(v[column["starts_at"]]) < today and v[column["discussed"]]
    p_col = {name: i for i, name in enumerate(visit_data.PROMISE_COLUMNS)}
    for p in promises:
        visit = by_id[p[p_col["visit_id"]]]
        assert visit[column["status"]] == "done"
        assert visit[column["customer_id"]] == p[p_col["customer_id"]]
        assert str(p[p_col["made_on"]]) <= str(p[p_col["due"]])
    states = {p[p_col["status"]] for p in promises}
    assert states == {"open", "kept", "broken", "cancelled"}
    assert any(p[p_col["status"]] == "open" and str(p[p_col["due"]]) < today
               for p in promises)


def test_the_rows_fit_the_apps_schema(small: None, tmp_path: Path) -> None:
    """Every tuple inserts into a store migrated to the head, foreign keys and all."""
    store = tmp_path / "s.sqlite3"
    migrate.upgrade(store, tmp_path / "backups")
    conn = sqlite3.connect(store)
    conn.execute("PRAGMA foreign_keys = ON")
    customers = _customers(300)
    with conn:
        conn.execute("INSERT INTO users (id, username, display_name, role, email, phone,"
                     " department, active, created_at, updated_at, server_version) VALUES"
                     " ('00000000000000000000000000000001', 'o', 'o', 'sales', '', '', '', 1,"
                     " '2026-01-01 00:00:00', '2026-01-01 00:00:00', 0)")
        owner = "00000000000000000000000000000001"
        customers = [(c[0], owner, *c[2:5], None) for c in customers]
        conn.executemany(
            "INSERT INTO customers (id, name, assigned_to_id, tier, visit_cadence_days, address,"
            " short_name, name_key, sort_key, category, sales_12m, industry, region, province,"
            " city, phone, email, website, credit_terms, tags, notes, created_at, updated_at,"
            " server_version, tax_id) VALUES (?, ?, ?, ?, ?, ?, '', '', '', 'ordinary', 0, '',"
            " '', '', '', '', '', '', '', '[]', '', '2026-01-01 00:00:00',"
            " '2026-01-01 00:00:00', 0, '')",
            [(c[0], f"客户{i}", c[1], c[2], c[3], c[4]) for i, c in enumerate(customers)])
        for visits, promises in visit_data._chunks(customers, {}):
            conn.executemany(visit_data._insert_sql("visits", visit_data.VISIT_COLUMNS), visits)
            conn.executemany(visit_data._insert_sql("promises", visit_data.PROMISE_COLUMNS),
                             promises)
    assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
    assert conn.execute("SELECT count(*) FROM visits").fetchone() == (3_000,)
    conn.close()
