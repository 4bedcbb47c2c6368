"""Overdue contacts: the SQL pre-filter keeps exactly whom the domain rule lists."""

from __future__ import annotations

import random
from datetime import timedelta

from salesdesk.db.session import unit_of_work
from salesdesk.domain.due import SHANGHAI, local_date
from salesdesk.domain.tiers import Cadence, Tier
from salesdesk.domain.visits import CustomerCadence, overdue_contacts
from salesdesk.services.visits.plans import VisitService
from salesdesk.services.visits.records import VisitPlan
from tests.unit.services.visits.conftest import NOW, Clock, add_customer, add_done_visit, local


def test_a_customer_past_its_cadence_is_listed_with_its_reason(
    visits: VisitService, factory
) -> None:
    late = add_customer(factory, "墙煌建材", tier="A")
    add_done_visit(factory, late, local(2026, 10, 23, 15))  # 41 days before 3 December
    fine = add_customer(factory, "宏达门窗", tier="A")
    add_done_visit(factory, fine, local(2026, 11, 25))
    shown = visits.overdue()
    assert shown.total == 1
    (row,) = shown.rows
    assert (row.customer_id, row.customer_name) == (late, "墙煌建材")
    r = row.reason
    assert (r.days_since, r.tier, r.cadence_days, r.days_overdue) == (41, Tier.A, 14, 27)
    assert r.last_visit == local(2026, 10, 23).date()


def test_a_customer_this_laptop_got_today_is_overdue_by_its_visits(
    visits: VisitService, factory
) -> None:
    """``created_at`` is when this laptop stored the row (a pull, a reassignment, the demo):
    a customer it got an hour ago whose last visit was 41 days ago is overdue all the same."""
    handed_over = add_customer(factory, "墙煌建材", tier="A", created=NOW - timedelta(hours=1))
    add_done_visit(factory, handed_over, local(2026, 10, 23, 15))
    own = add_customer(factory, "宏达门窗", tier="B", cadence=7, created=NOW - timedelta(hours=1))
    add_done_visit(factory, own, local(2026, 11, 20))
    new = add_customer(factory, "新客户", tier="A", created=NOW - timedelta(hours=1))
    assert [r.customer_id for r in visits.overdue().rows] == [handed_over, own]
    assert new not in [r.customer_id for r in visits.overdue(limit=None).rows]


def test_due_today_is_not_overdue_until_the_next_local_midnight(
    visits: VisitService, factory, clock: Clock
) -> None:
    cid = add_customer(factory, "宏达门窗", tier="B")
    add_done_visit(factory, cid, local(2026, 11, 3, 23, 30))  # due 3 December (30 days)
    assert visits.overdue().total == 0
    clock.at = local(2026, 12, 3, 23, 59)
    assert visits.overdue().total == 0
    clock.at = local(2026, 12, 4, 0, 0)  # still 3 December in UTC
    assert [r.customer_id for r in visits.overdue().rows] == [cid]


def test_cancelling_or_deleting_a_done_visit_moves_the_last_visit_back(
    visits: VisitService, factory
) -> None:
    cid = add_customer(factory, "墙煌建材", tier="A")
    add_done_visit(factory, cid, local(2026, 10, 1))
    recent = add_done_visit(factory, cid, local(2026, 12, 1))
    other = add_done_visit(factory, cid, local(2026, 11, 30))
    assert visits.overdue().total == 0
    visits.cancel(recent, "录错了")
    assert visits.overdue().total == 0  # 30 November still counts
    visits.delete(other)
    (row,) = visits.overdue().rows
    assert row.reason.last_visit == local(2026, 10, 1).date()


def test_own_cadence_overrides_the_tier_and_never_visited_counts_from_added(
    visits: VisitService, factory
) -> None:
    own = add_customer(factory, "自定周期", tier="C", cadence=7)
    add_done_visit(factory, own, local(2026, 11, 20))  # 13 days: overdue at 7, not at C's 90
    add_customer(factory, "新客户", tier=None, created=NOW - timedelta(days=20))
    add_customer(factory, "今天加的", tier=None, created=NOW - timedelta(hours=1))
    rows = {r.customer_name: r.reason for r in visits.overdue().rows}
    assert set(rows) == {"自定周期", "新客户"}
    assert (rows["自定周期"].cadence_days, rows["自定周期"].days_overdue) == (7, 6)
    assert rows["新客户"].last_visit is None and rows["新客户"].days_since == 20


def test_planned_visits_do_not_count_and_order_is_lateness_then_tier(
    visits: VisitService, factory
) -> None:
    a = add_customer(factory, "甲", tier="A")
    c = add_customer(factory, "丙", tier="C")
    b = add_customer(factory, "乙", tier="B")
    add_done_visit(factory, a, local(2026, 11, 9))  # 24 days: 10 late
    add_done_visit(factory, b, local(2026, 10, 24))  # 40 days: 10 late
    add_done_visit(factory, c, local(2026, 7, 1))  # 155 days: 65 late
    visits.plan(VisitPlan(a, local(2026, 12, 5)))
    assert [r.customer_name for r in visits.overdue().rows] == ["丙", "甲", "乙"]
    assert len(visits.overdue(limit=1).rows) == 1 and visits.overdue(limit=1).total == 3


def test_the_pre_filter_misses_no_one_the_rule_would_list(factory, clock: Clock) -> None:
    """Random customers and visits around every cut-off: the service lists exactly whom the
    domain rule lists when handed every customer, in the same order."""
    rng = random.Random(13)
    service = VisitService(factory, Cadence(14, 30, 90), SHANGHAI, now=clock)
    customers = []
    for n in range(150):
        tier = rng.choice(["A", "B", "C", None])
        own = rng.choice([None, None, None, 5, 45])
        created = NOW - timedelta(days=rng.randint(0, 200), hours=rng.randint(0, 23))
        cid = add_customer(factory, f"客户{n}", tier=tier, cadence=own, created=created)
        last = None
        for _ in range(rng.randint(0, 3)):
            at = NOW - timedelta(days=rng.randint(0, 120), minutes=rng.randint(0, 1439))
            add_done_visit(factory, cid, at)
            last = max(last or at, at)
        customers.append(CustomerCadence(
            cid, Tier(tier) if tier else None, local_date(created, SHANGHAI),
            None if last is None else local_date(last, SHANGHAI), own))
    expected = overdue_contacts(customers, NOW, Cadence(14, 30, 90), SHANGHAI)
    got = service.overdue(limit=None)
    assert [(r.customer_id, r.reason) for r in got.rows] == [
        (e.customer_id, e.reason) for e in expected]
    assert got.total == len(expected)
    assert 10 < got.total < 140  # the sample straddles the cut-offs
    first = service.overdue(limit=7)
    assert [r.customer_id for r in first.rows] == [e.customer_id for e in expected[:7]]
    assert first.total == len(expected)


def test_deleted_customers_are_not_listed(visits: VisitService, factory) -> None:
    from salesdesk.db.models import Customer

    cid = add_customer(factory, "已删除", tier="A")
    with unit_of_work(factory) as session:
        customer = session.get(Customer, cid)
        assert customer is not None
        customer.deleted_at = NOW
    assert visits.overdue().total == 0
