"""A customer's timeline read from a real store: every kind, newest first, states worded by
the domain's rules, capped with "more"."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from salesdesk.db.models import Promise, Visit
from salesdesk.db.session import unit_of_work
from salesdesk.domain.due import SHANGHAI
from salesdesk.services.timeline import (
    PromiseEntry,
    QuoteEntry,
    TimelineService,
    VisitChangeEntry,
    VisitEntry,
)
from tests.visit_history import at, salesperson, seed_history

TODAY = date(2026, 12, 3)


@pytest.fixture
def history(factory):
    with unit_of_work(factory) as session:
        return seed_history(session, TODAY, salesperson_id=salesperson(session))


def test_every_kind_newest_first(factory, history) -> None:
    timeline = TimelineService(factory, SHANGHAI).read(history.customer_id, now=at(TODAY, 20))
    shown = [(type(e).__name__, getattr(e, "purpose", "") or getattr(e, "description", "")
              or getattr(e, "competitor", "")) for e in timeline.entries]
    assert shown == [
        ("VisitEntry", "报二期价格"),  # planned in a week
        # today 14:30: what came of the visit above it
        ("PromiseEntry", "安排技术员到现场查看色差问题"),
        ("PromiseEntry", "三天内寄送 3mm 氟碳铝单板样板两块"),
        ("QuoteEntry", "佛山金盛铝业"),
        ("VisitEntry", "回访上批铝单板的使用情况"),
        ("VisitChangeEntry", "报二期价格"),  # rescheduled yesterday
        ("VisitEntry", "送检测报告"),  # cancelled, 10 days ago
        ("VisitChangeEntry", "送检测报告"),  # its cancellation, the evening before
        ("PromiseEntry", "寄送色卡"),  # 21 days ago, made in that visit
        ("PromiseEntry", "补发上月对账单"),
        ("VisitEntry", "介绍新品氟碳铝单板"),
        ("PromiseEntry", "月底前补齐欠货"),  # made 51 days ago, no visit
    ]
    assert not timeline.more
    by_id = {e.id: e for e in timeline.entries}
    overdue = by_id[history.promises["overdue"]]
    assert isinstance(overdue, PromiseEntry) and overdue.overdue and overdue.status == "open"
    kept = by_id[history.promises["kept"]]
    assert isinstance(kept, PromiseEntry) and not kept.overdue and kept.status == "kept"
    technician = by_id[history.promises["technician"]]
    assert isinstance(technician, PromiseEntry) and technician.department == "technical"
    quote = by_id[history.quote_id]
    assert isinstance(quote, QuoteEntry)
    assert (quote.their_price, quote.our_price) == (Decimal(28000), Decimal(28800))
    cancelled = by_id[history.visits["cancelled"]]
    assert isinstance(cancelled, VisitEntry) and cancelled.reason == "客户临时出差"
    moved = [e for e in timeline.entries if isinstance(e, VisitChangeEntry)
             and e.kind == "rescheduled"]
    assert moved[0].previous == at(TODAY.replace(day=9), 9) and moved[0].reason == "客户改到下周"


def test_a_planned_visit_whose_day_is_over_is_missed(factory, history) -> None:
    late = TimelineService(factory, SHANGHAI).read(history.customer_id,
                                                   now=at(TODAY.replace(day=11), 0, 1))
    planned = next(e for e in late.entries if e.id == history.visits["planned"])
    assert isinstance(planned, VisitEntry) and planned.missed
    same_day = TimelineService(factory, SHANGHAI).read(history.customer_id,
                                                       now=at(TODAY.replace(day=10), 23, 59))
    planned = next(e for e in same_day.entries if e.id == history.visits["planned"])
    assert isinstance(planned, VisitEntry) and not planned.missed


def test_capped_with_more(factory, history) -> None:
    service = TimelineService(factory, SHANGHAI)
    full = service.read(history.customer_id, now=at(TODAY, 20))
    first = service.read(history.customer_id, limit=4, now=at(TODAY, 20))
    assert first.more and first.entries == full.entries[:4]
    assert service.read(history.customer_id, limit=len(full.entries)).more is False


def test_deleted_rows_and_other_customers_stay_out(factory, history) -> None:
    with unit_of_work(factory) as session:
        session.get_one(Visit, history.visits["early"]).deleted_at = at(TODAY, 9)
        session.get_one(Promise, history.promises["broken"]).deleted_at = at(TODAY, 9)
        other = seed_history(session, TODAY, name="宁波华美门窗有限公司")
    ids = {e.id for e in TimelineService(factory, SHANGHAI).read(history.customer_id).entries}
    assert history.visits["early"] not in ids and history.promises["broken"] not in ids
    assert not ids & set(other.visits.values())
    assert history.visits["today"] in ids
