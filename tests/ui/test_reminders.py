"""The reminder digest in the running window. Offscreen there is no system tray: the digest
is still read and composed (for the Today page) and nothing pops up. A tray made anyway
shows one message per digest, not the same one twice within the interval, and clicking it
opens the Promises page."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtWidgets import QSystemTrayIcon

from salesdesk.services.promises import PromiseDraft
from salesdesk.ui.main_window import MainWindow
from salesdesk.ui.reminders import Reminders


def promise_due_today(window: MainWindow, text: str = "周五前寄色卡") -> None:
    service = window.services.promises
    customer_id, _ = service.customers()[0]
    service.make(PromiseDraft(customer_id, text, service.today()))


def test_without_a_tray_the_digest_is_composed_for_the_today_page(qtbot, quiet_sales_window):
    assert not QSystemTrayIcon.isSystemTrayAvailable()  # offscreen
    reminders = quiet_sales_window.reminders
    assert reminders.tray is None
    promise_due_today(quiet_sales_window)
    popped: list[str] = []
    reminders.shown.connect(lambda title, body: popped.append(title))
    with qtbot.waitSignal(reminders.digest_ready, timeout=10000) as ready:
        reminders.start()
    assert reminders.timer.isActive()
    assert reminders.timer.interval() == 15 * 60_000  # settings.reminder_minutes
    _, title, body = ready.args
    assert title.startswith("SalesDesk: ")
    assert "Promises due today (1):" in body and "周五前寄色卡" in body
    with qtbot.waitSignals([reminders.digest_ready], timeout=10000):
        reminders.timer.timeout.emit()  # the next interval: one digest
    assert popped == []  # no tray, no pop-up


def test_one_message_per_digest_not_repeated_within_the_interval(qtbot, quiet_sales_window):
    now = [1000.0]
    window = quiet_sales_window
    reminders = Reminders(window.services, window.runner, window.errors, window,
                          tray_available=True, monotonic=lambda: now[0])
    reminders.open_requested.connect(lambda: quiet_sales_window.show_page("promises"))
    promise_due_today(quiet_sales_window)
    popped: list[str] = []
    reminders.shown.connect(lambda title, body: popped.append(body))

    def check() -> None:
        with qtbot.waitSignal(reminders.digest_ready, timeout=10000):
            reminders.check()

    check()
    assert len(popped) == 1 and "Promises due today (1):" in popped[0]
    now[0] += 60
    check()  # identical, a minute later: not again
    assert len(popped) == 1
    promise_due_today(quiet_sales_window, "报价单")
    check()  # something new: a new digest at once
    assert len(popped) == 2 and "Promises due today (2):" in popped[1]
    now[0] += timedelta(minutes=15).total_seconds()
    check()  # a whole interval later: the same digest again
    assert len(popped) == 3

    assert quiet_sales_window.stack.currentWidget() is not quiet_sales_window.promises
    assert reminders.tray is not None
    reminders.tray.messageClicked.emit()
    assert quiet_sales_window.stack.currentWidget() is quiet_sales_window.promises
