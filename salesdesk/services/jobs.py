"""The progress/cancel contract of long jobs (imports, exports, sync, PDF batches).

Jobs are plain functions that take a :class:`JobState`; the Qt task runner passes one that
forwards progress to the GUI thread, tests pass :class:`JobState` itself.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager


class Cancelled(Exception):
    """Raised inside a job when the user cancelled it; the job's transaction rolls back."""


class JobState:
    """Progress reporting and cooperative cancellation for one job."""

    def __init__(self) -> None:
        self._cancel = threading.Event()
        self._lock = threading.Lock()
        self._on_cancel: list[Callable[[], None]] = []
        self.done = 0
        self.total = 0
        self.message = ""

    def progress(self, done: int, total: int, message: str = "") -> None:
        self.done, self.total, self.message = done, total, message

    def cancel(self) -> None:
        with self._lock:  # held while stopping: the job cannot leave its block meanwhile
            self._cancel.set()
            for stop in self._on_cancel:
                stop()
            self._on_cancel.clear()

    @contextmanager
    def stopping(self, stop: Callable[[], None]) -> Iterator[None]:
        """Inside the block, a cancel also calls ``stop`` (on the cancelling thread): for work
        that cannot check in, such as one long SQLite statement (``Connection.interrupt``).
        ``stop`` must be quick and must not call this state. Raises :class:`Cancelled` at once
        if the job was cancelled already."""
        with self._lock:
            if self._cancel.is_set():
                raise Cancelled
            self._on_cancel.append(stop)
        try:
            yield
        finally:
            with self._lock:
                if stop in self._on_cancel:
                    self._on_cancel.remove(stop)

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def check(self) -> None:
        """Raises :class:`Cancelled` if the user asked to stop."""
        if self._cancel.is_set():
            raise Cancelled
