"""The whole product's schema.

Shared tables derive from :class:`Synced` and travel to HQ through the outbox. Local tables
(``outbox``, ``sync_state``, ``sync_conflict``, ``search_doc``, ``app_setting``,
``visit_drafts``, ``mail_outbox``) never leave the laptop. Child records (visits, promises,
notices, complaint events) are separate rows so two people adding them never conflict.

Just over 500 lines: the schema in one place (one class per table, a test keeps it equal to
``domain/entities.py``); split, the one place to read every column would be several.
"""

from __future__ import annotations

import uuid
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Date,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
    Uuid,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column

from salesdesk.db.base import Base, Synced
from salesdesk.db.types import Money, Quantity, UTCDateTime
from salesdesk.domain.clock import utcnow

# --- people -------------------------------------------------------------------------------


class User(Synced, Base):
    """A salesperson or an HQ staff member. HQ owns these rows; laptops receive them."""

    __tablename__ = "users"
    __sync_entity__ = "users"

    username: Mapped[str] = mapped_column(String(64), unique=True)
    display_name: Mapped[str] = mapped_column(String(100))
    role: Mapped[str] = mapped_column(String(16), default="sales")
    email: Mapped[str] = mapped_column(String(200), default="")
    phone: Mapped[str] = mapped_column(String(40), default="")
    department: Mapped[str] = mapped_column(String(50), default="")
    active: Mapped[bool] = mapped_column(Boolean, default=True)


# --- customers ----------------------------------------------------------------------------


class Customer(Synced, Base):
    __tablename__ = "customers"
    __sync_entity__ = "customers"
    # Derived on each laptop (from the orders, the name, the visits it holds); never merged.
    __sync_local__ = frozenset({"tier", "sales_12m", "sort_key", "last_visit_at"})
    __table_args__ = (
        Index("ix_customers_sort_key", "sort_key"),
        Index("ix_customers_name_key", "name_key"),
        Index("ix_customers_region", "region"),
        Index("ix_customers_assigned_to_id", "assigned_to_id"),
        Index("ix_customers_tier", "tier"),
        Index("ix_customers_category", "category"),
        Index("ix_customers_tax_id", "tax_id"),
        # The overdue-contacts list reads only those past their cadence's cut-off, in due order.
        Index(
            "ix_customers_due", "visit_cadence_days", "tier", "last_visit_at", "created_at", "id",
            sqlite_where=text("deleted_at IS NULL"),
        ),
        # Lists of promises leave out those of the (few) deleted customers, looked up here.
        Index("ix_customers_deleted", "id", sqlite_where=text("deleted_at IS NOT NULL")),
    )

    name: Mapped[str] = mapped_column(String(200))
    short_name: Mapped[str] = mapped_column(String(100), default="")
    # The name without company suffixes and punctuation: what duplicate detection compares.
    name_key: Mapped[str] = mapped_column(String(200), default="")
    # Pinyin of the name, so lists sort the way Chinese readers expect (kept by the search index).
    sort_key: Mapped[str] = mapped_column(String(400), default="")
    category: Mapped[str] = mapped_column(String(16), default="ordinary")
    # Computed from trailing-12-month sales by the ABC rule; NULL until there are sales.
    tier: Mapped[str | None] = mapped_column(String(1), default=None)
    sales_12m: Mapped[Decimal] = mapped_column(Money(), default=Decimal("0.00"))
    # When its last done, live visit took place; kept by SQLite triggers on visits (laptop
    # migration 0007), so no writer sets it. NULL if never visited.
    last_visit_at: Mapped[datetime | None] = mapped_column(UTCDateTime, default=None)
    industry: Mapped[str] = mapped_column(String(100), default="")
    # 统一社会信用代码: identifies a company for certain (duplicates, invoices).
    tax_id: Mapped[str] = mapped_column(String(18), default="")
    region: Mapped[str] = mapped_column(String(50), default="")
    province: Mapped[str] = mapped_column(String(50), default="")
    city: Mapped[str] = mapped_column(String(50), default="")
    address: Mapped[str] = mapped_column(String(300), default="")
    phone: Mapped[str] = mapped_column(String(40), default="")
    email: Mapped[str] = mapped_column(String(200), default="")
    website: Mapped[str] = mapped_column(String(200), default="")
    # Days between visits; NULL means "use the tier's default cadence".
    visit_cadence_days: Mapped[int | None] = mapped_column(Integer, default=None)
    assigned_to_id: Mapped[uuid.UUID | None] = mapped_column(
        Uuid, ForeignKey("users.id"), default=None
    )
    credit_terms: Mapped[str] = mapped_column(String(100), default="")
    tags: Mapped[list[str]] = mapped_column(JSON, default=list)
    notes: Mapped[str] = mapped_column(Text, default="")


