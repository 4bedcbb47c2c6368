"""Order import: exact amounts and dates, customer matching, duplicates, one transaction, tiers."""

from __future__ import annotations

import json
import sqlite3
from datetime import date, datetime, timedelta
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from sqlalchemy import select
from sqlalchemy.orm import sessionmaker

from salesdesk.db.models import Customer, Order, Product
from salesdesk.db.session import LocalSession, unit_of_work
from salesdesk.domain.validation import ErrorCode, parse_amount
from salesdesk.kit.jobs import Cancelled, JobState
from salesdesk.paths import Paths
from salesdesk.services.container import AppServices
from salesdesk.services.customers.records import CustomerDraft
from salesdesk.services.customers.service import TIERS_COMPUTED_ON, CustomerService
from salesdesk.services.imports.headers import guess_mapping, guess_order_mapping
from salesdesk.services.imports.orders import (
    OrderImporter,
    OrderPlan,
    parse_date,
    run_import,
)
from salesdesk.services.imports.plan import ImportMode, ImportRefused, WarningKind
from salesdesk.services.imports.table import read_table
from salesdesk.settings import Settings
from tests.cancel_after import CancelAfter

TODAY = date(2026, 3, 31)
HEADER = "订单号,下单日期,客户名称,含税金额（元）,产品编码,币种,备注"


@pytest.fixture
def service(factory: sessionmaker[LocalSession]) -> CustomerService:
    return CustomerService(factory)


@pytest.fixture
def book(service: CustomerService, factory: sessionmaker[LocalSession]) -> dict[str, object]:
    """Three customers ranked A, B, C by last year's orders, one product, two 宏达 short names."""
    ids: dict[str, object] = {}
    for name, short in (("墙煌建材有限公司", "墙煌"), ("华东钢构有限公司", "宏达"),
                        ("宏达门窗厂", "宏达"), ("远景幕墙工程有限公司", "远景")):
        ids[name] = service.save(CustomerDraft(name=name, short_name=short)).draft.id
    with unit_of_work(factory) as session:
        session.add(Product(code="AL-0.8", name="铝卷 0.8mm"))
        for i, (name, amount) in enumerate((("墙煌建材有限公司", "800000.00"),
                                            ("华东钢构有限公司", "150000.00"),
                                            ("宏达门窗厂", "50000.00"))):
            session.add(Order(customer_id=ids[name], order_no=f"SO-OLD-{i}",
                              order_date=TODAY - timedelta(days=40), amount=Decimal(amount)))
    service.recompute_tiers(TODAY)
    assert tiers(factory)["宏达门窗厂"] == "C"
    return ids


def tiers(factory: sessionmaker[LocalSession]) -> dict[str, str | None]:
    with unit_of_work(factory) as session:
        return {c.name: c.tier for c in session.scalars(select(Customer))}


def orders(factory: sessionmaker[LocalSession]) -> dict[str, tuple[date, Decimal, str]]:
    with unit_of_work(factory) as session:
        return {o.order_no: (o.order_date, o.amount, o.notes)
                for o in session.scalars(select(Order))}


def plan_for(tmp_path: Path, factory: sessionmaker[LocalSession], *lines: str) -> OrderPlan:
    path = tmp_path / "订单.csv"
    path.write_text("\n".join((HEADER, *lines)) + "\n", encoding="utf-8-sig")
    importer = OrderImporter(factory, today=lambda: TODAY)
    table = importer.read(path)
    return importer.check(table, importer.guess(table.headers))


def problems(plan: OrderPlan) -> list[tuple[int, str, ErrorCode]]:
    return [(i.row, i.error.field, i.error.code) for i in plan.issues]


# --- values -------------------------------------------------------------------------------


@pytest.mark.parametrize(("text", "expected"), [
    ("12,800.50", "12800.50"),
    ("¥12800.5", "12800.50"),
    ("￥12,800", "12800.00"),  # the full-width yuan sign Chinese keyboards type
    ("12800", "12800.00"),
    ("１２８００.５", "12800.50"),  # full-width digits
    ("12800元", "12800.00"),
    ("CNY 1,234,567.89", "1234567.89"),
    ("12800.500", "12800.50"),  # trailing zeros are still exact to the fen
    ("0.1", "0.10"),  # a float would make this 0.1000000000000000055...
    (" 99999999999.99 ", "99999999999.99"),
])
def test_amounts_are_exact_decimals(text: str, expected: str) -> None:
    value = parse_amount(text)
    assert isinstance(value, Decimal)
    assert value == Decimal(expected) and str(value) == expected


