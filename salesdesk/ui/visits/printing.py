"""Printed visit documents in the window: the summary of one visit, all of today's visits in
one document, and a customer's pre-visit brief — each printed through Qt's print dialog
(Print…) or saved as a PDF the user chooses (Save as PDF…).

The documents are ReportLab's PDFs (``documents/``), rendered off the GUI thread (``run_io``).
Printing renders the PDF into a temporary file and, in the same job, paints its pages on the
printer the user chose (``ui/printing.py``: rasterised with PDFium, progress per page, cancel
aborts the printer's job). Printing and today's PDF show a progress dialog that cancels.
:class:`VisitPrintActions` holds the window's actions (File menu); :meth:`VisitPrinting.menu`
the Print… / Save as PDF… choice under a button.
"""

from __future__ import annotations

import tempfile
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication, QFileDialog, QMenu, QProgressDialog, QWidget

from salesdesk.documents.layout import Language
from salesdesk.domain.clock import utcnow
from salesdesk.domain.due import local_date
from salesdesk.kit.jobs import Cancelled, JobState
from salesdesk.ui.printing import choose_printer, print_pdf, printer_name

if TYPE_CHECKING:
    from PySide6.QtPrintSupport import QPrinter

    from salesdesk.services.container import AppServices
    from salesdesk.services.visits.printing import Printed
    from salesdesk.ui.errors import ErrorReporter
    from salesdesk.ui.tasks import TaskRunner

Status = Callable[[str, int], None]  # a passing message: text, milliseconds
Output = Literal["printer", "pdf"]  # Print… (the print dialog) or Save as PDF…
Render = Callable[[Path, JobState], "Printed"]  # writes the document, on the job's thread


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


@dataclass(frozen=True)
class SentToPrinter:
    """A document printed: on which printer (or file), how many pages, the visits in it."""

    printer: str
    pages: int
    visit_ids: tuple[uuid.UUID, ...] = ()


class _Worded(JobState):
    """One stage of a job, seen through the job's own state: cancel is the job's, and each
    progress report is worded for the progress dialog by ``words(done, total, message)``."""

    def __init__(self, job: JobState, words: Callable[[int, int, str], str]) -> None:
        super().__init__()
        self._job = job
        self._words = words

    def progress(self, done: int, total: int, message: str = "") -> None:
        self._job.progress(done, total, self._words(done, total, message))

    def cancel(self) -> None:
        self._job.cancel()

    @contextmanager
    def stopping(self, stop: Callable[[], None]) -> Iterator[None]:
        with self._job.stopping(stop):
            yield

    @property
    def cancelled(self) -> bool:
        return self._job.cancelled

    def check(self) -> None:
        self._job.check()


