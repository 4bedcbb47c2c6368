"""Exporting the customer list, as currently filtered, to CSV or XLSX: a file that imports back.

Rows are read page by page from :class:`CustomerBrowser` and written as they arrive, so a list of
100,000 customers never sits in memory. The file is written beside the target and moved into
place at the end: a cancel or a full disk leaves no half-written file and does not touch an
existing one. Headers and value labels (category words) come from the UI, in the user's language.

Here, in ``services/imports/``, rather than in a module of its own: export and import are one
feature, spreadsheets in and out, and its contract is the round trip (an exported file imports
back as it was; ``tests/unit/services/imports/test_import_roundtrip.py``). The columns written
are the fields the import reads, under headers it recognises (:mod:`.headers`).
"""

from __future__ import annotations

import csv
import os
import tempfile
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import suppress
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum
from pathlib import Path
from typing import Any

from salesdesk.kit.errors import KnownError
from salesdesk.kit.jobs import JobState
from salesdesk.services.customers.browse import CustomerBrowser
from salesdesk.services.customers.records import (
    ContactDraft,
    CustomerQuery,
    CustomerRecord,
    CustomerRow,
)

# The columns of an export, in order; the UI passes one header per column. Every stored field
# of a customer and its contacts, so the file imports back into an empty store as it was: one
# line per contact (a customer's fields repeated on each of its lines; a customer without
# contacts has one line), the salesperson by HQ login. Tier and 12-month sales are derived
# from orders: they are there to read, and the import leaves them alone.
CUSTOMER_COLUMNS = (
    "name", "short_name", "category", "tier", "industry", "tax_id", "region", "province",
    "city", "address", "phone", "email", "website", "visit_cadence_days", "salesperson",
    "tags", "notes",
)
CONTACT_COLUMNS = (
    "contact_name", "role", "mobile", "landline", "contact_email", "wechat", "contact_notes",
)
EXPORT_COLUMNS = (*CUSTOMER_COLUMNS, *CONTACT_COLUMNS, "sales_12m")
_CONTACT_ATTRIBUTES = {"contact_name": "name", "contact_email": "email",
                       "contact_notes": "notes"}
TAG_SEPARATOR = "、"  # one the import splits tags on
PAGE_SIZE = 1000


class ExportFormat(StrEnum):
    CSV = "csv"
    XLSX = "xlsx"

    @classmethod
    def for_path(cls, path: Path) -> ExportFormat:
        return cls.XLSX if path.suffix.lower() == ".xlsx" else cls.CSV


class ExportError(KnownError):
    """The file could not be written (no permission, disk full, open in Excel).
    ``params``: ``path`` (the whole path) and ``reason`` (the system's words)."""

    code = "imports.export"

    def __init__(self, path: Path, detail: str) -> None:
        super().__init__(detail, path=str(path), reason=detail)
        self.path = path


@dataclass(frozen=True)
class ExportResult:
    path: Path
    rows: int  # customers written (a customer has a line per contact)


def _lines(row: CustomerRow, record: CustomerRecord,
           labels: Mapping[str, Mapping[str, str]]) -> Iterator[list[Any]]:
    """The lines of one customer: one per contact, the primary first."""
    draft = record.draft
    customer: dict[str, Any] = {
        "tier": row.tier or "",
        "salesperson": record.salesperson_login,
        "tags": TAG_SEPARATOR.join(draft.tags),
        "sales_12m": row.sales_12m,
        "visit_cadence_days": draft.visit_cadence_days,
    }
    for column in EXPORT_COLUMNS:
        if column not in customer and column not in CONTACT_COLUMNS:
            customer[column] = getattr(draft, column)
    for column, words in labels.items():
        if isinstance(customer.get(column), str):
            customer[column] = words.get(customer[column], customer[column])
    for contact in draft.contacts or [ContactDraft()]:
        line = []
        for column in EXPORT_COLUMNS:
            if column in CONTACT_COLUMNS:
                value = getattr(contact, _CONTACT_ATTRIBUTES.get(column, column), "")
            else:
                value = customer[column]
            line.append("" if value is None else value)
        yield line


def _pages(browser: CustomerBrowser, query: CustomerQuery, total: int, state: JobState,
           page_size: int) -> Iterator[list[CustomerRow]]:
    done = 0
    while done < total:
        state.check()
        page = browser.page(query, done, page_size)
        if not page:
            break
        yield page
        done += len(page)
        state.progress(min(done, total), total)


