"""The customer's history under the editor: visits, what happened to them, promises and
competitor prices, newest first (services/timeline.py), one line each with its date, what it
is, and its state — an overdue promise or a visit never recorded in red. From here a visit's
summary and the customer's pre-visit brief are printed (ui/visits/printing.py).
"""

from __future__ import annotations

import uuid
from datetime import datetime
from decimal import Decimal
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from PySide6.QtCore import QEvent, QSize, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QIcon, QPainter, QPixmap
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from salesdesk.kit.changes import Changes
from salesdesk.services.timeline_entries import (  # no SQLAlchemy: built at first paint
    PAGE,
    ComplaintEntry,
    Entry,
    PromiseEntry,
    QuoteEntry,
    SendEntry,
    ShipmentEntry,
    Timeline,
    VisitChangeEntry,
    VisitEntry,
)
from salesdesk.ui.complaints import words as complaint_words
from salesdesk.ui.shipments import words as shipment_words
from salesdesk.ui.visits.printing import Output, VisitPrinting

if TYPE_CHECKING:
    from salesdesk.services.container import AppServices
    from salesdesk.ui.errors import ErrorReporter
    from salesdesk.ui.tasks import TaskRunner

ALERT = QColor("#b3261e")  # overdue, missed: the editor's error red
MUTED = QColor("#6e7781")  # closed, cancelled
# A dot per kind of entry (shipment notices and complaints get theirs when they land).
KIND_COLOURS = {VisitEntry: "#2f6feb", VisitChangeEntry: "#8c959f", PromiseEntry: "#bf8700",
                QuoteEntry: "#8250df", ShipmentEntry: "#1a7f37", SendEntry: "#57ab5a",
                ComplaintEntry: "#cf222e"}


def _dot(colour: str) -> QIcon:
    pixmap = QPixmap(12, 12)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setBrush(QBrush(QColor(colour)))
    painter.setPen(Qt.PenStyle.NoPen)
    painter.drawEllipse(1, 1, 10, 10)
    painter.end()
    return QIcon(pixmap)


