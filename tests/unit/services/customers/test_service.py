from __future__ import annotations

import json
import sqlite3
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

import pytest

from salesdesk.db.models import Customer, Order
from salesdesk.db.session import unit_of_work
from salesdesk.domain.validation import ErrorCode, ValidationFailed
from salesdesk.services.customers.browse import CustomerBrowser
from salesdesk.services.customers.records import ContactDraft, CustomerDraft, CustomerQuery
from salesdesk.services.customers.service import CustomerService


@pytest.fixture
def service(factory) -> CustomerService:
    return CustomerService(factory)


def draft(name: str = "墙煌建材有限公司", **kw: object) -> CustomerDraft:
    contacts = kw.pop("contacts", [ContactDraft(name="王小明", mobile="138 0013 8000")])
    return CustomerDraft(name=name, contacts=contacts, **kw)  # type: ignore[arg-type]  # the caller's fields


def outbox(store: Path) -> list[tuple[str, str, dict]]:
    conn = sqlite3.connect(store)
    rows = conn.execute("SELECT entity, op, changes FROM outbox ORDER BY op_id").fetchall()
    conn.close()
    return [(e, o, json.loads(c)) for e, o, c in rows]


def test_save_normalizes_and_writes_outbox_in_the_same_transaction(
    service: CustomerService, store: Path
) -> None:
    saved = service.save(draft(phone="0571 8888 6666"))
    assert saved.draft.phone == "0571-88886666"
    assert saved.draft.contacts[0].mobile == "13800138000"
    ops = outbox(store)
    assert [(e, o) for e, o, _ in ops] == [("customers", "insert"), ("contacts", "insert")]
    assert ops[0][2]["name"] == "墙煌建材有限公司"
    assert "tier" not in ops[0][2]  # derived locally, never synced

    again = service.get(saved.draft.id)  # type: ignore[arg-type]  # a saved draft has its id
    assert again is not None
    again.draft.city = "杭州"
    service.save(again.draft)
    update = outbox(store)[-1]
    assert update == ("customers", "update", {"city": ["", "杭州"]})


def test_invalid_mobile_names_the_field_and_saves_nothing(
    service: CustomerService, store: Path
) -> None:
    with pytest.raises(ValidationFailed) as caught:
        service.save(draft(contacts=[ContactDraft(name="王", mobile="1380013800")]))
    assert [(e.field, e.code) for e in caught.value.errors] == [
        ("contacts.0.mobile", ErrorCode.MOBILE)
    ]
    assert outbox(store) == []
    assert CustomerBrowser(store).count(CustomerQuery()) == 0


def test_required_name_and_bad_email_and_landline(service: CustomerService) -> None:
    with pytest.raises(ValidationFailed) as caught:
        service.save(
            CustomerDraft(
                name=" ", email="x@", contacts=[ContactDraft(name="", landline="88886666")]
            )
        )
    fields = {(e.field, e.code) for e in caught.value.errors}
    assert fields == {
        ("name", ErrorCode.REQUIRED),
        ("email", ErrorCode.EMAIL),
        ("contacts.0.name", ErrorCode.REQUIRED),
        ("contacts.0.landline", ErrorCode.LANDLINE),
    }


def test_duplicates_by_name_ignoring_suffix_and_by_phone(service: CustomerService) -> None:
    first = service.save(draft())
    by_name = service.find_duplicates(CustomerDraft(name="墙煌建材（杭州）公司"))
    assert [(h.id, h.reason) for h in by_name] == [(first.draft.id, "name")]
    by_phone = service.find_duplicates(
        CustomerDraft(
            name="另一家公司", contacts=[ContactDraft(name="x", mobile="+86 13800138000")]
        )
    )
    assert [(h.id, h.reason) for h in by_phone] == [(first.draft.id, "phone")]
    assert service.find_duplicates(CustomerDraft(name="完全不同")) == []
    # The customer itself is not its own duplicate when edited.
    assert service.find_duplicates(first.draft) == []


def test_save_checked_asks_before_saving_a_duplicate(service: CustomerService) -> None:
    service.save(draft())
    outcome = service.save_checked(draft("墙煌建材公司"), allow_duplicates=False)
    assert outcome.saved is None and outcome.duplicates
    outcome = service.save_checked(draft("墙煌建材公司"), allow_duplicates=True)
    assert outcome.saved is not None


