"""The shipment notice's email bodies, plain text and HTML, in the customer's language: the
greeting, the apology of an update, the lines, the five elements and the rest, the closing.
The printable notice goes with them as a PDF (``documents/shipment_notice.py``)."""

from __future__ import annotations

from datetime import tzinfo
from html import escape

from salesdesk.domain.shipment_text import (
    ELEMENT_LABELS,
    NoticeText,
    apology,
    language,
    line_text,
    rows,
    words,
)
from salesdesk.domain.shipments import Element


def plain_body(notice: NoticeText, zone: tzinfo) -> str:
    lang = language(notice.language)
    w = words(notice)
    sep = "：" if lang == "zh" else ": "
    out = [w["greeting"].format(customer=notice.customer), ""]
    if notice.is_update:
        out += [apology(notice, zone), ""]
    out.append(ELEMENT_LABELS[lang][Element.SPEC_QUANTITY] + sep)
    out += [f"  {i}. {line_text(line, lang)}"
            + (f" ({w['batch']} {line.batch_no})" if line.batch_no else "")
            for i, line in enumerate(notice.lines, 1)]
    out.append("")
    out += [f"{label}{sep}{value}" for label, value in rows(notice, zone) if value]
    out += ["", w["closing"], notice.company]
    return "\n".join(out) + "\n"


def html_body(notice: NoticeText, zone: tzinfo) -> str:
    lang = language(notice.language)
    w = words(notice)
    cell = 'style="padding:4px 10px;border:1px solid #d0d7de"'
    head = 'style="padding:4px 10px;border:1px solid #d0d7de;background:#eef1f4;text-align:left"'
    parts = [f"<p>{escape(w['greeting'].format(customer=notice.customer))}</p>"]
    if notice.is_update:
        parts.append(f"<p><strong>{escape(apology(notice, zone))}</strong></p>")
    parts.append(f"<h3>{escape(ELEMENT_LABELS[lang][Element.SPEC_QUANTITY])}</h3>")
    parts.append('<table style="border-collapse:collapse">')
    parts.append(f"<tr><th {head}>{escape(w['spec'])}</th><th {head}>{escape(w['quantity'])}"
                 f"</th><th {head}>{escape(w['batch'])}</th></tr>")
    for line in notice.lines:
        amount = line_text(line, lang)[len(line.spec):].strip()
        parts.append(f"<tr><td {cell}>{escape(line.spec)}</td><td {cell}>{escape(amount)}</td>"
                     f"<td {cell}>{escape(line.batch_no)}</td></tr>")
    parts.append("</table><br>")
    parts.append('<table style="border-collapse:collapse">')
    for label, value in rows(notice, zone):
        if value:
            parts.append(f"<tr><th {head}>{escape(label)}</th><td {cell}>{escape(value)}</td>"
                         "</tr>")
    parts.append("</table>")
    parts.append(f"<p>{escape(w['closing'])}<br>{escape(notice.company)}</p>")
    body = "\n".join(parts)
    return (f'<!DOCTYPE html><html lang="{"zh-CN" if lang == "zh" else "en"}"><head>'
            f'<meta charset="utf-8"></head><body>{body}</body></html>')
