"""The reminder digest: what it reads (overdue and due-today promises, today's planned visits,
in the salesperson's day) and the one message it composes."""

from __future__ import annotations

from datetime import UTC, date, datetime

from salesdesk.db.models import Customer, Visit
from salesdesk.db.session import unit_of_work
from salesdesk.services.promises import PromiseDraft, PromiseService
from salesdesk.services.reminders import DigestWords, ReminderService, compose
from tests.unit.services.test_promises import SHANGHAI, Clock

WORDS = DigestWords(
    title="%1 things today", overdue="Overdue (%1):", due_today="Due today (%1):",
    visits="Visits (%1):", overdue_item="%1 — %2 (%3 d late)", due_item="%1 — %2",
    visit_item="%1 %2 · %3", more="… and %1 more",
)


def test_one_digest_lists_overdue_then_due_today_then_todays_visits(factory):
    with unit_of_work(factory) as session:
        a, b = Customer(name="苏州墙煌建材"), Customer(name="杭州恒通幕墙")
        session.add_all([a, b])
        session.flush()
        session.add_all([
            # 09:30 and 14:00 on 10 March in Shanghai; one cancelled; one the next day at 00:30
            Visit(customer_id=b.id, starts_at=datetime(2026, 3, 10, 6, 0, tzinfo=UTC),
                  place="杭州萧山"),
            Visit(customer_id=a.id, starts_at=datetime(2026, 3, 10, 1, 30, tzinfo=UTC)),
            Visit(customer_id=a.id, starts_at=datetime(2026, 3, 10, 3, 0, tzinfo=UTC),
                  status="cancelled"),
            Visit(customer_id=a.id, starts_at=datetime(2026, 3, 10, 16, 30, tzinfo=UTC)),
        ])
        ids = a.id, b.id
    made = Clock(datetime(2026, 3, 1, 2, 0, tzinfo=UTC))
    promises = PromiseService(factory, SHANGHAI, made)
    promises.make(PromiseDraft(ids[0], "寄色卡", date(2026, 3, 8)))
    promises.make(PromiseDraft(ids[1], "报价单\n含运费", date(2026, 3, 10)))
    promises.make(PromiseDraft(ids[1], "下周的事", date(2026, 3, 11)))
    made.now = datetime(2026, 3, 10, 2, 0, tzinfo=UTC)  # 10:00 on 10 March in Shanghai

    digest = ReminderService(factory, SHANGHAI, made).digest()
    title, body = compose(digest, WORDS, SHANGHAI)
    assert title == "4 things today"
    assert body == "\n".join([
        "Overdue (1):",
        "  苏州墙煌建材 — 寄色卡 (2 d late)",
        "Due today (1):",
        "  杭州恒通幕墙 — 报价单 含运费",
        "Visits (2):",
        "  09:30 苏州墙煌建材",
        "  14:00 杭州恒通幕墙 · 杭州萧山",
    ])
    assert not digest.empty
    assert ReminderService(factory, SHANGHAI, made).digest().key == digest.key


def test_a_long_group_is_cut_with_a_count(factory):
    with unit_of_work(factory) as session:
        c = Customer(name="佛山金宇门窗")
        session.add(c)
        session.flush()
        cid = c.id
    clock = Clock(datetime(2026, 3, 10, 2, 0, tzinfo=UTC))
    promises = PromiseService(factory, SHANGHAI, clock)
    for i in range(7):
        promises.make(PromiseDraft(cid, f"第{i + 1}件事" + "很长" * 30, date(2026, 3, 10)))
    digest = ReminderService(factory, SHANGHAI, clock).digest()
    _, body = compose(digest, WORDS, SHANGHAI)
    lines = body.splitlines()
    assert lines[0] == "Due today (7):" and lines[-1] == "  … and 2 more"
    assert len(lines) == 7  # heading, five, and the count
    assert all(len(line) < 60 for line in lines)  # long promises are shortened
    clock.now = datetime(2026, 3, 11, 2, 0, tzinfo=UTC)
    assert ReminderService(factory, SHANGHAI, clock).digest().key != digest.key  # overdue now


def test_nothing_to_remind_is_an_empty_digest(factory):
    digest = ReminderService(factory, SHANGHAI,
                             Clock(datetime(2026, 3, 10, 2, 0, tzinfo=UTC))).digest()
    assert digest.empty
    assert compose(digest, WORDS, SHANGHAI) == ("0 things today", "")
