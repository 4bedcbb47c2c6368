"""Every synced entity, its fields, who owns each field, and how a row belongs to a customer.

This table is the one place the sync protocol, the HQ server's schema and the merge read their
field lists from; a test keeps the laptop's models (``salesdesk.db.models``) equal to it. It is
pure data with no SQLAlchemy, so both the laptop and HQ can import it.

Ownership decides a merge conflict (docs/SYNC.md): HQ-owned fields (assignment, credit terms, the
catalogue, orders, accounts) can only be written by HQ staff; salesperson-owned fields win over
HQ's edit; shared fields go to the latest edit by hybrid logical clock.

Over 500 lines because the table itself is most of it (one entry per entity, one line per
field): split, the one place to read every synced field would be several.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from decimal import Decimal, InvalidOperation
from enum import StrEnum
from typing import Any

from salesdesk.domain.people import Role


class Kind(StrEnum):
    """How a field's value travels (see :mod:`salesdesk.domain.wire`) and is stored."""

    STR = "str"  # bounded string
    TEXT = "text"  # unbounded string
    INT = "int"
    BOOL = "bool"
    DECIMAL = "decimal"  # exact, with a fixed number of places; travels as a string
    DATE = "date"
    DATETIME = "datetime"  # timezone-aware, normalised to UTC
    UUID = "uuid"
    STR_LIST = "str_list"  # a JSON list of strings (tags)


class Owner(StrEnum):
    HQ = "hq"  # only HQ staff write it; HQ wins
    SALES = "sales"  # the salesperson's record; the salesperson wins over HQ
    SHARED = "shared"  # latest edit by HLC wins


class Scope(StrEnum):
    """How a row belongs to a customer, which decides who may see it."""

    GLOBAL = "global"  # everyone reads it (catalogue, people); only HQ writes
    CUSTOMER = "customer"  # the customer row itself
    CHILD = "child"  # belongs to the customer named by ``parent_field`` (directly or via parent)


class _Now:
    """Sentinel default: the time of the insert."""

    def __repr__(self) -> str:
        return "NOW"


NOW = _Now()
REQUIRED: Any = object()
"""Sentinel default: an insert must carry the field."""


@dataclass(frozen=True)
class FieldSpec:
    name: str
    kind: Kind
    owner: Owner = Owner.SHARED
    nullable: bool = False
    default: Any = REQUIRED
    max_len: int | None = None  # for STR
    scale: int = 0  # for DECIMAL
    ref: str | None = None  # entity a UUID field points to
    immutable: bool = False  # set at insert, never changed (parent links decide scope)
    unique: bool = False  # no two rows share the value (codes, numbers, usernames)

    @property
    def required(self) -> bool:
        return self.default is REQUIRED

    def default_value(self, now: datetime) -> Any:
        if self.default is NOW:
            return now
        if self.default is REQUIRED:
            raise KeyError(self.name)
        if isinstance(self.default, list):
            return list(self.default)
        return self.default


@dataclass(frozen=True)
class EntitySpec:
    name: str  # the wire name, also the table name on both sides
    fields: tuple[FieldSpec, ...]
    scope: Scope
    parent_field: str | None = None  # CHILD: the UUID field that leads to the customer
    parent_entity: str | None = None  # CHILD: the entity that field points to
    sales_insert: bool = False
    sales_delete: bool = False
    # The HQ-owned field naming the salesperson a row belongs to: a salesperson's new row
    # starts as theirs (domain/ownership.py); only HQ changes it afterwards.
    owner_field: str | None = None
    by_name: Mapping[str, FieldSpec] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "by_name", {f.name: f for f in self.fields})
        if self.owner_field is not None and self.by_name[self.owner_field].owner is not Owner.HQ:
            raise ValueError(f"{self.name}.{self.owner_field}: an owner field is HQ-owned")

    @property
    def field_names(self) -> tuple[str, ...]:
        return tuple(f.name for f in self.fields)

    @property
    def hq_only(self) -> bool:
        """True if a salesperson may not write this entity at all."""
        return not self.sales_insert and all(f.owner is Owner.HQ for f in self.fields)

    def may_write(self, role: Role, name: str) -> bool:
        spec = self.by_name[name]
        return role is Role.HQ or spec.owner is not Owner.HQ

    def may_insert(self, role: Role) -> bool:
        return role is Role.HQ or self.sales_insert

    def may_delete(self, role: Role) -> bool:
        return role is Role.HQ or self.sales_delete


# --- the table ------------------------------------------------------------------------------

