"""Visits: the states a planned visit goes through (the visits feature's rules go here)."""

from __future__ import annotations

from enum import StrEnum


class VisitStatus(StrEnum):
    PLANNED = "planned"
    DONE = "done"
    CANCELLED = "cancelled"
