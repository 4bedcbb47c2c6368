"""Shipment notices: their states (the shipment-notice feature's rules go here)."""

from __future__ import annotations

from enum import StrEnum


class ShipmentStatus(StrEnum):
    DRAFT = "draft"
    SENT = "sent"
    ARRIVED = "arrived"
    CANCELLED = "cancelled"
