"""What every printed SalesDesk document shares: A4 page, paragraph styles in the bundled font,
and footers that number pages within each document of a file ("第 1 页 / 共 2 页")."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import IO, Any

from reportlab.lib import colors
from reportlab.lib import textsplit as _textsplit
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, SimpleDocTemplate, TableStyle
from reportlab.platypus import paragraph as _paragraph

from salesdesk.documents.fonts import ensure_font

PAGE = A4
MARGIN = 18 * mm
BOTTOM_MARGIN = 20 * mm  # room for the footer
INK = colors.HexColor("#1f2328")
MUTED = colors.HexColor("#59636e")
RULE = colors.HexColor("#afb8c1")
SHADE = colors.HexColor("#eef1f4")


@dataclass(frozen=True)
class Styles:
    title: ParagraphStyle
    company: ParagraphStyle
    heading: ParagraphStyle
    body: ParagraphStyle
    cell: ParagraphStyle
    head_cell: ParagraphStyle
    small: ParagraphStyle


# Chinese punctuation that must not begin a line. ReportLab's CJK wrapping hangs such a character
# at the end of the previous line, but its list (Japanese rules) lacks the full-width comma,
# semicolon, colon, ! and ?, and closing 》 ” ’, so lines began with "，".
_CANNOT_START = "，；：！？》〉”’…"
for _wrapper in (_textsplit, _paragraph):  # one-style and mixed-style paragraphs
    if not set(_CANNOT_START) <= set(_wrapper.ALL_CANNOT_START):
        _wrapper.ALL_CANNOT_START += _CANNOT_START


def styles() -> Styles:
    font = ensure_font()
    body = ParagraphStyle("body", fontName=font, fontSize=10, leading=14, textColor=INK,
                          wordWrap="CJK")
    return Styles(
        title=ParagraphStyle("title", parent=body, fontSize=17, leading=22, alignment=TA_CENTER,
                             spaceBefore=4, spaceAfter=8),
        company=ParagraphStyle("company", parent=body, fontSize=14, leading=18),
        heading=ParagraphStyle("heading", parent=body, fontSize=11, leading=15, spaceBefore=6,
                               spaceAfter=3, keepWithNext=1),
        body=body,
        cell=ParagraphStyle("cell", parent=body, fontSize=9, leading=12.5),
        head_cell=ParagraphStyle("head_cell", parent=body, fontSize=9, leading=12.5),
        small=ParagraphStyle("small", parent=body, fontSize=8, leading=11, textColor=MUTED),
    )


def table_style(commands: list[tuple[Any, ...]]) -> TableStyle:
    """A table style in the bundled font: a table sets its cells' font even when they hold
    flowables, and its default, Helvetica, would be a font the file does not embed."""
    return TableStyle([("FONTNAME", (0, 0), (-1, -1), ensure_font()), *commands])


class DocumentStart(Flowable):  # type: ignore[misc]
    """Marks where the next document of a file begins (put it at the top of a page): its pages
    are numbered from 1, and its footer carries ``caption`` and ``page_format``
    (``"第 {page} 页 / 共 {pages} 页"``)."""

    def __init__(self, caption: str, page_format: str) -> None:
        super().__init__()
        self.caption = caption
        self.page_format = page_format
        self.width = self.height = 0

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return 0, 0

    def draw(self) -> None:
        canvas = self.canv
        canvas.sections_started = getattr(canvas, "sections_started", 0) + 1
        canvas.section = (canvas.sections_started, self.caption, self.page_format)


class _FooterCanvas(Canvas):  # type: ignore[misc]
    """Holds pages back until the end, when each document's page count is known."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.section: tuple[int, str, str] = (0, "", "{page} / {pages}")
        self._held: list[dict[str, Any]] = []

    def showPage(self) -> None:
        self._held.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        held = self._held
        pages = Counter(state["section"][0] for state in held)
        seen: Counter[int] = Counter()
        for state in held:
            self.__dict__.update(state)
            key, caption, page_format = self.section
            seen[key] += 1
            self._footer(caption, page_format.format(page=seen[key], pages=pages[key]))
            Canvas.showPage(self)
        Canvas.save(self)

    def _footer(self, caption: str, numbers: str) -> None:
        width, _ = PAGE
        y = BOTTOM_MARGIN - 10 * mm
        self.saveState()
        self.setStrokeColor(RULE)
        self.setLineWidth(0.5)
        self.line(MARGIN, y + 4 * mm, width - MARGIN, y + 4 * mm)
        self.setFillColor(MUTED)
        self.setFont(ensure_font(), 8)
        self.drawString(MARGIN, y, caption)
        self.drawRightString(width - MARGIN, y, numbers)
        self.restoreState()


def build(out: str | IO[bytes], story: list[Flowable], title: str) -> None:
    """Lay ``story`` out on A4 pages into ``out`` (a path or a binary file)."""
    doc = SimpleDocTemplate(out, pagesize=PAGE, leftMargin=MARGIN, rightMargin=MARGIN,
                            topMargin=MARGIN, bottomMargin=BOTTOM_MARGIN, title=title,
                            creator="SalesDesk", author="SalesDesk",
                            initialFontName=ensure_font())  # else Helvetica, not embedded
    doc.build(story, canvasmaker=_FooterCanvas)
