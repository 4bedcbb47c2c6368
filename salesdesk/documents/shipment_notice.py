"""The printed shipment notice (发货通知): the five elements on one A4 page, to print, fax, save
or attach to the email.

Pure ReportLab from plain data (:class:`~salesdesk.domain.shipment_text.NoticeText`), in the
customer's language, with the bundled font embedded (subset) like every SalesDesk document, so
the Chinese survives any viewer and fax driver.
"""

from __future__ import annotations

import io
from datetime import tzinfo
from pathlib import Path
from typing import IO
from xml.sax.saxutils import escape

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer

from salesdesk.documents.fonts import BoldParagraph
from salesdesk.documents.layout import (
    WIDTH,
    DocumentStart,
    build,
    grid,
    letterhead,
    para,
    styles,
    titled_table,
)
from salesdesk.domain.shipment_text import (
    ELEMENT_LABELS,
    NoticeText,
    apology,
    language,
    quantity_text,
    rows,
    unit_label,
    words,
)
from salesdesk.domain.shipments import Element

_PAGE_FORMAT: dict[str, str] = {
    "zh": "第 {page} 页 / 共 {pages} 页", "en": "Page {page} of {pages}"}
_TO: dict[str, str] = {"zh": "致：{customer}", "en": "To: {customer}"}
_NUMBER: dict[str, str] = {"zh": "通知编号：{no}", "en": "Notice no.: {no}"}
_LINE_HEAD: dict[str, list[str]] = {
    "zh": ["序号", "产品规格", "数量", "单位", "批号"],
    "en": ["No.", "Specification", "Quantity", "Unit", "Batch"],
}


def story(notice: NoticeText, zone: tzinfo, *, notice_no: str = "",
          logo: Path | None = None) -> list[Flowable]:
    lang = language(notice.language)
    w = words(notice)
    st = styles()
    title = w["title_update" if notice.is_update else "title"]
    out: list[Flowable] = [
        DocumentStart(f"{notice.company} · {title}", _PAGE_FORMAT[lang]),
        letterhead(notice.company, logo, st),
        BoldParagraph(escape(title), st.title),
        para(_TO[lang].format(customer=notice.customer), st.body),
    ]
    if notice_no:
        out.append(para(_NUMBER[lang].format(no=notice_no), st.small))
    if notice.is_update:
        out += [Spacer(1, 2 * mm), BoldParagraph(escape(apology(notice, zone)), st.body)]
    out += [Spacer(1, 3 * mm), para(w["greeting"].format(customer=notice.customer), st.body)]
    lines = [
        [para(str(i), st.cell), para(line.spec, st.cell),
         para(quantity_text(line.quantity), st.cell), para(unit_label(line.unit, lang), st.cell),
         para(line.batch_no, st.cell)]
        for i, line in enumerate(notice.lines, 1)
    ]
    out += titled_table(ELEMENT_LABELS[lang][Element.SPEC_QUANTITY], _LINE_HEAD[lang], lines,
                        (0.08, 0.52, 0.14, 0.10, 0.16), st)
    out.append(Spacer(1, 4 * mm))
    facts = [[BoldParagraph(escape(label), st.cell), para(value, st.cell)]
             for label, value in rows(notice, zone)]
    out.append(grid(facts, [WIDTH * 0.28, WIDTH * 0.72], header=False))
    out += [Spacer(1, 5 * mm), para(w["closing"], st.body), para(notice.company, st.body)]
    return out



def render_notice(notice: NoticeText, zone: tzinfo, out: str | IO[bytes], *,
                  notice_no: str = "", logo: Path | None = None) -> None:
    """Writes the notice as a PDF to ``out`` (a path or a binary file)."""
    title = words(notice)["title"]
    build(out, story(notice, zone, notice_no=notice_no, logo=logo),
          f"{title} {notice.customer}")


def notice_pdf(notice: NoticeText, zone: tzinfo, *, notice_no: str = "",
               logo: Path | None = None) -> bytes:
    """The notice's PDF as bytes (the email's attachment)."""
    buffer = io.BytesIO()
    render_notice(notice, zone, buffer, notice_no=notice_no, logo=logo)
    return buffer.getvalue()


def file_name(notice: NoticeText, notice_no: str) -> str:
    """"发货通知-FH20261203-01-华东建材.pdf": the mail carries a Chinese name in both the
    RFC 2231 and RFC 2047 forms."""
    title = words(notice)["title"]
    parts = [title, notice_no, notice.customer] if notice_no else [title, notice.customer]
    name = "-".join(p for p in parts if p)
    return "".join("_" if c in '\\/:*?"<>|' else c for c in name) + ".pdf"


