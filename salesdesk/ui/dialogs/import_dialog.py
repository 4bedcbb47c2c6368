"""Import customers, or orders, from a spreadsheet: choose a file, map its columns, check, import.

Over 500 lines: one dialog with four steps and the report's questions; the report view
is the part to split out when issue 12 gives imports a package of their own.


The dialog only talks to an importer (:class:`CustomerImporter` or :class:`OrderImporter`: the
same read → guess → check → run steps); the mapping fields, texts and report follow it. Reading
runs on the I/O pool, checking and importing on the database writer, so the window stays
responsive on a 10,000-row file. Problems with the file itself are said in a sentence that names
the file; a bug goes to the crash dialog through the runner, never as a traceback here.
"""

from __future__ import annotations

import traceback
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QFileDialog,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from salesdesk.domain.validation import ErrorCode
from salesdesk.kit.jobs import Cancelled
from salesdesk.services.importing import (
    AssignmentRefused,
    Choices,
    CustomerImporter,
    ImportMode,
    ImportPlan,
    ImportRefused,
    ImportResult,
    Question,
    RowIssue,
    RowWarning,
    SameCompany,
    StoreWriteError,
    Table,
    TableError,
    TableProblem,
    WarningKind,
    column_letter,
)
from salesdesk.services.order_import import OrderImporter, OrderImportResult, OrderPlan
from salesdesk.ui import messages
from salesdesk.ui.tasks import Handle, TaskRunner

PREVIEW_ROWS = 20
REPORT_LIMIT = 2000  # more lines than anyone reads; the summary still counts them all
_ERROR_COLOR = QColor("#b00020")
_WARNING_COLOR = QColor("#8a5a00")
_IGNORED_COLOR = QColor("#8c8c8c")
_QUESTION_COLOR = QColor("#1a5fb4")
_ANSWERS = (SameCompany.SEPARATE, SameCompany.MERGE, SameCompany.SKIP)
_HINT_STYLE = "color: palette(placeholder-text);"

Importer = CustomerImporter | OrderImporter
Plan = ImportPlan | OrderPlan
Result = ImportResult | OrderImportResult


def _sizes(plan: Plan) -> tuple[int, int]:
    """How many records the plan holds, and how many of them are valid."""
    if isinstance(plan, OrderPlan):
        return len(plan.orders) + len(plan.error_rows), len(plan.orders)
    return len(plan.customers), len(plan.valid_customers)