class VisitPrinting(QObject):
    """Runs the printing jobs for one window; ``finished`` carries each ``Printed`` (a PDF
    saved) or :class:`SentToPrinter`."""

    finished = Signal(object)  # Printed | SentToPrinter

    def __init__(self, services: AppServices, runner: TaskRunner, errors: ErrorReporter,
                 parent: QWidget, on_status: Status) -> None:
        super().__init__(parent)
        self._services = services
        self._runner = runner
        self._errors = errors
        self._parent = parent
        self._status = on_status
        self.progress: QProgressDialog | None = None  # while a printing job runs

    # --- the user's commands ---------------------------------------------------------------

    def _choose(self, title: str, name: str) -> Path | None:
        return choose_pdf(self._parent, self._services, title, name, self.tr("PDF (*.pdf)"))

    def _ask(self, output: Output, title: str, name: str, on_printer: Callable[[QPrinter], None],
             to_file: Callable[[Path], None]) -> None:
        """The print dialog (then ``on_printer``) or where to save ``name`` (then ``to_file``);
        nothing if the user cancels."""
        if output == "printer":
            printer = self.choose_printer(title)
            if printer is not None:
                on_printer(printer)
        else:
            target = self._choose(title, name)
            if target is not None:
                to_file(target)

    def choose_printer(self, title: str) -> QPrinter | None:
        """Qt's print dialog; the printer as the user set it up, or None if they cancel."""
        return choose_printer(self._parent, title)

    def print_visit(self, visit_id: uuid.UUID, output: Output = "printer") -> None:
        """"Print visit summary…": prints it, or saves the PDF; records that it was printed."""
        day = _today(self._services).isoformat()
        self._ask(output, self.tr("Print visit summary"),
                  self.tr("Visit summary %1.pdf").replace("%1", day),
                  lambda printer: self.print_visit_on(visit_id, printer),
                  lambda target: self.print_visit_to(visit_id, target))

    def print_visit_to(self, visit_id: uuid.UUID, target: Path) -> None:
        printing, language = self._services.visit_printing, print_language()
        self._runner.run_io(lambda: printing.render_visit(visit_id, target, language=language),
                            on_done=self._printed, on_error=self._failed)

    def print_visit_on(self, visit_id: uuid.UUID, printer: QPrinter) -> None:
        printing, language = self._services.visit_printing, print_language()
        self._on_printer(printer, self.tr("Printing the visit summary…"),
                         lambda out, _state: printing.render_visit(visit_id, out,
                                                                   language=language))

    def print_today(self, output: Output = "printer") -> None:
        """"Print today's visits…": every visit planned or done today, in one document."""
        day = _today(self._services)
        self._ask(output, self.tr("Print today's visits"),
                  self.tr("Visits %1.pdf").replace("%1", day.isoformat()),
                  lambda printer: self.print_day_on(day, printer),
                  lambda target: self.print_day_to(day, target))

    def _render_day(self, day: date) -> Render:
        printing, language = self._services.visit_printing, print_language()

        def words(done: int, total: int, customer: str) -> str:
            if not customer:
                return ""
            return (self.tr("Printing %1 of %2: %3").replace("%1", str(done + 1))
                    .replace("%2", str(total)).replace("%3", customer))

        def render(target: Path, state: JobState) -> Printed:
            return printing.render_day(day, target, _Worded(state, words), language=language)

        return render

    def print_day_to(self, day: date, target: Path) -> None:
        render = self._render_day(day)
        self._with_progress(self.tr("Printing today's visits…"),
                            lambda state: render(target, state), self._printed)

    def print_day_on(self, day: date, printer: QPrinter) -> None:
        self._on_printer(printer, self.tr("Printing today's visits…"), self._render_day(day))

    def brief(self, customer_id: uuid.UUID, output: Output = "printer") -> None:
        """"Pre-visit brief…" of a customer: prints the one page, or saves it as a PDF."""
        day = _today(self._services).isoformat()
        self._ask(output, self.tr("Pre-visit brief"),
                  self.tr("Pre-visit brief %1.pdf").replace("%1", day),
                  lambda printer: self.brief_on(customer_id, printer),
                  lambda target: self.brief_to(customer_id, target))

    def brief_to(self, customer_id: uuid.UUID, target: Path) -> None:
        printing, language = self._services.visit_printing, print_language()
        self._runner.run_io(lambda: printing.render_brief(customer_id, target, language=language),
                            on_done=self._printed, on_error=self._failed)

    def brief_on(self, customer_id: uuid.UUID, printer: QPrinter) -> None:
        printing, language = self._services.visit_printing, print_language()
        self._on_printer(printer, self.tr("Printing the pre-visit brief…"),
                         lambda out, _state: printing.render_brief(customer_id, out,
                                                                   language=language))

    def document(self, output: Output, title: str, name: str, label: str,
                 render: Callable[[Path], Printed]) -> None:
        """Any other printed document (a complaint's receipt or resolution letter): through the
        print dialog (``label`` on the progress dialog) or saved where the user chooses."""
        self._ask(output, title, name,
                  lambda printer: self._on_printer(printer, label,
                                                   lambda out, _state: render(out)),
                  lambda target: self.document_to(target, render))

    def document_to(self, target: Path, render: Callable[[Path], Printed]) -> None:
        self._runner.run_io(lambda: render(target), on_done=self._printed, on_error=self._failed)

    def menu(self, parent: QWidget, chosen: Callable[[Output], None]) -> QMenu:
        """The Print… / Save as PDF… choice under a button; ``chosen`` gets the output."""
        menu = QMenu(parent)
        to_printer = menu.addAction("")
        to_printer.setObjectName("printToPrinter")
        to_printer.triggered.connect(lambda _=False: chosen("printer"))
        to_pdf = menu.addAction("")
        to_pdf.setObjectName("printToPdf")
        to_pdf.triggered.connect(lambda _=False: chosen("pdf"))

        def retranslate() -> None:
            to_printer.setText(self.tr("Print…"))
            to_pdf.setText(self.tr("Save as PDF…"))

        retranslate()
        _Retranslator(parent, retranslate)
        return menu

    # --- running -----------------------------------------------------------------------

    def _on_printer(self, printer: QPrinter, label: str, render: Render) -> None:
        """Renders the document into a temporary PDF and prints its pages on ``printer``, in
        one job with one progress dialog."""

        def pages(done: int, total: int, _message: str) -> str:
            return (self.tr("Printing page %1 of %2").replace("%1", str(min(done + 1, total)))
                    .replace("%2", str(total)))

        def job(state: JobState) -> SentToPrinter:
            with tempfile.TemporaryDirectory(prefix="salesdesk-print-") as folder:
                printed = render(Path(folder) / "document.pdf", state)
                count = print_pdf(printed.path, printer, _Worded(state, pages))
            return SentToPrinter(printer_name(printer), count, printed.visit_ids)

        self._with_progress(label, job, self._sent)

    def _with_progress(self, label: str, job: Callable[[JobState], object],
                       on_done: Callable[[object], None]) -> None:
        progress = QProgressDialog(label, self.tr("Cancel"), 0, 0, self._parent)
        progress.setObjectName("printProgress")
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        progress.setMinimumDuration(300)
        self.progress = progress

        def on_progress(done: int, total: int, message: str) -> None:
            progress.setMaximum(max(total, 1))
            progress.setValue(done)
            if message:
                progress.setLabelText(message)

        def over() -> None:
            progress.reset()
            self.progress = None

        def done(result: object) -> None:
            over()
            on_done(result)

        def failed(exc: BaseException) -> None:
            over()
            self._failed(exc)

        handle = self._runner.run_io(job, with_state=True, on_progress=on_progress,
                                     on_done=done, on_error=failed)
        progress.canceled.connect(handle.cancel)

    # --- outcomes ----------------------------------------------------------------------

    def _printed(self, printed: object) -> None:
        from salesdesk.services.visits.printing import Printed

        assert isinstance(printed, Printed)
        self._status(self.tr("Saved %1").replace("%1", str(printed.path)), 10000)
        self._record(printed.visit_ids)
        self.finished.emit(printed)

    def _sent(self, sent: object) -> None:
        assert isinstance(sent, SentToPrinter)
        self._status(self.tr("Printed %1 page(s) on %2").replace("%1", str(sent.pages))
                     .replace("%2", sent.printer), 10000)
        self._record(sent.visit_ids)
        self.finished.emit(sent)

    def _record(self, visit_ids: tuple[uuid.UUID, ...]) -> None:
        if visit_ids:  # recorded on the writer; the timeline shows it
            printing = self._services.visit_printing
            self._runner.run_write(lambda: printing.mark_printed(visit_ids),
                                   on_error=self._errors.handle, initiator=self)

    def _failed(self, exc: BaseException) -> None:
        if isinstance(exc, Cancelled):
            self._status(self.tr("Printing cancelled; nothing was printed or saved."), 8000)
        else:
            self._errors.handle(exc)  # known errors are worded in ui/messages.py


