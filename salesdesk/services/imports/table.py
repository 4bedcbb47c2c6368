"""Reading a spreadsheet into a :class:`Table` of text cells, as the user sees them in Excel.

The first sheet of an XLSX workbook, or a CSV/TSV file in any encoding Excel writes (UTF-8 with
or without a BOM, UTF-16 "Unicode text", GB18030/GBK). The header row is found by the header
guesser the caller passes (customer or order headers), below a title row or two.
"""

from __future__ import annotations

import codecs
import csv
import io
import zipfile
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time
from decimal import Decimal
from enum import StrEnum
from pathlib import Path
from typing import ClassVar

from salesdesk.kit.errors import KnownError


class TableProblem(StrEnum):
    """Why a file could not be read; each has its own error class and words."""

    UNREADABLE = "unreadable"  # missing, no permission, locked by another program
    ENCODING = "encoding"  # text in none of UTF-8, UTF-16 or GB18030
    NOT_A_TABLE = "not_a_table"  # not CSV/XLSX, or a damaged workbook
    LEGACY_XLS = "legacy_xls"  # Excel 97-2003 .xls, or a password-protected workbook
    EMPTY = "empty"  # no header row


class TableError(KnownError):
    """A file that cannot be imported: a failure of the environment, not a bug.

    One subclass per :class:`TableProblem` (each code has its own words); raise
    :meth:`of`. ``params``: ``file`` (the file's name) and ``reason`` (the system's words).
    """

    problem: ClassVar[TableProblem]

    def __init__(self, path: Path, detail: str = "") -> None:
        super().__init__(f"{path}: {self.problem.value} {detail}".strip(),
                         file=path.name, reason=detail)
        self.path = path
        self.reason = detail

    @staticmethod
    def of(path: Path, problem: TableProblem, detail: str = "") -> TableError:
        return _TABLE_ERRORS[problem](path, detail)


class UnreadableFile(TableError):
    code = "imports.table.unreadable"
    problem = TableProblem.UNREADABLE


class UnknownEncoding(TableError):
    code = "imports.table.encoding"
    problem = TableProblem.ENCODING


class NotATable(TableError):
    code = "imports.table.not_a_table"
    problem = TableProblem.NOT_A_TABLE


class LegacyWorkbook(TableError):
    code = "imports.table.legacy_xls"
    problem = TableProblem.LEGACY_XLS


class EmptyTable(TableError):
    code = "imports.table.empty"
    problem = TableProblem.EMPTY


_TABLE_ERRORS: dict[TableProblem, type[TableError]] = {
    cls.problem: cls
    for cls in (UnreadableFile, UnknownEncoding, NotATable, LegacyWorkbook, EmptyTable)
}


@dataclass(frozen=True)
class SourceRow:
    """One data row; ``number`` is the row number Excel shows (the header row counts)."""

    number: int
    cells: tuple[str, ...]


@dataclass(frozen=True)
class Table:
    path: Path
    headers: tuple[str, ...]
    header_row: int
    rows: tuple[SourceRow, ...]
    encoding: str = ""  # for delimited text: the encoding that decoded it

    def cell(self, row: SourceRow, column: int) -> str:
        return row.cells[column] if 0 <= column < len(row.cells) else ""


_TEXT_SUFFIXES = {".csv", ".tsv", ".txt"}
_ZIP_MAGIC = b"PK\x03\x04"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # .xls, and encrypted .xlsx
_HEADER_SCAN = 10  # a title row or two above the headers is common in Chinese spreadsheets


def column_letter(index: int) -> str:
    """Excel's name for a 0-based column index: 0 → "A", 27 → "AB"."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


def cell_text(value: object) -> str:
    """A cell as the user reads it: 13800138000.0 → "13800138000", midnight datetimes → date."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, datetime):
        if value.time() == time(0, 0):
            return value.date().isoformat()
        return value.isoformat(sep=" ", timespec="minutes" if value.second == 0 else "seconds")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, time):
        return value.isoformat(timespec="seconds")
    if isinstance(value, float):
        if value.is_integer() and abs(value) < 1e16:
            return str(int(value))  # phone numbers typed into a number cell
        return repr(value)
    if isinstance(value, Decimal):
        return format(value.normalize(), "f") if value == value.to_integral() else str(value)
    return str(value).strip()


