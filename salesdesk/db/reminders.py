"""The reminder digest's one read of its own: the visits planned in a time range."""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from salesdesk.db.models import Customer, Visit


def planned_visits(
    session: Session, start: datetime, end: datetime
) -> list[tuple[uuid.UUID, str, datetime, str]]:
    """(visit id, customer name, starts at, place) of planned visits starting in [start, end),
    by start time."""
    stmt = (
        select(Visit.id, Customer.name, Visit.starts_at, Visit.place)
        .join(Customer, Customer.id == Visit.customer_id)
        .where(Visit.deleted_at.is_(None), Customer.deleted_at.is_(None),
               Visit.status == "planned", Visit.starts_at >= start, Visit.starts_at < end)
        .order_by(Visit.starts_at)
    )
    return [(vid, name, at, place or "") for vid, name, at, place in session.execute(stmt)]
