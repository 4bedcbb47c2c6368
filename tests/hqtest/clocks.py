"""The laptops' clock in tests: ``salesdesk.domain.clock.wall_ms``, which every laptop's hybrid
logical clock reads, set off the real time; HQ (another process, or its writes in this one)
keeps the machine's. Orders a laptop's edit against HQ's or another laptop's without sleeping,
whatever the clock's resolution."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from salesdesk.domain import clock

REAL = clock.wall_ms
DAY_MS = 86_400_000


@contextmanager
def laptop_clock(offset_ms: int) -> Iterator[None]:
    """Inside the block, laptops stamp their edits ``offset_ms`` off the real time: +1 makes
    an edit later than anything stamped before it; a negative offset makes it no later than
    what the laptop has already seen (its clock never runs backwards)."""
    before = clock.wall_ms
    clock.wall_ms = lambda: REAL() + offset_ms
    try:
        yield
    finally:
        clock.wall_ms = before
