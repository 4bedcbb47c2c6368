"""The committed times the salesperson promises, by severity, and the business calendar they
are counted on: edit the times and the working week (which weekdays are worked, the morning and
the afternoon after the lunch break), list the public holidays and make-up working days (调休)
by year, add or remove one, import them from an .ics file. Saving recomputes every open
complaint's deadlines (paused time kept)."""

from __future__ import annotations

from datetime import date, time
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate, Qt, QTime, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDoubleSpinBox,
    QFileDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTimeEdit,
    QWidget,
)

from salesdesk.domain.business_calendar import BusinessCalendar
from salesdesk.domain.complaint_clock import Policy, Severity, Targets
from salesdesk.services.complaints.clock_settings import CalendarEdit, DayHours
from salesdesk.services.complaints.records import HolidaysImported
from salesdesk.ui.complaints.words import severity_label
from salesdesk.ui.messages import weekday_label
from salesdesk.ui.promises.dialogs import FormDialog

if TYPE_CHECKING:
    from salesdesk.services.complaints.service import ComplaintService
    from salesdesk.ui.errors import ErrorReporter
    from salesdesk.ui.tasks import TaskRunner


_HOLIDAY, _WORKDAY = "holiday", "workday"
_ALL_YEARS = 0


def _time_edit(name: str, value: time) -> QTimeEdit:
    edit = QTimeEdit(QTime(value.hour, value.minute))
    edit.setObjectName(name)
    edit.setDisplayFormat("HH:mm")
    return edit


class WeekRow:
    """One weekday in the dialog: worked or not, the morning, the afternoon (or none)."""

    def __init__(self, day: int, hours: DayHours | None) -> None:
        morning = hours.morning if hours else (time(9), time(12))
        afternoon = hours.afternoon if hours and hours.afternoon else (time(13, 30), time(18))
        self.worked = QCheckBox()
        self.worked.setObjectName(f"worked_{day}")
        self.worked.setChecked(hours is not None)
        self.morning_from = _time_edit(f"morningFrom_{day}", morning[0])
        self.morning_to = _time_edit(f"morningTo_{day}", morning[1])
        self.has_afternoon = QCheckBox()
        self.has_afternoon.setObjectName(f"afternoon_{day}")
        self.has_afternoon.setChecked(hours is None or hours.afternoon is not None)
        self.afternoon_from = _time_edit(f"afternoonFrom_{day}", afternoon[0])
        self.afternoon_to = _time_edit(f"afternoonTo_{day}", afternoon[1])
        self.worked.toggled.connect(self._enable)
        self.has_afternoon.toggled.connect(self._enable)
        self._enable()

    def widgets(self) -> list[QWidget]:
        return [self.worked, self.morning_from, self.morning_to, self.has_afternoon,
                self.afternoon_from, self.afternoon_to]

    def _enable(self) -> None:
        worked = self.worked.isChecked()
        for w in (self.morning_from, self.morning_to, self.has_afternoon):
            w.setEnabled(worked)
        for w in (self.afternoon_from, self.afternoon_to):
            w.setEnabled(worked and self.has_afternoon.isChecked())

    def value(self) -> DayHours | None:
        if not self.worked.isChecked():
            return None

        def at(edit: QTimeEdit) -> time:
            t = edit.time()
            return time(t.hour(), t.minute())

        afternoon = ((at(self.afternoon_from), at(self.afternoon_to))
                     if self.has_afternoon.isChecked() else None)
        return DayHours((at(self.morning_from), at(self.morning_to)), afternoon)


