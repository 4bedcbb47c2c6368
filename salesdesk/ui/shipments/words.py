"""The Shipments feature's words in the user's language: statuses, channels, results, the five
elements, the ETA countdown."""

from __future__ import annotations

from datetime import datetime, timedelta

from PySide6.QtCore import QCoreApplication

from salesdesk.domain.shipments import Channel, DispatchResult, Element, ShipmentStatus
from salesdesk.ui import messages


def _t(text: str) -> str:
    return QCoreApplication.translate("Shipments", text)


def status_label(status: ShipmentStatus) -> str:
    return {
        ShipmentStatus.DRAFT: _t("Draft"),
        ShipmentStatus.SENT: _t("On the road"),
        ShipmentStatus.ARRIVED: _t("Arrived"),
        ShipmentStatus.CANCELLED: _t("Cancelled"),
    }[status]


def channel_label(channel: Channel) -> str:
    return {
        Channel.EMAIL: _t("Email"),
        Channel.SMS: _t("SMS / WeChat"),
        Channel.PDF: _t("PDF (print, fax)"),
        Channel.COPY: _t("Copied text"),
    }[channel]


def result_label(result: DispatchResult) -> str:
    return {
        DispatchResult.QUEUED: _t("queued"),
        DispatchResult.SENT: _t("sent"),
        DispatchResult.FAILED: _t("failed"),
        DispatchResult.UNKNOWN: _t("outcome unknown"),
    }[result]


def element_label(element: Element) -> str:
    return messages.field_label(str(element))


def _span(delta: timedelta) -> str:
    minutes = int(delta.total_seconds() // 60)
    days, rest = divmod(minutes, 24 * 60)
    hours, minutes = divmod(rest, 60)
    if days:
        return _t("%1 d %2 h").replace("%1", str(days)).replace("%2", str(hours))
    if hours:
        return _t("%1 h %2 min").replace("%1", str(hours)).replace("%2", str(minutes))
    return _t("%1 min").replace("%1", str(minutes))


def countdown(eta: datetime | None, now: datetime) -> str:
    """"in 5 h 20 min" before the ETA, "late 2 h" after it."""
    if eta is None:
        return ""
    if eta >= now:
        return _t("in %1").replace("%1", _span(eta - now))
    return _t("late %1").replace("%1", _span(now - eta))


def rate_text(arrived: int, rate_first: float | None, rate_latest: float | None) -> str:
    """"On time 80% against the first ETA, 90% against the latest (10 arrived)"."""
    if not arrived:
        return _t("On time: no arrivals yet")
    return (
        _t("On time %1 against the first ETA, %2 against the latest (%3 arrived)")
        .replace("%1", f"{rate_first or 0:.0%}")
        .replace("%2", f"{rate_latest or 0:.0%}")
        .replace("%3", str(arrived))
    )
