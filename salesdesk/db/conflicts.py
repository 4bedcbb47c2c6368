"""Sync conflict queries: the newest lost conflicts, for the Sync page."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from salesdesk.db.models import Customer, SyncConflict


def recent_conflicts(session: Session, limit: int) -> list[tuple[SyncConflict, str]]:
    """The newest lost conflicts, each with the name of the customer it concerns (or "")."""
    rows = session.execute(
        select(SyncConflict, Customer.name)
        .outerjoin(
            Customer,
            (SyncConflict.entity == "customers") & (Customer.id == SyncConflict.row_id),
        )
        .order_by(SyncConflict.id.desc())
        .limit(limit)
    ).all()
    return [(conflict, name or "") for conflict, name in rows]
