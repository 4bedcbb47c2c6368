"""The bundled Chinese font for PDFs, registered with ReportLab once, and bold made from it.

ReportLab embeds TrueType outlines only, as a subset of the glyphs a file uses, so every viewer
shows the text (its built-in ``STSong-Light`` is not embedded: blank without Adobe's CJK pack).
WenQuanYi Micro Hei has no bold face; :class:`BoldParagraph` draws its text filled *and* stroked
(text render mode 2) with a thin outline, which makes the strokes visibly heavier.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import Paragraph

from salesdesk.paths import resources_dir

FONT = "WenQuanYiMicroHei"
# The outline's width as a share of the font size: 3 % reads as bold without closing up 口 or 圆.
BOLD_STROKE = 0.03

_lock = threading.Lock()
_registered: set[str] = set()  # FONT once registered
SUBSETTING = threading.Lock()
"""Held while a PDF is saved: ReportLab subsets the embedded font then, reading the font file
through one cursor shared by every document, so two saves at once mix up their glyphs."""


def font_path() -> Path:
    """``resources/fonts/wqy-microhei.ttc`` of the checkout or of the installed bundle."""
    return resources_dir() / "fonts" / "wqy-microhei.ttc"


def ensure_font() -> str:
    """Register the bundled font (≈ 100 ms, once per process; safe from any thread); its name."""
    if FONT in _registered:
        return FONT
    with _lock:
        if FONT not in _registered:
            pdfmetrics.registerFont(TTFont(FONT, str(font_path()), subfontIndex=0))
            _registered.add(FONT)
    return FONT


class BoldParagraph(Paragraph):  # type: ignore[misc]
    """A :class:`Paragraph` whose glyphs are filled and outlined in the text colour: bold for a
    font without a bold face. Wraps, splits across pages and aligns like any paragraph."""

    def beginText(self, x: float, y: float) -> Any:
        text = super().beginText(x, y)
        text.setTextRenderMode(2)  # fill, then stroke
        return text

    def draw(self) -> None:
        canvas = self.canv
        canvas.saveState()
        canvas.setStrokeColor(self.style.textColor)
        canvas.setLineWidth(self.style.fontSize * BOLD_STROKE)
        canvas.setLineJoin(1)  # round: no spikes at sharp corners of the strokes
        super().draw()
        canvas.restoreState()

    def split(self, avail_width: float, avail_height: float) -> list[Any]:
        # Paragraph.split makes plain Paragraphs of the parts; keep them bold.
        parts: list[Any] = super().split(avail_width, avail_height)
        for part in parts:
            if type(part) is Paragraph:
                part.__class__ = BoldParagraph
        return parts
