"""Complaints: categories, states and the events of a complaint's history (the complaints
feature's state machine and SLA clock go here)."""

from __future__ import annotations

from enum import StrEnum


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
