"""The customer timeline's shipment entries: each notice (at its ship time) and every send of
it (at the time it went out, with its channel, recipient and result)."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Protocol

from sqlalchemy.orm import Session

from salesdesk.db import shipments as q
from salesdesk.services.timeline_entries import SendEntry, ShipmentEntry

__all__ = ["SendEntry", "ShipmentEntry", "sends", "shipments"]


class _Context(Protocol):
    @property
    def session(self) -> Session: ...

    @property
    def customer_id(self) -> uuid.UUID: ...


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
