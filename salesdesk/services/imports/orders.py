"""Importing sales orders from a spreadsheet, until HQ sends them by sync.

Orders are what the ABC tiers are computed from. The flow is the customer import's: read → map
→ :func:`preview` (every problem reported by the row number Excel shows) → :func:`run_import`,
one transaction that writes the orders through the ORM session (so the outbox records them) and
ranks the customers again in the same transaction: a refusal, an error or a cancel leaves the
store, tiers included, exactly as it was.

Amounts are parsed as :class:`~decimal.Decimal` from their text, never through float.
"""

from __future__ import annotations

import re
import unicodedata
import uuid
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy.exc import IntegrityError, OperationalError
from sqlalchemy.orm import sessionmaker

from salesdesk.db.customers import customer_names
from salesdesk.db.models import Order
from salesdesk.db.orders import existing_order_numbers, product_codes
from salesdesk.db.session import LocalSession, unit_of_work
from salesdesk.domain.names import name_key
from salesdesk.domain.tiers import TierRule
from salesdesk.domain.validation import ErrorCode, FieldError, parse_amount
from salesdesk.kit.changes import Changes
from salesdesk.kit.jobs import JobState
from salesdesk.services.customers.service import rank_customers
from salesdesk.services.imports.headers import ORDER_FIELDS, guess_order_mapping
from salesdesk.services.imports.plan import (
    Choices,
    Importer,
    ImportMode,
    ImportRefused,
    Question,
    RowIssue,
    RowWarning,
    StoreWriteError,
    WarningKind,
    Wording,
)
from salesdesk.services.imports.table import Table, read_table

REQUIRED_FIELDS = ("order_no", "order_date", "amount", "customer")


class OrderWriteError(StoreWriteError):
    """The store could not be written (disk full, locked, or an order number that arrived
    since the check); no orders were imported."""

    code = "imports.orders.store_write"


# --- values -------------------------------------------------------------------------------

_DATE = re.compile(
    r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?"
    r"(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?"
)
_COMPACT_DATE = re.compile(r"(\d{4})(\d{2})(\d{2})")


def parse_date(text: str) -> date | None:
    """A date as Chinese spreadsheets write it: 2026-03-31, 2026/3/31, 2026年3月31日, 20260331.

    Date cells of a workbook arrive as ISO text (a time of day, if any, is ignored).
    """
    t = unicodedata.normalize("NFKC", text).strip()
    m = _DATE.fullmatch(t) or _COMPACT_DATE.fullmatch(t)
    if m is None:
        return None
    try:
        return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:  # 2026-02-30
        return None


_CNY_WORDS = frozenset({"", "cny", "rmb", "人民币", "元", "¥"})


def parse_currency(text: str) -> str | None:
    """"CNY" for any way of writing renminbi (or nothing); None for another currency."""
    word = unicodedata.normalize("NFKC", text).strip().casefold()
    return "CNY" if word in _CNY_WORDS else None


def _clean(text: str) -> str:
    return unicodedata.normalize("NFKC", text).strip()


@dataclass(frozen=True)
class CustomerMatch:
    customer_id: uuid.UUID | None
    name: str = ""  # the matched customer's name
    loose: bool = False  # matched by name key or short name, not by the exact name
    error: FieldError | None = None


class CustomerMatcher:
    """Finds the customer an order row names: exact name, else name key, else short name."""

    def __init__(self, customers: Iterable[tuple[uuid.UUID, str, str, str]]) -> None:
        self._names: dict[uuid.UUID, str] = {}
        self._exact: dict[str, set[uuid.UUID]] = {}
        self._key: dict[str, set[uuid.UUID]] = {}
        self._short: dict[str, set[uuid.UUID]] = {}
        for cid, name, key, short in customers:
            self._names[cid] = name
            self._exact.setdefault(_clean(name), set()).add(cid)
            if key or name_key(name):
                self._key.setdefault(key or name_key(name), set()).add(cid)
            if _clean(short):
                self._short.setdefault(_clean(short).casefold(), set()).add(cid)

    def match(self, text: str) -> CustomerMatch:
        value, shown = _clean(text), text.strip()
        tries = ((self._exact.get(value), False),
                 (self._key.get(name_key(value)) if name_key(value) else None, True),
                 (self._short.get(value.casefold()), True))
        for ids, loose in tries:
            if not ids:
                continue
            if len(ids) > 1:
                names = sorted(self._names[i] for i in ids)
                return CustomerMatch(None, error=FieldError("customer", ErrorCode.AMBIGUOUS, {
                    "value": shown, "count": len(ids), "names": "、".join(names[:3])}))
            (cid,) = ids
            return CustomerMatch(cid, self._names[cid], loose and self._names[cid] != value)
        return CustomerMatch(None, error=FieldError("customer", ErrorCode.NOT_FOUND,
                                                    {"value": shown}))


# --- preview ------------------------------------------------------------------------------


