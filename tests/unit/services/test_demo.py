"""The demo book looks like this trade: coated coil sold by the tonne at 18,000-32,000 CNY/t,
orders of a few to tens of tonnes, and a customer book whose sales follow the 80/20 rule."""

from __future__ import annotations

import re
import shutil
import sqlite3
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from pathlib import Path

from salesdesk.domain.due import SHANGHAI
from salesdesk.domain.tiers import Tier
from salesdesk.domain.visits import CustomerCadence, overdue_contacts

TONNES_AND_PRICE = re.compile(r"^(\d+(?:\.\d)?) 吨 × ([\d,]+) 元/吨$")


def _orders(store: Path) -> list[tuple[Decimal, str]]:
    conn = sqlite3.connect(store)
    try:
        rows = conn.execute("SELECT amount, notes FROM orders").fetchall()
    finally:
        conn.close()
    return [(Decimal(amount) / 100, notes) for amount, notes in rows]  # stored as fen


def test_demo_orders_are_tonnes_of_coil_at_market_prices(template_demo_store: Path) -> None:
    orders = _orders(template_demo_store)
    assert len(orders) > 500
    for amount, notes in orders:
        match = TONNES_AND_PRICE.match(notes)
        assert match, notes
        tonnes = Decimal(match[1])
        price = Decimal(match[2].replace(",", ""))
        assert 3 <= tonnes <= 90, notes
        assert 18_000 <= price <= 32_000, notes
        assert amount == (tonnes * price).quantize(Decimal("1.00"))
    largest = max(amount for amount, _ in orders)
    assert largest <= 90 * 32_000  # ~2.9 million at most; it used to reach ~22 million
    assert sum(amount for amount, _ in orders) / len(orders) < 1_000_000


def test_demo_tiers_follow_the_pareto_rule(template_demo_store: Path) -> None:
    conn = sqlite3.connect(template_demo_store)
    try:
        tiers = dict(conn.execute("SELECT tier, count(*) FROM customers GROUP BY tier").fetchall())
        names = {name for (name,) in conn.execute("SELECT name FROM customers")}
    finally:
        conn.close()
    # A minority of the buying customers makes 80 % of the sales (A).
    buyers = tiers["A"] + tiers["B"] + tiers["C"]
    assert 0 < tiers["A"] <= 0.35 * buyers
    # The import tests and the issue that found the silent merge rely on these two companies.
    assert {"苏州汇能钢结构股份有限公司", "苏州汇能钢结构有限公司"} <= names


# --- visits, competitor quotes and promises (issue 13) ---------------------------------------

CJK = re.compile(r"[\u4e00-\u9fff]")


def _rows(store: Path, sql: str) -> list[sqlite3.Row]:
    conn = sqlite3.connect(store)
    conn.row_factory = sqlite3.Row
    try:
        return conn.execute(sql).fetchall()
    finally:
        conn.close()


def _utc(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=UTC)


