"""Importing customers and contacts from the spreadsheets salespeople already keep.

Over 500 lines because it holds table reading, header guessing, planning (with the
questions about rows that may be one company) and writing; issue 12 splits it into
services/imports/ (table, headers, plan, customers).


The flow is read → map → preview → run. Reading turns a CSV or XLSX file into text cells;
mapping says which column feeds which field; :func:`preview` builds customer drafts, validates
them with the same rules as the editor and reports every problem by the row number the user sees
in Excel; rows that only may be the same company are questions for the user, answered with
:meth:`ImportPlan.decide`; :func:`run_import` writes in one transaction, so a refusal, an error
or a cancel leaves the store exactly as it was. A file written by ``services/exporting.py``
imports back as it was.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
import unicodedata
import uuid
import zipfile
from collections.abc import Callable, Iterable, Mapping, Sequence, Set
from dataclasses import dataclass, field, replace
from datetime import date, datetime, time
from decimal import Decimal
from enum import StrEnum
from pathlib import Path
from typing import Protocol

from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import sessionmaker

from salesdesk.db import repositories as repo
from salesdesk.db.session import LocalSession, unit_of_work
from salesdesk.domain import ownership
from salesdesk.domain.clock import utcnow
from salesdesk.domain.enums import Category
from salesdesk.domain.names import name_key
from salesdesk.domain.validation import (
    ErrorCode,
    FieldError,
    ValidationFailed,
    fold_width,
    is_mobile,
    phone_digits,
)
from salesdesk.kit.jobs import JobState
from salesdesk.services.customers import _write, normalized, validate
from salesdesk.services.records import ContactDraft, CurrentUser, CustomerDraft, Person

# --- reading ------------------------------------------------------------------------------


class TableProblem(StrEnum):
    """Why a file could not be read; the UI words each one."""

    UNREADABLE = "unreadable"  # missing, no permission, locked by another program
    ENCODING = "encoding"  # text in none of UTF-8, UTF-16 or GB18030
    NOT_A_TABLE = "not_a_table"  # not CSV/XLSX, or a damaged workbook
    LEGACY_XLS = "legacy_xls"  # Excel 97-2003 .xls, or a password-protected workbook
    EMPTY = "empty"  # no header row


class TableError(Exception):
    """A file that cannot be imported: a failure of the environment, not a bug."""

    def __init__(self, path: Path, problem: TableProblem, detail: str = "") -> None:
        super().__init__(f"{path}: {problem.value} {detail}".strip())
        self.path = path
        self.problem = problem
        self.detail = detail


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
            raise TableError(path, TableProblem.ENCODING, str(exc)) from exc
    if b"\x00" in data[:4096]:
        raise TableError(path, TableProblem.NOT_A_TABLE)
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        # GB18030 is a superset of GBK and GB2312: what Excel in China writes by default.
        return data.decode("gb18030"), "gb18030"
    except UnicodeDecodeError as exc:
        raise TableError(path, TableProblem.ENCODING, str(exc)) from exc


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
        raise TableError(path, TableProblem.NOT_A_TABLE, str(exc)) from exc


def _read_xlsx(path: Path) -> list[list[str]]:
    import openpyxl  # a slow import, needed only here

    try:
        workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except OSError as exc:
        raise TableError(path, TableProblem.UNREADABLE, str(exc)) from exc
    except Exception as exc:  # openpyxl raises many types for damaged workbooks
        raise TableError(path, TableProblem.NOT_A_TABLE, str(exc)) from exc
    try:
        if not workbook.worksheets:
            return []
        sheet = workbook.worksheets[0]
        sheet.reset_dimensions()  # some writers store a wrong size; read what is there
        return [[cell_text(v) for v in values] for values in sheet.iter_rows(values_only=True)]
    except Exception as exc:  # damaged sheet XML surfaces while iterating
        raise TableError(path, TableProblem.NOT_A_TABLE, str(exc)) from exc
    finally:
        workbook.close()


Guess = Callable[[Sequence[str]], Mapping[str, int]]


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


def read_table(path: Path, guess: Guess | None = None) -> Table:
    """Reads the first sheet of an XLSX file, or a CSV/TSV file in any encoding Excel writes.

    ``guess`` recognises the header row (below a title or two); customer headers by default.

    Raises:
        TableError: the file is missing, unreadable, not a table, or in an unknown encoding.
    """
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise TableError(path, TableProblem.UNREADABLE, exc.strerror or str(exc)) from exc
    encoding = ""
    if data.startswith(_OLE_MAGIC):
        raise TableError(path, TableProblem.LEGACY_XLS)
    if data.startswith(_ZIP_MAGIC) or path.suffix.lower() in {".xlsx", ".xlsm"}:
        if not zipfile.is_zipfile(path):
            raise TableError(path, TableProblem.NOT_A_TABLE)
        records = _read_xlsx(path)
    elif path.suffix.lower() in _TEXT_SUFFIXES:
        records, encoding = _read_text(path, data)
    else:
        raise TableError(path, TableProblem.NOT_A_TABLE, path.suffix)
    header = _header_index(records, guess or guess_mapping)
    if header is None:
        raise TableError(path, TableProblem.EMPTY)
    # Trailing empty columns (formatting reaching column Z) are not columns the user sees.
    width = max((max((i + 1 for i, c in enumerate(r) if c), default=0)
                 for r in records[header:]), default=0)
    headers = (list(records[header]) + [""] * width)[:width]
    rows = tuple(
        SourceRow(number, tuple((record + [""] * width)[:width]))
        for number, record in enumerate(records[header + 1 :], start=header + 2)
    )
    return Table(path, tuple(headers), header + 1, rows, encoding)


# --- mapping ------------------------------------------------------------------------------

CUSTOMER_FIELDS = (
    "name", "short_name", "category", "industry", "tax_id", "region", "province", "city",
    "address",
    "phone", "email", "website", "visit_cadence_days", "salesperson", "tags", "notes",
)
CONTACT_FIELDS = (
    "contact_name", "role", "mobile", "landline", "contact_phone", "contact_email", "wechat",
    "contact_notes",
)
# Every field a column can feed, in the order the mapping form shows them. ``contact_phone``
# takes a column that mixes mobiles and landlines (联系电话) and sorts each value.
TARGET_FIELDS = CUSTOMER_FIELDS + CONTACT_FIELDS

_SYNONYMS: dict[str, tuple[str, ...]] = {
    "name": ("公司名称", "客户名称", "名称", "公司", "客户", "单位名称", "企业名称", "公司全称",
             "客户全称", "单位", "company", "company name", "customer", "customer name",
             "name", "account", "account name"),
    "short_name": ("简称", "客户简称", "公司简称", "short name", "abbreviation"),
    "category": ("类别", "客户类别", "类型", "客户类型", "分类", "客户分类", "category", "type"),
    "industry": ("行业", "所属行业", "industry"),
    "tax_id": ("统一社会信用代码", "信用代码", "社会信用代码", "税号", "纳税人识别号",
               "tax id", "uscc", "unified social credit code"),
    "region": ("地区", "区域", "片区", "大区", "所属区域", "region", "area", "territory"),
    "province": ("省份", "省", "所在省份", "province", "state"),
    "city": ("城市", "市", "所在城市", "city"),
    "address": ("地址", "详细地址", "公司地址", "联系地址", "address"),
    "phone": ("电话", "公司电话", "总机", "办公电话", "电话号码", "phone", "tel", "telephone",
              "company phone"),
    "email": ("邮箱", "公司邮箱", "电子邮箱", "电子邮件", "email", "e-mail", "mail",
              "company email"),
    "website": ("网站", "网址", "官网", "website", "web", "url"),
    "visit_cadence_days": ("拜访周期", "拜访周期天", "拜访间隔", "visit cadence",
                           "visit every", "visit every days"),
    "salesperson": ("业务员", "销售员", "负责人", "销售", "客户经理", "销售代表", "业务员账号",
                    "salesperson", "sales rep", "sales", "owner", "account manager",
                    "salesperson login"),
    "tags": ("标签", "tags", "tag"),
    "notes": ("备注", "说明", "notes", "note", "remarks", "remark", "comments"),
    "contact_name": ("联系人", "联系人姓名", "姓名", "contact", "contact name",
                     "contact person"),
    "role": ("职务", "职位", "岗位", "联系人职务", "role", "title", "position", "job title"),
    "mobile": ("手机", "手机号", "手机号码", "移动电话", "联系人手机", "mobile", "cell",
               "cellphone", "mobile phone"),
    "landline": ("座机", "固话", "固定电话", "联系人座机", "landline", "fixed line"),
    "contact_phone": ("联系电话", "联系人电话", "联系方式", "contact phone"),
    "contact_email": ("联系人邮箱", "联系人email", "contact email"),
    "wechat": ("微信", "微信号", "联系人微信", "wechat", "wechat id", "weixin"),
    "contact_notes": ("联系人备注", "contact notes", "contact note"),
}
# Too generic to be trusted inside a longer header ("客户编号" is not the customer's name).
_EXACT_ONLY = {"客户", "公司", "名称", "单位", "类型", "销售", "市", "省", "name", "type", "mail",
               "tel", "web", "url", "tag", "note", "cell", "area", "sales", "contact", "state"}
_HEADER_NOISE = re.compile(r"[\s*＊:：_\-.·/\\#]+")
_BRACKETED = re.compile(r"[(（\[【][^)）\]】]*[)）\]】]")


def _norm_header(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).lower()
    return _HEADER_NOISE.sub("", _BRACKETED.sub("", text))


def normalized_synonyms(synonyms: Mapping[str, Sequence[str]]) -> dict[str, tuple[str, ...]]:
    return {f: tuple(_norm_header(s) for s in syn) for f, syn in synonyms.items()}


_NORMALIZED = normalized_synonyms(_SYNONYMS)


def guess_mapping(headers: Sequence[str]) -> dict[str, int]:
    """Which column most likely feeds each customer field, from Chinese or English headers."""
    return match_headers(headers, _NORMALIZED, _EXACT_ONLY)


def match_headers(headers: Sequence[str], synonyms: Mapping[str, tuple[str, ...]],
                  exact_only: Set[str]) -> dict[str, int]:
    """Which column feeds each field, given each field's normalized header names.

    Exact names win over names found inside a longer header; each column feeds one field.
    Names in ``exact_only`` are too generic to be trusted inside a longer header.
    """
    mapping: dict[str, int] = {}
    normalized_headers = [_norm_header(h) for h in headers]
    for i, header in enumerate(normalized_headers):
        for target, names in synonyms.items():
            if header and header in names and target not in mapping:
                mapping[target] = i
                break
    used = set(mapping.values())
    for i, header in enumerate(normalized_headers):
        if i in used or not header:
            continue
        best: tuple[int, str] | None = None
        for target, names in synonyms.items():
            if target in mapping:
                continue
            for name in names:
                if name in exact_only or len(name) < 2 or name not in header:
                    continue
                if best is None or len(name) > best[0]:
                    best = (len(name), target)
        if best is not None:
            mapping[best[1]] = i
            used.add(i)
    return mapping


# --- preview ------------------------------------------------------------------------------

_CATEGORY_WORDS: dict[str, Category] = {
    **dict.fromkeys(("重点", "重点客户", "重要", "重要客户", "key", "important", "vip"),
                    Category.KEY),
    **dict.fromkeys(("一般", "一般客户", "普通", "普通客户", "ordinary", "normal", "regular"),
                    Category.ORDINARY),
    **dict.fromkeys(("潜在", "潜在客户", "potential", "prospect"), Category.POTENTIAL),
    **dict.fromkeys(("目标", "目标客户", "target"), Category.TARGET),
    **dict.fromkeys(("流失", "流失客户", "已流失", "lost", "churned"), Category.LOST),
}
_TAG_SPLIT = re.compile(r"[,，;；、|/]+")
_CADENCE = re.compile(r"(\d+)(?:\.0+)?\s*(?:天|日|days?|d)?", re.I)
_CADENCE_MAX = 365  # the editor's limit (customers.validate)


def category_value(text: str) -> str:
    """The stored category for a word users write; unknown words pass through for validation."""
    word = _norm_header(text)
    if not word:
        return Category.ORDINARY.value
    if word in {c.value for c in Category}:
        return word
    found = _CATEGORY_WORDS.get(word)
    return found.value if found else text.strip()


class ImportMode(StrEnum):
    ALL_OR_NOTHING = "all_or_nothing"  # refuse when any row has an error
    VALID_ONLY = "valid_only"  # write the customers whose rows are all valid


class WarningKind(StrEnum):
    DUPLICATE_NAME = "duplicate_name"  # an existing customer has the same name key
    DUPLICATE_PHONE = "duplicate_phone"  # an existing customer has this phone
    CONFLICT = "conflict"  # a later row of the same customer says something else; ignored
    LOOSE_MATCH = "loose_match"  # an order's customer found by short name or name key
    # A salesperson's import: the salesperson column names someone else. Only HQ assigns
    # customers (it refuses the whole new customer otherwise), so the customer is theirs.
    NOT_APPLIED = "not_applied"
    DUPLICATE_ROW = "duplicate_row"  # repeats an earlier row exactly (value: its number)
    UNASSIGNED = "unassigned"  # no such salesperson here; imported unassigned, as chosen


class SameCompany(StrEnum):
    """The answer to a :class:`Question`."""

    SEPARATE = "separate"  # a customer of their own
    MERGE = "merge"  # contacts added to the earlier rows' customer; its values are kept
    SKIP = "skip"  # not imported


@dataclass(frozen=True)
class Question:
    """Rows that may be the same company as earlier rows, which the user decides.

    Either their names differ only in a company form or punctuation (苏州汇能钢结构股份有限公司
    and 苏州汇能钢结构有限公司: the same name key), or the names are the same but the rows
    disagree (``differs``). ``suggested`` holds until the user answers: merge when the names
    are the same, else separate customers: different names may be different companies, and
    a file exported by SalesDesk must import back as it was without a click.
    """

    row: int  # the first of ``rows``: identifies the question
    rows: tuple[int, ...]
    name: str
    earlier_row: int
    earlier_name: str
    differs: tuple[str, ...]  # customer fields both sets of rows fill, with different values
    suggested: SameCompany


@dataclass(frozen=True)
class Choices:
    """The user's answers: to each question by its ``row``, and whether customers whose
    salesperson this store does not know are imported unassigned (else they are errors)."""

    same_company: Mapping[int, SameCompany] = field(default_factory=dict)
    unknown_salesperson_unassigned: bool = False

    def answer(self, question: Question) -> SameCompany:
        return self.same_company.get(question.row, question.suggested)


@dataclass(frozen=True)
class RowIssue:
    """An error in one source row; ``error.field`` is an import field (see TARGET_FIELDS)."""

    row: int
    error: FieldError
    value: str = ""


@dataclass(frozen=True)
class RowWarning:
    """Something to look at that does not stop the import."""

    row: int
    kind: WarningKind
    field: str
    value: str = ""  # the shared phone, or the value that was ignored
    existing: str = ""  # the name of the existing customer it looks like


@dataclass(frozen=True)
class PlannedCustomer:
    draft: CustomerDraft
    rows: tuple[int, ...]
    valid: bool


@dataclass(frozen=True)
class ImportPlan:
    """Every row of the file ends in exactly one place: the first row of a new customer, a
    further row of one (merged), a row left out as the user chose (skipped), or a row of a
    customer with an error (failed): ``row_count`` is the sum of the four counts."""

    customers: tuple[PlannedCustomer, ...]
    issues: tuple[RowIssue, ...]
    warnings: tuple[RowWarning, ...]
    row_count: int  # data rows that had something in a mapped column
    questions: tuple[Question, ...] = ()
    choices: Choices = Choices()
    skipped_rows: tuple[int, ...] = ()
    basis: _Basis | None = field(default=None, repr=False, compare=False)

    @property
    def error_rows(self) -> frozenset[int]:
        return frozenset(i.row for i in self.issues)

    @property
    def valid_customers(self) -> tuple[PlannedCustomer, ...]:
        return tuple(c for c in self.customers if c.valid)

    @property
    def valid_row_count(self) -> int:
        return sum(len(c.rows) for c in self.valid_customers)

    @property
    def merged_row_count(self) -> int:
        """Rows that add to a customer begun on an earlier row."""
        return self.valid_row_count - len(self.valid_customers)

    @property
    def failed_row_count(self) -> int:
        """Rows left out because their customer has an error."""
        return sum(len(c.rows) for c in self.customers if not c.valid)

    @property
    def has_errors(self) -> bool:
        return bool(self.issues)

    def decide(self, choices: Choices) -> ImportPlan:
        """The plan with these answers; no file or store is read again."""
        if self.basis is None:
            raise ValueError("this plan was not made by preview()")
        return _resolve(self.basis, choices)


@dataclass
class _Group:
    """Rows of one customer while the plan is built."""

    rows: list[int] = field(default_factory=list)
    values: dict[str, str] = field(default_factory=dict)
    source: dict[str, int] = field(default_factory=dict)  # customer field → row it came from
    contacts: list[tuple[int, dict[str, str]]] = field(default_factory=list)
    issues: list[RowIssue] = field(default_factory=list)
    warnings: list[RowWarning] = field(default_factory=list)


Rows = list[tuple[int, dict[str, str]]]  # (row number, mapped values) in file order


@dataclass
class _Basis:
    """What :meth:`ImportPlan.decide` needs to build the plan again for other answers."""

    units: list[Rows]  # rows that are certainly one customer, in order of their first row
    pairs: dict[int, tuple[int, int]]  # question row → (unit index, earlier unit index)
    questions: tuple[Question, ...]
    staff: Mapping[str, uuid.UUID]  # salesperson login or name key → id
    default_assignee: uuid.UUID | None
    own_names: frozenset[str] | None  # a salesperson's import: the names meaning "me"
    warnings: list[RowWarning]  # of rows, whatever the answers (duplicates, the store's)
    row_count: int
    built: dict[tuple[tuple[int, ...], bool],
                tuple[PlannedCustomer, list[RowIssue], list[RowWarning]]] = field(
        default_factory=dict)


def _person_key(name: str) -> str:
    return unicodedata.normalize("NFKC", name).strip().casefold()


def _same(field_name: str, a: str, b: str) -> bool:
    """Whether two cells of a customer field say the same thing."""
    if field_name == "phone":
        return phone_digits(a) == phone_digits(b)
    if field_name == "category":
        return category_value(a) == category_value(b)
    if field_name == "tags":
        return _tags(a) == _tags(b)
    return _person_key(a) == _person_key(b)


def _tags(text: str) -> list[str]:
    return [t.strip() for t in _TAG_SPLIT.split(text) if t.strip()]


def _exact_name(name: str) -> str:
    """Names that are certainly the same company: equal but for width, case and spacing."""
    return " ".join(unicodedata.normalize("NFKC", name).split()).casefold()


def _contact(values: Mapping[str, str]) -> tuple[ContactDraft, dict[str, str]]:
    """A contact draft, and for its mobile/landline which import field supplied them."""
    mobile, landline = values.get("mobile", ""), values.get("landline", "")
    origin = {"mobile": "mobile", "landline": "landline"}
    mixed = values.get("contact_phone", "")
    if mixed:
        if is_mobile(mixed) and not mobile:
            mobile, origin["mobile"] = mixed, "contact_phone"
        elif not landline:
            landline, origin["landline"] = mixed, "contact_phone"
    draft = ContactDraft(
        name=values.get("contact_name", ""),
        role=values.get("role", ""),
        mobile=mobile,
        landline=landline,
        email=values.get("contact_email", ""),
        wechat=values.get("wechat", ""),
        notes=values.get("contact_notes", ""),
    )
    return draft, origin


def _build(group: _Group, people: Mapping[str, uuid.UUID], default_assignee: uuid.UUID | None,
           unknown_unassigned: bool) -> tuple[PlannedCustomer, list[RowIssue]]:
    v = group.values
    first = group.rows[0]
    issues = list(group.issues)
    cadence: int | None = None
    raw_cadence = fold_width(v.get("visit_cadence_days", ""))
    if raw_cadence:
        m = _CADENCE.fullmatch(raw_cadence.strip())
        if m:
            cadence = int(m.group(1))
        else:
            issues.append(RowIssue(
                group.source.get("visit_cadence_days", first),
                FieldError("visit_cadence_days", ErrorCode.NUMBER, {"maximum": _CADENCE_MAX}),
                raw_cadence,
            ))
    assignee = default_assignee
    if v.get("salesperson"):
        assignee = people.get(_person_key(v["salesperson"]))
        if assignee is None and unknown_unassigned:
            assignee = default_assignee
            group.warnings.append(RowWarning(group.source["salesperson"], WarningKind.UNASSIGNED,
                                             "salesperson", v["salesperson"]))
        elif assignee is None:
            issues.append(RowIssue(
                group.source["salesperson"],
                FieldError("salesperson", ErrorCode.NOT_FOUND, {"value": v["salesperson"]}),
                v["salesperson"],
            ))
    contacts: list[ContactDraft] = []
    origins: list[tuple[int, dict[str, str]]] = []
    seen: dict[tuple[str, str, str], ContactDraft] = {}
    for row, values in group.contacts:
        contact, origin = _contact(values)
        ident = (contact.name.strip(), contact.mobile.strip(), contact.landline.strip())
        if ident in seen:  # the same person listed on two rows of one company
            group.warnings += [
                RowWarning(row, WarningKind.CONFLICT, target, getattr(contact, attr))
                for attr, target in _CONTACT_DETAILS
                if getattr(contact, attr).strip() not in ("", getattr(seen[ident], attr).strip())
            ]
            continue
        seen[ident] = contact
        contacts.append(replace(contact, is_primary=not contacts))
        origins.append((row, origin))
    draft = CustomerDraft(
        name=v.get("name", ""),
        short_name=v.get("short_name", ""),
        category=category_value(v.get("category", "")),
        industry=v.get("industry", ""),
        tax_id=v.get("tax_id", ""),
        region=v.get("region", ""),
        province=v.get("province", ""),
        city=v.get("city", ""),
        address=v.get("address", ""),
        phone=v.get("phone", ""),
        email=v.get("email", ""),
        website=v.get("website", ""),
        visit_cadence_days=cadence,
        assigned_to_id=assignee,
        tags=_tags(v.get("tags", "")),
        notes=v.get("notes", ""),
        contacts=contacts,
    )
    for error in validate(draft):
        if error.field.startswith("contacts."):
            _, index, sub = error.field.split(".", 2)
            row, origin = origins[int(index)]
            target = {"name": "contact_name", "email": "contact_email"}.get(sub, sub)
            target = origin.get(sub, target)
            value = getattr(contacts[int(index)], sub, "")
            issues.append(RowIssue(row, replace(error, field=target), str(value)))
        else:
            value = v.get(error.field, "")
            issues.append(RowIssue(group.source.get(error.field, first), error, value))
    return PlannedCustomer(draft, tuple(group.rows), valid=not issues), issues


# A contact's details beside what identifies them, with the import field of each.
_CONTACT_DETAILS = (("role", "role"), ("email", "contact_email"), ("wechat", "wechat"),
                    ("notes", "contact_notes"))


def _add_row(group: _Group, number: int, values: Mapping[str, str],
             own_names: frozenset[str] | None) -> None:
    """Adds a row to its customer: the first value of each field wins, a different later one
    is reported as ignored; the row's contact joins the customer's."""
    group.rows.append(number)
    for f in CUSTOMER_FIELDS:
        value = values.get(f, "")
        if not value:
            continue
        if f == "salesperson" and own_names is not None:
            if _person_key(value) not in own_names:
                group.warnings.append(RowWarning(number, WarningKind.NOT_APPLIED, f, value))
            continue  # the default assignee: this salesperson
        if f not in group.values:
            group.values[f] = value
            group.source[f] = number
        elif f != "name" and not _same(f, group.values[f], value):
            group.warnings.append(RowWarning(number, WarningKind.CONFLICT, f, value))
    contact_values = {f: values.get(f, "") for f in CONTACT_FIELDS}
    if any(contact_values.values()):
        group.contacts.append((number, contact_values))


def _differences(a: Mapping[str, str], b: Mapping[str, str], fields: Sequence[str]) -> tuple[
        str, ...]:
    return tuple(f for f in fields if a.get(f) and b.get(f) and not _same(f, a[f], b[f]))


def _units(rows: Iterable[tuple[int, dict[str, str]]], compared: Sequence[str]
           ) -> tuple[list[Rows], list[dict[str, str]], list[RowWarning]]:
    """Splits rows into sets that are certainly one customer each: rows with the same name
    (but for width, case and spacing) that do not disagree on any customer field. A row
    that repeats an earlier one exactly joins it, and is reported. Also returns each set's
    first value of each compared field."""
    units: list[Rows] = []
    unit_values: list[dict[str, str]] = []
    by_name: dict[str, list[int]] = {}
    twins: dict[tuple[str, ...], tuple[int, int]] = {}  # row's cells → (row, unit index)
    warnings: list[RowWarning] = []
    for number, values in rows:
        name = values.get("name", "").strip()
        cells = tuple(values.values())
        twin = twins.get(cells)
        index: int | None = None
        if twin is not None:
            warnings.append(RowWarning(number, WarningKind.DUPLICATE_ROW, "name", str(twin[0])))
            index = twin[1]
        elif name:
            index = next((i for i in by_name.get(_exact_name(name), ())
                          if not _differences(unit_values[i], values, compared)), None)
        if index is None:
            index = len(units)
            units.append([])
            unit_values.append({})
            if name:
                by_name.setdefault(_exact_name(name), []).append(index)
        units[index].append((number, values))
        for f in compared:
            if values.get(f) and not unit_values[index].get(f):
                unit_values[index][f] = values[f]
        twins.setdefault(cells, (number, index))
    return units, unit_values, warnings


def _questions(units: list[Rows], unit_values: list[dict[str, str]], compared: Sequence[str]
               ) -> tuple[tuple[Question, ...], dict[int, tuple[int, int]]]:
    """A question for each set of rows whose name key an earlier set has."""
    first_of_key: dict[str, int] = {}
    questions: list[Question] = []
    pairs: dict[int, tuple[int, int]] = {}
    for index, unit in enumerate(units):
        name = unit[0][1].get("name", "").strip()
        if not name:
            continue
        key = name_key(name) or _exact_name(name)
        earlier = first_of_key.setdefault(key, index)
        if earlier == index:
            continue
        differs = _differences(unit_values[earlier], unit_values[index], compared)
        earlier_name = units[earlier][0][1]["name"].strip()
        same_name = _exact_name(earlier_name) == _exact_name(name)
        number = unit[0][0]
        questions.append(Question(
            number, tuple(r for r, _ in unit), name, units[earlier][0][0], earlier_name,
            differs, SameCompany.MERGE if same_name else SameCompany.SEPARATE))
        pairs[number] = (index, earlier)
    return tuple(questions), pairs


def _planned(basis: _Basis, rows: Rows, unknown_unassigned: bool
             ) -> tuple[PlannedCustomer, list[RowIssue], list[RowWarning]]:
    if unknown_unassigned and basis.own_names is None:
        # Only a customer whose salesperson is unknown here depends on the choice.
        named = next((v["salesperson"] for _, v in rows if v.get("salesperson")), "")
        unknown_unassigned = bool(named) and _person_key(named) not in basis.staff
    key = (tuple(r for r, _ in rows), unknown_unassigned)
    if key not in basis.built:
        group = _Group()
        for number, values in rows:
            _add_row(group, number, values, basis.own_names)
        planned, issues = _build(group, basis.staff, basis.default_assignee, unknown_unassigned)
        basis.built[key] = (planned, issues, group.warnings)
    return basis.built[key]


def _resolve(basis: _Basis, choices: Choices) -> ImportPlan:
    """The plan for these answers: merged sets of rows become one customer, skipped ones none."""
    joins: dict[int, int] = {}
    skipped: set[int] = set()
    for question in basis.questions:
        index, earlier = basis.pairs[question.row]
        answer = choices.answer(question)
        if answer is SameCompany.MERGE:
            joins[index] = joins.get(earlier, earlier)
        elif answer is SameCompany.SKIP:
            skipped.add(index)
    members: dict[int, Rows] = {}
    for index, unit in enumerate(basis.units):
        if index not in skipped:
            members.setdefault(joins.get(index, index), []).extend(unit)
    customers: list[PlannedCustomer] = []
    issues: list[RowIssue] = []
    warnings: list[RowWarning] = []
    for rows in members.values():
        planned, group_issues, group_warnings = _planned(
            basis, sorted(rows, key=lambda r: r[0]), choices.unknown_salesperson_unassigned)
        customers.append(planned)
        issues += group_issues
        warnings += group_warnings
    skipped_rows = tuple(sorted(r for i in skipped for r, _ in basis.units[i]))
    left_out = set(skipped_rows)
    warnings += [w for w in basis.warnings if w.row not in left_out]
    issues.sort(key=lambda i: (i.row, TARGET_FIELDS.index(i.error.field)
                               if i.error.field in TARGET_FIELDS else len(TARGET_FIELDS)))
    warnings.sort(key=lambda w: w.row)
    customers.sort(key=lambda c: c.rows[0])
    return ImportPlan(tuple(customers), tuple(issues), tuple(warnings), basis.row_count,
                      basis.questions, choices, skipped_rows, basis)


def preview(
    table: Table,
    mapping: Mapping[str, int],
    *,
    people: Iterable[Person] = (),
    default_assignee: uuid.UUID | None = None,
    factory: sessionmaker[LocalSession] | None = None,
    current_user: CurrentUser | None = None,
    choices: Choices | None = None,
) -> ImportPlan:
    """Groups rows into customers, validates them and reports problems row by row.

    Rows with the same company name become one customer with one contact per row, unless
    they disagree (a different phone, category…). Rows that only may be the same company as
    earlier ones (a name that differs in a company form, or that disagree) are a
    :class:`Question` with a suggested answer; :meth:`ImportPlan.decide` applies the user's.
    With a session ``factory``, customers that look like existing ones are flagged as
    warnings; they are still imported if the user goes ahead.

    ``people`` are whom the salesperson column may name, by login or by name. When
    ``current_user`` is a salesperson, every customer is theirs (assignment is HQ's): a
    salesperson column naming someone else is not applied, and each such row gets a
    ``NOT_APPLIED`` warning.
    """
    unknown = set(mapping) - set(TARGET_FIELDS)
    if unknown:
        raise ValueError(f"unknown import fields: {sorted(unknown)}")
    people = list(people)
    staff = {_person_key(p.name): p.id for p in people}
    staff |= {_person_key(p.username): p.id for p in people if p.username}
    own_names: frozenset[str] | None = None
    writer = current_user.writer if current_user is not None else None
    if current_user is not None and ownership.fixed_owner("customers", writer) is not None:
        default_assignee = current_user.id
        own_names = frozenset({_person_key(p.name) for p in people if p.id == current_user.id}
                              | ({_person_key(current_user.username)} - {""}))
    rows: Rows = []
    for row in table.rows:
        values = {f: table.cell(row, c) for f, c in mapping.items()}
        if any(values.values()):  # blank lines between blocks are common; not errors
            rows.append((row.number, values))
    compared = [f for f in CUSTOMER_FIELDS if f in mapping and f != "name"
                and not (f == "salesperson" and own_names is not None)]
    units, unit_values, warnings = _units(rows, compared)
    questions, pairs = _questions(units, unit_values, compared)
    basis = _Basis(units, pairs, questions, staff, default_assignee, own_names, warnings,
                   len(rows))
    if factory is not None:
        separate = [_planned(basis, unit, False)[0] for unit in units]
        basis.warnings += _existing_duplicates(factory, separate)
    return _resolve(basis, choices or Choices())


_PHONE_BATCH = 200
_REPO_LIMIT = 20  # repo.customers_with_phones returns at most this many


def _existing_duplicates(factory: sessionmaker[LocalSession],
                         customers: Sequence[PlannedCustomer]) -> list[RowWarning]:
    """Warnings for planned customers whose name key or phone an existing customer shares."""
    warnings: list[RowWarning] = []
    phone_owner: dict[str, list[PlannedCustomer]] = {}
    with unit_of_work(factory) as session:
        for planned in customers:
            draft = normalized(planned.draft)
            key = name_key(draft.name)
            if key:
                hits = repo.customers_by_name_key(session, key, None)
                if hits:
                    warnings.append(RowWarning(planned.rows[0], WarningKind.DUPLICATE_NAME,
                                               "name", draft.name, hits[0].name))
            for p in {draft.phone, *(c.mobile for c in draft.contacts),
                      *(c.landline for c in draft.contacts)} - {""}:
                phone_owner.setdefault(p, []).append(planned)
        # Phones are checked in batches; a batch that hits the repository's limit is split so
        # no match is lost, then each hit customer's own phones say which planned rows match.
        pending = [sorted(phone_owner)[i : i + _PHONE_BATCH]
                   for i in range(0, len(phone_owner), _PHONE_BATCH)]
        existing: dict[uuid.UUID, tuple[str, set[str]]] = {}
        while pending:
            batch = pending.pop()
            found = repo.customers_with_phones(session, batch, None)
            if len(found) >= _REPO_LIMIT and len(batch) > 1:
                half = len(batch) // 2
                pending += [batch[:half], batch[half:]]
                continue
            for customer, phone in found:
                if customer.id in existing:
                    continue
                contacts = repo.contacts_of(session, customer.id)
                phones = {phone, *(c.mobile for c in contacts), *(c.landline for c in contacts)}
                existing[customer.id] = (customer.name, phones - {""})
    flagged: set[tuple[int, str]] = set()
    for name, phones in existing.values():
        for p in sorted(phones & set(phone_owner)):
            for planned in phone_owner[p]:
                if (planned.rows[0], p) not in flagged:
                    flagged.add((planned.rows[0], p))
                    warnings.append(RowWarning(planned.rows[0], WarningKind.DUPLICATE_PHONE,
                                               "phone", p, name))
    return warnings


# --- writing ------------------------------------------------------------------------------


class Reported(Protocol):
    """A checked plan: customers or orders, each with its row-by-row issues."""

    @property
    def issues(self) -> tuple[RowIssue, ...]: ...


class ImportRefused(ValidationFailed):
    """All-or-nothing import of a plan with errors: nothing was written."""

    def __init__(self, plan: Reported) -> None:
        super().__init__([i.error for i in plan.issues])
        self.plan = plan


class AssignmentRefused(Exception):
    """The plan assigns customers to someone else, but the store now belongs to a salesperson
    (logged in after the check): HQ would refuse those customers. Nothing was written."""


class StoreWriteError(Exception):
    """The store could not be written (disk full, locked, damaged); nothing was imported."""

    def __init__(self, detail: str) -> None:
        super().__init__(detail)
        self.detail = detail


@dataclass(frozen=True)
class ImportResult:
    """What was written. ``customers + merged_rows + skipped_rows + failed_rows`` is every
    row of the file that had something in a mapped column."""

    mode: ImportMode
    customers: int  # customers created (each from its first row)
    contacts: int  # contacts created
    merged_rows: int  # further rows of a created customer
    skipped_rows: int  # rows left out as the user chose
    failed_rows: int  # rows left out because their customer has an error
    failed_customers: int

    @property
    def rows(self) -> int:
        """Rows imported."""
        return self.customers + self.merged_rows


_PROGRESS_EVERY = 25


def run_import(factory: sessionmaker[LocalSession], plan: ImportPlan,
               mode: ImportMode | str, state: JobState) -> ImportResult:
    """Writes the plan in one transaction; a cancel (``state.check``) rolls all of it back.

    A salesperson's customers are theirs: an unassigned one is given to them (as HQ does).

    Raises:
        ImportRefused: all-or-nothing mode and the plan has errors.
        AssignmentRefused: a salesperson's store, and the plan assigns to someone else.
        Cancelled: the user cancelled; nothing was written.
        StoreWriteError: the database refused the write; nothing was written.
    """
    mode = ImportMode(mode)
    if mode is ImportMode.ALL_OR_NOTHING and plan.has_errors:
        raise ImportRefused(plan)
    chosen = plan.valid_customers
    total = len(chosen)
    state.progress(0, total)
    contacts = 0
    try:
        with unit_of_work(factory) as session:
            user = CurrentUser.from_row(repo.bound_user(session))
            writer = user.writer if user is not None else None
            now = utcnow()
            if any(
                ownership.refused(
                    "customers", writer, {"assigned_to_id": c.draft.assigned_to_id}, None, now
                )
                for c in chosen
            ):
                raise AssignmentRefused()
            for done, planned in enumerate(chosen):
                state.check()
                draft = planned.draft
                owner = ownership.owner_of_new("customers", writer, draft.assigned_to_id)
                draft = replace(draft, assigned_to_id=owner)
                _write(session, normalized(draft))
                contacts += len(planned.draft.contacts)
                if done % _PROGRESS_EVERY == 0:
                    state.progress(done, total)
            state.check()  # a cancel during the last customers still rolls back
    except OperationalError as exc:
        raise StoreWriteError(str(exc.orig)) from exc
    state.progress(total, total)
    return ImportResult(
        mode=mode,
        customers=total,
        contacts=contacts,
        merged_rows=plan.merged_row_count,
        skipped_rows=len(plan.skipped_rows),
        failed_rows=plan.failed_row_count,
        failed_customers=len(plan.customers) - total,
    )


class CustomerImporter:
    """What the import dialog needs, with the store and the salespeople already wired in.

    The UI never sees a session: it reads a table, checks a mapping, and runs a plan.
    """

    target_fields = TARGET_FIELDS
    required_fields = ("name",)

    def __init__(self, factory: sessionmaker[LocalSession], people: Sequence[Person],
                 default_assignee: uuid.UUID | None = None,
                 current_user: CurrentUser | None = None) -> None:
        """``people``: whom the salesperson column may name (salespeople: HQ assigns customers
        to no one else). ``current_user``: whom the laptop is logged in as."""
        self._factory = factory
        self._people = list(people)
        self._default_assignee = default_assignee
        self._user = current_user

    @property
    def assignment_locked(self) -> bool:
        """True for a salesperson: imported customers are theirs, the salesperson column is
        only read to say, row by row, that it is not applied."""
        writer = self._user.writer if self._user is not None else None
        return ownership.fixed_owner("customers", writer) is not None

    def read(self, path: Path | str) -> Table:
        return read_table(Path(path))

    def guess(self, headers: Sequence[str]) -> dict[str, int]:
        return guess_mapping(headers)

    def check(self, table: Table, mapping: Mapping[str, int],
              choices: Choices | None = None) -> ImportPlan:
        try:
            return preview(table, mapping, people=self._people,
                           default_assignee=self._default_assignee, factory=self._factory,
                           current_user=self._user, choices=choices)
        except OperationalError as exc:
            raise StoreWriteError(str(exc.orig)) from exc

    def run(self, plan: ImportPlan, mode: ImportMode | str, state: JobState) -> ImportResult:
        return run_import(self._factory, plan, mode, state)


__all__ = [
    "CONTACT_FIELDS", "CUSTOMER_FIELDS", "TARGET_FIELDS", "AssignmentRefused", "Choices",
    "CustomerImporter", "ImportMode", "ImportPlan", "ImportRefused", "ImportResult",
    "PlannedCustomer", "Question", "RowIssue", "RowWarning", "SameCompany",
    "SourceRow", "StoreWriteError", "Table", "TableError", "TableProblem", "WarningKind",
    "cell_text", "column_letter", "guess_mapping", "match_headers", "normalized_synonyms",
    "preview", "read_table", "run_import",
]
