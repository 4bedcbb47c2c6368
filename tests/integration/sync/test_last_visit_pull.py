"""Visits pulled from HQ keep the receiving laptop's customers.last_visit_at exact (SQLite
triggers, laptop migration 0007): a salesperson's done visits, then one cancelled and one
deleted, reach the office laptop through a real HQ process (SQLite and PostgreSQL)."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

from salesdesk.db.models import Customer, Visit
from salesdesk.domain.due import SHANGHAI
from salesdesk.services.visits.plans import VisitService
from tests.store_sql import query


def _at(day: int, month: int = 11) -> datetime:
    return datetime(2026, month, day, 1, 0, tzinfo=UTC)


def _last_visit(laptop, customer: uuid.UUID) -> object:
    return query(laptop.path, "SELECT last_visit_at FROM customers WHERE id = ?",
                 customer.hex)[0][0]


def test_pulled_visits_move_the_last_visit_forward_and_back(sales, office) -> None:
    def seed(session):
        customer = Customer(name="佛山远东钢构有限公司", tier="A", assigned_to_id=sales.user_id)
        session.add(customer)
        session.flush()
        ids = []
        for day in (1, 10, 20):
            visit = Visit(customer_id=customer.id, salesperson_id=sales.user_id,
                          starts_at=_at(day), visited_at=_at(day), status="done")
            session.add(visit)
            session.flush()
            ids.append(visit.id)
        return customer.id, ids

    cid, (_, middle, newest) = sales.edit(seed)
    assert sales.sync().rejected == 0
    office.sync()
    assert _last_visit(office, cid) == "2026-11-20 01:00:00.000000"

    visits = VisitService(sales.factory, zone=SHANGHAI, now=lambda: _at(3, 12))
    visits.cancel(newest, "录错了")
    visits.delete(middle)
    assert sales.sync().rejected == 0
    office.sync()
    assert _last_visit(office, cid) == "2026-11-01 01:00:00.000000"
    assert query(office.path, "SELECT count(*) FROM outbox")[0][0] == 0  # pulled: nothing to push
