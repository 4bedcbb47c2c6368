"""Migrations: from nothing, and from the first revision with data, nothing lost."""

from __future__ import annotations

import sqlite3
import uuid
from datetime import datetime
from pathlib import Path

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import create_engine

from salesdesk.db import migrate
from salesdesk.db.models import Base
from salesdesk.domain.due import SHANGHAI
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


# --- 0004: visits and promises in the shape the domain states (issue 13) ---------------------

BEFORE_VISITS = "0003_sync_reasons"
CUSTOMER = "0123456789abcdef0123456789abcdef"
VISITS = {  # id: (planned_for, status, visited_at, created_at)
    "a0000000000000000000000000000001": ("2026-03-04", "planned", None,
                                         "2026-03-01 10:00:00.000000"),
    "a0000000000000000000000000000002": ("2026-02-10", "done", "2026-02-10 06:30:00.000000",
                                         "2026-02-01 10:00:00.000000"),
    "a0000000000000000000000000000003": (None, "done", "2026-01-20 02:15:00.000000",
                                         "2026-01-19 10:00:00.000000"),
}
PROMISES = {  # id: (due_date, owner, status, resolved_at, resolution_note, created_at)
    "b0000000000000000000000000000001": ("2026-03-10", "物流部", "open", None, "",
                                         "2026-03-01 10:00:00.000000"),
    # Made in the evening of 10 February UTC: 11 February in Shanghai.
    "b0000000000000000000000000000002": ("2026-02-15", "", "kept",
                                         "2026-02-14 09:00:00.000000", "按时寄出",
                                         "2026-02-10 18:00:00.000000"),
    # Recorded after it was due (typed in late): made on its due day at the latest.
    "b0000000000000000000000000000003": ("2026-01-05", "质量部", "broken",
                                         "2026-01-08 09:00:00.000000", "检测报告晚了三天",
                                         "2026-01-06 10:00:00.000000"),
}


def _seed_old_visits_and_promises(store: Path) -> None:
    _seed_first_revision(store)
    conn = sqlite3.connect(store)
    user = conn.execute("SELECT id FROM users").fetchone()[0]
    for vid, (planned_for, status, visited_at, created) in VISITS.items():
        conn.execute(
            "INSERT INTO visits (id, customer_id, salesperson_id, planned_for, purpose, status,"
            " visited_at, met_with, discussed, customer_needs, dislikes, receiving_problems,"
            " improvements, created_at, updated_at, server_version) VALUES (?, ?, ?, ?, '季度回访',"
            " ?, ?, '王小明', '下季度用量', '交期7天', '', '', '', ?, ?, 5)",
            (vid, CUSTOMER, user, planned_for, status, visited_at, created, created),
        )
    for pid, (due, owner, status, resolved, note, created) in PROMISES.items():
        conn.execute(
            "INSERT INTO promises (id, customer_id, visit_id, made_by_id, made_to, description,"
            " due_date, owner, status, resolved_at, resolution_note, created_at, updated_at,"
            " server_version) VALUES (?, ?, 'a0000000000000000000000000000002', ?, '王小明',"
            " '寄送色卡', ?, ?, ?, ?, ?, ?, ?, 5)",
            (pid, CUSTOMER, user, due, owner, status, resolved, note, created, created),
        )
    conn.commit()
    conn.close()


def _rows(store: Path, sql: str) -> dict[str, dict[str, object]]:
    conn = sqlite3.connect(store)
    conn.row_factory = sqlite3.Row
    try:
        return {r["id"]: dict(r) for r in conn.execute(sql)}
    finally:
        conn.close()


