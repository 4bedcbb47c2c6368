"""Cancelling a job that cannot check in: :meth:`JobState.stopping`."""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path

import pytest

from salesdesk.kit.jobs import Cancelled, JobState
from salesdesk.services.customers.browse import CustomerBrowser
from salesdesk.services.customers.records import CustomerQuery

# Counts to a billion: far longer than any test waits, unless interrupted.
ENDLESS = (
    "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 1000000000)"
    " SELECT count(*) FROM n"
)


def test_a_cancel_interrupts_a_running_statement() -> None:
    conn = sqlite3.connect(":memory:", check_same_thread=False)
    state = JobState()
    timer = threading.Timer(0.05, state.cancel)
    timer.start()
    with pytest.raises(sqlite3.OperationalError, match="interrupted"), state.stopping(
        conn.interrupt
    ):
        conn.execute(ENDLESS).fetchone()
    assert state.cancelled
    assert conn.execute("SELECT 1").fetchone() == (1,)  # the connection is still usable


def test_stop_is_called_only_inside_the_block() -> None:
    calls: list[str] = []
    state = JobState()
    with state.stopping(lambda: calls.append("stop")):
        pass
    state.cancel()
    assert calls == []
    with pytest.raises(Cancelled), state.stopping(lambda: calls.append("late")):
        pass
    assert calls == []


def test_background_count_equals_the_lists_count_and_can_be_cancelled(demo_data_dir: Path) -> None:
    browser = CustomerBrowser(demo_data_dir / "salesdesk.sqlite3")
    try:
        for query in (CustomerQuery(), CustomerQuery(text="z"), CustomerQuery(tier="A"),
                      CustomerQuery(text="有限", category="key")):
            assert browser.count_apart(query, JobState()) == browser.count(query)
        cancelled = JobState()
        cancelled.cancel()
        with pytest.raises(Cancelled):
            browser.count_apart(CustomerQuery(text="z"), cancelled)
    finally:
        browser.close()
