"""Shipment-notice queries: a notice with its lines and sends, the Shipments page's rows, the
rows on-time rates are counted from, and the customer timeline's entries.

The page's rows are read in one statement on the ORM's connection without building ORM objects
(50,000 notices read in tens of milliseconds); callers get plain tuples or models inside their
own unit of work, never across it.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from salesdesk.db.models import (
    Contact,
    Customer,
    Product,
    ShipmentDispatch,
    ShipmentLine,
    ShipmentNotice,
)


def get_notice(session: Session, notice_id: uuid.UUID) -> ShipmentNotice | None:
    """A live notice of a live customer."""
    notice = session.get(ShipmentNotice, notice_id)
    if notice is None or notice.deleted_at is not None:
        return None
    customer = session.get(Customer, notice.customer_id)
    return None if customer is None or customer.deleted_at is not None else notice


def lines_of(session: Session, notice_id: uuid.UUID) -> Sequence[ShipmentLine]:
    return session.scalars(
        select(ShipmentLine)
        .where(ShipmentLine.notice_id == notice_id, ShipmentLine.deleted_at.is_(None))
        .order_by(ShipmentLine.position, ShipmentLine.created_at)
    ).all()


def dispatches_of(session: Session, notice_id: uuid.UUID) -> Sequence[ShipmentDispatch]:
    return session.scalars(
        select(ShipmentDispatch)
        .where(ShipmentDispatch.notice_id == notice_id, ShipmentDispatch.deleted_at.is_(None))
        .order_by(ShipmentDispatch.sent_at, ShipmentDispatch.created_at)
    ).all()


def dispatch_by_outbox(session: Session, outbox_id: uuid.UUID) -> Sequence[ShipmentDispatch]:
    return session.scalars(
        select(ShipmentDispatch).where(ShipmentDispatch.outbox_id == outbox_id)
    ).all()


def live_customer(session: Session, customer_id: uuid.UUID) -> Customer | None:
    customer = session.get(Customer, customer_id)
    return None if customer is None or customer.deleted_at is not None else customer


def contacts_of(session: Session, customer_id: uuid.UUID) -> Sequence[Contact]:
    return session.scalars(
        select(Contact)
        .where(Contact.customer_id == customer_id, Contact.deleted_at.is_(None))
        .order_by(Contact.is_primary.desc(), Contact.created_at)
    ).all()


def products_by_id(session: Session, ids: set[uuid.UUID]) -> dict[uuid.UUID, Product]:
    if not ids:
        return {}
    return {p.id: p for p in session.scalars(select(Product).where(Product.id.in_(ids)))}


def product_choices(session: Session) -> list[tuple[uuid.UUID, str, str, str]]:
    """Active catalogue products: id, code, name and spec, unit."""
    rows = session.execute(
        select(Product.id, Product.code, Product.name, Product.spec, Product.unit)
        .where(Product.active.is_(True), Product.deleted_at.is_(None))
        .order_by(Product.code)
    ).all()
    return [(r.id, r.code, f"{r.name} {r.spec}".strip(), r.unit) for r in rows]


def latest_notice_of(session: Session, customer_id: uuid.UUID) -> ShipmentNotice | None:
    return session.scalars(
        select(ShipmentNotice)
        .where(ShipmentNotice.customer_id == customer_id, ShipmentNotice.deleted_at.is_(None))
        .order_by(ShipmentNotice.created_at.desc())
        .limit(1)
    ).first()


def notices_today_count(session: Session, since: datetime) -> int:
    """How many notices this store has created since ``since`` (for the next notice number)."""
    return int(
        session.scalar(
            select(func.count()).select_from(ShipmentNotice).where(
                ShipmentNotice.created_at >= since
            )
        )
        or 0
    )


# --- the page's rows ----------------------------------------------------------------------------

# Notices of live customers only: checked against the (few) deleted customers, so counting many
# notices reads no customer row.
_LIVE = ("n.deleted_at IS NULL AND n.customer_id NOT IN"
         " (SELECT id FROM customers WHERE deleted_at IS NOT NULL)")
_PAGE_SQL = """
SELECT n.id, n.customer_id, c.name, n.notice_no, n.status, n.ship_time, n.eta, n.first_eta,
       n.arrived_at, n.truck_plate, n.driver_name, n.driver_phone, n.carrier, n.order_ref,
       (SELECT l.spec FROM shipment_lines l
         WHERE l.notice_id = n.id AND l.deleted_at IS NULL ORDER BY l.position LIMIT 1)