def test_visits_and_promises_of_the_old_shape_are_converted_not_lost(tmp_path: Path) -> None:
    store = tmp_path / "s.sqlite3"
    migrate.upgrade(store, tmp_path / "backups", target=BEFORE_VISITS)
    _seed_old_visits_and_promises(store)

    prepare(store, tmp_path / "backups")

    assert migrate.current_revision(store) == migrate.HEAD_REVISION
    visits = _rows(store, "SELECT * FROM visits")
    assert set(visits) == set(VISITS)
    # A day's plan starts at 09:00 Shanghai time, 01:00 UTC that day.
    assert visits["a0000000000000000000000000000001"]["starts_at"] == "2026-03-04 01:00:00.000000"
    assert visits["a0000000000000000000000000000002"]["starts_at"] == "2026-02-10 01:00:00.000000"
    # No plan day: it started when it took place.
    assert visits["a0000000000000000000000000000003"]["starts_at"] == "2026-01-20 02:15:00.000000"
    for vid, (_, status, visited_at, _) in VISITS.items():
        v = visits[vid]
        assert (v["status"], v["visited_at"], v["discussed"], v["met_with"]) == (
            status, visited_at, "下季度用量", "王小明")
        assert (v["ends_at"], v["place"], v["contact_ids"], v["sequence"]) == (None, "", "[]", 0)
    promises = _rows(store, "SELECT * FROM promises")
    assert set(promises) == set(PROMISES)
    for pid, (due, owner, status, resolved, note, created) in PROMISES.items():
        p = promises[pid]
        assert (p["due"], p["status"], p["closed_at"], p["reason"]) == (
            due, status, resolved, note)
        made = datetime.fromisoformat(created + "+00:00").astimezone(SHANGHAI).date()
        assert p["made_on"] == min(made.isoformat(), due)
        # The old free-text owner (who delivers) is kept in the description.
        assert p["description"] == (f"寄送色卡 ({owner})" if owner else "寄送色卡")
        assert p["department"] == "" and p["closed_by_id"] is None
    # The store opens through the models: every converted row is what the domain reads.
    from sqlalchemy import select

    from salesdesk.db.models import Promise, Visit
    from salesdesk.db.session import create_store_engine, session_factory

    engine = create_store_engine(store)
    with session_factory(engine)() as session:
        planned = session.get(Visit, uuid.UUID("a0000000000000000000000000000001"))
        assert planned is not None
        assert planned.starts_at == datetime(2026, 3, 4, 9, tzinfo=SHANGHAI)
        assert len(session.scalars(select(Promise)).all()) == len(PROMISES)
    engine.dispose()


def test_visits_and_promises_survive_a_downgrade_and_upgrade_again(tmp_path: Path) -> None:
    store = tmp_path / "s.sqlite3"
    migrate.upgrade(store, tmp_path / "backups", target=BEFORE_VISITS)
    _seed_old_visits_and_promises(store)
    before_visits = _rows(store, "SELECT * FROM visits")
    before_promises = _rows(store, "SELECT * FROM promises")
    migrate.upgrade(store, tmp_path / "backups")
    conn = sqlite3.connect(store)
    # A visit planned at 07:30 Shanghai time: 23:30 UTC the day before.
    conn.execute("UPDATE visits SET starts_at = '2026-03-03 23:30:00.000000'"
                 " WHERE id = 'a0000000000000000000000000000001'")
    conn.commit()
    conn.close()

    from alembic import command

    command.downgrade(migrate._alembic_config(store), BEFORE_VISITS)  # type: ignore[arg-type]  # a Config

    assert migrate.current_revision(store) == BEFORE_VISITS
    visits = _rows(store, "SELECT * FROM visits")
    # The plan's day is the local day it starts on.
    assert visits["a0000000000000000000000000000001"]["planned_for"] == "2026-03-04"
    assert visits["a0000000000000000000000000000002"]["planned_for"] == "2026-02-10"
    for vid, old in before_visits.items():
        for column in old:
            if column not in ("planned_for", "updated_at"):
                assert visits[vid][column] == old[column], (vid, column)
    promises = _rows(store, "SELECT * FROM promises")
    for pid, old in before_promises.items():
        for column in ("due_date", "status", "resolved_at", "resolution_note", "made_to"):
            assert promises[pid][column] == old[column], (pid, column)
    migrate.upgrade(store, tmp_path / "backups")
    assert set(_rows(store, "SELECT * FROM visits")) == set(VISITS)
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


# --- 0008: shipment notices as domain/shipments.py states them (issue 14) ---------------------

BEFORE_SHIPMENTS = "0007_customer_last_visit"
NOTICES = {  # id: (status, eta, notes, recipient_email)
    "c0000000000000000000000000000001": ("sent", "2026-03-05 02:00:00.000000", "上午卸货",
                                         "w@qh.cn"),
    "c0000000000000000000000000000002": ("draft", None, "", ""),
    "c0000000000000000000000000000003": ("arrived", "2026-02-01 02:00:00.000000", "", "x@qh.cn"),
}


