"""Rounds of sending the mail outbox, off the GUI thread (``ui/tasks.py``).

One :class:`MailSending` per window: the Outbox's "Send now" and the automatic round every few
minutes go through it, so there is never more than one round and the Outbox shows the
progress of whichever is running. Without a network the automatic round finds the server
unreachable and each mail keeps its reason; nothing pops up.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal

from salesdesk.kit.jobs import JobState

if TYPE_CHECKING:
    from salesdesk.mail.sender import SendReport
    from salesdesk.services.container import AppServices
    from salesdesk.ui.errors import ErrorReporter
    from salesdesk.ui.tasks import Handle, TaskRunner

AUTO_MINUTES = 5  # how often queued mail is tried while the app runs
FIRST_ROUND_S = 15  # after start-up (a mail left "sending" by a crash is settled then)


class MailSending(QObject):
    started = Signal()
    progress = Signal(int, int)  # done, total
    finished = Signal(object)  # SendReport
    failed = Signal(object)  # the exception of a round that could not run at all

    def __init__(self, services: AppServices, runner: TaskRunner, errors: ErrorReporter,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._services = services
        self._runner = runner
        self._errors = errors
        self._handle: Handle | None = None
        self.timer = QTimer(self)
        self.timer.setObjectName("mailAutoSend")
        self.timer.setInterval(AUTO_MINUTES * 60_000)
        self.timer.timeout.connect(self.send_due)
        self.last_report: SendReport | None = None

    def start(self, first_after_ms: int = FIRST_ROUND_S * 1000) -> None:
        """Sends automatically from now on: a first round soon, then every few minutes."""
        self.timer.start()
        QTimer.singleShot(first_after_ms, self, self.send_due)

    def stop(self) -> None:
        self.timer.stop()
        self.cancel()

    @property
    def running(self) -> bool:
        return self._handle is not None and self._handle.running

    def send_due(self) -> None:
        """The automatic round: what is due, quietly."""
        self._run(waiting_too=False)

    def send_now(self) -> None:
        """The user's "Send now": everything queued, waiting for a retry or not."""
        self._run(waiting_too=True)

    def cancel(self) -> None:
        if self._handle is not None:
            self._handle.cancel()

    def _run(self, *, waiting_too: bool) -> None:
        if self.running:
            return  # a round is on its way; it takes whatever is queued
        service = self._services.mail

        def job(state: JobState) -> SendReport:
            return service.send_due(state, waiting_too=waiting_too)

        self._handle = self._runner.run_io(
            job, with_state=True, on_done=self._done, on_error=self._failed,
            on_progress=lambda done, total, _message: self.progress.emit(done, total),
            initiator=self,
        )
        if self._handle.running:
            self.started.emit()

    def _done(self, report: SendReport) -> None:
        self._handle = None
        self.last_report = report
        self.finished.emit(report)

    def _failed(self, exc: BaseException) -> None:
        self._handle = None
        self.failed.emit(exc)
        self._errors.handle(exc)  # a bug (a store problem at worst): the crash dialog