H, S, X = Owner.HQ, Owner.SALES, Owner.SHARED


def _str(
    name: str, n: int, owner: Owner = X, default: Any = "", *, unique: bool = False
) -> FieldSpec:
    return FieldSpec(name, Kind.STR, owner, default=default, max_len=n, unique=unique)


def _text(name: str, owner: Owner = X, default: Any = "") -> FieldSpec:
    return FieldSpec(name, Kind.TEXT, owner, default=default)


def _ref(
    name: str, entity: str, owner: Owner = X, *, nullable: bool = True, immutable: bool = False
) -> FieldSpec:
    return FieldSpec(
        name,
        Kind.UUID,
        owner,
        nullable=nullable,
        default=None if nullable else REQUIRED,
        ref=entity,
        immutable=immutable,
    )


def _opt(name: str, kind: Kind, owner: Owner = X, scale: int = 0) -> FieldSpec:
    return FieldSpec(name, kind, owner, nullable=True, default=None, scale=scale)


def _deleted(owner: Owner = X) -> FieldSpec:
    # The tombstone; it travels like a field so a delete is an ordinary change.
    return FieldSpec("deleted_at", Kind.DATETIME, owner, nullable=True, default=None)


ENTITIES: tuple[EntitySpec, ...] = (
    EntitySpec(
        "users",
        (
            _str("username", 64, H, default=REQUIRED, unique=True),
            _str("display_name", 100, H, default=REQUIRED),
            _str("role", 16, H, default="sales"),
            _str("email", 200, H),
            _str("phone", 40, H),
            # HQ staff's department (domain/people.py: Department); "" for salespeople.
            _str("department", 50, H),
            FieldSpec("active", Kind.BOOL, H, default=True),
            _deleted(H),
        ),
        Scope.GLOBAL,
    ),
    EntitySpec(
        "customers",
        (
            _str("name", 200, default=REQUIRED),
            _str("short_name", 100),
            _str("name_key", 200),
            _str("category", 16, S, default="ordinary"),
            _str("industry", 100),
            _str("tax_id", 18),
            _str("region", 50),
            _str("province", 50),
            _str("city", 50),
            _str("address", 300),
            _str("phone", 40),
            _str("email", 200),
            _str("website", 200),
            _opt("visit_cadence_days", Kind.INT, S),
            _ref("assigned_to_id", "users", H),
            _str("credit_terms", 100, H),
            FieldSpec("tags", Kind.STR_LIST, S, default=[]),
            _text("notes", S),
            _deleted(),
        ),
        Scope.CUSTOMER,
        sales_insert=True,
        owner_field="assigned_to_id",
    ),
    EntitySpec(
        "contacts",
        (
            _ref("customer_id", "customers", nullable=False, immutable=True),
            _str("name", 100, default=REQUIRED),
            _str("role", 100),
            _str("mobile", 20),
            _str("landline", 40),
            _str("email", 200),
            _str("wechat", 100),
            FieldSpec("is_primary", Kind.BOOL, default=False),
            _text("notes"),
            _deleted(),
        ),
        Scope.CHILD,
        "customer_id",
        "customers",
        sales_insert=True,
        sales_delete=True,
    ),
    EntitySpec(
        "products",
        (
            _str("code", 50, H, default=REQUIRED, unique=True),
            _str("name", 200, H, default=REQUIRED),
            _str("spec", 300, H),
            _str("unit", 16, H, default="t"),
            FieldSpec("active", Kind.BOOL, H, default=True),
            _deleted(H),
        ),
        Scope.GLOBAL,
    ),
    EntitySpec(
        "orders",
        (
            _ref("customer_id", "customers", H, nullable=False, immutable=True),
            _str("order_no", 50, H, default=REQUIRED, unique=True),
            FieldSpec("order_date", Kind.DATE, H),
            FieldSpec("amount", Kind.DECIMAL, H, scale=2),
            _str("currency", 3, H, default="CNY"),
            _ref("product_id", "products", H),
            _text("notes", H),
            _deleted(H),
        ),
        Scope.CHILD,
        "customer_id",
        "customers",
    ),
    EntitySpec(
        "visits",
        (
            _ref("customer_id", "customers", S, nullable=False, immutable=True),
            _ref("salesperson_id", "users", S),
            # The plan (domain/visits.py): a time window, where, whom to meet and why.
            FieldSpec("starts_at", Kind.DATETIME, S),
            _opt("ends_at", Kind.DATETIME, S),
            _str("place", 300, S),
            FieldSpec("contact_ids", Kind.STR_LIST, S, default=[]),
            _text("purpose", S),
            _str("status", 16, S, default="planned"),
            _text("reason", S),  # why it was cancelled or last rescheduled
            FieldSpec("sequence", Kind.INT, S, default=0),  # grows with each change (.ics)
            # The outcome (拜访纪要).
            _opt("visited_at", Kind.DATETIME, S),
            FieldSpec("met_contact_ids", Kind.STR_LIST, S, default=[]),
            _text("met_with", S),  # others present, by name
            _text("discussed", S),
            _text("customer_needs", S),
            _text("dislikes", S),
            _text("receiving_problems", S),
            _text("improvements", S),
            _text("next_step", S),
            _opt("summary_printed_at", Kind.DATETIME, S),
            _deleted(),
        ),
        Scope.CHILD,
        "customer_id",
        "customers",
        sales_insert=True,
        sales_delete=True,
    ),
    EntitySpec(
        "visit_events",
        (
            # A visit's history, append-only: rescheduled, done, cancelled (domain/visits.py).
            _ref("visit_id", "visits", S, nullable=False, immutable=True),
            _str("kind", 16, S, default=REQUIRED),
            FieldSpec("at", Kind.DATETIME, S, default=NOW),
            _ref("by_id", "users", S),
            _text("reason", S),
            _opt("previous_starts_at", Kind.DATETIME, S),
            _opt("previous_ends_at", Kind.DATETIME, S),
            _deleted(),
        ),
        Scope.CHILD,
        "visit_id",
        "visits",
        sales_insert=True,
    ),
    EntitySpec(
        "competitor_quotes",
        (
            _ref("customer_id", "customers", S, nullable=False, immutable=True),
            _ref("visit_id", "visits", S),
            _str("competitor", 200, S, default=REQUIRED),
            _ref("product_id", "products", S),
            _str("product_text", 300, S),
            _opt("their_price", Kind.DECIMAL, S, scale=2),
            _opt("our_price", Kind.DECIMAL, S, scale=2),
            _str("currency", 3, S, default="CNY"),
            _str("unit", 16, S, default="t"),
            _text("notes", S),
            _deleted(),
        ),
        Scope.CHILD,
        "customer_id",
        "customers",
        sales_insert=True,
        sales_delete=True,
    ),
    EntitySpec(
        "promises",
        (
            _ref("customer_id", "customers", S, nullable=False, immutable=True),
            _ref("contact_id", "contacts", S),
            _str("made_to", 100, S),  # to whom, when not a contact on file
            _ref("visit_id", "visits", S),
            _ref("made_by_id", "users", S),
            FieldSpec("made_on", Kind.DATE, S),
            _text("description", S, default=REQUIRED),
            FieldSpec("due", Kind.DATE, S),
            # Who must deliver it: "" for the salesperson who made it, else an HQ department.
            _str("department", 50, S),
            # Whoever delivers (often HQ) records the outcome: latest edit wins.
            _str("status", 16, default="open"),
            _opt("closed_at", Kind.DATETIME),
            _ref("closed_by_id", "users"),
            _text("reason"),
            _deleted(),
        ),
        Scope.CHILD,
        "customer_id",
        "customers",
        sales_insert=True,
        sales_delete=True,
    ),
    EntitySpec(
        "shipment_notices",
        (
            # 发货通知 (domain/shipments.py). Written by the salesperson or by HQ logistics
            # (who send it the notice): every field is shared, the latest edit wins.
            _ref("customer_id", "customers", nullable=False, immutable=True),
            _str("notice_no", 50),
            _ref("order_id", "orders"),
            _str("order_ref", 100),  # the order as the customer knows it, free text
            FieldSpec("recipient_contact_ids", Kind.STR_LIST, default=[]),
            _str("language", 8, default="zh"),  # the customer's: zh or en
            # The five elements: the lines, then these.
            _opt("ship_time", Kind.DATETIME),
            _str("carrier", 100),
            _str("truck_plate", 20),  # normalised: 粤B12345
            _str("driver_name", 50),
            _str("driver_phone", 20),  # normalised: 13800138000, 0755-26543210-8
            _opt("eta", Kind.DATETIME),
            _opt("first_eta", Kind.DATETIME),  # the ETA of the first send; never changes after
            _text("remarks"),
            _str("status", 16, default="draft"),
            _opt("arrived_at", Kind.DATETIME),
            _str("received_by", 100),
            _text("arrival_remarks"),
            _ref("created_by_id", "users"),
            _deleted(),
        ),
        Scope.CHILD,
        "customer_id",
        "customers",
        sales_insert=True,
        sales_delete=True,
    ),
    EntitySpec(
        "shipment_lines",
        (
            _ref("notice_id", "shipment_notices", nullable=False, immutable=True),
            _ref("product_id", "products"),
            _str("spec", 300, default=REQUIRED),
            FieldSpec("quantity", Kind.DECIMAL, scale=3),
            _str("unit", 16, default="t"),
            _str("batch_no", 50),
            FieldSpec("position", Kind.INT, default=0),
            _deleted(),
        ),
        Scope.CHILD,
        "notice_id",
        "shipment_notices",
        sales_insert=True,
        sales_delete=True,
    ),
    EntitySpec(
        "shipment_dispatches",
        (
            # The send log: one row per recipient and channel, append-only but for its result,
            # which the laptop that sent it writes when the mail outbox reports.
            _ref("notice_id", "shipment_notices", S, nullable=False, immutable=True),
            FieldSpec("sent_at", Kind.DATETIME, S, default=NOW),
            _str("channel", 16, S, default="email"),  # email, sms, pdf, copy
            _ref("contact_id", "contacts", S),
            _str("recipient", 200, S),  # the address or number, with the name
            _opt("eta", Kind.DATETIME, S),  # the ETA this send told
            FieldSpec("is_update", Kind.BOOL, S, default=False),
            _text("message", S),  # the text sent (or the subject of an email)
            _str("result", 16, S, default="queued"),  # queued, sent, failed, unknown
            _text("detail", S),  # the server's reason
            _opt("result_at", Kind.DATETIME, S),
            FieldSpec("outbox_id", Kind.UUID, S, nullable=True, default=None),  # laptop-local
            _ref("sent_by_id", "users", S),
            _deleted(),
        ),
        Scope.CHILD,
        "notice_id",
        "shipment_notices",
        sales_insert=True,
        sales_delete=True,
    ),
    EntitySpec(
        "complaints",
        (
            # Received (domain/complaints.py): who complained, how, about what, in their words.
            _ref("customer_id", "customers", nullable=False, immutable=True),
            # For people, not a key: "TS-<day>-<4 chars of the laptop's id>-<n>" (readable over
            # the phone; two laptops never make the same one without sharing a tag and a day).
            _str("reference", 40, default=REQUIRED),
            _ref("contact_id", "contacts"),
            _str("contact_name", 100),  # who complained, when not a contact on file
            _str("channel", 16, default="phone"),
            _str("category", 16, default="other"),
            _str("severity", 16, default="normal"),
            _text("description", default=REQUIRED),
            _ref("shipment_notice_id", "shipment_notices"),
            _ref("product_id", "products"),
            _str("batch_no", 50),
            FieldSpec("received_at", Kind.DATETIME, default=NOW),
            _ref("received_by_id", "users"),
            # Where it is: the state machine's status, the HQ department it went to, a pause.
            _str("department", 50),
            _str("status", 20, default="received"),
            _opt("paused_at", Kind.DATETIME),
            # The committed clock's deadlines, stored so a page sorts by them; whoever writes
            # an event (or edits the calendar) recomputes them (domain/complaint_clock.py).
            _opt("first_contact_due", Kind.DATETIME),
            _opt("resolution_due", Kind.DATETIME),
            _opt("contacted_at", Kind.DATETIME),
            _opt("resolved_at", Kind.DATETIME),
            _opt("closed_at", Kind.DATETIME),
            _opt("satisfaction", Kind.INT),  # 1-5, as the customer said
            _text("satisfaction_comment"),
            _deleted(),
        ),
        Scope.CHILD,
        "customer_id",
        "customers",
        sales_insert=True,
        sales_delete=True,
    ),
    EntitySpec(
        "complaint_events",
        (
            # The complaint's timeline, append-only: each side adds rows, nobody edits one.
            _ref("complaint_id", "complaints", nullable=False, immutable=True),
            _str("kind", 20, default=REQUIRED),
            FieldSpec("at", Kind.DATETIME, default=NOW),
            _ref("by_id", "users"),
            _text("text"),
            _str("department", 50),  # escalated to
            _text("reason"),  # paused, reopened, refused: why
            _opt("score", Kind.INT),  # satisfaction, 1-5
            _deleted(),
        ),
        Scope.CHILD,
        "complaint_id",
        "complaints",
        sales_insert=True,
    ),
    EntitySpec(
        "complaint_attachments",
        (
            # A photo or document; the bytes live content-addressed in the data directory.
            _ref("complaint_id", "complaints", nullable=False, immutable=True),
            _str("sha256", 64, default=REQUIRED),
            _str("filename", 255, default=REQUIRED),
            FieldSpec("size", Kind.INT, default=0),
            _str("mime", 100),
            _deleted(),
        ),
        Scope.CHILD,
        "complaint_id",
        "complaints",
        sales_insert=True,
        sales_delete=True,
    ),
)
"""Parents before children: the order rows are created in and a pull applies them in."""

