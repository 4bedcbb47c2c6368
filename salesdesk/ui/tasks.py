"""One runner for background work (after Anki's taskman).

* ``run_write``: a single worker thread owns database writes, so they never race.
* ``run_io``: network, mail, files and PDFs, a few at a time.

Results come back to the GUI thread through a queued signal; widgets pass callbacks and never
create threads. What a finished job reports it changed (``kit/changes.py``) is announced on
``TaskRunner.changes`` after its callback ran. Closing the window cancels running jobs and
waits for them.
"""

from __future__ import annotations

import traceback
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QObject, Qt, Signal, Slot

from salesdesk.kit.changes import changes_of
from salesdesk.kit.jobs import Cancelled, JobState
from salesdesk.ui.changes import ChangeHub


class QtJobState(JobState):
    """A JobState whose progress reaches the GUI thread as a signal."""

    def __init__(self, relay: _Relay, on_progress: Callable[[int, int, str], None] | None) -> None:
        super().__init__()
        self._relay = relay
        self._on_progress = on_progress

    def progress(self, done: int, total: int, message: str = "") -> None:
        super().progress(done, total, message)
        if self._on_progress is not None:
            self._relay.deliver.emit(lambda: self._on_progress(done, total, message))


@dataclass
class Handle:
    """A running job: cancel it, or ask whether it finished."""

    state: JobState
    future: Future[Any]

    def cancel(self) -> None:
        self.state.cancel()

    @property
    def running(self) -> bool:
        return not self.future.done()


class _Relay(QObject):
    deliver = Signal(object)

    @Slot(object)
    def _run(self, fn: Callable[[], None]) -> None:
        fn()


class TaskRunner(QObject):
    """Runs jobs off the GUI thread and hands results back on it."""

    # Emitted (on the GUI thread) with the traceback text of an unexpected exception.
    bug = Signal(str)

    IO_WORKERS = 3  # run_io jobs at once; the rest wait their turn in order

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._writer = ThreadPoolExecutor(max_workers=1, thread_name_prefix="db-writer")
        self._io = ThreadPoolExecutor(max_workers=self.IO_WORKERS, thread_name_prefix="io")
        self._relay = _Relay()
        # Always queued: a job that finished before its callback was attached must still report
        # later, on the GUI thread's event loop, never inside run_write()/run_io() itself.
        self._relay.deliver.connect(self._relay._run, Qt.ConnectionType.QueuedConnection)
        self._handles: list[Handle] = []
        self._shut = False  # after shutdown a job asked for is dropped, like a queued one
        self.changes = ChangeHub(self)  # what finished jobs changed, for every page

    def run_write(
        self,
        fn: Callable[..., Any],
        *,
        on_done: Callable[[Any], None] | None = None,
        on_error: Callable[[BaseException], None] | None = None,
        on_progress: Callable[[int, int, str], None] | None = None,
        with_state: bool = False,
        initiator: object | None = None,
    ) -> Handle:
        return self._submit(
            self._writer,
            fn,
            on_done=on_done,
            on_error=on_error,
            on_progress=on_progress,
            with_state=with_state,
            initiator=initiator,
        )

    def run_io(
        self,
        fn: Callable[..., Any],
        *,
        on_done: Callable[[Any], None] | None = None,
        on_error: Callable[[BaseException], None] | None = None,
        on_progress: Callable[[int, int, str], None] | None = None,
        with_state: bool = False,
        initiator: object | None = None,
    ) -> Handle:
        return self._submit(
            self._io,
            fn,
            on_done=on_done,
            on_error=on_error,
            on_progress=on_progress,
            with_state=with_state,
            initiator=initiator,
        )

    def _submit(
        self,
        pool: ThreadPoolExecutor,
        fn: Callable[..., Any],
        *,
        on_done: Callable[[Any], None] | None,
        on_error: Callable[[BaseException], None] | None,
        on_progress: Callable[[int, int, str], None] | None,
        with_state: bool,
        initiator: object | None,
    ) -> Handle:
        state = QtJobState(self._relay, on_progress)
        if self._shut:
            # The window is closing (a page reacting to its own teardown): the job is dropped
            # as the ones still queued at shutdown are; nothing reports it.
            dropped: Future[Any] = Future()
            dropped.cancel()
            return Handle(state, dropped)

        def job() -> Any:
            return fn(state) if with_state else fn()

        future = pool.submit(job)
        handle = Handle(state, future)
        self._handles.append(handle)

        def finished(f: Future[Any]) -> None:
            self._relay.deliver.emit(
                lambda: self._finish(handle, f, on_done, on_error, initiator)
            )

        future.add_done_callback(finished)
        return handle

    def _finish(
        self,
        handle: Handle,
        future: Future[Any],
        on_done: Callable[[Any], None] | None,
        on_error: Callable[[BaseException], None] | None,
        initiator: object | None,
    ) -> None:
        if handle in self._handles:
            self._handles.remove(handle)
        if future.cancelled():  # dropped at shutdown before it started: nobody waits for it
            return
        exc = future.exception()
        if exc is None:
            if on_done is not None:
                on_done(future.result())
            changes = changes_of(future.result())
            if changes is not None:
                self.changes.announce(changes, initiator)
            return
        if isinstance(exc, Cancelled) and on_error is None:
            return
        if on_error is not None:
            on_error(exc)
        else:
            self.bug.emit("".join(traceback.format_exception(exc)))

    @property
    def busy(self) -> bool:
        return any(h.running for h in self._handles)

    def shutdown(self) -> None:
        """Cancels running jobs and waits for them (called when the main window closes); jobs
        asked for afterwards are dropped."""
        self._shut = True
        for handle in list(self._handles):
            handle.cancel()
        self._writer.shutdown(wait=True, cancel_futures=True)
        self._io.shutdown(wait=True, cancel_futures=True)
