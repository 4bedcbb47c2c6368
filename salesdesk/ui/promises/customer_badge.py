"""The customer view's promise line: open promises (overdue ones in red) and the kept-rate
this year, with "New promise…" for the customer shown.

The customers page adds it with one line (:meth:`PromiseBadge.attach`); the badge follows the
page's ``detail_loaded`` and refreshes on ``Changes.promises``.
"""

from __future__ import annotations

import uuid
from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

from salesdesk.kit.changes import Changes
from salesdesk.ui.promises.dialogs import NewPromiseDialog, contacts_reader, run_dialog

if TYPE_CHECKING:
    from salesdesk.services.container import AppServices
    from salesdesk.services.customers.records import CustomerDetail
    from salesdesk.services.promises import CustomerPromises
    from salesdesk.ui.customers.page import CustomersPage
    from salesdesk.ui.errors import ErrorReporter
    from salesdesk.ui.tasks import TaskRunner


class PromiseBadge(QWidget):
    loaded = Signal(object)  # CustomerPromises, or None when no customer is shown

    def __init__(self, services: AppServices, runner: TaskRunner, errors: ErrorReporter,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._services = services
        self._runner = runner
        self._errors = errors
        self._customer: uuid.UUID | None = None
        self._name = ""
        self._summary: CustomerPromises | None = None
        self.dialog: NewPromiseDialog | None = None
        box = QHBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        self.text = QLabel()
        self.text.setObjectName("customerPromises")
        self.new_button = QPushButton()
        self.new_button.setObjectName("customerNewPromise")
        box.addWidget(self.text, 1)
        box.addWidget(self.new_button)
        self.new_button.clicked.connect(self.new_promise)
        runner.changes.changed.connect(self._on_changes)
        self.retranslate()
        self.show_customer(None)

    @classmethod
    def attach(cls, page: CustomersPage, services: AppServices, runner: TaskRunner,
               errors: ErrorReporter) -> PromiseBadge:
        """Puts a badge under the customer editor's title, following the customer shown."""
        badge = cls(services, runner, errors, page.editor)

        def follow(detail: CustomerDetail | None) -> None:
            if detail is None:
                badge.show_customer(None)
            else:
                badge.show_customer(detail.draft.id, detail.draft.name)

        page.under_title(badge, 1, follow)
        return badge

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.new_button.setText(self.tr("New promise…"))
        self._render()

    def show_customer(self, customer_id: uuid.UUID | None, name: str = "") -> None:
        self._customer = customer_id
        self._name = name
        self._summary = None
        self.setVisible(customer_id is not None)
        self.new_button.setEnabled(customer_id is not None)
        if customer_id is None:
            self._render()
            self.loaded.emit(None)
            return
        service = self._services.promises

        def job() -> CustomerPromises:
            from salesdesk.services.promises import PeriodKind, period_of  # on the writer

            return service.for_customer(customer_id,
                                        *period_of(PeriodKind.YEAR, service.today()))

        self._runner.run_write(job, on_done=lambda s: self._loaded(customer_id, s),
                               on_error=self._errors.handle)

    def _loaded(self, customer_id: uuid.UUID, summary: CustomerPromises) -> None:
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
        rate = "—" if s.rate.rate is None else f"{s.rate.rate:.0%}"
        text = (self.tr("Promises: %1 open · kept this year %2 (%3 kept, %4 broken)")
                .replace("%1", str(s.open)).replace("%2", rate)
                .replace("%3", str(s.rate.kept)).replace("%4", str(s.rate.broken)))
        if s.overdue:
            text += " · " + self.tr("%1 overdue").replace("%1", str(s.overdue))
        self.text.setText(text)
        self.text.setStyleSheet("color: #b3261e;" if s.overdue else "")

    def _on_changes(self, changes: Changes, initiator: object) -> None:
        if changes.promises and self._customer is not None:
            self.show_customer(self._customer, self._name)

    def new_promise(self) -> None:
        """A promise to the customer shown (the Promises page lists it too)."""
        customer = self._customer
        if customer is None:
            return
        service = self._services.promises
        reader = contacts_reader(self._runner, self._errors, service)

        def opened(today: date) -> None:
            dialog = NewPromiseDialog(self.window(), [(customer, self._name)], reader, today,
                                      customer)
            self.dialog = dialog
            run_dialog(self._runner, self._errors, dialog, service.make)

        self._runner.run_write(service.today, on_done=opened, on_error=self._errors.handle)
