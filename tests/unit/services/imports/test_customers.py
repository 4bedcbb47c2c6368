"""Customer import: reading what Excel writes, mapping, row-by-row report, one transaction."""

from __future__ import annotations

import shutil
import uuid
from collections.abc import Iterator
from dataclasses import replace
from datetime import datetime
from pathlib import Path

import openpyxl
import pytest
from sqlalchemy import Engine
from sqlalchemy.orm import sessionmaker

from salesdesk.db import migrate
from salesdesk.db.models import User
from salesdesk.db.session import (
    LocalSession,
    create_store_engine,
    session_factory,
    unit_of_work,
)
from salesdesk.domain.validation import ErrorCode
from salesdesk.kit.jobs import Cancelled, JobState
from salesdesk.services.customers.browse import CustomerBrowser
from salesdesk.services.customers.records import ContactDraft, CustomerDraft, CustomerQuery
from salesdesk.services.customers.service import CustomerService
from salesdesk.services.imports.customers import CustomerImporter, ImportPlan, preview, run_import
from salesdesk.services.imports.headers import guess_mapping
from salesdesk.services.imports.plan import (
    Choices,
    ImportMode,
    ImportRefused,
    SameCompany,
    WarningKind,
)
from salesdesk.services.imports.table import TableError, TableProblem, read_table
from salesdesk.services.people import Person
from tests.cancel_after import CancelAfter
from tests.store_sql import query

HEADER = "公司名称,类别,城市,电话,联系人,职务,手机,业务员"
GOOD_AND_BAD = "\n".join([
    HEADER,
    "墙煌建材有限公司,重点,杭州,0571-88886666,张伟,采购经理,13800138000,王芳",
    "墙煌建材有限公司,重点,杭州,,李娜,总经理,13912345678,王芳",  # same company, 2nd contact
    "华东钢构有限公司,一般,上海,021-55556666,刘洋,,1380013,王芳",  # row 4: bad mobile
    ",潜在,南京,,陈静,,13700001111,",  # row 5: no company name
    "宏达门窗厂,潜在,苏州,,赵磊,,13611112222,",
    "",  # a blank line is skipped, not an error
    "远景幕墙工程有限公司,目标,宁波,,孙丽,,13555556666,",
])


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("template") / "store.sqlite3"
    migrate.upgrade(path, path.parent / "backups")
    return path


@pytest.fixture
def store(template: Path, tmp_path: Path) -> Iterator[tuple[Path, sessionmaker[LocalSession]]]:
    path = tmp_path / "store.sqlite3"
    shutil.copy(template, path)
    engine: Engine = create_store_engine(path)
    yield path, session_factory(engine)
    engine.dispose()


def add_user(factory: sessionmaker[LocalSession], name: str) -> Person:
    with unit_of_work(factory) as session:
        user = User(username=f"u{uuid.uuid4().hex[:8]}", display_name=name)
        session.add(user)
        session.flush()
        return Person(user.id, name, "sales")


def customer_names(path: Path) -> list[str]:
    browser = CustomerBrowser(path)
    try:
        return [r.name for r in browser.page(CustomerQuery(), 0, 1000)]
    finally:
        browser.close()


def write(tmp_path: Path, name: str, text: str, encoding: str) -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


# --- reading ------------------------------------------------------------------------------


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gbk", "gb18030"])
def test_csv_in_the_encodings_excel_writes(tmp_path: Path, encoding: str) -> None:
    path = write(tmp_path, "客户.csv", GOOD_AND_BAD, encoding)
    table = read_table(path, guess_mapping)
    assert table.headers[0] == "公司名称"  # no BOM glued to the first header
    assert table.rows[0].cells[0] == "墙煌建材有限公司"
    assert table.rows[0].number == 2
    assert table.rows[-1].number == 8


def test_semicolon_and_tab_delimiters_are_sniffed(tmp_path: Path) -> None:
    for delimiter in (";", "\t"):
        path = write(tmp_path, "x.csv", GOOD_AND_BAD.replace(",", delimiter), "utf-8")
        assert read_table(path, guess_mapping).headers[:3] == ("公司名称", "类别", "城市")


def test_xlsx_first_sheet_as_text(tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["客户名单 2026"])  # a title row above the headers
    ws.append(["客户名称", "手机", "首次合作", "授信(万元)"])
    ws.append(["墙煌建材有限公司", 13800138000, datetime(2024, 3, 5), 12.5])
    wb.create_sheet("其他").append(["ignored"])
    path = tmp_path / "客户.xlsx"
    wb.save(path)
    table = read_table(path, guess_mapping)
    assert table.header_row == 2
    assert table.headers == ("客户名称", "手机", "首次合作", "授信(万元)")
    assert table.rows[0].number == 3
    assert table.rows[0].cells == ("墙煌建材有限公司", "13800138000", "2024-03-05", "12.5")