@dataclass(frozen=True)
class PlannedOrder:
    """A valid row, ready to write."""

    row: int
    order_no: str
    order_date: date
    amount: Decimal
    customer_id: uuid.UUID
    customer_name: str
    currency: str = "CNY"
    product_id: uuid.UUID | None = None
    notes: str = ""


@dataclass(frozen=True)
class OrderPlan:
    orders: tuple[PlannedOrder, ...]  # the valid rows only
    issues: tuple[RowIssue, ...]
    warnings: tuple[RowWarning, ...]
    row_count: int  # data rows that had something in a mapped column
    # Orders ask nothing: each row is one order.
    questions: tuple[Question, ...] = ()
    choices: Choices = field(default_factory=Choices)

    @property
    def error_rows(self) -> frozenset[int]:
        return frozenset(i.row for i in self.issues)

    @property
    def has_errors(self) -> bool:
        return bool(self.issues)

    @property
    def total_amount(self) -> Decimal:
        return sum((o.amount for o in self.orders), Decimal("0.00"))

    @property
    def record_count(self) -> int:
        """Every row is an order: the valid ones and the rows with errors."""
        return len(self.orders) + len(self.error_rows)

    @property
    def valid_count(self) -> int:
        return len(self.orders)

    def can_run(self, mode: ImportMode) -> bool:
        if mode is ImportMode.ALL_OR_NOTHING:
            return not self.has_errors and bool(self.record_count)
        return bool(self.orders)

    def decide(self, choices: Choices) -> OrderPlan:
        return self

    def summarized(self, words: Wording) -> str:
        return words.order_plan(self)


_NO_LIMIT = 50  # the order_no column


def _row_order(values: Mapping[str, str], row: int, matcher: CustomerMatcher,
               products: Mapping[str, uuid.UUID]) -> tuple[PlannedOrder | None, list[RowIssue],
                                                           CustomerMatch | None]:
    issues: list[RowIssue] = []

    def problem(name: str, code: ErrorCode, **params: str | int) -> None:
        issues.append(RowIssue(row, FieldError(name, code, dict(params)), values.get(name, "")))

    order_no = _clean(values.get("order_no", ""))
    if not order_no:
        problem("order_no", ErrorCode.REQUIRED)
    elif len(order_no) > _NO_LIMIT:
        problem("order_no", ErrorCode.TOO_LONG, limit=_NO_LIMIT)
    order_date = parse_date(values.get("order_date", ""))
    if not values.get("order_date", "").strip():
        problem("order_date", ErrorCode.REQUIRED)
    elif order_date is None:
        problem("order_date", ErrorCode.DATE)
    amount = parse_amount(values.get("amount", ""))
    if not values.get("amount", "").strip():
        problem("amount", ErrorCode.REQUIRED)
    elif amount is None:
        problem("amount", ErrorCode.AMOUNT)
    match: CustomerMatch | None = None
    if not values.get("customer", "").strip():
        problem("customer", ErrorCode.REQUIRED)
    else:
        match = matcher.match(values["customer"])
        if match.error is not None:
            issues.append(RowIssue(row, match.error, values["customer"]))
    product_id: uuid.UUID | None = None
    code = _clean(values.get("product_code", ""))
    if code:
        product_id = products.get(code.casefold())
        if product_id is None:
            problem("product_code", ErrorCode.NOT_FOUND, value=code)
    currency = parse_currency(values.get("currency", ""))
    if currency is None:
        problem("currency", ErrorCode.CHOICE, value=_clean(values["currency"]))
    if issues:
        return None, issues, match
    assert order_date is not None and amount is not None and match is not None
    assert match.customer_id is not None and currency is not None
    return PlannedOrder(row, order_no, order_date, amount, match.customer_id, match.name,
                        currency, product_id, values.get("notes", "").strip()), [], match


def preview(table: Table, mapping: Mapping[str, int],
            factory: sessionmaker[LocalSession]) -> OrderPlan:
    """Checks every row against the store and reports each problem by row and field.

    An order number already in the store, or on an earlier row of the file, is a DUPLICATE
    error on the row that repeats it. A customer found only by its short name or by its name
    without suffixes is a warning (once per value), so the user sees which customer was meant.
    """
    unknown = set(mapping) - set(ORDER_FIELDS)
    if unknown:
        raise ValueError(f"unknown order import fields: {sorted(unknown)}")
    rows = []
    for row in table.rows:
        values = {f: table.cell(row, c) for f, c in mapping.items()}
        if any(v.strip() for v in values.values()):
            rows.append((row.number, values))
    numbers = [_clean(v.get("order_no", "")) for _, v in rows]
    with unit_of_work(factory) as session:
        matcher = CustomerMatcher(customer_names(session))
        products = {code.casefold(): pid for code, pid in product_codes(session).items()}
        stored = existing_order_numbers(session, [n for n in numbers if n])
    orders: list[PlannedOrder] = []
    issues: list[RowIssue] = []
    warnings: list[RowWarning] = []
    first_row: dict[str, int] = {}
    warned: set[str] = set()
    for (number, values), order_no in zip(rows, numbers, strict=True):
        planned, row_issues, match = _row_order(values, number, matcher, products)
        if order_no in stored:
            row_issues.insert(0, RowIssue(number, FieldError(
                "order_no", ErrorCode.DUPLICATE, {"value": order_no, "stored": 1}), order_no))
        elif order_no and order_no in first_row:
            row_issues.insert(0, RowIssue(number, FieldError(
                "order_no", ErrorCode.DUPLICATE, {"value": order_no, "row": first_row[order_no]}),
                order_no))
        elif order_no:
            first_row[order_no] = number
        if match is not None and match.loose:
            value = values.get("customer", "").strip()
            if value not in warned:
                warned.add(value)
                warnings.append(RowWarning(number, WarningKind.LOOSE_MATCH, "customer", value,
                                           match.name))
        if row_issues:
            issues += row_issues
        elif planned is not None:
            orders.append(planned)
    return OrderPlan(tuple(orders), tuple(issues), tuple(warnings), len(rows))