def test_save_checked_validates_once_and_is_one_transaction(
    service: CustomerService, factory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A new customer was validated twice and cost three transactions (the ownership check,
    the duplicates query, the write), so another writer could commit between the question
    "is there a duplicate?" and the insert. Now: one validation, one BEGIN."""
    from sqlalchemy import event

    from salesdesk.services.customers import service as customers

    begins: list[object] = []
    event.listen(factory.kw["bind"], "begin", begins.append)
    validated: list[CustomerDraft] = []
    real_validate = customers.validate

    def counting_validate(d: CustomerDraft) -> list:
        validated.append(d)
        return real_validate(d)

    monkeypatch.setattr(customers, "validate", counting_validate)

    outcome = service.save_checked(draft(), allow_duplicates=False)
    assert outcome.saved is not None
    assert (len(begins), len(validated)) == (1, 1)

    begins.clear()
    validated.clear()
    asked = service.save_checked(draft("墙煌建材公司"), allow_duplicates=False)
    assert asked.saved is None and asked.duplicates
    assert (len(begins), len(validated)) == (1, 1)


def test_removed_contact_is_tombstoned_not_deleted(service: CustomerService, store: Path) -> None:
    saved = service.save(
        draft(
            contacts=[
                ContactDraft(name="甲", mobile="13800000001"),
                ContactDraft(name="乙", mobile="13800000002"),
            ]
        )
    )
    saved.draft.contacts.pop()
    after = service.save(saved.draft)
    assert [c.name for c in after.draft.contacts] == ["甲"]
    conn = sqlite3.connect(store)
    assert (
        conn.execute("SELECT count(*) FROM contacts WHERE deleted_at IS NOT NULL").fetchone()[0]
        == 1
    )
    assert outbox(store)[-1][1] == "delete"


def test_search_index_follows_edits_and_deletes(service: CustomerService, store: Path) -> None:
    saved = service.save(draft())
    browser = CustomerBrowser(store)
    assert [r.name for r in browser.page(CustomerQuery(text="wxm"), 0, 10)] == ["墙煌建材有限公司"]
    saved.draft.contacts[0].name = "赵六"
    service.save(saved.draft)
    assert browser.page(CustomerQuery(text="wxm"), 0, 10) == []
    assert len(browser.page(CustomerQuery(text="赵六"), 0, 10)) == 1
    service.delete(saved.draft.id)  # type: ignore[arg-type]  # a saved draft has its id
    assert browser.page(CustomerQuery(text="墙煌"), 0, 10) == []


def test_tiers_from_trailing_twelve_months_of_orders(service: CustomerService, factory) -> None:
    today = date(2026, 11, 23)
    ids = [service.save(draft(f"客户{i}有限公司", contacts=[])).draft.id for i in range(5)]
    amounts = [
        Decimal("800000.00"),
        Decimal("100000.00"),
        Decimal("60000.00"),
        Decimal("39999.99"),
        Decimal("0.01"),
    ]
    with unit_of_work(factory) as session:
        for i, (cid, amount) in enumerate(zip(ids, amounts, strict=True)):
            session.add(Order(customer_id=cid, order_no=f"SO-{i}", order_date=today, amount=amount))
        # An old order (13 months ago) does not count.
        session.add(
            Order(
                customer_id=ids[4],
                order_no="SO-old",
                order_date=today - timedelta(days=400),
                amount=Decimal("9999999"),
            )
        )
    counts = service.recompute_tiers(today)
    assert counts == {"A": 1, "B": 2, "C": 2, "-": 0}
    with unit_of_work(factory) as session:
        tiers = {c.id: (c.tier, c.sales_12m) for c in session.query(Customer)}
    assert tiers[ids[0]] == ("A", Decimal("800000.00"))  # type: ignore[index]  # a saved draft has its id
    assert tiers[ids[1]] == ("B", Decimal("100000.00"))  # type: ignore[index]  # a saved draft has its id
    assert tiers[ids[4]] == ("C", Decimal("0.01"))  # type: ignore[index]  # a saved draft has its id


def test_tax_id_is_checked_normalized_and_finds_duplicates(service: CustomerService) -> None:
    with pytest.raises(ValidationFailed) as caught:
        service.save(draft(tax_id="91350100M000100Y44"))  # wrong check character
    assert [(e.field, e.code) for e in caught.value.errors] == [("tax_id", ErrorCode.TAX_ID)]
    saved = service.save(draft(tax_id=" 91350100m000100y43 "))
    assert saved.draft.tax_id == "91350100M000100Y43"
    renamed = CustomerDraft(name="改了名字的公司", tax_id="91350100M000100Y43")
    hits = service.find_duplicates(renamed)
    assert [(h.id, h.reason) for h in hits] == [(saved.draft.id, "tax_id")]


def test_a_draft_of_a_customer_the_store_no_longer_has_is_not_saved(
    service: CustomerService, store: Path
) -> None:
    """An editor left open on a customer a sync then evicted: saving it made the customer
    again as a new row (an insert HQ refused at the next sync). Nothing is written now."""
    from dataclasses import replace

    from salesdesk.domain.ids import uuid7
    from salesdesk.services.customers.records import CustomerGone

    gone = uuid7()
    before = outbox(store)
    with pytest.raises(CustomerGone):
        service.save_checked(replace(draft(), id=gone), allow_duplicates=False)
    assert service.get(gone) is None
    assert outbox(store) == before
