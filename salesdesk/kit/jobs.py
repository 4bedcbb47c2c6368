"""The one progress/cancel contract of long jobs (imports, exports, the customer count, sync,
PDF batches).

Jobs are plain functions that take a :class:`JobState`; the Qt task runner passes one that
forwards progress to the GUI thread (``ui/tasks.py``), tests pass :class:`JobState` itself or a
subclass that cancels at a chosen point. A job reports with :meth:`JobState.progress`, asks
:attr:`JobState.cancelled` (from any of its threads) or calls :meth:`JobState.check` at its
checkpoints, and hands work that cannot check in to :meth:`JobState.stopping`.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager


class Cancelled(Exception):
    """Raised inside a job when the user cancelled it: the transaction in progress rolls back,
    what the job committed before is kept (an import is one transaction, so nothing; a sync
    commits each batch and page, so it continues from there next time)."""


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
        """``done`` of ``total`` (0: the total is not known yet), and what is going on; called
        on the job's own thread."""
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
        """Whether the user asked to stop; safe to ask from the job's helper threads."""
        return self._cancel.is_set()

    def check(self) -> None:
        """Raises :class:`Cancelled` if the user asked to stop."""
        if self._cancel.is_set():
            raise Cancelled
