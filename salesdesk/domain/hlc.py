"""Hybrid logical clock: orders edits across laptops without trusting their wall clocks blindly.

A timestamp is ``(wall_ms, counter, node)`` rendered as a fixed-width string that sorts in clock
order. ``receive`` folds in a clock seen from elsewhere (the server's), so a laptop whose clock
runs slow still orders its later edits after what it has seen. The server clamps a clock from
the future (see ``clamp``) so a laptop whose clock runs fast cannot win every conflict, and a
clock that ran far ahead is set back to the server's time (``rebase``) so it recovers.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass

from salesdesk.domain import clock as wall

_WIDTH_MS = 13
_WIDTH_COUNTER = 5


@dataclass(frozen=True, order=True)
class Timestamp:
    wall_ms: int
    counter: int
    node: str

    def __str__(self) -> str:
        text = self.__dict__.get("_text")
        if text is None:
            text = f"{self.wall_ms:0{_WIDTH_MS}d}-{self.counter:0{_WIDTH_COUNTER}d}-{self.node}"
        return str(text)

    @classmethod
    def parse(cls, text: str) -> Timestamp:
        wall, counter, node = text.split("-", 2)
        stamp = cls(int(wall), int(counter), node)
        if len(wall) == _WIDTH_MS and len(counter) == _WIDTH_COUNTER and (wall + counter).isdigit():
            # Already its own rendering: kept (outside the fields), not formatted again.
            object.__setattr__(stamp, "_text", text)
        return stamp


def clamp(ts: Timestamp, now_ms: int) -> Timestamp:
    """Caps a timestamp at ``now`` (the receiver's clock): an edit cannot have been made after
    it arrived, so a clock from the future cannot win merges."""
    if ts.wall_ms <= now_ms:
        return ts
    return Timestamp(now_ms, ts.counter, ts.node)


REBASE_AHEAD_MS = 60_000
"""How far a node's clock may run ahead of the server's before an answer sets it back."""


class Clock:
    """A thread-safe HLC for one node."""

    def __init__(self, node: str, last: Timestamp | None = None) -> None:
        self.node = node
        self._last = last or Timestamp(0, 0, node)
        self._lock = threading.Lock()

    @staticmethod
    def _physical_ms() -> int:
        return wall.wall_ms()

    def now(self) -> Timestamp:
        with self._lock:
            phys = self._physical_ms()
            if phys > self._last.wall_ms:
                self._last = Timestamp(phys, 0, self.node)
            else:
                self._last = Timestamp(self._last.wall_ms, self._last.counter + 1, self.node)
            return self._last

    def receive(self, remote: Timestamp) -> None:
        with self._lock:
            wall = max(self._last.wall_ms, remote.wall_ms)
            if wall == self._last.wall_ms == remote.wall_ms:
                counter = max(self._last.counter, remote.counter) + 1
            elif wall == self._last.wall_ms:
                counter = self._last.counter + 1
            else:
                counter = remote.counter + 1
            self._last = Timestamp(wall, counter, self.node)

    def rebase(self, remote: Timestamp) -> bool:
        """Sets the clock back to ``remote`` when it ran more than :data:`REBASE_AHEAD_MS`
        ahead of it (a wall clock that was once far ahead, since put right): without this the
        clock never moves back and stamps every later edit with that old future time.
        Returns whether it did. The node's next stamps may then sort before earlier ones;
        HQ orders one node's edits by their op ids, not their stamps."""
        with self._lock:
            if self._last.wall_ms <= remote.wall_ms + REBASE_AHEAD_MS:
                return False
            self._last = Timestamp(remote.wall_ms, 0, self.node)
            return True

    @property
    def last(self) -> Timestamp:
        return self._last