class Contact(Synced, Base):
    __tablename__ = "contacts"
    __sync_entity__ = "contacts"
    __table_args__ = (Index("ix_contacts_customer_id", "customer_id"),)

    customer_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("customers.id"))
    name: Mapped[str] = mapped_column(String(100))
    role: Mapped[str] = mapped_column(String(100), default="")
    mobile: Mapped[str] = mapped_column(String(20), default="")
    landline: Mapped[str] = mapped_column(String(40), default="")
    email: Mapped[str] = mapped_column(String(200), default="")
    wechat: Mapped[str] = mapped_column(String(100), default="")
    is_primary: Mapped[bool] = mapped_column(Boolean, default=False)
    notes: Mapped[str] = mapped_column(Text, default="")


# --- catalogue and sales ------------------------------------------------------------------


class Product(Synced, Base):
    """A specification in the catalogue, e.g. PVDF-coated aluminium coil 0.8 × 1250 mm."""

    __tablename__ = "products"
    __sync_entity__ = "products"

    code: Mapped[str] = mapped_column(String(50), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    spec: Mapped[str] = mapped_column(String(300), default="")
    unit: Mapped[str] = mapped_column(String(16), default="t")
    active: Mapped[bool] = mapped_column(Boolean, default=True)


class Order(Synced, Base):
    """A sales order as HQ books it; the source of the sales figures behind the ABC tiers."""

    __tablename__ = "orders"
    __sync_entity__ = "orders"
    __table_args__ = (Index("ix_orders_customer_id_order_date", "customer_id", "order_date"),)

    customer_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("customers.id"))
    order_no: Mapped[str] = mapped_column(String(50), unique=True)
    order_date: Mapped[date] = mapped_column(Date)
    amount: Mapped[Decimal] = mapped_column(Money())
    currency: Mapped[str] = mapped_column(String(3), default="CNY")
    product_id: Mapped[uuid.UUID | None] = mapped_column(
        Uuid, ForeignKey("products.id"), default=None
    )
    notes: Mapped[str] = mapped_column(Text, default="")


# --- visits -------------------------------------------------------------------------------


class Visit(Synced, Base):
    """A planned visit (接触计划) and, once made, its outcome (拜访纪要)."""

    __tablename__ = "visits"
    __sync_entity__ = "visits"
    __table_args__ = (
        Index("ix_visits_customer_id", "customer_id"),
        Index("ix_visits_starts_at", "starts_at"),
        # Each customer's last done visit in one seek (the overdue-contacts list, issue 13).
        Index(
            "ix_visits_last_done",
            "customer_id",
            "visited_at",
            sqlite_where=text("status = 'done' AND deleted_at IS NULL"),
        ),
    )

    customer_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("customers.id"))
    salesperson_id: Mapped[uuid.UUID | None] = mapped_column(
        Uuid, ForeignKey("users.id"), default=None
    )
    starts_at: Mapped[datetime] = mapped_column(UTCDateTime)
    ends_at: Mapped[datetime | None] = mapped_column(UTCDateTime, default=None)
    place: Mapped[str] = mapped_column(String(300), default="")
    contact_ids: Mapped[list[str]] = mapped_column(JSON, default=list)
    purpose: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[str] = mapped_column(String(16), default="planned")
    reason: Mapped[str] = mapped_column(Text, default="")
    sequence: Mapped[int] = mapped_column(Integer, default=0)
    visited_at: Mapped[datetime | None] = mapped_column(UTCDateTime, default=None)
    met_contact_ids: Mapped[list[str]] = mapped_column(JSON, default=list)
    met_with: Mapped[str] = mapped_column(Text, default="")
    discussed: Mapped[str] = mapped_column(Text, default="")
    customer_needs: Mapped[str] = mapped_column(Text, default="")
    dislikes: Mapped[str] = mapped_column(Text, default="")
    receiving_problems: Mapped[str] = mapped_column(Text, default="")
    improvements: Mapped[str] = mapped_column(Text, default="")
    next_step: Mapped[str] = mapped_column(Text, default="")
    summary_printed_at: Mapped[datetime | None] = mapped_column(UTCDateTime, default=None)


