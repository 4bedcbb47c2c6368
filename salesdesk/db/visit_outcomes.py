"""Queries of a visit's outcome: the visit, its competitor quotes and promises, and the draft
of an outcome being typed (``visit_drafts``: local, never synced)."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from salesdesk.db.models import (
    CompetitorQuote,
    Customer,
    Promise,
    User,
    Visit,
    VisitDraft,
)


def get_visit(session: Session, visit_id: uuid.UUID) -> Visit | None:
    """A live visit by id (None if there is none, or it was deleted)."""
    visit = session.get(Visit, visit_id)
    return None if visit is None or visit.deleted_at is not None else visit


def quotes_of_visit(session: Session, visit_id: uuid.UUID) -> Sequence[CompetitorQuote]:
    """The live competitor quotes heard on a visit, in the order they were recorded."""
    return session.scalars(
        select(CompetitorQuote)
        .where(CompetitorQuote.visit_id == visit_id, CompetitorQuote.deleted_at.is_(None))
        .order_by(CompetitorQuote.created_at, CompetitorQuote.id)
    ).all()


def promises_of_visit(session: Session, visit_id: uuid.UUID) -> Sequence[Promise]:
    """The live promises made on a visit, in the order they were recorded."""
    return session.scalars(
        select(Promise)
        .where(Promise.visit_id == visit_id, Promise.deleted_at.is_(None))
        .order_by(Promise.created_at, Promise.id)
    ).all()


def user_exists(session: Session, user_id: uuid.UUID) -> bool:
    return session.get(User, user_id) is not None


def customer_choices(session: Session) -> list[tuple[uuid.UUID, str]]:
    """Every live customer's id and name, by name: whom an unplanned visit can be for."""
    rows = session.execute(
        select(Customer.id, Customer.name)
        .where(Customer.deleted_at.is_(None))
        .order_by(Customer.name_key)
    ).all()
    return [(r[0], r[1]) for r in rows]


# --- drafts -------------------------------------------------------------------------------


def get_draft(session: Session, visit_id: uuid.UUID) -> VisitDraft | None:
    return session.get(VisitDraft, visit_id)


def put_draft(session: Session, visit_id: uuid.UUID, data: Any, saved_at: datetime) -> None:
    draft = session.get(VisitDraft, visit_id)
    if draft is None:
        session.add(VisitDraft(visit_id=visit_id, data=data, saved_at=saved_at))
    else:
        draft.data = data
        draft.saved_at = saved_at


def delete_draft(session: Session, visit_id: uuid.UUID) -> None:
    session.execute(delete(VisitDraft).where(VisitDraft.visit_id == visit_id))


def unplanned_drafts(session: Session) -> Sequence[VisitDraft]:
    """Drafts of visits that have no row yet (unplanned ones), newest first."""
    return session.scalars(
        select(VisitDraft)
        .where(~select(Visit.id).where(Visit.id == VisitDraft.visit_id).exists())
        .order_by(VisitDraft.saved_at.desc())
    ).all()
