"""The customer view's shipments line: notices on the road (late ones in red) and the on-time
rate, with "New shipment notice…" for the customer shown.

The customers page adds it with one line (:meth:`ShipmentBadge.attach`); it follows the page's
``detail_loaded`` and refreshes on ``Changes.shipments``. The button asks the window
(``new_requested``) to compose on the Shipments page.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

from salesdesk.kit.changes import Changes
from salesdesk.services.shipments.records import OnTimeRates, View
from salesdesk.ui.shipments.words import rate_text

if TYPE_CHECKING:
    from salesdesk.services.container import AppServices
    from salesdesk.services.customers.records import CustomerDetail
    from salesdesk.ui.customers.page import CustomersPage
    from salesdesk.ui.errors import ErrorReporter
    from salesdesk.ui.tasks import TaskRunner


@dataclass(frozen=True)
class _Summary:
    on_road: int
    late: int
    rates: OnTimeRates


class ShipmentBadge(QWidget):
    loaded = Signal(object)  # _Summary, or None when no customer is shown
    new_requested = Signal(object)  # the customer's uuid

    def __init__(self, services: AppServices, runner: TaskRunner, errors: ErrorReporter,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._services = services
        self._runner = runner
        self._errors = errors
        self._customer: uuid.UUID | None = None
        self._summary: _Summary | None = None
        box = QHBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        self.text = QLabel()
        self.text.setObjectName("customerShipments")
        self.new_button = QPushButton()
        self.new_button.setObjectName("customerNewShipmentNotice")
        box.addWidget(self.text, 1)
        box.addWidget(self.new_button)
        self.new_button.clicked.connect(self._new)
        runner.changes.changed.connect(self._on_changes)
        self.retranslate()
        self.show_customer(None)

    @classmethod
    def attach(cls, page: CustomersPage, services: AppServices, runner: TaskRunner,
               errors: ErrorReporter) -> ShipmentBadge:
        """Puts the line under the customer editor's title, following the customer shown."""
        badge = cls(services, runner, errors, page.editor)

        def follow(detail: CustomerDetail | None) -> None:
            badge.show_customer(None if detail is None else detail.draft.id)

        page.under_title(badge, 2, follow)
        return badge

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.new_button.setText(self.tr("New shipment notice…"))
        self._render()

    def show_customer(self, customer_id: uuid.UUID | None) -> None:
        self._customer = customer_id
        self._summary = None
        self.setVisible(customer_id is not None)
        if customer_id is None:
            self._render()
            self.loaded.emit(None)
            return
        services = self._services

        def job() -> _Summary:
            service = services.shipments
            counts = service.page(View.LATE, customer_id).counts
            return _Summary(counts[View.ON_ROAD], counts[View.LATE], service.on_time(customer_id))

        self._runner.run_write(job, on_done=lambda s: self._loaded(customer_id, s),
                               on_error=self._errors.handle)

    def _loaded(self, customer_id: uuid.UUID, summary: _Summary) -> None:
        if customer_id != self._customer:
            return
        self._summary = summary
        self._render()
        self.loaded.emit(summary)

    def _render(self) -> None:
        s = self._summary
        if s is None:
            self.text.setText("")
            return
        overall = s.rates.overall
        text = (self.tr("Shipments: %1 on the road").replace("%1", str(s.on_road)) + " · "
                + rate_text(overall.arrived, overall.rate_first, overall.rate_latest))
        if s.late:
            text += " · " + self.tr("%1 late").replace("%1", str(s.late))
        self.text.setText(text)
        self.text.setStyleSheet("color: #b3261e;" if s.late else "")

    def _on_changes(self, changes: Changes, initiator: object) -> None:
        if changes.shipments and self._customer is not None:
            self.show_customer(self._customer)

    def _new(self) -> None:
        if self._customer is not None:
            self.new_requested.emit(self._customer)
