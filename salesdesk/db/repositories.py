"""ORM queries used by the services. Services never build queries themselves."""

from __future__ import annotations

import sqlite3
import uuid
from collections.abc import Iterable, Sequence
from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy import func, or_, select, update
from sqlalchemy.orm import Session

from salesdesk.db import readers
from salesdesk.db.models import AppSetting, Contact, Customer, Order, Product, SyncConflict, User


def live(model: type[Customer] | type[Contact] | type[User]):  # type: ignore[no-untyped-def]  # a column expression
    return model.deleted_at.is_(None)


def get_customer(session: Session, customer_id: uuid.UUID) -> Customer | None:
    customer = session.get(Customer, customer_id)
    if customer is None or customer.deleted_at is not None:
        return None
    return customer


def contacts_of(session: Session, customer_id: uuid.UUID) -> Sequence[Contact]:
    return session.scalars(
        select(Contact)
        .where(Contact.customer_id == customer_id, Contact.deleted_at.is_(None))
        .order_by(Contact.is_primary.desc(), Contact.created_at)
    ).all()


def customers_by_name_key(
    session: Session, key: str, exclude: uuid.UUID | None
) -> Sequence[Customer]:
    stmt = select(Customer).where(Customer.name_key == key, Customer.deleted_at.is_(None))
    if exclude is not None:
        stmt = stmt.where(Customer.id != exclude)
    return session.scalars(stmt.limit(20)).all()


def customers_by_tax_id(
    session: Session, tax_id: str, exclude: uuid.UUID | None
) -> Sequence[Customer]:
    stmt = select(Customer).where(Customer.tax_id == tax_id, Customer.deleted_at.is_(None))
    if exclude is not None:
        stmt = stmt.where(Customer.id != exclude)
    return session.scalars(stmt.limit(20)).all()


def customers_with_phones(
    session: Session, phones: Iterable[str], exclude: uuid.UUID | None
) -> Sequence[tuple[Customer, str]]:
    """Customers whose own phone or a contact's mobile/landline is among ``phones``.

    Phones are compared by their stored text; the service stores them normalized.
    """
    wanted = sorted({p for p in phones if p})
    if not wanted:
        return []
    contact_hits = (
        select(Contact.customer_id, func.coalesce(Contact.mobile, ""), Contact.landline).where(
            Contact.deleted_at.is_(None),
            or_(Contact.mobile.in_(wanted), Contact.landline.in_(wanted)),
        )
    ).subquery()
    stmt = select(Customer, Customer.phone).where(
        Customer.deleted_at.is_(None),
        or_(Customer.phone.in_(wanted), Customer.id.in_(select(contact_hits.c.customer_id))),
    )
    if exclude is not None:
        stmt = stmt.where(Customer.id != exclude)
    rows = session.execute(stmt.limit(20)).all()
    return [(row[0], row[1]) for row in rows]


def bound_user(session: Session) -> tuple[str, str, str | None] | None:
    """Whose store this is (``readers.bound_user``), read inside the caller's transaction."""
    raw = session.connection().connection.dbapi_connection
    assert isinstance(raw, sqlite3.Connection)
    return readers.bound_user(raw)


def get_user(session: Session, user_id: uuid.UUID) -> User | None:
    """A user row by id, deleted or inactive ones included (they may still hold customers)."""
    return session.get(User, user_id)


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


def customer_names(session: Session) -> Sequence[tuple[uuid.UUID, str, str, str]]:
    """Every live customer's id, name, name key and short name (what an import matches on)."""
    rows = session.execute(
        select(Customer.id, Customer.name, Customer.name_key, Customer.short_name).where(
            Customer.deleted_at.is_(None)
        )
    ).all()
    return [(r[0], r[1], r[2], r[3]) for r in rows]


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


def get_setting(session: Session, key: str) -> Any:
    """A value from the local ``app_setting`` table, or None."""
    row = session.get(AppSetting, key)
    return None if row is None else row.value


def put_setting(session: Session, key: str, value: Any) -> None:
    row = session.get(AppSetting, key)
    if row is None:
        session.add(AppSetting(key=key, value=value))
    elif row.value != value:
        row.value = value


def people_names(session: Session) -> dict[str, str]:
    """Every person's name by id (as text, the way ids travel): whom a value names."""
    return {
        str(user_id): display or username
        for user_id, display, username in session.execute(
            select(User.id, User.display_name, User.username)
        )
    }


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
