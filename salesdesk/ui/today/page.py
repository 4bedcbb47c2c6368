"""The Today page, the one the app opens on: today's visits, promises overdue and due today,
and the customers overdue a visit — each row one click from acting on it (record the visit's
outcome or open it, close the promise, plan the overdue visit).

The page reads :class:`~salesdesk.services.today.TodayView` on the writer through the task
runner and refreshes on every change to visits, promises or customers, when shown after a
change made elsewhere, and when the local day turns over while the app runs. Acting on a
visit or planning one is the Visits page's work: the page asks the window through signals.
Closing a promise opens the Promises page's own dialog here.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import UTC, date, datetime
from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QDate, QEvent, QLocale, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from salesdesk.domain.visits import VisitStatus
from salesdesk.kit.changes import Changes
from salesdesk.services.promises import PromiseRow
from salesdesk.services.shipments.records import ShipmentRow
from salesdesk.services.today import TodayView
from salesdesk.services.visits.records import AgendaVisit
from salesdesk.ui.complaints import words as complaint_words
from salesdesk.ui.promises.dialogs import CloseDialog, FormDialog, run_dialog
from salesdesk.ui.promises.table import OVERDUE_RED, delivers_text, due_text
from salesdesk.ui.shipments.words import countdown
from salesdesk.ui.visits import words as visit_words

if TYPE_CHECKING:
    from salesdesk.services.container import AppServices
    from salesdesk.ui.errors import ErrorReporter
    from salesdesk.ui.tasks import TaskRunner

_MUTED = QColor("#6b7280")
_DAY_CHECK_MS = 60_000  # how often the page looks whether the local day has turned over


def _t(text: str) -> str:
    return QCoreApplication.translate("TodayPage", text)


class Section(QFrame):
    """A titled list with a count; each row carries one action button (its default action is
    also a double-click)."""

    def __init__(self, name: str, columns: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        layout = QVBoxLayout(self)
        self.title = QLabel()
        self.title.setObjectName(f"{name}Title")
        self.title.setStyleSheet("font-size: 15px; font-weight: 600;")
        layout.addWidget(self.title)
        self.empty = QLabel()
        self.empty.setObjectName(f"{name}Empty")
        self.empty.setStyleSheet("color: #6b7280;")
        layout.addWidget(self.empty)
        self.list = QTreeWidget()
        self.list.setObjectName(f"{name}List")
        self.list.setColumnCount(columns + 1)
        self.list.setRootIsDecorated(False)
        self.list.setHeaderHidden(True)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        header = self.list.header()
        header.setStretchLastSection(False)
        for column in range(columns + 1):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(columns - 1, QHeaderView.ResizeMode.Stretch)
        layout.addWidget(self.list)
        self._actions: list[Callable[[], None]] = []
        self.buttons: list[QPushButton] = []
        self.list.itemActivated.connect(self._activated)

    def set_rows(self, rows: list[tuple[list[str], QColor | None, str, Callable[[], None]]],
                 title: str, empty: str) -> None:
        """``rows``: (cells, colour or None, the button's text, its action)."""
        self.title.setText(title)
        self.empty.setText(empty)
        self.empty.setVisible(not rows)
        self.list.setVisible(bool(rows))
        self.list.clear()
        self._actions = []
        self.buttons = []
        last = self.list.columnCount() - 1
        for cells, colour, label, action in rows:
            item = QTreeWidgetItem(cells)
            if colour is not None:
                for column in range(len(cells)):
                    item.setForeground(column, colour)
            self.list.addTopLevelItem(item)
            button = QPushButton(label)
            button.setObjectName(f"{self.objectName()}Action")
            button.clicked.connect(lambda _=False, act=action: act())
            self.list.setItemWidget(item, last, button)
            self._actions.append(action)
            self.buttons.append(button)
        # Every row shown: the page scrolls, not each list.
        height = sum(self.list.sizeHintForRow(0) + 2 for _ in rows) if rows else 0
        self.list.setFixedHeight(height + 2 * self.list.frameWidth() + 2)

    def _activated(self, item: QTreeWidgetItem, _column: int) -> None:
        self._actions[self.list.indexOfTopLevelItem(item)]()


class TodayPage(QWidget):
    loaded = Signal(object)  # the TodayView shown (tests, the benchmark)
    outcome_requested = Signal(object)  # a visit's uuid: record its outcome
    visit_requested = Signal(object)  # an AgendaVisit: open it on the Visits page
    plan_requested = Signal(object)  # a customer's uuid: plan a visit to it
    page_requested = Signal(str)  # a page's key ("promises", "visits")
    arrival_requested = Signal(object)  # a ShipmentRow: confirm its arrival
    complaint_requested = Signal(object)  # a complaint's uuid: open it on the Complaints page

    def __init__(self, services: AppServices, runner: TaskRunner, errors: ErrorReporter,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._services = services
        self._runner = runner
        self._errors = errors
        self._stale = True
        self._loading = False
        self._view: TodayView | None = None
        self.dialog: FormDialog | None = None  # the open dialog (tests click through it)
        self._build()
        self.retranslate()
        runner.changes.changed.connect(self._on_changes)
        self._day_timer = QTimer(self)
        self._day_timer.setInterval(_DAY_CHECK_MS)
        self._day_timer.timeout.connect(self._check_day)
        self._day_timer.start()

    # --- construction -----------------------------------------------------------------

    def _build(self) -> None:
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        outer.addWidget(scroll)
        body = QWidget()
        scroll.setWidget(body)
        layout = QVBoxLayout(body)
        layout.setContentsMargins(16, 12, 16, 12)
        top = QHBoxLayout()
        self.heading = QLabel()
        self.heading.setObjectName("todayHeading")
        self.heading.setStyleSheet("font-size: 20px; font-weight: 600;")
        top.addWidget(self.heading)
        top.addStretch(1)
        self.promises_link = QPushButton()
        self.promises_link.setObjectName("todayAllPromises")
        self.promises_link.setFlat(True)
        self.promises_link.clicked.connect(lambda: self.page_requested.emit("promises"))
        self.visits_link = QPushButton()
        self.visits_link.setObjectName("todayAllVisits")
        self.visits_link.setFlat(True)
        self.visits_link.clicked.connect(lambda: self.page_requested.emit("visits"))
        top.addWidget(self.visits_link)
        top.addWidget(self.promises_link)
        layout.addLayout(top)
        self.summary = QLabel()
        self.summary.setObjectName("todaySummary")
        self.summary.setStyleSheet("color: #374151;")
        layout.addWidget(self.summary)
        self.reminder = QLabel()
        self.reminder.setObjectName("todayReminder")
        self.reminder.setWordWrap(True)
        self.reminder.setStyleSheet(
            "background: #fff4e5; border: 1px solid #f0b35a; padding: 8px; border-radius: 4px;")
        self.reminder.hide()
        layout.addWidget(self.reminder)
        self.visits = Section("todayVisits", 4)
        self.promises = Section("todayPromises", 4)
        self.contacts = Section("todayOverdueContacts", 2)
        self.shipments_section = Section("todayShipments", 4)
        self.complaints = Section("todayComplaints", 4)
        for section in (self.visits, self.promises, self.shipments_section, self.complaints,
                        self.contacts):
            layout.addWidget(section)
        layout.addStretch(1)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.promises_link.setText(self.tr("All promises →"))
        self.visits_link.setText(self.tr("All visits →"))
        if self._view is not None:
            self._show(self._view)
        else:
            self.heading.setText(self.tr("Today"))

    # --- reading ----------------------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self.reload()

    def _on_changes(self, changes: Changes, initiator: object) -> None:
        if (changes.visits or changes.promises or changes.customers or changes.tiers
                or changes.people or changes.store or changes.shipments
                or changes.complaints):
            self._stale = True
            if self.isVisible():
                self.reload()

    def _check_day(self) -> None:
        if self._view is not None and self._view.today != date.today():
            self._stale = True
            if self.isVisible():
                self.reload()

    def reload(self) -> None:
        """Reads the page again (only while shown; else on the next show)."""
        if not self.isVisible():
            self._stale = True
            return
        self._stale = False
        if self._loading:  # the read under way is reread when it lands
            self._stale = True
            return
        self._loading = True
        services = self._services

        def job() -> TodayView:
            return services.today.read()

        self._runner.run_write(job, on_done=self._loaded, on_error=self._failed)

    def _failed(self, exc: BaseException) -> None:
        self._loading = False
        self._errors.handle(exc)

    def _loaded(self, view: TodayView) -> None:
        self._loading = False
        self._view = view
        self._show(view)
        self.loaded.emit(view)
        if self._stale and self.isVisible():
            self.reload()

    def set_reminder(self, text: str) -> None:
        """Shows the reminder digest on the page (where the system has no tray), or hides it
        when ``text`` is empty."""
        self.reminder.setText(text)
        self.reminder.setVisible(bool(text))

    # --- showing ----------------------------------------------------------------------

    def _show(self, view: TodayView) -> None:
        locale = QLocale()
        self.heading.setText(self.tr("Today, %1").replace(
            "%1", locale.toString(QDate(view.today.year, view.today.month, view.today.day),
                            QLocale.FormatType.LongFormat)))
        self.summary.setText(self._summary(view))
        self._show_visits(view)
        self._show_promises(view)
        self._show_shipments(view)
        self._show_contacts(view)
        self._show_complaints(view)

    def _summary(self, view: TodayView) -> str:
        """One line: the four counts always, then late and arriving shipments and complaints
        near breach when there are any (the same counts as their sections' titles)."""
        overdue, due = view.overdue_promise_count, view.due_promise_count
        parts = [
            self.tr("%1 visits planned · %2 promises overdue · %3 due today · "
                    "%4 customers overdue a visit")
            .replace("%1", str(view.planned_count)).replace("%2", str(overdue))
            .replace("%3", str(due)).replace("%4", f"{view.overdue_contacts.total:,}")]
        for count, text in ((len(view.late_shipments), self.tr("%1 shipments late")),
                            (len(view.arriving_shipments), self.tr("%1 shipments arriving today")),
                            (len(view.complaints), self.tr("%1 complaints near breach"))):
            if count:
                parts.append(text.replace("%1", f"{count:,}"))
        return " · ".join(parts)

    def _show_visits(self, view: TodayView) -> None:
        zone = self._services.zone
        rows: list[tuple[list[str], QColor | None, str, Callable[[], None]]] = []
        for visit in view.visits:
            when = visit_words.time_window(
                visit.starts_at.astimezone(zone),
                visit.ends_at.astimezone(zone) if visit.ends_at else None)
            what = " · ".join(t for t in (visit.purpose, visit.place) if t)
            cells = [when, visit.customer_name, what,
                     visit_words.status_text(visit.status, visit.reason)]
            if visit.status is VisitStatus.PLANNED:
                rows.append((cells, None, self.tr("Record outcome…"),
                             partial(self.outcome_requested.emit, visit.id)))
            else:
                rows.append((cells, _MUTED, self.tr("Open"),
                             partial(self.visit_requested.emit, visit)))
        count = view.visit_count
        title = (self.tr("Today's visits (%1)").replace("%1", str(count))
                 if count <= len(rows) else
                 self.tr("Today's visits (%1, the first %2 shown)")
                 .replace("%1", f"{count:,}").replace("%2", str(len(rows))))
        self.visits.set_rows(rows, title, self.tr("No visits planned for today."))

    def _show_promises(self, view: TodayView) -> None:
        rows: list[tuple[list[str], QColor | None, str, Callable[[], None]]] = []
        for promise in (*view.overdue_promises, *view.due_promises):
            cells = [due_text(promise, view.today), promise.customer_name, promise.description,
                     delivers_text(promise)]
            colour = OVERDUE_RED if promise.days_overdue > 0 else None
            rows.append((cells, colour, self.tr("Close…"),
                         partial(self.close_promise, promise)))
        count = view.overdue_promise_count + view.due_promise_count
        title = (self.tr("Promises overdue and due today (%1)").replace("%1", f"{count:,}")
                 if count <= len(rows) else
                 self.tr("Promises overdue and due today (%1, the %2 most urgent shown)")
                 .replace("%1", f"{count:,}").replace("%2", str(len(rows))))
        self.promises.set_rows(rows, title, self.tr("No promise is due today or overdue."))

    def _show_shipments(self, view: TodayView) -> None:
        now = datetime.now(UTC)
        rows = [self._shipment_row(r, countdown(r.eta, now), True) for r in view.late_shipments]
        rows += [self._shipment_row(r, countdown(r.eta, now), False)
                 for r in view.arriving_shipments]
        count = len(rows)
        self.shipments_section.set_rows(
            rows, self.tr("Shipments arriving today and late (%1)").replace("%1", str(count)),
            self.tr("No shipment is due today or late."))

    def _shipment_row(self, shipment: ShipmentRow, when: str, late: bool
                      ) -> tuple[list[str], QColor | None, str, Callable[[], None]]:
        cells = [when, shipment.customer_name, shipment.goods,
                 f"{shipment.truck_plate} {shipment.driver}".strip()]
        return (cells, OVERDUE_RED if late else None, self.tr("Arrived…"),
                partial(self.arrival_requested.emit, shipment))
    def _show_complaints(self, view: TodayView) -> None:
        rows: list[tuple[list[str], QColor | None, str, Callable[[], None]]] = []
        for c in view.complaints:
            cells = [complaint_words.left_text(c.left, c.paused), c.reference, c.customer_name,
                     complaint_words.status_label(c.status.value)]
            rows.append((cells, OVERDUE_RED if c.breached else None, self.tr("Open"),
                         partial(self.complaint_requested.emit, c.id)))
        self.complaints.set_rows(
            rows, self.tr("Complaints near breach (%1)").replace("%1", str(len(rows))),
            self.tr("No complaint is near its committed time."))

    def _show_contacts(self, view: TodayView) -> None:
        rows: list[tuple[list[str], QColor | None, str, Callable[[], None]]] = []
        for row in view.overdue_contacts.rows:
            rows.append(([row.customer_name, visit_words.overdue_reason(row.reason)], None,
                         self.tr("Plan visit…"),
                         partial(self.plan_requested.emit, row.customer_id)))
        total = view.overdue_contacts.total
        title = (self.tr("Customers overdue a visit (%1)").replace("%1", f"{total:,}")
                 if total <= len(rows) else
                 self.tr("Customers overdue a visit (%1, the %2 most overdue shown)")
                 .replace("%1", f"{total:,}").replace("%2", str(len(rows))))
        self.contacts.set_rows(rows, title, self.tr("Every customer has been visited on time."))

    # --- acting -----------------------------------------------------------------------

    def close_promise(self, promise: PromiseRow) -> None:
        """Asks kept or broken (the Promises page's dialog) and closes it on the writer."""
        service = self._services.promises
        self.dialog = CloseDialog(self, promise.description)
        run_dialog(self._runner, self._errors, self.dialog,
                   lambda v: service.close(promise.id, v[0], v[1]))

    def visit_ids(self) -> list[uuid.UUID]:
        """The visits listed, in order (tests)."""
        return [] if self._view is None else [v.id for v in self._view.visits]

    def shown(self) -> TodayView | None:
        return self._view


def visit_day(visit: AgendaVisit, services: AppServices) -> date:
    """The local day a visit is on (to open the Visits page there)."""
    return visit.starts_at.astimezone(services.zone).date()