class _Retranslator(QObject):
    """Calls ``retranslate`` when ``widget``'s language changes."""

    def __init__(self, widget: QWidget, retranslate: Callable[[], None]) -> None:
        super().__init__(widget)
        self._retranslate = retranslate
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        return False


class VisitPrintActions(QObject):
    """The window's printing actions: File > Print today's visits… (the print dialog) and
    Save today's visits as PDF…"""

    def __init__(self, printing: VisitPrinting, window: QWidget) -> None:
        super().__init__(window)
        self.printing = printing
        self.print_today = QAction(window)
        self.print_today.setObjectName("printTodayAction")
        self.print_today.triggered.connect(lambda _=False: printing.print_today("printer"))
        self.save_today = QAction(window)
        self.save_today.setObjectName("saveTodayPdfAction")
        self.save_today.triggered.connect(lambda _=False: printing.print_today("pdf"))
        window.installEventFilter(self)  # follows the window's language
        self.retranslate()

    def actions(self) -> list[QAction]:
        return [self.print_today, self.save_today]

    def retranslate(self) -> None:
        self.print_today.setText(self.tr("&Print today's visits…"))
        self.print_today.setToolTip(self.tr("Print the summaries of today's visits"))
        self.save_today.setText(self.tr("Save today's visits as PDF…"))
        self.save_today.setToolTip(self.tr("Save the summaries of today's visits as one PDF"))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        return False
