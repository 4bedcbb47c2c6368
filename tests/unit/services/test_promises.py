"""PromiseService over a real store: every transition, the kept-rate over a period, and due /
overdue at the salesperson's midnight (an injected clock, Asia/Shanghai)."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import delete
from sqlalchemy.orm import sessionmaker

from salesdesk.db import state
from salesdesk.db.models import Contact, Customer, Promise, SyncState, User
from salesdesk.db.session import LocalSession, unit_of_work
from salesdesk.domain.promises import PromiseStatus
from salesdesk.domain.validation import ErrorCode, ValidationFailed
from salesdesk.kit.changes import Changes
from salesdesk.services.promises import (
    PeriodKind,
    PromiseDraft,
    PromiseFilter,
    PromiseGone,
    PromiseService,
    PromiseView,
    period_of,
)
from salesdesk.sync.laptop.store import LocalStore
from tests.store_sql import query

SHANGHAI = ZoneInfo("Asia/Shanghai")
S = PromiseStatus


class Clock:
    """Now, as the test sets it (UTC)."""

    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


# 2026-03-04 10:00 in Shanghai (a Wednesday)
MORNING = datetime(2026, 3, 4, 2, 0, tzinfo=UTC)


@pytest.fixture
def clock() -> Clock:
    return Clock(MORNING)


@pytest.fixture
def world(factory: sessionmaker[LocalSession]) -> dict[str, uuid.UUID]:
    """Two customers (one with a contact), a salesperson, a colleague and HQ logistics."""
    ids: dict[str, uuid.UUID] = {}
    with unit_of_work(factory) as session:
        session.info["outbox"] = False  # as if pulled from HQ
        users = {
            "zhang": User(username="zhang", display_name="张伟", role="sales"),
            "li": User(username="li", display_name="李娜", role="sales"),
            "wang": User(username="wang", display_name="王物流", role="hq",
                         department="logistics"),
        }
        session.add_all(users.values())
        a = Customer(name="苏州墙煌建材有限公司")
        b = Customer(name="杭州恒通幕墙有限公司")
        session.add_all([a, b])
        session.flush()
        c = Contact(customer_id=a.id, name="王经理")
        session.add(c)
        session.flush()
        ids.update({k: u.id for k, u in users.items()})
        ids.update(a=a.id, b=b.id, contact=c.id)
    return ids


def login(factory: sessionmaker[LocalSession], ids: dict[str, uuid.UUID], who: str,
          role: str) -> None:
    """Binds the store to ``who`` (the test plays several people on one store)."""
    with unit_of_work(factory) as session:
        session.execute(delete(SyncState).where(
            SyncState.key.in_((state.USER_ID, state.USERNAME, state.ROLE))))
    LocalStore(factory.kw["bind"]).bind_user(ids[who], who, role)


@pytest.fixture
def service(factory, world, clock) -> PromiseService:
    login(factory, world, "zhang", "sales")
    return PromiseService(factory, SHANGHAI, clock)


def make(service: PromiseService, customer: uuid.UUID, due: date, text: str = "送样品",
         **kw: object) -> uuid.UUID:
    return service.make(PromiseDraft(customer, text, due, **kw)).id  # type: ignore[arg-type]


def codes(exc: pytest.ExceptionInfo[ValidationFailed]) -> list[tuple[str, ErrorCode]]:
    return [(e.field, e.code) for e in exc.value.errors]


def stored(factory, promise_id: uuid.UUID) -> Promise:
    with unit_of_work(factory) as session:
        found = session.get(Promise, promise_id)
        assert found is not None
        return found


# --- making ---------------------------------------------------------------------------------


def test_a_promise_is_made_by_the_bound_user_today_and_reaches_the_outbox(
        service, factory, world, store):
    written = service.make(PromiseDraft(world["a"], " 周五前寄色卡 ", date(2026, 3, 6),
                                        contact_id=world["contact"], department="logistics"))
    assert written.changes == Changes(promises=True, sync_state=True)
    p = stored(factory, written.id)
    assert (p.made_by_id, p.made_on, p.description, p.status, p.department) == (
        world["zhang"], date(2026, 3, 4), "周五前寄色卡", "open", "logistics")
    [(entity, op)] = query(store, "SELECT entity, op FROM outbox")
    assert (entity, op) == ("promises", "insert")


def test_made_on_is_the_local_date_not_utcs(factory, world):
    # 2026-03-04 23:30 UTC is already 5 March in Shanghai: a promise due on the 4th is refused.
    late = PromiseService(factory, SHANGHAI, Clock(datetime(2026, 3, 4, 23, 30, tzinfo=UTC)))
    with pytest.raises(ValidationFailed) as exc:
        make(late, world["a"], date(2026, 3, 4))
    assert codes(exc) == [("due", ErrorCode.DUE_BEFORE_MADE)]
    assert stored(factory, make(late, world["a"], date(2026, 3, 5))).made_on == date(2026, 3, 5)


def test_a_bad_draft_is_refused_field_by_field_and_nothing_is_written(service, world, store):
    with pytest.raises(ValidationFailed) as exc:
        service.make(PromiseDraft(None, "  ", date(2026, 3, 1), made_to="x" * 101,
                                  department="kitchen"))
    assert codes(exc) == [
        ("customer", ErrorCode.REQUIRED), ("description", ErrorCode.REQUIRED),
        ("made_to", ErrorCode.TOO_LONG), ("department", ErrorCode.CHOICE),
        ("due", ErrorCode.DUE_BEFORE_MADE),
    ]
    with pytest.raises(ValidationFailed) as exc:  # a contact of another customer
        make(service, world["b"], date(2026, 3, 5), contact_id=world["contact"])
    assert codes(exc) == [("contact_id", ErrorCode.CHOICE)]
    assert query(store, "SELECT count(*) FROM promises") == [(0,)]


# --- transitions ----------------------------------------------------------------------------


def test_close_kept_records_who_and_when_and_refuses_closing_twice(service, factory, world,
                                                                   clock):
    pid = make(service, world["a"], date(2026, 3, 5))
    assert service.close(pid, S.KEPT).changes.promises
    p = stored(factory, pid)
    assert (p.status, p.closed_by_id, p.closed_at) == ("kept", world["zhang"], MORNING)
    for attempt in (lambda: service.close(pid, S.BROKEN, "late"),
                    lambda: service.cancel(pid, "no longer needed"),
                    lambda: service.change_due(pid, date(2026, 3, 9))):
        with pytest.raises(ValidationFailed) as exc:
            attempt()
        assert codes(exc)[0] == ("status", ErrorCode.ALREADY_CLOSED)
    assert stored(factory, pid).status == "kept"


def test_broken_and_cancelled_need_a_reason(service, factory, world):
    pid = make(service, world["a"], date(2026, 3, 5))
    for attempt in (lambda: service.close(pid, S.BROKEN, "  "), lambda: service.cancel(pid, "")):
        with pytest.raises(ValidationFailed) as exc:
            attempt()
        assert codes(exc) == [("reason", ErrorCode.REASON_REQUIRED)]
    assert stored(factory, pid).status == "open"
    service.close(pid, S.BROKEN, "厂里停产")
    assert (stored(factory, pid).status, stored(factory, pid).reason) == ("broken", "厂里停产")


def test_reopen_a_broken_one_freely_a_cancelled_one_only_with_a_reason(service, factory,
                                                                       world):
    broken = make(service, world["a"], date(2026, 3, 5))
    service.close(broken, S.BROKEN, "厂里停产")
    service.reopen(broken)
    p = stored(factory, broken)
    assert (p.status, p.closed_at, p.closed_by_id, p.reason) == ("open", None, None, "")
    with pytest.raises(ValidationFailed) as exc:
        service.reopen(broken)
    assert codes(exc) == [("status", ErrorCode.ALREADY_OPEN)]

    cancelled = make(service, world["a"], date(2026, 3, 5))
    service.cancel(cancelled, "客户不要了")
    with pytest.raises(ValidationFailed) as exc:
        service.reopen(cancelled)
    assert codes(exc) == [("reason", ErrorCode.REASON_REQUIRED)]
    service.reopen(cancelled, "客户又要了")
    assert (stored(factory, cancelled).status, stored(factory, cancelled).reason) == (
        "open", "客户又要了")


def test_change_due_moves_an_open_promise_but_never_before_it_was_made(service, factory,
                                                                       world, store):
    pid = make(service, world["a"], date(2026, 3, 5))
    service.change_due(pid, date(2026, 3, 20))
    assert stored(factory, pid).due == date(2026, 3, 20)
    with pytest.raises(ValidationFailed) as exc:
        service.change_due(pid, date(2026, 3, 3))
    assert codes(exc) == [("due", ErrorCode.DUE_BEFORE_MADE)]
    # only the due date travels: one update op with one field
    [(changes,)] = query(store, "SELECT changes FROM outbox WHERE op = 'update'")
    assert list(__import__("json").loads(str(changes))) == ["due"]


def test_a_promise_deleted_meanwhile_is_gone(service, factory, world):
    pid = make(service, world["a"], date(2026, 3, 5))
    with unit_of_work(factory) as session:
        p = session.get(Promise, pid)
        assert p is not None
        p.deleted_at = MORNING
    with pytest.raises(PromiseGone):
        service.close(pid, S.KEPT)


# --- due today / overdue at midnight ------------------------------------------------------


def test_due_today_becomes_overdue_at_the_local_midnight(service, world, clock):
    pid = make(service, world["a"], date(2026, 3, 4))
    week = make(service, world["b"], date(2026, 3, 8))  # Sunday: still this week
    make(service, world["b"], date(2026, 3, 9))  # Monday: next week
    clock.now = datetime(2026, 3, 4, 15, 59, 59, tzinfo=UTC)  # 23:59:59 in Shanghai
    assert [p.id for p in service.due_today()] == [pid]
    assert service.overdue() == []
    assert [p.id for p in service.due_this_week()] == [pid, week]
    clock.now += timedelta(seconds=1)  # 00:00 on 5 March in Shanghai, still the 4th in UTC
    assert service.due_today() == []
    [late] = service.overdue()
    assert (late.id, late.days_overdue) == (pid, 1)
    listed = service.find(PromiseFilter(PromiseView.OPEN))
    assert listed.today == date(2026, 3, 5)
    assert listed.counts == {PromiseView.OVERDUE: 1, PromiseView.TODAY: 0,
                             PromiseView.WEEK: 1, PromiseView.OPEN: 3}


def test_lists_filter_by_customer_and_by_who_delivers(service, world):
    mine = make(service, world["a"], date(2026, 3, 6), contact_id=world["contact"])
    logistics = make(service, world["b"], date(2026, 3, 6), department="logistics",
                     made_to="采购部李工")
    quality = make(service, world["a"], date(2026, 3, 7), department="quality")
    service.close(quality, S.KEPT)
    assert [p.id for p in service.open_for(world["a"])] == [mine]
    assert [p.id for p in service.open_delivered_by("")] == [mine]
    [row] = service.open_delivered_by("logistics")
    assert (row.id, row.to_whom, row.customer_name, row.made_by) == (
        logistics, "采购部李工", "杭州恒通幕墙有限公司", "张伟")
    assert service.open_for(world["a"])[0].to_whom == "王经理"
    closed = service.find(PromiseFilter(PromiseView.CLOSED)).rows
    assert [(p.id, p.status) for p in closed] == [(quality, S.KEPT)]
    assert service.for_my_department() == []  # a salesperson has no department


def test_hq_staff_see_what_their_department_must_deliver(service, factory, world, clock):
    logistics = make(service, world["b"], date(2026, 3, 6), department="logistics")
    make(service, world["a"], date(2026, 3, 6), department="quality")
    make(service, world["a"], date(2026, 3, 6))
    login(factory, world, "wang", "hq")
    hq = PromiseService(factory, SHANGHAI, clock)
    assert hq.my_department() == "logistics"
    assert [p.id for p in hq.for_my_department()] == [logistics]


# --- kept-rate --------------------------------------------------------------------------


def test_kept_rate_per_customer_and_salesperson_over_a_period(service, factory, world, clock):
    # made on 1 March; "today" is 20 March
    clock.now = datetime(2026, 3, 1, 2, 0, tzinfo=UTC)
    a1 = make(service, world["a"], date(2026, 3, 5))
    a2 = make(service, world["a"], date(2026, 3, 6))
    a3 = make(service, world["a"], date(2026, 3, 7))
    a_late = make(service, world["a"], date(2026, 3, 10))  # open, past due: at risk
    a_next = make(service, world["a"], date(2026, 3, 25))  # open, not yet due: not rated
    b1 = make(service, world["b"], date(2026, 3, 8))
    b_cancel = make(service, world["b"], date(2026, 3, 9))
    april = make(service, world["b"], date(2026, 4, 2))  # outside the period
    for pid in (a1, a2, b1, april):
        service.close(pid, S.KEPT)
    service.close(a3, S.BROKEN, "缺货")
    service.cancel(b_cancel, "客户取消")
    login(factory, world, "li", "sales")  # li makes one for customer b, broken
    li = PromiseService(factory, SHANGHAI, clock)
    li_one = make(li, world["b"], date(2026, 3, 12))
    li.close(li_one, S.BROKEN, "忘了")
    clock.now = datetime(2026, 3, 20, 2, 0, tzinfo=UTC)
    login(factory, world, "zhang", "sales")
    del a_late, a_next

    rates = service.kept_rates(*period_of(PeriodKind.MONTH, service.today()))
    assert (rates.first, rates.last) == (date(2026, 3, 1), date(2026, 3, 31))
    assert rates.mine is not None
    assert (rates.mine.kept, rates.mine.broken, rates.mine.at_risk) == (3, 1, 1)
    assert rates.mine.rate == 0.75
    by_customer = {line.name: (line.rate.kept, line.rate.broken, line.rate.at_risk)
                   for line in rates.customers}
    assert by_customer == {"苏州墙煌建材有限公司": (2, 1, 1), "杭州恒通幕墙有限公司": (1, 1, 0)}
    by_person = {line.name: line.rate.rate for line in rates.salespeople}
    assert by_person == {"张伟": 0.75, "李娜": 0.0}

    summary = service.for_customer(world["a"], *period_of(PeriodKind.YEAR, service.today()))
    assert (summary.open, summary.overdue, summary.rate.rate) == (2, 1, 2 / 3)


def test_periods():
    assert period_of(PeriodKind.QUARTER, date(2026, 11, 30)) == (date(2026, 10, 1),
                                                                 date(2026, 12, 31))
    assert period_of(PeriodKind.MONTH, date(2026, 12, 5)) == (date(2026, 12, 1),
                                                              date(2026, 12, 31))
    assert period_of(PeriodKind.MONTH, date(2028, 2, 5)) == (date(2028, 2, 1),
                                                             date(2028, 2, 29))
    assert period_of(PeriodKind.YEAR, date(2026, 6, 5)) == (date(2026, 1, 1),
                                                            date(2026, 12, 31))
