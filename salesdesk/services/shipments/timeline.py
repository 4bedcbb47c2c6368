"""The customer timeline's shipment entries: each notice (at its ship time) and every send of
it (at the time it went out, with its channel, recipient and result)."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from sqlalchemy.orm import Session

from salesdesk.db import shipments as q


class _Context(Protocol):
    @property
    def session(self) -> Session: ...

    @property
    def customer_id(self) -> uuid.UUID: ...


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


def shipments(c: _Context, limit: int, now: datetime) -> list[ShipmentEntry]:
    entries = []
    for n in q.notices_for_timeline(c.session, c.customer_id, limit):
        promised = n.first_eta or n.eta
        late = (n.arrived_at is not None and promised is not None and n.arrived_at > promised) \
            or (n.status == "sent" and n.eta is not None and n.eta < now)
        entries.append(ShipmentEntry(n.id, n.ship_time or n.created_at, n.notice_no, n.status,
                                     n.truck_plate, n.eta, n.arrived_at, late))
    return entries


def sends(c: _Context, limit: int) -> list[SendEntry]:
    return [SendEntry(d.id, d.sent_at, d.notice_id, notice_no, d.channel, d.recipient,
                      d.result, d.detail, d.is_update)
            for d, notice_no in q.sends_for_timeline(c.session, c.customer_id, limit)]