def _seed_old_notices(store: Path) -> None:
    _seed_first_revision(store)
    conn = sqlite3.connect(store)
    now = "2026-03-01 01:00:00.000000"
    for nid, (status, eta, notes, email) in NOTICES.items():
        _insert(conn, "shipment_notices", id=nid, customer_id=CUSTOMER, status=status, eta=eta,
                notes=notes, recipient_email=email, truck_plate="粤B12345",
                created_at=now, updated_at=now)
        _insert(conn, "shipment_lines", id="d" + nid[1:], notice_id=nid, spec="镀锌卷",
                quantity=25500, unit="t", created_at=now, updated_at=now)
        _insert(conn, "shipment_dispatches", id="e" + nid[1:], notice_id=nid, sent_at=now,
                channel="email", recipient=email, eta=eta, message="发货通知",
                created_at=now, updated_at=now)
    conn.commit()
    conn.close()


def test_shipment_notices_are_converted_both_ways(tmp_path: Path) -> None:
    store = tmp_path / "s.sqlite3"
    migrate.upgrade(store, tmp_path / "backups", target=BEFORE_SHIPMENTS)
    _seed_old_notices(store)
    before = _rows(store, "SELECT * FROM shipment_notices")

    migrate.upgrade(store, tmp_path / "backups")

    notices = _rows(store, "SELECT * FROM shipment_notices")
    one, two, three = (notices[n] for n in NOTICES)
    # Notes become remarks; the old single address is kept in them, not lost.
    assert (one["remarks"], two["remarks"], three["remarks"]) == (
        "上午卸货\nw@qh.cn", "", "x@qh.cn")
    # A notice sent before promised its ETA first; a draft promised nothing yet.
    assert (one["first_eta"], two["first_eta"], three["first_eta"]) == (
        NOTICES["c0000000000000000000000000000001"][1], None,
        NOTICES["c0000000000000000000000000000003"][1])
    assert (one["recipient_contact_ids"], one["language"], one["truck_plate"]) == (
        "[]", "zh", "粤B12345")
    dispatches = _rows(store, "SELECT * FROM shipment_dispatches")
    assert {d["result"] for d in dispatches.values()} == {"sent"}
    lines = _rows(store, "SELECT * FROM shipment_lines")
    assert {(x["spec"], x["quantity"], x["position"]) for x in lines.values()} == {
        ("镀锌卷", 25500, 0)}

    conn = sqlite3.connect(store)
    conn.execute("UPDATE shipment_notices SET arrival_remarks = '包装完好'"
                 " WHERE id = 'c0000000000000000000000000000003'")
    conn.commit()
    conn.close()
    from alembic import command

    command.downgrade(migrate._alembic_config(store), BEFORE_SHIPMENTS)  # type: ignore[arg-type]  # a Config

    back = _rows(store, "SELECT * FROM shipment_notices")
    assert back["c0000000000000000000000000000001"]["notes"] == "上午卸货\nw@qh.cn"
    assert back["c0000000000000000000000000000003"]["notes"] == "x@qh.cn\n包装完好"
    for nid, old in before.items():
        for column in ("status", "eta", "truck_plate", "customer_id"):
            assert back[nid][column] == old[column], (nid, column)
    migrate.upgrade(store, tmp_path / "backups")
    assert set(_rows(store, "SELECT * FROM shipment_notices")) == set(NOTICES)
