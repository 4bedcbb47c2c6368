"""The demo's complaints are what the rules make: each history replayed through the state
machine gives the stored status, its stored deadlines are the committed clock's, and as of
``now`` every state a user must see is there — near breach, breached, paused, closed with a
satisfaction score, reopened."""

from __future__ import annotations

import random
import uuid
from collections import Counter
from datetime import UTC, datetime, timedelta

import pytest

from salesdesk.domain import complaints as rules
from salesdesk.domain import demo_complaints, demo_shipments
from salesdesk.domain.business_calendar import china_calendar
from salesdesk.domain.complaint_clock import DEFAULT_POLICY, clock
from salesdesk.domain.complaints import EventKind, HistoryEntry, Step
from salesdesk.domain.demo_visits import DemoCustomer, DemoProduct

# A Thursday in the afternoon (Shanghai), a Saturday night, and a day before a holiday week.
MOMENTS = (datetime(2026, 12, 3, 6, 0, tzinfo=UTC), datetime(2026, 12, 5, 14, 0, tzinfo=UTC),
           datetime(2026, 9, 30, 3, 0, tzinfo=UTC))


def _book(now: datetime, seed: int = 7) -> tuple[demo_complaints.ComplaintBook, list[dict]]:
    customers = [DemoCustomer(uuid.UUID(int=i + 1), uuid.UUID(int=500 + i % 2), "A",
                              "key" if i % 9 else "lost",
                              contacts=[(uuid.UUID(int=1000 + i), f"联系人{i}")])
                 for i in range(30)]
    products = [DemoProduct(uuid.UUID(int=9000 + i), f"PVDF氟碳彩涂铝卷 0.8×{1000 + i}", 30000)
                for i in range(3)]
    notices = demo_shipments.build(customers, products, now=now,
                                   rng=random.Random(seed)).notices
    staff = {"quality": uuid.UUID(int=800), "logistics": uuid.UUID(int=801)}
    book = demo_complaints.build(customers, products, notices, staff, now=now,
                                 rng=random.Random(seed))
    return book, notices


@pytest.mark.parametrize("now", MOMENTS, ids=["thursday", "saturday-night", "before-holiday"])
def test_the_demo_complaints_pass_the_state_machine_and_the_clock(now: datetime) -> None:
    book, notices = _book(now)
    calendar = china_calendar()
    assert len(book.complaints) == 40
    events: dict[uuid.UUID, list[dict]] = {}
    for e in book.events:
        events.setdefault(e["complaint_id"], []).append(e)
    seen: Counter[str] = Counter()
    for c in book.complaints:
        history = sorted(events[c["id"]], key=lambda e: e["at"])
        assert history[0]["kind"] == "received" and history[0]["at"] == c["received_at"]
        state = rules.received()
        for e in history[1:]:  # raises ValidationFailed on any step out of order
            state = rules.apply(state, Step(EventKind(e["kind"]), e["at"], text=e["text"],
                                            department=e["department"], reason=e["reason"],
                                            score=e["score"]))
            assert e["at"] <= now
        assert (state.status.value, state.paused_at, state.department, state.contacted_at,
                state.resolved_at, state.closed_at, state.satisfaction) == (
            c["status"], c["paused_at"], c["department"], c["contacted_at"], c["resolved_at"],
            c["closed_at"], c["satisfaction"])
        assert now - timedelta(days=185) <= c["received_at"] <= now
        assert c["reference"].startswith("TS-") and c["description"]
        targets = DEFAULT_POLICY.for_severity(c["severity"])
        entries = [HistoryEntry(EventKind(e["kind"]), e["at"], e["reason"]) for e in history]
        result = clock(c["received_at"], targets, calendar, rules.pauses(entries),
                       c["paused_at"] or now, contacted_at=c["contacted_at"],
                       resolved_at=c["resolved_at"])
        # Stored as the service stores them: recording and stepping would give these.
        assert (c["first_contact_due"], c["resolution_due"]) == (
            result.deadlines.first_contact, result.deadlines.resolution)
        seen[c["status"]] += 1
        if state.is_paused:
            seen["paused"] += 1
        elif not state.is_resolved:
            first = c["contacted_at"] is None
            left = result.first_contact_left if first else result.resolution_left
            target = targets.first_contact_minutes if first else targets.resolution_minutes
            seen["near"] += rules.near_breach(left, target)
            seen["breached"] += rules.breached(left)
        if c["status"] == "closed" and c["satisfaction"] in range(1, 6):
            seen["closed_rated"] += 1
    assert seen["near"] >= 1 and seen["breached"] == 1 and seen["paused"] == 1, seen
    assert seen["closed_rated"] >= 10 and seen["reopened"] == 1, seen
    assert {"received", "acknowledged", "investigating", "escalated", "solution_proposed",
            "accepted", "resolved", "satisfaction_asked"} <= set(seen), seen
    # Escalations reach HQ's quality and logistics departments; delivery complaints name the
    # notice they are about when the customer had one arrive before.
    assert {"quality", "logistics"} <= {c["department"] for c in book.complaints}
    by_id = {n["id"]: n for n in notices}
    linked = [c for c in book.complaints if c["shipment_notice_id"]]
    assert linked
    for c in linked:
        notice = by_id[c["shipment_notice_id"]]
        assert c["category"] == "delivery" and notice["customer_id"] == c["customer_id"]
        assert notice["arrived_at"] < c["received_at"]
    assert len({c["reference"] for c in book.complaints}) == len(book.complaints)


def test_the_demo_complaints_are_the_same_for_the_same_seed() -> None:
    first, second = _book(MOMENTS[0], 3)[0], _book(MOMENTS[0], 3)[0]
    assert [(c["description"], c["received_at"]) for c in first.complaints] == [
        (c["description"], c["received_at"]) for c in second.complaints]
