"""Shipment notices (发货通知): the five elements, how each is checked, and the notice's life.

A notice tells the customer, at dispatch, five things (../shared/DOMAIN.md): the product
specification and quantity, the ship time, the truck plate, the driver's phone and the estimated
time of arrival. A draft may lack any of them; a notice missing one cannot be sent
(:func:`missing_elements`). What *is* filled in must be valid whenever it is saved
(:func:`check`): values people type in many forms (plates with a middle dot, phones with +86,
full-width digits) are normalised, not refused; bad ones are reported per field as
:class:`~salesdesk.domain.validation.FieldError` codes that the UI words in the user's language.

Status: ``draft`` until first sent; ``sent`` while on the road ("in transit" is a sent notice
not yet arrived, so no separate state to keep in step); ``arrived`` once confirmed (time,
received by, remarks); ``cancelled``. ``first_eta`` is the ETA promised by the first send and
never changes afterwards: on-time delivery is measured against it (and, second, against the
latest ETA).
"""

from __future__ import annotations

import math
import re
import unicodedata
import uuid
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from decimal import Decimal, InvalidOperation
from enum import StrEnum

from salesdesk.domain.clock import require_aware
from salesdesk.domain.validation import (
    ErrorCode,
    FieldError,
    ValidationFailed,
    fold_width,
    is_landline,
    is_mobile,
    normalize_landline,
    normalize_mobile,
)


class ShipmentStatus(StrEnum):
    DRAFT = "draft"
    SENT = "sent"  # on the road until arrival is confirmed
    ARRIVED = "arrived"
    CANCELLED = "cancelled"


class Element(StrEnum):
    """The five elements a notice must carry; each value is the field that holds it."""

    SPEC_QUANTITY = "lines"
    SHIP_TIME = "ship_time"
    TRUCK_PLATE = "truck_plate"
    DRIVER_PHONE = "driver_phone"
    ETA = "eta"


class Unit(StrEnum):
    TONNE = "t"
    KG = "kg"
    COIL = "coil"
    PIECE = "piece"
    SQUARE_METRE = "m2"


class Channel(StrEnum):
    """How a notice went out: each send is logged as a dispatch with its channel."""

    EMAIL = "email"
    SMS = "sms"  # the text, copied into an SMS or a chat app (WeChat)
    PDF = "pdf"  # printed or saved (for fax)
    COPY = "copy"  # the text copied to the clipboard for any other use


class DispatchResult(StrEnum):
    QUEUED = "queued"  # in the mail outbox
    SENT = "sent"
    FAILED = "failed"
    UNKNOWN = "unknown"  # the connection dropped after DATA: the server may have it


# What people type for a unit, folded to lower case (spaces removed) → the stored code.
_UNIT_WORDS: dict[str, Unit] = {
    "t": Unit.TONNE,
    "吨": Unit.TONNE,
    "ton": Unit.TONNE,
    "tons": Unit.TONNE,
    "kg": Unit.KG,
    "公斤": Unit.KG,
    "千克": Unit.KG,
    "coil": Unit.COIL,
    "coils": Unit.COIL,
    "卷": Unit.COIL,
    "piece": Unit.PIECE,
    "pieces": Unit.PIECE,
    "pcs": Unit.PIECE,
    "pc": Unit.PIECE,
    "件": Unit.PIECE,
    "m2": Unit.SQUARE_METRE,
    "m²": Unit.SQUARE_METRE,
    "㎡": Unit.SQUARE_METRE,
    "平方米": Unit.SQUARE_METRE,
    "平米": Unit.SQUARE_METRE,
}


def parse_unit(text: str) -> Unit | None:
    """ "吨", "T", "卷", "㎡", "m²" → the unit; None if it is none of t, kg, coil, piece, m²."""
    return _UNIT_WORDS.get(re.sub(r"\s", "", fold_width(text)).lower())


# --- truck plates ------------------------------------------------------------------------------