def test_the_mail_outbox_comes_and_goes_with_0009(tmp_path: Path) -> None:
    """0009 adds the local ``mail_outbox``; its messages then move beside it, unchanged
    (``mail_outbox_messages``), and back on the way down; down past 0009 leaves the tables
    as they were."""
    from alembic import command

    store = tmp_path / "s.sqlite3"
    migrate.upgrade(store, tmp_path / "backups", target="0007_customer_last_visit")
    conn = sqlite3.connect(store)
    before = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    conn.close()
    migrate.upgrade(store, tmp_path / "backups", target="0009_mail_outbox")
    raw = b"Message-ID: <m@x.cn>\r\n\r\n" + bytes(range(256)) * 200
    conn = sqlite3.connect(store)
    _insert(conn, "mail_outbox", id="c" * 32, message_id="<m@x.cn>", message=raw,
            recipients='["a@x.cn"]', state="unknown")
    conn.commit()
    conn.close()
    migrate.upgrade(store, tmp_path / "backups")
    conn = sqlite3.connect(store)
    assert conn.execute("SELECT outbox_id, message FROM mail_outbox_messages").fetchall() == [
        ("c" * 32, raw)]
    assert conn.execute("SELECT message_id, state FROM mail_outbox").fetchall() == [
        ("<m@x.cn>", "unknown")]
    conn.close()
    config = migrate._alembic_config(store)
    command.downgrade(config, "0009_mail_outbox")  # type: ignore[arg-type]  # a Config
    conn = sqlite3.connect(store)
    assert conn.execute("SELECT message FROM mail_outbox").fetchall() == [(raw,)]
    conn.close()
    command.downgrade(config, "0007_customer_last_visit")  # type: ignore[arg-type]  # a Config
    conn = sqlite3.connect(store)
    after = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    conn.close()
    assert after == before
    migrate.upgrade(store, tmp_path / "backups")
    assert migrate.current_revision(store) == migrate.HEAD_REVISION


# --- 0010: complaints in the shape the domain states (issue 15) ----------------------------

BEFORE_COMPLAINTS = "0009_mail_outbox_messages"
OLD_COMPLAINTS = {  # id: (status, satisfied, received_at)
    "c0000000000000000000000000000a01": ("open", None, "2026-03-01 17:00:00.000000"),
    "c0000000000000000000000000000a02": ("in_progress", None, "2026-03-02 02:00:00.000000"),
    "c0000000000000000000000000000a03": ("closed", 1, "2026-02-02 02:00:00.000000"),
}


def _seed_old_complaints(store: Path) -> None:
    conn = sqlite3.connect(store)
    now = "2026-03-03 02:00:00.000000"
    _insert(conn, "customers", id=CUSTOMER, name="墙煌", created_at=now, updated_at=now)
    for cid, (status, satisfied, received) in OLD_COMPLAINTS.items():
        _insert(conn, "complaints", id=cid, customer_id=CUSTOMER, category="quality",
                description="铝板色差", received_at=received, response_hours=24, status=status,
                satisfied=satisfied, resolved_at=now if status == "closed" else None,
                created_at=now, updated_at=now)
    _insert(conn, "complaint_events", id="e" * 32, complaint_id="c0000000000000000000000000000a01",
            at=now, kind="read_back", author="张伟", text="已复述", created_at=now, updated_at=now)
    conn.commit()
    conn.close()


def test_complaints_of_the_old_shape_are_converted_both_ways(tmp_path: Path) -> None:
    store = tmp_path / "s.sqlite3"
    migrate.upgrade(store, tmp_path / "backups", target=BEFORE_COMPLAINTS)
    _seed_old_complaints(store)

    migrate.upgrade(store, tmp_path / "backups")

    got = _rows(store, "SELECT * FROM complaints")
    assert {k: (v["status"], v["satisfaction"]) for k, v in got.items()} == {
        "c0000000000000000000000000000a01": ("received", None),
        "c0000000000000000000000000000a02": ("investigating", None),
        "c0000000000000000000000000000a03": ("closed", 5),
    }
    # Received at 17:00 UTC on 1 March: 2 March in Shanghai.
    assert got["c0000000000000000000000000000a01"]["reference"] == "TS-20260302-00000A01"
    assert got["c0000000000000000000000000000a03"]["closed_at"] == "2026-03-03 02:00:00.000000"
    [event] = _rows(store, "SELECT * FROM complaint_events").values()
    assert (event["kind"], event["text"], event["by_id"]) == ("acknowledged", "张伟: 已复述", None)

    from alembic import command

    command.downgrade(migrate._alembic_config(store), BEFORE_COMPLAINTS)  # type: ignore[arg-type]  # a Config
    back = _rows(store, "SELECT * FROM complaints")
    assert {k: (v["status"], v["satisfied"]) for k, v in back.items()} == {
        k: (status, satisfied) for k, (status, satisfied, _) in OLD_COMPLAINTS.items()}
    assert [e["kind"] for e in _rows(store, "SELECT * FROM complaint_events").values()] == [
        "read_back"]
    migrate.upgrade(store, tmp_path / "backups")
    assert set(_rows(store, "SELECT * FROM complaints")) == set(OLD_COMPLAINTS)
