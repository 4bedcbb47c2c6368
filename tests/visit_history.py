"""A customer with a history to show and print: visits done, planned, rescheduled and
cancelled, promises kept, broken, open and overdue, and a competitor's price heard; and a day
of visits. Written through the ORM inside a unit of work, as the app's own writes are (so the
rows go to the outbox and sync)."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from typing import Any

from salesdesk.db.models import (
    CompetitorQuote,
    Contact,
    Customer,
    Promise,
    User,
    Visit,
    VisitEvent,
)
from salesdesk.domain.due import SHANGHAI

CUSTOMER = "杭州墙煌建材有限公司"


def at(day: date, hour: int, minute: int = 0) -> datetime:
    """A Shanghai wall time as an aware datetime."""
    return datetime.combine(day, time(hour, minute), tzinfo=SHANGHAI)


@dataclass
class History:
    customer_id: uuid.UUID
    salesperson_id: uuid.UUID | None
    today: date
    visits: dict[str, uuid.UUID] = field(default_factory=dict)
    promises: dict[str, uuid.UUID] = field(default_factory=dict)
    quote_id: uuid.UUID | None = None


def salesperson(session: Any, username: str = "lina", name: str = "李娜") -> uuid.UUID:
    user = User(username=username, display_name=name, role="sales")
    session.add(user)
    session.flush()
    return user.id


def seed_history(session: Any, today: date, *, salesperson_id: uuid.UUID | None = None,
                 name: str = CUSTOMER) -> History:
    """``today`` is the Shanghai date the tests look from: a visit done today at 14:30 with
    its outcome, a quote and two promises; one done 21 days ago whose promise is overdue, one
    planned in a week (rescheduled once), one cancelled, and older promises kept and broken."""
    customer = Customer(name=name, province="浙江省", city="杭州市",
                        address="余杭区良渚街道好运路 88 号", tier="A",
                        assigned_to_id=salesperson_id)
    session.add(customer)
    session.flush()
    wang = Contact(customer_id=customer.id, name="王建国", role="采购经理", is_primary=True)
    chen = Contact(customer_id=customer.id, name="陈静", role="工程部")
    session.add_all([wang, chen])
    session.flush()
    h = History(customer.id, salesperson_id, today)
    early = today - timedelta(days=21)

    def visit(key: str, starts: datetime, **values: Any) -> Visit:
        v = Visit(customer_id=customer.id, salesperson_id=salesperson_id, starts_at=starts,
                  ends_at=starts + timedelta(hours=1), **values)
        session.add(v)
        session.flush()
        h.visits[key] = v.id
        return v

    first = visit("early", at(early, 10), purpose="介绍新品氟碳铝单板", status="done",
                  visited_at=at(early, 10, 15), next_step="寄送色卡和样板",
                  met_contact_ids=[str(wang.id)])
    today_visit = visit(
        "today", at(today, 14, 30), purpose="回访上批铝单板的使用情况", status="done",
        visited_at=at(today, 14, 30), met_contact_ids=[str(wang.id), str(chen.id)],
        met_with="张工", discussed="二期厂房幕墙工程进度，铝单板需求增加约三成。",
        customer_needs="二期约 1,200 吨铝单板，三月底前分批交货。",
        dislikes="上批货表面有轻微色差。", receiving_problems="到货晚了半天。",
        improvements="提前一天通知到货时间。", next_step="12 月 10 日前报二期价格")
    planned = visit("planned", at(today + timedelta(days=7), 9), purpose="报二期价格",
                    sequence=1)
    cancelled = visit("cancelled", at(today - timedelta(days=10), 9), purpose="送检测报告",
                      status="cancelled", reason="客户临时出差", sequence=1)
    session.add_all([
        VisitEvent(visit_id=planned.id, kind="rescheduled", at=at(today - timedelta(days=1), 9),
                   by_id=salesperson_id, reason="客户改到下周",
                   previous_starts_at=at(today + timedelta(days=6), 9)),
        VisitEvent(visit_id=cancelled.id, kind="cancelled", at=at(today - timedelta(days=11), 17),
                   by_id=salesperson_id, reason="客户临时出差",
                   previous_starts_at=cancelled.starts_at),
    ])
    quote = CompetitorQuote(customer_id=customer.id, visit_id=today_visit.id,
                            competitor="佛山金盛铝业", product_text="3mm 氟碳铝单板",
                            their_price=Decimal("28000"), our_price=Decimal("28800"),
                            currency="CNY", unit="t", created_at=at(today, 15, 10))
    session.add(quote)

    def promise(key: str, description: str, made_on: date, due: date, **values: Any) -> None:
        p = Promise(customer_id=customer.id, made_by_id=salesperson_id, made_on=made_on,
                    description=description, due=due, **values)
        session.add(p)
        session.flush()
        h.promises[key] = p.id

    promise("overdue", "补发上月对账单", early, early + timedelta(days=8), visit_id=first.id,
            made_to="王建国")
    promise("kept", "寄送色卡", early, early + timedelta(days=3), visit_id=first.id,
            status="kept", closed_at=at(early + timedelta(days=2), 11))
    promise("broken", "月底前补齐欠货", early - timedelta(days=30), early - timedelta(days=20),
            status="broken", reason="工厂排产延误", closed_at=at(early - timedelta(days=19), 9))
    promise("samples", "三天内寄送 3mm 氟碳铝单板样板两块", today, today + timedelta(days=3),
            visit_id=today_visit.id)
    promise("technician", "安排技术员到现场查看色差问题", today, today + timedelta(days=7),
            visit_id=today_visit.id, department="technical")
    session.flush()
    h.quote_id = quote.id
    return h


def seed_day(session: Any, day: date, names: list[str],
             salesperson_id: uuid.UUID | None = None) -> list[uuid.UUID]:
    """A visit to each of ``names`` (new customers) on ``day``, two hours apart from 09:00."""
    ids = []
    for n, name in enumerate(names):
        customer = Customer(name=name, address=f"{name}厂区", assigned_to_id=salesperson_id)
        session.add(customer)
        session.flush()
        visit = Visit(customer_id=customer.id, salesperson_id=salesperson_id,
                      starts_at=at(day, 9 + 2 * n), purpose=f"拜访{name}：了解明年用量",
                      status="planned")
        session.add(visit)
        session.flush()
        ids.append(visit.id)
    return ids