FROM shipment_notices n JOIN customers c ON c.id = n.customer_id
WHERE {live} {where}
ORDER BY {order}
LIMIT ?
"""


@dataclass(frozen=True)
class PageQuery:
    """Which notices a view lists (``None`` leaves a criterion out): on the road ones read the
    ``(status, eta)`` index; a view of many (delivered, all) reads its newest ``limit``."""

    status: str | None = None
    eta_before: datetime | None = None  # exclusive
    eta_from: datetime | None = None
    customer_id: uuid.UUID | None = None
    soonest_first: bool = False  # by ETA ascending (on the road), else the latest ETA first
    limit: int = 2000


@dataclass(frozen=True)
class PageRow:
    id: uuid.UUID
    customer_id: uuid.UUID
    customer_name: str
    notice_no: str
    status: str
    ship_time: datetime | None
    eta: datetime | None
    first_eta: datetime | None
    arrived_at: datetime | None
    truck_plate: str
    driver_name: str
    driver_phone: str
    carrier: str
    order_ref: str
    first_line: str  # the first line's spec


def _stored(moment: datetime) -> str:
    """An aware instant as the store writes it (UTC, SQLite's text form), for raw SQL."""
    return moment.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S.%f")


def _at(value: str | None) -> datetime | None:
    return None if value is None else datetime.fromisoformat(value).replace(tzinfo=UTC)


def _uuid(value: Any) -> uuid.UUID:
    return value if isinstance(value, uuid.UUID) else uuid.UUID(hex=str(value))


def page_rows(session: Session, q: PageQuery) -> list[PageRow]:
    where, params = [], []
    if q.customer_id is not None:
        where.append("AND n.customer_id = ?")
        params.append(q.customer_id.hex)
    if q.status is not None:
        where.append("AND n.status = ?")
        params.append(q.status)
    if q.eta_from is not None:
        where.append("AND n.eta >= ?")
        params.append(_stored(q.eta_from))
    if q.eta_before is not None:
        where.append("AND n.eta < ?")
        params.append(_stored(q.eta_before))
    # On the road by ETA: the order of the (status, eta) index, no sorting (no ETA sorts first).
    order = ("n.eta" if q.soonest_first
             else "n.eta IS NULL, n.eta DESC, n.ship_time DESC")
    sql = _PAGE_SQL.format(live=_LIVE, where=" ".join(where), order=order)
    raw = session.connection().exec_driver_sql(sql, (*params, q.limit)).all()
    return [
        PageRow(
            _uuid(r[0]), _uuid(r[1]), r[2], r[3], r[4], _at(r[5]), _at(r[6]), _at(r[7]),
            _at(r[8]), r[9], r[10], r[11], r[12], r[13], r[14] or "",
        )
        for r in raw
    ]


def view_counts(
    session: Session, now: datetime, day_end: datetime, customer_id: uuid.UUID | None
) -> tuple[int, int, int, int, int, int]:
    """On the road, late (ETA before ``now``), due later today (ETA before ``day_end``),
    delivered, drafts, all: counted in one pass over the notices."""
    where, params = "", [_stored(now), _stored(now), _stored(day_end)]
    if customer_id is not None:
        where, params = "AND n.customer_id = ?", [*params, customer_id.hex]
    row = session.connection().exec_driver_sql(
        "SELECT count(*) FILTER (WHERE n.status = 'sent'),"
        " count(*) FILTER (WHERE n.status = 'sent' AND n.eta < ?),"
        " count(*) FILTER (WHERE n.status = 'sent' AND n.eta >= ? AND n.eta < ?),"
        " count(*) FILTER (WHERE n.status = 'arrived'),"
        " count(*) FILTER (WHERE n.status = 'draft'), count(*)"
        f" FROM shipment_notices n WHERE {_LIVE} {where}", tuple(params)).one()
    return (int(row[0]), int(row[1]), int(row[2]), int(row[3]), int(row[4]), int(row[5]))


def customers_with_notices(session: Session) -> list[tuple[uuid.UUID, str]]:
    """(id, name) of the customers that have notices, by name (the page's filter)."""
    raw = session.connection().exec_driver_sql(
        "SELECT c.id, c.name FROM customers c WHERE c.deleted_at IS NULL AND c.id IN"
        " (SELECT customer_id FROM shipment_notices WHERE deleted_at IS NULL)"
        " ORDER BY c.name").all()
    return [(_uuid(r[0]), r[1]) for r in raw]


def on_time_counts(
    session: Session, customer_id: uuid.UUID | None = None, *, per_customer: bool = True
) -> Sequence[Any]:
    """Per customer (or, ``per_customer`` False, all together in one row with no customer):
    id, name, arrived, on time by the first ETA, on time by the latest.

    Counted in the database by the rule of ``domain.shipments.on_time`` (on time: arrived at or
    before the ETA; a notice arrived without a first ETA counts against its latest for both);
    ``tests/unit/services/test_shipments.py`` checks the two agree.
    """
    where, params = "", tuple[str, ...]()
    if customer_id is not None:
        where, params = "AND n.customer_id = ?", (customer_id.hex,)
    counts = ("count(*), count(*) FILTER (WHERE n.arrived_at <= coalesce(n.first_eta, n.eta)),"
              " count(*) FILTER (WHERE n.arrived_at <= n.eta)")
    arrived = f"{_LIVE} AND n.status = 'arrived' AND n.arrived_at IS NOT NULL {where}"
    if not per_customer:  # one pass, no grouping, no names: the page's overall figure
        return session.connection().exec_driver_sql(
            f"SELECT NULL, '', {counts} FROM shipment_notices n WHERE {arrived}", params).all()
    return session.connection().exec_driver_sql(
        f"SELECT n.customer_id, c.name, {counts}"
        " FROM shipment_notices n JOIN customers c ON c.id = n.customer_id"
        f" WHERE {arrived} GROUP BY n.customer_id", params).all()


def notices_for_timeline(
    session: Session, customer_id: uuid.UUID, limit: int
) -> Sequence[ShipmentNotice]:
    """A customer's latest notices by ship time (a draft without one by when it was written)."""
    return session.scalars(
        select(ShipmentNotice)
        .where(ShipmentNotice.customer_id == customer_id, ShipmentNotice.deleted_at.is_(None))
        .order_by(func.coalesce(ShipmentNotice.ship_time, ShipmentNotice.created_at).desc())
        .limit(limit)
    ).all()


def sends_for_timeline(session: Session, customer_id: uuid.UUID, limit: int) -> Sequence[Any]:
    """A customer's latest sends, each with its notice's number."""
    return session.execute(
        select(ShipmentDispatch, ShipmentNotice.notice_no)
        .join(ShipmentNotice, ShipmentNotice.id == ShipmentDispatch.notice_id)
        .where(ShipmentNotice.customer_id == customer_id, ShipmentNotice.deleted_at.is_(None),
               ShipmentDispatch.deleted_at.is_(None))
        .order_by(ShipmentDispatch.sent_at.desc())
        .limit(limit)
    ).all()
