"""Time helpers: everything stored is timezone-aware UTC."""

from __future__ import annotations

from datetime import UTC, datetime


def utcnow() -> datetime:
    """Returns the current time, timezone-aware, in UTC."""
    return datetime.now(UTC)
