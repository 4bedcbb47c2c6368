"""Tier queries: trailing sales per customer, the stored tiers, writing the new ones."""

from __future__ import annotations

import uuid
from datetime import date
from decimal import Decimal

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from salesdesk.db.models import Customer, Order


def sales_between(session: Session, start: date, end: date) -> dict[uuid.UUID, Decimal]:
    """Each live customer's order total in [start, end]; customers without orders get 0."""
    totals = (
        select(Order.customer_id, func.sum(Order.amount).label("total"))
        .where(Order.deleted_at.is_(None), Order.order_date >= start, Order.order_date <= end)
        .group_by(Order.customer_id)
        .subquery()
    )
    rows = session.execute(
        select(Customer.id, totals.c.total)
        .outerjoin(totals, totals.c.customer_id == Customer.id)
        .where(Customer.deleted_at.is_(None))
    ).all()
    result: dict[uuid.UUID, Decimal] = {}
    for cid, total in rows:
        # SUM keeps the column's type, so the total is already an exact Decimal.
        result[cid] = total if total is not None else Decimal("0.00")
    return result


def tiers_of(session: Session) -> dict[uuid.UUID, tuple[str | None, Decimal]]:
    """Each live customer's stored tier and trailing sales, to write only what changes."""
    rows = session.execute(
        select(Customer.id, Customer.tier, Customer.sales_12m).where(Customer.deleted_at.is_(None))
    ).all()
    return {cid: (tier, sales) for cid, tier, sales in rows}


def set_tiers(session: Session, values: dict[uuid.UUID, tuple[str | None, Decimal]]) -> None:
    """Writes derived tier and sales figures in bulk (no outbox: they are local, derived)."""
    if not values:
        return
    session.execute(
        update(Customer),
        [{"id": cid, "tier": tier, "sales_12m": sales} for cid, (tier, sales) in values.items()],
    )
