"""What every printed SalesDesk document shares: A4 page, paragraph styles in the bundled font,
and footers that number pages within each document of a file ("第 1 页 / 共 2 页")."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import IO, Any, Literal
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib import textsplit as _textsplit
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Image, Paragraph, SimpleDocTemplate, Table, TableStyle
from reportlab.platypus import paragraph as _paragraph

from salesdesk.documents.fonts import SUBSETTING, BoldParagraph, ensure_font

Language = Literal["zh_CN", "en"]

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

    def __init__(self, caption: str, page_format: str,
                 on_start: Callable[[], None] | None = None) -> None:
        super().__init__()
        self.caption = caption
        self.page_format = page_format
        self.on_start = on_start  # called as the document's layout reaches it (progress, cancel)
        self.width = self.height = 0

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return 0, 0

    def draw(self) -> None:
        if self.on_start is not None:
            self.on_start()  # may raise (a cancelled job): the build stops here
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
        with SUBSETTING:  # the font's subset is made here (fonts.SUBSETTING)
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
    """Lay ``story`` out on A4 pages into ``out`` (a path or a binary file); safe from any
    thread (the font's subset is made under ``fonts.SUBSETTING``)."""
    doc = SimpleDocTemplate(out, pagesize=PAGE, leftMargin=MARGIN, rightMargin=MARGIN,
                            topMargin=MARGIN, bottomMargin=BOTTOM_MARGIN, title=title,
                            creator="SalesDesk", author="SalesDesk",
                            initialFontName=ensure_font())  # else Helvetica, not embedded
    doc.build(story, canvasmaker=_FooterCanvas)


WIDTH = PAGE[0] - 2 * MARGIN  # of the text block


def letterhead(company: str, logo: Path | None, st: Styles) -> Flowable:
    """The company's name (and logo, if any) over a rule: the top of every printed document."""
    name = BoldParagraph(escape(company), st.company)
    cells: list[Flowable] = [name]
    widths = [WIDTH]
    if logo is not None:
        image = Image(str(logo))
        scale = min(14 * mm / image.imageHeight, 40 * mm / image.imageWidth)
        image.drawHeight, image.drawWidth = image.imageHeight * scale, image.imageWidth * scale
        cells, widths = [image, name], [image.drawWidth + 4 * mm, WIDTH - image.drawWidth - 4 * mm]
    table = Table([cells], colWidths=widths)
    table.setStyle(table_style([
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
        ("LINEBELOW", (0, 0), (-1, 0), 1.2, INK),
    ]))
    return table


def titled_table(title: str, head: list[str], rows: list[list[Flowable]],
                 shares: Sequence[float], st: Styles) -> list[Flowable]:
    """A heading and a table with a shaded header row; ``shares`` of the text width per column."""
    header = [BoldParagraph(escape(h), st.head_cell) for h in head]
    table = grid([header, *rows], [WIDTH * s for s in shares], header=True)
    # The title stays with the table's first rows; a long table continues on the next page.
    return [BoldParagraph(escape(title), st.heading), table]


def grid(rows: list[list[Flowable]], widths: list[float], *, header: bool) -> Table:
    """A ruled table: shaded header row, or (``header`` False) a shaded first column of labels."""
    table = Table(rows, colWidths=widths, repeatRows=1 if header else 0)
    style = [
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("GRID", (0, 0), (-1, -1), 0.5, RULE),
        ("TOPPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
    ]
    style.append(("BACKGROUND", (0, 0), (-1, 0), SHADE) if header
                 else ("BACKGROUND", (0, 0), (0, -1), SHADE))
    table.setStyle(table_style(style))
    return table


def para(text: str, style: ParagraphStyle) -> Paragraph:
    """Plain text as a paragraph: escaped, line breaks kept."""
    return Paragraph(escape(text.strip()).replace("\n", "<br/>"), style)


def date_text(day: date, language: Language) -> str:
    return f"{day.year}年{day.month}月{day.day}日" if language == "zh_CN" else day.isoformat()


def datetime_text(moment: datetime, language: Language) -> str:
    return f"{date_text(moment.date(), language)} {moment:%H:%M}"


def marked(text: str, mark: str, language: Language) -> str:
    """``text`` with a note after it: "2026年11月20日（已逾期）" / "2026-11-20 (overdue)"."""
    return f"{text}（{mark}）" if language == "zh_CN" else f"{text} ({mark})"


def joined(items: Sequence[str], language: Language) -> str:
    return ("、" if language == "zh_CN" else ", ").join(items)
