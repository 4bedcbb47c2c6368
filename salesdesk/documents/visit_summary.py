"""The printed visit summary (拜访纪要): one visit on A4 for the customer to sign.

Pure ReportLab from plain data (no Qt, no store): services fill a :class:`VisitSummary`.
Labels come in Chinese or English from :data:`LABELS` (Qt's translations are not available
here, and the language of a printout is the caller's choice, not the window's).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import IO
from xml.sax.saxutils import escape

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, PageBreak, Paragraph, Spacer, Table

from salesdesk.documents.fonts import BoldParagraph
from salesdesk.documents.layout import (
    INK,
    WIDTH,
    DocumentStart,
    Language,
    Styles,
    build,
    date_text,
    datetime_text,
    grid,
    joined,
    letterhead,
    marked,
    para,
    styles,
    table_style,
    titled_table,
)


@dataclass(frozen=True)
class Price:
    amount: Decimal
    currency: str  # "CNY"
    unit: str  # "t", "m²"

    def text(self) -> str:
        """"28,000 CNY/t"; cents only when there are some (the store keeps two places)."""
        whole = self.amount == self.amount.to_integral_value()
        return f"{self.amount:,.{0 if whole else 2}f} {self.currency}/{self.unit}"


@dataclass(frozen=True)
class CompetitorQuote:
    competitor: str
    product: str  # product and specification
    their_price: Price
    our_price: Price | None = None


@dataclass(frozen=True)
class PromiseLine:
    text: str
    owner: str  # who delivers
    due: date
    made_on: date | None = None  # for promises of earlier visits


@dataclass(frozen=True)
class VisitSummary:
    company: str  # the letterhead
    customer: str
    starts_at: datetime
    salesperson: str
    customer_address: str = ""
    logo: Path | None = None
    people_met: tuple[str, ...] = ()
    purpose: str = ""
    discussion: str = ""
    needs: str = ""
    dissatisfactions: str = ""
    receiving_problems: str = ""
    more_we_could_do: str = ""
    next_step: str = ""
    competitor_quotes: tuple[CompetitorQuote, ...] = ()
    promises: tuple[PromiseLine, ...] = ()
    open_promises: tuple[PromiseLine, ...] = ()


LABELS: dict[Language, dict[str, str]] = {
    "zh_CN": {
        "title": "拜访纪要", "customer": "客户", "address": "地址", "when": "拜访时间",
        "salesperson": "销售代表", "people_met": "会见人员", "purpose": "拜访目的",
        "discussion": "沟通内容", "needs": "客户需求", "dissatisfactions": "不满意之处",
        "receiving_problems": "收货问题", "more_we_could_do": "我方可改进之处",
        "next_step": "下一步", "quotes": "竞品报价", "competitor": "竞争对手",
        "product": "产品 / 规格", "their_price": "对方价格", "our_price": "我方价格",
        "promises": "本次承诺", "open_promises": "以往未完成的承诺", "promise": "承诺事项",
        "owner": "负责人", "due": "完成期限", "made_on": "承诺日期", "overdue": "已逾期",
        "customer_sign": "客户签字", "sales_sign": "销售代表签字", "date": "日期",
        "pages": "第 {page} 页 / 共 {pages} 页",
    },
    "en": {
        "title": "Visit Summary", "customer": "Customer", "address": "Address", "when": "Visit",
        "salesperson": "Salesperson", "people_met": "People met", "purpose": "Purpose",
        "discussion": "Discussion", "needs": "Customer needs",
        "dissatisfactions": "Dissatisfactions", "receiving_problems": "Receiving problems",
        "more_we_could_do": "What more we could do", "next_step": "Next step",
        "quotes": "Competitor quotes", "competitor": "Competitor", "product": "Product / spec",
        "their_price": "Their price", "our_price": "Our price", "promises": "Promises made",
        "open_promises": "Open promises from earlier visits", "promise": "Promise",
        "owner": "Delivered by", "due": "Due", "made_on": "Promised on", "overdue": "overdue",
        "customer_sign": "Customer signature", "sales_sign": "Salesperson signature",
        "date": "Date", "pages": "Page {page} of {pages}",
    },
}

_TEXT_SECTIONS = ("purpose", "discussion", "needs", "dissatisfactions", "receiving_problems",
                  "more_we_could_do", "next_step")


def render_visit_summary(summary: VisitSummary, out: IO[bytes] | Path, *,
                         language: Language = "zh_CN") -> None:
    """Write the summary of one visit as a PDF to ``out`` (a path or a binary file)."""
    render_day([summary], out, language=language)


def render_day(summaries: Iterable[VisitSummary], out: IO[bytes] | Path, *,
               language: Language = "zh_CN",
               on_visit: Callable[[int], None] | None = None) -> None:
    """Several visits in one PDF, each starting on a new page with its own page numbers.

    ``on_visit(n)`` is called as the layout reaches the n-th visit (from 0): a job reports its
    progress there, and may raise (a cancel) to stop the build.
    """
    visits = list(summaries)
    if not visits:
        raise ValueError("render_day needs at least one visit")
    labels, st = LABELS[language], styles()
    story: list[Flowable] = []
    for n, visit in enumerate(visits):
        if n:
            story.append(PageBreak())
        start = None if on_visit is None else (lambda n=n: on_visit(n))
        story += _visit_story(visit, labels, st, language, start)
    title = f"{labels['title']} {visits[0].customer}" if len(visits) == 1 else labels["title"]
    build(str(out) if isinstance(out, Path) else out, story, title)


def _visit_story(v: VisitSummary, labels: dict[str, str], st: Styles, language: Language,
                 on_start: Callable[[], None] | None) -> list[Flowable]:
    when = datetime_text(v.starts_at, language)
    story: list[Flowable] = [
        DocumentStart(f"{v.company} · {labels['title']} · {v.customer} · {when}",
                      labels["pages"], on_start),
        letterhead(v.company, v.logo, st),
        BoldParagraph(escape(labels["title"]), st.title),
    ]
    facts = [("customer", v.customer), ("address", v.customer_address), ("when", when),
             ("salesperson", v.salesperson), ("people_met", joined(v.people_met, language))]
    rows = [[BoldParagraph(escape(labels[k]), st.cell), para(text, st.cell)]
            for k, text in facts if text]
    story.append(grid(rows, [28 * mm, WIDTH - 28 * mm], header=False))
    for key in _TEXT_SECTIONS:
        text = getattr(v, key)
        if text.strip():
            story += [BoldParagraph(escape(labels[key]), st.heading), para(text, st.body)]
    if v.competitor_quotes:
        head = [labels[k] for k in ("competitor", "product", "their_price", "our_price")]
        rows = [[para(q.competitor, st.cell), para(q.product, st.cell),
                 para(q.their_price.text(), st.cell),
                 para(q.our_price.text() if q.our_price else "—", st.cell)]
                for q in v.competitor_quotes]
        story += titled_table(labels["quotes"], head, rows, (0.22, 0.34, 0.22, 0.22), st)
    if v.promises:
        head = [labels[k] for k in ("promise", "owner", "due")]
        rows = [[para(p.text, st.cell), para(p.owner, st.cell),
                 para(date_text(p.due, language), st.cell)] for p in v.promises]
        story += titled_table(labels["promises"], head, rows, (0.6, 0.18, 0.22), st)
    if v.open_promises:
        head = [labels[k] for k in ("promise", "owner", "made_on", "due")]
        rows = [[para(p.text, st.cell), para(p.owner, st.cell),
                 para(date_text(p.made_on, language) if p.made_on else "—", st.cell),
                 _due_cell(p.due, v.starts_at.date(), labels, st, language)]
                for p in v.open_promises]
        story += titled_table(labels["open_promises"], head, rows, (0.42, 0.16, 0.18, 0.24), st)
    story.append(_signatures(labels, st))
    return story


def _due_cell(due: date, visit_day: date, labels: dict[str, str], st: Styles,
              language: Language) -> Flowable:
    text = date_text(due, language)
    if due < visit_day:
        return BoldParagraph(escape(marked(text, labels["overdue"], language)), st.cell)
    return para(text, st.cell)


def _signatures(labels: dict[str, str], st: Styles) -> Flowable:
    def block(who: str) -> list[list[Flowable]]:
        return [[Spacer(1, 12 * mm)],
                [Paragraph(f"{escape(labels[who])}：", st.cell)],
                [Spacer(1, 8 * mm)],
                [Paragraph(f"{escape(labels['date'])}：", st.cell)]]

    half = (WIDTH - 12 * mm) / 2
    sides = [Table(block(who), colWidths=[half]) for who in ("customer_sign", "sales_sign")]
    for side in sides:
        side.setStyle(table_style([
            ("LINEBELOW", (0, 1), (0, 1), 0.8, INK),
            ("LINEBELOW", (0, 3), (0, 3), 0.8, INK),
            ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ]))
    table = Table([[sides[0], Spacer(0, 0), sides[1]]], colWidths=[half, 12 * mm, half])
    table.setStyle(table_style([("LEFTPADDING", (0, 0), (-1, -1), 0),
                               ("RIGHTPADDING", (0, 0), (-1, -1), 0)]))
    return KeepTogether([Spacer(1, 4 * mm), table])