PROVINCES = "京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼"
# Letters on plates: A–Z without I and O (they read as 1 and 0).
_L = "A-HJ-NP-Z"
_C = f"[{_L}0-9]"
_PREFIX = f"[{PROVINCES}][{_L}]"
# Ordinary (blue/yellow): five characters, at most two of them letters (checked apart).
_ORDINARY = re.compile(f"{_PREFIX}({_C}{{5}})")
# Trailer (挂), learner (学), police (警), consular (领): four characters and the suffix.
_SUFFIXED = re.compile(f"{_PREFIX}({_C}{{4}})[挂学警领]")
# New energy (green), GA 36-2018 and the 2022 extension of letters for small vehicles: small
# vehicles lead with D/A/B/C/E (pure electric) or F/G/H/J/K (other), then a letter or a digit,
# then four digits; large vehicles are five digits then D or F.
_NEV_SMALL = re.compile(f"{_PREFIX}[DABCEFGHJK][{_L}0-9][0-9]{{4}}")
_NEV_LARGE = re.compile(f"{_PREFIX}[0-9]{{5}}[DF]")
# What people put inside a plate: spaces, a middle dot in its several forms, hyphens.
_PLATE_NOISE = re.compile(r"[\s·•・‧∙.\-]")


def normalize_plate(value: str) -> str:
    """The plate as stored and shown: "粤b·12345", "粤 B 12345", "粤Ｂ１２３４５" → "粤B12345"."""
    return _PLATE_NOISE.sub("", fold_width(unicodedata.normalize("NFC", value))).upper()


def is_plate(value: str) -> bool:
    """A plate as issued in China (ordinary, new-energy, trailer/learner/police/consular)."""
    plate = normalize_plate(value)
    if m := _ORDINARY.fullmatch(plate):
        return sum(c.isalpha() for c in str(m.group(1))) <= 2
    if m := _SUFFIXED.fullmatch(plate):
        return sum(c.isalpha() for c in str(m.group(1))) <= 2
    return bool(_NEV_SMALL.fullmatch(plate) or _NEV_LARGE.fullmatch(plate))


# --- driver phones -----------------------------------------------------------------------------


def normalize_driver_phone(value: str) -> str:
    """A mobile as 11 digits ("+86 138-0013-8000" → "13800138000"), a landline as
    ``area-number[-ext]`` ("０２１ ６１２３ ４５６７ 转 8" → "021-61234567-8"); anything else as
    typed, stripped."""
    if is_mobile(value):
        return normalize_mobile(value)
    landline = normalize_landline(value)
    if landline.startswith("0") and is_landline(landline):
        return landline
    return value.strip()


def is_driver_phone(value: str) -> bool:
    """A Chinese mobile (1, then 3–9, 11 digits) or a landline with its area code (010, 02x,
    03xx–09xx; a 7–8 digit number; an optional extension). Service numbers (400/800) are not a
    driver's phone."""
    phone = normalize_driver_phone(value)
    return is_mobile(phone) or (phone.startswith("0") and is_landline(phone))


# --- quantities and times ----------------------------------------------------------------------

QUANTITY_PLACES = 3  # the column's scale: a kilogram in tonnes
_QUANTITY_LIMIT = Decimal("1000000000")
_NUMBER = re.compile(r"\d+(?:\.\d*)?|\.\d+")

SHIP_TIME_WINDOW = timedelta(days=30)
"""A ship time further than this from now (either way) is a typo, not a shipment."""
TRANSIT_LIMIT = timedelta(days=30)
"""An ETA more than this after the ship time is a typo too (no truck is a month on the road)."""


def parse_quantity(text: str) -> Decimal | None:
    """A positive quantity as typed: "25.5", "１,２００", "0.125" (None if not one; more than
    three decimals is refused rather than rounded)."""
    t = unicodedata.normalize("NFKC", text).strip().replace(",", "")
    if not _NUMBER.fullmatch(t):
        return None
    try:
        value = Decimal(t)
    except InvalidOperation:  # pragma: no cover - the pattern admits only valid numbers
        return None
    if value <= 0 or value >= _QUANTITY_LIMIT or value != round(value, QUANTITY_PLACES):
        return None
    return value


# --- the notice --------------------------------------------------------------------------------


@dataclass(frozen=True)
class NoticeLine:
    """One line: a catalogue product (``product_id``, its spec copied) or free-text ``spec``."""

    spec: str
    quantity: Decimal | None
    unit: str = Unit.TONNE
    batch_no: str = ""
    product_id: uuid.UUID | None = None

    @property
    def is_blank(self) -> bool:
        return not self.spec.strip() and self.quantity is None and not self.batch_no.strip()


@dataclass(frozen=True)
class NoticeFacts:
    """What the rules need of a notice: the five elements and their companions."""

    lines: tuple[NoticeLine, ...] = ()
    ship_time: datetime | None = None
    truck_plate: str = ""
    driver_phone: str = ""
    eta: datetime | None = None
    driver_name: str = ""
    carrier: str = ""


