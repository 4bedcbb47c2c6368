"""The import's report: one line per question, error and warning, by the row Excel shows.

Questions come first (each with its answers in a combo box), then errors and warnings in row
order. The report only shows a plan; an answer is signalled to the dialog, which asks the
plan for the plan those answers give.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHeaderView,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from salesdesk.services.imports.plan import Plan, Question, SameCompany
from salesdesk.ui import messages
from salesdesk.ui.imports.words import (
    REPORT_LIMIT,
    answer_text,
    issue_text,
    question_text,
    warning_text,
)

ERROR_COLOR = QColor("#b00020")
_WARNING_COLOR = QColor("#8a5a00")
_QUESTION_COLOR = QColor("#1a5fb4")
_ANSWERS = (SameCompany.SEPARATE, SameCompany.MERGE, SameCompany.SKIP)


class ImportReport(QTableWidget):
    """Row, kind, field, problem, value (or, for a question, the answer)."""

    answered = Signal(object, object)  # Question, SameCompany

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(0, 5, parent)
        self.setObjectName("importReport")
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.verticalHeader().setVisible(False)
        self.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)

    def retranslate(self) -> None:
        self.setHorizontalHeaderLabels([
            QCoreApplication.translate("ImportDialog", "Row"),
            QCoreApplication.translate("ImportDialog", "Kind"),
            QCoreApplication.translate("ImportDialog", "Field"),
            QCoreApplication.translate("ImportDialog", "Problem"),
            QCoreApplication.translate("ImportDialog", "Value"),
        ])

    def show_plan(self, plan: Plan | None) -> int:
        """Shows the plan's lines (none for no plan); returns how many were left out."""
        self.setRowCount(0)
        if plan is None:
            return 0
        # (row, order: question 0 / error 1 / warning 2, field, problem, value, question)
        lines: list[tuple[int, int, str, str, str, Question | None]] = []
        lines += [(q.row, 0, messages.field_label("name"), question_text(q), "", q)
                  for q in plan.questions]
        lines += [(i.row, 1, messages.field_label(i.error.field), issue_text(i), i.value,
                   None) for i in plan.issues]
        lines += [(w.row, 2, messages.field_label(w.field), warning_text(w), w.value,
                   None) for w in plan.warnings]
        lines.sort(key=lambda line: (line[1] > 0, line[0], line[1]))  # questions first
        shown = lines[:REPORT_LIMIT]
        kinds = (QCoreApplication.translate("ImportDialog", "Question"),
                 QCoreApplication.translate("ImportDialog", "Error"),
                 QCoreApplication.translate("ImportDialog", "Warning"))
        colors = (_QUESTION_COLOR, ERROR_COLOR, _WARNING_COLOR)
        self.setRowCount(len(shown))
        for r, (row, order, label, problem, value, question) in enumerate(shown):
            for c, text in enumerate((str(row), kinds[order], label, problem, value)):
                item = QTableWidgetItem(text)
                if c == 0:
                    item.setData(Qt.ItemDataRole.UserRole, row)
                if c == 1:
                    item.setForeground(QBrush(colors[order]))
                if c == 3:
                    item.setToolTip(problem)
                self.setItem(r, c, item)
            if question is not None:
                self.setCellWidget(r, 4, self._answer_combo(question, plan))
        self.resizeColumnToContents(0)
        self.resizeColumnToContents(2)
        self.resizeColumnToContents(4)
        return len(lines) - len(shown)

    def _answer_combo(self, question: Question, plan: Plan) -> QComboBox:
        combo = QComboBox()
        combo.setObjectName(f"sameCompany_{question.row}")
        for answer in _ANSWERS:
            combo.addItem(answer_text(answer, question), answer.value)
        combo.setCurrentIndex(_ANSWERS.index(plan.choices.answer(question)))
        combo.currentIndexChanged.connect(
            lambda index, q=question: self.answered.emit(q, _ANSWERS[index]))
        return combo
