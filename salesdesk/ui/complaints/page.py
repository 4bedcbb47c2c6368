"""The Complaints page: open complaints by time left (amber near breach, red breached, grey
paused), filtered by category, severity, customer and department; the selected complaint's
facts and history beside them; a button for each step of its handling. A second tab lists the
resolved and closed ones (satisfaction, closing, reopening).

The rows are read once per refresh on the writer (with their time left, computed from the
stored deadlines) and filtered in memory, so a filter never queries and 20,000 complaints paint
at once. The page refreshes on ``Changes.complaints``, when shown after a change, and every
minute while shown (time left moves).

Over 500 lines: one page — the board, its filters, the selected complaint's facts and history
and a button per step; the dialogs, words, model and clock settings are modules of their own.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from html import escape
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QMainWindow,
    QPushButton,
    QSplitter,
    QTabBar,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from salesdesk.domain.complaint_clock import Severity
from salesdesk.domain.complaints import ComplaintCategory, EventKind
from salesdesk.domain.people import Department
from salesdesk.kit.changes import Changes
from salesdesk.services.complaints.records import Board, BoardRow, BoardRows, ComplaintDetail
from salesdesk.ui import messages
from salesdesk.ui.complaints.clock_settings import ClockSettingsDialog
from salesdesk.ui.complaints.record import RecordComplaintDialog, record_complaint
from salesdesk.ui.complaints.steps import StepDialog
from salesdesk.ui.complaints.table import ComplaintBoardModel
from salesdesk.ui.complaints.words import (
    category_label,
    channel_label,
    event_label,
    left_text,
    severity_label,
    status_label,
)
from salesdesk.ui.promises.dialogs import FormDialog, fill_combo, index_of, run_dialog
from salesdesk.ui.visits.printing import Output, VisitPrinting, print_language

if TYPE_CHECKING:
    from salesdesk.domain.complaint_clock import Policy
    from salesdesk.services.complaints.clock_settings import CalendarEdit
    from salesdesk.services.container import AppServices
    from salesdesk.services.visits.printing import Printed
    from salesdesk.ui.errors import ErrorReporter
    from salesdesk.ui.tasks import TaskRunner

K = EventKind
_ANY = "__any__"
STEPS = (K.CONTACTED, K.NOTE, K.CUSTOMER_MESSAGE, K.ESCALATED, K.SOLUTION_PROPOSED, K.ACCEPTED,
         K.REFUSED, K.RESOLVED, K.PAUSED, K.RESUMED, K.SATISFACTION, K.CLOSED, K.REOPENED)
"""The steps the page offers, in the order of a complaint's handling."""
REFRESH_MS = 60_000


