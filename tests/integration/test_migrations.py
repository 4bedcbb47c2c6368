"""Migrations: from nothing, and from the first revision with data, nothing lost."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import create_engine

from salesdesk.db import migrate
from salesdesk.db.models import Base
from salesdesk.services.customers.browse import CustomerBrowser
from salesdesk.services.customers.records import CustomerQuery
from salesdesk.services.store import prepare

FIRST = "0001_initial"


def test_upgrade_from_empty_matches_the_models(tmp_path: Path) -> None:
    store = tmp_path / "s.sqlite3"
    migrate.upgrade(store, tmp_path / "backups")
    assert migrate.current_revision(store) == migrate.HEAD_REVISION
    engine = create_engine(f"sqlite:///{store}")
    with engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), Base.metadata)
    # FTS5 shadow tables are created by SQL, not by the models.
    diff = [d for d in diff if not (d[0] == "remove_table" and "customer_fts" in d[1].name)]
    assert diff == []
    engine.dispose()


def _seed_first_revision(store: Path) -> None:
    conn = sqlite3.connect(store)
    now = "2026-01-02 03:04:05.000000"
    conn.execute(
        "INSERT INTO users (id, username, display_name, role, email, phone, active, created_at,"
        " updated_at, server_version) VALUES ('aa'||hex(randomblob(15)), 'zhang', '张伟', 'sales',"
        " '', '', 1, ?, ?, 3)",
        (now, now),
    )
    user = conn.execute("SELECT id FROM users").fetchone()[0]
    conn.execute(
        "INSERT INTO customers (id, name, short_name, name_key, sort_key, category, sales_12m,"
        " industry, region, province, city, address, phone, email, website, assigned_to_id,"
        " credit_terms, tags, notes, created_at, updated_at, server_version)"
        " VALUES ('0123456789abcdef0123456789abcdef', '墙煌建材有限公司', '墙煌', '墙煌建材', '',"
        " 'key', 12345678, '建材', '华东', '浙江', '杭州', '滨江路1号', '0571-88886666', '', '',"
        " ?, '月结30天', '[\"幕墙\"]', '老客户', ?, ?, 7)",
        (user, now, now),
    )
    conn.execute(
        "INSERT INTO contacts (id, customer_id, name, role, mobile, landline, email, wechat,"
        " is_primary, notes, created_at, updated_at, server_version) VALUES"
        " ('fedcba9876543210fedcba9876543210', '0123456789abcdef0123456789abcdef', '王小明',"
        " '采购经理', '13800138000', '', 'w@qh.cn', 'wxm', 1, '', ?, ?, 7)",
        (now, now),
    )
    conn.execute(
        "INSERT INTO orders (id, customer_id, order_no, order_date, amount, currency, notes,"
        " created_at, updated_at, server_version) VALUES ('11111111111111111111111111111111',"
        " '0123456789abcdef0123456789abcdef', 'SO-1', '2026-01-01', 12345678, 'CNY', '', ?, ?, 7)",
        (now, now),
    )
    conn.execute(
        "INSERT INTO outbox (entity, row_id, op, changes, hlc, created_at) VALUES ('customers',"
        " '0123456789abcdef0123456789abcdef', 'update', '{\"notes\": [\"\", \"老客户\"]}',"
        " '1767000000000-00000-x', ?)",
        (now,),
    )
    conn.commit()
    conn.close()


def test_upgrade_from_first_revision_with_data_loses_nothing(tmp_path: Path) -> None:
    store = tmp_path / "s.sqlite3"
    migrate.upgrade(store, tmp_path / "backups", target=FIRST)
    _seed_first_revision(store)
    before = sqlite3.connect(store)
    snapshot = {
        t: before.execute(f"SELECT * FROM {t} ORDER BY 1").fetchall()
        for t in ("users", "customers", "contacts", "orders", "outbox")
    }
    before.close()

    result = prepare(store, tmp_path / "backups")

    assert migrate.current_revision(store) == migrate.HEAD_REVISION
    conn = sqlite3.connect(store)
    conn.row_factory = sqlite3.Row
    for table, rows in snapshot.items():
        after = conn.execute(f"SELECT * FROM {table} ORDER BY 1").fetchall()
        assert len(after) == len(rows), table
        old_columns = [
            d[0]
            for d in sqlite3.connect(store).execute(f"SELECT * FROM {table} LIMIT 0").description
        ]
        for old, new in zip(rows, after, strict=True):
            for i, value in enumerate(old):
                if old_columns[i] in new:
                    assert new[old_columns[i]] == value, (table, old_columns[i])
    conn.close()
    if result.migrated_from is not None:
        # An upgrade happened: the copy taken before it holds the old revision and data.
        assert result.backup is not None and result.backup.exists()
        assert migrate.current_revision(result.backup) == FIRST
    # The store opens and its customer is found.
    assert [r.name for r in CustomerBrowser(store).page(CustomerQuery(), 0, 10)] == [
        "墙煌建材有限公司"
    ]


def test_outbox_op_ids_are_never_reused_after_the_upgrade(tmp_path: Path) -> None:
    store = tmp_path / "s.sqlite3"
    migrate.upgrade(store, tmp_path / "backups", target=FIRST)
    _seed_first_revision(store)
    prepare(store, tmp_path / "backups")
    conn = sqlite3.connect(store)
    (kept,) = conn.execute("SELECT op_id FROM outbox").fetchone()
    conn.execute("DELETE FROM outbox")  # everything acknowledged and pruned
    conn.execute(
        "INSERT INTO outbox (entity, row_id, op, changes, hlc, created_at) VALUES"
        " ('customers', 'aa', 'update', '{}', 'x', '2026-01-01 00:00:00')")
    (new,) = conn.execute("SELECT op_id FROM outbox").fetchone()
    assert new > kept


def test_upgrade_fills_each_customers_last_done_visit(tmp_path: Path) -> None:
    """0007 stores each customer's last done, live visit: cancelled, planned and deleted
    visits do not count; a customer never visited keeps none."""
    store = tmp_path / "s.sqlite3"
    migrate.upgrade(store, tmp_path / "backups", target="0006_last_done_visit")
    conn = sqlite3.connect(store)
    now = "2026-12-03 02:00:00.000000"
    for cid in ("a" * 32, "b" * 32):
        _insert(conn, "customers", id=cid, name=cid, created_at=now, updated_at=now)
    visits = [  # customer a: the last done, live one is 1 November
        ("1" * 32, "done", "2026-11-01 01:00:00.000000", None),
        ("2" * 32, "done", "2026-10-01 01:00:00.000000", None),
        ("3" * 32, "cancelled", "2026-11-20 01:00:00.000000", None),
        ("4" * 32, "done", "2026-11-25 01:00:00.000000", now),  # deleted
        ("5" * 32, "planned", None, None),
    ]
    for vid, status, visited, deleted in visits:
        _insert(conn, "visits", id=vid, customer_id="a" * 32, starts_at=visited or now,
                status=status, visited_at=visited, deleted_at=deleted, created_at=now,
                updated_at=now)
    conn.commit()
    conn.close()

    migrate.upgrade(store, tmp_path / "backups")

    conn = sqlite3.connect(store)
    assert dict(conn.execute("SELECT id, last_visit_at FROM customers")) == {
        "a" * 32: "2026-11-01 01:00:00.000000", "b" * 32: None}
    conn.close()


def _insert(conn: sqlite3.Connection, table: str, **values: object) -> None:
    """A row with the values given and a neutral one in every other NOT NULL column."""
    row = dict(values)
    for _, name, kind, notnull, _, _ in conn.execute(f"PRAGMA table_info({table})"):
        if name not in row and notnull:
            row[name] = 0 if kind.upper().startswith(("INT", "BOOL", "NUMERIC")) else (
                "[]" if kind.upper() == "JSON" else "")
    conn.execute(f"INSERT INTO {table} ({', '.join(row)}) VALUES ({', '.join('?' * len(row))})",
                 tuple(row.values()))


def test_the_last_visit_triggers_exist_at_head(tmp_path: Path) -> None:
    """A migration that rebuilds ``visits`` drops its triggers: they must come back."""
    store = tmp_path / "s.sqlite3"
    migrate.upgrade(store, tmp_path / "backups")
    conn = sqlite3.connect(store)
    names = {r[0] for r in conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'visits'")}
    conn.close()
    assert {"tr_visits_last_visit_insert", "tr_visits_last_visit_update",
            "tr_visits_last_visit_delete"} <= names