def _write_csv(target: Path, headers: Sequence[str], records: Iterator[list[Any]]) -> None:
    # UTF-8 with a BOM: without it Excel in China reads the file as GBK and garbles it.
    with target.open("w", encoding="utf-8-sig", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(headers)
        for record in records:
            writer.writerow(["" if v is None else str(v) for v in record])


def _write_xlsx(target: Path, headers: Sequence[str], records: Iterator[list[Any]],
                sheet_title: str) -> None:
    from openpyxl import Workbook  # a slow import, needed only here
    from openpyxl.cell import WriteOnlyCell

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=sheet_title[:31] or "Sheet1")

    def cell(value: Any) -> Any:
        if value == "":
            return None  # no cell at all: a line per contact leaves many empty (~12 % faster)
        if isinstance(value, Decimal):
            c = WriteOnlyCell(sheet, value=value)
            c.number_format = "#,##0.00"
            return c
        if isinstance(value, str) and value.startswith("="):
            c = WriteOnlyCell(sheet, value=value)
            c.data_type = "s"  # openpyxl would otherwise store "=..." as a formula
            return c
        return value

    try:
        sheet.append(list(headers))
        for record in records:
            sheet.append([cell(v) for v in record])
    except BaseException:
        # Finish the sheet's streaming writer now: left to the garbage collector it writes
        # into a closed file, and its temporary file would stay until the app exits.
        with suppress(Exception):
            sheet.close()
            sheet._writer.cleanup()  # openpyxl has no public way to drop an unsaved sheet
        raise
    workbook.save(target)


def export_customers(
    browser: CustomerBrowser,
    query: CustomerQuery,
    path: Path,
    headers: Sequence[str],
    state: JobState,
    *,
    labels: Mapping[str, Mapping[str, str]] | None = None,
    fmt: ExportFormat | None = None,
    sheet_title: str = "",
    page_size: int = PAGE_SIZE,
) -> ExportResult:
    """Writes every row the query selects, in the list's order, to ``path``.

    Args:
        headers: one per :data:`EXPORT_COLUMNS`, already in the user's language.
        labels: display words for coded values, e.g. ``{"category": {"key": "重点客户"}}``;
            they must be words the import reads back (``customer_rows.category_value``).

    Raises:
        ExportError: the file could not be written.
        Cancelled: the user cancelled; no file was written.
    """
    if len(headers) != len(EXPORT_COLUMNS):
        raise ValueError(f"expected {len(EXPORT_COLUMNS)} headers, got {len(headers)}")
    path = Path(path)
    fmt = fmt or ExportFormat.for_path(path)
    labels = labels or {}
    total = browser.count(query)
    state.progress(0, total)
    written = 0

    def records() -> Iterator[list[Any]]:
        nonlocal written
        for page in _pages(browser, query, total, state, page_size):
            records = browser.details([row.id for row in page])
            for row in page:
                record = records.get(row.id)
                if record is None:
                    continue  # deleted since the page was read
                written += 1
                yield from _lines(row, record, labels)
        state.check()

    writer: Callable[[Path], None]
    if fmt is ExportFormat.XLSX:
        def writer(t: Path) -> None:
            _write_xlsx(t, headers, records(), sheet_title)
    else:
        def writer(t: Path) -> None:
            _write_csv(t, headers, records())

    try:
        fd, temp_name = tempfile.mkstemp(prefix=".export-", suffix=path.suffix, dir=path.parent)
        os.close(fd)
    except OSError as exc:
        raise ExportError(path, exc.strerror or str(exc)) from exc
    temp = Path(temp_name)
    try:
        writer(temp)
        os.replace(temp, path)
    except OSError as exc:
        raise ExportError(path, exc.strerror or str(exc)) from exc
    finally:
        with suppress(OSError):
            temp.unlink()
    state.progress(written, total)
    return ExportResult(path, written)


class CustomerExporter:
    """Exports on its own read connection, so a long export never shares the list's."""

    columns = EXPORT_COLUMNS

    def __init__(self, db_path: Path) -> None:
        self._db_path = db_path

    def export(self, query: CustomerQuery, path: Path, headers: Sequence[str], state: JobState,
               *, labels: Mapping[str, Mapping[str, str]] | None = None,
               sheet_title: str = "") -> ExportResult:
        browser = CustomerBrowser(self._db_path)
        try:
            return export_customers(browser, query, Path(path), headers, state, labels=labels,
                                    sheet_title=sheet_title)
        finally:
            browser.close()
