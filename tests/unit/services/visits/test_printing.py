"""Printed visit documents built from a real store: the summary of a visit, a day's visits in
one PDF (progress, cancel), the pre-visit brief, and that printing is recorded."""

from __future__ import annotations

import uuid
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy.orm import sessionmaker

from salesdesk.db.models import Visit
from salesdesk.db.session import LocalSession, unit_of_work
from salesdesk.kit.jobs import Cancelled, JobState
from salesdesk.services.visits.printing import NothingToPrint, PrintGone, VisitPrinting
from salesdesk.settings import Settings
from tests.cancel_after import CancelAfter
from tests.unit.documents.test_visit_summary import page_count, squeezed, text_of
from tests.visit_history import CUSTOMER, at, salesperson, seed_day, seed_history

TODAY = date(2026, 12, 3)


@pytest.fixture
def printing(factory: sessionmaker[LocalSession]) -> VisitPrinting:
    return VisitPrinting(factory, Settings(company_name="苏州恒通金属制品有限公司"))


@pytest.fixture
def out(tmp_path: Path) -> Path:
    """An empty folder for the PDFs (tmp_path holds the store too)."""
    folder = tmp_path / "out"
    folder.mkdir()
    return folder


@pytest.fixture
def history(factory: sessionmaker[LocalSession]):
    with unit_of_work(factory) as session:
        return seed_history(session, TODAY, salesperson_id=salesperson(session))


def test_the_summary_of_a_visit_carries_what_was_recorded(printing, history, out: Path):
    pdf = out / "visit.pdf"
    printed = printing.render_visit(history.visits["today"], pdf)
    assert printed.visit_ids == (history.visits["today"],)
    text = squeezed(text_of(pdf))
    for expected in ("苏州恒通金属制品有限公司", "拜访纪要", CUSTOMER,
                     "浙江省杭州市余杭区良渚街道好运路88号", "2026年12月3日14:30", "李娜",
                     "王建国（采购经理）、陈静（工程部）、张工", "回访上批铝单板的使用情况",
                     "二期约1,200吨铝单板", "上批货表面有轻微色差", "佛山金盛铝业", "28,000CNY/t",
                     "28,800CNY/t", "三天内寄送3mm氟碳铝单板样板两块", "2026年12月6日",
                     "安排技术员到现场查看色差问题", "技术部", "2026年12月10日",
                     # an open promise of an earlier visit, overdue on the day of this one
                     "以往未完成的承诺", "补发上月对账单", "2026年11月12日",
                     "2026年11月20日（已逾期）"):
        assert expected in text, expected
    for closed in ("寄送色卡", "月底前补齐欠货"):  # kept and broken: not open any more
        assert closed not in text
    assert list(out.iterdir()) == [pdf]  # no part file left behind


def test_english_summary_words_departments_in_english(printing, history, out: Path):
    pdf = out / "visit.pdf"
    printing.render_visit(history.visits["today"], pdf, language="en")
    text = text_of(pdf)
    assert "Visit Summary" in text and "Technical" in text and "2026-11-20 (overdue)" in text


def test_a_deleted_visit_is_not_printed(printing, history, factory, out: Path):
    with unit_of_work(factory) as session:
        session.get_one(Visit, history.visits["today"]).deleted_at = at(TODAY, 18)
    with pytest.raises(PrintGone):
        printing.render_visit(history.visits["today"], out / "x.pdf")
    with pytest.raises(PrintGone):
        printing.render_visit(uuid.uuid4(), out / "x.pdf")
    assert list(out.iterdir()) == []


def day_of_visits(factory, names: list[str]) -> list[uuid.UUID]:
    with unit_of_work(factory) as session:
        ids = seed_day(session, TODAY, names)
        seed_day(session, date(2026, 12, 4), ["明天的客户"])  # another day: not printed
        cancelled = seed_day(session, TODAY, ["取消的客户"])
        session.get_one(Visit, cancelled[0]).status = "cancelled"
        return ids


NAMES = ["宁波华美门窗有限公司", "东莞鑫源金属制品厂", "成都天成幕墙工程有限公司"]


def test_a_day_prints_in_one_pdf_with_progress_per_visit(printing, factory, out: Path):
    ids = day_of_visits(factory, NAMES)
    seen: list[tuple[int, int, str]] = []

    class Recording(JobState):
        def progress(self, done: int, total: int, message: str = "") -> None:
            seen.append((done, total, message))

    pdf = out / "day.pdf"
    printed = printing.render_day(TODAY, pdf, Recording())
    assert printed.visit_ids == tuple(ids)
    pages = page_count(pdf)
    assert pages == 3
    firsts = [squeezed(text_of(pdf, n)) for n in range(1, pages + 1)]
    for name, page in zip(NAMES, firsts, strict=True):  # in the order planned, one each
        assert name in page and "拜访纪要" in page
    assert "明天的客户" not in squeezed(text_of(pdf)) and "取消的客户" not in squeezed(text_of(pdf))
    assert seen[0] == (0, 3, "") and seen[-1] == (3, 3, "")
    assert [(d, m) for d, _, m in seen[1:-1]] == list(enumerate(NAMES))


def test_a_cancel_mid_batch_leaves_no_file(printing, factory, out: Path):
    day_of_visits(factory, NAMES)
    pdf = out / "day.pdf"
    pdf.write_bytes(b"yesterday's file")  # an existing file is left as it was
    with pytest.raises(Cancelled):
        printing.render_day(TODAY, pdf, CancelAfter(3))  # after reading, at the second visit
    assert pdf.read_bytes() == b"yesterday's file"
    assert [p.name for p in out.iterdir()] == ["day.pdf"]


def test_a_day_without_visits_says_so(printing, out: Path):
    with pytest.raises(NothingToPrint) as raised:
        printing.render_day(TODAY, out / "day.pdf", JobState())
    assert raised.value.params == {"day": "2026-12-03"}


def test_printing_is_recorded(printing, history, factory):
    changes = printing.mark_printed([history.visits["today"]], at(TODAY, 16))
    assert changes.visits
    with unit_of_work(factory) as session:
        assert session.get_one(Visit, history.visits["today"]).summary_printed_at == at(TODAY, 16)
        assert session.get_one(Visit, history.visits["early"]).summary_printed_at is None


def test_the_brief_shows_visits_promises_kept_rate_and_prices(printing, history, out):
    pdf = out / "brief.pdf"
    printing.render_brief(history.customer_id, pdf, now=at(TODAY, 8))
    assert page_count(pdf) == 1
    text = squeezed(text_of(pdf))
    for expected in ("拜访前简报", CUSTOMER, "A类", "王建国（采购经理）", "李娜",
                     "2026年12月3日", "回访上批铝单板的使用情况", "12月10日前报二期价格",
                     "2026年11月12日", "介绍新品氟碳铝单板", "寄送色卡和样板",
                     "补发上月对账单", "2026年11月20日（已逾期）",
                     "三天内寄送3mm氟碳铝单板样板两块",
                     # kept 1, broken 1: 50 %; the overdue open one is at risk
                     "50%（兑现1，未兑现1，逾期未结1；", "佛山金盛铝业", "28,000CNY/t"):
        assert expected in text, expected
    assert "2026年12月6日（已逾期）" not in text
    for absent in ("未结投诉", "在途货物", "送检测报告"):  # none given; a cancelled visit
        assert absent not in text
