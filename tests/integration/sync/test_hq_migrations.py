"""HQ's Alembic migrations build exactly the schema its code declares, on both databases."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import (
    Column,
    Engine,
    MetaData,
    Table,
    Uuid,
    create_engine,
    insert,
    select,
    update,
)

from salesdesk.hq import db as hq_db
from salesdesk.hq import schema
from salesdesk.hq.db import committed_version, migrate, next_version, open_database
from salesdesk.hq.schema import metadata
from tests.integration.sync.conftest import fresh_pg_database


def _check(url: str) -> None:
    migrate(url)
    migrate(url)  # running it again is harmless (every serve start does)
    db = open_database(url)
    try:
        with db.writer.connect() as conn:
            diff = compare_metadata(MigrationContext.configure(conn), metadata)
        assert diff == []
        with db.read() as conn:
            empty = committed_version(conn)
        # SQLite counts from 0; PostgreSQL's versions are transaction ids (plus an offset).
        assert empty == 0 if db.is_sqlite else empty > 0
    finally:
        db.dispose()


def test_sqlite(tmp_path):
    _check(f"sqlite:///{tmp_path / 'hq.sqlite3'}")


def test_postgresql(pg_url):
    url, drop = fresh_pg_database(pg_url)
    try:
        _check(url)
    finally:
        drop()


def test_a_restored_postgresql_database_keeps_versions_growing(pg_url):
    """After a dump is restored into a new cluster, transaction ids start low again; the
    versions already handed out (and the cursors laptops hold) must stay below new ones."""
    url, drop = fresh_pg_database(pg_url)
    try:
        migrate(url)
        db = open_database(url)
        try:
            with db.write() as conn:
                handed_out = next_version(conn) + 1_000_000  # as if from a busier cluster
                conn.execute(insert(schema.sync_row).values(
                    entity="customers", row_id=uuid.uuid4(), version=handed_out,
                    customer_id=None,
                ))
            with db.read() as conn:
                assert committed_version(conn) < handed_out  # the "restored" state
            migrate(url)  # what every serve start runs
            with db.read() as conn:
                assert committed_version(conn) >= handed_out
            with db.write() as conn:
                assert next_version(conn) > handed_out
            migrate(url)  # nothing more to do: the offset stays
            with db.write() as conn:
                later = next_version(conn)
            assert handed_out < later < handed_out + 1000
        finally:
            db.dispose()
    finally:
        drop()


# --- 0005: visits and promises in the shape the domain states (issue 13) ---------------------

BEFORE_VISITS = "0004_assignment_history"
CUSTOMER = uuid.UUID("0123456789abcdef0123456789abcdef")
OLD_VISITS = {  # id: (planned_for, status, visited_at)
    uuid.UUID(int=1): (date(2026, 3, 4), "planned", None),
    uuid.UUID(int=2): (date(2026, 2, 10), "done", datetime(2026, 2, 10, 6, 30)),
    uuid.UUID(int=3): (None, "done", datetime(2026, 1, 20, 2, 15)),
    uuid.UUID(int=4): (None, "cancelled", None),  # no day, never happened
}
OLD_PROMISES = {  # id: (due_date, owner, status, resolved_at, resolution_note)
    uuid.UUID(int=11): (date(2026, 3, 10), "物流部", "open", None, ""),
    uuid.UUID(int=12): (date(2026, 2, 15), "", "kept", datetime(2026, 2, 14, 9), "按时寄出"),
    uuid.UUID(int=13): (date(2026, 1, 5), "质量部", "broken", datetime(2026, 1, 8, 9),
                        "检测报告晚了三天"),
}


def _tables(engine: Engine) -> tuple[Table, Table]:
    """The two tables as the database has them now (SQLite reflects UUIDs as text)."""
    meta = MetaData()

    def uuids(*names: str) -> list[Column[uuid.UUID]]:
        return [Column(name, Uuid, primary_key=name == "id") for name in names]

    return (
        Table("visits", meta, *uuids("id", "customer_id", "salesperson_id"),
              autoload_with=engine),
        Table("promises", meta, *uuids("id", "customer_id", "visit_id", "made_by_id"),
              autoload_with=engine),
    )


def _alembic(engine: Engine, action: str, revision: str) -> None:
    from alembic import command

    with engine.begin() as conn:
        cfg = hq_db._alembic_config(engine.url.render_as_string(hide_password=False))
        cfg.attributes["connection"] = conn
        getattr(command, action)(cfg, revision)


def _old_shape(url: str) -> Engine:
    """HQ's database at the revision before 0005, holding visits and promises."""
    # A PostgreSQL session in Shanghai time: naive UTC columns must not shift with it.
    engine = create_engine(url, connect_args={"options": "-c TimeZone=Asia/Shanghai"}
                           if url.startswith("postgresql") else {})
    _alembic(engine, "upgrade", BEFORE_VISITS)
    visits, promises = _tables(engine)
    with engine.begin() as conn:
        for vid, (planned_for, status, visited_at) in OLD_VISITS.items():
            conn.execute(insert(visits).values(
                id=vid, customer_id=CUSTOMER, planned_for=planned_for, purpose="季度回访",
                status=status, visited_at=visited_at, met_with="王小明", discussed="下季度用量",
                customer_needs="交期7天", dislikes="", receiving_problems="", improvements="",
                stamps={"status": "1767000000000-00000-x"},
            ))
        for pid, (due, owner, status, resolved, note) in OLD_PROMISES.items():
            conn.execute(insert(promises).values(
                id=pid, customer_id=CUSTOMER, visit_id=uuid.UUID(int=2), made_to="王小明",
                description="寄送色卡", due_date=due, owner=owner, status=status,
                resolved_at=resolved, resolution_note=note, stamps={},
            ))
    return engine


