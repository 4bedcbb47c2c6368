"""What the shipment-notice service takes and returns: plain dataclasses, no ORM objects."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from enum import StrEnum

from salesdesk.domain.shipments import Channel, DispatchResult, Element, OnTime, ShipmentStatus
from salesdesk.domain.validation import FieldError
from salesdesk.kit.changes import Changes
from salesdesk.kit.errors import KnownError

CHANGED = Changes(shipments=True, sync_state=True)  # a notice or a send written, an op to send


class NoticeGone(KnownError):
    """The notice was deleted (or a sync removed its customer) since it was shown."""

    code = "shipments.gone"


@dataclass(frozen=True)
class LineDraft:
    """A line as typed: ``quantity`` is the text in the cell ("25.5", "１２")."""

    spec: str
    quantity: str
    unit: str = "t"
    batch_no: str = ""
    product_id: uuid.UUID | None = None


@dataclass(frozen=True)
class NoticeDraft:
    """A notice as composed; ``id`` None for a new one. Times are aware instants."""

    customer_id: uuid.UUID | None
    lines: tuple[LineDraft, ...] = ()
    recipient_ids: tuple[uuid.UUID, ...] = ()
    order_ref: str = ""
    ship_time: datetime | None = None
    carrier: str = ""
    truck_plate: str = ""
    driver_name: str = ""
    driver_phone: str = ""
    eta: datetime | None = None
    remarks: str = ""
    language: str = "zh"
    id: uuid.UUID | None = None


@dataclass(frozen=True)
class Recipient:
    contact_id: uuid.UUID
    name: str
    role: str
    email: str
    mobile: str


@dataclass(frozen=True)
class DispatchRow:
    id: uuid.UUID
    channel: Channel
    recipient: str
    sent_at: datetime
    eta: datetime | None
    is_update: bool
    result: DispatchResult
    detail: str
    result_at: datetime | None


@dataclass(frozen=True)
class NoticeDetail:
    id: uuid.UUID
    customer_name: str
    notice_no: str
    status: ShipmentStatus
    draft: NoticeDraft
    first_eta: datetime | None
    arrived_at: datetime | None
    received_by: str
    arrival_remarks: str
    missing: tuple[Element, ...]
    dispatches: tuple[DispatchRow, ...] = ()
    contacts: tuple[Recipient, ...] = ()  # every live contact of the customer, to choose from

    @property
    def last_sent_eta(self) -> datetime | None:
        sent = [d for d in self.dispatches if d.result is not DispatchResult.FAILED]
        return sent[-1].eta if sent else None


@dataclass(frozen=True)
class Saved:
    """A notice written: its id, whether the customer must now hear of a changed ETA (the
    update with its apology is ready to send), and what changed for the pages."""

    id: uuid.UUID
    eta_slipped: bool = False
    changes: Changes = CHANGED


@dataclass(frozen=True)
class SendPlan:
    """What the send dialog shows before anything is sent.

    ``problems`` are the field errors that stop a send (missing elements are REQUIRED errors on
    their fields); ``without_email`` are the chosen recipients an email cannot reach: the dialog
    says so and offers the text instead.
    """

    notice_id: uuid.UUID
    customer_name: str
    is_update: bool
    problems: tuple[FieldError, ...]
    recipients: tuple[Recipient, ...]
    without_email: tuple[Recipient, ...]
    text: str
    segments: int
    subject: str

    @property
    def sendable(self) -> bool:
        return not self.problems


@dataclass(frozen=True)
class Sent:
    notice_id: uuid.UUID
    dispatch_ids: tuple[uuid.UUID, ...]
    outbox_id: uuid.UUID | None = None  # the email waiting in the mail outbox
    changes: Changes = CHANGED


@dataclass(frozen=True)
class ShipmentRow:
    """One notice on the Shipments page."""

    id: uuid.UUID
    customer_id: uuid.UUID
    customer_name: str
    notice_no: str
    status: ShipmentStatus
    ship_time: datetime | None
    eta: datetime | None
    first_eta: datetime | None
    arrived_at: datetime | None
    truck_plate: str
    driver: str
    goods: str

    @property
    def in_transit(self) -> bool:
        return self.status is ShipmentStatus.SENT


class View(StrEnum):
    """The Shipments page's tabs."""

    ON_ROAD = "on_road"  # sent, not arrived: the next arrival first
    TODAY = "today"  # on the road, ETA later today (local)
    LATE = "late"  # on the road past the ETA
    DELIVERED = "delivered"
    DRAFTS = "drafts"
    ALL = "all"


@dataclass(frozen=True)
class ShipmentList:
    """One view's rows (a view of many holds its newest :data:`VIEW_SHOWN`) and every view's
    count under the same customer filter."""

    rows: list[ShipmentRow]
    now: datetime
    view: View = View.ALL
    counts: dict[View, int] = field(default_factory=dict)

    @property
    def cut(self) -> bool:
        return len(self.rows) < self.counts.get(self.view, 0)


@dataclass(frozen=True)
class RateLine:
    customer_id: uuid.UUID
    name: str
    on_time: OnTime


@dataclass(frozen=True)
class OnTimeRates:
    overall: OnTime
    customers: list[RateLine] = field(default_factory=list)


@dataclass(frozen=True)
class Arrival:
    at: datetime
    received_by: str = ""
    remarks: str = ""


def quantity_cell(value: Decimal | None) -> str:
    """A stored quantity as the lines table shows it: "25.5", "12"."""
    return "" if value is None else format(value.normalize(), "f")
