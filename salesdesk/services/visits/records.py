"""What the visit services take and return: plain dataclasses, never ORM rows."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import datetime

from salesdesk.domain.visits import OverdueReason, VisitEventKind, VisitStatus
from salesdesk.kit.changes import Changes
from salesdesk.kit.errors import KnownError


@dataclass(frozen=True)
class VisitPlan:
    """A visit to plan: whom, when (aware instants), why and where. ``place`` None means the
    customer's address; ``contact_ids`` are the contacts to meet, of that customer."""

    customer_id: uuid.UUID | None
    starts_at: datetime | None
    ends_at: datetime | None = None
    purpose: str = ""
    place: str | None = None
    contact_ids: tuple[uuid.UUID, ...] = ()


@dataclass(frozen=True)
class ContactChoice:
    id: uuid.UUID
    name: str
    role: str = ""
    email: str = ""


@dataclass(frozen=True)
class PlanningCustomer:
    """A customer as the plan dialog offers it: its address (the default place) and contacts."""

    id: uuid.UUID
    name: str
    address: str
    contacts: tuple[ContactChoice, ...] = ()


@dataclass(frozen=True)
class AgendaVisit:
    """One line of the agenda: times are aware UTC (the page shows them in the user's zone)."""

    id: uuid.UUID
    customer_id: uuid.UUID
    customer_name: str
    starts_at: datetime
    ends_at: datetime | None
    purpose: str
    place: str
    status: VisitStatus
    reason: str = ""  # why it was cancelled
    contact_names: tuple[str, ...] = ()
    sequence: int = 0  # grows with every change (the calendar's SEQUENCE)
    updated_at: datetime | None = None


@dataclass(frozen=True)
class HistoryEntry:
    """One change in a visit's history (``visit_events``): what, when, by whom, why, and the
    window the visit had before."""

    kind: VisitEventKind
    at: datetime
    by: str  # the person's name; "" when unknown
    reason: str
    previous_starts_at: datetime | None
    previous_ends_at: datetime | None


@dataclass(frozen=True)
class VisitDetail:
    visit: AgendaVisit
    contacts: tuple[ContactChoice, ...]
    history: tuple[HistoryEntry, ...]


@dataclass(frozen=True)
class VisitSaved:
    """A visit planned, moved or cancelled: the agenda's new line, and what changed."""

    visit: AgendaVisit
    changes: Changes = field(default=Changes(visits=True, sync_state=True))


@dataclass(frozen=True)
class OverdueRow:
    customer_id: uuid.UUID
    customer_name: str
    reason: OverdueReason  # "last visit 41 days ago, tier A, every 14 days", worded by the UI


@dataclass(frozen=True)
class OverdueList:
    rows: tuple[OverdueRow, ...]
    total: int  # how many customers are overdue (rows holds the first ``limit``)


class VisitGone(KnownError):
    """The visit is no longer in the store (deleted, here or by a sync)."""

    code = "visits.gone"

