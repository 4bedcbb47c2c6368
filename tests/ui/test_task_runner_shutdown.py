"""Closing the window while jobs wait their turn: the waiting ones are dropped quietly."""

from __future__ import annotations

import threading

from salesdesk.ui.tasks import TaskRunner


def test_a_job_cancelled_at_shutdown_reports_nothing(qtbot) -> None:
    """Seen on the Sync page: the window closed right after a login, while the status read it
    had asked for still waited for the writer; its cancellation reached the event loop as a
    CancelledError (a bug report at close)."""
    runner = TaskRunner()
    release = threading.Event()
    called: list[str] = []
    runner.run_write(lambda: release.wait(10), on_done=lambda _: called.append("first"))
    runner.run_write(lambda: "never", on_done=lambda _: called.append("second"),
                     on_error=lambda _: called.append("second failed"))
    threading.Timer(0.1, release.set).start()
    runner.shutdown()  # cancels the waiting job, waits for the running one
    qtbot.wait(50)  # the callbacks arrive on the GUI thread's event loop
    assert called == ["first"]


def test_a_job_asked_for_after_shutdown_is_dropped_quietly(qtbot) -> None:
    """Seen when the window closed on the Visits page: the agenda's selection changed as the
    window was torn down and asked for the visit's history after the runner had shut down
    (a RuntimeError in the event loop)."""
    runner = TaskRunner()
    runner.shutdown()
    called: list[str] = []
    handle = runner.run_write(lambda: called.append("ran"), on_done=lambda _: called.append("done"),
                              on_error=lambda _: called.append("failed"))
    io = runner.run_io(lambda: called.append("ran"))
    qtbot.wait(50)
    assert called == [] and not handle.running and not io.running
