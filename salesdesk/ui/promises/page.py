"""The Promises page (诺必践，践必果): overdue (red), due today, this week, all open and closed
promises, filtered by customer and by who must deliver, with the kept-rate for a period on
top; closing asks kept or broken.

Reads and writes run on the writer through the task runner; the page refreshes whenever an
operation reports ``Changes.promises`` (its own included), and on being shown after a
change made while it was hidden.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QEvent, Signal
from PySide6.QtGui import QColor, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTabBar,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from salesdesk.domain.people import Department
from salesdesk.domain.promises import KeptRate, PromiseStatus
from salesdesk.kit.changes import Changes
from salesdesk.services.promises import (
    KeptRates,
    PeriodKind,
    PromiseFilter,
    PromiseList,
    PromiseRow,
    PromiseView,
    period_of,
)
from salesdesk.ui import messages
from salesdesk.ui.promises.dialogs import (
    CloseDialog,
    DueDialog,
    FormDialog,
    NewPromiseDialog,
    ReasonDialog,
    contacts_reader,
    date_edit,
    fill_combo,
    from_qdate,
    index_of,
    run_dialog,
)
from salesdesk.ui.promises.table import PromiseTableModel

if TYPE_CHECKING:
    from salesdesk.services.container import AppServices
    from salesdesk.ui.errors import ErrorReporter
    from salesdesk.ui.tasks import TaskRunner

_VIEWS = (PromiseView.OVERDUE, PromiseView.TODAY, PromiseView.WEEK, PromiseView.OPEN,
          PromiseView.CLOSED)
_ANYONE = "__anyone__"
_CUSTOM = "custom"
RATE_LINES = 100  # customers in the kept-rate table, the worst first


def rate_text(rate: KeptRate | None) -> str:
    """"75% (3 kept, 1 broken, 1 at risk)"; "—" when nothing was kept or broken yet."""
    if rate is None:
        return "—"
    value = "—" if rate.rate is None else f"{rate.rate:.0%}"
    return (
        QCoreApplication.translate("PromisesPage", "%1 (%2 kept, %3 broken, %4 at risk)")
        .replace("%1", value).replace("%2", str(rate.kept)).replace("%3", str(rate.broken))
        .replace("%4", str(rate.at_risk))
    )


@dataclass(frozen=True)
class _Loaded:
    listing: PromiseList
    rates: KeptRates
    customers: list[tuple[uuid.UUID, str]]
    department: str | None  # HQ staff's own department (the first filter they see)


class PromisesPage(QWidget):
    loaded = Signal()  # the list and the rates show the store as of the last read

    def __init__(self, services: AppServices, runner: TaskRunner, errors: ErrorReporter,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._services = services
        self._runner = runner
        self._errors = errors
        self._stale = True  # read on the next show
        self._first = True  # HQ staff start on their department's promises
        self._today = date.today()
        self.dialog: FormDialog | None = None  # the open dialog (tests click through it)
        self._build()
        self.retranslate()
        runner.changes.changed.connect(self._on_changes)

    # --- construction -----------------------------------------------------------------

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        rates = QHBoxLayout()
        self.rate_title = QLabel()
        self.period = QComboBox()
        self.period.setObjectName("ratePeriod")
        self.first_day = date_edit(date.today(), "rateFrom")
        self.last_day = date_edit(date.today(), "rateTo")
        self.my_rate = QLabel()
        self.my_rate.setObjectName("myKeptRate")
        self.my_rate.setStyleSheet("font-weight: 600;")
        for w in (self.rate_title, self.period, self.first_day, self.last_day):
            rates.addWidget(w)
        rates.addWidget(self.my_rate, 1)
        layout.addLayout(rates)
        self.customer_rates = QTableWidget(0, 5)
        self.customer_rates.setObjectName("customerRates")
        self.customer_rates.setMaximumHeight(130)
        self.customer_rates.verticalHeader().hide()
        self.customer_rates.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.customer_rates.horizontalHeader().setStretchLastSection(True)
        self.customer_rates.setColumnWidth(0, 260)
        layout.addWidget(self.customer_rates)

        bar = QHBoxLayout()
        self.tabs = QTabBar()
        self.tabs.setObjectName("promiseTabs")
        for _ in _VIEWS:
            self.tabs.addTab("")
        self.tabs.setCurrentIndex(_VIEWS.index(PromiseView.OPEN))
        bar.addWidget(self.tabs)
        bar.addStretch(1)
        self.customer_filter = QComboBox()
        self.customer_filter.setObjectName("promiseCustomerFilter")
        self.customer_filter.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.delivers_filter = QComboBox()
        self.delivers_filter.setObjectName("promiseDeliversFilter")
        self.new_button = QPushButton()
        self.new_button.setObjectName("newPromise")
        bar.addWidget(self.customer_filter)
        bar.addWidget(self.delivers_filter)
        bar.addWidget(self.new_button)
        layout.addLayout(bar)

        self.model = PromiseTableModel(self)
        self.table = QTableView()
        self.table.setObjectName("promiseTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        for col, width in enumerate((300, 200, 100, 190, 100)):
            self.table.setColumnWidth(col, width)
        layout.addWidget(self.table, 1)
        self.cut_label = QLabel()
        self.cut_label.setObjectName("promisesCut")
        self.cut_label.hide()
        layout.addWidget(self.cut_label)

        actions = QHBoxLayout()
        self.close_button = QPushButton()
        self.close_button.setObjectName("closePromise")
        self.cancel_button = QPushButton()
        self.cancel_button.setObjectName("cancelPromise")
        self.reopen_button = QPushButton()
        self.reopen_button.setObjectName("reopenPromise")
        self.due_button = QPushButton()
        self.due_button.setObjectName("changeDue")
        for b in (self.close_button, self.cancel_button, self.reopen_button, self.due_button):
            actions.addWidget(b)
        actions.addStretch(1)
        layout.addLayout(actions)

        self.tabs.currentChanged.connect(self.reload)
        self.customer_filter.currentIndexChanged.connect(self.reload)
        self.delivers_filter.currentIndexChanged.connect(self.reload)
        self.period.currentIndexChanged.connect(self._period_changed)
        self.first_day.dateChanged.connect(self.reload)
        self.last_day.dateChanged.connect(self.reload)
        self.new_button.clicked.connect(self.new_promise)
        self.close_button.clicked.connect(self.close_selected)
        self.cancel_button.clicked.connect(self.cancel_selected)
        self.reopen_button.clicked.connect(self.reopen_selected)
        self.due_button.clicked.connect(self.change_due_selected)
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        self.table.doubleClicked.connect(self.close_selected)
        self._update_buttons()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.rate_title.setText(self.tr("Kept-rate:"))
        fill_combo(self.period, [(PeriodKind.MONTH.value, self.tr("This month")),
                                 (PeriodKind.QUARTER.value, self.tr("This quarter")),
                                 (PeriodKind.YEAR.value, self.tr("This year")),
                                 (_CUSTOM, self.tr("Custom…"))])
        fill_combo(self.delivers_filter, [
            (_ANYONE, self.tr("Anyone delivers")),
            *((value, messages.department_label(value))
              for value in ("", *(d.value for d in Department))),
        ])
        self.customer_rates.setHorizontalHeaderLabels(
            [self.tr("Customer"), self.tr("Kept"), self.tr("Broken"), self.tr("At risk"),
             self.tr("Kept-rate")])
        self.new_button.setText(self.tr("New promise…"))
        self.close_button.setText(self.tr("Close…"))
        self.cancel_button.setText(self.tr("Cancel…"))
        self.reopen_button.setText(self.tr("Reopen…"))
        self.due_button.setText(self.tr("Change due…"))
        self._label_tabs({})
        self._period_changed()

    def _label_tabs(self, counts: dict[PromiseView, int]) -> None:
        names = {PromiseView.OVERDUE: self.tr("Overdue"), PromiseView.TODAY: self.tr("Due today"),
                 PromiseView.WEEK: self.tr("This week"), PromiseView.OPEN: self.tr("All open"),
                 PromiseView.CLOSED: self.tr("Closed")}
        for i, view in enumerate(_VIEWS):
            count = counts.get(view)
            self.tabs.setTabText(i, names[view] if count is None else f"{names[view]} ({count})")
        self.tabs.setTabTextColor(
            _VIEWS.index(PromiseView.OVERDUE),
            QColor("#b3261e") if counts.get(PromiseView.OVERDUE) else QColor(),
        )

    # --- reading ----------------------------------------------------------------------

    def current_filter(self) -> PromiseFilter:
        customer = self.customer_filter.currentData()
        delivers = self.delivers_filter.currentData()
        return PromiseFilter(
            view=_VIEWS[max(0, self.tabs.currentIndex())],
            customer_id=customer if isinstance(customer, uuid.UUID) else None,
            department=None if delivers in (None, _ANYONE) else str(delivers),
        )

    def current_period(self) -> tuple[date, date]:
        kind = self.period.currentData()
        if kind == _CUSTOM:
            return from_qdate(self.first_day.date()), from_qdate(self.last_day.date())
        return period_of(PeriodKind(kind or PeriodKind.YEAR.value), self._today)

    def _period_changed(self) -> None:
        custom = self.period.currentData() == _CUSTOM
        self.first_day.setVisible(custom)
        self.last_day.setVisible(custom)
        self.reload()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self.reload()

    def _on_changes(self, changes: Changes, initiator: object) -> None:
        if changes.promises or changes.customers or changes.store or changes.people:
            self._stale = True
            if self.isVisible():
                self.reload()

    def reload(self) -> None:
        """Reads the list, the counts and the kept-rates again (only while shown)."""
        if not self.isVisible():
            self._stale = True
            return
        self._stale = False
        wanted = self.current_filter()
        first = self._first
        period = self.current_period()
        service = self._services.promises

        def job() -> _Loaded:
            department = service.my_department() if first else None
            if department is not None:
                nonlocal wanted
                wanted = PromiseFilter(wanted.view, wanted.customer_id, department)
            return _Loaded(service.find(wanted), service.kept_rates(*period, RATE_LINES),
                           service.customers_with_promises(), department)

        self._runner.run_write(job, on_done=self._show, on_error=self._errors.handle)

    def _show(self, data: _Loaded) -> None:
        self._today = data.listing.today
        if data.department is not None and self._first:
            self.delivers_filter.blockSignals(True)
            self.delivers_filter.setCurrentIndex(index_of(self.delivers_filter, data.department))
            self.delivers_filter.blockSignals(False)
        self._first = False
        fill_combo(self.customer_filter,
                   [(None, self.tr("All customers")), *data.customers])
        selected = self.selected()
        self.model.set_rows(data.listing.rows, data.listing.today)
        self._label_tabs(data.listing.counts)
        self.cut_label.setVisible(data.listing.cut)
        self.cut_label.setText(
            self.tr("Showing the first %1 due; choose a customer or who delivers to narrow "
                    "the list.").replace("%1", str(len(data.listing.rows))))
        if selected is not None:
            for i in range(self.model.rowCount()):
                row = self.model.row_at(i)
                if row is not None and row.id == selected.id:
                    self.table.selectRow(i)
        self._update_buttons()
        self._show_rates(data.rates)
        self.loaded.emit()

    def _show_rates(self, rates: KeptRates) -> None:
        label = self.tr("mine %1") if rates.mine is not None else "%1"
        self.my_rate.setText(label.replace("%1", rate_text(rates.mine)))
        self.customer_rates.setRowCount(len(rates.customers))
        for i, line in enumerate(rates.customers):
            r = line.rate
            cells = (line.name, str(r.kept), str(r.broken), str(r.at_risk),
                     "—" if r.rate is None else f"{r.rate:.0%}")
            for col, text in enumerate(cells):
                self.customer_rates.setItem(i, col, QTableWidgetItem(text))

    # --- acting -----------------------------------------------------------------------

    def selected(self) -> PromiseRow | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.row_at(rows[0].row()) if rows else None

    def _update_buttons(self) -> None:
        row = self.selected()
        is_open = row is not None and row.is_open
        self.close_button.setEnabled(is_open)
        self.cancel_button.setEnabled(is_open)
        self.due_button.setEnabled(is_open)
        self.reopen_button.setEnabled(row is not None and not row.is_open)

    def _run(self, dialog: FormDialog, change: Callable[[Any], object]) -> None:
        self.dialog = dialog
        run_dialog(self._runner, self._errors, dialog, change)

    def new_promise(self, customer_id: uuid.UUID | None = None) -> None:
        """New promise…: the customers to choose from are read first."""
        service = self._services.promises
        chosen = customer_id if isinstance(customer_id, uuid.UUID) else (
            self.current_filter().customer_id)
        self._runner.run_write(
            lambda: (service.customers(), service.today()),
            on_done=lambda found: self._open_new(found[0], found[1], chosen),
            on_error=self._errors.handle,
        )

    def _open_new(self, customers: list[tuple[uuid.UUID, str]], today: date,
                  chosen: uuid.UUID | None) -> None:
        service = self._services.promises
        reader = contacts_reader(self._runner, self._errors, service)
        self._run(NewPromiseDialog(self, customers, reader, today, chosen), service.make)

    def close_selected(self) -> None:
        row = self.selected()
        if row is None or not row.is_open:
            return
        service = self._services.promises
        self._run(CloseDialog(self, row.description),
                  lambda v: service.close(row.id, v[0], v[1]))

    def cancel_selected(self) -> None:
        row = self.selected()
        if row is None or not row.is_open:
            return
        service = self._services.promises
        self._run(ReasonDialog(self, self.tr("Cancel the promise"), row.description,
                               self.tr("why it is no longer needed")),
                  lambda reason: service.cancel(row.id, reason))

    def reopen_selected(self) -> None:
        row = self.selected()
        if row is None or row.is_open:
            return
        service = self._services.promises
        hint = (self.tr("why it is needed again") if row.status is PromiseStatus.CANCELLED
                else self.tr("optional"))
        self._run(ReasonDialog(self, self.tr("Reopen the promise"), row.description, hint),
                  lambda reason: service.reopen(row.id, reason))

    def change_due_selected(self) -> None:
        row = self.selected()
        if row is None or not row.is_open:
            return
        service = self._services.promises
        self._run(DueDialog(self, row.description, row.due),
                  lambda due: service.change_due(row.id, due))
