"""The Visits page's words: ranges, day headings, statuses, history lines and why a customer
is on the overdue list ("last visit 41 days ago, tier A, every 14 days")."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

from PySide6.QtCore import QCoreApplication, QDate, QLocale

from salesdesk.domain.visits import OverdueReason, VisitEventKind, VisitStatus
from salesdesk.services.visits.records import VisitDetail


def _t(text: str) -> str:
    return QCoreApplication.translate("Visits", text)


def _date(day: date, fmt: QLocale.FormatType = QLocale.FormatType.ShortFormat) -> str:
    return QLocale().toString(QDate(day.year, day.month, day.day), fmt)


def day_heading(day: date) -> str:
    """"Thursday, 3 December 2026" in the user's language (the locale's long date)."""
    return _date(day, QLocale.FormatType.LongFormat)


def range_text(mode: str, first: date, last: date) -> str:
    if first == last:
        return day_heading(first)
    return _t("%1 – %2").replace("%1", _date(first)).replace("%2", _date(last))


def time_window(starts: datetime, ends: datetime | None) -> str:
    text = starts.strftime("%H:%M")
    return text if ends is None else f"{text}–{ends.strftime('%H:%M')}"


def status_text(status: VisitStatus, reason: str = "") -> str:
    if status is VisitStatus.DONE:
        return _t("Done")
    if status is VisitStatus.CANCELLED:
        word = _t("Cancelled")
        return _t("%1: %2").replace("%1", word).replace("%2", reason) if reason else word
    return _t("Planned")


def _stamp(moment: datetime | None, zone: ZoneInfo) -> str:
    return "" if moment is None else moment.astimezone(zone).strftime("%Y-%m-%d %H:%M")


def history_text(detail: VisitDetail, zone: ZoneInfo) -> str:
    """The visit's history, one line per change, oldest first."""
    lines = []
    for entry in detail.history:
        when = _stamp(entry.at, zone)
        if entry.kind is VisitEventKind.RESCHEDULED:
            line = _t("%1: moved from %2").replace("%2", _stamp(entry.previous_starts_at, zone))
        elif entry.kind is VisitEventKind.CANCELLED:
            line = _t("%1: cancelled")
        else:
            line = _t("%1: recorded as done")
        line = line.replace("%1", when)
        if entry.by:
            line += " " + _t("by %1").replace("%1", entry.by)
        if entry.reason:
            line += " — " + entry.reason
        lines.append(line)
    if not lines:
        return _t("No changes since it was planned.")
    return _t("History:") + "\n" + "\n".join(lines)


def overdue_reason(reason: OverdueReason) -> str:
    """"last visit 41 days ago, tier A, every 14 days" / "never visited, added 20 days ago"."""
    if reason.last_visit is None:
        return _t("never visited, added %1 days ago").replace("%1", str(reason.days_since))
    text = _t("last visit %1 days ago").replace("%1", str(reason.days_since))
    if reason.tier is not None:
        text += _t(", tier %1").replace("%1", reason.tier.value)
    return text + _t(", every %1 days").replace("%1", str(reason.cadence_days))


def overdue_title(total: int, shown: int) -> str:
    if total == shown:
        return _t("Overdue contacts: %1").replace("%1", f"{total:,}")
    return (_t("Overdue contacts: %1 (the first %2 shown)")
            .replace("%1", f"{total:,}").replace("%2", f"{shown:,}"))