@pytest.mark.parametrize("text", [
    "12800.505", "-100", "(100)", "1,28,00", "12.800,50", "abc", "", "1e5", "$100", "12 800",
    "1000000000000",
])
def test_bad_amounts_are_refused(text: str) -> None:
    assert parse_amount(text) is None


@pytest.mark.parametrize(("text", "expected"), [
    ("2026-03-31", date(2026, 3, 31)),
    ("2026/3/31", date(2026, 3, 31)),
    ("2026年3月31日", date(2026, 3, 31)),
    ("2026.3.1", date(2026, 3, 1)),
    ("20260331", date(2026, 3, 31)),
    ("2026-03-31 14:30", date(2026, 3, 31)),  # a workbook date cell with a time
    ("２０２６年３月３１日", date(2026, 3, 31)),
])
def test_dates_as_spreadsheets_write_them(text: str, expected: date) -> None:
    assert parse_date(text) == expected


@pytest.mark.parametrize("text", ["2026-02-30", "31/03/2026", "2026-13-01", "昨天", "46112", ""])
def test_bad_dates_are_refused(text: str) -> None:
    assert parse_date(text) is None


def test_guess_chinese_and_english_headers() -> None:
    assert guess_order_mapping(HEADER.split(",")) == {
        "order_no": 0, "order_date": 1, "customer": 2, "amount": 3, "product_code": 4,
        "currency": 5, "notes": 6}
    assert guess_order_mapping(["单号", "日期", "客户", "金额"]) == {
        "order_no": 0, "order_date": 1, "customer": 2, "amount": 3}
    assert guess_order_mapping(["Order No.", "Order Date", "Customer", "Amount", "Product Code",
                                "Currency", "Notes"]) == {
        "order_no": 0, "order_date": 1, "customer": 2, "amount": 3, "product_code": 4,
        "currency": 5, "notes": 6}
    # "交货日期" is a delivery date, "客户编号" a code: generic words only match exactly.
    assert guess_order_mapping(["交货日期", "客户编号"]) == {}


def test_xlsx_date_and_number_cells_under_a_title_row(
    tmp_path: Path, factory: sessionmaker[LocalSession], book: dict[str, object]
) -> None:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(["2026年3月销售订单"])  # a title above the headers
    sheet.append(["订单号", "订单日期", "客户", "订单金额"])
    sheet.append(["SO-X1", datetime(2026, 3, 30), "墙煌建材有限公司", 12800.5])
    sheet.append(["SO-X2", datetime(2026, 3, 29), "墙煌建材有限公司", 3000])
    path = tmp_path / "orders.xlsx"
    workbook.save(path)
    importer = OrderImporter(factory, today=lambda: TODAY)
    table = importer.read(path)
    assert table.header_row == 2
    plan = importer.check(table, importer.guess(table.headers))
    assert not plan.issues
    assert [(o.row, o.order_date, o.amount) for o in plan.orders] == [
        (3, date(2026, 3, 30), Decimal("12800.50")), (4, date(2026, 3, 29), Decimal("3000.00"))]


def test_read_table_finds_the_header_its_guesser_knows(tmp_path: Path) -> None:
    path = tmp_path / "t.csv"
    path.write_text("标题\n订单号,日期,客户,金额\nSO-1,2026-03-01,x,1\n", encoding="utf-8")
    # customer synonyms do not see an order header
    assert read_table(path, guess_mapping).header_row == 1
    assert read_table(path, guess_order_mapping).header_row == 2


# --- matching and checks ------------------------------------------------------------------


