"""Customer export: a filtered list to CSV and XLSX, read back as a user's spreadsheet would be."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from sqlalchemy import Engine

from salesdesk.db import migrate
from salesdesk.db.session import create_store_engine, session_factory
from salesdesk.kit.jobs import Cancelled, JobState
from salesdesk.services.customers.records import ContactDraft, CustomerDraft, CustomerQuery
from salesdesk.services.customers.service import CustomerService
from salesdesk.services.imports.export import (
    EXPORT_COLUMNS,
    CustomerExporter,
    ExportError,
)
from salesdesk.services.imports.headers import guess_mapping
from salesdesk.services.imports.table import read_table
from tests.unit.services.imports.sheets import HEADERS, LABELS, export, listed


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store with 25 customers: 12 in 华东, the rest in 华南; one named like a formula."""
    path = tmp_path_factory.mktemp("export") / "store.sqlite3"
    migrate.upgrade(path, path.parent / "backups")
    engine: Engine = create_store_engine(path)
    service = CustomerService(session_factory(engine))
    for i in range(25):
        service.save(CustomerDraft(
            name=f"华东建材{i:02d}有限公司" if i < 12 else f"南方幕墙{i:02d}有限公司",
            category=["key", "ordinary", "potential"][i % 3],
            region="华东" if i < 12 else "华南",
            city="杭州" if i < 12 else "广州",
            phone=f"0571-8888{i:04d}",
            contacts=[ContactDraft(name=f"联系人{i}", mobile=f"1380013{i:04d}")],
        ))
    service.save(CustomerDraft(name="=HYPERLINK(\"x\")", region="华东"))
    engine.dispose()
    return path


def expected(path: Path, query: CustomerQuery) -> list[list[str]]:
    """A line per customer (each has one contact or none), in the list's order."""
    lines = []
    for r, record in listed(path, query):
        d = record.draft
        c = d.contacts[0] if d.contacts else ContactDraft()
        lines.append([
            d.name, d.short_name, LABELS["category"].get(d.category, d.category), r.tier or "",
            d.industry, d.tax_id, d.region, d.province, d.city, d.address, d.phone, d.email,
            d.website, "", "", "", d.notes, c.name, c.role, c.mobile, c.landline, c.email,
            c.wechat, c.notes, str(r.sales_12m),
        ])
    return lines


QUERY = CustomerQuery(region="华东", sort="name", descending=True)


def test_csv_round_trip_of_a_filtered_list(store: Path, tmp_path: Path) -> None:
    target = tmp_path / "客户.csv"
    state = JobState()
    result = export(store, QUERY, target, state, page_size=5)  # several pages
    assert result.rows == 13
    assert (state.done, state.total) == (13, 13)
    assert target.read_bytes().startswith(b"\xef\xbb\xbf")  # BOM, so Excel reads UTF-8
    table = read_table(target, guess_mapping)
    assert list(table.headers) == HEADERS
    assert [list(r.cells) for r in table.rows] == expected(store, QUERY)
    assert "华南" not in target.read_text(encoding="utf-8-sig")


def test_xlsx_round_trip_of_a_filtered_list(store: Path, tmp_path: Path) -> None:
    target = tmp_path / "客户.xlsx"
    result = CustomerExporter(store).export(QUERY, target, HEADERS, JobState(), labels=LABELS,
                                            sheet_title="客户")
    assert result.rows == 13
    workbook = openpyxl.load_workbook(target)
    sheet = workbook.active
    assert sheet.title == "客户"
    formula_like = [c for c in sheet["A"] if c.value == "=HYPERLINK(\"x\")"]
    assert formula_like and formula_like[0].data_type == "s"  # text, not a live formula
    workbook.close()
    table = read_table(target, guess_mapping)
    assert list(table.headers) == HEADERS
    rows = [list(r.cells) for r in table.rows]
    # Sales figures are numbers in the workbook; read back as text they lose trailing zeros.
    assert [r[:-1] for r in rows] == [r[:-1] for r in expected(store, QUERY)]
    assert {r[-1] for r in rows} == {"0"}


def test_cancel_leaves_no_file_and_keeps_an_existing_one(store: Path, tmp_path: Path) -> None:
    target = tmp_path / "客户.xlsx"
    target.write_bytes(b"yesterday's export")

    class CancelOnSecondPage(JobState):
        def progress(self, done: int, total: int, message: str = "") -> None:
            super().progress(done, total, message)
            if done >= 5:
                self.cancel()

    with pytest.raises(Cancelled):
        export(store, CustomerQuery(), target, CancelOnSecondPage(), labels=None, page_size=5)
    assert target.read_bytes() == b"yesterday's export"
    assert [p.name for p in tmp_path.iterdir()] == ["客户.xlsx"]


def test_unwritable_folder_is_an_export_error(store: Path, tmp_path: Path) -> None:
    with pytest.raises(ExportError) as info:
        CustomerExporter(store).export(CustomerQuery(), tmp_path / "missing" / "x.csv", HEADERS,
                                       JobState())
    assert info.value.path == tmp_path / "missing" / "x.csv"


def test_headers_must_match_columns(store: Path, tmp_path: Path) -> None:
    with pytest.raises(ValueError, match=str(len(EXPORT_COLUMNS))):
        CustomerExporter(store).export(CustomerQuery(), tmp_path / "x.csv", HEADERS[:3],
                                       JobState())
