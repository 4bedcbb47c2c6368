"""Printed visit documents in the window: the summary of one visit, all of today's visits in
one PDF, and a customer's pre-visit brief — each saved as a PDF the user chooses, rendered off
the GUI thread (``run_io``), today's with a progress dialog that can cancel.

The PDFs are ReportLab's (``documents/``). Sending them to a printer from Qt needs a PDF
rasteriser (``PySide6.QtPdf``), which PySide6-Essentials — what the installer bundles — does
not have; so the user prints the saved PDF from their PDF viewer, which keeps the embedded
fonts exactly. :class:`VisitPrintActions` holds the window's actions (File menu).
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication, QFileDialog, QProgressDialog, QWidget

from salesdesk.documents.layout import Language
from salesdesk.domain.clock import utcnow
from salesdesk.domain.due import local_date
from salesdesk.kit.jobs import Cancelled

if TYPE_CHECKING:
    from salesdesk.kit.jobs import JobState
    from salesdesk.services.container import AppServices
    from salesdesk.services.visits.printing import Printed
    from salesdesk.ui.errors import ErrorReporter
    from salesdesk.ui.tasks import TaskRunner

Status = Callable[[str, int], None]  # a passing message: text, milliseconds


def print_language() -> Language:
    """Printouts are in the language the window shows."""
    app = QApplication.instance()
    return "en" if app is not None and app.property("salesdesk_language") == "en" else "zh_CN"


def choose_pdf(parent: QWidget, services: AppServices, title: str, name: str,
               kinds: str) -> Path | None:
    """Asks where to save a PDF (in the folder used last); None if the user cancels."""
    settings = services.settings
    start = Path(settings.last_export_dir or Path.home()) / name
    chosen, _ = QFileDialog.getSaveFileName(parent, title, str(start), kinds)
    if not chosen:
        return None
    target = Path(chosen)
    if target.suffix.lower() != ".pdf":
        target = target.with_suffix(".pdf")
    settings.last_export_dir = str(target.parent)
    return target


def _today(services: AppServices) -> date:
    return local_date(utcnow(), services.visit_printing.zone)


class VisitPrinting(QObject):
    """Runs the printing jobs for one window; ``finished`` carries each ``Printed``."""

    finished = Signal(object)  # Printed

    def __init__(self, services: AppServices, runner: TaskRunner, errors: ErrorReporter,
                 parent: QWidget, on_status: Status) -> None:
        super().__init__(parent)
        self._services = services
        self._runner = runner
        self._errors = errors
        self._parent = parent
        self._status = on_status
        self.progress: QProgressDialog | None = None  # while today's visits are rendered

    # --- the user's commands ---------------------------------------------------------------

    def _choose(self, title: str, name: str) -> Path | None:
        return choose_pdf(self._parent, self._services, title, name, self.tr("PDF (*.pdf)"))

    def print_visit(self, visit_id: uuid.UUID) -> None:
        """"Print visit summary…": asks where, saves the PDF, records that it was printed."""
        day = _today(self._services).isoformat()
        target = self._choose(self.tr("Print visit summary"),
                              self.tr("Visit summary %1.pdf").replace("%1", day))
        if target is not None:
            self.print_visit_to(visit_id, target)

    def print_visit_to(self, visit_id: uuid.UUID, target: Path) -> None:
        printing, language = self._services.visit_printing, print_language()
        self._runner.run_io(lambda: printing.render_visit(visit_id, target, language=language),
                            on_done=self._printed, on_error=self._failed)

    def print_today(self) -> None:
        """"Print today's visits…": one PDF of every visit planned or done today."""
        day = _today(self._services)
        target = self._choose(self.tr("Print today's visits"),
                              self.tr("Visits %1.pdf").replace("%1", day.isoformat()))
        if target is not None:
            self.print_day_to(day, target)

    def print_day_to(self, day: date, target: Path) -> None:
        printing, language = self._services.visit_printing, print_language()
        progress = QProgressDialog(self.tr("Printing today's visits…"), self.tr("Cancel"), 0, 0,
                                   self._parent)
        progress.setObjectName("printDayProgress")
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        progress.setMinimumDuration(300)
        self.progress = progress

        def job(state: JobState) -> Printed:
            return printing.render_day(day, target, state, language=language)

        def on_progress(done: int, total: int, customer: str) -> None:
            progress.setMaximum(max(total, 1))
            progress.setValue(done)
            if customer:
                progress.setLabelText(self.tr("Printing %1 of %2: %3").replace("%1", str(done + 1))
                                      .replace("%2", str(total)).replace("%3", customer))

        def over() -> None:
            progress.reset()
            self.progress = None

        def done(printed: Printed) -> None:
            over()
            self._printed(printed)

        def failed(exc: BaseException) -> None:
            over()
            self._failed(exc)

        handle = self._runner.run_io(job, with_state=True, on_progress=on_progress,
                                     on_done=done, on_error=failed)
        progress.canceled.connect(handle.cancel)

    def brief(self, customer_id: uuid.UUID) -> None:
        """"Pre-visit brief…" of a customer: asks where, saves the one-page PDF."""
        day = _today(self._services).isoformat()
        target = self._choose(self.tr("Pre-visit brief"),
                              self.tr("Pre-visit brief %1.pdf").replace("%1", day))
        if target is not None:
            self.brief_to(customer_id, target)

    def brief_to(self, customer_id: uuid.UUID, target: Path) -> None:
        printing, language = self._services.visit_printing, print_language()
        self._runner.run_io(lambda: printing.render_brief(customer_id, target, language=language),
                            on_done=self._printed, on_error=self._failed)

    # --- outcomes ----------------------------------------------------------------------

    def _printed(self, printed: Printed) -> None:
        self._status(self.tr("Saved %1").replace("%1", str(printed.path)), 10000)
        if printed.visit_ids:  # recorded on the writer; the timeline shows it
            printing = self._services.visit_printing
            self._runner.run_write(lambda: printing.mark_printed(printed.visit_ids),
                                   on_error=self._errors.handle, initiator=self)
        self.finished.emit(printed)

    def _failed(self, exc: BaseException) -> None:
        if isinstance(exc, Cancelled):
            self._status(self.tr("Printing cancelled; no file was written."), 8000)
        else:
            self._errors.handle(exc)  # known errors (visits.*) are worded in ui/messages.py


class VisitPrintActions(QObject):
    """The window's printing actions: File > Print today's visits…"""

    def __init__(self, printing: VisitPrinting, window: QWidget) -> None:
        super().__init__(window)
        self.printing = printing
        self.print_today = QAction(window)
        self.print_today.setObjectName("printTodayAction")
        self.print_today.triggered.connect(lambda _=False: printing.print_today())
        window.installEventFilter(self)  # follows the window's language
        self.retranslate()

    def actions(self) -> list[QAction]:
        return [self.print_today]

    def retranslate(self) -> None:
        self.print_today.setText(self.tr("&Print today's visits…"))
        self.print_today.setToolTip(self.tr("Save the summaries of today's visits as one PDF"))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        return False
