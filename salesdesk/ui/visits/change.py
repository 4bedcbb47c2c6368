"""Moving and cancelling a visit: two small dialogs that keep the visit's history (the service
writes the change as a ``visit_events`` row)."""

from __future__ import annotations

from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from PySide6.QtCore import QDate, Qt, QTime, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from salesdesk.services.visits.records import AgendaVisit, VisitSaved
from salesdesk.ui.errors import refuse_inline
from salesdesk.ui.visits.plan import local_instant, time_fields

if TYPE_CHECKING:
    from collections.abc import Callable

    from salesdesk.services.container import AppServices
    from salesdesk.ui.errors import ErrorReporter
    from salesdesk.ui.tasks import TaskRunner


class _VisitChangeDialog(QDialog):
    """A dialog that runs one change of a visit on the writer and closes when it is saved."""

    saved = Signal(object)  # VisitSaved

    def __init__(self, services: AppServices, runner: TaskRunner, errors: ErrorReporter,
                 visit: AgendaVisit, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self._services, self._runner, self._errors = services, runner, errors
        self.visit = visit
        self.form = QFormLayout()
        outer = QVBoxLayout(self)
        self.heading = QLabel(visit.customer_name)
        self.heading.setWordWrap(True)
        outer.addWidget(self.heading)
        outer.addLayout(self.form)
        self.error = QLabel()
        self.error.setObjectName("visitChangeErrors")
        self.error.setStyleSheet("color: #b00020;")
        self.error.setWordWrap(True)
        self.error.hide()
        outer.addWidget(self.error)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok.setObjectName("visitChangeOk")
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        self.reason = QLineEdit()
        self.reason.setObjectName("visitReason")

    def _finish_layout(self) -> None:
        layout = self.layout()
        assert layout is not None
        layout.addWidget(self.buttons)

    def change(self) -> Callable[[], VisitSaved]:
        raise NotImplementedError

    def submit(self) -> None:
        job = self.change()
        self.ok.setEnabled(False)
        self._runner.run_write(job, on_done=self._done, on_error=self._failed)

    def _done(self, saved: VisitSaved) -> None:
        self.saved.emit(saved)
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        self.ok.setEnabled(True)
        refuse_inline(self.error, exc, self._errors)


class RescheduleDialog(_VisitChangeDialog):
    """A new day and time window, and why (optional); the old window stays in the history."""

    def __init__(self, services: AppServices, runner: TaskRunner, errors: ErrorReporter,
                 visit: AgendaVisit, parent: QWidget | None = None, *, zone: ZoneInfo) -> None:
        super().__init__(services, runner, errors, visit, parent)
        self.setObjectName("rescheduleDialog")
        self.zone = zone
        self.date, self.start, self.end = time_fields()
        starts = visit.starts_at.astimezone(zone)
        self.date.setDate(QDate(starts.year, starts.month, starts.day))
        self.start.setTime(QTime(starts.hour, starts.minute))
        ends = (visit.ends_at or visit.starts_at).astimezone(zone)
        self.end.setTime(QTime(ends.hour, ends.minute))
        times = QHBoxLayout()
        times.addWidget(self.start)
        times.addWidget(QLabel("–"))
        times.addWidget(self.end)
        times.addStretch()
        self.form.addRow(self.tr("Date"), self.date)
        self.form.addRow(self.tr("Time"), times)
        self.form.addRow(self.tr("Reason (optional)"), self.reason)
        self.setWindowTitle(self.tr("Reschedule visit"))
        self._finish_layout()

    def change(self) -> Callable[[], VisitSaved]:
        starts = local_instant(self.date.date(), self.start.time(), self.zone)
        ends = local_instant(self.date.date(), self.end.time(), self.zone)
        visit_id, reason = self.visit.id, self.reason.text()
        visits = self._services.visits
        return lambda: visits.reschedule(visit_id, starts, ends if ends != starts else None,
                                         reason)


class CancelVisitDialog(_VisitChangeDialog):
    """Asks why; the visit stays on the agenda, cancelled, with its reason."""

    def __init__(self, services: AppServices, runner: TaskRunner, errors: ErrorReporter,
                 visit: AgendaVisit, parent: QWidget | None = None) -> None:
        super().__init__(services, runner, errors, visit, parent)
        self.setObjectName("cancelVisitDialog")
        self.form.addRow(self.tr("Reason"), self.reason)
        self.reason.setPlaceholderText(self.tr("Why the visit is cancelled"))
        self.setWindowTitle(self.tr("Cancel visit"))
        self._finish_layout()

    def change(self) -> Callable[[], VisitSaved]:
        visit_id, reason = self.visit.id, self.reason.text()
        visits = self._services.visits
        return lambda: visits.cancel(visit_id, reason)
