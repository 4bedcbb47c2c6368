"""The Customers page: search-as-you-type, filters, the list, and the editor beside it."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QItemSelection, QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from salesdesk.domain.customers import Category
from salesdesk.domain.validation import ValidationFailed
from salesdesk.kit.changes import Changes
from salesdesk.kit.jobs import Cancelled, JobState
from salesdesk.services.customers.records import CustomerGone, CustomerQuery
from salesdesk.services.people import Person
from salesdesk.ui import messages
from salesdesk.ui.complaints.record import NewComplaintButton
from salesdesk.ui.customers.editor import CustomerEditor
from salesdesk.ui.customers.table import CustomerTableModel
from salesdesk.ui.customers.timeline import CustomerTimeline
from salesdesk.ui.promises.customer_badge import PromiseBadge
from salesdesk.ui.shipments.customer_badge import ShipmentBadge
from salesdesk.ui.visits.plan import PlanVisitButton

if TYPE_CHECKING:
    from salesdesk.services.container import AppServices
    from salesdesk.services.customers.records import CustomerDetail
    from salesdesk.services.customers.service import SaveOutcome
    from salesdesk.ui.errors import ErrorReporter
    from salesdesk.ui.tasks import Handle, TaskRunner

_UNASSIGNED = "__unassigned__"


class CustomersPage(QWidget):
    # Emitted when a save finished and the list shows it (for tests and the status bar).
    customer_saved = Signal(object)
    # Emitted when the count under the list shows the current query's number (benchmarks, tests).
    count_shown = Signal(int)
    detail_loaded = Signal(object)
    import_requested = Signal()
    export_requested = Signal()

    def __init__(
        self,
        services: AppServices,
        runner: TaskRunner,
        errors: ErrorReporter,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._services = services
        self._runner = runner
        self._errors = errors
        self._closed = False
        self._holders: list[Person] = []  # the salesperson filter's people, after its 2 items
        self._count: int | None = None  # shown under the list (dimmed while a newer one runs)
        self._count_job: Handle | None = None
        self._counting = False  # a count for the query shown is still to come
        self._count_serial = 0  # of the latest query: a count of an older one is never shown
        self._count_timer = QTimer(self)  # starts a count once the new rows are painted
        self._count_timer.setSingleShot(True)
        self._count_timer.setInterval(0)
        self._count_timer.timeout.connect(self._start_count)
        self._build()
        self.promise_badge = PromiseBadge.attach(self, services, runner, errors)
        self.shipment_badge = ShipmentBadge.attach(self, services, runner, errors)
        self.retranslate()
        self.model = CustomerTableModel(services.browser, self)
        self.table.setModel(self.model)
        # A new query's rows are laid out at once, not inside the next paint: a layout there
        # asks for a second full repaint of the list (~8 ms on every keystroke).
        self.model.modelReset.connect(self.table.executeDelayedItemsLayout)
        self._configure_table()
        self.model.reloaded.connect(self._update_count)
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        self.model.set_query(CustomerQuery())
        # Before anyone can type: a salesperson must not edit HQ-owned fields even briefly.
        self.editor.set_user(services.browser.current_user())
        QTimer.singleShot(0, self.reload_choices)
        runner.changes.changed.connect(self._on_changes)

    # --- construction -----------------------------------------------------------------

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        bar = QHBoxLayout()
        self.search = QLineEdit()
        self.search.setObjectName("customerSearch")
        self.search.setClearButtonEnabled(True)
        bar.addWidget(self.search, 3)
        self.tier_filter = QComboBox()
        self.tier_filter.setObjectName("tierFilter")
        self.category_filter = QComboBox()
        self.category_filter.setObjectName("categoryFilter")
        self.region_filter = QComboBox()
        self.region_filter.setObjectName("regionFilter")
        self.salesperson_filter = QComboBox()
        self.salesperson_filter.setObjectName("salespersonFilter")
        for combo in (
            self.tier_filter,
            self.category_filter,
            self.region_filter,
            self.salesperson_filter,
        ):
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
            bar.addWidget(combo)
        self.new_button = QPushButton()
        self.new_button.setObjectName("newCustomer")
        bar.addWidget(self.new_button)
        self.import_button = QPushButton()
        self.import_button.setObjectName("importCustomers")
        self.export_button = QPushButton()
        self.export_button.setObjectName("exportCustomers")
        bar.addWidget(self.import_button)
        bar.addWidget(self.export_button)
        layout.addLayout(bar)

        splitter = QSplitter(Qt.Orientation.Horizontal)
        left = QWidget()
        left_box = QVBoxLayout(left)
        left_box.setContentsMargins(0, 0, 0, 0)
        self.table = QTableView()
        self.table.setObjectName("customerTable")
        left_box.addWidget(self.table)
        self.count_label = QLabel()
        self.count_label.setObjectName("customerCount")
        left_box.addWidget(self.count_label)
        splitter.addWidget(left)
        self.editor = CustomerEditor()
        bar.addWidget(PlanVisitButton(self._services, self._runner, self._errors,
                                      self.editor.shown_id))
        bar.addWidget(NewComplaintButton(self._services, self._runner, self._errors,
                                         self.editor.shown_id))
        # The customer's history under the editor, following what it shows (issue 13).
        side = QSplitter(Qt.Orientation.Vertical)
        side.addWidget(self.editor)
        self.timeline = CustomerTimeline(self._services, self._runner, self._errors)
        side.addWidget(self.timeline)
        side.setSizes([480, 300])
        self.editor.customer_shown.connect(self.timeline.show_customer)
        splitter.addWidget(side)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setSizes([720, 440])
        layout.addWidget(splitter, 1)

        self.search.textChanged.connect(self._apply_filters)
        for combo in (
            self.tier_filter,
            self.category_filter,
            self.region_filter,
            self.salesperson_filter,
        ):
            combo.currentIndexChanged.connect(self._apply_filters)
        self.new_button.clicked.connect(self.new_customer)
        self.import_button.clicked.connect(self.import_requested)
        self.export_button.clicked.connect(self.export_requested)
        self.editor.save_requested.connect(self._save)
        QShortcut(QKeySequence.StandardKey.Find, self, self.search.setFocus)
        QShortcut(QKeySequence.StandardKey.New, self, self.new_customer)
        QShortcut(QKeySequence.StandardKey.Save, self, self.editor.save.click)
        self.editor.open_requested.connect(self.open_customer)

    def _configure_table(self) -> None:
        t = self.table
        t.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        t.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        t.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        t.setSortingEnabled(True)
        t.horizontalHeader().setSortIndicator(0, Qt.SortOrder.AscendingOrder)
        t.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        t.horizontalHeader().setStretchLastSection(True)
        t.verticalHeader().hide()
        t.verticalHeader().setDefaultSectionSize(24)
        t.setAlternatingRowColors(True)
        t.setWordWrap(False)
        for col, width in enumerate((240, 40, 70, 60, 70, 80, 160, 120, 140)):
            t.setColumnWidth(col, width)

    # --- language ---------------------------------------------------------------------

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange and not self._closed:
            self.retranslate()
            if hasattr(self, "model"):
                self.model.retranslate()
                self._show_count()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.search.setPlaceholderText(
            self.tr("Search name, contact, phone or pinyin (e.g. qhjc)…")
        )
        self.new_button.setText(self.tr("New customer"))
        self.import_button.setText(self.tr("Import…"))
        self.export_button.setText(self.tr("Export…"))
        self._fill_combo(
            self.tier_filter,
            [
                (None, self.tr("All tiers")),
                ("A", "A"),
                ("B", "B"),
                ("C", "C"),
                ("-", self.tr("No tier")),
            ],
        )
        self._fill_combo(
            self.category_filter,
            [(None, self.tr("All categories"))]
            + [(c.value, messages.category_label(c.value)) for c in Category],
        )
        if self.region_filter.count():
            self.region_filter.setItemText(0, self.tr("All regions"))
        if self.salesperson_filter.count() > 1:
            self.salesperson_filter.setItemText(0, self.tr("All salespeople"))
            self.salesperson_filter.setItemText(1, self.tr("(unassigned)"))
            for i, person in enumerate(self._holders, start=2):
                self.salesperson_filter.setItemText(i, messages.person_label(person, person.id))

    @staticmethod
    def _fill_combo(combo: QComboBox, items: list[tuple[Any, str]]) -> None:
        current = combo.currentData()
        combo.blockSignals(True)
        combo.clear()
        for data, text in items:
            combo.addItem(text, data)
        combo.setCurrentIndex(max(0, combo.findData(current)) if current is not None else 0)
        combo.blockSignals(False)

    def reload_choices(self) -> None:
        """Refills the region and salesperson choices, and who is logged in, from the store."""
        options = self._services.browser.filter_options()
        self._holders = options.salespeople
        self.editor.set_user(self._services.browser.current_user())
        self._fill_combo(
            self.region_filter, [(None, self.tr("All regions"))] + [(r, r) for r in options.regions]
        )
        # The filter finds customers, so it lists whoever holds some (a departed salesperson's
        # too); the editor offers only whom HQ accepts as an assignee: active salespeople.
        self._fill_combo(
            self.salesperson_filter,
            [(None, self.tr("All salespeople")), (_UNASSIGNED, self.tr("(unassigned)"))]
            + [(str(p.id), messages.person_label(p, p.id)) for p in options.salespeople],
        )
        self.editor.set_choices(options.assignees, options.regions)

    # --- list -------------------------------------------------------------------------

    def current_query(self) -> CustomerQuery:
        person = self.salesperson_filter.currentData()
        return replace(
            self.model.query,
            text=self.search.text(),
            tier=self.tier_filter.currentData(),
            category=self.category_filter.currentData(),
            region=self.region_filter.currentData(),
            assigned_to_id=uuid.UUID(person) if person and person != _UNASSIGNED else None,
            unassigned=person == _UNASSIGNED,
        )

    def _apply_filters(self) -> None:
        if self.table.isVisible():  # the rows the list shows, and two more
            row_height = self.table.verticalHeader().defaultSectionSize()
            self.model.first_page = max(self.table.viewport().height() // row_height + 2, 10)
        self.model.set_query(self.current_query())

    def _update_count(self, loaded: int) -> None:
        """Counts the query just shown, never on the GUI thread: a search matching most of
        100,000 customers takes ~0.4 s to count. A first page holding every match is its own
        count; otherwise the count runs in the background, the previous number dimmed
        meanwhile. A newer query cancels it; a count of an older query is never shown."""
        self._stop_counting()
        if self._closed:
            return
        if not self.model.canFetchMore(QModelIndex()):
            self._counted(self._count_serial, self.model.rowCount())
            return
        self._counting = True
        self._show_count()
        self._count_timer.start()

    def _start_count(self) -> None:
        if self._closed:
            return
        serial, query, browser = self._count_serial, self.model.query, self._services.browser

        def failed(exc: BaseException) -> None:
            if serial == self._count_serial and not isinstance(exc, Cancelled):
                self._errors.handle(exc)

        def count(state: JobState) -> int:
            return browser.count_apart(query, state)

        self._count_job = self._runner.run_io(
            count,
            with_state=True,
            on_done=lambda total: self._counted(serial, total),
            on_error=failed,
        )

    def _stop_counting(self) -> None:
        self._count_serial += 1
        self._count_timer.stop()
        if self._count_job is not None:
            self._count_job.cancel()
            self._count_job = None

    def _counted(self, serial: int, total: int) -> None:
        if serial != self._count_serial or self._closed:
            return  # a newer query's count is coming
        self._count_job = None
        self._count, self._counting = total, False
        self._show_count()
        self.count_shown.emit(total)

    def _show_count(self) -> None:
        """The last count, dimmed while a newer one is being made."""
        if self._count is not None:
            self.count_label.setText(self.tr("%1 customers").replace("%1", f"{self._count:,}"))
        self.count_label.setEnabled(not self._counting)
        self.count_label.setToolTip(self.tr("Counting…") if self._counting else "")

    def confirm_discard(self) -> bool:
        """Asks before unsaved edits in the editor would be thrown away."""
        if not self.editor.is_dirty():
            return True
        answer = QMessageBox.question(
            self,
            self.tr("Unsaved changes"),
            self.tr("The customer you are editing has unsaved changes. Discard them?"),
            QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        return answer == QMessageBox.StandardButton.Discard

    def _selection_changed(self, selected: QItemSelection, deselected: QItemSelection) -> None:
        indexes = selected.indexes()
        if not indexes:
            return
        row = self.model.row_at(indexes[0].row())
        if row is None or row.id == self.editor.draft().id:
            return
        if not self.confirm_discard():
            selection = self.table.selectionModel()
            selection.blockSignals(True)
            selection.select(selected, selection.SelectionFlag.Deselect)
            selection.select(deselected, selection.SelectionFlag.Select)
            selection.blockSignals(False)
            return
        self.open_customer(row.id)

    def open_customer(self, customer_id: uuid.UUID) -> None:
        self._runner.run_write(
            lambda: self._services.customers.get(customer_id),
            on_done=self._show_detail,
            on_error=self._errors.handle,
        )

    def _show_detail(self, detail: CustomerDetail | None) -> None:
        self.editor.load(detail)
        self.detail_loaded.emit(detail)

    def new_customer(self) -> None:
        if not self.confirm_discard():
            return
        self.table.selectionModel().blockSignals(True)
        self.table.clearSelection()
        self.table.selectionModel().blockSignals(False)
        self.editor.load(None)
        self.editor.name.setFocus()

    # --- saving -----------------------------------------------------------------------

    def _save(self, draft: Any, allow_duplicates: bool) -> None:
        self._runner.run_write(
            lambda: self._services.customers.save_checked(draft, allow_duplicates=allow_duplicates),
            on_done=self._saved,
            on_error=self._save_failed,
            initiator=self,
        )

    def _saved(self, outcome: SaveOutcome) -> None:
        if outcome.saved is None:
            self.editor.show_duplicates(outcome.duplicates)
            return
        detail = outcome.saved
        self.editor.saved(detail)
        self.model.refresh()
        self.reload_choices()
        row = self.model.row_of(detail.draft.id)
        if row >= 0:
            self.table.selectionModel().blockSignals(True)
            self.table.selectRow(row)
            self.table.selectionModel().blockSignals(False)
            self.table.scrollTo(self.model.index(row, 0))
        self.customer_saved.emit(detail)

    def _save_failed(self, exc: BaseException) -> None:
        if isinstance(exc, CustomerGone):  # the editor stops offering to save it
            self.editor.gone(exc)
        elif isinstance(exc, ValidationFailed):
            self.editor.show_errors(exc.errors)
        else:
            self.editor.status.setText(self.tr("Not saved."))
            self._errors.handle(exc)

    def shutdown(self) -> None:
        """The window is closing: the store is about to be closed, stop reading it."""
        self._closed = True
        self._stop_counting()
        self.setEnabled(False)  # no search or edit may reach the closing store

    def resume(self) -> None:
        """The store is open again (after a restore)."""
        self._closed = False
        self.setEnabled(True)

    def under_title(self, line: QWidget, position: int,
                    follow: Callable[[CustomerDetail | None], None]) -> None:
        """Puts a feature's line (a badge) under the editor's title at ``position``; ``follow``
        hears of every customer shown, saved, or none (a new one being typed)."""
        layout = self.editor.layout()
        assert isinstance(layout, QVBoxLayout)
        layout.insertWidget(position, line)
        self.detail_loaded.connect(follow)
        self.customer_saved.connect(follow)
        self.new_button.clicked.connect(lambda: follow(None))

    def _on_changes(self, changes: Changes, initiator: object) -> None:
        """Refreshes what an operation changed of what this page shows (not its own saves:
        :meth:`_saved` shows those)."""
        if initiator is self:
            return
        if changes.customers or changes.tiers or changes.store:
            self.reload()
        elif changes.people:
            self.reload_choices()

    def reload(self) -> None:
        """Re-reads everything (after an import, a restore or a sync)."""
        self.model.set_browser(self._services.browser)
        self.reload_choices()
        self._check_shown_customer()

    def _check_shown_customer(self) -> None:
        """Tells the editor when the customer it shows is gone from the store (a sync
        evicted it), so it is not saved back as a new row."""
        shown = self.editor.shown_id()
        if shown is None:
            return

        def still_there(detail: CustomerDetail | None) -> None:
            if detail is None and self.editor.shown_id() == shown:
                self.editor.gone(CustomerGone(shown))

        self._runner.run_write(
            lambda: self._services.customers.get(shown),
            on_done=still_there,
            on_error=self._errors.handle,
        )
