"""The closed vocabularies of the business, stored by their value."""

from __future__ import annotations

from enum import StrEnum


class Role(StrEnum):
    SALES = "sales"
    HQ = "hq"


class Tier(StrEnum):
    """ABC rank computed from trailing-12-month sales (DOMAIN.md)."""

    A = "A"
    B = "B"
    C = "C"


class Category(StrEnum):
    """The salesperson's manual classification of a customer (客户类别)."""

    KEY = "key"  # 重点客户
    ORDINARY = "ordinary"  # 一般客户
    POTENTIAL = "potential"  # 潜在客户
    TARGET = "target"  # 目标客户
    LOST = "lost"  # 流失客户


class VisitStatus(StrEnum):
    PLANNED = "planned"
    DONE = "done"
    CANCELLED = "cancelled"


class PromiseStatus(StrEnum):
    OPEN = "open"
    KEPT = "kept"
    BROKEN = "broken"
    CANCELLED = "cancelled"


class ShipmentStatus(StrEnum):
    DRAFT = "draft"
    SENT = "sent"
    ARRIVED = "arrived"
    CANCELLED = "cancelled"


class ComplaintCategory(StrEnum):
    QUALITY = "quality"
    DELIVERY = "delivery"
    SERVICE = "service"
    BILLING = "billing"
    OTHER = "other"


class ComplaintStatus(StrEnum):
    OPEN = "open"
    IN_PROGRESS = "in_progress"
    RESOLVED = "resolved"
    CLOSED = "closed"
    REOPENED = "reopened"


class ComplaintEventKind(StrEnum):
    RECEIVED = "received"
    READ_BACK = "read_back"
    CONTACTED = "contacted"
    NOTE = "note"
    HQ_RESPONSE = "hq_response"
    RESOLVED = "resolved"
    SATISFACTION = "satisfaction"
    REOPENED = "reopened"
    CLOSED = "closed"


class OutboxOp(StrEnum):
    INSERT = "insert"
    UPDATE = "update"
    DELETE = "delete"