class ImportDialog(QDialog):
    """Preview, column mapping, row-by-row report, and the import itself."""

    # Emitted with the ImportResult (or OrderImportResult) after the store was written; the
    # customer list should reload (orders change tiers).
    imported = Signal(object)

    def __init__(self, runner: TaskRunner, import_service: Importer,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("importDialog")
        self._runner = runner
        self._importer: Importer = import_service
        self._orders = isinstance(import_service, OrderImporter)
        # Fields whose column is read only to report that it is not applied: a salesperson's
        # customers are theirs, assignment is HQ's.
        self._ignored: frozenset[str] = frozenset(
            {"salesperson"}
            if isinstance(import_service, CustomerImporter) and import_service.assignment_locked
            else ()
        )
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

        self.preview_box = QGroupBox()
        preview_layout = QVBoxLayout(self.preview_box)
        self.preview = QTableWidget(0, 0)
        self.preview.setObjectName("importPreview")
        self.preview.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.preview.setMinimumHeight(140)
        preview_layout.addWidget(self.preview)
        layout.addWidget(self.preview_box, 2)
        layout.addWidget(self._build_mapping())
        layout.addLayout(self._build_check_row())

        self.report = QTableWidget(0, 5)
        self.report.setObjectName("importReport")
        self.report.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.report.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.report.verticalHeader().setVisible(False)
        self.report.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
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

    def _build_mapping(self) -> QGroupBox:
        """One combo box per field, in three columns of label and combo."""
        self.mapping_box = QGroupBox()
        grid = QGridLayout(self.mapping_box)
        self.combos: dict[str, QComboBox] = {}
        self._field_labels: dict[str, QLabel] = {}
        fields = self._importer.target_fields
        per_column = (len(fields) + 2) // 3
        for i, name in enumerate(fields):
            label = QLabel()
            combo = QComboBox()
            combo.setObjectName(f"map_{name}")
            combo.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(12)
            combo.currentIndexChanged.connect(self._mapping_changed)
            label.setBuddy(combo)
            row, col = i % per_column, (i // per_column) * 2
            grid.addWidget(label, row, col)
            grid.addWidget(combo, row, col + 1)
            self.combos[name] = combo
            self._field_labels[name] = label
        self.ignored_note = QLabel()
        self.ignored_note.setObjectName("ignoredNote")
        self.ignored_note.setWordWrap(True)
        self.ignored_note.setStyleSheet(_HINT_STYLE)
        self.ignored_note.setVisible(bool(self._ignored))
        grid.addWidget(self.ignored_note, per_column, 0, 1, 6)
        return self.mapping_box

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
        self.setWindowTitle(self.tr("Import orders") if self._orders
                            else self.tr("Import customers"))
        self.file_label.setText(self.tr("File:"))
        self.file_edit.setPlaceholderText(self.tr("A .xlsx workbook or a .csv file"))
        self.browse_button.setText(self.tr("Choose file…"))
        self.preview_box.setTitle(self.tr("First rows of the file"))
        self.mapping_box.setTitle(self.tr("Which column holds what"))
        for name, label in self._field_labels.items():
            if name in self._ignored:
                label.setText(self.tr("%1 (ignored):").replace("%1", messages.field_label(name)))
            else:
                label.setText(messages.field_label(name) + ":")
        ignored_why = self.tr(
            "Customers you import are assigned to you. Only HQ can assign a customer to "
            "someone else, so the salesperson column is not imported; rows that name someone "
            "else are listed in the report.")
        self.ignored_note.setText(ignored_why if self._ignored else "")
        for name in self._ignored:
            self.combos[name].setToolTip(ignored_why)
        self._mark_ignored_columns()
        self._fill_combos(keep=True)
        self.check_button.setText(self.tr("Check"))
        self.report.setHorizontalHeaderLabels(
            [self.tr("Row"), self.tr("Kind"), self.tr("Field"), self.tr("Problem"),
             self.tr("Value")])
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
        rows = table.rows[:PREVIEW_ROWS]
        self.preview.clear()
        self.preview.setColumnCount(len(table.headers))
        self.preview.setRowCount(len(rows))
        self.preview.setHorizontalHeaderLabels(
            [f"{column_letter(i)} · {h}" if h else column_letter(i)
             for i, h in enumerate(table.headers)])
        self.preview.setVerticalHeaderLabels([str(r.number) for r in rows])
        for r, row in enumerate(rows):
            for c, text in enumerate(row.cells):
                self.preview.setItem(r, c, QTableWidgetItem(text))
        self.preview.resizeColumnsToContents()
        self._mark_ignored_columns()

    def _mark_ignored_columns(self) -> None:
        """Greys the preview's columns that feed an ignored field, and says so in the header."""
        table = self._table
        if table is None or not self._ignored:
            return
        ignored = {c for f, c in self.mapping().items() if f in self._ignored}
        for c, header in enumerate(table.headers):
            text = f"{column_letter(c)} · {header}" if header else column_letter(c)
            if c in ignored:
                text = self.tr("%1 (ignored)").replace("%1", text)
            item = QTableWidgetItem(text)
            if c in ignored:
                item.setForeground(QBrush(_IGNORED_COLOR))
                item.setToolTip(self.ignored_note.text())
            self.preview.setHorizontalHeaderItem(c, item)
            for r in range(self.preview.rowCount()):
                cell = self.preview.item(r, c)
                if cell is not None:
                    cell.setForeground(QBrush(_IGNORED_COLOR) if c in ignored else QBrush())
        self.preview.resizeColumnsToContents()

    # --- mapping ----------------------------------------------------------------------

    def _fill_combos(self, *, keep: bool) -> None:
        headers = self._table.headers if self._table else ()
        guessed = {} if keep or not self._table else self._importer.guess(headers)
        for name, combo in self.combos.items():
            current = combo.currentData() if keep else guessed.get(name, -1)
            combo.blockSignals(True)
            combo.clear()
            combo.addItem(self.tr("(not imported)"), -1)
            for i, header in enumerate(headers):
                combo.addItem(f"{column_letter(i)} · {header}" if header else column_letter(i), i)
            index = combo.findData(current if current is not None else -1)
            combo.setCurrentIndex(max(index, 0))
            combo.blockSignals(False)

    def mapping(self) -> dict[str, int]:
        """The chosen column of every mapped field."""
        result: dict[str, int] = {}
        for name, combo in self.combos.items():
            column = combo.currentData()
            if isinstance(column, int) and column >= 0:
                result[name] = column
        return result

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
        check: Callable[[], Plan]
        if isinstance(self._importer, CustomerImporter):
            customers = self._importer
            # The unknown-salesperson choice stays as the user left it; the answers to
            # questions do not (another mapping may ask others).
            choices = Choices(unknown_salesperson_unassigned=self.unassign_unknown.isChecked())
            def check() -> Plan:
                return customers.check(table, mapping, choices)
        else:
            orders = self._importer
            def check() -> Plan:
                return orders.check(table, mapping)
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
        self.report.setRowCount(0)
        if plan is None:
            self.unassign_unknown.setVisible(False)
            self.summary.setText(self._result_text() if self._result else "")
            return
        # (row, order: question 0 / error 1 / warning 2, field, problem, value, question)
        lines: list[tuple[int, int, str, str, str, Question | None]] = []
        if isinstance(plan, ImportPlan):
            lines += [(q.row, 0, messages.field_label("name"), self._question_text(q), "", q)
                      for q in plan.questions]
        lines += [(i.row, 1, messages.field_label(i.error.field), self._issue_text(i), i.value,
                   None) for i in plan.issues]
        lines += [(w.row, 2, messages.field_label(w.field), self._warning_text(w), w.value,
                   None) for w in plan.warnings]
        lines.sort(key=lambda line: (line[1] > 0, line[0], line[1]))  # questions first
        shown = lines[:REPORT_LIMIT]
        kinds = (self.tr("Question"), self.tr("Error"), self.tr("Warning"))
        colors = (_QUESTION_COLOR, _ERROR_COLOR, _WARNING_COLOR)
        self.report.setRowCount(len(shown))
        for r, (row, order, label, problem, value, question) in enumerate(shown):
            for c, text in enumerate((str(row), kinds[order], label, problem, value)):
                item = QTableWidgetItem(text)
                if c == 0:
                    item.setData(Qt.ItemDataRole.UserRole, row)
                if c == 1:
                    item.setForeground(QBrush(colors[order]))
                if c == 3:
                    item.setToolTip(problem)
                self.report.setItem(r, c, item)
            if question is not None and isinstance(plan, ImportPlan):
                self.report.setCellWidget(r, 4, self._answer_combo(question, plan))
        self.report.resizeColumnToContents(0)
        self.report.resizeColumnToContents(2)
        self.report.resizeColumnToContents(4)
        unknown = isinstance(plan, ImportPlan) and (
            plan.choices.unknown_salesperson_unassigned
            or any(i.error.field == "salesperson" and i.error.code is ErrorCode.NOT_FOUND
                   for i in plan.issues))
        self.unassign_unknown.setVisible(unknown)
        if isinstance(plan, ImportPlan):
            self.unassign_unknown.blockSignals(True)
            self.unassign_unknown.setChecked(plan.choices.unknown_salesperson_unassigned)
            self.unassign_unknown.blockSignals(False)
        self.summary.setText(self._summary_text(plan, len(lines) - len(shown)))

    def _question_text(self, question: Question) -> str:
        if question.name != question.earlier_name:
            text = self.tr("%1: may be the same company as row %2 (%3)").replace(
                "%1", question.name)
        else:
            text = self.tr("may be the same company as row %2 (%3)")
        text = text.replace("%2", str(question.earlier_row)).replace(
            "%3", question.earlier_name)
        if question.differs:
            fields = self.tr(", ").join(messages.field_label(f) for f in question.differs)
            text = self.tr("%1; they differ in %2").replace("%1", text).replace("%2", fields)
        return text

    def _answer_text(self, answer: SameCompany, question: Question) -> str:
        if answer is SameCompany.SEPARATE:
            return self.tr("Import as a separate customer")
        if answer is SameCompany.MERGE:
            return self.tr("Merge into row %1's customer").replace(
                "%1", str(question.earlier_row))
        return self.tr("Skip these rows (%1)").replace(
            "%1", ", ".join(str(r) for r in question.rows))

    def _answer_combo(self, question: Question, plan: ImportPlan) -> QComboBox:
        combo = QComboBox()
        combo.setObjectName(f"sameCompany_{question.row}")
        for answer in _ANSWERS:
            combo.addItem(self._answer_text(answer, question), answer.value)
        combo.setCurrentIndex(_ANSWERS.index(plan.choices.answer(question)))
        combo.currentIndexChanged.connect(
            lambda index, q=question: self._answer(q, _ANSWERS[index]))
        return combo

    def _answer(self, question: Question, answer: SameCompany) -> None:
        plan = self._plan
        if not isinstance(plan, ImportPlan):
            return
        answers = dict(plan.choices.same_company)
        answers[question.row] = answer
        self._decide(Choices(answers, plan.choices.unknown_salesperson_unassigned))

    def _unassign_toggled(self, checked: bool) -> None:
        plan = self._plan
        if isinstance(plan, ImportPlan) and checked != plan.choices.unknown_salesperson_unassigned:
            self._decide(Choices(plan.choices.same_company, checked))

    def _decide(self, choices: Choices) -> None:
        """Applies the user's answers in the background (a 10,000-row file takes a moment
        when every customer changes). The job starts once the combo box that asked has
        finished its signal: the new report replaces it."""
        plan = self._plan
        assert isinstance(plan, ImportPlan)
        self._busy = True  # nothing imports the old plan meanwhile
        self._update_buttons()
        self._set_status(self.tr("Applying your choice…"))
        QTimer.singleShot(0, self, lambda: self._start(lambda: self._runner.run_io(
            lambda: plan.decide(choices), on_done=self._checked, on_error=self._failed)))

    def _issue_text(self, issue: RowIssue) -> str:
        error = issue.error
        if error.field == "salesperson" and error.code is ErrorCode.NOT_FOUND:
            return self.tr(
                "no salesperson with this login or name in this store. Log in and sync to "
                "receive the sales team from HQ, or import these customers unassigned (the "
                "option below)")
        return messages.error_text(error.code, error.params)

    def _summary_text(self, plan: Plan, hidden: int) -> str:
        bad = len(plan.error_rows)
        total, valid = _sizes(plan)
        if bad:
            text = self.tr("%n of %1 rows have errors.", "", bad).replace(
                "%1", str(plan.row_count))
            text += " " + (
                self.tr("%n orders can be imported from the valid rows.", "", valid)
                if self._orders
                else self.tr("%n customers can be imported from the valid rows.", "", valid))
        else:
            text = self.tr("All %n rows are valid.", "", plan.row_count)
            text += " " + (self.tr("%n orders will be imported.", "", total) if self._orders
                           else self.tr("%n customers will be created.", "", total))
        if isinstance(plan, OrderPlan) and plan.orders:
            text += " " + self.tr("Valid orders total %1 CNY.").replace(
                "%1", f"{plan.total_amount:,.2f}")
        if isinstance(plan, ImportPlan):
            text += " " + self._row_counts(len(plan.valid_customers), plan.merged_row_count,
                                           len(plan.skipped_rows), plan.failed_row_count)
            if plan.questions:
                text += " " + self.tr("%n rows may be the same company as an earlier row: "
                                      "choose in the report.", "", len(plan.questions))
        if plan.warnings:
            text += " " + self.tr("%n warnings (not errors): look at them before importing.",
                                  "", len(plan.warnings))
        if hidden:
            text += " " + self.tr("The first %1 problems are listed.").replace(
                "%1", str(REPORT_LIMIT))
        return text

    def _warning_text(self, warning: RowWarning) -> str:
        if warning.kind is WarningKind.DUPLICATE_NAME:
            return self.tr("looks like the existing customer %1 (same name)").replace(
                "%1", warning.existing)
        if warning.kind is WarningKind.DUPLICATE_PHONE:
            return self.tr("is already the phone of the existing customer %1").replace(
                "%1", warning.existing)
        if warning.kind is WarningKind.LOOSE_MATCH:
            return self.tr("is taken to mean the customer %1").replace("%1", warning.existing)
        if warning.kind is WarningKind.NOT_APPLIED:
            return self.tr("not applied: only HQ can assign a customer to someone else; "
                           "this customer is imported as yours")
        if warning.kind is WarningKind.DUPLICATE_ROW:
            return self.tr("repeats row %1 exactly; imported once").replace("%1", warning.value)
        if warning.kind is WarningKind.UNASSIGNED:
            return self.tr("no salesperson with this login or name in this store; the "
                           "customer is imported unassigned")
        return self.tr("differs from an earlier row of the same customer; this value is "
                       "ignored")

    def _row_counts(self, created: int, merged: int, skipped: int, failed: int) -> str:
        return (self.tr("Rows: %1 new customers, %2 added to the customer of an earlier row, "
                        "%3 skipped, %4 with errors.")
                .replace("%1", str(created)).replace("%2", str(merged))
                .replace("%3", str(skipped)).replace("%4", str(failed)))

    # --- import -----------------------------------------------------------------------

    def start_import(self, mode: ImportMode) -> None:
        plan = self._plan
        if plan is None:
            return
        self.progress.setRange(0, max(_sizes(plan)[1], 1))
        self.progress.setValue(0)
        self._set_status(self.tr("Importing…"))
        self._start(lambda: self._runner.run_write(
            lambda state: self._run(plan, mode, state),
            on_done=self._imported, on_error=self._failed, on_progress=self._progress,
            with_state=True), show_progress=True)

    def _run(self, plan: Plan, mode: ImportMode, state: Any) -> Result:
        """On the writer thread: the importer and its plan always match."""
        if isinstance(self._importer, OrderImporter):
            assert isinstance(plan, OrderPlan)
            return self._importer.run(plan, mode, state)
        assert isinstance(plan, ImportPlan)
        return self._importer.run(plan, mode, state)

    def _progress(self, done: int, total: int, _message: str) -> None:
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)

    def _imported(self, result: Result) -> None:
        self._finish_job()
        self._result = result
        self._set_status("")
        self._set_plan(None)  # the plan is spent: importing it twice would duplicate customers
        self.imported.emit(result)

    def _result_text(self) -> str:
        result = self._result
        assert result is not None
        if isinstance(result, OrderImportResult):
            text = self.tr("Imported %n orders", "", result.orders) + " " + self.tr(
                "totalling %1 CNY.").replace("%1", f"{result.amount:,.2f}")
            text += " " + self.tr("Customer tiers now: %1 A, %2 B, %3 C.").replace(
                "%1", str(result.tiers.get("A", 0))).replace(
                "%2", str(result.tiers.get("B", 0))).replace("%3", str(result.tiers.get("C", 0)))
            if result.skipped_rows:
                text += " " + self.tr("%n rows with errors were left out.", "",
                                      result.skipped_rows)
            return text
        text = self.tr("Imported %n customers", "", result.customers) + " " + self.tr(
            "with %n contacts.", "", result.contacts)
        return text + " " + self._row_counts(result.customers, result.merged_rows,
                                             result.skipped_rows, result.failed_rows)

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
        if isinstance(exc, AssignmentRefused):
            self._set_plan(None)  # made for someone else: it must be checked again
        text = self._failure_text(exc)
        if text is None:
            text = self.tr("Something went wrong inside SalesDesk; nothing was imported.")
            self._runner.bug.emit("".join(traceback.format_exception(exc)))
        self._set_status(text, problem=True)

    def _failure_text(self, exc: BaseException) -> str | None:
        """A sentence for a failure of the environment or a refusal; None for a bug."""
        if isinstance(exc, TableError):
            name = exc.path.name
            texts = {
                TableProblem.UNREADABLE: self.tr("SalesDesk could not open %1: %2"),
                TableProblem.ENCODING: self.tr(
                    "%1 is not in a text encoding SalesDesk knows (UTF-8 or GBK). In Excel, "
                    "save it as \"CSV UTF-8\" or as an .xlsx workbook."),
                TableProblem.NOT_A_TABLE: self.tr(
                    "%1 is not a spreadsheet SalesDesk can read. Choose an .xlsx workbook or "
                    "a .csv file."),
                TableProblem.LEGACY_XLS: self.tr(
                    "%1 is an Excel 97-2003 workbook (.xls) or is protected by a password. "
                    "Open it in Excel and save it as an .xlsx workbook without a password."),
                TableProblem.EMPTY: self.tr("%1 has no header row and no data."),
            }
            return texts[exc.problem].replace("%1", name).replace("%2", exc.detail)
        if isinstance(exc, Cancelled):
            return self.tr("Import cancelled. Nothing was imported.")
        if isinstance(exc, AssignmentRefused):
            return self.tr("This laptop was logged in as a salesperson after the check, so "
                           "the customers cannot be assigned as planned. Nothing was imported; "
                           "press Check again.")
        if isinstance(exc, ImportRefused):
            return self.tr("Some rows have errors, so nothing was imported. Correct them in "
                           "the file and check again, or import only the valid rows.")
        if isinstance(exc, StoreWriteError) and self._orders:
            return self.tr("The store could not be written (%1). No orders were imported."
                           ).replace("%1", exc.detail)
        if isinstance(exc, StoreWriteError):
            return self.tr("The customer store could not be written (%1). Nothing was "
                           "imported.").replace("%1", exc.detail)
        return None

    def _set_status(self, text: str, *, problem: bool = False) -> None:
        self._status = (text, problem)
        self.status.setText(text)
        self.status.setStyleSheet(f"color: {_ERROR_COLOR.name()};" if problem else "")

    def _update_buttons(self) -> None:
        idle = not self._busy
        plan = self._plan
        self.browse_button.setEnabled(idle)
        self.report.setEnabled(idle)  # its answers change the plan; not while it is written
        self.unassign_unknown.setEnabled(idle)
        self.mapping_box.setEnabled(idle and self._table is not None)
        self.check_button.setEnabled(idle and self._table is not None
                                     and self._required_mapped())
        total, valid = _sizes(plan) if plan is not None else (0, 0)
        self.import_all_button.setEnabled(
            idle and plan is not None and not plan.has_errors and bool(total))
        self.import_valid_button.setEnabled(idle and plan is not None and bool(valid))

    @property
    def busy(self) -> bool:
        return self._busy

    def reject(self) -> None:
        """Closing while a job runs cancels it first; the dialog closes when it has stopped."""
        if self._busy:
            self._close_when_idle = True
            self.cancel()
            return
        super().reject()


def open_import_dialog(window: Any, *, orders: bool = False) -> ImportDialog:
    """Opens the dialog from the main window; the customer list reloads after an import.

    ``window`` is the MainWindow (``services``, ``runner``, ``customers``); typed loosely to
    keep this module free of an import cycle with main_window. With ``orders`` the dialog
    imports sales orders, and the list shows the tiers they lead to.
    """
    services = window.services
    importer: Importer
    if orders:
        importer = OrderImporter(services.factory, services.customers.tier_rule)
    else:
        # The salesperson column may name only salespeople: HQ assigns customers to no one
        # else. A salesperson's imported customers are theirs.
        people = services.browser.filter_options().assignees
        importer = CustomerImporter(services.factory, people,
                                    current_user=services.browser.current_user())
    dialog = ImportDialog(window.runner, importer, window)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.imported.connect(lambda _result: window.customers.reload())
    dialog.open()
    return dialog
