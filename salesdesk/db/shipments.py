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

# One row per live notice of a live customer: what the Shipments page shows and filters on. The
# first line's spec and the number of lines come from one grouped read of the lines.
_PAGE_SQL = """
SELECT n.id, n.customer_id, c.name, n.notice_no, n.status, n.ship_time, n.eta, n.first_eta,
       n.arrived_at, n.truck_plate, n.driver_name, n.driver_phone, n.carrier, n.order_ref,
       (SELECT l.spec FROM shipment_lines l
         WHERE l.notice_id = n.id AND l.deleted_at IS NULL ORDER BY l.position LIMIT 1)
FROM shipment_notices n JOIN customers c ON c.id = n.customer_id
WHERE n.deleted_at IS NULL AND c.deleted_at IS NULL {where}
ORDER BY n.eta IS NULL, n.eta DESC
"""


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


def _at(value: str | None) -> datetime | None:
    return None if value is None else datetime.fromisoformat(value).replace(tzinfo=UTC)


def _uuid(value: Any) -> uuid.UUID:
    return value if isinstance(value, uuid.UUID) else uuid.UUID(hex=str(value))


def page_rows(
    session: Session, customer_id: uuid.UUID | None = None, status: str | None = None
) -> list[PageRow]:
    """Every live notice (or one customer's, or those in one status: on the road reads the
    ``(status, eta)`` index), the latest ETA first."""
    where, params = "", tuple[str, ...]()
    if customer_id is not None:
        where, params = "AND n.customer_id = ?", (customer_id.hex,)
    if status is not None:
        where, params = where + " AND n.status = ?", (*params, status)
    raw = session.connection().exec_driver_sql(_PAGE_SQL.format(where=where), params).all()
    return [
        PageRow(
            _uuid(r[0]), _uuid(r[1]), r[2], r[3], r[4], _at(r[5]), _at(r[6]), _at(r[7]),
            _at(r[8]), r[9], r[10], r[11], r[12], r[13], r[14] or "",
        )
        for r in raw
    ]


def on_time_rows(
    session: Session, customer_id: uuid.UUID | None = None
) -> Sequence[Any]:
    """Arrived notices: customer id and name, first ETA, latest ETA, arrival."""
    stmt = (
        select(ShipmentNotice.customer_id, Customer.name, ShipmentNotice.first_eta,
               ShipmentNotice.eta, ShipmentNotice.arrived_at)
        .join(Customer, Customer.id == ShipmentNotice.customer_id)
        .where(ShipmentNotice.deleted_at.is_(None), Customer.deleted_at.is_(None),
               ShipmentNotice.status == "arrived")
    )
    if customer_id is not None:
        stmt = stmt.where(ShipmentNotice.customer_id == customer_id)
    return session.execute(stmt).all()


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
