"""customers.last_visit_at follows every change of a customer's visits, whoever writes them
(SQLite triggers, laptop migration 0007), and never reaches the outbox: it is local."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from pathlib import Path

from salesdesk.db.session import unit_of_work
from salesdesk.services.visits.outcome_records import OutcomeDraft
from salesdesk.services.visits.outcomes import OutcomeService
from salesdesk.services.visits.plans import VisitService
from salesdesk.services.visits.records import VisitPlan
from tests.store_sql import query
from tests.unit.services.visits.conftest import add_customer, add_done_visit, local


def stored(moment: datetime) -> str:
    """An instant as the store keeps it (UTC text)."""
    return moment.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S.%f")


def last_visit(store: Path, customer: uuid.UUID) -> object:
    return query(store, "SELECT last_visit_at FROM customers WHERE id = ?", customer.hex)[0][0]


def test_a_recorded_outcome_sets_it_and_an_older_visit_does_not_move_it_back(
    visits: VisitService, factory, store: Path
) -> None:
    cid = add_customer(factory, "墙煌建材")
    assert last_visit(store, cid) is None
    planned = visits.plan(VisitPlan(cid, local(2026, 12, 1, 9))).visit.id
    assert last_visit(store, cid) is None  # planned is not visited
    OutcomeService(factory).record(
        OutcomeDraft(visit_id=planned, visited_at=local(2026, 12, 1, 10), discussed="交期"),
        at=local(2026, 12, 1, 18),
    )
    assert last_visit(store, cid) == stored(local(2026, 12, 1, 10))
    add_done_visit(factory, cid, local(2026, 11, 2))  # an older one, recorded late
    assert last_visit(store, cid) == stored(local(2026, 12, 1, 10))


def test_cancelling_deleting_and_removing_done_visits_move_it_back(
    visits: VisitService, factory, store: Path
) -> None:
    cid = add_customer(factory, "墙煌建材")
    oldest = add_done_visit(factory, cid, local(2026, 10, 1))
    middle = add_done_visit(factory, cid, local(2026, 11, 1))
    newest = add_done_visit(factory, cid, local(2026, 12, 1))
    assert last_visit(store, cid) == stored(local(2026, 12, 1))
    visits.cancel(newest, "录错了")
    assert last_visit(store, cid) == stored(local(2026, 11, 1))
    visits.delete(middle)  # a tombstone: the row stays, deleted_at set
    assert last_visit(store, cid) == stored(local(2026, 10, 1))
    with unit_of_work(factory) as session:  # removed outright, as a sync eviction does
        session.connection().exec_driver_sql("DELETE FROM visits WHERE id = ?", (oldest.hex,))
    assert last_visit(store, cid) is None


def test_a_done_visit_moved_to_another_customer_moves_both(factory, store: Path) -> None:
    first, second = add_customer(factory, "甲"), add_customer(factory, "乙")
    vid = add_done_visit(factory, first, local(2026, 11, 1))
    with unit_of_work(factory) as session:  # the app never does this; a raw writer might
        session.connection().exec_driver_sql(
            "UPDATE visits SET customer_id = ? WHERE id = ?", (second.hex, vid.hex))
    assert (last_visit(store, first), last_visit(store, second)) == (
        None, stored(local(2026, 11, 1)))


def test_it_never_reaches_the_outbox(visits: VisitService, factory, store: Path) -> None:
    cid = add_customer(factory, "墙煌建材")
    before = query(store, "SELECT count(*) FROM outbox WHERE entity = 'customers'")[0][0]
    vid = add_done_visit(factory, cid, local(2026, 12, 1))
    visits.cancel(vid, "录错了")
    with unit_of_work(factory) as session:  # an edit of the customer after the trigger wrote
        from salesdesk.db.models import Customer

        customer = session.get(Customer, cid)
        assert customer is not None
        customer.notes = "老客户"
    rows = query(store, "SELECT changes FROM outbox WHERE entity = 'customers'")
    assert len(rows) == int(str(before)) + 1
    assert all("last_visit_at" not in str(r[0]) for r in rows)
