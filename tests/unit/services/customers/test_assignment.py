"""Whom a customer can be assigned to, and what happens when the store cannot name them.

HQ accepts only a salesperson (role SALES) as assignee, and refuses a salesperson's new
customer assigned to anyone else outright. So: a salesperson's import makes every customer
theirs and reports each row whose salesperson column is not applied; the choice lists offer
salespeople only; and an assignee the store cannot list (inactive, not synced) is kept.
"""

from __future__ import annotations

import json
import sqlite3
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from sqlalchemy.orm import sessionmaker

from salesdesk.db.session import LocalSession, create_store_engine
from salesdesk.domain.validation import ErrorCode, ValidationFailed
from salesdesk.kit.jobs import JobState
from salesdesk.services.customers.browse import CustomerBrowser
from salesdesk.services.customers.records import CustomerDraft
from salesdesk.services.customers.service import CustomerService
from salesdesk.services.imports.customers import AssignmentRefused, CustomerImporter
from salesdesk.services.imports.headers import guess_mapping
from salesdesk.services.imports.plan import Choices, ImportMode, SameCompany, WarningKind
from salesdesk.services.imports.table import read_table
from salesdesk.services.people import CurrentUser, Person
from salesdesk.sync.laptop import store as local
from tests.store_sql import query

Bind = Callable[[str], None]

CSV = "\n".join([
    "公司名称,业务员,联系人,手机",
    "墙煌建材有限公司,李娜,王强,13800138000",  # row 2: someone else
    "墙煌建材,张伟,赵敏,13912345678",  # row 3: same company, the salesperson themself
    "华东钢构有限公司,,刘洋,13700001111",  # row 4: no salesperson
    "宏达门窗厂,张三丰,孙丽,13611112222",  # row 5: nobody this store knows
    "远景幕墙工程有限公司,总部销售部,周杰,13555556666",  # row 6: HQ staff
]) + "\n"


@pytest.fixture
def bind(store: Path, people: dict[str, uuid.UUID]) -> Iterator[Bind]:
    """Logs the store in as one of ``people`` (what SyncService.login records)."""
    engine = create_store_engine(store)
    roles = {"zhang": "sales", "li": "sales", "chen": "sales", "hq": "hq"}

    def bind(name: str) -> None:
        local.LocalStore(engine).bind_user(people[name], name, roles[name])

    yield bind
    engine.dispose()


def browse(store: Path) -> CustomerBrowser:
    return CustomerBrowser(store)


def current_user(store: Path) -> CurrentUser | None:
    browser = browse(store)
    try:
        return browser.current_user()
    finally:
        browser.close()


def assignees(store: Path) -> list[Person]:
    browser = browse(store)
    try:
        return browser.filter_options().assignees
    finally:
        browser.close()


def assigned(store: Path) -> dict[str, uuid.UUID | None]:
    return {
        str(name): uuid.UUID(str(a)) if a else None
        for name, a in query(store, "SELECT name, assigned_to_id FROM customers")
    }


def importer(factory: sessionmaker[LocalSession], store: Path) -> CustomerImporter:
    return CustomerImporter(factory, assignees(store), current_user=current_user(store))


def check(imp: CustomerImporter, tmp_path: Path):
    path = tmp_path / "客户.csv"
    path.write_text(CSV, encoding="utf-8-sig")
    table = read_table(path, guess_mapping)
    return imp.check(table, guess_mapping(table.headers))


# --- 1. import as a salesperson ---------------------------------------------------------


