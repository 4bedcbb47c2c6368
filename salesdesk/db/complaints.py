"""Complaint queries: the board of open complaints by their next deadline, one complaint with
its history and attachments, a customer's complaints, the next reference number, and the rows
the figures are computed from. Callers get plain rows, never ORM objects.
"""

from __future__ import annotations

import json
import sqlite3
import uuid
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from salesdesk.db.complaint_board import (
    B_CUSTOMER_ID,
    B_DUE,
    BoardRaw,
)
from salesdesk.db.models import (
    Complaint,
    ComplaintAttachment,
    ComplaintEvent,
    Contact,
    Customer,
    User,
)
from salesdesk.domain.complaints import DONE, EventKind

_DONE = [s.value for s in DONE]
CLOCK_EVENTS = (EventKind.PAUSED.value, EventKind.RESUMED.value, EventKind.RESOLVED.value)
"""The history rows the committed clock's pauses are read from."""


def _live() -> list[Any]:
    return [
        Complaint.deleted_at.is_(None),
        Complaint.customer_id.not_in(
            select(Customer.id).where(Customer.deleted_at.is_not(None))),
    ]


# The board's raw row: what the page shows of every open complaint, read in one statement with
# plain sqlite3 (no ORM row, no type conversion, no expression per row but the next deadline:
# 20,000 rows in a few tens of milliseconds). Times are the stored UTC text
# ("2026-12-03 02:00:00.000000"), which sorts and compares as the instants do. Customers' names
# come apart (:func:`board_customers`): one per customer, not per complaint.
# Its columns are in db/complaint_board.py (no SQLAlchemy: the page's first paint imports them).

_BOARD_SQL = """
SELECT c.id, c.reference, c.customer_id, c.category, c.severity, c.status, c.department,
       c.received_at,
       CASE WHEN c.contacted_at IS NULL THEN c.first_contact_due ELSE c.resolution_due END,
       c.contacted_at IS NULL, c.paused_at
FROM complaints AS c
WHERE c.deleted_at IS NULL AND c.status {done} IN ({statuses})
  AND c.customer_id NOT IN (SELECT id FROM customers WHERE deleted_at IS NOT NULL)
"""


def board_raw(session: Session, *, done: bool = False,
              limit: int | None = None) -> list[BoardRaw]:
    """Open (unresolved) complaints, the nearest deadline first — or with ``done`` resolved
    and closed ones, the latest received first — as raw tuples (``B_*`` positions)."""
    sql = _BOARD_SQL.format(done="" if done else "NOT",
                            statuses=", ".join(f"'{s}'" for s in _DONE))
    if done:
        sql += " ORDER BY c.received_at DESC"
    if limit is not None:
        sql += f" LIMIT {int(limit)}"
    raw = session.connection().connection.dbapi_connection
    assert isinstance(raw, sqlite3.Connection)
    rows: list[BoardRaw] = raw.execute(sql).fetchall()
    if not done:  # sorted here, not by a temporary B-tree: "~" sorts after every time
        rows.sort(key=lambda row: row[B_DUE] or "~")
    return rows


def board_customers(session: Session, rows: list[BoardRaw]) -> dict[str, str]:
    """The names of the board's customers, by their stored id (hex)."""
    raw = session.connection().connection.dbapi_connection
    assert isinstance(raw, sqlite3.Connection)
    ids = json.dumps(sorted({r[B_CUSTOMER_ID] for r in rows}))
    return dict(raw.execute(
        "SELECT id, name FROM customers WHERE id IN (SELECT value FROM json_each(?))", (ids,)))


def get(session: Session, complaint_id: uuid.UUID) -> Complaint | None:
    found = session.get(Complaint, complaint_id)
    return None if found is None or found.deleted_at is not None else found


def detail(session: Session, complaint_id: uuid.UUID) -> Any:
    """One complaint with its customer's, contact's and receiver's names (None if gone)."""
    receiver = User.__table__.alias("receiver")
    return session.execute(
        select(
            Complaint, Customer.name.label("customer_name"),
            Contact.name.label("contact_on_file"), receiver.c.display_name.label("received_by"),
        )
        .join(Customer, Customer.id == Complaint.customer_id)
        .outerjoin(Contact, Contact.id == Complaint.contact_id)
        .outerjoin(receiver, receiver.c.id == Complaint.received_by_id)
        .where(Complaint.id == complaint_id, *_live())
    ).first()


def history(session: Session, complaint_id: uuid.UUID) -> Sequence[Any]:
    """The complaint's events in time order, with who took each step."""
    return session.execute(
        select(
            ComplaintEvent.id, ComplaintEvent.kind, ComplaintEvent.at, ComplaintEvent.text,
            ComplaintEvent.department, ComplaintEvent.reason, ComplaintEvent.score,
            User.display_name.label("by_name"),
        )
        .outerjoin(User, User.id == ComplaintEvent.by_id)
        .where(ComplaintEvent.complaint_id == complaint_id, ComplaintEvent.deleted_at.is_(None))
        .order_by(ComplaintEvent.at, ComplaintEvent.id)
    ).all()


