"""The pre-visit brief, read back with poppler's tools: one page, Chinese text, embedded fonts,
and the sections for complaints and shipments appearing only when there are some."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

from salesdesk.documents.brief import (
    HeardPrice,
    OpenComplaint,
    OpenPromise,
    PastVisit,
    PreVisitBrief,
    ShipmentOnTheRoad,
    render_brief,
)
from salesdesk.documents.visit_summary import Price
from salesdesk.domain.promises import KeptRate
from tests.unit.documents.test_visit_summary import page_count, run, squeezed, text_of


def sample() -> PreVisitBrief:
    return PreVisitBrief(
        company="苏州恒通金属制品有限公司", customer="杭州墙煌建材有限公司",
        prepared_on=date(2026, 12, 3), salesperson="李娜", address="浙江省杭州市余杭区好运路 88 号",
        tier="A 类", contacts=("王建国（采购经理）", "陈静（工程部）"),
        last_visits=(PastVisit(date(2026, 11, 12), "介绍新品氟碳铝单板", "寄送色卡和样板"),
                     PastVisit(date(2026, 10, 8), "季度回访", "")),
        open_promises=(
            OpenPromise("补发上月对账单", "张伟", date(2026, 11, 20), overdue=True),
            OpenPromise("提供防火检测报告", "技术部", date(2026, 12, 15), overdue=False)),
        kept_rate=KeptRate(kept=3, broken=1, at_risk=1),
        kept_period=(date(2025, 12, 3), date(2026, 12, 3)),
        quotes=(HeardPrice(date(2026, 11, 12), "佛山金盛铝业", "3mm 氟碳铝单板",
                           Price(Decimal("28000"), "CNY", "t"),
                           Price(Decimal("28800"), "CNY", "t")),),
    )


def test_the_brief_is_one_page_of_what_to_know(tmp_path: Path) -> None:
    pdf = tmp_path / "brief.pdf"
    render_brief(sample(), pdf)
    assert page_count(pdf) == 1
    text = squeezed(text_of(pdf))
    for expected in ("拜访前简报", "杭州墙煌建材有限公司", "A类",
                     "王建国（采购经理）、陈静（工程部）",
                     "最近拜访", "2026年11月12日", "介绍新品氟碳铝单板", "寄送色卡和样板",
                     "未完成的承诺", "2026年11月20日（已逾期）", "提供防火检测报告",
                     "2026年12月15日",
                     "承诺兑现率", "75%（兑现3，未兑现1，逾期未结1；2025年12月3日至2026年12月3日）",
                     "了解到的竞品价格", "28,000CNY/t", "28,800CNY/t", "第1页/共1页"):
        assert expected in text, expected
    assert "2026年12月15日（已逾期）" not in text
    assert "未结投诉" not in text and "在途货物" not in text


def test_complaints_and_shipments_appear_when_given(tmp_path: Path) -> None:
    pdf = tmp_path / "brief.pdf"
    brief = replace(
        sample(),
        complaints=(OpenComplaint(date(2026, 11, 28), "质量", "铝单板表面色差", "处理中"),),
        shipments=(ShipmentOnTheRoad(datetime(2026, 12, 2, 16, 0), "3mm 铝单板 12 吨", "浙A12345",
                                     datetime(2026, 12, 4, 10, 0)),),
    )
    render_brief(brief, pdf)
    text = squeezed(text_of(pdf))
    for expected in ("未结投诉", "铝单板表面色差", "处理中", "在途货物", "浙A12345",
                     "2026年12月4日10:00"):
        assert expected in text, expected


def test_english_and_nothing_rated_yet(tmp_path: Path) -> None:
    pdf = tmp_path / "brief-en.pdf"
    render_brief(replace(sample(), kept_rate=KeptRate(0, 0, 2)), pdf, language="en")
    text = text_of(pdf)
    for expected in ("Pre-visit Brief", "Last visits", "2026-11-20 (overdue)",
                     "None kept or broken yet (overdue and open 2;", "Competitor prices heard"):
        assert expected in text, expected


def test_every_font_is_embedded(tmp_path: Path) -> None:
    pdf = tmp_path / "brief.pdf"
    render_brief(sample(), pdf)
    rows = run("pdffonts", pdf).splitlines()[2:]
    assert rows
    for row in rows:
        name, *_, emb, sub, _uni, _obj, _gen = row.split()
        assert (emb, sub) == ("yes", "yes") and "+WenQuanYiMicroHei" in name, row