def test_salespersons_import_makes_every_customer_theirs_and_reports_each_row(
    factory, store: Path, people, bind: Bind, tmp_path: Path
) -> None:
    bind("zhang")
    imp = importer(factory, store)
    assert imp.assignment_locked
    plan = check(imp, tmp_path)

    assert not plan.issues  # nobody named is an error: the column is not applied at all
    assert {c.draft.assigned_to_id for c in plan.customers} == {people["zhang"]}
    ignored = [(w.row, w.kind, w.field, w.value) for w in plan.warnings
               if w.kind is WarningKind.NOT_APPLIED]
    assert ignored == [
        (2, WarningKind.NOT_APPLIED, "salesperson", "李娜"),
        (5, WarningKind.NOT_APPLIED, "salesperson", "张三丰"),
        (6, WarningKind.NOT_APPLIED, "salesperson", "总部销售部"),
    ]
    # Row 3 (the user says: the company of row 2) names the salesperson: no conflict.
    plan = plan.decide(Choices({3: SameCompany.MERGE}))
    assert not [w for w in plan.warnings if w.kind is WarningKind.CONFLICT]

    result = imp.run(plan, ImportMode.ALL_OR_NOTHING, JobState())
    assert result.customers == 4
    assert set(assigned(store).values()) == {people["zhang"]}
    inserts = [json.loads(str(c)) for (c,) in query(
        store, "SELECT changes FROM outbox WHERE entity = 'customers' AND op = 'insert'")]
    assert len(inserts) == 4
    assert {uuid.UUID(str(c["assigned_to_id"])) for c in inserts} == {people["zhang"]}


@pytest.mark.parametrize("login", ["hq", None])
def test_hq_staff_and_a_laptop_never_logged_in_import_as_before_salespeople_only(
    factory, store: Path, people, bind: Bind, tmp_path: Path, *, login: str | None
) -> None:
    if login is not None:
        bind(login)
    imp = importer(factory, store)
    assert not imp.assignment_locked
    plan = check(imp, tmp_path)
    assert not [w for w in plan.warnings if w.kind is WarningKind.NOT_APPLIED]
    # 张三丰 is nobody; 总部销售部 is HQ staff, whom HQ assigns no customers to.
    assert [(i.row, i.error.field, i.error.code) for i in plan.issues] == [
        (5, "salesperson", ErrorCode.NOT_FOUND),
        (6, "salesperson", ErrorCode.NOT_FOUND),
    ]
    # Row 3's company may be row 2's: a question whose suggested answer keeps them apart
    # (never a silent merge that drops 张伟).
    assert [(q.row, q.earlier_row, q.differs, q.suggested) for q in plan.questions] == [
        (3, 2, ("salesperson",), SameCompany.SEPARATE)]
    by_name = {c.draft.name: c.draft.assigned_to_id for c in plan.valid_customers}
    assert by_name == {"墙煌建材有限公司": people["li"], "墙煌建材": people["zhang"],
                       "华东钢构有限公司": None}


def test_a_plan_checked_before_a_salesperson_logged_in_is_not_written(
    factory, store: Path, people, bind: Bind, tmp_path: Path
) -> None:
    plan = check(importer(factory, store), tmp_path)  # never logged in: 李娜 applies
    bind("zhang")
    with pytest.raises(AssignmentRefused):
        importer(factory, store).run(plan, ImportMode.VALID_ONLY, JobState())
    assert assigned(store) == {}
    assert query(store, "SELECT count(*) FROM outbox")[0][0] == 0


def test_unassigned_customers_of_a_salespersons_import_are_theirs(
    factory, store: Path, people, bind: Bind, tmp_path: Path
) -> None:
    path = tmp_path / "c.csv"
    path.write_text("公司名称,联系人,手机\n甲公司,王强,13800138000\n", encoding="utf-8")
    table = read_table(path, guess_mapping)
    plan = importer(factory, store).check(table, guess_mapping(table.headers))
    bind("zhang")  # after the check: the customer is still given to its creator, as HQ does
    importer(factory, store).run(plan, ImportMode.ALL_OR_NOTHING, JobState())
    assert assigned(store) == {"甲公司": people["zhang"]}


# --- 2. only salespeople are offered as assignees ----------------------------------------