def normalized(notice: NoticeFacts) -> NoticeFacts:
    """The notice with its plate, phone and units in stored form and blank lines dropped."""
    lines = tuple(
        replace(
            line,
            spec=line.spec.strip(),
            batch_no=line.batch_no.strip(),
            unit=str(parse_unit(line.unit) or line.unit.strip()),
        )
        for line in notice.lines
        if not line.is_blank
    )
    return replace(
        notice,
        lines=lines,
        truck_plate=normalize_plate(notice.truck_plate),
        driver_phone=normalize_driver_phone(notice.driver_phone),
        driver_name=notice.driver_name.strip(),
        carrier=notice.carrier.strip(),
    )


def check(notice: NoticeFacts, now: datetime) -> list[FieldError]:
    """Problems with what is filled in (missing elements are :func:`missing_elements`' concern).

    Fields: ``truck_plate`` (PLATE), ``driver_phone`` (PHONE), ``lines.N.spec`` (REQUIRED when a
    line has a quantity but no spec), ``lines.N.quantity`` (QUANTITY: not above zero; a quantity
    not typed yet is a missing element, a badly typed one the service's to report), ``lines.N.unit``
    (CHOICE), ``ship_time`` (TIME_FAR: further than :data:`SHIP_TIME_WINDOW` from ``now``),
    ``eta`` (ETA_BEFORE_SHIP: not after the ship time; TIME_FAR: more than
    :data:`TRANSIT_LIMIT` after it).
    """
    require_aware("now", now)
    require_aware("ship_time", notice.ship_time)
    require_aware("eta", notice.eta)
    errors: list[FieldError] = []
    plate = notice.truck_plate.strip()
    if plate and not is_plate(plate):
        errors.append(FieldError("truck_plate", ErrorCode.PLATE, {"value": plate}))
    phone = notice.driver_phone.strip()
    if phone and not is_driver_phone(phone):
        errors.append(FieldError("driver_phone", ErrorCode.PHONE, {"value": phone}))
    for i, line in enumerate(notice.lines):
        if line.is_blank:
            continue
        if not line.spec.strip() and line.quantity is not None:
            errors.append(FieldError(f"lines.{i}.spec", ErrorCode.REQUIRED))
        if line.quantity is not None and line.quantity <= 0:
            errors.append(FieldError(f"lines.{i}.quantity", ErrorCode.QUANTITY))
        if parse_unit(line.unit) is None:
            errors.append(FieldError(f"lines.{i}.unit", ErrorCode.CHOICE, {"value": line.unit}))
    days = SHIP_TIME_WINDOW.days
    if notice.ship_time is not None and abs(notice.ship_time - now) > SHIP_TIME_WINDOW:
        errors.append(FieldError("ship_time", ErrorCode.TIME_FAR, {"days": days}))
    if notice.ship_time is not None and notice.eta is not None:
        if notice.eta <= notice.ship_time:
            errors.append(FieldError("eta", ErrorCode.ETA_BEFORE_SHIP))
        elif notice.eta - notice.ship_time > TRANSIT_LIMIT:
            errors.append(FieldError("eta", ErrorCode.TIME_FAR, {"days": TRANSIT_LIMIT.days}))
    return errors


def missing_elements(notice: NoticeFacts) -> list[Element]:
    """Which of the five elements the notice lacks, in their order; a line counts only with
    both a spec and a quantity."""
    missing: list[Element] = []
    if not any(line.spec.strip() and line.quantity is not None for line in notice.lines):
        missing.append(Element.SPEC_QUANTITY)
    if notice.ship_time is None:
        missing.append(Element.SHIP_TIME)
    if not notice.truck_plate.strip():
        missing.append(Element.TRUCK_PLATE)
    if not notice.driver_phone.strip():
        missing.append(Element.DRIVER_PHONE)
    if notice.eta is None:
        missing.append(Element.ETA)
    return missing


def check_savable(notice: NoticeFacts, now: datetime) -> NoticeFacts:
    """The notice normalised, or :class:`ValidationFailed` with every problem at once."""
    if errors := check(notice, now):
        raise ValidationFailed(errors)
    return normalized(notice)


