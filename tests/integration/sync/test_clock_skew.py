"""A laptop whose clock is wrong, against a real HQ process (SQLite and PostgreSQL) whose
clock is right: the laptop's clock is set through the injectable wall clock
(``salesdesk.domain.clock.wall_ms``, which the laptop's hybrid logical clock reads); HQ,
another process, keeps the machine's.

The rules (docs/SYNC.md, "Merge per field"): an edit cannot have been made after HQ received it,
so no stamp is later than HQ's clock when the push arrives; and a laptop whose clock was
wrong recovers at its next sync.
"""

from __future__ import annotations

import pytest
from sqlalchemy import select

from salesdesk.db.models import Customer, OutboxEntry
from salesdesk.domain import clock
from salesdesk.domain.hlc import Timestamp
from salesdesk.hq import schema
from tests.hqtest.laptops import hq_row, new_customer, set_field

DAY_MS = 86_400_000
REAL = clock.wall_ms


def set_clock(monkeypatch: pytest.MonkeyPatch, offset_ms: int) -> None:
    """The laptop's wall clock, ``offset_ms`` off the real time."""
    monkeypatch.setattr(clock, "wall_ms", lambda: REAL() + offset_ms)


@pytest.fixture
def pair(sales, office, monkeypatch):
    """Salesperson A with a customer, and HQ's office laptop; both synced, clocks right."""
    cid = new_customer(sales, "廊坊鑫达铝业有限公司", phone="0316-0000")
    sales.sync()
    office.sync()
    yield sales, office, cid
    monkeypatch.undo()


def phone(laptop, cid, value):
    set_field(laptop, Customer, cid, phone=value)


def hq_phone(hq_db, cid):
    return hq_row(hq_db, "customers", cid)["phone"]


def last_stamp(laptop) -> Timestamp:
    with laptop.factory() as session:
        raw = session.scalars(select(OutboxEntry.hlc).order_by(OutboxEntry.op_id.desc())).first()
    return Timestamp.parse(raw)


def test_a_clock_a_year_ahead_then_put_right_stops_winning(pair, hq_db, monkeypatch):
    """Seen: once the clock was put right, A's every later edit was still stamped "push
    time + 5 min" (the laptop's clock never moved back) and beat an edit made after it."""
    a, office, cid = pair
    set_clock(monkeypatch, 365 * DAY_MS)
    phone(a, cid, "0316-1111")
    a.sync()  # HQ clamps that stamp to its own clock
    set_clock(monkeypatch, 0)  # the clock is put right
    a.sync()  # ... and HQ's answer sets the laptop's clock back
    office.sync()

    phone(a, cid, "0316-2222")  # A first
    assert abs(last_stamp(a).wall_ms - REAL()) < 60_000
    set_clock(monkeypatch, 1)  # a millisecond on, whatever the clock's resolution
    phone(office, cid, "0316-3333")  # then the office, which has not seen A's
    office.sync()
    a.sync()
    assert hq_phone(hq_db, cid) == "0316-3333"
    lost = [(c.field, c.lost_value) for c in a.conflicts()]
    assert lost == [("phone", "0316-2222")]


def test_a_clock_minutes_ahead_wins_nothing_after_its_push(pair, hq_db, monkeypatch):
    """Seen: one clamped stamp (push time + 5 min) beat a correct edit made 4 minutes
    later. An edit is stamped no later than when HQ received it."""
    a, office, cid = pair
    set_clock(monkeypatch, 4 * 60_000)
    phone(a, cid, "0316-4444")
    a.sync()
    set_clock(monkeypatch, 1)  # right again, and a millisecond on
    phone(office, cid, "0316-5555")  # after A's push arrived; the office had not pulled it
    office.sync()
    assert hq_phone(hq_db, cid) == "0316-5555"
    with hq_db.read() as conn:
        cf = schema.conflict
        lost = conn.execute(select(cf.c.lost_value).where(cf.c.row_id == cid)).scalars().all()
    assert lost == ["0316-4444"]  # A's value lost, visibly


def test_a_clock_a_day_behind_still_orders_its_edits_after_what_it_pulled(
    pair, hq_db, monkeypatch,
):
    """A laptop a day behind stamps its edits no earlier than HQ's time at its last sync,
    so an edit of a value it has pulled is not taken for an older one."""
    a, office, cid = pair
    set_clock(monkeypatch, -DAY_MS)
    phone(office, cid, "0316-6666")
    office.sync()
    a.sync()  # pulls the office's value, and HQ's time
    phone(a, cid, "0316-7777")
    assert last_stamp(a).wall_ms > REAL() - 60_000
    a.sync()
    assert hq_phone(hq_db, cid) == "0316-7777"
    assert a.conflicts() == []
