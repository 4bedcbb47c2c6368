"""Promises made to customers: their states (the promises feature's rules go here)."""

from __future__ import annotations

from enum import StrEnum


class PromiseStatus(StrEnum):
    OPEN = "open"
    KEPT = "kept"
    BROKEN = "broken"
    CANCELLED = "cancelled"