ENTITY: Mapping[str, EntitySpec] = {e.name: e for e in ENTITIES}
ENTITY_RANK: Mapping[str, int] = {e.name: i for i, e in enumerate(ENTITIES)}


def customer_path(entity: str) -> list[tuple[str, str]]:
    """The ``(entity, parent_field)`` hops from a row up to its customer (empty for customers)."""
    hops: list[tuple[str, str]] = []
    spec = ENTITY[entity]
    while spec.scope is Scope.CHILD:
        assert spec.parent_field is not None and spec.parent_entity is not None
        hops.append((spec.name, spec.parent_field))
        spec = ENTITY[spec.parent_entity]
    return hops


# --- values -------------------------------------------------------------------------------


class FieldError(ValueError):
    """A value that cannot be stored in a field; the message names the field and the problem."""

    def __init__(self, entity: str, name: str, problem: str) -> None:
        super().__init__(f"{entity}.{name}: {problem}")
        self.entity = entity
        self.field = name
        self.problem = problem


def decode(entity: str, spec: FieldSpec, value: Any) -> Any:
    """Turns a wire value into the field's Python value, or raises :class:`FieldError`."""
    if value is None:
        if spec.nullable:
            return None
        raise FieldError(entity, spec.name, "may not be empty")
    try:
        return _DECODERS[spec.kind](spec, value)
    except FieldError:
        raise
    except (ValueError, TypeError, InvalidOperation) as exc:
        raise FieldError(entity, spec.name, str(exc) or type(exc).__name__) from None


