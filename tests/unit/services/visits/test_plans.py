"""Planning, rescheduling, cancelling and deleting visits; the agenda and a visit's history."""

from __future__ import annotations

import uuid
from pathlib import Path

import pytest

from salesdesk.domain.validation import ErrorCode, ValidationFailed
from salesdesk.domain.visits import VisitEventKind, VisitStatus
from salesdesk.services.visits.plans import VisitService
from salesdesk.services.visits.records import VisitGone, VisitPlan
from tests.unit.services.visits.conftest import Book, local, store_rows


def plan(book: Book, **kw: object) -> VisitPlan:
    values: dict[str, object] = {
        "customer_id": book.customer,
        "starts_at": local(2026, 12, 4, 9, 30),
        "ends_at": local(2026, 12, 4, 11),
        "purpose": "  谈明年框架协议 ",
        "contact_ids": (book.wang, book.li),
    }
    values.update(kw)
    return VisitPlan(**values)  # type: ignore[arg-type]  # the test's fields


def test_plan_defaults_the_place_to_the_address_and_shows_in_the_agenda(
    visits: VisitService, book: Book, store: Path
) -> None:
    saved = visits.plan(plan(book))
    line = saved.visit
    assert line.place == "杭州市余杭区星桥街道 18 号"
    assert line.purpose == "谈明年框架协议"
    assert line.contact_names == ("王小明", "李娜")
    assert line.status is VisitStatus.PLANNED and line.sequence == 0
    assert saved.changes.visits and saved.changes.sync_state

    assert [v.id for v in visits.agenda(local(2026, 12, 4).date(), local(2026, 12, 4).date())] \
        == [line.id]
    assert visits.agenda(local(2026, 12, 5).date(), local(2026, 12, 10).date()) == []
    # Synced: the insert waits in the outbox, in the same transaction.
    assert store_rows(store, "SELECT entity, op FROM outbox WHERE entity = 'visits'") == [
        ("visits", "insert")]


def test_agenda_days_are_the_salespersons_local_days(visits: VisitService, book: Book) -> None:
    # 07:30 on 5 December in Shanghai is still 4 December in UTC.
    early = visits.plan(plan(book, starts_at=local(2026, 12, 5, 7, 30), ends_at=None)).visit
    assert visits.agenda(local(2026, 12, 4).date(), local(2026, 12, 4).date()) == []
    assert [v.id for v in visits.agenda(local(2026, 12, 5).date(), local(2026, 12, 5).date())] \
        == [early.id]


def test_a_typed_place_wins_over_the_address(visits: VisitService, book: Book) -> None:
    assert visits.plan(plan(book, place=" 展会 B 馆 ")).visit.place == "展会 B 馆"


def test_plan_refuses_bad_input_naming_each_field(
    visits: VisitService, book: Book, store: Path
) -> None:
    with pytest.raises(ValidationFailed) as caught:
        visits.plan(plan(book, customer_id=None, starts_at=None))
    assert {(e.field, e.code) for e in caught.value.errors} == {
        ("customer", ErrorCode.REQUIRED), ("starts_at", ErrorCode.REQUIRED)}
    with pytest.raises(ValidationFailed) as caught:
        visits.plan(plan(book, ends_at=local(2026, 12, 4, 8)))
    assert [(e.field, e.code) for e in caught.value.errors] == [
        ("ends_at", ErrorCode.ENDS_BEFORE_START)]
    with pytest.raises(ValidationFailed) as caught:
        visits.plan(plan(book, contact_ids=(uuid.uuid4(),)))
    assert caught.value.errors[0].field == "contact_ids"
    with pytest.raises(ValidationFailed) as caught:
        visits.plan(plan(book, customer_id=uuid.uuid4()))
    assert [(e.field, e.code) for e in caught.value.errors] == [("customer", ErrorCode.NOT_FOUND)]
    assert store_rows(store, "SELECT count(*) FROM visits") == [(0,)]


def test_reschedule_keeps_history_and_raises_the_sequence(
    visits: VisitService, book: Book, store: Path
) -> None:
    first = visits.plan(plan(book)).visit
    moved = visits.reschedule(first.id, local(2026, 12, 8, 14), local(2026, 12, 8, 15),
                              reason="客户出差").visit
    assert moved.starts_at == local(2026, 12, 8, 14) and moved.sequence == 1
    again = visits.reschedule(first.id, local(2026, 12, 9, 14), None).visit
    assert again.sequence == 2

    detail = visits.detail(first.id)
    assert detail is not None
    assert [(h.kind, h.previous_starts_at, h.reason) for h in detail.history] == [
        (VisitEventKind.RESCHEDULED, local(2026, 12, 4, 9, 30), "客户出差"),
        (VisitEventKind.RESCHEDULED, local(2026, 12, 8, 14), ""),
    ]
    assert [c.name for c in detail.contacts] == ["王小明", "李娜"]
    assert store_rows(store, "SELECT count(*) FROM outbox WHERE entity = 'visit_events'") == [(2,)]


def test_cancel_needs_a_reason_and_keeps_the_visit(visits: VisitService, book: Book) -> None:
    line = visits.plan(plan(book)).visit
    with pytest.raises(ValidationFailed) as caught:
        visits.cancel(line.id, "  ")
    assert [(e.field, e.code) for e in caught.value.errors] == [
        ("reason", ErrorCode.REASON_REQUIRED)]
    cancelled = visits.cancel(line.id, "客户停产检修").visit
    assert cancelled.status is VisitStatus.CANCELLED
    assert cancelled.reason == "客户停产检修" and cancelled.sequence == 1
    shown = visits.agenda(local(2026, 12, 4).date(), local(2026, 12, 4).date())
    assert [(v.id, v.status) for v in shown] == [(line.id, VisitStatus.CANCELLED)]
    with pytest.raises(ValidationFailed) as caught:  # a cancelled visit is not moved
        visits.reschedule(line.id, local(2026, 12, 9), None)
    assert caught.value.errors[0].code is ErrorCode.ALREADY_CLOSED
    detail = visits.detail(line.id)
    assert detail is not None
    assert [(h.kind, h.reason) for h in detail.history] == [
        (VisitEventKind.CANCELLED, "客户停产检修")]


def test_delete_tombstones_and_a_deleted_visit_is_gone(visits: VisitService, book: Book,
                                                       store: Path) -> None:
    line = visits.plan(plan(book)).visit
    assert visits.delete(line.id).visits
    assert visits.agenda(local(2026, 12, 4).date(), local(2026, 12, 4).date()) == []
    assert visits.detail(line.id) is None
    assert store_rows(store, "SELECT deleted_at IS NOT NULL FROM visits") == [(1,)]
    assert not visits.delete(line.id)  # already gone: nothing changes
    with pytest.raises(VisitGone):
        visits.cancel(line.id, "x")


def test_writes_name_the_logged_in_salesperson(visits: VisitService, book: Book, factory,
                                               store: Path) -> None:
    from salesdesk.db.models import User
    from salesdesk.db.session import unit_of_work
    from salesdesk.sync.laptop.store import LocalStore

    with unit_of_work(factory) as session:
        session.info["outbox"] = False
        me = User(username="zhangwei", display_name="张伟", role="sales")
        session.add(me)
        session.flush()
        my_id = me.id
    LocalStore(factory.kw["bind"]).bind_user(my_id, "zhangwei", "sales")
    line = visits.plan(plan(book)).visit
    visits.cancel(line.id, "改期")
    assert store_rows(store, "SELECT salesperson_id FROM visits") == [(my_id.hex,)]
    detail = visits.detail(line.id)
    assert detail is not None and detail.history[0].by == "张伟"
