"""Customer book queries: a customer, its contacts, and customers like a draft (same name
key, tax id or phone)."""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Sequence

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from salesdesk.db.models import Contact, Customer


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


def customer_names(session: Session) -> Sequence[tuple[uuid.UUID, str, str, str]]:
    """Every live customer's id, name, name key and short name (what an import matches on)."""
    rows = session.execute(
        select(Customer.id, Customer.name, Customer.name_key, Customer.short_name).where(
            Customer.deleted_at.is_(None)
        )
    ).all()
    return [(r[0], r[1], r[2], r[3]) for r in rows]
