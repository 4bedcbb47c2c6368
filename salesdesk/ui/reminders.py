"""Reminders: at start and every ``settings.reminder_minutes`` while the app runs, one
system-tray message listing what is overdue, what is due today and today's visits (a digest,
not an alert per promise). An identical digest is not shown again within the interval.

Where the desktop has no system tray (``QSystemTrayIcon.isSystemTrayAvailable()`` is false)
nothing pops up: ``digest_ready`` still carries every digest, for the Today page to show.
Clicking the message emits ``open_requested`` (the window shows the Promises page).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal
from PySide6.QtWidgets import QApplication, QStyle, QSystemTrayIcon

from salesdesk.services.reminders import Digest, DigestWords, compose

if TYPE_CHECKING:
    from salesdesk.services.container import AppServices
    from salesdesk.ui.errors import ErrorReporter
    from salesdesk.ui.tasks import TaskRunner

SLACK_S = 5.0  # a timer tick may come a little early: still "a whole interval later"
MESSAGE_MS = 15_000


def digest_words() -> DigestWords:
    return DigestWords(
        title=QCoreApplication.translate(
            "Reminders", "SalesDesk: %1 to see to today"),
        overdue=QCoreApplication.translate(
            "Reminders", "Overdue promises (%1):"),
        due_today=QCoreApplication.translate(
            "Reminders", "Promises due today (%1):"),
        visits=QCoreApplication.translate(
            "Reminders", "Today's visits (%1):"),
        overdue_item=QCoreApplication.translate(
            "Reminders", "%1 — %2 (overdue %3 d)"),
        due_item=QCoreApplication.translate(
            "Reminders", "%1 — %2"),
        visit_item=QCoreApplication.translate(
            "Reminders", "%1 %2 · %3"),
        more=QCoreApplication.translate(
            "Reminders", "… and %1 more"),
        complaints=QCoreApplication.translate(
            "Reminders", "Complaints near breach (%1):"),
        complaint_item=QCoreApplication.translate(
            "Reminders", "%1 — %2 (due %3)"),
    )


class Reminders(QObject):
    digest_ready = Signal(object, str, str)  # Digest, title, body: every digest read
    shown = Signal(str, str)  # title, body: a message that popped up in the tray
    open_requested = Signal()  # the user clicked the message

    def __init__(
        self,
        services: AppServices,
        runner: TaskRunner,
        errors: ErrorReporter,
        parent: QObject | None = None,
        *,
        tray_available: bool | None = None,
        monotonic: Callable[[], float] = time.monotonic,
    ) -> None:
        super().__init__(parent)
        self._services = services
        self._runner = runner
        self._errors = errors
        self._monotonic = monotonic
        self._last: tuple[object, ...] | None = None
        self._last_at = 0.0
        available = (QSystemTrayIcon.isSystemTrayAvailable() if tray_available is None
                     else tray_available)
        self.tray: QSystemTrayIcon | None = None
        if available:
            app = QApplication.instance()
            style = app.style() if isinstance(app, QApplication) else None
            icon = (style.standardIcon(QStyle.StandardPixmap.SP_MessageBoxInformation)
                    if style is not None else None)
            self.tray = QSystemTrayIcon(self) if icon is None else QSystemTrayIcon(icon, self)
            self.tray.messageClicked.connect(self.open_requested)
            self.tray.activated.connect(lambda _reason: self.open_requested.emit())
        self.timer = QTimer(self)
        self.timer.timeout.connect(self.check)

    @property
    def interval_ms(self) -> int:
        return max(1, self._services.settings.reminder_minutes) * 60_000

    def start(self) -> None:
        """Shows the first digest now and then one every interval."""
        if self.tray is not None:
            self.tray.show()
        self.timer.start(self.interval_ms)
        self.check()

    def stop(self) -> None:
        self.timer.stop()
        if self.tray is not None:
            self.tray.hide()

    def check(self) -> None:
        """Reads the digest on the writer and shows it (unless it repeats the last one
        within the interval)."""
        self._runner.run_write(self._services.reminders.digest, on_done=self.show_digest,
                               on_error=self._errors.handle)

    def show_digest(self, digest: Digest) -> None:
        title, body = compose(digest, digest_words(), self._services.reminders.zone)
        self.digest_ready.emit(digest, title, body)
        if digest.empty:
            return
        now = self._monotonic()
        if digest.key == self._last and now - self._last_at < self.interval_ms / 1000 - SLACK_S:
            return
        self._last, self._last_at = digest.key, now
        if self.tray is None:
            return  # no tray: the Today page shows digest_ready's text
        self.tray.showMessage(title, body, QSystemTrayIcon.MessageIcon.Information, MESSAGE_MS)
        self.shown.emit(title, body)
