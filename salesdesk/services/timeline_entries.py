"""The entries of a customer's timeline (``services/timeline.py`` reads them): plain
dataclasses with no SQLAlchemy, so the timeline widget, which the window's first paint builds,
can check and draw them without loading the write side."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

PAGE = 50  # entries shown at first, and added by each "more"


@dataclass(frozen=True)
class VisitEntry:
    """A visit at its time (when it took place, else when it is planned)."""

    id: uuid.UUID
    at: datetime
    status: str  # domain.visits.VisitStatus
    purpose: str
    next_step: str
    reason: str  # why it was cancelled
    printed: bool  # its summary was printed
    missed: bool  # still planned, and its day is over (domain.due)


@dataclass(frozen=True)
class VisitChangeEntry:
    """A visit was rescheduled (from ``previous``) or cancelled, at ``at``."""

    id: uuid.UUID
    at: datetime
    visit_id: uuid.UUID
    kind: str  # domain.visits.VisitEventKind
    purpose: str
    previous: datetime | None
    now_at: datetime  # the visit's time after the change
    reason: str


@dataclass(frozen=True)
class PromiseEntry:
    id: uuid.UUID
    at: datetime  # made (the day it was made, at the time it was written down if that day)
    description: str
    made_to: str
    due: date
    status: str  # domain.promises.PromiseStatus
    overdue: bool  # open and past its due day (domain.due)
    department: str  # "" = the salesperson who made it
    reason: str


@dataclass(frozen=True)
class QuoteEntry:
    id: uuid.UUID
    at: datetime
    competitor: str
    product: str
    their_price: Decimal | None
    our_price: Decimal | None
    currency: str
    unit: str


@dataclass(frozen=True)
class ShipmentEntry:
    id: uuid.UUID
    at: datetime  # shipped (else when it was written)
    notice_no: str
    status: str  # domain.shipments.ShipmentStatus
    truck_plate: str
    eta: datetime | None
    arrived_at: datetime | None
    late: bool  # arrived after the first ETA promised, or on the road past its ETA


@dataclass(frozen=True)
class SendEntry:
    id: uuid.UUID
    at: datetime
    notice_id: uuid.UUID
    notice_no: str
    channel: str  # domain.shipments.Channel
    recipient: str
    result: str  # domain.shipments.DispatchResult
    detail: str
    is_update: bool


@dataclass(frozen=True)
class ComplaintEntry:
    """A complaint at the time it was received, with where its handling stands."""

    id: uuid.UUID
    at: datetime
    reference: str
    category: str  # domain.complaints.ComplaintCategory
    status: str  # domain.complaints.ComplaintStatus
    description: str
    satisfaction: int | None


Entry = (VisitEntry | VisitChangeEntry | PromiseEntry | QuoteEntry | ShipmentEntry | SendEntry
         | ComplaintEntry)


@dataclass(frozen=True)
class Timeline:
    customer_id: uuid.UUID
    entries: tuple[Entry, ...]  # newest first
    more: bool  # older entries were left out
