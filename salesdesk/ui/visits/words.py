"""The Visits page's words: ranges, day headings, statuses, history lines and why a customer
is on the overdue list ("last visit 41 days ago, tier A, every 14 days")."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

from PySide6.QtCore import QCoreApplication, QDate, QLocale

from salesdesk.domain.visits import OverdueReason, VisitEventKind, VisitStatus
from salesdesk.services.visits.records import VisitDetail


def _date(day: date, fmt: QLocale.FormatType = QLocale.FormatType.ShortFormat) -> str:
    return QLocale().toString(QDate(day.year, day.month, day.day), fmt)


def day_heading(day: date) -> str:
    """"Thursday, 3 December 2026" in the user's language (the locale's long date)."""
    return _date(day, QLocale.FormatType.LongFormat)


def range_text(mode: str, first: date, last: date) -> str:
    if first == last:
        return day_heading(first)
    text = QCoreApplication.translate("Visits", "%1 – %2")
    return text.replace("%1", _date(first)).replace("%2", _date(last))


def time_window(starts: datetime, ends: datetime | None) -> str:
    text = starts.strftime("%H:%M")
    return text if ends is None else f"{text}–{ends.strftime('%H:%M')}"


def status_text(status: VisitStatus, reason: str = "") -> str:
    if status is VisitStatus.DONE:
        return QCoreApplication.translate("Visits", "Done")
    if status is VisitStatus.CANCELLED:
        word = QCoreApplication.translate("Visits", "Cancelled")
        if not reason:
            return word
        text = QCoreApplication.translate("Visits", "%1: %2")
        return text.replace("%1", word).replace("%2", reason)
    return QCoreApplication.translate("Visits", "Planned")


def _stamp(moment: datetime | None, zone: ZoneInfo) -> str:
    return "" if moment is None else moment.astimezone(zone).strftime("%Y-%m-%d %H:%M")


def history_text(detail: VisitDetail, zone: ZoneInfo) -> str:
    """The visit's history, one line per change, oldest first."""
    lines = []
    for entry in detail.history:
        when = _stamp(entry.at, zone)
        if entry.kind is VisitEventKind.RESCHEDULED:
            line = QCoreApplication.translate("Visits", "%1: moved from %2").replace(
                "%2", _stamp(entry.previous_starts_at, zone))
        elif entry.kind is VisitEventKind.CANCELLED:
            line = QCoreApplication.translate("Visits", "%1: cancelled")
        else:
            line = QCoreApplication.translate("Visits", "%1: recorded as done")
        line = line.replace("%1", when)
        if entry.by:
            line += " " + QCoreApplication.translate("Visits", "by %1").replace("%1", entry.by)
        if entry.reason:
            line += " — " + entry.reason
        lines.append(line)
    if not lines:
        return QCoreApplication.translate("Visits", "No changes since it was planned.")
    return QCoreApplication.translate("Visits", "History:") + "\n" + "\n".join(lines)


def overdue_reason(reason: OverdueReason) -> str:
    """"last visit 41 days ago, tier A, every 14 days" / "never visited, added 20 days ago"."""
    if reason.last_visit is None:
        text = QCoreApplication.translate("Visits", "never visited, added %1 days ago")
    elif reason.tier is None:
        text = QCoreApplication.translate("Visits", "last visit %1 days ago, every %3 days")
    else:
        text = QCoreApplication.translate(
            "Visits", "last visit %1 days ago, tier %2, every %3 days")
    return (text.replace("%1", str(reason.days_since))
            .replace("%2", reason.tier.value if reason.tier else "")
            .replace("%3", str(reason.cadence_days)))


def overdue_title(total: int, shown: int) -> str:
    if total == shown:
        text = QCoreApplication.translate("Visits", "Overdue contacts: %1")
    else:
        text = QCoreApplication.translate("Visits", "Overdue contacts: %1 (the first %2 shown)")
    return text.replace("%1", f"{total:,}").replace("%2", f"{shown:,}")
