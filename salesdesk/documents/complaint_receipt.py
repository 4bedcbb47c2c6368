"""The complaint's printed documents: the acknowledgement receipt (投诉受理回执) the customer is
given — the complaint restated in their words, its reference and the committed contact time —
and the resolution letter (投诉处理结果函) that says what was done and asks whether they are
satisfied.

Pure ReportLab from plain data (no Qt, no store); labels in Chinese or English from
:data:`LABELS`, as the visit summary's. The short SMS/WeChat text of the receipt is
``services/complaints/script.py: receipt_text``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import IO
from xml.sax.saxutils import escape

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer

from salesdesk.documents.fonts import BoldParagraph
from salesdesk.documents.layout import (
    WIDTH,
    DocumentStart,
    Language,
    build,
    datetime_text,
    grid,
    letterhead,
    para,
    styles,
)


@dataclass(frozen=True)
class ComplaintFacts:
    """What both documents restate; times are local to the calendar's zone already."""

    company: str  # ours, the letterhead
    customer: str
    contact: str
    reference: str
    received_at: datetime
    category: str  # in words, the caller's language
    description: str  # in the customer's own words
    received_by: str = ""
    batch_no: str = ""
    logo: Path | None = None


@dataclass(frozen=True)
class Receipt:
    facts: ComplaintFacts
    committed: str  # "我们会在明天上午 11:30 之前与您联系" (complaint_clock.in_words)
    first_contact_due: datetime  # local


@dataclass(frozen=True)
class ResolutionLetter:
    facts: ComplaintFacts
    resolved_at: datetime  # local
    solution: str  # what was done
    signed_by: str = ""


LABELS: dict[Language, dict[str, str]] = {
    "zh_CN": {
        "receipt": "投诉受理回执", "letter": "投诉处理结果函", "reference": "投诉编号",
        "customer": "客户", "contact": "联系人", "received": "受理时间", "received_by": "受理人",
        "category": "投诉类别", "batch": "批号", "complaint": "投诉内容（客户原话）",
        "committed": "联系时限", "process": (
            "您的投诉已书面登记，并已进入我们的投诉处理流程。感谢您告诉我们，"
            "处理过程中我们会与您保持联系；如有补充，请随时告诉我们，并注明投诉编号。"),
        "solution": "处理结果", "resolved": "解决时间",
        "satisfaction": ("请问您对这次处理是否满意？您的意见对我们很重要，"
                         "如仍有不满意之处，请告诉我们，我们会重新处理。"),
        "dear": "尊敬的 {who}：", "thanks": "此致\n敬礼", "pages": "第 {page} 页 / 共 {pages} 页",
    },
    "en": {
        "receipt": "Complaint Acknowledgement", "letter": "Complaint Resolution",
        "reference": "Reference", "customer": "Customer", "contact": "Contact",
        "received": "Received", "received_by": "Received by", "category": "Category",
        "batch": "Batch", "complaint": "Your complaint (in your words)",
        "committed": "We will contact you", "process": (
            "Your complaint has been recorded in writing and has entered our complaint-handling "
            "process. Thank you for telling us; we will keep in touch while we handle it. If you "
            "have anything to add, tell us at any time, quoting the reference."),
        "solution": "What we did", "resolved": "Resolved",
        "satisfaction": ("Are you satisfied with how we handled it? Your view matters to us; "
                         "if anything is still not right, tell us and we will take it up again."),
        "dear": "Dear {who},", "thanks": "Yours sincerely", "pages": "Page {page} of {pages}",
    },
}


def _facts_story(f: ComplaintFacts, title: str, labels: dict[str, str],
                 language: Language) -> list[Flowable]:
    st = styles()
    received = datetime_text(f.received_at, language)
    story: list[Flowable] = [
        DocumentStart(f"{f.company} · {title} · {f.reference}", labels["pages"]),
        letterhead(f.company, f.logo, st),
        BoldParagraph(escape(title), st.title),
    ]
    facts = [("reference", f.reference), ("customer", f.customer), ("contact", f.contact),
             ("received", received), ("received_by", f.received_by),
             ("category", f.category), ("batch", f.batch_no)]
    rows = [[BoldParagraph(escape(labels[k]), st.cell), para(text, st.cell)]
            for k, text in facts if text]
    story.append(grid(rows, [32 * mm, WIDTH - 32 * mm], header=False))
    story += [BoldParagraph(escape(labels["complaint"]), st.heading),
              para(f.description, st.body)]
    return story


def render_receipt(receipt: Receipt, out: IO[bytes] | Path, *,
                   language: Language = "zh_CN") -> None:
    """The acknowledgement receipt as a PDF: the complaint restated, its reference, the
    committed contact time in words and as a time."""
    labels, st = LABELS[language], styles()
    f = receipt.facts
    story = _facts_story(f, labels["receipt"], labels, language)
    committed = f"{receipt.committed}（{datetime_text(receipt.first_contact_due, language)}）" \
        if language == "zh_CN" else \
        f"{receipt.committed} ({datetime_text(receipt.first_contact_due, language)})"
    story += [BoldParagraph(escape(labels["committed"]), st.heading), para(committed, st.body),
              Spacer(1, 4 * mm), para(labels["process"], st.body)]
    build(str(out) if isinstance(out, Path) else out, story,
          f"{labels['receipt']} {f.reference}")


def render_resolution_letter(letter: ResolutionLetter, out: IO[bytes] | Path, *,
                             language: Language = "zh_CN") -> None:
    """The resolution letter as a PDF: the complaint restated, what was done, and the
    question whether the customer is satisfied."""
    labels, st = LABELS[language], styles()
    f = letter.facts
    who = f.contact or f.customer
    story: list[Flowable] = _facts_story(f, labels["letter"], labels, language)
    story += [
        Spacer(1, 3 * mm),
        para(labels["dear"].replace("{who}", who), st.body),
        BoldParagraph(escape(labels["solution"]), st.heading),
        para(letter.solution, st.body),
        para(f"{labels['resolved']}: {datetime_text(letter.resolved_at, language)}", st.body),
        Spacer(1, 3 * mm),
        para(labels["satisfaction"], st.body),
        Spacer(1, 6 * mm),
        para(labels["thanks"], st.body),
        para("\n".join(t for t in (f.company, letter.signed_by) if t), st.body),
    ]
    build(str(out) if isinstance(out, Path) else out, story,
          f"{labels['letter']} {f.reference}")
