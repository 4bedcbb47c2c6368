"""The pre-visit brief (拜访前简报): one A4 page on a customer to read in the car park.

The customer, its last visits, the promises still open (overdue ones marked), the kept-rate,
the competitor prices heard, and — when given — open complaints and shipments on the road:
each section appears only when it has something to show. Pure ReportLab from a plain
:class:`PreVisitBrief` that services fill; labels in Chinese or English from :data:`LABELS`,
the same embedded font and layout as the visit summary (:mod:`.layout`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import IO
from xml.sax.saxutils import escape

from reportlab.lib.units import mm
from reportlab.platypus import Flowable

from salesdesk.documents.fonts import BoldParagraph
from salesdesk.documents.layout import (
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
    titled_table,
)
from salesdesk.documents.visit_summary import Price
from salesdesk.domain.promises import KeptRate


@dataclass(frozen=True)
class PastVisit:
    day: date
    purpose: str
    next_step: str


@dataclass(frozen=True)
class OpenPromise:
    text: str
    owner: str  # who delivers
    due: date
    overdue: bool  # by domain/due.py, decided by the caller


@dataclass(frozen=True)
class HeardPrice:
    day: date
    competitor: str
    product: str
    their_price: Price | None
    our_price: Price | None = None


@dataclass(frozen=True)
class OpenComplaint:
    """For when complaints land: one open complaint as the brief lists it."""

    received: date
    category: str  # already worded in the brief's language
    text: str
    status: str


@dataclass(frozen=True)
class ShipmentOnTheRoad:
    """For when shipment notices land: goods dispatched and not yet arrived."""

    shipped: datetime
    goods: str  # specification and quantity
    truck: str
    eta: datetime | None


@dataclass(frozen=True)
class PreVisitBrief:
    company: str  # the letterhead
    customer: str
    prepared_on: date
    salesperson: str = ""
    logo: Path | None = None
    address: str = ""
    tier: str = ""
    contacts: tuple[str, ...] = ()
    last_visits: tuple[PastVisit, ...] = ()
    open_promises: tuple[OpenPromise, ...] = ()
    kept_rate: KeptRate | None = None
    kept_period: tuple[date, date] | None = None
    quotes: tuple[HeardPrice, ...] = ()
    complaints: tuple[OpenComplaint, ...] = ()
    shipments: tuple[ShipmentOnTheRoad, ...] = ()


LABELS: dict[Language, dict[str, str]] = {
    "zh_CN": {
        "title": "拜访前简报", "customer": "客户", "address": "地址", "tier": "客户等级",
        "salesperson": "销售代表", "contacts": "联系人", "prepared": "打印日期",
        "last_visits": "最近拜访", "date": "日期", "purpose": "拜访目的", "next_step": "下一步",
        "open_promises": "未完成的承诺", "promise": "承诺事项", "owner": "负责人",
        "due": "完成期限", "overdue": "已逾期", "kept_rate": "承诺兑现率",
        "kept_line": "{rate}（兑现 {kept}，未兑现 {broken}，逾期未结 {at_risk}；"
                     "{first} 至 {last}）",
        "no_rate": "暂无已兑现或未兑现的承诺（逾期未结 {at_risk}；{first} 至 {last}）",
        "quotes": "了解到的竞品价格", "competitor": "竞争对手", "product": "产品 / 规格",
        "their_price": "对方价格", "our_price": "我方价格",
        "complaints": "未结投诉", "received": "收到日期", "category": "类别",
        "complaint": "内容", "status": "状态", "shipments": "在途货物", "shipped": "发货时间",
        "goods": "规格和数量", "truck": "车号", "eta": "预计到达",
        "nothing": "无", "pages": "第 {page} 页 / 共 {pages} 页",
    },
    "en": {
        "title": "Pre-visit Brief", "customer": "Customer", "address": "Address",
        "tier": "Tier", "salesperson": "Salesperson", "contacts": "Contacts",
        "prepared": "Printed on", "last_visits": "Last visits", "date": "Date",
        "purpose": "Purpose", "next_step": "Next step", "open_promises": "Open promises",
        "promise": "Promise", "owner": "Delivered by", "due": "Due", "overdue": "overdue",
        "kept_rate": "Promises kept",
        "kept_line": "{rate} (kept {kept}, broken {broken}, overdue and open {at_risk}; "
                     "{first} to {last})",
        "no_rate": "None kept or broken yet (overdue and open {at_risk}; {first} to {last})",
        "quotes": "Competitor prices heard", "competitor": "Competitor",
        "product": "Product / spec", "their_price": "Their price", "our_price": "Our price",
        "complaints": "Open complaints", "received": "Received", "category": "Category",
        "complaint": "Complaint", "status": "Status", "shipments": "Shipments on the road",
        "shipped": "Shipped", "goods": "Goods", "truck": "Truck", "eta": "ETA",
        "nothing": "None", "pages": "Page {page} of {pages}",
    },
}


def render_brief(brief: PreVisitBrief, out: IO[bytes] | Path, *,
                 language: Language = "zh_CN") -> None:
    """Write the brief as a PDF to ``out`` (a path or a binary file)."""
    labels, st = LABELS[language], styles()
    story: list[Flowable] = [
        DocumentStart(f"{brief.company} · {labels['title']} · {brief.customer}",
                      labels["pages"]),
        letterhead(brief.company, brief.logo, st),
        BoldParagraph(escape(labels["title"]), st.title),
        _facts(brief, labels, st, language),
    ]
    if brief.last_visits:
        rows = [[para(date_text(v.day, language), st.cell), para(v.purpose, st.cell),
                 para(v.next_step, st.cell)] for v in brief.last_visits]
        story += titled_table(labels["last_visits"],
                              [labels["date"], labels["purpose"], labels["next_step"]],
                              rows, (0.2, 0.45, 0.35), st)
    story += _promises(brief, labels, st, language)
    if brief.quotes:
        rows = [[para(date_text(q.day, language), st.cell), para(q.competitor, st.cell),
                 para(q.product, st.cell),
                 para(q.their_price.text() if q.their_price else "—", st.cell),
                 para(q.our_price.text() if q.our_price else "—", st.cell)]
                for q in brief.quotes]
        head = [labels[k] for k in ("date", "competitor", "product", "their_price", "our_price")]
        story += titled_table(labels["quotes"], head, rows, (0.16, 0.2, 0.28, 0.18, 0.18), st)
    if brief.complaints:
        rows = [[para(date_text(c.received, language), st.cell), para(c.category, st.cell),
                 para(c.text, st.cell), para(c.status, st.cell)] for c in brief.complaints]
        head = [labels[k] for k in ("received", "category", "complaint", "status")]
        story += titled_table(labels["complaints"], head, rows, (0.16, 0.14, 0.52, 0.18), st)
    if brief.shipments:
        rows = [[para(datetime_text(s.shipped, language), st.cell), para(s.goods, st.cell),
                 para(s.truck, st.cell),
                 para(datetime_text(s.eta, language) if s.eta else "—", st.cell)]
                for s in brief.shipments]
        head = [labels[k] for k in ("shipped", "goods", "truck", "eta")]
        story += titled_table(labels["shipments"], head, rows, (0.22, 0.4, 0.16, 0.22), st)
    build(str(out) if isinstance(out, Path) else out, story,
          f"{labels['title']} {brief.customer}")


def _facts(brief: PreVisitBrief, labels: dict[str, str], st: Styles,
           language: Language) -> Flowable:
    contacts = joined(brief.contacts, language)
    facts = [("customer", brief.customer), ("address", brief.address), ("tier", brief.tier),
             ("contacts", contacts), ("salesperson", brief.salesperson),
             ("prepared", date_text(brief.prepared_on, language))]
    if brief.kept_rate is not None and brief.kept_period is not None:
        facts.append(("kept_rate", _kept_line(brief.kept_rate, brief.kept_period, labels,
                                              language)))
    rows = [[BoldParagraph(escape(labels[key]), st.cell), para(text, st.cell)]
            for key, text in facts if text]
    return grid(rows, [28 * mm, WIDTH - 28 * mm], header=False)


def _kept_line(rate: KeptRate, period: tuple[date, date], labels: dict[str, str],
               language: Language) -> str:
    first, last = (date_text(day, language) for day in period)
    if rate.rate is None:
        return labels["no_rate"].format(at_risk=rate.at_risk, first=first, last=last)
    return labels["kept_line"].format(rate=f"{rate.rate:.0%}", kept=rate.kept,
                                      broken=rate.broken, at_risk=rate.at_risk,
                                      first=first, last=last)


def _promises(brief: PreVisitBrief, labels: dict[str, str], st: Styles,
              language: Language) -> list[Flowable]:
    if not brief.open_promises:
        return []
    rows: list[list[Flowable]] = []
    for p in brief.open_promises:
        due = date_text(p.due, language)
        cell = (BoldParagraph(escape(marked(due, labels["overdue"], language)), st.cell)
                if p.overdue else para(due, st.cell))
        rows.append([para(p.text, st.cell), para(p.owner, st.cell), cell])
    head = [labels[k] for k in ("promise", "owner", "due")]
    return titled_table(labels["open_promises"], head, rows, (0.56, 0.18, 0.26), st)