def _dec_str(spec: FieldSpec, value: Any) -> str:
    if not isinstance(value, str):
        raise TypeError("expected text")
    if spec.max_len is not None and len(value) > spec.max_len:
        raise ValueError(f"longer than {spec.max_len} characters")
    return value


def _dec_int(spec: FieldSpec, value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError("expected a whole number")
    if not -(2**31) <= value < 2**31:
        raise ValueError("out of range")
    return value


def _dec_bool(spec: FieldSpec, value: Any) -> bool:
    if not isinstance(value, bool):
        raise TypeError("expected true or false")
    return value


def _dec_decimal(spec: FieldSpec, value: Any) -> Decimal:
    if isinstance(value, bool) or not isinstance(value, str | int):
        raise TypeError("expected a decimal string")
    number = Decimal(value)
    if not number.is_finite():
        raise ValueError("not a finite number")
    quantum = Decimal(1).scaleb(-spec.scale)
    if number != number.quantize(quantum):
        raise ValueError(f"more than {spec.scale} decimal places")
    if abs(number) >= Decimal(10) ** (16 - spec.scale):
        raise ValueError("out of range")
    return number.quantize(quantum)


def _dec_date(spec: FieldSpec, value: Any) -> date:
    if not isinstance(value, str):
        raise TypeError("expected an ISO date")
    return date.fromisoformat(value)


def _dec_datetime(spec: FieldSpec, value: Any) -> datetime:
    if not isinstance(value, str):
        raise TypeError("expected an ISO time")
    parsed = datetime.fromisoformat(value)
    if parsed.tzinfo is None:
        raise ValueError("time without a time zone")
    return parsed.astimezone(UTC)


def _dec_uuid(spec: FieldSpec, value: Any) -> uuid.UUID:
    if not isinstance(value, str):
        raise TypeError("expected a UUID string")
    return uuid.UUID(value)


def _dec_str_list(spec: FieldSpec, value: Any) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise TypeError("expected a list of text")
    return list(value)


_DECODERS: dict[Kind, Any] = {
    Kind.STR: _dec_str,
    Kind.TEXT: _dec_str,
    Kind.INT: _dec_int,
    Kind.BOOL: _dec_bool,
    Kind.DECIMAL: _dec_decimal,
    Kind.DATE: _dec_date,
    Kind.DATETIME: _dec_datetime,
    Kind.UUID: _dec_uuid,
    Kind.STR_LIST: _dec_str_list,
}
