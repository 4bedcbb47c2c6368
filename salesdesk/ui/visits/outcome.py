"""The visit-outcome form (拜访纪要), made to be filled on a laptop in a car park.

Keyboard first: Tab walks the form in reading order (the text boxes pass Tab on), Ctrl+Enter
records, Esc closes and keeps the draft, Ctrl+Shift+Q adds a competitor quote and
Ctrl+Shift+P a promise, each opening its first cell for typing (Tab moves along the row).
What is typed is saved as a draft half a second after the last keystroke (on the writer
thread), found again when the form reopens — also after a restart — and deleted when the
outcome is recorded. Recording runs on the task runner; a refusal names each bad field in
the user's language and leaves everything typed where it was.

Over 500 lines because it is one form (one ``QDialog`` and its entry points); its tables and
cell editors are already apart (``cells.py``). The next cut, if it grows: the draft plumbing
(debounced save, reopen, discard) into a module of its own.
"""

from __future__ import annotations

import itertools
import uuid
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from typing import TYPE_CHECKING, Any

import shiboken6
from PySide6.QtCore import (
    QCoreApplication,
    QDate,
    QDateTime,
    QEvent,
    QObject,
    QStringListModel,
    Qt,
    QTime,
    QTimer,
    Signal,
)
from PySide6.QtGui import QAction, QKeySequence, QShortcut, QTextCursor
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QDateTimeEdit,
    QDialog,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QTableWidget,
    QVBoxLayout,
    QWidget,
)

from salesdesk.domain.validation import FieldError, ValidationFailed
from salesdesk.services.visits.outcome_records import (
    OUTCOME_TEXT,
    ContactChoice,
    OutcomeDraft,
    OutcomeForm,
    OutcomeSaved,
    PromiseDraft,
    QuoteDraft,
)
from salesdesk.ui import messages
from salesdesk.ui.visits.cells import ID_ROLE, PromisesTable, QuotesTable, RowsTable

if TYPE_CHECKING:
    from salesdesk.services.container import AppServices
    from salesdesk.ui.errors import ErrorReporter
    from salesdesk.ui.tasks import TaskRunner

DRAFT_DELAY_MS = 500  # a draft is saved this long after the last change
PROMISE_DAYS = 7  # a new promise is due a week after the visit unless changed
_ERROR_STYLE = "color: #b3261e;"
_ID = ID_ROLE


# --- the dialog ---------------------------------------------------------------------------