def _check_visits_and_promises(url: str) -> None:
    engine = _old_shape(url)
    try:
        started = datetime.now(UTC).replace(tzinfo=None, microsecond=0)
        _alembic(engine, "upgrade", "head")
        visits, promises = _tables(engine)
        with engine.connect() as conn:
            got = {r.id: r for r in conn.execute(select(visits))}
            kept = {r.id: r for r in conn.execute(select(promises))}
        assert set(got) == set(OLD_VISITS) and set(kept) == set(OLD_PROMISES)
        # A day's plan starts at 09:00 Shanghai time, 01:00 UTC that day; no plan day: when
        # it took place.
        assert got[uuid.UUID(int=1)].starts_at == datetime(2026, 3, 4, 1, 0)
        assert got[uuid.UUID(int=2)].starts_at == datetime(2026, 2, 10, 1, 0)
        assert got[uuid.UUID(int=3)].starts_at == datetime(2026, 1, 20, 2, 15)
        for vid, (_, status, visited_at) in OLD_VISITS.items():
            v = got[vid]
            assert (v.status, v.visited_at, v.discussed, v.met_with, v.stamps) == (
                status, visited_at, "下季度用量", "王小明", {"status": "1767000000000-00000-x"})
            assert (v.ends_at, v.place, v.contact_ids, v.sequence) == (None, "", [], 0)
        for pid, (due, owner, status, resolved, note) in OLD_PROMISES.items():
            p = kept[pid]
            assert (p.made_on, p.due, p.status, p.closed_at, p.reason) == (
                due, due, status, resolved, note)
            assert p.description == (f"寄送色卡 ({owner})" if owner else "寄送色卡")
            assert p.department == "" and p.closed_by_id is None
        # Neither: it starts when the migration ran, in UTC.
        assert started <= got[uuid.UUID(int=4)].starts_at <= datetime.now(UTC).replace(
            tzinfo=None)

        # Back: a visit planned at 07:30 Shanghai time (23:30 UTC the day before) keeps its day.
        with engine.begin() as conn:
            conn.execute(update(visits).where(visits.c.id == uuid.UUID(int=1))
                         .values(starts_at=datetime(2026, 3, 3, 23, 30)))
        _alembic(engine, "downgrade", BEFORE_VISITS)
        visits, promises = _tables(engine)
        with engine.connect() as conn:
            back = {r.id: r for r in conn.execute(select(visits))}
            old = {r.id: r for r in conn.execute(select(promises))}
        assert {vid: back[vid].planned_for for vid in back if vid.int < 4} == {
            uuid.UUID(int=1): date(2026, 3, 4), uuid.UUID(int=2): date(2026, 2, 10),
            uuid.UUID(int=3): date(2026, 1, 20)}
        for pid, (due, _, status, resolved, note) in OLD_PROMISES.items():
            p = old[pid]
            assert (p.due_date, p.status, p.resolved_at, p.resolution_note, p.made_to) == (
                due, status, resolved, note, "王小明")
        migrate(url)  # and up again
        with engine.connect() as conn:
            assert len(conn.execute(select(_tables(engine)[0])).all()) == len(OLD_VISITS)
    finally:
        engine.dispose()