class CustomerTimeline(QWidget):
    """Shows the history of the customer the editor shows; refreshes itself when visits,
    promises or customers change."""

    loaded = Signal(object)  # the Timeline shown (tests, benchmarks)

    def __init__(self, services: AppServices, runner: TaskRunner, errors: ErrorReporter,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._services = services
        self._runner = runner
        self._errors = errors
        self._customer: uuid.UUID | None = None
        self._limit = PAGE
        self._serial = 0  # of the latest read: an older read's answer is never shown
        self._timeline: Timeline | None = None
        self._icons = {kind: _dot(colour) for kind, colour in KIND_COLOURS.items()}
        self.printing = VisitPrinting(services, runner, errors, self,
                                      on_status=lambda text, _ms: self.status.setText(text))
        self._build()
        self.retranslate()
        self._show(None)
        runner.changes.changed.connect(self._on_changes)

    def _build(self) -> None:
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 4, 0, 0)
        bar = QHBoxLayout()
        self.title = QLabel()
        self.title.setStyleSheet("font-weight: 600;")
        bar.addWidget(self.title, 1)
        self.brief_button = QPushButton()
        self.brief_button.setObjectName("previsitBrief")
        self.print_button = QPushButton()
        self.print_button.setObjectName("printVisitSummary")
        bar.addWidget(self.brief_button)
        bar.addWidget(self.print_button)
        box.addLayout(bar)
        self.list = QListWidget()
        self.list.setObjectName("customerTimeline")
        self.list.setIconSize(QSize(12, 12))
        self.list.setWordWrap(True)
        self.list.setAlternatingRowColors(True)
        box.addWidget(self.list, 1)
        below = QHBoxLayout()
        self.status = QLabel()
        self.status.setObjectName("timelineStatus")
        self.status.setWordWrap(True)
        below.addWidget(self.status, 1)
        self.more_button = QPushButton()
        self.more_button.setObjectName("timelineMore")
        below.addWidget(self.more_button)
        box.addLayout(below)
        # Each offers Print… and Save as PDF… (ui/visits/printing.py).
        self.brief_button.setMenu(self.printing.menu(self, self._brief))
        self.print_button.setMenu(self.printing.menu(self, self._print_visit))
        self.more_button.clicked.connect(self._more)
        self.list.currentItemChanged.connect(lambda *_: self._update_buttons())
        self.list.itemActivated.connect(lambda _item: self._print_visit())

    # --- language ----------------------------------------------------------------------

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
            self._show(self._timeline)
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.title.setText(self.tr("History"))
        self.brief_button.setText(self.tr("Pre-visit brief…"))
        self.brief_button.setToolTip(self.tr(
            "One page to read before the visit: last visits, open promises, prices heard"))
        self.print_button.setText(self.tr("Print visit summary…"))
        self.print_button.setToolTip(self.tr(
            "Print the selected visit's summary, or save it as a PDF"))
        self.more_button.setText(self.tr("Show older"))

    # --- which customer ----------------------------------------------------------------

    def show_customer(self, customer_id: uuid.UUID | None) -> None:
        """Follows the editor: the history of ``customer_id`` (None: a new customer)."""
        if customer_id == self._customer and self._timeline is not None:
            return
        self._customer, self._limit = customer_id, PAGE
        self._timeline = None
        self.status.clear()
        self.reload()

    def customer_id(self) -> uuid.UUID | None:
        return self._customer

    def reload(self) -> None:
        self._serial += 1
        customer, serial, limit = self._customer, self._serial, self._limit
        if customer is None:
            self._show(None)
            return
        timeline = self._services.timeline
        self._runner.run_write(lambda: timeline.read(customer, limit),
                               on_done=lambda t: self._loaded(serial, t),
                               on_error=self._errors.handle)

    def _loaded(self, serial: int, timeline: Timeline) -> None:
        if serial != self._serial:
            return  # another customer (or a newer read) since
        self._timeline = timeline
        self._show(timeline)
        self.loaded.emit(timeline)

    def _more(self) -> None:
        self._limit += PAGE
        self.reload()

    def _on_changes(self, changes: Changes, initiator: object) -> None:
        if self._customer is not None and (changes.visits or changes.promises
                                           or changes.shipments or changes.complaints
                                           or changes.customers
                                           or changes.store):
            self.reload()

    # --- showing -----------------------------------------------------------------------

    def _show(self, timeline: Timeline | None) -> None:
        current = self._selected_id()
        self.list.clear()
        self.brief_button.setEnabled(self._customer is not None)
        self.more_button.setVisible(timeline is not None and timeline.more)
        if timeline is None or not timeline.entries:
            if self._customer is not None and timeline is not None:
                item = QListWidgetItem(
                    self.tr("No visits, promises, competitor prices or complaints yet."))
                item.setFlags(Qt.ItemFlag.NoItemFlags)
                self.list.addItem(item)
            self._update_buttons()
            return
        for entry in timeline.entries:
            item = QListWidgetItem(self._icons.get(type(entry), QIcon()), self._text(entry))
            item.setData(Qt.ItemDataRole.UserRole, entry)
            if self._alert(entry):
                item.setForeground(ALERT)
            elif self._closed(entry):
                item.setForeground(MUTED)
            self.list.addItem(item)
            if entry.id == current:
                self.list.setCurrentItem(item)
        self._update_buttons()

    def entries(self) -> list[Entry]:
        """The entries shown, top to bottom."""
        return [e for i in range(self.list.count())
                if isinstance(e := self.list.item(i).data(Qt.ItemDataRole.UserRole),
                              VisitEntry | VisitChangeEntry | PromiseEntry | QuoteEntry
                              | ShipmentEntry | SendEntry | ComplaintEntry)]

    def _selected_id(self) -> uuid.UUID | None:
        item = self.list.currentItem()
        entry = item.data(Qt.ItemDataRole.UserRole) if item is not None else None
        return getattr(entry, "id", None)

    def _selected_visit(self) -> uuid.UUID | None:
        item = self.list.currentItem()
        entry = item.data(Qt.ItemDataRole.UserRole) if item is not None else None
        if isinstance(entry, VisitEntry) and entry.status != "cancelled":
            return entry.id
        return None

    def _update_buttons(self) -> None:
        self.print_button.setEnabled(self._selected_visit() is not None)

    @staticmethod
    def _alert(entry: Entry) -> bool:
        return ((isinstance(entry, PromiseEntry) and entry.overdue)
                or (isinstance(entry, VisitEntry) and entry.missed)
                or (isinstance(entry, ShipmentEntry) and entry.late)
                or (isinstance(entry, SendEntry) and entry.result in ("failed", "unknown")))

    @staticmethod
    def _closed(entry: Entry) -> bool:
        return ((isinstance(entry, VisitEntry) and entry.status == "cancelled")
                or (isinstance(entry, PromiseEntry) and entry.status == "cancelled")
                or isinstance(entry, VisitChangeEntry))

    # --- words -------------------------------------------------------------------------

    def _zone(self) -> ZoneInfo:
        return ZoneInfo(self._services.settings.time_zone or "Asia/Shanghai")

    def _when(self, moment: datetime | None) -> str:
        return "" if moment is None else f"{moment.astimezone(self._zone()):%Y-%m-%d %H:%M}"

    def _text(self, entry: Entry) -> str:
        """Two lines: date · what it is · its state; then what it says."""
        when = self._when(entry.at)
        if isinstance(entry, VisitEntry):
            head, body = self._visit(entry)
        elif isinstance(entry, VisitChangeEntry):
            head, body = self._visit_change(entry)
        elif isinstance(entry, PromiseEntry):
            head, body = self._promise(entry)
        elif isinstance(entry, ShipmentEntry | SendEntry):
            head, body = shipment_words.timeline_text(entry, self._when)
        elif isinstance(entry, ComplaintEntry):
            head, body = self._complaint(entry)
        else:
            head, body = self._quote(entry)
        return f"{when} · {head}" + (f"\n{body}" if body.strip() else "")

    def _visit(self, v: VisitEntry) -> tuple[str, str]:
        if v.status == "done":
            head = self.tr("Visit · done")
            if v.printed:
                head += " · " + self.tr("summary printed")
            body = v.purpose
            if v.next_step.strip():
                body += "\n" + self.tr("Next step: %1").replace("%1", v.next_step)
            return head, body
        if v.status == "cancelled":
            return (self.tr("Visit · cancelled"),
                    v.purpose + ("\n" + self.tr("Reason: %1").replace("%1", v.reason)
                                 if v.reason.strip() else ""))
        if v.missed:
            return self.tr("Visit · planned, not recorded"), v.purpose
        return self.tr("Visit · planned"), v.purpose

    def _visit_change(self, e: VisitChangeEntry) -> tuple[str, str]:
        reason = ("\n" + self.tr("Reason: %1").replace("%1", e.reason)) if e.reason.strip() else ""
        if e.kind == "rescheduled":
            head = (self.tr("Visit moved from %1 to %2")
                    .replace("%1", self._when(e.previous)).replace("%2", self._when(e.now_at)))
            return head, e.purpose + reason
        return self.tr("Visit of %1 cancelled").replace("%1", self._when(e.now_at)), \
            e.purpose + reason

    def _promise(self, p: PromiseEntry) -> tuple[str, str]:
        due = p.due.isoformat()
        states = {"open": self.tr("open"), "kept": self.tr("kept"),
                  "broken": self.tr("broken"), "cancelled": self.tr("cancelled")}
        state = self.tr("overdue") if p.overdue else states.get(p.status, p.status)
        head = self.tr("Promise · due %1 · %2").replace("%1", due).replace("%2", state)
        body = p.description
        if p.made_to.strip():
            body += " " + self.tr("(to %1)").replace("%1", p.made_to)
        if p.reason.strip() and p.status in ("broken", "cancelled"):
            body += "\n" + self.tr("Reason: %1").replace("%1", p.reason)
        return head, body

    def _complaint(self, c: ComplaintEntry) -> tuple[str, str]:
        head = self.tr("Complaint %1 · %2 · %3").replace("%1", c.reference).replace(
            "%2", complaint_words.category_label(c.category)).replace(
            "%3", complaint_words.status_label(c.status))
        if c.satisfaction is not None:
            head += " · " + self.tr("satisfaction %1/5").replace("%1", str(c.satisfaction))
        return head, c.description

    def _quote(self, q: QuoteEntry) -> tuple[str, str]:
        def price(amount: Decimal | None) -> str:
            if amount is None:
                return "—"
            whole = amount == amount.to_integral_value()
            return f"{amount:,.{0 if whole else 2}f} {q.currency}/{q.unit}"

        head = self.tr("Competitor price · %1").replace("%1", q.competitor)
        body = (self.tr("%1: theirs %2, ours %3").replace("%1", q.product or "—")
                .replace("%2", price(q.their_price)).replace("%3", price(q.our_price)))
        return head, body

    # --- printing ----------------------------------------------------------------------

    def _print_visit(self, output: Output = "printer") -> None:
        visit = self._selected_visit()
        if visit is not None:
            self.printing.print_visit(visit, output)

    def _brief(self, output: Output = "printer") -> None:
        if self._customer is not None:
            self.printing.brief(self._customer, output)
