"""What the import dialog says about a plan, its rows and a result, in the user's language.

:class:`ImportWords` is the UI's :class:`~salesdesk.services.imports.plan.Wording`: a plan, a
result or an importer calls the method of its kind, so each kind is worded from its own fields
and nothing here checks a type. The report's strings keep the translation context
"ImportDialog" they had when they were the dialog's own; :class:`ImportWords` has its own.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QObject

from salesdesk.domain.validation import ErrorCode
from salesdesk.services.imports.customers import ImportPlan, ImportResult
from salesdesk.services.imports.orders import OrderImportResult, OrderPlan
from salesdesk.services.imports.plan import (
    Plan,
    Question,
    Result,
    RowIssue,
    RowWarning,
    SameCompany,
    WarningKind,
)
from salesdesk.ui import messages

REPORT_LIMIT = 2000  # more lines than anyone reads; the summary still counts them all


class ImportWords(QObject):
    """The words of each kind of import (customers, orders), and of a plan's summary.

    A QObject for its ``tr``: pyside6-lupdate reads plurals (``%n``) only from ``self.tr``."""

    def customer_import(self) -> str:
        return self.tr("Import customers")

    def order_import(self) -> str:
        return self.tr("Import orders")

    def customer_plan(self, plan: ImportPlan) -> str:
        if plan.error_rows:
            valid = len(plan.valid_customers)
            text = self.tr("%n customers can be imported from the valid rows.", "", valid)
        else:
            total = len(plan.customers)
            text = self.tr("%n customers will be created.", "", total)
        text += " " + row_counts(len(plan.valid_customers), plan.merged_row_count,
                                 len(plan.skipped_rows), plan.failed_row_count)
        if plan.questions:
            questions = len(plan.questions)
            text += " " + self.tr("%n rows may be the same company as an earlier row: "
                                  "choose in the report.", "", questions)
        return text

    def order_plan(self, plan: OrderPlan) -> str:
        if plan.error_rows:
            valid = len(plan.orders)
            text = self.tr("%n orders can be imported from the valid rows.", "", valid)
        else:
            total = plan.record_count
            text = self.tr("%n orders will be imported.", "", total)
        if plan.orders:
            text += " " + self.tr("Valid orders total %1 CNY.").replace(
                "%1", f"{plan.total_amount:,.2f}")
        return text

    def customer_result(self, result: ImportResult) -> str:
        customers, contacts = result.customers, result.contacts
        text = self.tr("Imported %n customers", "", customers) + " " + self.tr(
            "with %n contacts.", "", contacts)
        return text + " " + row_counts(result.customers, result.merged_rows,
                                       result.skipped_rows, result.failed_rows)

    def order_result(self, result: OrderImportResult) -> str:
        orders, skipped = result.orders, result.skipped_rows
        text = self.tr("Imported %n orders", "", orders) + " " + self.tr(
            "totalling %1 CNY.").replace("%1", f"{result.amount:,.2f}")
        text += " " + self.tr("Customer tiers now: %1 A, %2 B, %3 C.").replace(
            "%1", str(result.tiers.get("A", 0))).replace(
            "%2", str(result.tiers.get("B", 0))).replace("%3", str(result.tiers.get("C", 0)))
        if skipped:
            text += " " + self.tr("%n rows with errors were left out.", "", skipped)
        return text

    def summary(self, plan: Plan, hidden: int) -> str:
        """The line under the Check button: errors, what would be imported, warnings."""
        bad, rows = len(plan.error_rows), plan.row_count
        if bad:
            text = self.tr("%n of %1 rows have errors.", "", bad).replace("%1", str(rows))
        else:
            text = self.tr("All %n rows are valid.", "", rows)
        text += " " + plan.summarized(self)
        if plan.warnings:
            warnings = len(plan.warnings)
            text += " " + self.tr("%n warnings (not errors): look at them before importing.",
                                  "", warnings)
        if hidden:
            text += " " + self.tr("The first %1 problems are listed.").replace(
                "%1", str(REPORT_LIMIT))
        return text

    def result(self, result: Result) -> str:
        return result.summarized(self)


def row_counts(created: int, merged: int, skipped: int, failed: int) -> str:
    return (QCoreApplication.translate(
        "ImportDialog", "Rows: %1 new customers, %2 added to the customer of an earlier row, "
        "%3 skipped, %4 with errors.")
        .replace("%1", str(created)).replace("%2", str(merged))
        .replace("%3", str(skipped)).replace("%4", str(failed)))


def issue_text(issue: RowIssue) -> str:
    error = issue.error
    if error.field == "salesperson" and error.code is ErrorCode.NOT_FOUND:
        return QCoreApplication.translate(
            "ImportDialog",
            "no salesperson with this login or name in this store. Log in and sync to "
            "receive the sales team from HQ, or import these customers unassigned (the "
            "option below)")
    return messages.error_text(error.code, error.params)


def warning_text(warning: RowWarning) -> str:
    if warning.kind is WarningKind.DUPLICATE_NAME:
        return QCoreApplication.translate(
            "ImportDialog", "looks like the existing customer %1 (same name)").replace(
            "%1", warning.existing)
    if warning.kind is WarningKind.DUPLICATE_PHONE:
        return QCoreApplication.translate(
            "ImportDialog", "is already the phone of the existing customer %1").replace(
            "%1", warning.existing)
    if warning.kind is WarningKind.LOOSE_MATCH:
        return QCoreApplication.translate(
            "ImportDialog", "is taken to mean the customer %1").replace("%1", warning.existing)
    if warning.kind is WarningKind.NOT_APPLIED:
        return QCoreApplication.translate(
            "ImportDialog", "not applied: only HQ can assign a customer to someone else; "
            "this customer is imported as yours")
    if warning.kind is WarningKind.DUPLICATE_ROW:
        return QCoreApplication.translate(
            "ImportDialog", "repeats row %1 exactly; imported once").replace(
            "%1", warning.value)
    if warning.kind is WarningKind.UNASSIGNED:
        return QCoreApplication.translate(
            "ImportDialog", "no salesperson with this login or name in this store; the "
            "customer is imported unassigned")
    return QCoreApplication.translate(
        "ImportDialog", "differs from an earlier row of the same customer; this value is "
        "ignored")


def question_text(question: Question) -> str:
    if question.name != question.earlier_name:
        text = QCoreApplication.translate(
            "ImportDialog", "%1: may be the same company as row %2 (%3)").replace(
            "%1", question.name)
    else:
        text = QCoreApplication.translate(
            "ImportDialog", "may be the same company as row %2 (%3)")
    text = text.replace("%2", str(question.earlier_row)).replace("%3", question.earlier_name)
    if question.differs:
        fields = QCoreApplication.translate("ImportDialog", ", ").join(
            messages.field_label(f) for f in question.differs)
        text = QCoreApplication.translate("ImportDialog", "%1; they differ in %2").replace(
            "%1", text).replace("%2", fields)
    return text


def answer_text(answer: SameCompany, question: Question) -> str:
    if answer is SameCompany.SEPARATE:
        return QCoreApplication.translate("ImportDialog", "Import as a separate customer")
    if answer is SameCompany.MERGE:
        return QCoreApplication.translate(
            "ImportDialog", "Merge into row %1's customer").replace(
            "%1", str(question.earlier_row))
    return QCoreApplication.translate("ImportDialog", "Skip these rows (%1)").replace(
        "%1", ", ".join(str(r) for r in question.rows))
