"""The progress/cancel contract of long jobs (imports, exports, sync, PDF batches).

Jobs are plain functions that take a :class:`JobState`; the Qt task runner passes one that
forwards progress to the GUI thread, tests pass :class:`JobState` itself.
"""

from __future__ import annotations

import threading


class Cancelled(Exception):
    """Raised inside a job when the user cancelled it; the job's transaction rolls back."""


class JobState:
    """Progress reporting and cooperative cancellation for one job."""

    def __init__(self) -> None:
        self._cancel = threading.Event()
        self.done = 0
        self.total = 0
        self.message = ""

    def progress(self, done: int, total: int, message: str = "") -> None:
        self.done, self.total, self.message = done, total, message

    def cancel(self) -> None:
        self._cancel.set()

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def check(self) -> None:
        """Raises :class:`Cancelled` if the user asked to stop."""
        if self._cancel.is_set():
            raise Cancelled