def test_customers_matched_by_name_then_key_then_short_name(
    tmp_path: Path, factory: sessionmaker[LocalSession], book: dict[str, object]
) -> None:
    plan = plan_for(
        tmp_path, factory,
        "SO-1,2026-03-01,墙煌建材有限公司,100,,,",
        "SO-2,2026-03-01,墙煌建材（杭州）公司,100,,,",  # same name key
        "SO-3,2026-03-01,远景,100,,,",  # short name
        "SO-4,2026-03-01,宏达,100,,,",  # two customers are "宏达": ambiguous
        "SO-5,2026-03-01,蓝天铝业,100,,,",  # nobody
        "SO-6,2026-03-01,墙煌建材（杭州）公司,100,,,",  # warned once per value
    )
    by_row = {o.row: o.customer_id for o in plan.orders}
    assert by_row == {2: book["墙煌建材有限公司"], 3: book["墙煌建材有限公司"],
                      4: book["远景幕墙工程有限公司"], 7: book["墙煌建材有限公司"]}
    assert problems(plan) == [(5, "customer", ErrorCode.AMBIGUOUS),
                              (6, "customer", ErrorCode.NOT_FOUND)]
    ambiguous, unknown = plan.issues
    assert ambiguous.error.params["value"] == "宏达" and ambiguous.value == "宏达"
    assert ambiguous.error.params["count"] == 2
    assert "宏达门窗厂" in str(ambiguous.error.params["names"])
    assert unknown.error.params == {"value": "蓝天铝业"}
    assert [(w.row, w.kind, w.value, w.existing) for w in plan.warnings] == [
        (3, WarningKind.LOOSE_MATCH, "墙煌建材（杭州）公司", "墙煌建材有限公司"),
        (4, WarningKind.LOOSE_MATCH, "远景", "远景幕墙工程有限公司"),
    ]


def test_row_errors_name_the_row_and_field(
    tmp_path: Path, factory: sessionmaker[LocalSession], book: dict[str, object]
) -> None:
    plan = plan_for(
        tmp_path, factory,
        "SO-1,2026-03-01,墙煌建材有限公司,12800.505,,,",  # row 2: a fraction of a fen
        "SO-2,2026-02-30,墙煌建材有限公司,-5,,,",  # row 3: no such day; negative
        ",,墙煌建材有限公司,,,,",  # row 4: required fields missing
        "SO-4,2026-03-01,墙煌建材有限公司,100,XX-9,USD,",  # row 5: unknown product, currency
        "SO-5,2026-03-01,墙煌建材有限公司,100,al-0.8,人民币,老客户",  # row 6: fine
    )
    assert problems(plan) == [
        (2, "amount", ErrorCode.AMOUNT),
        (3, "order_date", ErrorCode.DATE),
        (3, "amount", ErrorCode.AMOUNT),
        (4, "order_no", ErrorCode.REQUIRED),
        (4, "order_date", ErrorCode.REQUIRED),
        (4, "amount", ErrorCode.REQUIRED),
        (5, "product_code", ErrorCode.NOT_FOUND),
        (5, "currency", ErrorCode.CHOICE),
    ]
    assert plan.issues[0].value == "12800.505"
    assert plan.issues[-1].error.params == {"value": "USD"}
    (good,) = plan.orders
    assert (good.row, good.currency, good.notes) == (6, "CNY", "老客户")
    assert good.product_id is not None
    assert plan.row_count == 5 and plan.error_rows == {2, 3, 4, 5}


def test_duplicate_order_numbers_in_the_file_and_in_the_store(
    tmp_path: Path, factory: sessionmaker[LocalSession], book: dict[str, object]
) -> None:
    plan = plan_for(
        tmp_path, factory,
        "SO-OLD-1,2026-03-01,墙煌建材有限公司,100,,,",  # already in the store
        "SO-9,2026-03-01,墙煌建材有限公司,100,,,",
        "SO-9,2026-03-02,墙煌建材有限公司,200,,,",  # twice in the file: the repeat is the error
    )
    assert problems(plan) == [(2, "order_no", ErrorCode.DUPLICATE),
                              (4, "order_no", ErrorCode.DUPLICATE)]
    assert plan.issues[0].error.params == {"value": "SO-OLD-1", "stored": 1}
    assert plan.issues[1].error.params == {"value": "SO-9", "row": 3}
    assert [o.row for o in plan.orders] == [3]


# --- writing ------------------------------------------------------------------------------

BIG_ORDER_FOR_C = "SO-10,2026-03-20,宏达门窗厂,\"5,000,000.00\",AL-0.8,CNY,大单"
BAD_ROW = "SO-11,2026-03-21,蓝天铝业,100,,,"


def test_all_or_nothing_with_errors_writes_nothing(
    tmp_path: Path, factory: sessionmaker[LocalSession], book: dict[str, object]
) -> None:
    before = orders(factory)
    plan = plan_for(tmp_path, factory, BIG_ORDER_FOR_C, BAD_ROW)
    with pytest.raises(ImportRefused) as refused:
        run_import(factory, plan, ImportMode.ALL_OR_NOTHING, JobState(), today=TODAY)
    assert refused.value.plan is plan
    assert orders(factory) == before
    assert tiers(factory)["宏达门窗厂"] == "C"


