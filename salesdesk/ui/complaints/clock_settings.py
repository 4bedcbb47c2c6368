"""The committed times the salesperson promises, by severity, and the business calendar they
are counted on: edit the times, import holidays and make-up working days (调休) from an .ics
file. Saving either recomputes every open complaint's deadlines (paused time kept)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDoubleSpinBox,
    QFileDialog,
    QGridLayout,
    QLabel,
    QPushButton,
    QWidget,
)

from salesdesk.domain.complaint_clock import Policy, Severity, Targets
from salesdesk.services.complaints.records import HolidaysImported
from salesdesk.ui.complaints.words import severity_label
from salesdesk.ui.promises.dialogs import FormDialog

if TYPE_CHECKING:
    from salesdesk.services.complaints.service import ComplaintService
    from salesdesk.ui.errors import ErrorReporter
    from salesdesk.ui.tasks import TaskRunner


class ClockSettingsDialog(FormDialog):
    """OK emits the edited :class:`Policy`; importing holidays runs at once."""

    imported = Signal(object)  # HolidaysImported

    def __init__(self, parent: QWidget | None, service: ComplaintService, runner: TaskRunner,
                 errors: ErrorReporter) -> None:
        super().__init__(parent, self.tr("Committed times and working calendar"))
        self.setObjectName("complaintClockDialog")
        self._service, self._runner, self._errors = service, runner, errors
        rules = service.rules
        self._day_minutes = rules.calendar.standard_day_minutes or 450
        grid = QGridLayout()
        grid.addWidget(QLabel(self.tr("First contact within (working hours)")), 0, 1)
        grid.addWidget(QLabel(self.tr("Resolved within (working days)")), 0, 2)
        self.first: dict[Severity, QDoubleSpinBox] = {}
        self.resolution: dict[Severity, QDoubleSpinBox] = {}
        for row, severity in enumerate(Severity, start=1):
            targets = rules.policy.for_severity(severity)
            grid.addWidget(QLabel(severity_label(severity.value)), row, 0)
            self.first[severity] = self._spin(f"firstContact_{severity.value}",
                                              targets.first_contact_minutes / 60, 1000)
            self.resolution[severity] = self._spin(
                f"resolution_{severity.value}",
                targets.resolution_minutes / self._day_minutes, 365)
            grid.addWidget(self.first[severity], row, 1)
            grid.addWidget(self.resolution[severity], row, 2)
        self.form.addRow(grid)
        self.calendar = QLabel()
        self.calendar.setObjectName("complaintCalendarInfo")
        self.calendar.setWordWrap(True)
        self.import_button = QPushButton(self.tr("Import holidays (.ics)…"))
        self.import_button.setObjectName("importHolidays")
        self.import_button.clicked.connect(self.choose_ics)
        self.form.addRow(self.calendar)
        self.form.addRow(self.import_button)
        self._show_calendar()

    @staticmethod
    def _spin(name: str, value: float, maximum: float) -> QDoubleSpinBox:
        spin = QDoubleSpinBox()
        spin.setObjectName(name)
        spin.setDecimals(1)
        spin.setSingleStep(0.5)
        spin.setRange(0.5, maximum)
        spin.setValue(value)
        return spin

    def _show_calendar(self) -> None:
        calendar = self._service.rules.calendar
        self.calendar.setText(
            self.tr("Calendar in %1: %2 public holidays, %3 make-up working days.")
            .replace("%1", calendar.zone).replace("%2", str(len(calendar.holidays)))
            .replace("%3", str(len(calendar.workdays))))

    def value(self) -> Policy:
        return Policy({s: Targets(max(1, round(self.first[s].value() * 60)),
                                  max(1, round(self.resolution[s].value() * self._day_minutes)))
                       for s in Severity})

    def choose_ics(self) -> None:
        name, _ = QFileDialog.getOpenFileName(self, self.tr("Import holidays"), "",
                                              self.tr("Calendar (*.ics)"))
        if name:
            self.import_from(Path(name))

    def import_from(self, source: Path) -> None:
        service = self._service

        def done(result: HolidaysImported) -> None:
            self._show_calendar()
            self.error.setText(
                self.tr("Imported %1 holidays and %2 make-up working days; %3 open complaints "
                        "timed again.").replace("%1", str(result.holidays))
                .replace("%2", str(result.workdays)).replace("%3", str(result.recomputed)))
            self.error.setStyleSheet("")
            self.error.show()
            self.imported.emit(result)

        self._runner.run_write(lambda: service.import_holidays(source), on_done=done,
                               on_error=lambda exc: self.refused(exc, self._errors.handle))