def test_assignees_are_active_salespeople_and_the_filter_lists_who_holds_customers(
    factory, store: Path, people
) -> None:
    service = CustomerService(factory)
    service.save(CustomerDraft(name="甲公司", assigned_to_id=people["li"]))
    service.save(CustomerDraft(name="乙公司", assigned_to_id=people["li"]))
    gone = service.save(CustomerDraft(name="丙公司", assigned_to_id=people["zhang"]))
    service.delete(gone.draft.id)  # type: ignore[arg-type]  # a saved draft has its id
    query_update(store, "UPDATE customers SET assigned_to_id = ? WHERE name = '乙公司'",
                 people["chen"].hex)
    stranger = uuid.uuid4()
    service.save(CustomerDraft(name="丁公司"))
    query_update(store, "UPDATE customers SET assigned_to_id = ? WHERE name = '丁公司'",
                 stranger.hex)

    browser = browse(store)
    try:
        options = browser.filter_options()
    finally:
        browser.close()
    assert [(p.name, p.role) for p in options.assignees] == [("张伟", "sales"), ("李娜", "sales")]
    assert [(p.id, p.name, p.active) for p in options.salespeople] == [
        (people["li"], "李娜", True),
        (people["chen"], "陈静", False),
        (stranger, "", False),  # not in this store's users: the UI says "unknown user"
    ]


def query_update(store: Path, sql: str, *params: object) -> None:
    conn = sqlite3.connect(store)
    try:
        with conn:
            conn.execute(sql, params)
    finally:
        conn.close()


@pytest.mark.parametrize("login", ["hq", None])
def test_the_service_refuses_to_assign_a_customer_to_hq_staff(
    factory, store: Path, people, bind: Bind, login: str | None
) -> None:
    if login is not None:
        bind(login)
    service = CustomerService(factory)
    saved = service.save(CustomerDraft(name="甲公司", assigned_to_id=people["li"]))
    saved.draft.assigned_to_id = people["hq"]
    with pytest.raises(ValidationFailed) as caught:
        service.save(saved.draft)
    assert [(e.field, e.code) for e in caught.value.errors] == [
        ("assigned_to_id", ErrorCode.NOT_ASSIGNABLE)
    ]
    with pytest.raises(ValidationFailed):
        service.save_checked(CustomerDraft(name="乙公司", assigned_to_id=people["hq"]),
                             allow_duplicates=False)
    with pytest.raises(ValidationFailed):
        service.save(CustomerDraft(name="丙公司", assigned_to_id=uuid.uuid4()))


# --- 3. an assignee the store cannot list ---------------------------------------------


@pytest.mark.parametrize("login", ["hq", None])
def test_an_unlisted_assignee_is_named_and_kept_by_a_save(
    factory, store: Path, people, bind: Bind, login: str | None
) -> None:
    if login is not None:
        bind(login)
    service = CustomerService(factory)
    inactive = service.save(CustomerDraft(name="甲公司", assigned_to_id=people["li"]))
    unknown = service.save(CustomerDraft(name="乙公司", assigned_to_id=people["li"]))
    stranger = uuid.uuid4()
    query_update(store, "UPDATE customers SET assigned_to_id = ? WHERE name = '甲公司'",
                 people["chen"].hex)
    query_update(store, "UPDATE customers SET assigned_to_id = ? WHERE name = '乙公司'",
                 stranger.hex)

    detail = service.get(inactive.draft.id)  # type: ignore[arg-type]  # a saved draft has its id
    assert detail is not None
    assert detail.assignee == Person(people["chen"], "陈静", "sales", active=False)
    detail.draft.city = "杭州"
    assert service.save(detail.draft).draft.assigned_to_id == people["chen"]

    detail = service.get(unknown.draft.id)  # type: ignore[arg-type]  # a saved draft has its id
    assert detail is not None and detail.draft.assigned_to_id == stranger
    assert detail.assignee is None  # no such row here: the editor labels it by its id
    detail.draft.city = "宁波"
    assert service.save(detail.draft).draft.assigned_to_id == stranger
