"""Import customers, or orders, from a spreadsheet: choose a file, map its columns, check, import.

The dialog only talks to an :class:`~salesdesk.services.imports.plan.Importer` (customers and
orders are two: the same read → guess → check → run steps) and the plan it returns; the mapping
fields, texts and report follow them, and nothing here checks which kind it is
(``words.py`` words each kind, ``report.py`` shows a plan's questions, errors and warnings).
Reading runs on the I/O pool, checking and importing on the database writer, so the window stays
responsive on a 10,000-row file. Problems with the file itself are said in a sentence that names
the file (``ui/messages._KNOWN``); a bug goes to the crash dialog through the runner, never as a
traceback here.
"""

from __future__ import annotations

import traceback
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from salesdesk.domain.validation import ErrorCode
from salesdesk.kit.errors import KnownError
from salesdesk.kit.jobs import Cancelled
from salesdesk.services.imports.plan import (
    Choices,
    Importer,
    ImportMode,
    Plan,
    PlanOutdated,
    Question,
    Result,
    SameCompany,
)
from salesdesk.services.imports.table import Table
from salesdesk.ui import messages
from salesdesk.ui.imports.mapping import ColumnMapping, FilePreview
from salesdesk.ui.imports.report import ERROR_COLOR, ImportReport
from salesdesk.ui.imports.words import ImportWords
from salesdesk.ui.tasks import Handle, TaskRunner


