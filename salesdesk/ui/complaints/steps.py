"""One dialog for every step of a complaint's handling: it asks only what the step needs (a
text, a reason, the department, the satisfaction score). The state machine decides whether the
step is allowed; a refusal is shown in the dialog as a sentence, and nothing typed is lost."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit, QPlainTextEdit, QSpinBox, QWidget

from salesdesk.domain.complaints import EventKind
from salesdesk.domain.people import Department
from salesdesk.domain.validation import ValidationFailed
from salesdesk.services.complaints.records import StepDraft
from salesdesk.ui import messages
from salesdesk.ui.complaints.words import event_label, refusal_text
from salesdesk.ui.promises.dialogs import FormDialog

K = EventKind
_TEXT = {
    K.CONTACTED,
    K.NOTE,
    K.CUSTOMER_MESSAGE,
    K.ESCALATED,
    K.SOLUTION_PROPOSED,
    K.ACCEPTED,
    K.RESOLVED,
    K.SATISFACTION,
    K.RESUMED,
}
_REASON = {K.PAUSED, K.REOPENED, K.REFUSED}


def _hint(kind: EventKind) -> str:
    return {
        K.CONTACTED: QCoreApplication.translate("StepDialog", "what you told the customer"),
        K.NOTE: QCoreApplication.translate("StepDialog", "what the investigation found"),
        K.CUSTOMER_MESSAGE: QCoreApplication.translate("StepDialog", "what the customer said"),
        K.ESCALATED: QCoreApplication.translate("StepDialog", "what the department should know"),
        K.SOLUTION_PROPOSED: QCoreApplication.translate(
            "StepDialog", "the solution offered to the customer"
        ),
        K.SATISFACTION: QCoreApplication.translate("StepDialog", "the customer's comment"),
        K.PAUSED: QCoreApplication.translate(
            "StepDialog", "what we are waiting for from the customer"
        ),
        K.REOPENED: QCoreApplication.translate("StepDialog", "why it is reopened"),
        K.REFUSED: QCoreApplication.translate("StepDialog", "why the customer refused"),
    }.get(kind, "")


class StepDialog(FormDialog):
    def __init__(self, parent: QWidget | None, kind: EventKind, complaint: str) -> None:
        super().__init__(parent, event_label(kind.value))
        self.setObjectName("complaintStepDialog")
        self.kind = kind
        what = QLabel(complaint)
        what.setWordWrap(True)
        self.form.addRow(what)
        self.department = QComboBox()
        self.department.setObjectName("stepDepartment")
        for d in Department:
            self.department.addItem(messages.department_label(d.value), d.value)
        self.score = QSpinBox()
        self.score.setObjectName("stepScore")
        self.score.setRange(1, 5)
        self.score.setValue(5)
        self.text = QPlainTextEdit()
        self.text.setObjectName("stepText")
        self.text.setFixedHeight(80)
        self.reason = QLineEdit()
        self.reason.setObjectName("stepReason")
        if kind is K.ESCALATED:
            self.form.addRow(self.tr("Department"), self.department)
        if kind is K.SATISFACTION:
            self.form.addRow(messages.field_label("score"), self.score)
        if kind in _TEXT:
            self.text.setPlaceholderText(_hint(kind))
            self.form.addRow(messages.field_label("text"), self.text)
        if kind in _REASON:
            self.reason.setPlaceholderText(_hint(kind))
            self.form.addRow(messages.field_label("reason"), self.reason)

    def value(self) -> StepDraft:
        return StepDraft(
            self.kind,
            text=self.text.toPlainText(),
            department=str(self.department.currentData()) if self.kind is K.ESCALATED else "",
            reason=self.reason.text(),
            score=self.score.value() if self.kind is K.SATISFACTION else None,
        )

    def refused(self, exc: BaseException, bug: Callable[[BaseException], None]) -> None:
        if isinstance(exc, ValidationFailed) and exc.errors:
            self.ok.setEnabled(True)
            self.error.setText(" ".join(refusal_text(e) for e in exc.errors))
            self.error.show()
            return
        super().refused(exc, bug)