class ClockSettingsDialog(FormDialog):
    """OK emits the edited ``(Policy, CalendarEdit)``; importing holidays runs at once."""

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
        self._build_week(rules.calendar)
        self._build_days(rules.calendar)
        self.calendar = QLabel()
        self.calendar.setObjectName("complaintCalendarInfo")
        self.calendar.setWordWrap(True)
        self.import_button = QPushButton(self.tr("Import holidays (.ics)…"))
        self.import_button.setObjectName("importHolidays")
        self.import_button.clicked.connect(self.choose_ics)
        self.form.addRow(self.calendar)
        self.form.addRow(self.import_button)
        self._show_calendar()

    def _build_week(self, calendar: BusinessCalendar) -> None:
        week = CalendarEdit.of(calendar).week
        grid = QGridLayout()
        for column, text in enumerate((self.tr("Worked"), self.tr("Morning from"),
                                       self.tr("to"), self.tr("Afternoon"),
                                       self.tr("from"), self.tr("to"))):
            grid.addWidget(QLabel(text), 0, column + 1)
        self.week: dict[int, WeekRow] = {}
        for day in range(7):
            row = WeekRow(day, week.get(day))
            grid.addWidget(QLabel(weekday_label(day)), day + 1, 0)
            for column, widget in enumerate(row.widgets()):
                grid.addWidget(widget, day + 1, column + 1)
            self.week[day] = row
        self.form.addRow(QLabel(self.tr("Working week (the lunch break is between the morning "
                                        "and the afternoon)")))
        self.form.addRow(grid)

    def _build_days(self, calendar: BusinessCalendar) -> None:
        self.holidays, self.workdays = set(calendar.holidays), set(calendar.workdays)
        self.year = QComboBox()
        self.year.setObjectName("calendarYear")
        self.days = QListWidget()
        self.days.setObjectName("calendarDays")
        self.days.setMaximumHeight(160)
        self.remove_day = QPushButton(self.tr("Remove day"))
        self.remove_day.setObjectName("removeCalendarDay")
        self.day = QDateEdit(QDate.currentDate())
        self.day.setObjectName("calendarDay")
        self.day.setCalendarPopup(True)
        self.day.setDisplayFormat("yyyy-MM-dd")
        self.day_kind = QComboBox()
        self.day_kind.setObjectName("calendarDayKind")
        self.day_kind.addItem(self.tr("Public holiday"), _HOLIDAY)
        self.day_kind.addItem(self.tr("Make-up working day"), _WORKDAY)
        self.add_day = QPushButton(self.tr("Add day"))
        self.add_day.setObjectName("addCalendarDay")
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Holidays and make-up working days in")))
        top.addWidget(self.year)
        top.addStretch(1)
        top.addWidget(self.remove_day)
        adding = QHBoxLayout()
        for widget in (self.day, self.day_kind, self.add_day):
            adding.addWidget(widget)
        adding.addStretch(1)
        self.form.addRow(top)
        self.form.addRow(self.days)
        self.form.addRow(adding)
        self.year.currentIndexChanged.connect(self._show_days)
        self.remove_day.clicked.connect(self._remove_day)
        self.add_day.clicked.connect(self._add_day)
        self._fill_years()

    def _fill_years(self) -> None:
        chosen = self.year.currentData()
        years = sorted({d.year for d in self.holidays | self.workdays} | {date.today().year})
        self.year.blockSignals(True)
        self.year.clear()
        self.year.addItem(self.tr("All years"), _ALL_YEARS)
        for year in years:
            self.year.addItem(str(year), year)
        index = self.year.findData(chosen if chosen is not None else date.today().year)
        self.year.setCurrentIndex(max(index, 0))
        self.year.blockSignals(False)
        self._show_days()

    def _show_days(self) -> None:
        year = self.year.currentData()
        self.days.clear()
        for day in sorted(self.holidays | self.workdays):
            if year and day.year != year:
                continue
            kind = (self.tr("public holiday") if day in self.holidays
                    else self.tr("make-up working day"))
            item = QListWidgetItem(f"{day.isoformat()}  {weekday_label(day.weekday())}  {kind}")
            item.setData(Qt.ItemDataRole.UserRole, day.isoformat())
            self.days.addItem(item)
        self.remove_day.setEnabled(self.days.count() > 0)

    def _remove_day(self) -> None:
        item = self.days.currentItem()
        if item is None:
            return
        day = date.fromisoformat(item.data(Qt.ItemDataRole.UserRole))
        self.holidays.discard(day)
        self.workdays.discard(day)
        self._fill_years()

    def _add_day(self) -> None:
        picked = self.day.date()
        day = date(picked.year(), picked.month(), picked.day())
        holiday = self.day_kind.currentData() == _HOLIDAY
        (self.holidays if holiday else self.workdays).add(day)
        (self.workdays if holiday else self.holidays).discard(day)
        self._fill_years()
        self.year.setCurrentIndex(max(self.year.findData(day.year), 0))

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

    def value(self) -> tuple[Policy, CalendarEdit]:
        policy = Policy({s: Targets(max(1, round(self.first[s].value() * 60)),
                                    max(1, round(self.resolution[s].value() * self._day_minutes)))
                         for s in Severity})
        week = {day: row.value() for day, row in self.week.items()}
        return policy, CalendarEdit({d: h for d, h in week.items() if h is not None},
                                    frozenset(self.holidays), frozenset(self.workdays))

    def choose_ics(self) -> None:
        name, _ = QFileDialog.getOpenFileName(self, self.tr("Import holidays"), "",
                                              self.tr("Calendar (*.ics)"))
        if name:
            self.import_from(Path(name))

    def import_from(self, source: Path) -> None:
        service = self._service

        def done(result: HolidaysImported) -> None:
            self._show_calendar()
            calendar = service.rules.calendar
            self.holidays, self.workdays = set(calendar.holidays), set(calendar.workdays)
            self._fill_years()
            self.error.setText(
                self.tr("Imported %1 holidays and %2 make-up working days; %3 open complaints "
                        "timed again.").replace("%1", str(result.holidays))
                .replace("%2", str(result.workdays)).replace("%3", str(result.recomputed)))
            self.error.setStyleSheet("")
            self.error.show()
            self.imported.emit(result)

        self._runner.run_write(lambda: service.import_holidays(source), on_done=done,
                               on_error=lambda exc: self.refused(exc, self._errors.handle))