def test_sqlite_converts_old_visits_and_promises_both_ways(tmp_path):
    _check_visits_and_promises(f"sqlite:///{tmp_path / 'hq.sqlite3'}")


def test_postgresql_converts_old_visits_and_promises_both_ways(pg_url):
    url, drop = fresh_pg_database(pg_url)
    try:
        _check_visits_and_promises(url)
    finally:
        drop()


# --- 0006: shipment notices as domain/shipments.py states them (issue 14) ---------------------

BEFORE_SHIPMENTS = "0005_visits_promises"
OLD_NOTICES = {  # id: (status, eta, notes, recipient_email)
    uuid.UUID(int=21): ("sent", datetime(2026, 3, 5, 2), "上午卸货", "w@qh.cn"),
    uuid.UUID(int=22): ("draft", None, "", ""),
    uuid.UUID(int=23): ("arrived", datetime(2026, 2, 1, 2), "", "x@qh.cn"),
}


def _notices(engine: Engine) -> Table:
    return Table("shipment_notices", MetaData(), Column("id", Uuid, primary_key=True),
                 Column("customer_id", Uuid), autoload_with=engine)


def _check_shipment_notices(url: str) -> None:
    engine = create_engine(url)
    try:
        _alembic(engine, "upgrade", BEFORE_SHIPMENTS)
        notices = _notices(engine)
        with engine.begin() as conn:
            for nid, (status, eta, notes, email) in OLD_NOTICES.items():
                conn.execute(insert(notices).values(
                    id=nid, customer_id=CUSTOMER, notice_no="", truck_plate="粤B12345",
                    driver_name="", driver_phone="", status=status, eta=eta, notes=notes,
                    recipient_email=email, stamps={}))
        _alembic(engine, "upgrade", "head")
        with engine.connect() as conn:
            got = {r.id: r for r in conn.execute(select(_notices(engine)))}
        one, two, three = (got[uuid.UUID(int=n)] for n in (21, 22, 23))
        assert (one.remarks, two.remarks, three.remarks) == ("上午卸货\nw@qh.cn", "", "x@qh.cn")
        assert (one.first_eta, two.first_eta, three.first_eta) == (
            datetime(2026, 3, 5, 2), None, datetime(2026, 2, 1, 2))
        assert (one.recipient_contact_ids, one.language) == ([], "zh")

        with engine.begin() as conn:
            table = _notices(engine)
            conn.execute(update(table).where(table.c.id == uuid.UUID(int=23))
                         .values(arrival_remarks="包装完好"))
        _alembic(engine, "downgrade", BEFORE_SHIPMENTS)
        with engine.connect() as conn:
            back = {r.id: r for r in conn.execute(select(_notices(engine)))}
        assert back[uuid.UUID(int=21)].notes == "上午卸货\nw@qh.cn"
        assert back[uuid.UUID(int=23)].notes == "x@qh.cn\n包装完好"
        assert {nid: (r.status, r.eta) for nid, r in back.items()} == {
            nid: (status, eta) for nid, (status, eta, _, _) in OLD_NOTICES.items()}
    finally:
        engine.dispose()


# --- 0007: complaints in the shape the domain states (issue 15) ----------------------------

