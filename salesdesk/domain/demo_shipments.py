"""The demo's shipment notices, as plain rows: a few per customer so the Shipments page, the
Today page and the customer timeline have something to show.

Per customer still buying (not "lost"): two delivered notices of the past weeks (most on time,
one in four after its first ETA, some with the ETA moved and an update sent with the apology),
and for about half of them one on the road (some arriving today, some already late); a few
drafts still missing their truck. Every send is logged (SMS or email, sent). Pure and
deterministic for a given ``random.Random``, like ``demo_visits.py``; field names are the
entity table's.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from decimal import Decimal
from typing import Any

from salesdesk.domain.demo_visits import DemoCustomer, DemoProduct
from salesdesk.domain.ids import uuid7
from salesdesk.domain.shipments import PROVINCES

Row = dict[str, Any]

CARRIERS = ("顺达物流", "德邦快运", "安能物流", "自有车队", "中通快运")
DRIVERS = ("张师傅", "李师傅", "王师傅", "刘师傅", "陈师傅", "赵师傅")
_PLATE_LETTERS = "ABCDEFGHJKLMNPQRSTUVWXYZ"


@dataclass
class ShipmentBook:
    notices: list[Row] = field(default_factory=list)
    lines: list[Row] = field(default_factory=list)
    dispatches: list[Row] = field(default_factory=list)

    def tables(self) -> list[tuple[str, list[Row]]]:
        return [("shipment_notices", self.notices), ("shipment_lines", self.lines),
                ("shipment_dispatches", self.dispatches)]


class _Builder:
    def __init__(self, rng: random.Random, products: Sequence[DemoProduct], now: datetime
                 ) -> None:
        self.rng = rng
        self.products = products
        self.now = now
        self.book = ShipmentBook()
        self.serial = 0

    def plate(self) -> str:
        r = self.rng
        serial = "".join(r.choice("0123456789") for _ in range(5))
        return f"{r.choice(PROVINCES[:12])}{r.choice(_PLATE_LETTERS)}{serial}"

    def notice(self, c: DemoCustomer, *, ship: datetime, transit_h: int, status: str,
               late_h: int = 0, slipped_h: int = 0, draft: bool = False) -> None:
        r = self.rng
        self.serial += 1
        first_eta = ship + timedelta(hours=transit_h)
        eta = first_eta + timedelta(hours=slipped_h)
        notice_id = uuid7()
        recipients = [str(cid) for cid, _ in c.contacts[:1]]
        self.book.notices.append({
            "id": notice_id, "customer_id": c.id,
            "notice_no": f"FH{ship:%Y%m%d}-{self.serial:03d}",
            "order_ref": f"SO-{ship:%y%m}-{r.randrange(100, 999)}",
            "recipient_contact_ids": recipients, "language": "zh",
            "ship_time": None if draft else ship, "carrier": r.choice(CARRIERS),
            "truck_plate": "" if draft else self.plate(), "driver_name": r.choice(DRIVERS),
            "driver_phone": "" if draft else f"1{r.choice('3589')}{r.randrange(10**9):09d}",
            "eta": None if draft else eta, "first_eta": None if draft else first_eta,
            "status": status,
            "arrived_at": eta + timedelta(hours=late_h) if status == "arrived" else None,
            "received_by": c.contacts[0][1] if status == "arrived" and c.contacts else "",
            "arrival_remarks": "包装完好，数量无误" if status == "arrived" else "",
        })
        for position, product in enumerate(r.sample(list(self.products),
                                                    k=min(len(self.products), r.choice((1, 2))))):
            tonnes = Decimal(r.randrange(50, 400)) / 10
            self.book.lines.append({
                "id": uuid7(), "notice_id": notice_id, "product_id": product.id,
                "spec": product.name, "quantity": tonnes, "unit": "t",
                "batch_no": f"B{ship:%y%m}{r.randrange(10, 99)}", "position": position,
            })
        if draft or not c.contacts:
            return
        contact_id, name = c.contacts[0]
        channel = r.choice(("sms", "email"))
        sends = [(ship, first_eta, False)]
        if slipped_h:
            sends.append((ship + timedelta(hours=transit_h // 2), eta, True))
        for at, told, update in sends:
            self.book.dispatches.append({
                "id": uuid7(), "notice_id": notice_id, "sent_at": at, "channel": channel,
                "contact_id": contact_id, "recipient": name, "eta": told, "is_update": update,
                "message": "发货通知（更新）" if update else "发货通知", "result": "sent",
                "result_at": at,
            })

    def customer(self, c: DemoCustomer) -> None:
        r = self.rng
        for weeks in (r.randrange(2, 5), r.randrange(6, 12)):
            ship = self.now - timedelta(weeks=weeks, hours=r.randrange(0, 48))
            late = r.random() < 0.25
            slipped = r.randrange(6, 30) if late and r.random() < 0.5 else 0
            self.notice(c, ship=ship, transit_h=r.randrange(12, 60), status="arrived",
                        slipped_h=slipped, late_h=r.randrange(1, 8) if late and not slipped
                        else -r.randrange(0, 4))
        roll = r.random()
        if roll < 0.2:  # arriving later today
            transit = r.randrange(20, 40)
            ship = self.now - timedelta(hours=transit - r.randrange(1, 6))
            self.notice(c, ship=ship, transit_h=transit, status="sent")
        elif roll < 0.3:  # already late
            self.notice(c, ship=self.now - timedelta(hours=r.randrange(40, 70)), transit_h=30,
                        status="sent")
        elif roll < 0.5:  # on the road, due in a day or two
            self.notice(c, ship=self.now - timedelta(hours=r.randrange(1, 12)),
                        transit_h=r.randrange(30, 60), status="sent")
        elif roll < 0.55:  # composed, the truck not known yet
            self.notice(c, ship=self.now, transit_h=24, status="draft", draft=True)


def build(customers: Sequence[DemoCustomer], products: Sequence[DemoProduct], *,
          now: datetime, rng: random.Random) -> ShipmentBook:
    """The notices of ``customers`` that still buy (``now`` aware)."""
    builder = _Builder(rng, products, now)
    if products:
        for c in customers:
            if c.category != "lost":
                builder.customer(c)
    return builder.book
