"""Recording a visit's outcome: one transaction, exact prices, real promises, the visit done
with its history; unplanned visits; editing a recorded outcome; drafts."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy.orm import sessionmaker

from salesdesk.db.models import Contact, Customer, Visit
from salesdesk.db.session import LocalSession, create_store_engine, unit_of_work
from salesdesk.domain.validation import ErrorCode, ValidationFailed
from salesdesk.services.visits.outcome_records import OutcomeDraft, PromiseDraft, QuoteDraft
from salesdesk.services.visits.outcomes import OutcomeService
from salesdesk.sync.laptop.store import LocalStore
from tests.store_sql import query

# 10:30 in Shanghai on 2026-12-03 is 02:30 UTC; 23:30 UTC is already the 4th there.
VISITED = datetime(2026, 12, 3, 2, 30, tzinfo=UTC)
NOW = datetime(2026, 12, 3, 6, 0, tzinfo=UTC)


@pytest.fixture
def seeded(factory: sessionmaker[LocalSession], people: dict[str, uuid.UUID],
           store: Path) -> dict[str, uuid.UUID]:
    """A customer with two contacts and a visit planned for today; the store bound to 张伟."""
    ids = {"customer": uuid.uuid4(), "wang": uuid.uuid4(), "zhao": uuid.uuid4(),
           "visit": uuid.uuid4(), "me": people["zhang"]}
    with unit_of_work(factory) as session:
        session.add(Customer(id=ids["customer"], name="墙煌建材有限公司", name_key="墙煌建材"))
        session.flush()
        session.add_all([
            Contact(id=ids["wang"], customer_id=ids["customer"], name="王强", role="采购经理"),
            Contact(id=ids["zhao"], customer_id=ids["customer"], name="赵敏"),
        ])
        session.add(Visit(id=ids["visit"], customer_id=ids["customer"],
                          starts_at=datetime(2026, 12, 3, 2, 0, tzinfo=UTC),
                          purpose="谈明年框架协议", contact_ids=[str(ids["wang"])]))
    engine = create_store_engine(store)
    LocalStore(engine).bind_user(people["zhang"], "zhang", "sales")
    engine.dispose()
    return ids


@pytest.fixture
def service(factory: sessionmaker[LocalSession]) -> Iterator[OutcomeService]:
    yield OutcomeService(factory)


def outcome(ids: dict[str, uuid.UUID], **changes: object) -> OutcomeDraft:
    base = OutcomeDraft(
        visit_id=ids["visit"],
        visited_at=VISITED,
        met_contact_ids=[ids["wang"]],
        met_with="生产部刘工",
        discussed="明年彩涂卷的用量",
        customer_needs="更短的交期",
        dislikes="上批货包装破损",
        receiving_problems="司机不提前打电话",
        improvements="发货时发通知",
        next_step="下周报价",
        quotes=[QuoteDraft(competitor="华峰铝业", product_text="PE彩涂卷 0.5mm",
                           their_price="28,000", our_price="28800", currency="cny", unit="t")],
        promises=[PromiseDraft(description="下周一前寄色卡", due=date(2026, 12, 7),
                               contact_id=ids["wang"], department="")],
    )
    return replace(base, **changes)  # type: ignore[arg-type]


def count(store: Path, table: str) -> int:
    return int(str(query(store, f"SELECT count(*) FROM {table}")[0][0]))


def test_recording_marks_the_visit_done_with_an_event_and_writes_everything(
    service: OutcomeService, seeded: dict[str, uuid.UUID], store: Path
) -> None:
    saved = service.record(outcome(seeded), at=NOW)

    assert saved.changes.visits and saved.changes.promises
    assert saved.promises_made == 1 and saved.quotes == 1
    visit_hex = seeded["visit"].hex
    status, sequence, discussed, met, dislikes = query(
        store, "SELECT status, sequence, discussed, met_contact_ids, dislikes FROM visits "
        "WHERE id = ?", visit_hex)[0]
    assert (status, sequence, discussed, dislikes) == ("done", 1, "明年彩涂卷的用量",
                                                        "上批货包装破损")
    assert str(seeded["wang"]) in str(met)
    events = query(store, "SELECT kind, by_id FROM visit_events WHERE visit_id = ?", visit_hex)
    assert events == [("done", seeded["me"].hex)]
    # Promises: a real row, made on the visit's local date, by the bound user, for the visit.
    (row,) = query(store, "SELECT visit_id, customer_id, contact_id, made_by_id, made_on, due, "
                          "department, status, description FROM promises")
    assert row == (visit_hex, seeded["customer"].hex, seeded["wang"].hex, seeded["me"].hex,
                   "2026-12-03", "2026-12-07", "", "open", "下周一前寄色卡")
    # Everything travels to HQ: the visit, its event, the quote and the promise.
    entities = {e for (e,) in query(store, "SELECT entity FROM outbox")}
    assert {"visits", "visit_events", "competitor_quotes", "promises"} <= entities


def test_quote_prices_are_exact_decimals(
    service: OutcomeService, seeded: dict[str, uuid.UUID], factory: sessionmaker[LocalSession]
) -> None:
    quotes = [
        QuoteDraft(competitor="华峰铝业", their_price="28,000", our_price="28800.10",
                   currency="cny", unit="t"),
        QuoteDraft(competitor="Alcoa", their_price="０.３３", currency="USD", unit="kg"),
    ]
    service.record(outcome(seeded, quotes=quotes), at=NOW)

    form = service.open(seeded["visit"])
    got = [(r.competitor, r.their_price, r.our_price, r.currency, r.unit)
           for r in form.outcome.quotes]
    assert got == [("华峰铝业", "28000.00", "28800.10", "CNY", "t"),
                   ("Alcoa", "0.33", "", "USD", "kg")]
    from salesdesk.db.models import CompetitorQuote

    with unit_of_work(factory) as session:
        prices = sorted(
            (q.their_price, q.our_price) for q in session.query(CompetitorQuote).all()
        )
    assert prices == [(Decimal("0.33"), None), (Decimal("28000.00"), Decimal("28800.10"))]


def test_a_refused_promise_saves_nothing(
    service: OutcomeService, seeded: dict[str, uuid.UUID], store: Path
) -> None:
    before = count(store, "outbox")
    bad = outcome(seeded, promises=[
        PromiseDraft(description="寄色卡", due=date(2026, 12, 7)),
        PromiseDraft(description="安排技术交流", due=date(2026, 12, 2)),  # before the visit
    ])
    with pytest.raises(ValidationFailed) as refused:
        service.record(bad, at=NOW)

    assert [(e.field, e.code) for e in refused.value.errors] == [
        ("promises.1.due", ErrorCode.DUE_BEFORE_MADE)]
    assert query(store, "SELECT status, sequence FROM visits")[0] == ("planned", 0)
    for table in ("visit_events", "competitor_quotes", "promises"):
        assert count(store, table) == 0, table
    assert count(store, "outbox") == before


def test_every_bad_field_is_named(service: OutcomeService, seeded: dict[str, uuid.UUID]) -> None:
    bad = outcome(seeded, quotes=[
        QuoteDraft(competitor="华峰铝业", their_price="28000"),
        QuoteDraft(competitor="", their_price="二万八", our_price="28800.001", currency="元"),
    ], promises=[PromiseDraft(description="", due=None, department="nobody")])
    with pytest.raises(ValidationFailed) as refused:
        service.record(bad, at=NOW)
    assert {(e.field, e.code) for e in refused.value.errors} == {
        ("quotes.1.competitor", ErrorCode.REQUIRED),
        ("quotes.1.their_price", ErrorCode.AMOUNT),
        ("quotes.1.our_price", ErrorCode.AMOUNT),
        ("quotes.1.currency", ErrorCode.CHOICE),
        ("promises.0.description", ErrorCode.REQUIRED),
        ("promises.0.department", ErrorCode.CHOICE),
        ("promises.0.due", ErrorCode.REQUIRED),
    }


def test_blank_rows_are_ignored_and_departments_accepted(
    service: OutcomeService, seeded: dict[str, uuid.UUID], store: Path
) -> None:
    draft = outcome(seeded, quotes=[QuoteDraft()], promises=[
        PromiseDraft(),
        PromiseDraft(description="质量部出具检测报告", due=date(2026, 12, 10),
                     made_to="刘工", department="quality"),
    ])
    saved = service.record(draft, at=NOW)
    assert saved.quotes == 0 and saved.promises_made == 1
    assert query(store, "SELECT department, made_to, contact_id FROM promises") == [
        ("quality", "刘工", None)]


def test_promise_made_on_is_the_visits_local_date(
    service: OutcomeService, seeded: dict[str, uuid.UUID], store: Path
) -> None:
    late = datetime(2026, 12, 3, 23, 30, tzinfo=UTC)  # 07:30 on the 4th in Shanghai
    with pytest.raises(ValidationFailed) as refused:
        service.record(outcome(seeded, visited_at=late, promises=[
            PromiseDraft(description="回电", due=date(2026, 12, 3))]), at=late)
    assert refused.value.errors[0].field == "promises.0.due"
    service.record(outcome(seeded, visited_at=late, promises=[
        PromiseDraft(description="回电", due=date(2026, 12, 4))]), at=late)
    assert query(store, "SELECT made_on FROM promises") == [("2026-12-04",)]


def test_a_cancelled_visit_cannot_be_recorded(
    service: OutcomeService, seeded: dict[str, uuid.UUID], factory: sessionmaker[LocalSession]
) -> None:
    with unit_of_work(factory) as session:
        visit = session.get(Visit, seeded["visit"])
        assert visit is not None
        visit.status = "cancelled"
    with pytest.raises(ValidationFailed) as refused:
        service.record(outcome(seeded), at=NOW)
    assert [(e.field, e.code) for e in refused.value.errors] == [
        ("status", ErrorCode.ALREADY_CLOSED)]


def test_an_unplanned_visit_is_created_with_its_outcome(
    service: OutcomeService, seeded: dict[str, uuid.UUID], store: Path
) -> None:
    form = service.open_unplanned()
    assert not form.stored and form.customer_id is None
    assert (seeded["customer"], "墙煌建材有限公司") in form.customers
    draft = outcome(seeded, visit_id=form.visit_id, customer_id=None)
    with pytest.raises(ValidationFailed) as refused:
        service.record(draft, at=NOW)
    assert [e.field for e in refused.value.errors] == ["customer"]

    saved = service.record(replace(draft, customer_id=seeded["customer"], purpose="路过拜访"),
                           at=NOW)
    assert saved.visit_id == form.visit_id
    row = query(store, "SELECT customer_id, status, starts_at IS NOT NULL, purpose, "
                       "salesperson_id, sequence FROM visits WHERE id = ?", form.visit_id.hex)
    assert row == [(seeded["customer"].hex, "done", 1, "路过拜访", seeded["me"].hex, 1)]
    assert query(store, "SELECT kind FROM visit_events WHERE visit_id = ?",
                 form.visit_id.hex) == [("done",)]
    assert query(store, "SELECT visit_id FROM promises") == [(form.visit_id.hex,)]


def test_editing_a_recorded_outcome(
    service: OutcomeService, seeded: dict[str, uuid.UUID], store: Path
) -> None:
    service.record(outcome(seeded), at=NOW)
    recorded = service.open(seeded["visit"]).outcome
    assert recorded.discussed == "明年彩涂卷的用量" and recorded.promises[0].id is not None

    edited = replace(
        recorded,
        discussed="明年用量约 1200 吨",
        quotes=[],  # the quote was a mishearing
        promises=[replace(recorded.promises[0], due=date(2026, 12, 9)),
                  PromiseDraft(description="技术部上门", due=date(2026, 12, 15),
                               department="technical")],
    )
    saved = service.record(edited, at=NOW)

    assert saved.promises_made == 1 and saved.changes.promises
    assert query(store, "SELECT status, sequence, discussed FROM visits") == [
        ("done", 1, "明年用量约 1200 吨")]
    assert count(store, "visit_events") == 1  # done once
    assert query(store, "SELECT count(*) FROM competitor_quotes WHERE deleted_at IS NULL") == [
        (0,)]
    assert sorted(query(store, "SELECT due FROM promises")) == [("2026-12-09",), ("2026-12-15",)]


def test_a_closed_promise_is_not_changed_by_editing_the_outcome(
    service: OutcomeService, seeded: dict[str, uuid.UUID], factory: sessionmaker[LocalSession]
) -> None:
    from salesdesk.db.models import Promise

    service.record(outcome(seeded), at=NOW)
    with unit_of_work(factory) as session:
        promise = session.query(Promise).one()
        promise.status = "kept"
    recorded = service.open(seeded["visit"]).outcome
    moved = replace(recorded, promises=[replace(recorded.promises[0], due=date(2026, 12, 20))])
    with pytest.raises(ValidationFailed) as refused:
        service.record(moved, at=NOW)
    assert ("promises.0.status", ErrorCode.ALREADY_CLOSED) in {
        (e.field, e.code) for e in refused.value.errors}
    with pytest.raises(ValidationFailed):
        service.record(replace(recorded, promises=[]), at=NOW)


def test_drafts_are_kept_loaded_and_deleted_on_record(
    service: OutcomeService, seeded: dict[str, uuid.UUID], store: Path
) -> None:
    outbox = count(store, "outbox")
    typed = outcome(seeded, discussed="说到一半")
    service.save_draft(typed)
    service.save_draft(replace(typed, discussed="说到一半，又补充"))
    assert count(store, "outbox") == outbox  # a draft never syncs

    form = service.open(seeded["visit"])
    assert form.outcome.met_contact_ids == [seeded["wang"]]  # as planned, until recorded
    assert form.outcome.visited_at == datetime(2026, 12, 3, 2, 0, tzinfo=UTC)  # the plan's
    assert form.draft == replace(typed, discussed="说到一半，又补充")
    assert form.draft_saved_at is not None

    service.record(form.draft, at=NOW)
    assert count(store, "visit_drafts") == 0
    assert service.open(seeded["visit"]).draft is None


def test_an_unplanned_draft_is_found_again(
    service: OutcomeService, seeded: dict[str, uuid.UUID], store: Path
) -> None:
    first = service.open_unplanned()
    service.save_draft(outcome(seeded, visit_id=first.visit_id,
                               customer_id=seeded["customer"], discussed="路上记的"))
    again = service.open_unplanned()
    assert again.visit_id == first.visit_id
    assert again.draft is not None and again.draft.discussed == "路上记的"
    assert [c.name for c in again.contacts] == ["王强", "赵敏"]
    service.discard_draft(first.visit_id)
    assert service.open_unplanned().visit_id != first.visit_id
    assert count(store, "visits") == 1  # only the planned one: a draft makes no visit