def clock_events(session: Session, complaint_ids: Sequence[uuid.UUID]) -> Sequence[Any]:
    """(complaint_id, kind, at, reason) of the events the clock's pauses come from."""
    if not complaint_ids:
        return []
    return session.execute(
        select(ComplaintEvent.complaint_id, ComplaintEvent.kind, ComplaintEvent.at,
               ComplaintEvent.reason)
        .where(ComplaintEvent.complaint_id.in_(complaint_ids),
               ComplaintEvent.kind.in_(CLOCK_EVENTS), ComplaintEvent.deleted_at.is_(None))
    ).all()


def attachments(session: Session, complaint_id: uuid.UUID) -> Sequence[Any]:
    return session.execute(
        select(ComplaintAttachment.id, ComplaintAttachment.sha256, ComplaintAttachment.filename,
               ComplaintAttachment.size, ComplaintAttachment.mime)
        .where(ComplaintAttachment.complaint_id == complaint_id,
               ComplaintAttachment.deleted_at.is_(None))
        .order_by(ComplaintAttachment.created_at)
    ).all()


def unresolved(session: Session, *, untimed: bool = False) -> Sequence[Complaint]:
    """Every complaint whose deadlines still matter (not resolved), to recompute them; with
    ``untimed``, only those without deadlines yet (recorded before laptop migration 0010)."""
    stmt = select(Complaint).where(Complaint.deleted_at.is_(None),
                                   Complaint.status.not_in(_DONE))
    if untimed:
        stmt = stmt.where(Complaint.first_contact_due.is_(None))
    return session.scalars(stmt).all()


def for_customer(session: Session, customer_id: uuid.UUID,
                 limit: int | None = None) -> Sequence[Any]:
    """A customer's complaints, the latest first (the customer timeline)."""
    return session.execute(
        select(Complaint.id, Complaint.reference, Complaint.received_at, Complaint.category,
               Complaint.severity, Complaint.status, Complaint.description,
               Complaint.resolved_at, Complaint.closed_at, Complaint.satisfaction)
        .where(Complaint.customer_id == customer_id, Complaint.deleted_at.is_(None))
        .order_by(Complaint.received_at.desc(), Complaint.id.desc())
        .limit(limit)
    ).all()


def highest_number(session: Session, prefix: str) -> int:
    """The highest ``n`` of references ``<prefix><n>`` stored (0 if none)."""
    numbers = session.scalars(
        select(func.substr(Complaint.reference, len(prefix) + 1))
        .where(Complaint.reference.like(prefix.replace("%", r"\%") + "%", escape="\\"))
    ).all()
    return max((int(n) for n in numbers if n.isdigit()), default=0)


def reference_taken(session: Session, reference: str) -> bool:
    return session.scalar(
        select(Complaint.id).where(Complaint.reference == reference).limit(1)) is not None


def live_customer(session: Session, customer_id: uuid.UUID) -> str | None:
    """The customer's name, or None when there is no such live customer."""
    return session.scalar(
        select(Customer.name).where(Customer.id == customer_id, Customer.deleted_at.is_(None)))


def contact_of(session: Session, contact_id: uuid.UUID) -> tuple[uuid.UUID, str] | None:
    row = session.execute(
        select(Contact.customer_id, Contact.name).where(Contact.id == contact_id)).first()
    return None if row is None else (row[0], row[1])


def figures_rows(session: Session, since: datetime) -> Sequence[Any]:
    """Complaints received since ``since``: what the figures are computed from."""
    return session.execute(
        select(Complaint.id, Complaint.category, Complaint.severity, Complaint.status,
               Complaint.received_at, Complaint.first_contact_due, Complaint.resolution_due,
               Complaint.contacted_at, Complaint.resolved_at, Complaint.satisfaction)
        .where(*_live(), Complaint.received_at >= since)
    ).all()


def reopened_ids(session: Session, since: datetime) -> set[uuid.UUID]:
    return set(session.scalars(
        select(ComplaintEvent.complaint_id)
        .join(Complaint, Complaint.id == ComplaintEvent.complaint_id)
        .where(ComplaintEvent.kind == EventKind.REOPENED.value, Complaint.received_at >= since,
               ComplaintEvent.deleted_at.is_(None))
    ).all())


def open_count(session: Session) -> int:
    return session.scalar(
        select(func.count()).select_from(Complaint)
        .where(*_live(), Complaint.status.not_in(_DONE))) or 0

