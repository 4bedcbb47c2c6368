"""The demo's shipment notices are what the rules accept: every sent notice has its five
elements valid, arrivals are on time or late as the on-time rate needs, drafts lack a truck."""

from __future__ import annotations

import random
import uuid
from datetime import UTC, datetime

from salesdesk.domain import demo_shipments
from salesdesk.domain.demo_visits import DemoCustomer, DemoProduct
from salesdesk.domain.shipments import (
    NoticeFacts,
    NoticeLine,
    NoticeState,
    ShipmentStatus,
    check_sendable,
    missing_elements,
    on_time,
)

NOW = datetime(2026, 12, 3, 4, 0, tzinfo=UTC)


def book(seed: int = 7) -> demo_shipments.ShipmentBook:
    customers = [DemoCustomer(uuid.UUID(int=i + 1), None, "A", "key" if i % 9 else "lost",
                              contacts=[(uuid.UUID(int=1000 + i), f"联系人{i}")])
                 for i in range(60)]
    products = [DemoProduct(uuid.UUID(int=9000 + i), f"PVDF氟碳彩涂铝卷 0.8×{1000 + i}", 30000)
                for i in range(4)]
    return demo_shipments.build(customers, products, now=NOW, rng=random.Random(seed))


def test_the_demo_notices_follow_the_rules() -> None:
    b = book()
    lines: dict[uuid.UUID, list[NoticeLine]] = {}
    for line in b.lines:
        lines.setdefault(line["notice_id"], []).append(
            NoticeLine(line["spec"], line["quantity"], line["unit"], line["batch_no"]))
    statuses = {n["status"] for n in b.notices}
    assert statuses == {"arrived", "sent", "draft"}
    for n in b.notices:
        facts = NoticeFacts(tuple(lines[n["id"]]), n["ship_time"], n["truck_plate"],
                            n["driver_phone"], n["eta"])
        if n["status"] == "draft":
            assert missing_elements(facts)
        else:
            check_sendable(facts, n["ship_time"])  # raises if any element is bad
    rate = on_time(NoticeState(ShipmentStatus(n["status"]), n["eta"], n["first_eta"],
                               n["arrived_at"]) for n in b.notices)
    assert 0.5 < (rate.rate_first or 0) < 0.95  # some late: the rate has something to say
    assert (rate.rate_latest or 0) >= (rate.rate_first or 0)
    assert any(d["is_update"] for d in b.dispatches)  # an ETA moved, the update sent


def test_the_demo_is_the_same_for_the_same_seed() -> None:
    first, second = book(3), book(3)
    assert [n["truck_plate"] for n in first.notices] == [n["truck_plate"] for n in second.notices]