class OutcomeDialog(QDialog):
    """Records one visit's outcome. ``visit_id`` None: a visit nobody planned (the form asks
    for the customer; an unfinished one is resumed)."""

    loaded = Signal()
    recorded = Signal(object)  # OutcomeSaved
    refused = Signal(object)  # list[FieldError]
    draft_saved = Signal()

    def __init__(self, services: AppServices, runner: TaskRunner, errors: ErrorReporter,
                 visit_id: uuid.UUID | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("outcomeDialog")
        self._services = services
        self._runner = runner
        self._errors = errors
        self.requested_visit = visit_id
        self._form: OutcomeForm | None = None
        self._contacts: list[ContactChoice] = []
        self._customer_ids: list[uuid.UUID] = []  # the customer list's rows (unplanned)
        self._snapshot: OutcomeDraft | None = None  # what the store holds of this form
        self._loading = True
        self._busy = False  # recording
        self._done = False  # recorded: nothing more to keep
        self._draft_timer = QTimer(self)
        self._draft_timer.setSingleShot(True)
        self._draft_timer.setInterval(DRAFT_DELAY_MS)
        self._draft_timer.timeout.connect(self.save_draft)
        self._build()
        self.retranslate()
        self.setEnabled(False)
        if parent is not None:  # the main window closing: keep the last keystrokes too
            parent.installEventFilter(self)
        svc = services.visit_outcomes
        load = (lambda: svc.open(visit_id)) if visit_id is not None else svc.open_unplanned
        runner.run_write(load, on_done=self._alive(self._loaded),
                         on_error=self._alive(self._load_failed))

    def _alive(self, callback: Callable[[Any], None]) -> Callable[[Any], None]:
        """A job's callback that does nothing once the form is gone (a draft written after
        the form closed and was deleted must not touch it)."""

        def call(result: Any) -> None:
            if shiboken6.isValid(self):
                callback(result)

        return call

    # --- construction -------------------------------------------------------------------

    def _build(self) -> None:
        self.resize(760, 720)
        outer = QVBoxLayout(self)
        self.title = QLabel()
        self.title.setObjectName("outcomeTitle")
        self.title.setStyleSheet("font-size: 15px; font-weight: 600;")
        self.title.setWordWrap(True)
        outer.addWidget(self.title)
        self.draft_note = QLabel()
        self.draft_note.setObjectName("draftNote")
        self.draft_note.hide()
        outer.addWidget(self.draft_note)
        self.problems = QLabel()
        self.problems.setObjectName("outcomeProblems")
        self.problems.setStyleSheet(_ERROR_STYLE)
        self.problems.setWordWrap(True)
        self.problems.hide()
        outer.addWidget(self.problems)

        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        body = QWidget()
        scroll.setWidget(body)
        self.scroll_area = scroll
        outer.addWidget(scroll, 1)
        box = QVBoxLayout(body)
        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        box.addLayout(self.form)

        self.customer = QComboBox()
        self.customer.setObjectName("field_customer")
        self.customer.setEditable(True)
        self.customer.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        completer = self.customer.completer()
        if completer is not None:
            completer.setFilterMode(Qt.MatchFlag.MatchContains)
            completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.purpose = QLineEdit()
        self.purpose.setObjectName("field_purpose")
        self.visited_at = QDateTimeEdit()
        self.visited_at.setObjectName("field_visited_at")
        self.visited_at.setCalendarPopup(True)
        self.visited_at.setDisplayFormat("yyyy-MM-dd HH:mm")
        self.met = QListWidget()
        self.met.setObjectName("field_met_contact_ids")
        self.met.setMaximumHeight(90)
        self.met_with = QLineEdit()
        self.met_with.setObjectName("field_met_with")
        self.texts: dict[str, QPlainTextEdit] = {}
        for key in OUTCOME_TEXT[1:]:
            edit = QPlainTextEdit()
            edit.setObjectName(f"field_{key}")
            edit.setTabChangesFocus(True)  # Tab moves on; this is a form, not an editor
            edit.setFixedHeight(54)
            self.texts[key] = edit
        self._widgets: dict[str, QWidget] = {
            "customer": self.customer, "purpose": self.purpose, "visited_at": self.visited_at,
            "met_contact_ids": self.met, "met_with": self.met_with, **self.texts,
        }
        self._labels: dict[str, QLabel] = {}
        for key, widget in self._widgets.items():
            label = QLabel()
            label.setBuddy(widget)
            self._labels[key] = label
            self.form.addRow(label, widget)

        self.quotes_label = QLabel()
        self.quotes_label.setStyleSheet("font-weight: 600; margin-top: 6px;")
        box.addWidget(self.quotes_label)
        self.quotes = QuotesTable("quotesTable")
        box.addWidget(self.quotes)
        self.add_quote = QPushButton()
        self.add_quote.setObjectName("addQuote")
        self.remove_quote = QPushButton()
        self.remove_quote.setObjectName("removeQuote")
        box.addLayout(self._row(self.add_quote, self.remove_quote))

        self.promises_label = QLabel()
        self.promises_label.setStyleSheet("font-weight: 600; margin-top: 6px;")
        box.addWidget(self.promises_label)
        self.promises = PromisesTable("promisesTable", lambda: self._contacts)
        box.addWidget(self.promises)
        self.add_promise = QPushButton()
        self.add_promise.setObjectName("addPromise")
        self.remove_promise = QPushButton()
        self.remove_promise.setObjectName("removePromise")
        box.addLayout(self._row(self.add_promise, self.remove_promise))
        box.addStretch()

        buttons = QHBoxLayout()
        self.status = QLabel()
        self.status.setObjectName("outcomeStatus")
        buttons.addWidget(self.status, 1)
        self.discard = QPushButton()
        self.discard.setObjectName("discardDraft")
        self.close_button = QPushButton()
        self.close_button.setObjectName("closeOutcome")
        self.record_button = QPushButton()
        self.record_button.setObjectName("recordOutcome")
        for button in (self.discard, self.close_button, self.record_button):
            button.setAutoDefault(False)  # Enter in a field must not record by accident
            buttons.addWidget(button)
        outer.addLayout(buttons)

        self.add_quote.clicked.connect(self.add_quote_row)
        self.remove_quote.clicked.connect(self.quotes.remove_current)
        self.add_promise.clicked.connect(self.add_promise_row)
        self.remove_promise.clicked.connect(self._remove_promise)
        self.discard.clicked.connect(self.discard_draft)
        self.close_button.clicked.connect(self.reject)
        self.record_button.clicked.connect(self.record)
        for keys, slot in (("Ctrl+Return", self.record), ("Ctrl+Enter", self.record),
                           ("Ctrl+Shift+Q", self.add_quote_row),
                           ("Ctrl+Shift+P", self.add_promise_row)):
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.setContext(Qt.ShortcutContext.WindowShortcut)
            shortcut.activated.connect(slot)

        # Any change: keep a draft soon.
        for line in (self.purpose, self.met_with):
            line.textChanged.connect(self._changed)
        for edit in self.texts.values():
            edit.textChanged.connect(self._changed)
        self.visited_at.dateTimeChanged.connect(self._changed)
        self.met.itemChanged.connect(self._changed)
        self.customer.currentIndexChanged.connect(self._customer_chosen)
        self.customer.editTextChanged.connect(self._customer_typed)
        for table in (self.quotes, self.promises):
            table.itemChanged.connect(self._changed)
            model = table.model()
            model.rowsRemoved.connect(self._changed)
            model.rowsInserted.connect(self._changed)

        order: list[QWidget] = [self.customer, self.purpose, self.visited_at, self.met,
                                self.met_with, *self.texts.values(), self.quotes,
                                self.add_quote, self.remove_quote, self.promises,
                                self.add_promise, self.remove_promise, self.record_button,
                                self.close_button, self.discard]
        for first, second in itertools.pairwise(order):
            QWidget.setTabOrder(first, second)

    @staticmethod
    def _row(*buttons: QPushButton) -> QHBoxLayout:
        row = QHBoxLayout()
        for button in buttons:
            button.setAutoDefault(False)
            row.addWidget(button)
        row.addStretch()
        return row

    # --- language -----------------------------------------------------------------------

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Visit outcome"))
        for key, label in self._labels.items():
            label.setText(messages.field_label(key))
        self._labels["met_contact_ids"].setText(self.tr("Contacts &met"))
        self._labels["discussed"].setText(self.tr("&Discussed"))
        self.quotes_label.setText(messages.field_label("quotes"))
        self.promises_label.setText(messages.field_label("promises"))
        self.quotes.retranslate()
        self.promises.retranslate()
        self.add_quote.setText(self.tr("Add quote (Ctrl+Shift+Q)"))
        self.remove_quote.setText(self.tr("Remove quote"))
        self.add_promise.setText(self.tr("Add promise (Ctrl+Shift+P)"))
        self.remove_promise.setText(self.tr("Remove promise"))
        self.discard.setText(self.tr("Discard draft…"))
        self.close_button.setText(self.tr("Close (Esc)"))
        self.close_button.setToolTip(self.tr("Closes the form; what you typed is kept as a draft"))
        self.record_button.setText(self.tr("Record (Ctrl+Enter)"))
        self.purpose.setPlaceholderText(self.tr("Why you went"))
        self.met_with.setPlaceholderText(self.tr("Others met, by name and role"))
        self._show_title()

    def _show_title(self) -> None:
        form = self._form
        if form is None:
            self.title.setText(self.tr("Loading…"))
            return
        if not form.stored:
            self.title.setText(self.tr("Record a visit that was not planned"))
            return
        text = form.customer_name
        if form.starts_at is not None:
            start = form.starts_at.astimezone(self._zone()).strftime("%Y-%m-%d %H:%M")
            text = self.tr("%1 · planned for %2").replace("%1", text).replace("%2", start)
        if form.purpose:
            text += " · " + form.purpose
        self.title.setText(text)

    def _zone(self) -> Any:
        return self._services.visit_outcomes.zone

    # --- loading ------------------------------------------------------------------------

    def _load_failed(self, exc: BaseException) -> None:
        self._done = True
        self._errors.handle(exc)
        self.reject()

    def _loaded(self, form: OutcomeForm) -> None:
        self._form = form
        self._loading = True
        self.setEnabled(True)
        unplanned = not form.stored
        for key in ("customer", "purpose"):
            self.form.setRowVisible(self._widgets[key], unplanned)
        if unplanned:
            self.customer.blockSignals(True)
            # One model call, not an addItem per customer: HQ staff may list 100,000
            # (0.66 s of addItem calls on the GUI thread, measured).
            self._customer_ids = [cid for cid, _ in form.customers]
            self.customer.setModel(
                QStringListModel([name for _, name in form.customers], self.customer))
            self.customer.setCurrentIndex(
                self._customer_ids.index(form.customer_id)
                if form.customer_id in self._customer_ids else -1)
            self.customer.blockSignals(False)
        self._set_contacts(form.contacts)
        self.fill(form.draft or form.outcome)
        if form.draft is not None and form.draft_saved_at is not None:
            saved = form.draft_saved_at.astimezone(self._zone()).strftime("%Y-%m-%d %H:%M")
            self.draft_note.setText(
                self.tr("Restored the draft saved at %1; it is not recorded yet.")
                .replace("%1", saved))
            self.draft_note.show()
        self.discard.setEnabled(form.draft is not None)
        self._show_title()
        self._loading = False
        # What the store holds: the draft if there is one, else nothing worth saving yet.
        self._snapshot = self.draft()
        # Where typing starts: whom the visit was to, else who was met. The time is usually
        # right already (and a date-time edit takes a Tab per section), one Shift+Tab back.
        start = self.customer if unplanned else self.met if self.met.count() else self.met_with
        start.setFocus()
        self.loaded.emit()

    def _set_contacts(self, contacts: list[ContactChoice], checked: set[uuid.UUID] | None = None
                      ) -> None:
        self._contacts = contacts
        self.met.blockSignals(True)
        self.met.clear()
        for contact in contacts:
            text = contact.name + (f" ({contact.role})" if contact.role else "")
            item = QListWidgetItem(text)
            item.setData(_ID, str(contact.id))
            item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
                          | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if checked and contact.id in checked
                               else Qt.CheckState.Unchecked)
            self.met.addItem(item)
        self.met.blockSignals(False)
        if self.met.count():
            self.met.setCurrentRow(0)

    def _customer_at(self, index: int) -> uuid.UUID | None:
        return self._customer_ids[index] if 0 <= index < len(self._customer_ids) else None

    def _customer_typed(self, text: str) -> None:
        """A name typed in full (or completed) chooses that customer."""
        found = self.customer.findText(text.strip(), Qt.MatchFlag.MatchFixedString)
        if found >= 0 and found != self.customer.currentIndex():
            self.customer.setCurrentIndex(found)
        self._changed()

    def _customer_chosen(self, index: int) -> None:
        if self._loading or index < 0:
            return
        customer_id = self._customer_at(index)
        if customer_id is None:
            return
        self._runner.run_write(lambda: self._services.visit_outcomes.contacts(customer_id),
                               on_done=self._alive(self._set_contacts))
        self._changed()

    def fill(self, outcome: OutcomeDraft) -> None:
        """Shows ``outcome`` in the form (a recorded outcome, or a draft)."""
        was_loading = self._loading
        self._loading = True
        local = outcome.visited_at.astimezone(self._zone())
        self.visited_at.setDateTime(QDateTime(QDate(local.year, local.month, local.day),
                                              QTime(local.hour, local.minute)))
        self.purpose.setText(outcome.purpose)
        checked = set(outcome.met_contact_ids)
        for row in range(self.met.count()):
            item = self.met.item(row)
            item.setCheckState(Qt.CheckState.Checked if uuid.UUID(item.data(_ID)) in checked
                               else Qt.CheckState.Unchecked)
        self.met_with.setText(outcome.met_with)
        for key, edit in self.texts.items():
            edit.setPlainText(getattr(outcome, key))
            edit.moveCursor(QTextCursor.MoveOperation.End)  # to go on where it stopped
        self.quotes.setRowCount(0)
        for quote in outcome.quotes:
            self.quotes.append(quote)
        self.promises.setRowCount(0)
        for made in outcome.promises:
            self.promises.append(made)
        self._loading = was_loading

    # --- rows ---------------------------------------------------------------------------

    def add_quote_row(self) -> None:
        if self._form is None:
            return
        row = self.quotes.append(QuoteDraft())
        self.scroll_area.ensureWidgetVisible(self.quotes)
        self.quotes.start_editing(row)

    def _visit_date(self) -> date:
        day = self.visited_at.date()
        return date(day.year(), day.month(), day.day())

    def add_promise_row(self) -> None:
        if self._form is None:
            return
        row = self.promises.append(
            PromiseDraft(due=self._visit_date() + timedelta(days=PROMISE_DAYS)))
        self.scroll_area.ensureWidgetVisible(self.promises)
        self.promises.start_editing(row)

    def _remove_promise(self) -> None:
        if not self.promises.remove_current():
            self.status.setText(self.tr("A closed promise stays with its visit."))

    # --- reading the form ---------------------------------------------------------------

    def _commit_editors(self) -> None:
        for table in (self.quotes, self.promises):
            table.commit_editor()

    def draft(self) -> OutcomeDraft:
        """What the form holds, as the service takes it."""
        form = self._form
        assert form is not None
        shown = self.visited_at.dateTime()
        day, clock = shown.date(), shown.time()
        visited = datetime(day.year(), day.month(), day.day(), clock.hour(), clock.minute(),
                           tzinfo=self._zone()).astimezone(UTC)
        met = [uuid.UUID(self.met.item(r).data(_ID)) for r in range(self.met.count())
               if self.met.item(r).checkState() == Qt.CheckState.Checked]
        customer = form.customer_id
        if not form.stored:
            index = self.customer.currentIndex()
            named = self.customer.currentText() == self.customer.itemText(index)
            customer = self._customer_at(index) if named else None
        return OutcomeDraft(
            visit_id=form.visit_id,
            visited_at=visited,
            customer_id=customer,
            met_contact_ids=met,
            met_with=self.met_with.text(),
            purpose=self.purpose.text() if not form.stored else form.purpose,
            quotes=self.quotes.quotes(),
            promises=self.promises.promises(),
            **{k: e.toPlainText() for k, e in self.texts.items()},
        )

    # --- drafts -------------------------------------------------------------------------

    def _changed(self, *_: object) -> None:
        if self._loading or self._busy or self._done or self._form is None:
            return
        self._draft_timer.start()  # restarts: saved once typing pauses

    def save_draft(self) -> None:
        """Keeps what is typed, if it differs from what the store holds (on the writer)."""
        self._draft_timer.stop()
        if self._form is None or self._done or self._busy:
            return
        draft = self.draft()
        if draft == self._snapshot:
            return
        self._snapshot = draft
        svc = self._services.visit_outcomes
        self._runner.run_write(lambda: svc.save_draft(draft), on_done=self._alive(self._draft_kept),
                               on_error=self._errors.handle)

    def _draft_kept(self, _: object) -> None:
        if not self._done:
            self.discard.setEnabled(True)
            self.status.setText(self.tr("Draft saved."))
        self.draft_saved.emit()

    def discard_draft(self) -> None:
        """Throws away what was typed, after asking; the form shows what is recorded."""
        form = self._form
        if form is None:
            return
        answer = QMessageBox.question(
            self, self.tr("Discard draft"),
            self.tr("Throw away what you typed and not recorded? This cannot be undone."),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No)
        if answer != QMessageBox.StandardButton.Yes:
            return
        self._draft_timer.stop()
        svc = self._services.visit_outcomes
        self._runner.run_write(lambda: svc.discard_draft(form.visit_id),
                               on_error=self._errors.handle)
        self._loading = True
        self.fill(form.outcome)
        self._loading = False
        self.draft_note.hide()
        self.discard.setEnabled(False)
        self.clear_problems()
        self.status.setText(self.tr("Draft discarded."))
        self._snapshot = self.draft()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """The app is closing with the form open: the draft is written now, before the task
        runner stops (a write waiting in its queue would be dropped)."""
        if (event.type() == QEvent.Type.Close and watched is self.parentWidget()
                and self.isVisible() and self._form is not None and not self._done):
            self._draft_timer.stop()
            self._commit_editors()
            draft = self.draft()
            if draft != self._snapshot:
                self._snapshot = draft
                try:
                    self._services.visit_outcomes.save_draft(draft)
                except Exception as exc:  # closing: say it, never crash
                    self._errors.handle(exc)
        return False

    def done(self, result: int) -> None:
        """Closing (Esc, Close, the window's X) keeps what was typed as a draft."""
        if not self._done:
            self._commit_editors()
            self.save_draft()
        super().done(result)

    # --- recording ----------------------------------------------------------------------

    def record(self) -> None:
        if self._form is None or self._busy or self._done:
            return
        self._commit_editors()
        self._draft_timer.stop()
        draft = self.draft()
        self._busy = True
        self.record_button.setEnabled(False)
        self.status.setText(self.tr("Recording…"))
        svc = self._services.visit_outcomes
        self._runner.run_write(lambda: svc.record(draft), on_done=self._alive(self._recorded),
                               on_error=self._alive(self._refused), initiator=self)

    def _recorded(self, saved: OutcomeSaved) -> None:
        self._busy = False
        self._done = True
        self.status.setText(self.tr("Recorded."))
        self.recorded.emit(saved)
        self.accept()

    def _refused(self, exc: BaseException) -> None:
        self._busy = False
        self.record_button.setEnabled(True)
        if not isinstance(exc, ValidationFailed):
            self.status.setText(self.tr("Not recorded."))
            self._errors.handle(exc)
            return
        self.show_problems(exc.errors)
        self.refused.emit(exc.errors)
        self.save_draft()  # the form as refused is kept too

    def clear_problems(self) -> None:
        self.problems.hide()
        self.problems.clear()
        for widget in self._widgets.values():
            widget.setStyleSheet("")
        for table in (self.quotes, self.promises):
            table.clear_marks()

    def show_problems(self, errors: list[FieldError]) -> None:
        """Says what is wrong, naming each field, marks it, and puts the cursor on the first
        one; everything typed stays."""
        self.clear_problems()
        self.problems.setText("\n".join(messages.describe(e) for e in errors))
        self.problems.show()
        self.status.setText(self.tr("Not recorded: please correct the marked fields."))
        first: tuple[QWidget, int, int] | None = None
        for error in errors:
            parts = error.field.split(".")
            tables: dict[str, RowsTable] = {"quotes": self.quotes, "promises": self.promises}
            if parts[0] in tables and len(parts) == 3:
                table = tables[parts[0]]
                table.mark(int(parts[1]), parts[2], messages.describe(error))
                first = first or (table, int(parts[1]), table.column_of(parts[2]))
                continue
            widget = self._widgets.get(error.field) or (
                self.promises if parts[0] == "promises" else None)
            if widget is not None:
                widget.setStyleSheet("border: 1px solid #b3261e;")
                first = first or (widget, -1, -1)
        if first is not None:
            widget, row, column = first
            self.scroll_area.ensureWidgetVisible(widget)
            widget.setFocus()
            if isinstance(widget, QTableWidget) and row >= 0:
                widget.setCurrentCell(row, column)