def test_demo_visits_cover_18_months_with_outcomes_cancellations_and_plans(
    template_demo_store: Path,
) -> None:
    visits = _rows(template_demo_store, "SELECT * FROM visits")
    now = datetime.now(UTC)
    today = now.astimezone(SHANGHAI).date()
    by_status: dict[str, list[sqlite3.Row]] = {}
    for v in visits:
        by_status.setdefault(v["status"], []).append(v)
    done, planned = by_status["done"], by_status["planned"]
    starts = [_utc(v["starts_at"]) for v in done]
    assert (now - min(starts)).days >= 500  # about 18 months of history
    for v in done:
        assert _utc(v["visited_at"]) <= now
        assert CJK.search(v["discussed"]) and CJK.search(v["customer_needs"]), v["discussed"]
        assert v["next_step"] and v["met_contact_ids"] != "[]"
        # Planned in the working day, Shanghai time: 09:00-16:30 is 01:00-08:30 UTC.
        assert 1 <= _utc(v["starts_at"]).hour <= 9, v["starts_at"]
    filled = {f: sum(bool(v[f]) for v in done) for f in
              ("dislikes", "receiving_problems", "improvements", "summary_printed_at")}
    assert all(n > 20 for n in filled.values()), filled
    assert all(v["reason"] for v in by_status["cancelled"])
    local_days = [_utc(v["starts_at"]).astimezone(SHANGHAI).date() for v in planned]
    assert sum(d == today for d in local_days) >= 4  # today's visits
    assert all(d >= today for d in local_days)
    assert max(local_days) > today + timedelta(days=7)  # and the coming weeks
    events = _rows(template_demo_store, "SELECT * FROM visit_events")
    kinds = {e["kind"] for e in events}
    assert kinds == {"done", "cancelled", "rescheduled"}
    moved = [e for e in events if e["kind"] == "rescheduled"]
    assert all(e["reason"] and e["previous_starts_at"] for e in moved)
    by_id = {v["id"]: v for v in visits}
    for e in moved:  # the history keeps where the visit was; the visit moved on
        assert e["previous_starts_at"] != by_id[e["visit_id"]]["starts_at"]
        assert by_id[e["visit_id"]]["sequence"] >= 1


def test_demo_competitor_quotes_look_like_the_market(template_demo_store: Path) -> None:
    quotes = _rows(template_demo_store, "SELECT * FROM competitor_quotes")
    assert len(quotes) > 100
    competitors = {q["competitor"] for q in quotes}
    assert {"宝钢", "鞍钢", "本地贸易商", "南山铝业"} <= competitors
    for q in quotes:
        theirs, ours = Decimal(q["their_price"]) / 100, Decimal(q["our_price"]) / 100
        assert 18_000 <= ours <= 32_000 and abs(theirs - ours) / ours < Decimal("0.08"), q
        assert q["currency"] == "CNY" and q["unit"] == "t" and q["visit_id"]
        assert re.search(r"\d\.\dmm$", q["product_text"]), q["product_text"]


def test_demo_promises_are_kept_broken_cancelled_open_due_and_overdue(
    template_demo_store: Path,
) -> None:
    promises = _rows(template_demo_store, "SELECT * FROM promises")
    today = datetime.now(UTC).astimezone(SHANGHAI).date()
    statuses = {p["status"] for p in promises}
    assert statuses == {"open", "kept", "broken", "cancelled"}
    for p in promises:
        assert date.fromisoformat(p["made_on"]) <= date.fromisoformat(p["due"])
        closed = p["status"] != "open"
        assert (p["closed_at"] is not None) == closed == (p["closed_by_id"] is not None)
        if p["status"] in ("broken", "cancelled"):
            assert p["reason"], p["description"]
    open_ = [(date.fromisoformat(p["due"]), p["department"]) for p in promises
             if p["status"] == "open"]
    assert any(d == today for d, _ in open_)
    assert any(today < d <= today + timedelta(days=7) for d, _ in open_)
    assert any(d < today for d, _ in open_)
    assert {"logistics", "quality"} <= {dep for _, dep in open_}
    # Each HQ department's promises are closed by its own staff member.
    staff = {r["id"]: r["department"] for r in _rows(
        template_demo_store, "SELECT id, department FROM users WHERE role = 'hq'")}
    assert {"logistics", "quality"} <= set(staff.values())
    for p in promises:
        if p["status"] == "kept" and p["department"] in ("logistics", "quality"):
            assert staff.get(p["closed_by_id"]) == p["department"]


def test_demo_has_customers_overdue_for_a_visit_in_every_tier(template_demo_store: Path) -> None:
    customers = _rows(template_demo_store, "SELECT id, tier, visit_cadence_days, created_at"
                      " FROM customers")
    last = {r["customer_id"]: r["last"] for r in _rows(
        template_demo_store, "SELECT customer_id, max(visited_at) AS last FROM visits"
        " WHERE status = 'done' GROUP BY customer_id")}
    now = datetime.now(UTC)
    listed = overdue_contacts(
        [CustomerCadence(c["id"], Tier(c["tier"]) if c["tier"] else None,
                         _utc(c["created_at"]).astimezone(SHANGHAI).date(),
                         _utc(last[c["id"]]).astimezone(SHANGHAI).date() if c["id"] in last
                         else None, c["visit_cadence_days"]) for c in customers],
        now,
    )
    tiers = [o.reason.tier for o in listed]
    assert {Tier.A, Tier.B, Tier.C} <= set(tiers)
    assert len(listed) < len(customers) / 2  # most customers are visited on time


