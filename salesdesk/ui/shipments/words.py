"""The Shipments feature's words in the user's language: statuses, channels, results, the five
elements, the ETA countdown."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta

from PySide6.QtCore import QCoreApplication

from salesdesk.domain.shipments import Channel, DispatchResult, Element, ShipmentStatus
from salesdesk.services.timeline_entries import SendEntry, ShipmentEntry
from salesdesk.ui import messages


def status_label(status: ShipmentStatus) -> str:
    return {
        ShipmentStatus.DRAFT: QCoreApplication.translate("Shipments", "Draft"),
        ShipmentStatus.SENT: QCoreApplication.translate("Shipments", "On the road"),
        ShipmentStatus.ARRIVED: QCoreApplication.translate("Shipments", "Arrived"),
        ShipmentStatus.CANCELLED: QCoreApplication.translate("Shipments", "Cancelled"),
    }[status]


def channel_label(channel: Channel) -> str:
    return {
        Channel.EMAIL: QCoreApplication.translate("Shipments", "Email"),
        Channel.SMS: QCoreApplication.translate("Shipments", "SMS / WeChat"),
        Channel.PDF: QCoreApplication.translate("Shipments", "PDF (print, fax)"),
        Channel.COPY: QCoreApplication.translate("Shipments", "Copied text"),
    }[channel]


def result_label(result: DispatchResult) -> str:
    return {
        DispatchResult.QUEUED: QCoreApplication.translate("Shipments", "queued"),
        DispatchResult.SENT: QCoreApplication.translate("Shipments", "sent"),
        DispatchResult.FAILED: QCoreApplication.translate("Shipments", "failed"),
        DispatchResult.UNKNOWN: QCoreApplication.translate("Shipments", "outcome unknown"),
    }[result]


def element_label(element: Element) -> str:
    return messages.field_label(str(element))


def _span(delta: timedelta) -> str:
    minutes = int(delta.total_seconds() // 60)
    days, rest = divmod(minutes, 24 * 60)
    hours, minutes = divmod(rest, 60)
    if days:
        return (QCoreApplication.translate("Shipments", "%1 d %2 h")
                .replace("%1", str(days)).replace("%2", str(hours)))
    if hours:
        return (QCoreApplication.translate("Shipments", "%1 h %2 min")
                .replace("%1", str(hours)).replace("%2", str(minutes)))
    return QCoreApplication.translate("Shipments", "%1 min").replace("%1", str(minutes))


def countdown(eta: datetime | None, now: datetime) -> str:
    """"in 5 h 20 min" before the ETA, "late 2 h" after it."""
    if eta is None:
        return ""
    if eta >= now:
        return QCoreApplication.translate("Shipments", "in %1").replace("%1", _span(eta - now))
    return QCoreApplication.translate("Shipments", "late %1").replace("%1", _span(now - eta))


def rate_text(arrived: int, rate_first: float | None, rate_latest: float | None) -> str:
    """"On time 80% against the first ETA, 90% against the latest (10 arrived)"."""
    if not arrived:
        return QCoreApplication.translate("Shipments", "On time: no arrivals yet")
    return (
        QCoreApplication.translate(
            "Shipments", "On time %1 against the first ETA, %2 against the latest (%3 arrived)")
        .replace("%1", f"{rate_first or 0:.0%}")
        .replace("%2", f"{rate_latest or 0:.0%}")
        .replace("%3", str(arrived))
    )


def timeline_text(entry: ShipmentEntry | SendEntry, when: Callable[[datetime | None], str]
                  ) -> tuple[str, str]:
    """The customer timeline's two lines for a notice or a send of it."""
    if isinstance(entry, ShipmentEntry):
        head = (QCoreApplication.translate("Shipments", "Shipment notice %1 · %2")
                .replace("%1", entry.notice_no)
                .replace("%2", status_label(ShipmentStatus(entry.status))))
        if entry.late:
            head += " · " + QCoreApplication.translate("Shipments", "late")
        body = (QCoreApplication.translate("Shipments", "Truck %1 · ETA %2")
                .replace("%1", entry.truck_plate or "—").replace("%2", when(entry.eta)))
        if entry.arrived_at is not None:
            body += " · " + QCoreApplication.translate("Shipments", "arrived %1").replace(
                "%1", when(entry.arrived_at))
        return head, body
    head = (QCoreApplication.translate("Shipments", "Notice %1 sent · %2 · %3")
            .replace("%1", entry.notice_no).replace("%2", channel_label(Channel(entry.channel)))
            .replace("%3", result_label(DispatchResult(entry.result))))
    if entry.is_update:
        head += " · " + QCoreApplication.translate("Shipments", "update with apology")
    body = entry.recipient
    if entry.detail.strip():
        body += ("\n" if body else "") + entry.detail
    return head, body