def test_import_ranks_customers_again_in_the_same_job(
    tmp_path: Path, factory: sessionmaker[LocalSession], book: dict[str, object], store: Path
) -> None:
    plan = plan_for(tmp_path, factory, BIG_ORDER_FOR_C, BAD_ROW)
    state = JobState()
    result = run_import(factory, plan, "valid_only", state, today=TODAY)
    assert (result.orders, result.skipped_rows, result.amount) == (1, 1, Decimal("5000000.00"))
    assert orders(factory)["SO-10"] == (date(2026, 3, 20), Decimal("5000000.00"), "大单")
    assert tiers(factory) == {"宏达门窗厂": "A", "墙煌建材有限公司": "B", "华东钢构有限公司": "C",
                              "远景幕墙工程有限公司": None}
    assert result.tiers == {"A": 1, "B": 1, "C": 1, "-": 1} and result.tiers_changed == 3
    assert (state.done, state.total) == (1, 1)
    # Written through the ORM session: the outbox carries the order for HQ, amount exact.
    conn = sqlite3.connect(store)
    rows = conn.execute("SELECT op, changes FROM outbox WHERE entity = 'orders'").fetchall()
    stored_on = conn.execute(
        "SELECT value FROM app_setting WHERE key = ?", (TIERS_COMPUTED_ON,)).fetchone()
    conn.close()
    changes = [json.loads(c) for op, c in rows if json.loads(c).get("order_no") == "SO-10"]
    assert len(changes) == 1 and changes[0]["amount"] == "5000000.00"
    assert json.loads(stored_on[0]) == TODAY.isoformat()


def test_all_or_nothing_without_errors_writes_everything(
    tmp_path: Path, factory: sessionmaker[LocalSession], book: dict[str, object]
) -> None:
    plan = plan_for(tmp_path, factory, BIG_ORDER_FOR_C, "SO-12,2026/3/1,墙煌,\"¥1,000.5\",,,")
    result = run_import(factory, plan, ImportMode.ALL_OR_NOTHING, JobState(), today=TODAY)
    assert result.orders == 2
    assert orders(factory)["SO-12"][1] == Decimal("1000.50")


@pytest.mark.parametrize("checks", [2, 3, 4])  # mid-way, after the last order, after ranking
def test_cancel_rolls_everything_back(
    tmp_path: Path, factory: sessionmaker[LocalSession], book: dict[str, object], checks: int
) -> None:
    before = orders(factory)
    plan = plan_for(tmp_path, factory, BIG_ORDER_FOR_C, "SO-12,2026-03-01,墙煌,100,,,")
    with pytest.raises(Cancelled):
        run_import(factory, plan, ImportMode.VALID_ONLY, CancelAfter(checks), today=TODAY)
    assert orders(factory) == before
    assert tiers(factory)["宏达门窗厂"] == "C"


# --- tier freshness -----------------------------------------------------------------------


def test_refresh_tiers_if_stale(data_dir: Path, factory: sessionmaker[LocalSession],
                                book: dict[str, object]) -> None:
    services = AppServices(Paths.default(data_dir), Settings())
    try:
        # Ranked today already (by the fixture): nothing to do.
        assert services.refresh_tiers_if_stale(TODAY) is False
        # A later day: the window moves; still the same ranking, but the day is recorded.
        assert services.refresh_tiers_if_stale(TODAY + timedelta(days=1)) is False
        with unit_of_work(factory) as session:
            session.add(Order(customer_id=book["宏达门窗厂"], order_no="SO-LATE",
                              order_date=TODAY, amount=Decimal("9000000")))
        # Same day again: not stale, so the new order is not ranked yet.
        assert services.refresh_tiers_if_stale(TODAY + timedelta(days=1)) is False
        assert tiers(factory)["宏达门窗厂"] == "C"
        # The next day it is stale: the new order is ranked.
        assert services.refresh_tiers_if_stale(TODAY + timedelta(days=2)) is True
        assert tiers(factory)["宏达门窗厂"] == "A"
        # A year on, every order has left the window: each customer loses its tier.
        assert services.refresh_tiers_if_stale(TODAY + timedelta(days=400)) is True
        assert set(tiers(factory).values()) == {None}
    finally:
        services.close()