def test_demo_is_the_same_for_the_same_day(tmp_path: Path, template_store: Path) -> None:
    """Seeded: two first runs on one day show the same visits and promises."""
    from salesdesk.services import demo

    day = date(2026, 3, 4)
    books = []
    for name in ("a", "b"):
        store = tmp_path / f"{name}.sqlite3"
        shutil.copy(template_store, store)
        demo.seed(store, customers=30, today=day)
        books.append((
            sorted(tuple(r) for r in _rows(store, "SELECT starts_at, status, purpose, discussed,"
                                           " reason FROM visits")),
            sorted(tuple(r) for r in _rows(store, "SELECT made_on, due, description, status,"
                                           " reason, closed_at FROM promises")),
        ))
    assert books[0] == books[1]
    assert books[0][0] and books[0][1]


# --- complaints (issue 15) -------------------------------------------------------------------


def test_demo_complaints_are_on_the_board_near_breach_breached_paused_and_closed(
    demo_data_dir: Path,
) -> None:
    """What a new user sees: the Complaints page and the Today page have complaints in every
    state, and the stored deadlines are the ones the service itself computes."""
    from sqlalchemy import select

    from salesdesk.db.models import Complaint
    from salesdesk.db.session import create_store_engine, session_factory, unit_of_work
    from salesdesk.services.complaints.attachments import AttachmentStore
    from salesdesk.services.complaints.clock_settings import ClockSettings
    from salesdesk.services.complaints.service import ComplaintService

    engine = create_store_engine(demo_data_dir / "salesdesk.sqlite3")
    factory = session_factory(engine)
    try:
        service = ComplaintService(
            factory, SHANGHAI, ClockSettings(demo_data_dir / "calendar.json",
                                             demo_data_dir / "policy.json"),
            AttachmentStore(demo_data_dir / "attachments"))
        rows = _rows(demo_data_dir / "salesdesk.sqlite3", "SELECT * FROM complaints")
        assert len(rows) == 40
        events = _rows(demo_data_dir / "salesdesk.sqlite3", "SELECT * FROM complaint_events")
        assert {e["complaint_id"] for e in events} == {r["id"] for r in rows}
        assert all(CJK.search(r["description"]) for r in rows)
        urgent = service.near_breach()
        assert any(r.left is not None and r.left < 0 for r in urgent)  # breached
        assert any(r.near for r in urgent)
        board = service.board().rows
        assert any(r.paused for r in board)
        assert {"quality", "logistics"} <= {r.department for r in board}
        done = service.done().rows
        assert sum(r.status == "closed" for r in done) >= 10
        closed = service.detail(next(r.id for r in done if r.status == "closed"))
        assert closed.satisfaction in range(1, 6) and closed.closed_at is not None
        assert any(r["shipment_notice_id"] for r in rows)  # a delivery complaint's notice
        # The customer's timeline lists the complaint where it stands.
        from salesdesk.services.timeline import ComplaintEntry, TimelineService

        entries = TimelineService(factory, SHANGHAI).read(closed.customer_id, 5000).entries
        assert any(isinstance(e, ComplaintEntry) and e.reference == closed.reference
                   and e.status == "closed" for e in entries)

        def stored() -> list[tuple[object, ...]]:
            with unit_of_work(factory) as session:
                return sorted((str(c.id), c.first_contact_due, c.resolution_due)
                              for c in session.scalars(select(Complaint)))

        before = stored()
        assert service.recompute_open().count > 5
        assert stored() == before  # the service computes what the demo stored
    finally:
        engine.dispose()