def check_sendable(notice: NoticeFacts, now: datetime) -> NoticeFacts:
    """As :func:`check_savable`, and each missing element is a REQUIRED error on its field."""
    errors = check(notice, now)
    errors += [FieldError(str(e), ErrorCode.REQUIRED) for e in missing_elements(notice)]
    if errors:
        raise ValidationFailed(errors)
    return normalized(notice)


# --- life on the road --------------------------------------------------------------------------


@dataclass(frozen=True)
class NoticeState:
    status: ShipmentStatus
    eta: datetime | None
    first_eta: datetime | None = None
    arrived_at: datetime | None = None


def after_send(state: NoticeState) -> NoticeState:
    """A send: a draft becomes sent; the first ETA is fixed by the first send only."""
    if state.status in (ShipmentStatus.ARRIVED, ShipmentStatus.CANCELLED):
        raise ValidationFailed(
            [FieldError("status", ErrorCode.ALREADY_CLOSED, {"value": state.status})]
        )
    first = state.first_eta if state.first_eta is not None else state.eta
    return replace(state, status=ShipmentStatus.SENT, first_eta=first)


def eta_slipped(state: NoticeState, new_eta: datetime | None) -> bool:
    """True when a notice the customer already has gets a different ETA: the app then drafts an
    updated notice with an apology (sent as an update)."""
    return state.status is ShipmentStatus.SENT and new_eta is not None and new_eta != state.eta


def confirm_arrival(state: NoticeState, at: datetime, now: datetime) -> NoticeState:
    """Arrival of a sent notice at ``at`` (not in the future). Refused on a draft (never sent:
    ``status`` CHOICE), a cancelled or already arrived notice (ALREADY_CLOSED)."""
    require_aware("at", at)
    if state.status in (ShipmentStatus.ARRIVED, ShipmentStatus.CANCELLED):
        raise ValidationFailed(
            [FieldError("status", ErrorCode.ALREADY_CLOSED, {"value": state.status})]
        )
    if state.status is not ShipmentStatus.SENT:
        raise ValidationFailed([FieldError("status", ErrorCode.CHOICE, {"value": state.status})])
    if at > now + timedelta(minutes=5):
        raise ValidationFailed([FieldError("arrived_at", ErrorCode.IN_FUTURE)])
    return replace(state, status=ShipmentStatus.ARRIVED, arrived_at=at)


def is_late(state: NoticeState, now: datetime) -> bool:
    """On the road past its (latest) ETA."""
    return state.status is ShipmentStatus.SENT and state.eta is not None and now > state.eta


@dataclass(frozen=True)
class OnTime:
    """Arrived notices: how many, and how many by the first ETA and by the latest one."""

    arrived: int
    by_first_eta: int
    by_latest_eta: int

    @property
    def rate_first(self) -> float | None:
        return self.by_first_eta / self.arrived if self.arrived else None

    @property
    def rate_latest(self) -> float | None:
        return self.by_latest_eta / self.arrived if self.arrived else None


def on_time(states: Iterable[NoticeState]) -> OnTime:
    """On time means arrived at or before the ETA. A notice arrived without a first ETA (never
    sent) counts against its latest ETA for both figures."""
    arrived = first = latest = 0
    for s in states:
        if s.status is not ShipmentStatus.ARRIVED or s.arrived_at is None:
            continue
        arrived += 1
        promised = s.first_eta if s.first_eta is not None else s.eta
        first += promised is not None and s.arrived_at <= promised
        latest += s.eta is not None and s.arrived_at <= s.eta
    return OnTime(arrived, first, latest)


# --- SMS segments ------------------------------------------------------------------------------


_GSM_EXTENDED = frozenset("^{}\\[]~|")  # in GSM-7's extension table: two septets each


def is_gsm7(text: str) -> bool:
    """Pure ASCII (printable, newline) goes as GSM 7-bit; the backtick is not in its alphabet."""
    return all(c in "\r\n" or " " <= c <= "~" for c in text) and "`" not in text


def sms_segments(text: str) -> int:
    """How many SMS a text takes: GSM-7 160 in one, 153 each when split; otherwise UCS-2 (any
    Chinese), 70 in one, 67 each when split, counted in UTF-16 units."""
    if not text:
        return 0
    if is_gsm7(text):
        n, single, multi = len(text) + sum(c in _GSM_EXTENDED for c in text), 160, 153
    else:
        n, single, multi = len(text.encode("utf-16-le")) // 2, 70, 67
    return 1 if n <= single else math.ceil(n / multi)
