"""What the complaint service takes and returns: plain dataclasses, never ORM rows."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from salesdesk.domain.complaints import (
    Channel,
    ComplaintCategory,
    ComplaintStatus,
    EventKind,
)
from salesdesk.kit.changes import Changes

CHANGED = Changes(complaints=True, sync_state=True)  # a complaint written, and an op to send


@dataclass(frozen=True)
class ComplaintDraft:
    """A complaint as the salesperson records it while the customer is still there."""

    customer_id: uuid.UUID | None
    description: str  # in the customer's own words
    channel: str = Channel.PHONE.value
    category: str = ComplaintCategory.OTHER.value
    severity: str = "normal"
    contact_id: uuid.UUID | None = None
    contact_name: str = ""  # who complained, when not a contact on file
    shipment_notice_id: uuid.UUID | None = None
    product_id: uuid.UUID | None = None
    batch_no: str = ""
    reference: str = ""  # the one the script read out ("" = make one)
    attachments: tuple[Path, ...] = ()


@dataclass(frozen=True)
class StepDraft:
    """A step someone takes on a complaint (domain/complaints.py: Step, without the time)."""

    kind: EventKind
    text: str = ""
    department: str = ""
    reason: str = ""
    score: int | None = None


@dataclass(frozen=True)
class Recorded:
    id: uuid.UUID
    reference: str
    first_contact_due: datetime
    resolution_due: datetime
    changes: Changes = CHANGED


@dataclass(frozen=True)
class Written:
    id: uuid.UUID
    changes: Changes = CHANGED


@dataclass(frozen=True)
class BoardRow:
    """One open complaint on the board, with its clock as of the board's ``now``."""

    id: uuid.UUID
    reference: str
    customer_id: uuid.UUID
    customer_name: str
    category: str
    severity: str
    status: ComplaintStatus
    department: str
    description: str
    received_at: datetime
    due: datetime | None  # the deadline it runs against: first contact, then resolution
    first_contact: bool  # ``due`` is the first-contact deadline (not yet contacted)
    left: int | None  # working minutes to ``due``; negative: breached by that much
    paused: bool
    near: bool  # near breach (a quarter of the target or less left)

    @property
    def breached(self) -> bool:
        return self.left is not None and self.left < 0


@dataclass(frozen=True)
class Board:
    rows: list[BoardRow]
    now: datetime


@dataclass(frozen=True)
class BoardFilter:
    category: str | None = None
    severity: str | None = None
    customer_id: uuid.UUID | None = None
    department: str | None = None


@dataclass(frozen=True)
class EventRow:
    id: uuid.UUID
    kind: EventKind
    at: datetime
    by: str
    text: str
    department: str
    reason: str
    score: int | None


@dataclass(frozen=True)
class AttachmentRow:
    id: uuid.UUID
    filename: str
    size: int
    mime: str
    path: Path | None  # None: the bytes are not on this laptop (yet)


@dataclass(frozen=True)
class ComplaintDetail:
    id: uuid.UUID
    reference: str
    customer_id: uuid.UUID
    customer_name: str
    contact: str
    channel: str
    category: str
    severity: str
    description: str
    batch_no: str
    received_at: datetime
    received_by: str
    status: ComplaintStatus
    department: str
    paused: bool
    first_contact_due: datetime | None
    resolution_due: datetime | None
    first_contact_left: int | None  # working minutes; None once met
    resolution_left: int | None  # None once resolved
    contacted_at: datetime | None
    resolved_at: datetime | None
    closed_at: datetime | None
    satisfaction: int | None
    satisfaction_comment: str
    events: list[EventRow] = field(default_factory=list)
    attachments: list[AttachmentRow] = field(default_factory=list)


@dataclass(frozen=True)
class CustomerComplaint:
    """A complaint as the customer timeline shows it."""

    id: uuid.UUID
    reference: str
    received_at: datetime
    category: str
    status: ComplaintStatus
    description: str
    satisfaction: int | None


@dataclass(frozen=True)
class Committed:
    """The committed times for a complaint received at ``received_at``."""

    received_at: datetime
    first_contact: datetime
    resolution: datetime
    words: str  # the first-contact time as the script says it


@dataclass(frozen=True)
class Recomputed:
    count: int  # open complaints whose stored deadlines were recomputed
    changes: Changes = CHANGED