@pytest.mark.parametrize(
    ("name", "content", "problem"),
    [
        ("missing.csv", None, TableProblem.UNREADABLE),
        ("old.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100, TableProblem.LEGACY_XLS),
        ("broken.xlsx", b"PK\x03\x04 not really a zip", TableProblem.NOT_A_TABLE),
        ("photo.jpg", b"\xff\xd8\xff\xe0", TableProblem.NOT_A_TABLE),
        ("binary.csv", b"a,b\x00\x01\x02", TableProblem.NOT_A_TABLE),
        ("empty.csv", b"\n\n", TableProblem.EMPTY),
        ("unknown.csv", b"name\n\x80\xff\xfe\n", TableProblem.ENCODING),
    ],
)
def test_files_that_cannot_be_read_raise_table_error(
    tmp_path: Path, name: str, content: bytes | None, problem: TableProblem
) -> None:
    path = tmp_path / name
    if content is not None:
        path.write_bytes(content)
    with pytest.raises(TableError) as info:
        read_table(path, guess_mapping)
    assert info.value.problem is problem
    assert info.value.path == path


# --- mapping ------------------------------------------------------------------------------


def test_guess_mapping_chinese_headers() -> None:
    headers = ["序号", "*客户名称", "简称", "客户类别", "所属区域", "省份", "城市", "详细地址",
               "公司电话", "邮箱", "联系人", "职务", "手机号码", "座机", "微信号", "业务员",
               "标签", "备注", "客户编号"]
    mapping = guess_mapping(headers)
    assert mapping == {
        "name": 1, "short_name": 2, "category": 3, "region": 4, "province": 5, "city": 6,
        "address": 7, "phone": 8, "email": 9, "contact_name": 10, "role": 11, "mobile": 12,
        "landline": 13, "wechat": 14, "salesperson": 15, "tags": 16, "notes": 17,
    }


def test_guess_mapping_english_headers() -> None:
    headers = ["Company Name", "Category", "Region", "City", "Phone", "E-mail", "Contact",
               "Title", "Mobile", "Landline", "WeChat ID", "Sales Rep", "Tags", "Notes"]
    assert guess_mapping(headers) == {
        "name": 0, "category": 1, "region": 2, "city": 3, "phone": 4, "email": 5,
        "contact_name": 6, "role": 7, "mobile": 8, "landline": 9, "wechat": 10,
        "salesperson": 11, "tags": 12, "notes": 13,
    }


def test_guess_mapping_mixed_phone_column() -> None:
    assert guess_mapping(["名称", "联系人", "联系电话"]) == {
        "name": 0, "contact_name": 1, "contact_phone": 2,
    }


# --- preview ------------------------------------------------------------------------------


def plan_for(tmp_path: Path, text: str, people: list[Person] | None = None,
             factory: sessionmaker[LocalSession] | None = None) -> ImportPlan:
    table = read_table(write(tmp_path, "in.csv", text, "utf-8-sig"), guess_mapping)
    return preview(table, guess_mapping(table.headers), people=people or [], factory=factory)


WANG = Person(uuid.uuid4(), "王芳", "sales")


def test_rows_of_one_company_become_one_customer_with_contacts(tmp_path: Path) -> None:
    plan = plan_for(tmp_path, GOOD_AND_BAD, [WANG])
    first = plan.customers[0]
    assert first.rows == (2, 3)
    assert first.draft.name == "墙煌建材有限公司"
    assert [c.name for c in first.draft.contacts] == ["张伟", "李娜"]
    assert first.draft.contacts[0].is_primary and not first.draft.contacts[1].is_primary
    assert first.draft.category == "key"
    assert first.draft.assigned_to_id == WANG.id
    assert {c.draft.category for c in plan.customers} == {"key", "ordinary", "potential",
                                                          "target"}
    assert plan.row_count == 6  # the blank row 7 is not counted


NEAR = "\n".join([
    "公司名称,类别,电话,联系人,手机",
    "苏州汇能钢结构股份有限公司,重点,0512-66880001,胡文博,17066423868",
    "苏州汇能钢结构有限公司,一般,0512-66880002,周春梅,18179460220",  # row 3: maybe row 2's
    "苏州汇能钢结构有限公司,一般,0512-66880002,孙洋,18538763329",  # row 4: row 3's, certainly
    "苏州汇能钢结构有限公司,一般,0512-66880002,孙洋,18538763329",  # row 5: row 4 again
    "宏达门窗厂,潜在,0512-66880003,赵磊,13611112222",
    "宏达门窗厂,目标,0512-66880004,李娜,13912345678",  # row 7: same name, but disagrees
])


def counts(plan: ImportPlan) -> tuple[int, int, int, int]:
    return (len(plan.valid_customers), plan.merged_row_count, len(plan.skipped_rows),
            plan.failed_row_count)


def test_rows_that_may_be_the_same_company_are_questions(tmp_path: Path) -> None:
    """The demo's two 汇能 companies are not merged unasked; a repeated row is reported."""
    plan = plan_for(tmp_path, NEAR)
    assert [(q.row, q.rows, q.earlier_row, q.differs, q.suggested) for q in plan.questions] == [
        (3, (3, 4, 5), 2, ("category", "phone"), SameCompany.SEPARATE),
        # The same name: most likely one company written twice, so merging is suggested.
        (7, (7,), 6, ("category", "phone"), SameCompany.MERGE),
    ]
    assert [(w.row, w.kind, w.value) for w in plan.warnings] == [
        (5, WarningKind.DUPLICATE_ROW, "4"),
        # Merged as suggested: what row 7 says otherwise is ignored, and said so.
        (7, WarningKind.CONFLICT, "目标"), (7, WarningKind.CONFLICT, "0512-66880004"),
    ]
    assert {c.draft.name: (c.rows, c.draft.category, [k.name for k in c.draft.contacts])
            for c in plan.customers} == {
        "苏州汇能钢结构股份有限公司": ((2,), "key", ["胡文博"]),
        "苏州汇能钢结构有限公司": ((3, 4, 5), "ordinary", ["周春梅", "孙洋"]),
        "宏达门窗厂": ((6, 7), "potential", ["赵磊", "李娜"]),
    }
    assert counts(plan) == (3, 3, 0, 0) and sum(counts(plan)) == plan.row_count == 6

    merged = plan.decide(Choices({3: SameCompany.MERGE, 7: SameCompany.SEPARATE}))
    assert [(c.rows, c.draft.category, c.draft.phone) for c in merged.customers] == [
        ((2, 3, 4, 5), "key", "0512-66880001"), ((6,), "potential", "0512-66880003"),
        ((7,), "target", "0512-66880004")]
    assert counts(merged) == (3, 3, 0, 0)
    assert (3, WarningKind.CONFLICT, "一般") in [(w.row, w.kind, w.value)
                                                 for w in merged.warnings]
    skipped = plan.decide(Choices({3: SameCompany.SKIP}))
    assert skipped.skipped_rows == (3, 4, 5)
    assert 5 not in {w.row for w in skipped.warnings}  # its rows are not imported at all
    assert counts(skipped) == (2, 1, 3, 0) and sum(counts(skipped)) == plan.row_count


def test_a_contact_listed_twice_with_other_details_is_reported(tmp_path: Path) -> None:
    text = "\n".join([
        "公司名称,联系人,职务,手机",
        "墙煌建材有限公司,张伟,采购经理,13800138000",
        "墙煌建材有限公司,张伟,总经理,13800138000",  # row 3: the same person, another role
    ])
    plan = plan_for(tmp_path, text)
    assert [c.role for c in plan.customers[0].draft.contacts] == ["采购经理"]
    assert [(w.row, w.kind, w.field, w.value) for w in plan.warnings] == [
        (3, WarningKind.CONFLICT, "role", "总经理")]


def test_full_width_digits_and_logins_import(
    tmp_path: Path, store: tuple[Path, sessionmaker[LocalSession]]
) -> None:
    """What a Chinese input method types is normal input; a salesperson by login or name."""
    path, factory = store
    wang = replace(add_user(factory, "王芳"), username="wangfang")
    text = "\n".join([
        "公司名称,电话,拜访周期,业务员,联系人,手机,联系人邮箱",
        "墙煌建材有限公司,０５７１－８８８８６６６６,３０天,wangfang,张伟,１３８００１３８０００,"
        "ｚｗ＠ｑｈ．ｃｎ",
        "远景幕墙工程有限公司,（０２１）６２３４５６７８,,王芳,孙丽,＋８６ １３５５５５５６６６６,",
    ])
    plan = plan_for(tmp_path, text, [wang], factory)
    assert not plan.issues
    run_import(factory, plan, ImportMode.ALL_OR_NOTHING, JobState())
    rows = query(path, "SELECT c.name, c.phone, c.visit_cadence_days, c.assigned_to_id,"
                 " k.mobile, k.email FROM customers c JOIN contacts k ON k.customer_id = c.id"
                 " ORDER BY c.name")
    assert [tuple(r) for r in rows] == [
        ("墙煌建材有限公司", "0571-88886666", 30, wang.id.hex, "13800138000", "zw@qh.cn"),
        ("远景幕墙工程有限公司", "021-62345678", None, wang.id.hex, "13555556666", ""),
    ]


def test_errors_name_the_row_excel_shows_and_the_field(tmp_path: Path) -> None:
    plan = plan_for(tmp_path, GOOD_AND_BAD, [WANG])
    found = {(i.row, i.error.field, i.error.code) for i in plan.issues}
    assert found == {(4, "mobile", ErrorCode.MOBILE), (5, "name", ErrorCode.REQUIRED)}
    assert next(i for i in plan.issues if i.row == 4).value == "1380013"
    assert plan.error_rows == {4, 5}
    assert [c.rows for c in plan.valid_customers] == [(2, 3), (6,), (8,)]


def test_unknown_category_and_salesperson_are_row_errors(tmp_path: Path) -> None:
    text = "公司名称,类别,业务员,联系电话,联系人\n甲公司,VIP大客户,王芳,0571-8888,张三\n"
    plan = plan_for(tmp_path, text, [WANG])
    assert {(i.row, i.error.field, i.error.code) for i in plan.issues} == {
        (2, "category", ErrorCode.CHOICE),
        (2, "contact_phone", ErrorCode.LANDLINE),
    }
    plan = plan_for(tmp_path, "公司名称,业务员\n甲公司,张三丰\n", [WANG])
    assert [(i.row, i.error.field, i.error.params) for i in plan.issues] == [
        (2, "salesperson", {"value": "张三丰"})
    ]


def test_duplicates_of_existing_customers_are_warnings(
    tmp_path: Path, store: tuple[Path, sessionmaker[LocalSession]]
) -> None:
    _, factory = store
    CustomerService(factory).save(CustomerDraft(
        name="墙煌建材（杭州）有限公司",
        contacts=[ContactDraft(name="某人", mobile="13555556666")],
    ))
    plan = plan_for(tmp_path, GOOD_AND_BAD, [add_user(factory, "王芳")], factory)
    kinds = {(w.row, w.kind) for w in plan.warnings}
    assert (2, WarningKind.DUPLICATE_NAME) in kinds
    assert (8, WarningKind.DUPLICATE_PHONE) in kinds
    assert all(i.row in {4, 5} for i in plan.issues)  # warnings are not errors


# --- writing ------------------------------------------------------------------------------


def test_all_or_nothing_with_errors_writes_nothing(
    tmp_path: Path, store: tuple[Path, sessionmaker[LocalSession]]
) -> None:
    path, factory = store
    plan = plan_for(tmp_path, GOOD_AND_BAD, [add_user(factory, "王芳")], factory)
    with pytest.raises(ImportRefused):
        run_import(factory, plan, ImportMode.ALL_OR_NOTHING, JobState())
    assert customer_names(path) == []


def test_all_or_nothing_without_errors_writes_everything(
    tmp_path: Path, store: tuple[Path, sessionmaker[LocalSession]]
) -> None:
    path, factory = store
    clean = "\n".join(line for i, line in enumerate(GOOD_AND_BAD.splitlines()) if i not in {3, 4})
    plan = plan_for(tmp_path, clean, [add_user(factory, "王芳")], factory)
    assert not plan.has_errors
    result = run_import(factory, plan, "all_or_nothing", JobState())
    assert (result.customers, result.contacts, result.rows) == (3, 4, 4)
    assert len(customer_names(path)) == 3


def test_valid_only_writes_only_valid_customers(
    tmp_path: Path, store: tuple[Path, sessionmaker[LocalSession]]
) -> None:
    path, factory = store
    wang = add_user(factory, "王芳")
    importer = CustomerImporter(factory, [wang])
    table = importer.read(write(tmp_path, "in.csv", GOOD_AND_BAD, "gbk"))
    plan = importer.check(table, importer.guess(table.headers))
    state = JobState()
    result = importer.run(plan, ImportMode.VALID_ONLY, state)
    assert (result.customers, result.contacts, result.rows) == (3, 4, 4)
    assert (result.failed_customers, result.failed_rows, result.skipped_rows) == (2, 2, 0)
    assert (state.done, state.total) == (3, 3)
    assert set(customer_names(path)) == {"墙煌建材有限公司", "宏达门窗厂", "远景幕墙工程有限公司"}
    browser = CustomerBrowser(path)
    try:
        row = browser.page(CustomerQuery(text="墙煌"), 0, 5)[0]
    finally:
        browser.close()
    detail = CustomerService(factory).get(row.id)
    assert detail is not None
    assert [c.mobile for c in detail.draft.contacts] == ["13800138000", "13912345678"]
    assert detail.draft.assigned_to_id == wang.id
    assert detail.draft.category == "key"


@pytest.mark.parametrize("checks", [2, 4])  # mid-way, and after the last customer
def test_cancel_rolls_everything_back(
    tmp_path: Path, store: tuple[Path, sessionmaker[LocalSession]], checks: int
) -> None:
    path, factory = store
    plan = plan_for(tmp_path, GOOD_AND_BAD, [add_user(factory, "王芳")], factory)
    with pytest.raises(Cancelled):
        run_import(factory, plan, ImportMode.VALID_ONLY, CancelAfter(checks))
    assert customer_names(path) == []