def _decode(path: Path, data: bytes) -> tuple[str, str]:
    if data.startswith(codecs.BOM_UTF8):
        return data[len(codecs.BOM_UTF8) :].decode("utf-8", errors="strict"), "utf-8-sig"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        # Excel's "Unicode text" export: UTF-16 with a BOM, tab-separated.
        try:
            return data.decode("utf-16"), "utf-16"
        except UnicodeDecodeError as exc:
            raise TableError.of(path, TableProblem.ENCODING, str(exc)) from exc
    if b"\x00" in data[:4096]:
        raise TableError.of(path, TableProblem.NOT_A_TABLE)
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        # GB18030 is a superset of GBK and GB2312: what Excel in China writes by default.
        return data.decode("gb18030"), "gb18030"
    except UnicodeDecodeError as exc:
        raise TableError.of(path, TableProblem.ENCODING, str(exc)) from exc


def _delimiter(text: str) -> str:
    sample = text[:65536]
    try:
        return csv.Sniffer().sniff(sample, delimiters=",\t;|").delimiter
    except csv.Error:
        first = next((line for line in sample.splitlines() if line.strip()), "")
        counts = {d: first.count(d) for d in ",\t;|"}
        best = max(counts, key=lambda d: counts[d])
        return best if counts[best] else ","


def _read_text(path: Path, data: bytes) -> tuple[list[list[str]], str]:
    text, encoding = _decode(path, data)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text))
    try:
        return [[c.strip() for c in record] for record in reader], encoding
    except csv.Error as exc:
        raise TableError.of(path, TableProblem.NOT_A_TABLE, str(exc)) from exc


def _read_xlsx(path: Path) -> list[list[str]]:
    import openpyxl  # a slow import, needed only here

    try:
        workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except OSError as exc:
        raise TableError.of(path, TableProblem.UNREADABLE, str(exc)) from exc
    except Exception as exc:  # openpyxl raises many types for damaged workbooks
        raise TableError.of(path, TableProblem.NOT_A_TABLE, str(exc)) from exc
    try:
        if not workbook.worksheets:
            return []
        sheet = workbook.worksheets[0]
        sheet.reset_dimensions()  # some writers store a wrong size; read what is there
        return [[cell_text(v) for v in values] for values in sheet.iter_rows(values_only=True)]
    except Exception as exc:  # damaged sheet XML surfaces while iterating
        raise TableError.of(path, TableProblem.NOT_A_TABLE, str(exc)) from exc
    finally:
        workbook.close()


Guess = Callable[[Sequence[str]], Mapping[str, int]]
"""A header guesser: which column feeds each field (``headers.guess_mapping`` and the like)."""


def _header_index(records: list[list[str]], guess: Guess) -> int | None:
    """The header row: the first of the top rows whose cells look like known field names."""
    first_filled = None
    for i, record in enumerate(records[:_HEADER_SCAN]):
        if not any(record):
            continue
        if first_filled is None:
            first_filled = i
        if len(guess(record)) >= 2:
            return i
    return first_filled


def read_table(path: Path, guess: Guess) -> Table:
    """Reads the first sheet of an XLSX file, or a CSV/TSV file in any encoding Excel writes.

    ``guess`` recognises the header row (below a title or two): the first row in which it
    finds two fields.

    Raises:
        TableError: the file is missing, unreadable, not a table, or in an unknown encoding.
    """
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise TableError.of(path, TableProblem.UNREADABLE, exc.strerror or str(exc)) from exc
    encoding = ""
    if data.startswith(_OLE_MAGIC):
        raise TableError.of(path, TableProblem.LEGACY_XLS)
    if data.startswith(_ZIP_MAGIC) or path.suffix.lower() in {".xlsx", ".xlsm"}:
        if not zipfile.is_zipfile(path):
            raise TableError.of(path, TableProblem.NOT_A_TABLE)
        records = _read_xlsx(path)
    elif path.suffix.lower() in _TEXT_SUFFIXES:
        records, encoding = _read_text(path, data)
    else:
        raise TableError.of(path, TableProblem.NOT_A_TABLE, path.suffix)
    header = _header_index(records, guess)
    if header is None:
        raise TableError.of(path, TableProblem.EMPTY)
    # Trailing empty columns (formatting reaching column Z) are not columns the user sees.
    width = max((max((i + 1 for i, c in enumerate(r) if c), default=0)
                 for r in records[header:]), default=0)
    headers = (list(records[header]) + [""] * width)[:width]
    rows = tuple(
        SourceRow(number, tuple((record + [""] * width)[:width]))
        for number, record in enumerate(records[header + 1 :], start=header + 2)
    )
    return Table(path, tuple(headers), header + 1, rows, encoding)