class LazyCombo(QComboBox):
    """A combo box whose choices are made by ``fill`` when its list is first opened."""

    def __init__(self, fill: Callable[[], None], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._fill = fill
        self.filled = False

    def showPopup(self) -> None:
        if not self.filled:
            self._fill()
        super().showPopup()


class ComplaintsPage(QWidget):
    loaded = Signal()  # the table shows the store as of the last read
    detail_loaded = Signal()
    document_saved = Signal(object)  # Printed: a receipt or letter written

    def __init__(self, services: AppServices, runner: TaskRunner, errors: ErrorReporter,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._services = services
        self._runner = runner
        self._errors = errors
        self._stale = True
        self._all = BoardRows.empty()
        self._wanted_id: uuid.UUID | None = None  # to select once the rows are read
        self._first = True  # HQ staff start on the complaints escalated to their department
        self.detail: ComplaintDetail | None = None
        self.dialog: FormDialog | None = None  # the open dialog (tests click through it)
        # The receipt and the letter: Print… (print dialog, off the GUI thread) or Save as PDF…
        self.printing = VisitPrinting(services, runner, errors, self, on_status=self._status)
        self.printing.finished.connect(self.document_saved.emit)
        self._build()
        self.retranslate()
        runner.changes.changed.connect(self._on_changes)
        self._timer = QTimer(self)
        self._timer.setInterval(REFRESH_MS)
        self._timer.timeout.connect(self.reload)

    # --- construction -----------------------------------------------------------------

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        bar = QHBoxLayout()
        self.tabs = QTabBar()
        self.tabs.setObjectName("complaintTabs")
        self.tabs.addTab("")
        self.tabs.addTab("")
        self.tabs.setUsesScrollButtons(False)  # both tabs' words shown whole
        bar.addWidget(self.tabs)
        self.counts = QLabel()
        self.counts.setObjectName("complaintCounts")
        bar.addWidget(self.counts, 1)
        filters = QHBoxLayout()  # a row of their own: the tabs and counts keep their room
        self.category_filter = self._combo("complaintCategoryFilter")
        self.severity_filter = self._combo("complaintSeverityFilter")
        # Thousands of customers: listed when the filter is opened, not with every read.
        self.customer_filter = LazyCombo(self._fill_customers)
        self.customer_filter.setObjectName("complaintCustomerFilter")
        self.customer_filter.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.customer_filter.setMinimumContentsLength(16)
        self.department_filter = self._combo("complaintDepartmentFilter")
        for combo in (self.category_filter, self.severity_filter, self.customer_filter,
                      self.department_filter):
            filters.addWidget(combo)
            combo.currentIndexChanged.connect(self._apply_filter)
        filters.addStretch(1)
        self.new_button = QPushButton()
        self.new_button.setObjectName("newComplaint")
        bar.addWidget(self.new_button)
        layout.addLayout(bar)
        layout.addLayout(filters)

        split = QSplitter(Qt.Orientation.Horizontal)
        self.model = ComplaintBoardModel(self)
        self.table = QTableView()
        self.table.setObjectName("complaintTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(24)
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        for col, width in enumerate((110, 150, 190, 70, 60, 90, 80)):
            self.table.setColumnWidth(col, width)
        split.addWidget(self.table)
        side = QWidget()
        side_layout = QVBoxLayout(side)
        side_layout.setContentsMargins(0, 0, 0, 0)
        self.facts = QLabel()
        self.facts.setObjectName("complaintFacts")
        self.facts.setWordWrap(True)
        self.facts.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.facts.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
        self.facts.setOpenExternalLinks(True)
        self.history = QListWidget()
        self.history.setObjectName("complaintHistory")
        self.history.setWordWrap(True)
        side_layout.addWidget(self.facts)
        side_layout.addWidget(self.history, 1)
        split.addWidget(side)
        split.setSizes([820, 360])
        layout.addWidget(split, 1)

        steps = QGridLayout()
        self.step_buttons: dict[EventKind, QPushButton] = {}
        for i, kind in enumerate(STEPS):
            button = QPushButton()
            button.setObjectName(f"step_{kind.value}")
            button.clicked.connect(lambda _=False, k=kind: self.take_step(k))
            steps.addWidget(button, i // 7, i % 7)
            self.step_buttons[kind] = button
        layout.addLayout(steps)
        papers = QHBoxLayout()
        self.receipt_button = QPushButton()
        self.receipt_button.setObjectName("complaintReceiptPdf")
        self.letter_button = QPushButton()
        self.letter_button.setObjectName("complaintLetterPdf")
        papers.addWidget(self.receipt_button)
        papers.addWidget(self.letter_button)
        papers.addStretch(1)
        self.attach_button = QPushButton()
        self.attach_button.setObjectName("complaintAttach")
        self.attach_button.clicked.connect(self.choose_attachments)
        papers.insertWidget(2, self.attach_button)
        self.clock_button = QPushButton()
        self.clock_button.setObjectName("complaintClockSettings")
        self.clock_button.clicked.connect(self.edit_clock)
        papers.addWidget(self.clock_button)
        layout.addLayout(papers)
        self.receipt_button.setMenu(self.printing.menu(
            self, lambda output: self.save_document("receipt", output=output)))
        self.letter_button.setMenu(self.printing.menu(
            self, lambda output: self.save_document("letter", output=output)))

        self.tabs.currentChanged.connect(self.reload)
        self.new_button.clicked.connect(self._new_clicked)
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        self._update_buttons()

    @staticmethod
    def _combo(name: str) -> QComboBox:
        combo = QComboBox()
        combo.setObjectName(name)
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        return combo

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.tabs.setTabText(0, self.tr("Open"))
        self.tabs.setTabText(1, self.tr("Resolved and closed"))
        self.new_button.setText(self.tr("New complaint…"))
        fill_combo(self.category_filter, [(_ANY, self.tr("All categories")), *(
            (c.value, category_label(c.value)) for c in ComplaintCategory)])
        fill_combo(self.severity_filter, [(_ANY, self.tr("All severities")), *(
            (s.value, severity_label(s.value)) for s in Severity)])
        fill_combo(self.department_filter, [(_ANY, self.tr("Any department")), *(
            (d.value, messages.department_label(d.value)) for d in Department)])
        for kind, button in self.step_buttons.items():
            button.setText(event_label(kind.value) + ("" if kind in (K.ACCEPTED, K.CLOSED)
                                                      else "…"))
        self.receipt_button.setText(self.tr("Receipt"))
        self.letter_button.setText(self.tr("Resolution letter"))
        self.clock_button.setText(self.tr("Committed times and calendar…"))
        self.attach_button.setText(self.tr("Attach files…"))
        self._show_counts()
        if self.customer_filter.filled:
            self._fill_customers()
        else:
            fill_combo(self.customer_filter, [(_ANY, self.tr("All customers"))])

    def _fill_customers(self) -> None:
        """The customer filter's choices: all customers, then those with a complaint listed."""
        fill_combo(self.customer_filter, [(_ANY, self.tr("All customers")),
                                          *((cid, name) for name, cid in self._all.customers())])
        self.customer_filter.filled = True

    # --- reading ----------------------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._timer.start()
        if self._stale:
            self.reload()

    def hideEvent(self, event: Any) -> None:
        self._timer.stop()
        super().hideEvent(event)

    def _on_changes(self, changes: Changes, initiator: object) -> None:
        if changes.complaints or changes.customers or changes.store:
            self._stale = True
            if self.isVisible():
                self.reload()

    def showing_done(self) -> bool:
        return self.tabs.currentIndex() == 1

    def reload(self) -> None:
        if not self.isVisible():
            self._stale = True
            return
        self._stale = False
        service = self._services.complaints
        read = service.done if self.showing_done() else service.board
        first = self._first

        def job() -> tuple[Board, str | None]:
            if first:
                service.time_untimed()
            return read(), service.my_department() if first else None

        self._runner.run_write(job, on_done=self._show, on_error=self._errors.handle)

    def _show(self, loaded: tuple[Board, str | None]) -> None:
        board, department = loaded
        if self._first and department is not None:
            self.department_filter.blockSignals(True)
            self.department_filter.setCurrentIndex(index_of(self.department_filter, department))
            self.department_filter.blockSignals(False)
        self._first = False
        selected = self.selected()
        self._all = board.rows
        self.customer_filter.filled = False
        if self.customer_filter.currentIndex() > 0:  # keep the chosen customer listed
            self._fill_customers()
        self._apply_filter()
        wanted = self._wanted_id or (selected.id if selected is not None else None)
        self._wanted_id = None
        if wanted is not None:
            self.select(wanted)
        self.loaded.emit()

    def _wanted(self, combo: QComboBox) -> Any:
        value = combo.currentData()
        return None if value in (None, _ANY) else value

    def _apply_filter(self) -> None:
        category, severity = self._wanted(self.category_filter), self._wanted(self.severity_filter)
        customer, department = (self._wanted(self.customer_filter),
                                self._wanted(self.department_filter))
        rows = self._all.matching(category=category, severity=severity, customer_id=customer,
                                  department=department)
        self.model.set_rows(rows, self._services.zone)
        self._show_counts()
        self._selection_changed()

    def _show_counts(self) -> None:
        rows = self.model.rows()
        if self.showing_done():
            self.counts.setText(self.tr("%1 resolved or closed").replace("%1", str(len(rows))))
            return
        near, breached, paused = rows.counts()
        self.counts.setText(
            self.tr("%1 open · %2 near breach · %3 breached · %4 paused")
            .replace("%1", f"{len(rows):,}").replace("%2", str(near))
            .replace("%3", str(breached)).replace("%4", str(paused)))

    # --- the selected complaint -------------------------------------------------------

    def selected(self) -> BoardRow | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.row_at(rows[0].row()) if rows else None

    def show_complaint(self, complaint_id: uuid.UUID) -> None:
        """Selects the complaint, on the open tab with no filter, once the rows are read."""
        for combo in (self.category_filter, self.severity_filter, self.customer_filter,
                      self.department_filter):
            combo.blockSignals(True)
            combo.setCurrentIndex(0)
            combo.blockSignals(False)
        self._apply_filter()
        if not self.select(complaint_id):
            self._wanted_id = complaint_id
            self.tabs.blockSignals(True)
            self.tabs.setCurrentIndex(0)
            self.tabs.blockSignals(False)
            self._stale = True
            self.reload()

    def select(self, complaint_id: uuid.UUID) -> bool:
        found = self.model.rows().index_of(complaint_id)
        if found is None:
            return False
        self.table.selectRow(found)
        return True

    def _selection_changed(self) -> None:
        row = self.selected()
        self._update_buttons()
        if row is None:
            self.detail = None
            self.facts.setText("")
            self.history.clear()
            return
        service = self._services.complaints
        self._runner.run_write(lambda: service.detail(row.id), on_done=self._show_detail,
                               on_error=self._errors.handle)

    def _show_detail(self, d: ComplaintDetail) -> None:
        current = self.selected()
        if current is None or current.id != d.id:
            return
        self.detail = d
        zone = self._services.zone

        def local(at: Any) -> str:
            return "—" if at is None else at.astimezone(zone).strftime("%Y-%m-%d %H:%M")

        lines = [
            f"<b>{d.reference}</b> · {status_label(d.status.value)}"
            + (f" · {self.tr('paused')}" if d.paused else ""),
            f"{escape(d.customer_name)} · {escape(d.contact or '—')} · {channel_label(d.channel)}",
            f"{category_label(d.category)} · {severity_label(d.severity)}"
            + (f" · {messages.department_label(d.department)}" if d.department else ""),
            self.tr("First contact due %1 (%2)").replace("%1", local(d.first_contact_due))
            .replace("%2", left_text(d.first_contact_left, d.paused)
                     if d.contacted_at is None
                     else self.tr("contacted %1").replace("%1", local(d.contacted_at))),
            self.tr("Resolution due %1 (%2)").replace("%1", local(d.resolution_due))
            .replace("%2", left_text(d.resolution_left, d.paused) if d.resolved_at is None
                     else self.tr("resolved %1").replace("%1", local(d.resolved_at))),
            escape(d.description),
        ]
        if d.attachments:
            # Each a link to the file in the data directory (not yet here: its name only).
            lines.append(self.tr("Attachments: %1").replace("%1", ", ".join(
                f'<a href="{QUrl.fromLocalFile(str(a.path)).toString()}">{escape(a.filename)}</a>'
                if a.path is not None else escape(a.filename) for a in d.attachments)))
        self.facts.setText("<br>".join(lines))
        self.history.clear()
        for e in d.events:
            words = [local(e.at), event_label(e.kind.value)]
            if e.department:
                words.append(messages.department_label(e.department))
            if e.score is not None:
                words.append(f"{e.score}/5")
            text = " · ".join(words)
            for extra in (e.text, e.reason):
                if extra:
                    text += f"\n{extra}"
            if e.by:
                text += f"\n— {e.by}"
            self.history.addItem(text)
        self._update_buttons()
        self.detail_loaded.emit()

    def _update_buttons(self) -> None:
        row = self.selected()
        for kind, button in self.step_buttons.items():
            enabled = row is not None
            if row is not None and kind is K.PAUSED:
                enabled = not row.paused
            elif row is not None and kind is K.RESUMED:
                enabled = row.paused
            button.setEnabled(enabled)
        self.receipt_button.setEnabled(row is not None)
        self.attach_button.setEnabled(row is not None)
        self.letter_button.setEnabled(row is not None and row.status.value in (
            "resolved", "satisfaction_asked", "closed"))

    # --- acting -----------------------------------------------------------------------

    def take_step(self, kind: EventKind) -> None:
        row = self.selected()
        if row is None:
            return
        service = self._services.complaints
        said = self.detail.description if self.detail and self.detail.id == row.id else ""
        dialog = StepDialog(self, kind, f"{row.reference} · {row.customer_name}\n"
                                        f"{' '.join(said.split())[:200]}")
        self.dialog = dialog
        run_dialog(self._runner, self._errors, dialog,
                   lambda v: service.take_step(row.id, v))

    def save_document(self, which: str, target: Path | None = None,
                      output: Output = "pdf") -> None:
        """Prints the selected complaint's receipt or resolution letter (``output`` "printer":
        the print dialog) or saves it as a PDF (where the user chooses, or ``target``);
        ``document_saved`` carries the outcome, the status bar says where."""
        row = self.selected()
        if row is None:
            return
        documents, language = self._services.complaint_documents, print_language()
        render = documents.render_receipt if which == "receipt" else documents.render_letter

        def rendered(out: Path) -> Printed:
            return render(row.id, out, language=language)

        if target is not None:
            self.printing.document_to(target, rendered)
        elif which == "receipt":
            self.printing.document(output, self.tr("The complaint's receipt"),
                                   f"{row.reference}.pdf", self.tr("Printing the receipt…"),
                                   rendered)
        else:
            self.printing.document(output, self.tr("The resolution letter"),
                                   f"{row.reference}.pdf",
                                   self.tr("Printing the resolution letter…"), rendered)

    def _status(self, text: str, ms: int) -> None:
        window = self.window()
        if isinstance(window, QMainWindow):
            window.statusBar().showMessage(text, ms)

    def choose_attachments(self) -> None:
        names, _ = QFileDialog.getOpenFileNames(self, self.tr("Attach files"))
        if names:
            self.attach([Path(n) for n in names])

    def attach(self, paths: list[Path]) -> None:
        """Adds photos or documents to the selected complaint (copied into the data
        directory; over the size limit: refused, naming the file)."""
        row = self.selected()
        if row is None:
            return
        service = self._services.complaints
        self._runner.run_write(lambda: service.attach(row.id, paths),
                               on_error=self._errors.handle)

    def edit_clock(self) -> None:
        """The committed times by severity and the working calendar; OK saves them and times
        every open complaint again."""
        service = self._services.complaints
        dialog = ClockSettingsDialog(self, service, self._runner, self._errors)
        self.dialog = dialog

        def save(value: tuple[Policy, CalendarEdit]) -> object:
            policy, edit = value
            return service.save_rules(calendar=edit.applied_to(service.rules.calendar),
                                      policy=policy)

        run_dialog(self._runner, self._errors, dialog, save)

    def _new_clicked(self) -> None:
        self.new_complaint()  # not ``checked`` as a customer id

    def new_complaint(self, customer_id: uuid.UUID | None = None) -> None:
        """New complaint…: the record dialog, with the script beside it."""

        def opened(dialog: RecordComplaintDialog) -> None:
            self.dialog = dialog

        record_complaint(self._services, self._runner, self._errors, self,
                         customer_id=customer_id, opened=opened)
