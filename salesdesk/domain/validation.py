"""Field validation rules. Errors are codes, not sentences: the UI words them in the user's
language, and the import report uses the same codes.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from dataclasses import field as dc_field
from decimal import Decimal, InvalidOperation
from enum import StrEnum


class ErrorCode(StrEnum):
    REQUIRED = "required"
    TOO_LONG = "too_long"
    MOBILE = "mobile"  # Chinese mobile: 11 digits starting with 1
    LANDLINE = "landline"  # area code and number, e.g. 0571-88886666
    PHONE = "phone"  # a mobile or a landline
    EMAIL = "email"
    CHOICE = "choice"  # not one of the allowed values
    NUMBER = "number"  # not a (positive) whole number where one is needed
    AMOUNT = "amount"  # not a money amount
    DATE = "date"
    DUPLICATE = "duplicate"  # e.g. an order number seen twice
    TAX_ID = "tax_id"  # not a valid unified social credit code (统一社会信用代码)
    NOT_FOUND = "not_found"  # names a record that does not exist (an order's customer)
    AMBIGUOUS = "ambiguous"  # names several records, so none can be chosen
    HQ_OWNED = "hq_owned"  # only HQ staff may change it (assignment, credit terms)
    NOT_ASSIGNABLE = "not_assignable"  # names someone HQ assigns no customers to (not sales)
    ALREADY_CLOSED = "already_closed"  # a promise kept/broken/cancelled, a visit done/cancelled
    ALREADY_OPEN = "already_open"  # reopening a promise that is open
    REASON_REQUIRED = "reason_required"  # broken/cancelled/reopened-after-cancel needs a reason
    DUE_BEFORE_MADE = "due_before_made"  # a promise due before the day it was made
    ENDS_BEFORE_START = "ends_before_start"  # a visit's time window ends before it starts
    # Shipment notices (domain/shipments.py)
    PLATE = "plate"  # not a truck plate as issued in China
    QUANTITY = "quantity"  # not a positive quantity (at most three decimals)
    ETA_BEFORE_SHIP = "eta_before_ship"  # arrives no later than it leaves
    TIME_FAR = "time_far"  # further than ``days`` from when it should be
    IN_FUTURE = "in_future"  # a time that has not come yet (an arrival)
    # A complaint's step refused (domain/complaints.py).
    NOT_RESOLVED = "not_resolved"  # closing (or asking satisfaction of) an unresolved complaint
    NO_SOLUTION = "no_solution"  # resolving without a solution proposed, or after it was refused
    NOT_CONTACTED = "not_contacted"  # proposing a solution before contacting the customer
    NOT_PAUSED = "not_paused"  # resuming a complaint that is not paused
    ALREADY_PAUSED = "already_paused"
    SCORE = "score"  # a satisfaction score that is not 1-5
    OUT_OF_ORDER = "out_of_order"  # a step that does not follow from where the complaint is
    # The business calendar's working week (services/complaints/clock_settings.py)
    BEFORE_MORNING_ENDS = "before_morning_ends"  # an afternoon starting before the morning ends
    NO_WORKDAY = "no_workday"  # a week with no weekday worked


@dataclass(frozen=True)
class FieldError:
    """A problem with one field. ``field`` is dotted for nested values: ``contacts.2.mobile``."""

    field: str
    code: ErrorCode
    params: dict[str, str | int] = dc_field(default_factory=dict)


class ValidationFailed(Exception):
    """Raised by a service when input is refused; nothing was written."""

    def __init__(self, errors: list[FieldError]) -> None:
        super().__init__("; ".join(f"{e.field}: {e.code}" for e in errors))
        self.errors = errors


# Full-width ASCII (U+FF01–FF5E) and the ideographic space, as a Chinese input method types them.
_FULL_WIDTH = {c: c - 0xFEE0 for c in range(0xFF01, 0xFF5F)} | {0x3000: 0x20}
# Dashes people type inside phone numbers: en/em dash, minus sign, hyphens.
_DASHES = dict.fromkeys(map(ord, "\u2010\u2011\u2012\u2013\u2014\u2015\u2212"), "-")
_SEPARATORS = re.compile(r"[\s\-()（）]")
_MOBILE = re.compile(r"1[3-9]\d{9}")
# Area codes are 010 and 02x (3 digits) or 03xx–09xx (4); local numbers 7–8 digits, not 0/1 first.
_LANDLINE = re.compile(
    r"(010|02\d|0[3-9]\d{2})-?([2-9]\d{6,7})(?:(?:-|转|ext\.?|x)(\d{1,6}))?", re.I
)
_SERVICE = re.compile(r"[48]00-?\d{3}-?\d{4}")
_EMAIL = re.compile(
    r"[A-Za-z0-9._%+\-]+@[A-Za-z0-9](?:[A-Za-z0-9\-]*[A-Za-z0-9])?"
    r"(?:\.[A-Za-z0-9](?:[A-Za-z0-9\-]*[A-Za-z0-9])?)*\.[A-Za-z]{2,}"
)


def fold_width(value: str) -> str:
    """Full-width letters, digits and punctuation as their ASCII forms: "１３８" → "138",
    "０５７１－" → "0571-". Chinese characters are left as they are (unlike NFKC, which also
    rewrites some of them)."""
    return value.translate(_FULL_WIDTH)


def _phone_text(value: str) -> str:
    return fold_width(value).translate(_DASHES).strip()


def normalize_mobile(value: str) -> str:
    """Strips separators and a +86/0086 prefix: "+86 138-0013-8000" → "13800138000";
    full-width digits ("１３８…") become ASCII."""
    digits = _SEPARATORS.sub("", _phone_text(value))
    for prefix in ("+86", "0086"):
        if digits.startswith(prefix):
            digits = digits[len(prefix) :]
    return digits


def is_mobile(value: str) -> bool:
    return bool(_MOBILE.fullmatch(normalize_mobile(value)))


def normalize_landline(value: str) -> str:
    """Writes a landline as ``area-number[-ext]``: "(0571)8888 6666" and
    "０５７１－８８８８６６６６" → "0571-88886666"."""
    text = _phone_text(value)
    compact = re.sub(r"[\s()]", "-", text).strip("-")
    compact = re.sub(r"-+", "-", compact)
    if compact.startswith("+86-"):
        compact = "0" + compact[4:]
    m = _LANDLINE.fullmatch(compact) or _LANDLINE.fullmatch(compact.replace("-", ""))
    if m:
        area, number, ext = m.groups()
        return f"{area}-{number}" + (f"-{ext}" if ext else "")
    if _SERVICE.fullmatch(compact):
        digits = compact.replace("-", "")
        return f"{digits[:3]}-{digits[3:6]}-{digits[6:]}"
    return value.strip()


def is_landline(value: str) -> bool:
    normalized = normalize_landline(value)
    return bool(_LANDLINE.fullmatch(normalized) or _SERVICE.fullmatch(normalized))


def normalize_email(value: str) -> str:
    return fold_width(value).strip()


def is_email(value: str) -> bool:
    value = normalize_email(value)
    return bool(_EMAIL.fullmatch(value)) and len(value) <= 200


_USCC_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_USCC_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)


def normalize_tax_id(value: str) -> str:
    return fold_width(value).strip().replace(" ", "").upper()


def is_uscc(value: str) -> bool:
    """A unified social credit code (GB 32100-2015): 18 characters with a check character."""
    code = normalize_tax_id(value)
    if len(code) != 18 or any(c not in _USCC_CHARS for c in code):
        return False
    total = sum(_USCC_CHARS.index(c) * w for c, w in zip(code, _USCC_WEIGHTS, strict=False))
    check = (31 - total % 31) % 31
    return code[17] == _USCC_CHARS[check]


def phone_digits(value: str) -> str:
    """Only the digits that identify a phone, for duplicate detection (no +86, no extension)."""
    if is_mobile(value):
        return normalize_mobile(value)
    normalized = normalize_landline(value)
    m = _LANDLINE.fullmatch(normalized)
    if m:
        return m.group(1) + m.group(2)
    return re.sub(r"\D", "", fold_width(value))


# Money typed by a person: an order's amount, a price heard on a visit.
_CENT = Decimal("0.01")
_AMOUNT_LIMIT = Decimal("1000000000000")  # far above any order; fits the fen column
_GROUPED = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?")
_PLAIN = re.compile(r"\d+(?:\.\d*)?|\.\d+")
_CURRENCY_PREFIX = re.compile(r"^(?:¥|cny|rmb)\s*", re.I)


def parse_amount(text: str) -> Decimal | None:
    """An amount in yuan exactly as written: "12,800.50", "¥12800.5", "12800" (None if not).

    Negative amounts and fractions of a fen are refused rather than rounded. Full-width digits
    and the full-width yuan sign are read like their ASCII forms; a trailing 元 is allowed.
    """
    t = unicodedata.normalize("NFKC", text).strip()
    t = _CURRENCY_PREFIX.sub("", t)
    t = t.removesuffix("元").strip()
    if not (_GROUPED.fullmatch(t) or _PLAIN.fullmatch(t)):
        return None
    try:
        value = Decimal(t.replace(",", ""))
    except InvalidOperation:  # pragma: no cover - the patterns admit only valid numbers
        return None
    if value != value.quantize(_CENT) or value >= _AMOUNT_LIMIT:
        return None
    return value.quantize(_CENT)


class Checker:
    """Collects field errors: ``check = Checker(); check.required("name", v); check.errors``."""

    def __init__(self, prefix: str = "") -> None:
        self.prefix = prefix
        self.errors: list[FieldError] = []

    def _add(self, name: str, code: ErrorCode, **params: str | int) -> None:
        self.errors.append(FieldError(self.prefix + name, code, dict(params)))

    def required(self, name: str, value: str) -> None:
        if not value.strip():
            self._add(name, ErrorCode.REQUIRED)

    def max_length(self, name: str, value: str, limit: int) -> None:
        """Counts what is stored: the value without surrounding spaces."""
        if len(value.strip()) > limit:
            self._add(name, ErrorCode.TOO_LONG, limit=limit)

    def mobile(self, name: str, value: str) -> None:
        if value.strip() and not is_mobile(value):
            self._add(name, ErrorCode.MOBILE)

    def landline(self, name: str, value: str) -> None:
        if value.strip() and not is_landline(value):
            self._add(name, ErrorCode.LANDLINE)

    def phone(self, name: str, value: str) -> None:
        if value.strip() and not (is_mobile(value) or is_landline(value)):
            self._add(name, ErrorCode.PHONE)

    def email(self, name: str, value: str) -> None:
        if value.strip() and not is_email(value):
            self._add(name, ErrorCode.EMAIL)

    def tax_id(self, name: str, value: str) -> None:
        if value.strip() and not is_uscc(value):
            self._add(name, ErrorCode.TAX_ID)

    def choice(self, name: str, value: str | None, allowed: set[str], *, optional: bool) -> None:
        if value is None or value == "":
            if not optional:
                self._add(name, ErrorCode.REQUIRED)
        elif value not in allowed:
            self._add(name, ErrorCode.CHOICE, value=value)

    def positive_int(self, name: str, value: int | None, maximum: int) -> None:
        if value is not None and not 0 < value <= maximum:
            self._add(name, ErrorCode.NUMBER, maximum=maximum)