BEFORE_COMPLAINTS = "0006_shipment_notices"
OLD_COMPLAINTS = {  # id: (status, satisfied, received_at)
    uuid.UUID("c0000000-0000-0000-0000-000000000a01"): ("open", None, datetime(2026, 3, 1, 17)),
    uuid.UUID("c0000000-0000-0000-0000-000000000a02"): ("in_progress", None,
                                                        datetime(2026, 3, 2, 2)),
    uuid.UUID("c0000000-0000-0000-0000-000000000a03"): ("closed", True, datetime(2026, 2, 2, 2)),
}


def _complaint_tables(engine: Engine) -> tuple[Table, Table]:
    meta = MetaData()
    return (
        Table("complaints", meta, Column("id", Uuid, primary_key=True),
              Column("customer_id", Uuid), autoload_with=engine),
        Table("complaint_events", meta, Column("id", Uuid, primary_key=True),
              Column("complaint_id", Uuid), autoload_with=engine),
    )


def _check_complaints(url: str) -> None:
    engine = create_engine(url, connect_args={"options": "-c TimeZone=Asia/Shanghai"}
                           if url.startswith("postgresql") else {})
    try:
        _alembic(engine, "upgrade", BEFORE_COMPLAINTS)
        complaints, events = _complaint_tables(engine)
        first = uuid.UUID("c0000000-0000-0000-0000-000000000a01")
        with engine.begin() as conn:
            for cid, (status, satisfied, received) in OLD_COMPLAINTS.items():
                conn.execute(insert(complaints).values(
                    id=cid, customer_id=CUSTOMER, batch_no="", category="quality",
                    description="铝板色差", received_at=received, response_hours=24,
                    status=status, satisfied=satisfied,
                    resolved_at=datetime(2026, 3, 3) if status == "closed" else None, stamps={}))
            conn.execute(insert(events).values(
                id=uuid.UUID(int=99), complaint_id=first, at=datetime(2026, 3, 3),
                kind="read_back", author="张伟", department="", text="已复述", stamps={}))

        _alembic(engine, "upgrade", "head")
        complaints, events = _complaint_tables(engine)
        with engine.connect() as conn:
            got = {r.id: r for r in conn.execute(select(complaints))}
            [event] = conn.execute(select(events)).all()
        assert {k: (r.status, r.satisfaction) for k, r in got.items()} == {
            first: ("received", None),
            uuid.UUID("c0000000-0000-0000-0000-000000000a02"): ("investigating", None),
            uuid.UUID("c0000000-0000-0000-0000-000000000a03"): ("closed", 5),
        }
        # Received at 17:00 UTC on 1 March: 2 March in Shanghai.
        assert got[first].reference == "TS-20260302-00000A01"
        assert (event.kind, event.text, event.by_id) == ("acknowledged", "张伟: 已复述", None)

        _alembic(engine, "downgrade", BEFORE_COMPLAINTS)
        complaints, events = _complaint_tables(engine)
        with engine.connect() as conn:
            back = {r.id: (r.status, r.satisfied) for r in conn.execute(select(complaints))}
            kinds = [r.kind for r in conn.execute(select(events))]
        assert back == {k: (s, sat) for k, (s, sat, _) in OLD_COMPLAINTS.items()}
        assert kinds == ["read_back"]
        migrate(url)  # and up again
    finally:
        engine.dispose()


def test_sqlite_converts_old_shipment_notices_both_ways(tmp_path):
    _check_shipment_notices(f"sqlite:///{tmp_path / 'hq.sqlite3'}")


def test_postgresql_converts_old_shipment_notices_both_ways(pg_url):
    url, drop = fresh_pg_database(pg_url)
    try:
        _check_shipment_notices(url)
    finally:
        drop()


def test_sqlite_converts_old_complaints_both_ways(tmp_path):
    _check_complaints(f"sqlite:///{tmp_path / 'hq.sqlite3'}")


def test_postgresql_converts_old_complaints_both_ways(pg_url):
    url, drop = fresh_pg_database(pg_url)
    try:
        _check_complaints(url)
    finally:
        drop()