# --- how the rest of the app opens it ---------------------------------------------------


def open_outcome(services: AppServices, runner: TaskRunner, errors: ErrorReporter,
                 visit_id: uuid.UUID | None, parent: QWidget | None = None) -> OutcomeDialog:
    """Opens the outcome form for a visit (None: one nobody planned), or brings forward the
    one already open for it, so two forms never write the same draft."""
    if parent is not None:
        for dialog in parent.findChildren(OutcomeDialog):
            if dialog.isVisible() and dialog.requested_visit == visit_id:
                dialog.raise_()
                dialog.activateWindow()
                return dialog
            if not dialog.isVisible() and not dialog._busy:  # closed earlier: let it go
                dialog.deleteLater()
    dialog = OutcomeDialog(services, runner, errors, visit_id, parent)
    dialog.setWindowFlag(Qt.WindowType.Window)
    dialog.show()
    return dialog


class _RecordUnplannedAction(QAction):
    """"Record visit (unplanned)…", worded again when the window's language changes."""

    def __init__(self, window: Any) -> None:
        super().__init__(window)
        self._window = window
        self.setObjectName("recordUnplannedVisitAction")
        self.triggered.connect(self._open)
        window.installEventFilter(self)
        self.retranslate()

    def retranslate(self) -> None:
        self.setText(QCoreApplication.translate("OutcomeDialog", "Record visit (&unplanned)…"))
        self.setToolTip(QCoreApplication.translate(
            "OutcomeDialog", "Record the outcome of a visit that was not planned"))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        return False

    def _open(self) -> None:
        w = self._window
        open_outcome(w.services, w.runner, w.errors, None, w)


def record_unplanned_action(window: Any) -> QAction:
    """The menu action that opens the form for a visit nobody planned; ``window`` is the main
    window (it has ``services``, ``runner`` and ``errors``)."""
    return _RecordUnplannedAction(window)