class VisitEvent(Synced, Base):
    """A visit's history, append-only: rescheduled (from when), done, cancelled (why)."""

    __tablename__ = "visit_events"
    __sync_entity__ = "visit_events"
    __table_args__ = (Index("ix_visit_events_visit_id", "visit_id"),)

    visit_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("visits.id"))
    kind: Mapped[str] = mapped_column(String(16))
    at: Mapped[datetime] = mapped_column(UTCDateTime)
    by_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, ForeignKey("users.id"), default=None)
    reason: Mapped[str] = mapped_column(Text, default="")
    previous_starts_at: Mapped[datetime | None] = mapped_column(UTCDateTime, default=None)
    previous_ends_at: Mapped[datetime | None] = mapped_column(UTCDateTime, default=None)


class VisitDraft(Base):
    """An outcome being typed, saved as the user types so it survives a crash or a restart.
    Local to this laptop; never synced (the visit's outcome syncs once it is recorded).

    No foreign key to ``visits``: an unplanned visit's draft is kept under the id the visit
    will get when its outcome is recorded (services/visits/outcomes.py)."""

    __tablename__ = "visit_drafts"

    visit_id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True)
    data: Mapped[Any] = mapped_column(JSON)
    saved_at: Mapped[datetime] = mapped_column(UTCDateTime)


class CompetitorQuote(Synced, Base):
    """Intelligence heard on a visit: "supplier X quoted 28,000 CNY/t, we quoted 28,800 CNY/t"."""

    __tablename__ = "competitor_quotes"
    __sync_entity__ = "competitor_quotes"
    __table_args__ = (Index("ix_competitor_quotes_customer_id", "customer_id"),)

    customer_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("customers.id"))
    visit_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, ForeignKey("visits.id"), default=None)
    competitor: Mapped[str] = mapped_column(String(200))
    product_id: Mapped[uuid.UUID | None] = mapped_column(
        Uuid, ForeignKey("products.id"), default=None
    )
    product_text: Mapped[str] = mapped_column(String(300), default="")
    their_price: Mapped[Decimal | None] = mapped_column(Money(), default=None)
    our_price: Mapped[Decimal | None] = mapped_column(Money(), default=None)
    currency: Mapped[str] = mapped_column(String(3), default="CNY")
    unit: Mapped[str] = mapped_column(String(16), default="t")
    notes: Mapped[str] = mapped_column(Text, default="")


# --- promises -----------------------------------------------------------------------------


class Promise(Synced, Base):
    """诺必践，践必果: what was promised, to whom, by when, and who must deliver it."""

    __tablename__ = "promises"
    __sync_entity__ = "promises"
    __table_args__ = (
        Index("ix_promises_customer_id", "customer_id"),
        Index("ix_promises_status_due", "status", "due"),
    )

    customer_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("customers.id"))
    contact_id: Mapped[uuid.UUID | None] = mapped_column(
        Uuid, ForeignKey("contacts.id"), default=None
    )
    made_to: Mapped[str] = mapped_column(String(100), default="")
    visit_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, ForeignKey("visits.id"), default=None)
    made_by_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, ForeignKey("users.id"), default=None)
    made_on: Mapped[date] = mapped_column(Date)
    description: Mapped[str] = mapped_column(Text)
    due: Mapped[date] = mapped_column(Date)
    department: Mapped[str] = mapped_column(String(50), default="")
    status: Mapped[str] = mapped_column(String(16), default="open")
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime, default=None)
    closed_by_id: Mapped[uuid.UUID | None] = mapped_column(
        Uuid, ForeignKey("users.id"), default=None
    )
    reason: Mapped[str] = mapped_column(Text, default="")


# --- shipments ----------------------------------------------------------------------------


