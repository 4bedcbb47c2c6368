"""The complaint feature's words: its vocabularies (channel, category, severity, status, history
entries), the time left on a clock, and a refused step as a whole sentence."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from salesdesk.domain.validation import ErrorCode, FieldError
from salesdesk.ui import messages


def channel_label(value: str) -> str:
    return {
        "phone": QCoreApplication.translate("Complaints", "Phone"),
        "visit": QCoreApplication.translate("Complaints", "In person"),
        "email": QCoreApplication.translate("Complaints", "Email"),
        "chat": QCoreApplication.translate("Complaints", "WeChat / chat"),
        "letter": QCoreApplication.translate("Complaints", "Letter"),
    }.get(value, value)


def category_label(value: str) -> str:
    return {
        "quality": QCoreApplication.translate("Complaints", "Quality"),
        "delivery": QCoreApplication.translate("Complaints", "Delivery / transport"),
        "service": QCoreApplication.translate("Complaints", "Service"),
        "billing": QCoreApplication.translate("Complaints", "Billing"),
        "other": QCoreApplication.translate("Complaints", "Other"),
    }.get(value, value)


def severity_label(value: str) -> str:
    return {
        "critical": QCoreApplication.translate("Complaints", "Critical"),
        "high": QCoreApplication.translate("Complaints", "High"),
        "normal": QCoreApplication.translate("Complaints", "Normal"),
        "low": QCoreApplication.translate("Complaints", "Low"),
    }.get(value, value)


def status_label(value: str) -> str:
    return {
        "received": QCoreApplication.translate("Complaints", "Received"),
        "acknowledged": QCoreApplication.translate("Complaints", "Acknowledged"),
        "contacted": QCoreApplication.translate("Complaints", "Contacted"),
        "investigating": QCoreApplication.translate("Complaints", "Investigating"),
        "escalated": QCoreApplication.translate("Complaints", "Escalated"),
        "solution_proposed": QCoreApplication.translate("Complaints", "Solution proposed"),
        "accepted": QCoreApplication.translate("Complaints", "Solution accepted"),
        "refused": QCoreApplication.translate("Complaints", "Solution refused"),
        "resolved": QCoreApplication.translate("Complaints", "Resolved"),
        "satisfaction_asked": QCoreApplication.translate("Complaints", "Satisfaction asked"),
        "closed": QCoreApplication.translate("Complaints", "Closed"),
        "reopened": QCoreApplication.translate("Complaints", "Reopened"),
    }.get(value, value)


def event_label(value: str) -> str:
    return {
        "received": QCoreApplication.translate("Complaints", "Received"),
        "acknowledged": QCoreApplication.translate("Complaints", "Receipt given"),
        "contacted": QCoreApplication.translate("Complaints", "Contacted the customer"),
        "note": QCoreApplication.translate("Complaints", "Investigation note"),
        "customer_message": QCoreApplication.translate("Complaints", "Message from the customer"),
        "escalated": QCoreApplication.translate("Complaints", "Escalated"),
        "solution_proposed": QCoreApplication.translate("Complaints", "Solution proposed"),
        "accepted": QCoreApplication.translate("Complaints", "Customer accepted"),
        "refused": QCoreApplication.translate("Complaints", "Customer refused"),
        "resolved": QCoreApplication.translate("Complaints", "Resolved"),
        "satisfaction": QCoreApplication.translate("Complaints", "Satisfaction"),
        "closed": QCoreApplication.translate("Complaints", "Closed"),
        "reopened": QCoreApplication.translate("Complaints", "Reopened"),
        "paused": QCoreApplication.translate("Complaints", "Paused"),
        "resumed": QCoreApplication.translate("Complaints", "Resumed"),
    }.get(value, value)


def duration_text(minutes: int) -> str:
    """Working time: "45 min", "3 h 20 min", "2 d 1 h" (a day of 7.5 working hours)."""
    minutes = abs(minutes)
    if minutes < 60:
        return QCoreApplication.translate("Complaints", "%1 min").replace("%1", str(minutes))
    hours, rest = divmod(minutes, 60)
    if hours < 15:
        if rest:
            return (
                QCoreApplication.translate("Complaints", "%1 h %2 min")
                .replace("%1", str(hours))
                .replace("%2", str(rest))
            )
        return QCoreApplication.translate("Complaints", "%1 h").replace("%1", str(hours))
    days, rest = divmod(minutes, 450)
    return (
        QCoreApplication.translate("Complaints", "%1 d %2 h")
        .replace("%1", str(days))
        .replace("%2", str(rest // 60))
    )


def left_text(left: int | None, paused: bool) -> str:
    """How a clock stands: "2 h left", "overdue 30 min", "paused · 1 h left"."""
    if left is None:
        return "—"
    text = (
        QCoreApplication.translate("Complaints", "overdue %1")
        if left < 0
        else QCoreApplication.translate("Complaints", "%1 left")
    ).replace("%1", duration_text(left))
    return (
        QCoreApplication.translate("Complaints", "paused · %1").replace("%1", text)
        if paused
        else text
    )


def refusal_text(error: FieldError) -> str:
    """A refused step as a sentence the salesperson understands."""
    sentences = {
        ErrorCode.NOT_RESOLVED: QCoreApplication.translate(
            "Complaints", "The complaint is not resolved yet: resolve it first."
        ),
        ErrorCode.NO_SOLUTION: QCoreApplication.translate(
            "Complaints", "Propose a solution (one the customer has not refused) before resolving."
        ),
        ErrorCode.NOT_CONTACTED: QCoreApplication.translate(
            "Complaints", "Contact the customer before proposing a solution."
        ),
        ErrorCode.NOT_PAUSED: QCoreApplication.translate(
            "Complaints", "The complaint is not paused."
        ),
        ErrorCode.ALREADY_PAUSED: QCoreApplication.translate(
            "Complaints", "The complaint is already paused."
        ),
        ErrorCode.ALREADY_CLOSED: QCoreApplication.translate(
            "Complaints", "The complaint is closed; reopen it first."
        ),
        ErrorCode.ALREADY_OPEN: QCoreApplication.translate(
            "Complaints",
            "The complaint is still open; only a resolved or closed complaint can be reopened.",
        ),
        ErrorCode.OUT_OF_ORDER: QCoreApplication.translate(
            "Complaints", "This step does not follow from where the complaint is now."
        ),
    }
    found = sentences.get(error.code)
    return found if found is not None else messages.describe(error)