class ImportDialog(QDialog):
    """Preview, column mapping, row-by-row report, and the import itself."""

    # Emitted with the ImportResult (or OrderImportResult) after the store was written; the
    # customer list should reload (orders change tiers).
    imported = Signal(object)

    def __init__(self, runner: TaskRunner, importer: Importer[Any, Any],
                 parent: QWidget | None = None) -> None:
        """``importer``'s type parameters are Any: each plan goes back to the importer that
        made it, so the dialog needs no more than :class:`Plan` and :class:`Result`."""
        super().__init__(parent)
        self.setObjectName("importDialog")
        self._runner = runner
        self._importer: Importer[Any, Any] = importer
        self._words = ImportWords(self)
        # Fields whose column is read only to report that it is not applied (a salesperson's
        # customers are theirs, assignment is HQ's).
        self._ignored = importer.ignored_fields
        self._table: Table | None = None
        self._plan: Plan | None = None
        self._result: Result | None = None
        self._handle: Handle | None = None
        self._busy = False
        self._close_when_idle = False
        self._status: tuple[str, bool] = ("", False)  # text, is it a problem
        self.resize(1000, 760)
        self._build()
        self.retranslate()
        self._update_buttons()

    # --- layout -----------------------------------------------------------------------

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        layout.addLayout(self._build_file_row())
        self.status = QLabel()
        self.status.setObjectName("importStatus")
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.status)

        self.preview_box = FilePreview()
        self.preview = self.preview_box.table
        layout.addWidget(self.preview_box, 2)
        self.mapping_box = ColumnMapping(self._importer.target_fields, self._ignored)
        self.mapping_box.changed.connect(self._mapping_changed)
        self.combos = self.mapping_box.combos
        self._field_labels = self.mapping_box.labels
        self.ignored_note = self.mapping_box.ignored_note
        layout.addWidget(self.mapping_box)
        layout.addLayout(self._build_check_row())

        self.report = ImportReport()
        self.report.answered.connect(self._answer)
        layout.addWidget(self.report, 3)
        self.unassign_unknown = QCheckBox()
        self.unassign_unknown.setObjectName("unassignUnknown")
        self.unassign_unknown.setVisible(False)
        self.unassign_unknown.toggled.connect(self._unassign_toggled)
        layout.addWidget(self.unassign_unknown)
        layout.addLayout(self._build_run_row())

    def _build_file_row(self) -> QHBoxLayout:
        file_row = QHBoxLayout()
        self.file_label = QLabel()
        self.file_edit = QLineEdit()
        self.file_edit.setReadOnly(True)
        self.browse_button = QPushButton()
        self.browse_button.clicked.connect(self.choose_file)
        file_row.addWidget(self.file_label)
        file_row.addWidget(self.file_edit, 1)
        file_row.addWidget(self.browse_button)
        return file_row

    def _build_check_row(self) -> QHBoxLayout:
        check_row = QHBoxLayout()
        self.check_button = QPushButton()
        self.check_button.setObjectName("checkButton")
        self.check_button.clicked.connect(self.check)
        self.summary = QLabel()
        self.summary.setObjectName("importSummary")
        self.summary.setWordWrap(True)
        check_row.addWidget(self.check_button)
        check_row.addWidget(self.summary, 1)
        return check_row

    def _build_run_row(self) -> QHBoxLayout:
        run_row = QHBoxLayout()
        self.progress = QProgressBar()
        self.progress.setVisible(False)
        self.cancel_button = QPushButton()
        self.cancel_button.setVisible(False)
        self.cancel_button.clicked.connect(self.cancel)
        self.import_all_button = QPushButton()
        self.import_all_button.setObjectName("importAllButton")
        self.import_all_button.clicked.connect(lambda: self.start_import(ImportMode.ALL_OR_NOTHING))
        self.import_valid_button = QPushButton()
        self.import_valid_button.setObjectName("importValidButton")
        self.import_valid_button.clicked.connect(lambda: self.start_import(ImportMode.VALID_ONLY))
        self.close_button = QPushButton()
        self.close_button.clicked.connect(self.reject)
        run_row.addWidget(self.progress, 1)
        run_row.addWidget(self.cancel_button)
        run_row.addStretch()
        run_row.addWidget(self.import_all_button)
        run_row.addWidget(self.import_valid_button)
        run_row.addWidget(self.close_button)
        return run_row

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.setWindowTitle(self._importer.named(self._words))
        self.file_label.setText(self.tr("File:"))
        self.file_edit.setPlaceholderText(self.tr("A .xlsx workbook or a .csv file"))
        self.browse_button.setText(self.tr("Choose file…"))
        self.preview_box.retranslate()
        self.mapping_box.retranslate()
        self._mark_ignored_columns()
        self._fill_combos(keep=True)
        self.check_button.setText(self.tr("Check"))
        self.report.retranslate()
        self.cancel_button.setText(self.tr("Cancel"))
        self.import_all_button.setText(self.tr("Import all"))
        self.import_valid_button.setText(self.tr("Import the valid rows"))
        self.close_button.setText(self.tr("Close"))
        self.unassign_unknown.setText(self.tr(
            "Import customers whose salesperson is not in this store as unassigned"))
        self._show_plan()

    # --- file -------------------------------------------------------------------------

    def choose_file(self) -> None:
        name, _ = QFileDialog.getOpenFileName(
            self, self.tr("Choose a spreadsheet"), "",
            self.tr("Spreadsheets (*.xlsx *.csv *.tsv *.txt);;All files (*)"))
        if name:
            self.load_file(Path(name))

    def load_file(self, path: Path) -> None:
        """Reads the file in the background, then shows its first rows and a guessed mapping."""
        self._table = None
        self._result = None
        self._set_plan(None)
        self.file_edit.setText(str(path))
        self._set_status(self.tr("Reading %1…").replace("%1", path.name))
        self._start(lambda: self._runner.run_io(lambda: self._importer.read(path),
                                                on_done=self._loaded, on_error=self._failed))

    def _loaded(self, table: Table) -> None:
        self._finish_job()
        self._table = table
        self._show_preview(table)
        self._fill_combos(keep=False)
        self._mark_ignored_columns()
        self._set_status(self.tr("%n data rows. Check that each field takes the right column, "
                                 "then press Check.", "", len(table.rows)))
        self._update_buttons()

    def _show_preview(self, table: Table) -> None:
        self.preview_box.show_table(table)
        self._mark_ignored_columns()

    def _mark_ignored_columns(self) -> None:
        """Greys the preview's columns that feed an ignored field, and says so in the header."""
        table = self._table
        if table is None or not self._ignored:
            return
        self.preview_box.mark_ignored(table, self.mapping_box.ignored_columns(),
                                      self.ignored_note.text())

    # --- mapping ----------------------------------------------------------------------

    def _fill_combos(self, *, keep: bool) -> None:
        headers = self._table.headers if self._table else ()
        guessed = None if keep else self._importer.guess(headers) if self._table else {}
        self.mapping_box.set_headers(headers, guessed)

    def mapping(self) -> dict[str, int]:
        """The chosen column of every mapped field."""
        return self.mapping_box.mapping()

    def _mapping_changed(self) -> None:
        self._mark_ignored_columns()
        if self._plan is not None:
            self._set_plan(None)
            self.summary.setText(self.tr("The columns changed; press Check again."))
        self._update_buttons()

    # --- check ------------------------------------------------------------------------

    def check(self) -> None:
        """Validates every row against the mapping and shows the report."""
        table, mapping = self._table, self.mapping()
        if table is None or not self._required_mapped():
            return
        self._result = None
        self._set_status(self.tr("Checking %n rows…", "", len(table.rows)))
        importer = self._importer
        # The unknown-salesperson choice stays as the user left it; the answers to questions
        # do not (another mapping may ask others).
        choices = Choices(unknown_salesperson_unassigned=self.unassign_unknown.isChecked())

        def check() -> Plan:
            plan: Plan = importer.check(table, mapping, choices)
            return plan

        self._start(lambda: self._runner.run_write(check, on_done=self._checked,
                                                   on_error=self._failed))

    def _required_mapped(self) -> bool:
        mapping = self.mapping()
        return all(f in mapping for f in self._importer.required_fields)

    def _checked(self, plan: Plan) -> None:
        self._finish_job()
        self._set_status("")
        self._set_plan(plan)

    def _set_plan(self, plan: Plan | None) -> None:
        self._plan = plan
        self._show_plan()
        self._update_buttons()

    def _show_plan(self) -> None:
        plan = self._plan
        hidden = self.report.show_plan(plan)
        if plan is None:
            self.unassign_unknown.setVisible(False)
            self.summary.setText(self._words.result(self._result) if self._result else "")
            return
        unknown = plan.choices.unknown_salesperson_unassigned or any(
            i.error.field == "salesperson" and i.error.code is ErrorCode.NOT_FOUND
            for i in plan.issues)
        self.unassign_unknown.setVisible(unknown)
        self.unassign_unknown.blockSignals(True)
        self.unassign_unknown.setChecked(plan.choices.unknown_salesperson_unassigned)
        self.unassign_unknown.blockSignals(False)
        self.summary.setText(self._words.summary(plan, hidden))

    def _answer(self, question: Question, answer: SameCompany) -> None:
        plan = self._plan
        if plan is None:
            return
        answers = dict(plan.choices.same_company)
        answers[question.row] = answer
        self._decide(Choices(answers, plan.choices.unknown_salesperson_unassigned))

    def _unassign_toggled(self, checked: bool) -> None:
        plan = self._plan
        if plan is not None and checked != plan.choices.unknown_salesperson_unassigned:
            self._decide(Choices(plan.choices.same_company, checked))

    def _decide(self, choices: Choices) -> None:
        """Applies the user's answers in the background (a 10,000-row file takes a moment
        when every customer changes). The job starts once the combo box that asked has
        finished its signal: the new report replaces it."""
        plan = self._plan
        assert plan is not None
        self._busy = True  # nothing imports the old plan meanwhile
        self._update_buttons()
        self._set_status(self.tr("Applying your choice…"))
        QTimer.singleShot(0, self, lambda: self._start(lambda: self._runner.run_io(
            lambda: plan.decide(choices), on_done=self._checked, on_error=self._failed)))

    # --- import -----------------------------------------------------------------------

    def start_import(self, mode: ImportMode) -> None:
        plan = self._plan
        if plan is None:
            return
        self.progress.setRange(0, max(plan.valid_count, 1))
        self.progress.setValue(0)
        self._set_status(self.tr("Importing…"))
        self._start(lambda: self._runner.run_write(
            lambda state: self._importer.run(plan, mode, state),
            on_done=self._imported, on_error=self._failed, on_progress=self._progress,
            with_state=True), show_progress=True)

    def _progress(self, done: int, total: int, _message: str) -> None:
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)

    def _imported(self, result: Result) -> None:
        self._finish_job()
        self._result = result
        self._set_status("")
        self._set_plan(None)  # the plan is spent: importing it twice would duplicate customers
        self.imported.emit(result)

    def cancel(self) -> None:
        if self._handle is not None:
            self._handle.cancel()
            self.cancel_button.setEnabled(False)
            self._set_status(self.tr("Cancelling…"))

    # --- job plumbing -----------------------------------------------------------------

    def _start(self, submit: Callable[[], Handle], *, show_progress: bool = False) -> None:
        """Runs one job at a time; the controls stay disabled until its callback arrives."""
        self._busy = True
        self.progress.setVisible(show_progress)
        self.cancel_button.setVisible(show_progress)
        self.cancel_button.setEnabled(True)
        self._update_buttons()
        handle = submit()
        # A job that ends before the runner watches it is reported synchronously, inside
        # submit(): then it is already finished and there is nothing left to cancel.
        if self._busy:
            self._handle = handle

    def _finish_job(self) -> None:
        self._busy = False
        self._handle = None
        self.progress.setVisible(False)
        self.cancel_button.setVisible(False)
        self._update_buttons()
        if self._close_when_idle:
            self._close_when_idle = False
            super().reject()

    def _failed(self, exc: BaseException) -> None:
        self._finish_job()
        if isinstance(exc, PlanOutdated):
            self._set_plan(None)  # e.g. made for someone else: it must be checked again
        text = self._failure_text(exc)
        if text is None:
            text = self.tr("Something went wrong inside SalesDesk; nothing was imported.")
            self._runner.bug.emit("".join(traceback.format_exception(exc)))
        self._set_status(text, problem=True)

    def _failure_text(self, exc: BaseException) -> str | None:
        """A sentence for a failure of the environment or a refusal; None for a bug."""
        if isinstance(exc, Cancelled):
            return self.tr("Import cancelled. Nothing was imported.")
        if isinstance(exc, KnownError):
            return messages.known_text(exc)
        return None

    def _set_status(self, text: str, *, problem: bool = False) -> None:
        self._status = (text, problem)
        self.status.setText(text)
        self.status.setStyleSheet(f"color: {ERROR_COLOR.name()};" if problem else "")

    def _update_buttons(self) -> None:
        idle = not self._busy
        plan = self._plan
        self.browse_button.setEnabled(idle)
        self.report.setEnabled(idle)  # its answers change the plan; not while it is written
        self.unassign_unknown.setEnabled(idle)
        self.mapping_box.setEnabled(idle and self._table is not None)
        self.check_button.setEnabled(idle and self._table is not None
                                     and self._required_mapped())
        self.import_all_button.setEnabled(
            idle and plan is not None and plan.can_run(ImportMode.ALL_OR_NOTHING))
        self.import_valid_button.setEnabled(
            idle and plan is not None and plan.can_run(ImportMode.VALID_ONLY))

    @property
    def busy(self) -> bool:
        return self._busy

    @property
    def importer(self) -> Importer[Any, Any]:
        return self._importer

    def reject(self) -> None:
        """Closing while a job runs cancels it first; the dialog closes when it has stopped."""
        if self._busy:
            self._close_when_idle = True
            self.cancel()
            return
        super().reject()


def open_import_dialog(importer: Importer[Any, Any], runner: TaskRunner,
                       parent: QWidget) -> ImportDialog:
    """Opens the dialog (window-modal, deleted when closed); connect ``imported`` to reload
    what the import changed."""
    dialog = ImportDialog(runner, importer, parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog
