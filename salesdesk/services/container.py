"""The services the UI talks to, built lazily so start-up imports only what the first paint needs.

The customer list reads through :class:`CustomerBrowser` (plain sqlite3). Everything that writes
goes through SQLAlchemy, imported on first use — normally by a warm-up job the window queues
right after it is shown.
"""

from __future__ import annotations

import gc
from datetime import date, datetime
from functools import cached_property
from typing import TYPE_CHECKING

from salesdesk.paths import Paths
from salesdesk.services.customers.browse import CustomerBrowser
from salesdesk.settings import Settings

if TYPE_CHECKING:
    from zoneinfo import ZoneInfo

    from sqlalchemy import Engine
    from sqlalchemy.orm import sessionmaker

    from salesdesk.db.session import LocalSession
    from salesdesk.secrets import SecretStore
    from salesdesk.services.complaints.clock_settings import ClockSettings
    from salesdesk.services.complaints.documents import ComplaintDocuments
    from salesdesk.services.complaints.service import ComplaintService
    from salesdesk.services.customers.service import CustomerService
    from salesdesk.services.imports.customers import CustomerImporter
    from salesdesk.services.imports.export import CustomerExporter
    from salesdesk.services.imports.orders import OrderImporter
    from salesdesk.services.mail import MailService
    from salesdesk.services.promises import PromiseService
    from salesdesk.services.reminders import ReminderService
    from salesdesk.services.shipments.service import ShipmentService
    from salesdesk.services.sync import SyncService
    from salesdesk.services.timeline import TimelineService
    from salesdesk.services.today import TodayService
    from salesdesk.services.visits.outcomes import OutcomeService
    from salesdesk.services.visits.plans import VisitService
    from salesdesk.services.visits.printing import VisitPrinting


# Everything built on the store's engine: dropped by ``close_writer`` and rebuilt on next use.
_WRITE_SIDE = ("engine", "factory", "customers", "sync", "visits", "visit_outcomes",
               "visit_printing", "promises", "reminders", "timeline", "today", "shipments",
               "mail", "complaints", "complaint_documents")


