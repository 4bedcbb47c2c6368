"""A customer's history, read inside the caller's transaction: its visits, their history
events, promises and competitor quotes, each newest first and capped; and what a printed visit
summary or pre-visit brief needs of one visit or one day. Deleted rows are never returned.

Each ``*_of`` reader returns at most ``limit`` rows in the order the timeline shows them, so
the service can merge the kinds and know whether there is more (it asks for one row extra).
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Sequence
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from salesdesk.db.models import CompetitorQuote, Promise, Visit, VisitEvent


def visits_of(session: Session, customer_id: uuid.UUID, limit: int | None = None,
              status: str | None = None) -> Sequence[Visit]:
    stmt = (select(Visit)
            .where(Visit.customer_id == customer_id, Visit.deleted_at.is_(None))
            .order_by(func.coalesce(Visit.visited_at, Visit.starts_at).desc(), Visit.id.desc()))
    if status is not None:
        stmt = stmt.where(Visit.status == status)
    return session.scalars(stmt.limit(limit)).all()


def visit_events_of(session: Session, customer_id: uuid.UUID, kinds: Sequence[str],
                    limit: int | None = None) -> Sequence[tuple[VisitEvent, Visit]]:
    """The customer's visits' history events of ``kinds``, each with its visit."""
    stmt = (select(VisitEvent, Visit)
            .join(Visit, Visit.id == VisitEvent.visit_id)
            .where(Visit.customer_id == customer_id, Visit.deleted_at.is_(None),
                   VisitEvent.deleted_at.is_(None), VisitEvent.kind.in_(kinds))
            .order_by(VisitEvent.at.desc(), VisitEvent.id.desc())
            .limit(limit))
    return [(event, visit) for event, visit in session.execute(stmt)]


def promises_of(session: Session, customer_id: uuid.UUID, limit: int | None = None, *,
                status: str | None = None) -> Sequence[Promise]:
    stmt = (select(Promise)
            .where(Promise.customer_id == customer_id, Promise.deleted_at.is_(None))
            .order_by(Promise.made_on.desc(), Promise.created_at.desc(), Promise.id.desc()))
    if status is not None:
        stmt = stmt.where(Promise.status == status)
    return session.scalars(stmt.limit(limit)).all()


def promises_of_visit(session: Session, visit_id: uuid.UUID) -> Sequence[Promise]:
    return session.scalars(
        select(Promise)
        .where(Promise.visit_id == visit_id, Promise.deleted_at.is_(None))
        .order_by(Promise.due, Promise.created_at)
    ).all()


def quotes_of(session: Session, customer_id: uuid.UUID,
              limit: int | None = None) -> Sequence[CompetitorQuote]:
    return session.scalars(
        select(CompetitorQuote)
        .where(CompetitorQuote.customer_id == customer_id, CompetitorQuote.deleted_at.is_(None))
        .order_by(CompetitorQuote.created_at.desc(), CompetitorQuote.id.desc())
        .limit(limit)
    ).all()


def quotes_of_visit(session: Session, visit_id: uuid.UUID) -> Sequence[CompetitorQuote]:
    return session.scalars(
        select(CompetitorQuote)
        .where(CompetitorQuote.visit_id == visit_id, CompetitorQuote.deleted_at.is_(None))
        .order_by(CompetitorQuote.created_at)
    ).all()


def visit_times(session: Session, visit_ids: Iterable[uuid.UUID]) -> dict[uuid.UUID, datetime]:
    """When each visit took place (else when it is planned), deleted ones left out."""
    ids = set(visit_ids)
    if not ids:
        return {}
    rows = session.execute(
        select(Visit.id, Visit.visited_at, Visit.starts_at)
        .where(Visit.id.in_(ids), Visit.deleted_at.is_(None)))
    return {visit_id: visited or starts for visit_id, visited, starts in rows}


def get_visit(session: Session, visit_id: uuid.UUID) -> Visit | None:
    visit = session.get(Visit, visit_id)
    return None if visit is None or visit.deleted_at is not None else visit


def visits_between(session: Session, start: datetime, end: datetime) -> Sequence[Visit]:
    """Visits planned to start in [start, end) (aware), cancelled ones left out, in order."""
    return session.scalars(
        select(Visit)
        .where(Visit.starts_at >= start, Visit.starts_at < end, Visit.deleted_at.is_(None),
               Visit.status != "cancelled")
        .order_by(Visit.starts_at, Visit.id)
    ).all()
