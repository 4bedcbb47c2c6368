"""Time helpers: everything stored is timezone-aware UTC.

:func:`wall_ms` is the wall clock the laptop's hybrid logical clock reads (through this
module, so a test can set the laptop's clock wrong without touching the machine's).
"""

from __future__ import annotations

import time
from datetime import UTC, datetime


def utcnow() -> datetime:
    """Returns the current time, timezone-aware, in UTC."""
    return datetime.now(UTC)


def wall_ms() -> int:
    """This machine's wall clock in milliseconds since the epoch (as wrong as the machine's)."""
    return time.time_ns() // 1_000_000


def require_aware(name: str, value: datetime | None) -> None:
    """Refuses a naive instant (a bug, not bad input: it would be read in the machine's zone)."""
    if value is not None and (value.tzinfo is None or value.utcoffset() is None):
        raise ValueError(f"{name} must be timezone-aware")