class AppServices:
    def __init__(self, paths: Paths, settings: Settings) -> None:
        self.paths = paths
        self.settings = settings
        self.browser = CustomerBrowser(paths.store)

    @cached_property
    def engine(self) -> Engine:
        from salesdesk.db.session import create_store_engine

        return create_store_engine(self.paths.store)

    @cached_property
    def factory(self) -> sessionmaker[LocalSession]:
        from salesdesk.db.session import session_factory

        return session_factory(self.engine)

    @cached_property
    def customers(self) -> CustomerService:
        from salesdesk.domain.tiers import Cadence
        from salesdesk.services.customers.service import CustomerService

        s = self.settings
        return CustomerService(
            self.factory, Cadence(s.visit_days_a, s.visit_days_b, s.visit_days_c)
        )

    @cached_property
    def zone(self) -> ZoneInfo:
        """The salesperson's time zone: what "today", "due" and "overdue" mean (domain/due.py)."""
        from salesdesk.domain.due import zone_named

        return zone_named(self.settings.time_zone)

    @cached_property
    def today(self) -> TodayService:
        from salesdesk.services.today import TodayService

        return TodayService(self.visits, self.promises, self.shipments, self.complaints)

    @cached_property
    def visit_outcomes(self) -> OutcomeService:
        from salesdesk.services.visits.outcomes import OutcomeService

        return OutcomeService(self.factory, self.zone)

    @cached_property
    def promises(self) -> PromiseService:
        from salesdesk.services.promises import PromiseService

        return PromiseService(self.factory, self.zone)

    @cached_property
    def shipments(self) -> ShipmentService:
        from salesdesk.services.shipments.service import ShipmentService
        from salesdesk.services.visits.printing import DEFAULT_COMPANY

        def company(language: str) -> str:
            return self.settings.company_name.strip() or DEFAULT_COMPANY[
                "zh_CN" if language == "zh" else "en"]

        return ShipmentService(self.factory, self.zone, company)

    @cached_property
    def complaint_clock(self) -> ClockSettings:
        """The business calendar and policy complaints are timed on (files in the data dir)."""
        from salesdesk.services.complaints.clock_settings import ClockSettings

        return ClockSettings(self.paths.complaint_calendar, self.paths.complaint_policy)

    @cached_property
    def complaints(self) -> ComplaintService:
        from salesdesk.services.complaints.attachments import AttachmentStore
        from salesdesk.services.complaints.service import ComplaintService

        return ComplaintService(self.factory, self.zone, self.complaint_clock,
                                AttachmentStore(self.paths.attachments))

    @cached_property
    def complaint_documents(self) -> ComplaintDocuments:
        from salesdesk.services.complaints.documents import ComplaintDocuments

        return ComplaintDocuments(self.complaints, self.settings)

    @cached_property
    def reminders(self) -> ReminderService:
        from salesdesk.services.reminders import ReminderService

        return ReminderService(self.factory, self.zone, complaints=self.complaints)

    @cached_property
    def visits(self) -> VisitService:
        from salesdesk.domain.tiers import Cadence
        from salesdesk.services.visits.plans import VisitService

        s = self.settings
        return VisitService(
            self.factory, Cadence(s.visit_days_a, s.visit_days_b, s.visit_days_c), self.zone
        )

    @cached_property
    def secrets(self) -> SecretStore:
        from salesdesk.secrets import SecretStore

        return SecretStore()

    @cached_property
    def mail(self) -> MailService:
        from salesdesk.services.mail import MailService
        from salesdesk.services.shipments.mailing import register_results

        register_results()  # a notice's mail settles onto its sends, whoever sends it
        return MailService(self.factory, self.settings, self.secrets, self.save_settings)

    @cached_property
    def sync(self) -> SyncService:
        from salesdesk.services.sync import SyncService

        def pulled() -> None:  # new orders may move customers between tiers
            self.customers.recompute_tiers(datetime.now().date())

        return SyncService(self.engine, self.settings, self.secrets, self.save_settings,
                           on_pulled=pulled, attachments=self.paths.attachments)

    @cached_property
    def timeline(self) -> TimelineService:
        from salesdesk.services.timeline import TimelineService

        return TimelineService(self.factory, self.zone)

    @cached_property
    def visit_printing(self) -> VisitPrinting:
        from salesdesk.services.visits.printing import VisitPrinting

        return VisitPrinting(self.factory, self.settings)

    def customer_importer(self) -> CustomerImporter:
        """For the import dialog. The salesperson column may name only salespeople (HQ assigns
        customers to no one else); a salesperson's imported customers are theirs."""
        from salesdesk.services.imports.customers import CustomerImporter

        people = self.browser.filter_options().assignees
        return CustomerImporter(self.factory, people, current_user=self.browser.current_user())

    def order_importer(self) -> OrderImporter:
        """For the import dialog: orders, then the tiers they lead to."""
        from salesdesk.services.imports.orders import OrderImporter

        return OrderImporter(self.factory, self.customers.tier_rule)

    def customer_exporter(self) -> CustomerExporter:
        """Exports on its own read connection, so a long export never shares the list's."""
        from salesdesk.services.imports.export import CustomerExporter

        return CustomerExporter(self.paths.store)

    def warm_up(self) -> None:
        """Imports and connects the write side; run off the GUI thread after the first paint.

        What is loaded by then lives as long as the process, so the first warm-up moves every
        object alive to the collector's permanent generation (``gc.freeze``): otherwise each
        full collection walks SQLAlchemy's modules and mappers again, a pause of ~50 ms on the
        GUI thread in the middle of typing (measured with benchmarks/customers.py).
        """
        first = "customers" not in self.__dict__
        _ = self.customers
        with self.engine.connect():
            pass
        if first:
            gc.freeze()

    def rebuild_deferred_search(self) -> bool:
        """Rebuilds search documents an unfinished pull left stale; run on the writer after
        :meth:`warm_up` at start. True when there were some, so the list should reload."""
        return self.customers.rebuild_deferred_search()

    def refresh_tiers_if_stale(self, today: date) -> bool:
        """Ranks customers again unless that already happened ``today`` (tiers depend on the
        date: orders leave the trailing window). True when a customer's tier or sales changed,
        so the list should reload. Runs on the writer thread, never before the first paint.
        """
        outcome = self.customers.refresh_tiers_if_stale(today)
        return outcome is not None and outcome.changed > 0

    def save_settings(self) -> None:
        self.settings.save(self.paths.settings)

    def close(self) -> None:
        """Closes every connection to the store (at exit)."""
        self.close_reader()
        self.close_writer()

    def close_reader(self) -> None:
        """Closes the list's read connection; call it on the thread that reads (the GUI's)."""
        self.browser.close()

    def close_writer(self) -> None:
        """Disposes of the write side; call it on the writer thread (before a restore)."""
        if "engine" in self.__dict__:
            self.engine.dispose()
        for name in _WRITE_SIDE:
            self.__dict__.pop(name, None)

    def reopen(self) -> None:
        """Opens a new read connection (after a restore replaced the store file)."""
        self.browser = CustomerBrowser(self.paths.store)