class ShipmentNotice(Synced, Base):
    """发货通知: the five facts that end a customer's delivery anxiety (domain/shipments.py)."""

    __tablename__ = "shipment_notices"
    __sync_entity__ = "shipment_notices"
    __table_args__ = (
        Index("ix_shipment_notices_customer_id", "customer_id"),
        # The Shipments page and the Today page: on the road by ETA.
        Index("ix_shipment_notices_status_eta", "status", "eta"),
    )

    customer_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("customers.id"))
    notice_no: Mapped[str] = mapped_column(String(50), default="")
    order_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, ForeignKey("orders.id"), default=None)
    order_ref: Mapped[str] = mapped_column(String(100), default="")
    recipient_contact_ids: Mapped[list[str]] = mapped_column(JSON, default=list)
    language: Mapped[str] = mapped_column(String(8), default="zh")
    ship_time: Mapped[datetime | None] = mapped_column(UTCDateTime, default=None)
    carrier: Mapped[str] = mapped_column(String(100), default="")
    truck_plate: Mapped[str] = mapped_column(String(20), default="")
    driver_name: Mapped[str] = mapped_column(String(50), default="")
    driver_phone: Mapped[str] = mapped_column(String(20), default="")
    eta: Mapped[datetime | None] = mapped_column(UTCDateTime, default=None)
    first_eta: Mapped[datetime | None] = mapped_column(UTCDateTime, default=None)
    remarks: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[str] = mapped_column(String(16), default="draft")
    arrived_at: Mapped[datetime | None] = mapped_column(UTCDateTime, default=None)
    received_by: Mapped[str] = mapped_column(String(100), default="")
    arrival_remarks: Mapped[str] = mapped_column(Text, default="")
    created_by_id: Mapped[uuid.UUID | None] = mapped_column(
        Uuid, ForeignKey("users.id"), default=None
    )


class ShipmentLine(Synced, Base):
    __tablename__ = "shipment_lines"
    __sync_entity__ = "shipment_lines"
    __table_args__ = (Index("ix_shipment_lines_notice_id", "notice_id"),)

    notice_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("shipment_notices.id"))
    product_id: Mapped[uuid.UUID | None] = mapped_column(
        Uuid, ForeignKey("products.id"), default=None
    )
    spec: Mapped[str] = mapped_column(String(300))
    quantity: Mapped[Decimal] = mapped_column(Quantity())
    unit: Mapped[str] = mapped_column(String(16), default="t")
    batch_no: Mapped[str] = mapped_column(String(50), default="")
    position: Mapped[int] = mapped_column(Integer, default=0)


class ShipmentDispatch(Synced, Base):
    """One sending of a notice to one recipient by one channel (first notice, or an update
    after the ETA slipped); its result is written back when the mail outbox reports."""

    __tablename__ = "shipment_dispatches"
    __sync_entity__ = "shipment_dispatches"
    __table_args__ = (Index("ix_shipment_dispatches_notice_id", "notice_id"),)

    notice_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("shipment_notices.id"))
    sent_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    channel: Mapped[str] = mapped_column(String(16), default="email")
    contact_id: Mapped[uuid.UUID | None] = mapped_column(
        Uuid, ForeignKey("contacts.id"), default=None
    )
    recipient: Mapped[str] = mapped_column(String(200), default="")
    eta: Mapped[datetime | None] = mapped_column(UTCDateTime, default=None)
    is_update: Mapped[bool] = mapped_column(Boolean, default=False)
    message: Mapped[str] = mapped_column(Text, default="")
    result: Mapped[str] = mapped_column(String(16), default="queued")
    detail: Mapped[str] = mapped_column(Text, default="")
    result_at: Mapped[datetime | None] = mapped_column(UTCDateTime, default=None)
    # The mail outbox's row on the laptop that sent it (mail/outbox.py); not a foreign key:
    # the outbox is local and never synced.
    outbox_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, default=None)
    sent_by_id: Mapped[uuid.UUID | None] = mapped_column(
        Uuid, ForeignKey("users.id"), default=None
    )


# --- complaints ---------------------------------------------------------------------------


