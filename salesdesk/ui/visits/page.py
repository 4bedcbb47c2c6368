"""The Visits page: the agenda of a day, a week or a month (a list grouped by day), and the
overdue contacts beside it, each with why it is listed and a way to plan the visit.

The agenda reads as a list, not a grid: QCalendarWidget is only the date picker (the date
field's popup). Planning, moving and cancelling go through dialogs (``plan.py``,
``change.py``) that save on the writer thread; the page refreshes on ``Changes.visits``.
Recording a visit's outcome is another form's: the page emits ``outcome_requested``.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate, QEvent, QPoint, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QDateEdit,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMenu,
    QPushButton,
    QSplitter,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from salesdesk.domain.visits import VisitStatus
from salesdesk.kit.changes import Changes
from salesdesk.services.visits.records import AgendaVisit, OverdueList, VisitDetail
from salesdesk.ui.visits import words

if TYPE_CHECKING:
    from salesdesk.services.container import AppServices
    from salesdesk.ui.errors import ErrorReporter
    from salesdesk.ui.tasks import TaskRunner

DAY, WEEK, MONTH = "day", "week", "month"
_DONE = QColor("#2e7d32")
_CANCELLED = QColor("#8a8a8a")
_ROLE = Qt.ItemDataRole.UserRole


def date_range(mode: str, anchor: date) -> tuple[date, date]:
    """The first and last day a view shows around ``anchor``: the day, its week from Monday,
    or its calendar month."""
    if mode == DAY:
        return anchor, anchor
    if mode == WEEK:
        first = anchor - timedelta(days=anchor.weekday())
        return first, first + timedelta(days=6)
    first = anchor.replace(day=1)
    after = (first + timedelta(days=32)).replace(day=1)
    return first, after - timedelta(days=1)


def step(mode: str, anchor: date, direction: int) -> date:
    """The anchor of the previous (-1) or next (+1) day, week or month."""
    if mode == DAY:
        return anchor + timedelta(days=direction)
    if mode == WEEK:
        return anchor + timedelta(days=7 * direction)
    month = anchor.month - 1 + direction
    return date(anchor.year + month // 12, month % 12 + 1, 1)


@dataclass(frozen=True)
class _Agenda:
    anchor: date
    first: date
    last: date
    visits: list[AgendaVisit]


class VisitsPage(QWidget):
    outcome_requested = Signal(object)  # the visit's uuid: the lead wires the outcome form
    agenda_shown = Signal(object)  # list[AgendaVisit], after each load (tests)
    overdue_shown = Signal(object)  # OverdueList, after each load (tests)
    detail_shown = Signal(object)  # VisitDetail | None

    def __init__(self, services: AppServices, runner: TaskRunner, errors: ErrorReporter,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._services, self._runner, self._errors = services, runner, errors
        self.mode = WEEK
        self.anchor: date | None = None  # None until the first load asks the service for today
        self.visits: list[AgendaVisit] = []
        self._wanted: uuid.UUID | None = None  # a visit to select once its day is shown
        self.overdue = OverdueList((), 0)
        self._loaded = False
        self._build()
        self.retranslate()
        runner.changes.changed.connect(self._on_changes)

    # --- construction -----------------------------------------------------------------

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        bar = QHBoxLayout()
        self.prev_button, self.today_button, self.next_button = (
            QPushButton(), QPushButton(), QPushButton())
        for button, name in ((self.prev_button, "visitsPrev"), (self.today_button, "visitsToday"),
                             (self.next_button, "visitsNext")):
            button.setObjectName(name)
            bar.addWidget(button)
        self.picker = QDateEdit()  # its popup is the QCalendarWidget: a picker, not a planner
        self.picker.setObjectName("visitsDate")
        self.picker.setCalendarPopup(True)
        self.picker.setDisplayFormat("yyyy-MM-dd")
        bar.addWidget(self.picker)
        self.range_label = QLabel()
        self.range_label.setObjectName("visitsRange")
        bar.addWidget(self.range_label, 1)
        self.mode_group = QButtonGroup(self)
        self.mode_buttons: dict[str, QPushButton] = {}
        for mode in (DAY, WEEK, MONTH):
            button = QPushButton()
            button.setObjectName(f"visits_{mode}")
            button.setCheckable(True)
            button.setChecked(mode == self.mode)
            self.mode_group.addButton(button)
            self.mode_buttons[mode] = button
            bar.addWidget(button)
            button.clicked.connect(lambda _=False, m=mode: self.set_mode(m))
        self.plan_button = QPushButton()
        self.plan_button.setObjectName("planVisit")
        bar.addWidget(self.plan_button)
        layout.addLayout(bar)

        splitter = QSplitter(Qt.Orientation.Horizontal)
        left = QWidget()
        left_box = QVBoxLayout(left)
        left_box.setContentsMargins(0, 0, 0, 0)
        self.agenda = QTreeWidget()
        self.agenda.setObjectName("visitsAgenda")
        self.agenda.setColumnCount(5)
        self.agenda.setRootIsDecorated(False)
        self.agenda.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.agenda.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.agenda.header().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.agenda.header().setStretchLastSection(True)
        for col, width in enumerate((110, 220, 200, 200)):
            self.agenda.setColumnWidth(col, width)
        left_box.addWidget(self.agenda, 1)
        actions = QHBoxLayout()
        self.outcome_button, self.reschedule_button, self.cancel_button = (
            QPushButton(), QPushButton(), QPushButton())
        for button, name in ((self.outcome_button, "recordOutcome"),
                             (self.reschedule_button, "rescheduleVisit"),
                             (self.cancel_button, "cancelVisit")):
            button.setObjectName(name)
            button.setEnabled(False)
            actions.addWidget(button)
        actions.addStretch()
        left_box.addLayout(actions)
        self.history = QLabel()
        self.history.setObjectName("visitHistory")
        self.history.setWordWrap(True)
        self.history.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        left_box.addWidget(self.history)
        splitter.addWidget(left)

        right = QWidget()
        right_box = QVBoxLayout(right)
        right_box.setContentsMargins(0, 0, 0, 0)
        self.overdue_title = QLabel()
        self.overdue_title.setObjectName("overdueTitle")
        right_box.addWidget(self.overdue_title)
        self.overdue_list = QTreeWidget()
        self.overdue_list.setObjectName("overdueContacts")
        self.overdue_list.setColumnCount(3)
        self.overdue_list.setRootIsDecorated(False)
        self.overdue_list.setColumnWidth(0, 180)
        self.overdue_list.setColumnWidth(1, 40)
        right_box.addWidget(self.overdue_list, 1)
        self.plan_overdue_button = QPushButton()
        self.plan_overdue_button.setObjectName("planOverdueVisit")
        self.plan_overdue_button.setEnabled(False)
        right_box.addWidget(self.plan_overdue_button)
        splitter.addWidget(right)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        layout.addWidget(splitter, 1)

        self.prev_button.clicked.connect(lambda: self._move(-1))
        self.next_button.clicked.connect(lambda: self._move(1))
        self.today_button.clicked.connect(self.go_today)
        self.picker.dateChanged.connect(self._picked)
        self.plan_button.clicked.connect(self._plan_clicked)
        self.agenda.currentItemChanged.connect(self._selection_changed)
        self.agenda.customContextMenuRequested.connect(self._context_menu)
        self.agenda.itemDoubleClicked.connect(lambda *_: self.request_outcome())
        self.outcome_button.clicked.connect(self.request_outcome)
        self.reschedule_button.clicked.connect(self.reschedule_selected)
        self.cancel_button.clicked.connect(self.cancel_selected)
        self.overdue_list.currentItemChanged.connect(
            lambda cur, _: self.plan_overdue_button.setEnabled(cur is not None))
        self.overdue_list.itemDoubleClicked.connect(lambda *_: self.plan_for_overdue())
        self.plan_overdue_button.clicked.connect(self.plan_for_overdue)

    # --- language ---------------------------------------------------------------------

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
            self._show_agenda_rows()
            self._show_overdue_rows()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.prev_button.setText(self.tr("‹ Previous"))
        self.next_button.setText(self.tr("Next ›"))
        self.today_button.setText(self.tr("Today"))
        self.mode_buttons[DAY].setText(self.tr("Day"))
        self.mode_buttons[WEEK].setText(self.tr("Week"))
        self.mode_buttons[MONTH].setText(self.tr("Month"))
        self.plan_button.setText(self.tr("Plan visit…"))
        self.outcome_button.setText(self.tr("Record outcome…"))
        self.reschedule_button.setText(self.tr("Reschedule…"))
        self.cancel_button.setText(self.tr("Cancel visit…"))
        self.plan_overdue_button.setText(self.tr("Plan visit…"))
        self.agenda.setHeaderLabels([self.tr("Time"), self.tr("Customer"), self.tr("Purpose"),
                                     self.tr("Place"), self.tr("Status")])
        self.overdue_list.setHeaderLabels([self.tr("Customer"), self.tr("Tier"),
                                           self.tr("Why")])
        self._show_range()

    # --- loading ----------------------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._loaded:  # nothing is read before the page is first shown (start-up)
            self._loaded = True
            self.reload()

    def _on_changes(self, changes: Changes, initiator: object) -> None:
        if self._loaded and (changes.visits or changes.customers or changes.tiers
                             or changes.store):
            self.reload()

    def reload(self) -> None:
        self.load_agenda()
        self.load_overdue()

    def load_agenda(self) -> None:
        mode, anchor, visits = self.mode, self.anchor, self._services

        def job() -> _Agenda:
            day = anchor or visits.visits.today()
            first, last = date_range(mode, day)
            return _Agenda(day, first, last, visits.visits.agenda(first, last))

        self._runner.run_write(job, on_done=self._agenda_loaded, on_error=self._errors.handle)

    def load_overdue(self) -> None:
        services = self._services

        def job() -> OverdueList:  # services.visits is built on the writer (SQLAlchemy)
            return services.visits.overdue()

        self._runner.run_write(job, on_done=self._overdue_loaded, on_error=self._errors.handle)

    def _agenda_loaded(self, agenda: _Agenda) -> None:
        if self.anchor is None:
            self.anchor = agenda.anchor
        if (agenda.anchor, agenda.first) != (self.anchor, date_range(self.mode, self.anchor)[0]):
            return  # the user moved on meanwhile: a newer load is coming
        self._first, self._last = agenda.first, agenda.last
        self.visits = agenda.visits
        self._show_range()
        self._show_agenda_rows()
        if self._wanted is not None and self.select_visit(self._wanted):
            self._wanted = None
        self.agenda_shown.emit(self.visits)

    def _overdue_loaded(self, overdue: OverdueList) -> None:
        self.overdue = overdue
        self._show_overdue_rows()
        self.overdue_shown.emit(overdue)

    # --- navigation -------------------------------------------------------------------

    def set_mode(self, mode: str) -> None:
        self.mode = mode
        self.mode_buttons[mode].setChecked(True)
        self.load_agenda()

    def go_today(self) -> None:
        self.anchor = None
        self.load_agenda()

    def go_to(self, day: date) -> None:
        self.anchor = day
        self.load_agenda()

    def show_visit(self, visit_id: uuid.UUID, day: date) -> None:
        """Shows ``day`` and selects the visit there once its agenda is read (the Today page's
        "Open")."""
        self._wanted = visit_id
        self.go_to(day)

    def _move(self, direction: int) -> None:
        if self.anchor is not None:
            self.go_to(step(self.mode, self.anchor, direction))

    def _picked(self, picked: QDate) -> None:
        day = date(picked.year(), picked.month(), picked.day())
        if day != self.anchor:
            self.go_to(day)

    def _show_range(self) -> None:
        if self.anchor is None or not hasattr(self, "_first"):
            self.range_label.setText("")
            return
        self.picker.blockSignals(True)
        self.picker.setDate(QDate(self.anchor.year, self.anchor.month, self.anchor.day))
        self.picker.blockSignals(False)
        self.range_label.setText(words.range_text(self.mode, self._first, self._last))

    # --- the agenda -------------------------------------------------------------------

    def _show_agenda_rows(self) -> None:
        if self.anchor is None or not hasattr(self, "_first"):
            return
        zone = self._services.visits.zone
        selected = self.selected_visit()
        self.agenda.clear()
        by_day: dict[date, list[AgendaVisit]] = {}
        for visit in self.visits:
            by_day.setdefault(visit.starts_at.astimezone(zone).date(), []).append(visit)
        days = sorted(by_day)
        if self.mode == DAY and not days:
            days = [self._first]
        bold = QFont()
        bold.setBold(True)
        for day in days:
            header = QTreeWidgetItem([words.day_heading(day)])
            header.setFirstColumnSpanned(True)
            header.setFont(0, bold)
            header.setFlags(Qt.ItemFlag.ItemIsEnabled)
            self.agenda.addTopLevelItem(header)
            for visit in by_day.get(day, []):
                self.agenda.addTopLevelItem(self._visit_item(visit))
            if not by_day.get(day):
                empty = QTreeWidgetItem([self.tr("No visits")])
                empty.setFirstColumnSpanned(True)
                empty.setFlags(Qt.ItemFlag.NoItemFlags)
                self.agenda.addTopLevelItem(empty)
        if not days:
            empty = QTreeWidgetItem([self.tr("No visits planned in this period.")])
            empty.setFirstColumnSpanned(True)
            empty.setFlags(Qt.ItemFlag.NoItemFlags)
            self.agenda.addTopLevelItem(empty)
        if selected is not None:
            self.select_visit(selected.id)
        self._selection_changed()

    def _visit_item(self, visit: AgendaVisit) -> QTreeWidgetItem:
        zone = self._services.visits.zone
        texts = [
            words.time_window(visit.starts_at.astimezone(zone),
                              visit.ends_at.astimezone(zone) if visit.ends_at else None),
            visit.customer_name + (f" · {', '.join(visit.contact_names)}"
                                   if visit.contact_names else ""),
            visit.purpose,
            visit.place,
            words.status_text(visit.status, visit.reason),
        ]
        item = QTreeWidgetItem(texts)
        item.setData(0, _ROLE, visit.id)
        item.setToolTip(4, texts[4])
        if visit.status is VisitStatus.CANCELLED:
            font = QFont()
            font.setStrikeOut(True)
            for col in range(4):
                item.setFont(col, font)
            for col in range(5):
                item.setForeground(col, QBrush(_CANCELLED))
        elif visit.status is VisitStatus.DONE:
            for col in range(5):
                item.setForeground(col, QBrush(_DONE))
        return item

    def visit_items(self) -> list[QTreeWidgetItem]:
        """The agenda's visit lines (not the day headings), top to bottom."""
        items = (self.agenda.topLevelItem(i) for i in range(self.agenda.topLevelItemCount()))
        return [item for item in items if item is not None and item.data(0, _ROLE) is not None]

    def select_visit(self, visit_id: uuid.UUID) -> bool:
        for item in self.visit_items():
            if item.data(0, _ROLE) == visit_id:
                self.agenda.setCurrentItem(item)
                return True
        return False

    def selected_visit(self) -> AgendaVisit | None:
        item = self.agenda.currentItem()
        wanted = item.data(0, _ROLE) if item is not None else None
        return next((v for v in self.visits if v.id == wanted), None)

    def _selection_changed(self, *_: object) -> None:
        visit = self.selected_visit()
        planned = visit is not None and visit.status is VisitStatus.PLANNED
        self.outcome_button.setEnabled(planned)
        self.reschedule_button.setEnabled(planned)
        self.cancel_button.setEnabled(visit is not None and visit.status is not
                                      VisitStatus.CANCELLED)
        self.history.setText("")
        if visit is not None:
            visit_id, services = visit.id, self._services
            self._runner.run_write(lambda: services.visits.detail(visit_id),
                                   on_done=self._show_detail, on_error=self._errors.handle)

    def _show_detail(self, detail: VisitDetail | None) -> None:
        current = self.selected_visit()
        if detail is not None and current is not None and current.id == detail.visit.id:
            self.history.setText(words.history_text(detail, self._services.visits.zone))
        self.detail_shown.emit(detail)

    def _context_menu(self, at: QPoint) -> None:
        item = self.agenda.itemAt(at)
        if item is None or item.data(0, _ROLE) is None:
            return
        self.agenda.setCurrentItem(item)
        menu = self.context_menu()
        menu.popup(self.agenda.viewport().mapToGlobal(at))

    def context_menu(self) -> QMenu:
        """The selected visit's menu: the same actions as the buttons under the agenda."""
        menu = QMenu(self)
        menu.setObjectName("visitMenu")
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        for button in (self.outcome_button, self.reschedule_button, self.cancel_button):
            action = menu.addAction(button.text())
            action.setObjectName(f"{button.objectName()}Action")
            action.setEnabled(button.isEnabled())
            action.triggered.connect(button.click)
        return menu

    # --- acting on a visit ------------------------------------------------------------

    def request_outcome(self) -> None:
        visit = self.selected_visit()
        if visit is not None and visit.status is VisitStatus.PLANNED:
            self.outcome_requested.emit(visit.id)

    def reschedule_selected(self) -> None:
        from salesdesk.ui.visits.change import RescheduleDialog

        visit = self.selected_visit()
        if visit is None:
            return
        dialog = RescheduleDialog(self._services, self._runner, self._errors, visit, self,
                                  zone=self._services.visits.zone)
        dialog.open()

    def cancel_selected(self) -> None:
        from salesdesk.ui.visits.change import CancelVisitDialog

        visit = self.selected_visit()
        if visit is None:
            return
        CancelVisitDialog(self._services, self._runner, self._errors, visit, self).open()

    def _plan_clicked(self) -> None:  # not connected directly: ``clicked`` passes ``checked``
        self.plan_visit()

    def plan_visit(self, customer_id: uuid.UUID | None = None) -> QWidget:
        """Opens the plan dialog (for ``customer_id`` when given) on the day shown."""
        from salesdesk.ui.visits.plan import PlanVisitDialog

        dialog = PlanVisitDialog(self._services, self._runner, self._errors, self,
                                 customer_id=customer_id, day=self.anchor)
        dialog.open()
        return dialog

    # --- overdue contacts -------------------------------------------------------------

    def _show_overdue_rows(self) -> None:
        self.overdue_list.clear()
        for row in self.overdue.rows:
            reason = words.overdue_reason(row.reason)
            item = QTreeWidgetItem([row.customer_name, row.reason.tier or "—", reason])
            item.setData(0, _ROLE, row.customer_id)
            item.setToolTip(2, reason)
            self.overdue_list.addTopLevelItem(item)
        self.overdue_title.setText(words.overdue_title(self.overdue.total,
                                                       len(self.overdue.rows)))

    def plan_for_overdue(self) -> None:
        item = self.overdue_list.currentItem()
        if item is not None:
            self.plan_visit(item.data(0, _ROLE))