# --- writing ------------------------------------------------------------------------------


@dataclass(frozen=True)
class OrderImportResult:
    mode: ImportMode
    orders: int  # orders created
    amount: Decimal  # their total, CNY
    skipped_rows: int  # rows left out because they had an error
    tiers: dict[str, int]  # customers per tier after the import ("-": no sales)
    tiers_changed: int  # customers whose tier or trailing sales changed

    @property
    def changes(self) -> Changes:
        """Orders decide tiers and 12-month sales, which the customer list shows."""
        return Changes(customers=True, tiers=True, sync_state=True)

    def summarized(self, words: Wording) -> str:
        return words.order_result(self)


_PROGRESS_EVERY = 50


def run_import(factory: sessionmaker[LocalSession], plan: OrderPlan, mode: ImportMode | str,
               state: JobState, *, today: date, rule: TierRule | None = None
               ) -> OrderImportResult:
    """Writes the plan's orders and ranks customers again, all in one transaction.

    Raises:
        ImportRefused: all-or-nothing mode and the plan has errors.
        Cancelled: the user cancelled; nothing was written.
        OrderWriteError: the database refused the write (disk full, locked, or an order
            number that arrived since the check); nothing was written.
    """
    mode = ImportMode(mode)
    if mode is ImportMode.ALL_OR_NOTHING and plan.has_errors:
        raise ImportRefused(plan)
    total = len(plan.orders)
    state.progress(0, total)
    try:
        with unit_of_work(factory) as session:
            for done, planned in enumerate(plan.orders):
                state.check()
                session.add(Order(
                    customer_id=planned.customer_id,
                    order_no=planned.order_no,
                    order_date=planned.order_date,
                    amount=planned.amount,
                    currency=planned.currency,
                    product_id=planned.product_id,
                    notes=planned.notes,
                ))
                if done % _PROGRESS_EVERY == 0:
                    state.progress(done, total)
            state.check()
            session.flush()
            outcome = rank_customers(session, today, rule or TierRule())
            state.check()  # a cancel while ranking still rolls the orders back
    except (OperationalError, IntegrityError) as exc:
        raise OrderWriteError(str(exc.orig)) from exc
    state.progress(total, total)
    return OrderImportResult(
        mode=mode,
        orders=total,
        amount=plan.total_amount,
        skipped_rows=plan.row_count - total,
        tiers=outcome.counts,
        tiers_changed=outcome.changed,
    )


class OrderImporter:
    """What the import dialog needs for orders, with the store and the tier rule wired in."""

    target_fields = ORDER_FIELDS
    required_fields = REQUIRED_FIELDS

    def __init__(self, factory: sessionmaker[LocalSession], rule: TierRule | None = None,
                 today: Callable[[], date] = date.today) -> None:
        self._factory = factory
        self._rule = rule or TierRule()
        self._today = today

    ignored_fields: frozenset[str] = frozenset()

    def named(self, words: Wording) -> str:
        return words.order_import()

    def read(self, path: Path | str) -> Table:
        return read_table(Path(path), guess_order_mapping)

    def guess(self, headers: Sequence[str]) -> dict[str, int]:
        return guess_order_mapping(headers)

    def check(self, table: Table, mapping: Mapping[str, int],
              choices: Choices | None = None) -> OrderPlan:
        """``choices`` are ignored: orders ask nothing."""
        try:
            return preview(table, mapping, self._factory)
        except OperationalError as exc:
            raise OrderWriteError(str(exc.orig)) from exc

    def run(self, plan: OrderPlan, mode: ImportMode | str, state: JobState) -> OrderImportResult:
        return run_import(self._factory, plan, mode, state, today=self._today(), rule=self._rule)



if TYPE_CHECKING:  # mypy checks that the dialog's contract holds
    def _conforms(importer: OrderImporter) -> Importer[OrderPlan, OrderImportResult]:
        return importer