class Complaint(Synced, Base):
    """投诉: received, handled and timed against the committed clock (domain/complaints.py)."""

    __tablename__ = "complaints"
    __sync_entity__ = "complaints"
    __table_args__ = (
        Index("ix_complaints_customer_id", "customer_id"),
        Index("ix_complaints_reference", "reference"),
        # The Complaints page: open ones by their next deadline.
        Index("ix_complaints_status_first_contact_due", "status", "first_contact_due"),
    )

    customer_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("customers.id"))
    reference: Mapped[str] = mapped_column(String(40))
    contact_id: Mapped[uuid.UUID | None] = mapped_column(
        Uuid, ForeignKey("contacts.id"), default=None
    )
    contact_name: Mapped[str] = mapped_column(String(100), default="")
    channel: Mapped[str] = mapped_column(String(16), default="phone")
    category: Mapped[str] = mapped_column(String(16), default="other")
    severity: Mapped[str] = mapped_column(String(16), default="normal")
    description: Mapped[str] = mapped_column(Text)
    shipment_notice_id: Mapped[uuid.UUID | None] = mapped_column(
        Uuid, ForeignKey("shipment_notices.id"), default=None
    )
    product_id: Mapped[uuid.UUID | None] = mapped_column(
        Uuid, ForeignKey("products.id"), default=None
    )
    batch_no: Mapped[str] = mapped_column(String(50), default="")
    received_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    received_by_id: Mapped[uuid.UUID | None] = mapped_column(
        Uuid, ForeignKey("users.id"), default=None
    )
    department: Mapped[str] = mapped_column(String(50), default="")
    status: Mapped[str] = mapped_column(String(20), default="received")
    paused_at: Mapped[datetime | None] = mapped_column(UTCDateTime, default=None)
    first_contact_due: Mapped[datetime | None] = mapped_column(UTCDateTime, default=None)
    resolution_due: Mapped[datetime | None] = mapped_column(UTCDateTime, default=None)
    contacted_at: Mapped[datetime | None] = mapped_column(UTCDateTime, default=None)
    resolved_at: Mapped[datetime | None] = mapped_column(UTCDateTime, default=None)
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime, default=None)
    satisfaction: Mapped[int | None] = mapped_column(Integer, default=None)
    satisfaction_comment: Mapped[str] = mapped_column(Text, default="")


class ComplaintEvent(Synced, Base):
    """The complaint's timeline, append-only: who did what when, in the state machine's words."""

    __tablename__ = "complaint_events"
    __sync_entity__ = "complaint_events"
    __table_args__ = (Index("ix_complaint_events_complaint_id", "complaint_id"),)

    complaint_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("complaints.id"))
    kind: Mapped[str] = mapped_column(String(20))
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    by_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, ForeignKey("users.id"), default=None)
    text: Mapped[str] = mapped_column(Text, default="")
    department: Mapped[str] = mapped_column(String(50), default="")
    reason: Mapped[str] = mapped_column(Text, default="")
    score: Mapped[int | None] = mapped_column(Integer, default=None)


class ComplaintAttachment(Synced, Base):
    """A photo or document of a complaint; its bytes are stored content-addressed by SHA-256
    in the data directory (services/complaints/attachments.py)."""

    __tablename__ = "complaint_attachments"
    __sync_entity__ = "complaint_attachments"
    __table_args__ = (Index("ix_complaint_attachments_complaint_id", "complaint_id"),)

    complaint_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("complaints.id"))
    sha256: Mapped[str] = mapped_column(String(64))
    filename: Mapped[str] = mapped_column(String(255))
    size: Mapped[int] = mapped_column(Integer, default=0)
    mime: Mapped[str] = mapped_column(String(100), default="")


SYNCED_MODELS: tuple[type[Synced], ...] = (
    User,
    Customer,
    Contact,
    Product,
    Order,
    Visit,
    VisitEvent,
    CompetitorQuote,
    Promise,
    ShipmentNotice,
    ShipmentLine,
    ShipmentDispatch,
    Complaint,
    ComplaintEvent,
    ComplaintAttachment,
)
"""Every shared entity, parents before children (the order a pull applies them in)."""


# --- local bookkeeping (never synced) -----------------------------------------------------


