"""Printing a PDF on a printer the user chose in Qt's print dialog.

SalesDesk's documents are PDFs (``documents/``, ReportLab). PySide6-Essentials, what the
installer bundles, has no ``QtPdf``, so a PDF reaches a :class:`QPrinter` as pictures: each page
is rasterised with PDFium (``pypdfium2``) at the printer's resolution (at most
:data:`MAX_DPI`) and painted with :class:`QPainter` into the printable area, scaled to fit with
its aspect ratio kept. Any feature that prints a document uses :func:`choose_printer` on the GUI
thread and :func:`print_pdf` inside its background job (Qt paints on a ``QPrinter`` from any
thread; PDFium is not thread-safe, so one document is rasterised at a time in the process).
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QRectF, QSizeF, Qt
from PySide6.QtGui import QImage, QPageSize, QPainter
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QDialog, QWidget

from salesdesk.kit.errors import KnownError

if TYPE_CHECKING:
    from salesdesk.kit.jobs import JobState

# A printed page is rasterised at the printer's resolution up to this. Measured on an A4 visit
# summary: PDFium rasterises it in 54 ms at 300 dpi and 257 ms at 600, and Qt then spends about
# 250 ms at 300 dpi (over 1 s at 600, a 35 MB picture) handing the picture to the printing
# system; 300 dpi is print quality for text at a third of a second a page.
MAX_DPI = 300

_PDFIUM = threading.Lock()  # PDFium keeps global state: one caller at a time


class PrinterError(KnownError):
    """The printer refused to start the job (gone, switched off, or its output file cannot be
    written). ``params``: ``printer`` (its name, or the file printed to)."""

    code = "printing.printer"


def new_printer() -> QPrinter:
    """A printer at its full resolution, on A4 paper unless the user picks another."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    return printer


def choose_printer(parent: QWidget, title: str) -> QPrinter | None:
    """Shows Qt's print dialog; the printer set up as the user chose, or None if cancelled."""
    printer = new_printer()
    dialog = QPrintDialog(printer, parent)
    dialog.setObjectName("printDialog")
    dialog.setWindowTitle(title)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return printer


def printer_name(printer: QPrinter) -> str:
    """What the user knows the printer as: its name, or the file it prints to."""
    if printer.outputFormat() == QPrinter.OutputFormat.PdfFormat:
        return printer.outputFileName() or printer.printerName()
    return printer.printerName()


def _pages(printer: QPrinter, count: int) -> list[int]:
    """The 0-based pages to print: the range chosen in the dialog (clipped), else all, repeated
    for each copy when the printing system cannot make copies itself."""
    first, last = 0, count - 1
    if printer.printRange() == QPrinter.PrintRange.PageRange and printer.fromPage() > 0:
        first = printer.fromPage() - 1
        last = min(last, (printer.toPage() or count) - 1)
    pages = list(range(first, last + 1))
    copies = 1 if printer.supportsMultipleCopies() else max(printer.copyCount(), 1)
    return pages * copies


def print_pdf(pdf: Path, printer: QPrinter, state: JobState) -> int:
    """Prints every page of ``pdf`` on ``printer`` (on the job's thread); progress per page
    (``done`` of ``total``), cancel between pages, which aborts the printer's job. Returns the
    number of pages printed; :class:`PrinterError` if the printer does not start."""
    import pypdfium2 as pdfium

    with _PDFIUM:
        document = pdfium.PdfDocument(str(pdf))
        try:
            pages = _pages(printer, len(document))
            state.progress(0, len(pages))
            state.check()
            painter = QPainter()
            if not painter.begin(printer):
                raise PrinterError(f"QPainter.begin failed on {printer_name(printer)!r}",
                                   printer=printer_name(printer))
            try:
                for done, index in enumerate(pages):
                    state.check()
                    if done and not printer.newPage():
                        raise PrinterError(f"QPrinter.newPage failed on "
                                           f"{printer_name(printer)!r}",
                                           printer=printer_name(printer))
                    _paint(painter, printer, document[index])
                    state.progress(done + 1, len(pages))
            except BaseException:
                printer.abort()
                painter.end()
                raise
            painter.end()
            return len(pages)
        finally:
            document.close()


def _paint(painter: QPainter, printer: QPrinter, page: object) -> None:
    """One PDF page, rasterised for the area it will fill, painted in the printable area."""
    import pypdfium2 as pdfium

    assert isinstance(page, pdfium.PdfPage)
    area = QRectF(printer.pageLayout().paintRectPixels(printer.resolution()))
    area.moveTo(0, 0)  # the painter's origin is the printable area's corner
    width, height = page.get_size()  # points
    fitted = QSizeF(width, height).scaled(area.size(), Qt.AspectRatioMode.KeepAspectRatio)
    target = QRectF(area.topLeft(), fitted)
    target.moveCenter(area.center())
    # Pixels per point: the printer's own, unless that exceeds MAX_DPI.
    scale = min(fitted.width() / width, MAX_DPI / 72)
    grey = printer.colorMode() == QPrinter.ColorMode.GrayScale
    bitmap = page.render(scale=scale, grayscale=grey, prefer_bgrx=not grey,
                         optimize_mode="print", draw_annots=True)
    try:
        image = QImage(bitmap.buffer, bitmap.width, bitmap.height, bitmap.stride,
                       QImage.Format.Format_Grayscale8 if grey else QImage.Format.Format_RGB32)
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        painter.drawImage(target, image)
    finally:
        page.close()
        bitmap.close()

