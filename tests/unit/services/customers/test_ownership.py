"""HQ-owned customer fields (entities.py: Owner.HQ) are HQ's to change: a salesperson's save
that changes one is refused with the field named, before anything is written."""

from __future__ import annotations

import json
import sqlite3
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy.orm import sessionmaker

from salesdesk.db.session import LocalSession, create_store_engine
from salesdesk.domain.validation import ErrorCode, ValidationFailed
from salesdesk.services.customers.browse import CustomerBrowser
from salesdesk.services.customers.records import CustomerDraft
from salesdesk.services.customers.service import HQ_OWNED_FIELDS, CustomerService
from salesdesk.services.people import CurrentUser
from salesdesk.sync.laptop import store as local


@pytest.fixture
def bind(store: Path) -> Iterator[object]:
    """Logs the store in as a user (what SyncService.login records)."""
    engine = create_store_engine(store)

    def bind(user_id: uuid.UUID, username: str, role: str | None) -> None:
        local.LocalStore(engine).bind_user(user_id, username, role)

    yield bind
    engine.dispose()


@pytest.fixture
def service(factory: sessionmaker[LocalSession]) -> CustomerService:
    return CustomerService(factory)


def outbox_count(store: Path) -> int:
    conn = sqlite3.connect(store)
    try:
        return int(conn.execute("SELECT count(*) FROM outbox").fetchone()[0])
    finally:
        conn.close()


def test_assignment_is_the_hq_owned_field_the_editor_exposes() -> None:
    assert HQ_OWNED_FIELDS == ("assigned_to_id",)  # credit_terms is not in the draft


def test_salesperson_may_not_change_the_assignment(
    service: CustomerService, people, bind, store: Path
) -> None:
    saved = service.save(CustomerDraft(name="墙煌建材有限公司", assigned_to_id=people["zhang"]))
    bind(people["zhang"], "zhang", "sales")
    before = outbox_count(store)

    moved = saved.draft
    moved.assigned_to_id = people["li"]
    moved.city = "杭州"
    with pytest.raises(ValidationFailed) as caught:
        service.save(moved)
    assert [(e.field, e.code) for e in caught.value.errors] == [
        ("assigned_to_id", ErrorCode.HQ_OWNED)
    ]
    with pytest.raises(ValidationFailed):  # the checked save (the editor's) refuses too
        service.save_checked(moved, allow_duplicates=False)
    assert outbox_count(store) == before  # nothing written, not even the city
    again = service.get(saved.draft.id)  # type: ignore[arg-type]  # a saved draft has its id
    assert again is not None
    assert again.draft.assigned_to_id == people["zhang"] and again.draft.city == ""

    # Unassigning is a change of assignment as well.
    again.draft.assigned_to_id = None
    with pytest.raises(ValidationFailed):
        service.save(again.draft)

    # Other edits save, and the assignment is not in the change sent to HQ.
    again.draft.assigned_to_id = people["zhang"]
    again.draft.city = "杭州"
    assert service.save(again.draft).draft.city == "杭州"
    conn = sqlite3.connect(store)
    entity, op, changes = conn.execute(
        "SELECT entity, op, changes FROM outbox ORDER BY op_id DESC LIMIT 1"
    ).fetchone()
    conn.close()
    assert (entity, op, json.loads(changes)) == ("customers", "update", {"city": ["", "杭州"]})


def test_salespersons_new_customer_is_theirs(
    service: CustomerService, people, bind
) -> None:
    bind(people["zhang"], "zhang", "sales")
    mine = service.save_checked(CustomerDraft(name="新客户甲有限公司"), allow_duplicates=False)
    assert mine.saved is not None and mine.saved.draft.assigned_to_id == people["zhang"]

    with pytest.raises(ValidationFailed) as caught:
        service.save_checked(
            CustomerDraft(name="新客户乙有限公司", assigned_to_id=people["li"]),
            allow_duplicates=False,
        )
    assert caught.value.errors[0].field == "assigned_to_id"


@pytest.mark.parametrize("role", ["hq", None])
def test_hq_staff_and_a_store_never_logged_in_may_reassign(
    service: CustomerService, people, bind, role: str | None
) -> None:
    saved = service.save(CustomerDraft(name="墙煌建材有限公司", assigned_to_id=people["zhang"]))
    if role is not None:
        bind(people["hq"], "hq", role)
    saved.draft.assigned_to_id = people["li"]
    assert service.save(saved.draft).draft.assigned_to_id == people["li"]
    new = service.save(CustomerDraft(name="新客户丙有限公司"))
    assert new.draft.assigned_to_id is None  # HQ staff create unassigned customers


def test_current_user_is_plain_data_with_the_role(people, bind, store: Path) -> None:
    browser = CustomerBrowser(store)
    try:
        assert browser.current_user() is None  # standalone / demo use
        bind(people["zhang"], "zhang", "sales")
        assert browser.current_user() == CurrentUser(people["zhang"], "zhang", "sales")
        assert browser.current_user().is_salesperson  # type: ignore[union-attr]  # the store is logged in
    finally:
        browser.close()


def test_role_of_a_store_bound_before_roles_were_kept_comes_from_its_user_row(
    people, bind, store: Path
) -> None:
    bind(people["zhang"], "zhang", None)
    browser = CustomerBrowser(store)
    try:
        user = browser.current_user()
        assert user is not None and user.role == "sales" and user.is_salesperson
    finally:
        browser.close()
