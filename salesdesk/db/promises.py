"""Promise queries: the ledger's lists, counts and the rows the kept-rate is computed from.

The database does the filtering (status, due range, customer, who delivers) on the
``(status, due)`` and ``customer_id`` indexes; callers get plain rows, never ORM objects.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import case, func, select
from sqlalchemy.orm import Session

from salesdesk.db.models import Contact, Customer, Promise, User

OPEN = "open"
CANCELLED = "cancelled"


@dataclass(frozen=True)
class PromiseQuery:
    """Which promises to list. ``None`` leaves a criterion out."""

    open: bool | None = None  # True: open only; False: closed only (kept/broken/cancelled)
    due_from: date | None = None
    due_to: date | None = None
    customer_id: uuid.UUID | None = None
    department: str | None = None  # "" = the salesperson who made it; else an HQ department
    limit: int | None = None


def _live() -> tuple[Any, ...]:
    return (Promise.deleted_at.is_(None), Customer.deleted_at.is_(None))


def _criteria(q: PromiseQuery) -> list[Any]:
    where: list[Any] = list(_live())
    if q.open is True:
        where.append(Promise.status == OPEN)
    elif q.open is False:
        where.append(Promise.status != OPEN)
    if q.due_from is not None:
        where.append(Promise.due >= q.due_from)
    if q.due_to is not None:
        where.append(Promise.due <= q.due_to)
    if q.customer_id is not None:
        where.append(Promise.customer_id == q.customer_id)
    if q.department is not None:
        where.append(Promise.department == q.department)
    return where


def list_promises(session: Session, q: PromiseQuery) -> Sequence[Any]:
    """Promises with their customer's, contact's and maker's names; open ones by due date,
    closed ones most recently closed first."""
    maker = User
    stmt = (
        select(
            Promise.id, Promise.customer_id, Customer.name.label("customer_name"),
            Promise.contact_id, Contact.name.label("contact_name"), Promise.made_to,
            Promise.visit_id, Promise.description, Promise.made_on, Promise.due,
            Promise.department, Promise.made_by_id, maker.display_name.label("made_by_name"),
            Promise.status, Promise.reason, Promise.closed_at,
        )
        .join(Customer, Customer.id == Promise.customer_id)
        .outerjoin(Contact, Contact.id == Promise.contact_id)
        .outerjoin(maker, maker.id == Promise.made_by_id)
        .where(*_criteria(q))
    )
    if q.open is False:
        stmt = stmt.order_by(Promise.closed_at.desc(), Promise.due.desc())
    else:
        stmt = stmt.order_by(Promise.due, Customer.name, Promise.made_on)
    if q.limit is not None:
        stmt = stmt.limit(q.limit)
    return session.execute(stmt).all()


def open_counts(
    session: Session, today: date, week_end: date, q: PromiseQuery
) -> tuple[int, int, int, int]:
    """(overdue, due today, due from today to ``week_end``, all open) among open promises
    matching ``q``'s customer and department."""
    stmt = (
        select(
            func.sum(case((Promise.due < today, 1), else_=0)),
            func.sum(case((Promise.due == today, 1), else_=0)),
            func.sum(case(((Promise.due >= today) & (Promise.due <= week_end), 1), else_=0)),
            func.count(),
        )
        .join(Customer, Customer.id == Promise.customer_id)
        .where(*_criteria(PromiseQuery(open=True, customer_id=q.customer_id,
                                       department=q.department)))
    )
    overdue, due, week, total = session.execute(stmt).one()
    return int(overdue or 0), int(due or 0), int(week or 0), int(total)


def rated_rows(
    session: Session, first: date, last: date, customer_id: uuid.UUID | None = None
) -> Sequence[Any]:
    """(customer id, customer name, made by id, made by name, made on, due, status) of the
    promises due in [first, last] that count for a kept-rate (not cancelled)."""
    where = [*_live(), Promise.due >= first, Promise.due <= last, Promise.status != CANCELLED]
    if customer_id is not None:
        where.append(Promise.customer_id == customer_id)
    stmt = (
        select(Promise.customer_id, Customer.name, Promise.made_by_id, User.display_name,
               Promise.made_on, Promise.due, Promise.status)
        .join(Customer, Customer.id == Promise.customer_id)
        .outerjoin(User, User.id == Promise.made_by_id)
        .where(*where)
    )
    return session.execute(stmt).all()


def customers_with_promises(session: Session) -> list[tuple[uuid.UUID, str]]:
    """(id, name) of the customers that have any promise, by name (the page's filter)."""
    stmt = (
        select(Customer.id, Customer.name)
        .where(Customer.deleted_at.is_(None),
               Customer.id.in_(select(Promise.customer_id).where(Promise.deleted_at.is_(None))))
        .order_by(Customer.name)
    )
    return [(cid, name) for cid, name in session.execute(stmt)]


def customer_choices(session: Session) -> list[tuple[uuid.UUID, str]]:
    """(id, name) of every customer on this laptop, by name (whom a new promise is for)."""
    stmt = select(Customer.id, Customer.name).where(Customer.deleted_at.is_(None))
    return [(cid, name) for cid, name in session.execute(stmt.order_by(Customer.name))]


def contact_choices(session: Session, customer_id: uuid.UUID) -> list[tuple[uuid.UUID, str]]:
    stmt = (
        select(Contact.id, Contact.name)
        .where(Contact.customer_id == customer_id, Contact.deleted_at.is_(None))
        .order_by(Contact.is_primary.desc(), Contact.name)
    )
    return [(cid, name) for cid, name in session.execute(stmt)]


def get_promise(session: Session, promise_id: uuid.UUID) -> Promise | None:
    """A live promise by id, for writing (None when deleted or unknown)."""
    found = session.get(Promise, promise_id)
    return None if found is None or found.deleted_at is not None else found


def live_customer(session: Session, customer_id: uuid.UUID) -> bool:
    return session.execute(
        select(Customer.id).where(Customer.id == customer_id, Customer.deleted_at.is_(None))
    ).first() is not None


def contact_of(session: Session, contact_id: uuid.UUID) -> uuid.UUID | None:
    """The customer a live contact belongs to (None: no such contact)."""
    return session.execute(
        select(Contact.customer_id).where(Contact.id == contact_id, Contact.deleted_at.is_(None))
    ).scalar()
