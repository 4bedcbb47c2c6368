"""ui/printing.py: a PDF printed on a QPrinter (Qt's "Print to File (PDF)" printer, so no
printer is needed) lands where the page says, fitted with its aspect ratio kept, the pages asked
for and no others; a cancel stops before the next page. Read back as pixels with pdftoppm."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from PySide6.QtGui import QImage, QPageLayout
from PySide6.QtPrintSupport import QPrinter
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen.canvas import Canvas

from salesdesk.kit.jobs import Cancelled, JobState
from salesdesk.ui.printing import new_printer, print_pdf
from tests.unit.documents.test_visit_summary import page_count

WIDTH, HEIGHT = A4  # points


def bars(pdf: Path, pages: int) -> None:
    """Page n is white with a black band across its full height, n tenths of the width wide,
    starting at the left edge: the band's width tells the pages apart."""
    canvas = Canvas(str(pdf), pagesize=A4)
    for n in range(1, pages + 1):
        canvas.setFillGray(0)
        canvas.rect(0, 0, WIDTH * n / 10, HEIGHT, stroke=0, fill=1)
        canvas.showPage()
    canvas.save()


def printer_to(path: Path, orientation: QPageLayout.Orientation
               = QPageLayout.Orientation.Portrait) -> QPrinter:
    printer = new_printer()
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(path))
    printer.setPageOrientation(orientation)
    return printer


def black_boxes(pdf: Path, folder: Path) -> list[tuple[int, int, int, int, int, int]]:
    """Per page: (left, top, right, bottom) of its dark pixels, and the page's width and height
    in pixels, at 40 dpi."""
    folder.mkdir()
    subprocess.run(["pdftoppm", "-r", "40", "-gray", "-png", str(pdf), str(folder / "p")],
                   check=True, capture_output=True)
    boxes = []
    for png in sorted(folder.glob("p-*.png")):
        image = QImage(str(png)).convertToFormat(QImage.Format.Format_Grayscale8)
        row, data = image.bytesPerLine(), bytes(image.constBits())
        dark = [(x, y) for y in range(image.height()) for x in range(image.width())
                if data[y * row + x] < 100]
        xs, ys = [x for x, _ in dark], [y for _, y in dark]
        boxes.append((min(xs), min(ys), max(xs) + 1, max(ys) + 1,
                      image.width(), image.height()))
    return boxes


def test_a_portrait_page_on_landscape_paper_keeps_its_shape(qapp, tmp_path: Path) -> None:
    source, printed = tmp_path / "bars.pdf", tmp_path / "printed.pdf"
    bars(source, 10)  # page 10: black all over, so the band is the page itself
    printer = printer_to(printed, QPageLayout.Orientation.Landscape)
    printer.setPrintRange(QPrinter.PrintRange.PageRange)
    printer.setFromTo(10, 10)
    assert print_pdf(source, printer, JobState()) == 1
    ((left, top, right, bottom, width, height),) = black_boxes(printed, tmp_path / "png")
    assert width > height  # landscape paper
    assert right - left == pytest.approx((bottom - top) * WIDTH / HEIGHT, rel=0.03)
    assert bottom - top > 0.9 * height  # as tall as the printable area allows
    assert (left + right) / 2 == pytest.approx(width / 2, abs=2)  # centred across


def test_the_pages_asked_for_and_no_others(qapp, tmp_path: Path) -> None:
    source, printed = tmp_path / "bars.pdf", tmp_path / "printed.pdf"
    bars(source, 5)
    printer = printer_to(printed)
    printer.setPrintRange(QPrinter.PrintRange.PageRange)
    printer.setFromTo(2, 3)
    state = JobState()
    assert print_pdf(source, printer, state) == 2
    assert (state.done, state.total) == (2, 2)
    assert page_count(printed) == 2
    widths = [(right - left) / width for left, _, right, _, width, _ in
              black_boxes(printed, tmp_path / "png")]
    # pages 2 and 3: bands of 2 and 3 tenths of the page, scaled into the printable area
    assert widths == [pytest.approx(0.2, abs=0.02), pytest.approx(0.3, abs=0.02)]


def test_a_cancel_stops_before_the_next_page(qapp, tmp_path: Path) -> None:
    source, printed = tmp_path / "bars.pdf", tmp_path / "printed.pdf"
    bars(source, 5)

    class CancelAfterFirst(JobState):
        def progress(self, done: int, total: int, message: str = "") -> None:
            super().progress(done, total, message)
            if done == 1:
                self.cancel()

    state = CancelAfterFirst()
    with pytest.raises(Cancelled):
        print_pdf(source, printer_to(printed), state)
    assert state.done == 1
