"""How long a login must wait after failed ones: per (username, address), growing.

A stranger who guesses at a salesperson's password from their own address is slowed down
more with every failure, while the salesperson at their own laptop, whose address has no
failures, logs in at once: nobody can lock anybody else out. One address failing for many
usernames (password spraying) is stopped as a whole by :data:`MAX_FAILURES_PER_ADDRESS`.
"""

from __future__ import annotations

import math
from datetime import datetime, timedelta

WINDOW = timedelta(hours=1)
"""Failures older than this are forgotten."""
FREE_FAILURES = 3
"""Typos a user may make in a row before any wait."""
FIRST_DELAY = timedelta(seconds=1)
MAX_DELAY = timedelta(minutes=15)
MAX_FAILURES_PER_ADDRESS = 30
"""Failures within :data:`WINDOW` from one address, over all usernames, before it must wait
until the oldest of them is forgotten."""


def delay_after(failures: int) -> timedelta:
    """The wait after the last of ``failures`` recent failures of one (user, address):
    none for the first :data:`FREE_FAILURES`, then 1 s, 2 s, 4 s ... up to 15 minutes."""
    if failures < FREE_FAILURES:
        return timedelta(0)
    doublings = min(failures - FREE_FAILURES, 20)
    return min(FIRST_DELAY * (1 << doublings), MAX_DELAY)


def retry_after_s(until: datetime, now: datetime) -> int | None:
    """Whole seconds to wait until ``until`` (at least 1), or ``None`` if it has passed."""
    if until <= now:
        return None
    return max(1, math.ceil((until - now).total_seconds()))