class OutboxEntry(Base):
    """One local change waiting for HQ, written in the same transaction as the change itself.

    ``op_id`` is dense and increasing per laptop; the server remembers the last one it applied
    so a replayed batch changes nothing. ``changes`` maps a field to ``[old, new]`` for updates
    and to its value for inserts. ``hlc`` is the hybrid logical clock of the edit.
    """

    __tablename__ = "outbox"
    __table_args__ = (
        Index("ix_outbox_entity_row_id", "entity", "row_id"),
        # AUTOINCREMENT: an op_id is never handed out twice, even after the table was emptied
        # (HQ keys idempotency on it).
        {"sqlite_autoincrement": True},
    )

    op_id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    entity: Mapped[str] = mapped_column(String(40))
    row_id: Mapped[uuid.UUID] = mapped_column(Uuid)
    op: Mapped[str] = mapped_column(String(8))
    changes: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    hlc: Mapped[str] = mapped_column(String(40))
    seen: Mapped[int | None] = mapped_column(Integer, nullable=True)
    """The version of HQ's data pulled when the change was made (``Op.seen``); None for
    entries written before stores kept it."""
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class SyncState(Base):
    """Small key-value facts about sync: client id, pull cursor, last clock, last success."""

    __tablename__ = "sync_state"

    key: Mapped[str] = mapped_column(String(50), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class SyncConflict(Base):
    """A change that lost a merge, kept so the user can see what was overwritten and by whom."""

    __tablename__ = "sync_conflict"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    entity: Mapped[str] = mapped_column(String(40))
    row_id: Mapped[uuid.UUID] = mapped_column(Uuid)
    field: Mapped[str] = mapped_column(String(60))
    lost_value: Mapped[Any] = mapped_column(JSON)
    won_value: Mapped[Any] = mapped_column(JSON)
    won_by: Mapped[str] = mapped_column(String(100), default="")
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    seen: Mapped[bool] = mapped_column(Boolean, default=False)
    reason: Mapped[str | None] = mapped_column(String(40), nullable=True)
    """None: the value lost a merge. Else HQ refused the change: ``RejectCode`` (e.g.
    ``reassigned``), or ``refused`` with HQ's own words in ``won_by``."""
    record: Mapped[str] = mapped_column(String(400), default="")
    """The record as people know it (the customer's name, then the contact's), taken when
    the conflict was recorded: a customer evicted since is no longer in the store."""


class SearchDoc(Base):
    """Integer key of a customer in the full-text index (FTS5 rowids must be integers)."""

    __tablename__ = "search_doc"

    rowid: Mapped[int] = mapped_column(
        BigInteger().with_variant(Integer, "sqlite"), primary_key=True, autoincrement=True
    )
    customer_id: Mapped[uuid.UUID] = mapped_column(
        Uuid, ForeignKey("customers.id", ondelete="CASCADE"), unique=True
    )


class MailOutboxEntry(Base):
    """One outgoing mail (salesdesk/mail/outbox.py), queued in the transaction that decided to
    send it and kept on this laptop only: never synced, never pulled (the send is logged on
    what the mail is about, e.g. a shipment dispatch, which syncs).

    ``message`` holds the built message's bytes, Message-ID included, so "send again" sends
    the very same message (kept beside the row, in ``mail_outbox_messages``: each change of
    state rewrites a row, and a row holding a 40 KB message would be rewritten whole).
    ``state`` is ``mail.outbox.MailState``."""

    __tablename__ = "mail_outbox"
    __table_args__ = (
        Index("ix_mail_outbox_state_next_attempt_at", "state", "next_attempt_at"),
        Index("ix_mail_outbox_about_id", "about_id"),
    )

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True)
    message_id: Mapped[str] = mapped_column(String(250), unique=True)
    about: Mapped[str] = mapped_column(String(40), default="")
    about_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, default=None)
    sender: Mapped[str] = mapped_column(String(320))
    recipients: Mapped[list[str]] = mapped_column(JSON)
    subject: Mapped[str] = mapped_column(Text, default="")
    state: Mapped[str] = mapped_column(String(16))
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[datetime] = mapped_column(UTCDateTime)
    last_error: Mapped[str] = mapped_column(Text, default="")
    queued_at: Mapped[datetime] = mapped_column(UTCDateTime)
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime, default=None)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)


class MailOutboxMessage(Base):
    """The bytes of an outgoing mail, Message-ID and all, exactly as they are sent."""

    __tablename__ = "mail_outbox_messages"

    outbox_id: Mapped[uuid.UUID] = mapped_column(
        Uuid, ForeignKey("mail_outbox.id", ondelete="CASCADE"), primary_key=True
    )
    message: Mapped[bytes] = mapped_column(LargeBinary)


class AppSetting(Base):
    """Typed settings live in salesdesk.settings; this is only their storage."""

    __tablename__ = "app_setting"

    key: Mapped[str] = mapped_column(String(80), primary_key=True)
    value: Mapped[Any] = mapped_column(JSON)


__all__ = [
    "AppSetting",
    "Base",
    "CompetitorQuote",
    "Complaint",
    "ComplaintAttachment",
    "ComplaintEvent",
    "Contact",
    "Customer",
    "MailOutboxEntry",
    "MailOutboxMessage",
    "Order",
    "OutboxEntry",
    "Product",
    "Promise",
    "SearchDoc",
    "ShipmentDispatch",
    "ShipmentLine",
    "ShipmentNotice",
    "SyncConflict",
    "SyncState",
    "User",
    "Visit",
    "VisitDraft",
    "VisitEvent",
]
