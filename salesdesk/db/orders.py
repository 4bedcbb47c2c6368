"""Order queries: products by code, order numbers already stored (the order import)."""

from __future__ import annotations

import uuid
from collections.abc import Iterable

from sqlalchemy import select
from sqlalchemy.orm import Session

from salesdesk.db.models import Order, Product


def product_codes(session: Session) -> dict[str, uuid.UUID]:
    """Live products by code."""
    rows = session.execute(select(Product.code, Product.id).where(Product.deleted_at.is_(None)))
    return {code: pid for code, pid in rows}


def existing_order_numbers(session: Session, numbers: Iterable[str]) -> set[str]:
    """Which of ``numbers`` the store already holds, tombstoned orders included (the column is
    unique over all rows)."""
    wanted = sorted(set(numbers))
    found: set[str] = set()
    for i in range(0, len(wanted), 500):  # under SQLite's bound-parameter limit
        batch = wanted[i : i + 500]
        found.update(session.scalars(select(Order.order_no).where(Order.order_no.in_(batch))))
    return found
