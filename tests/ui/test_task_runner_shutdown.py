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
