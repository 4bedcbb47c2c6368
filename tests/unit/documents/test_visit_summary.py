"""The printed visit summary, read back as a person's PDF viewer and poppler's tools see it."""

from __future__ import annotations

import io
import re
import subprocess
import threading
from dataclasses import replace
from datetime import datetime
from pathlib import Path

import pytest
from reportlab.platypus import Paragraph

from salesdesk.documents.fonts import BoldParagraph
from salesdesk.documents.layout import DocumentStart, build, styles
from salesdesk.documents.visit_summary import render_day, render_visit_summary
from tests.unit.documents.visit_samples import DISCUSSION, visit_summary


def run(*cmd: str | Path) -> str:
    return subprocess.run([str(c) for c in cmd], check=True, capture_output=True,
                          text=True).stdout


def text_of(pdf: Path, page: int | None = None) -> str:
    pages = ["-f", str(page), "-l", str(page)] if page else []
    return run("pdftotext", "-layout", *pages, pdf, "-")


def squeezed(text: str) -> str:
    """Text without white space: pdftotext spaces CJK text as it pleases."""
    return re.sub(r"\s+", "", text)


def page_count(pdf: Path) -> int:
    return int(re.search(r"^Pages:\s+(\d+)", run("pdfinfo", pdf), re.M).group(1))  # type: ignore[union-attr]


def test_the_summary_shows_the_visit_its_prices_and_promises(tmp_path: Path) -> None:
    pdf = tmp_path / "visit.pdf"
    render_visit_summary(visit_summary(), pdf)
    text = squeezed(text_of(pdf))
    for expected in ("苏州恒通金属制品有限公司", "拜访纪要", "杭州墙煌建材有限公司",
                     "浙江省杭州市余杭区良渚街道好运路88号", "2026年12月3日14:30",
                     "王建国（采购经理）、陈静（工程部）", "回访上批铝单板的使用情况",
                     "希望我们派技术员到现场看一下", "二期约1,200吨铝单板", "上批货表面有轻微色差",
                     "佛山金盛铝业", "3mm氟碳铝单板", "28,000CNY/t", "28,800CNY/t",
                     "26,500.50CNY/t", "三天内寄送3mm氟碳铝单板样板两块", "2026年12月6日",
                     "安排技术员到现场查看色差问题", "2026年12月10日", "以往未完成的承诺",
                     "补发上月对账单", "2026年11月12日", "2026年11月20日（已逾期）",
                     "提供防火检测报告", "客户签字", "销售代表签字", "日期"):
        assert expected in text, expected
    # Not yet due on the day of the visit: not marked.
    assert "2026年12月15日（已逾期）" not in text


def test_english_labels_and_a_file_object(tmp_path: Path) -> None:
    out = io.BytesIO()
    render_visit_summary(visit_summary(), out, language="en")
    pdf = tmp_path / "visit-en.pdf"
    pdf.write_bytes(out.getvalue())
    text = text_of(pdf)
    for expected in ("Visit Summary", "People met", "Competitor quotes", "Their price",
                     "Promises made", "Open promises from earlier visits", "2026-11-20 (overdue)",
                     "Customer signature", "Page 1 of 2"):
        assert expected in text, expected
    assert "拜访纪要" not in text


def test_every_font_is_embedded_as_a_subset(tmp_path: Path) -> None:
    pdf = tmp_path / "visit.pdf"
    render_visit_summary(visit_summary(), pdf)
    rows = run("pdffonts", pdf).splitlines()[2:]
    assert rows, "no fonts listed"
    for row in rows:
        name, *_, emb, sub, _uni, _obj, _gen = row.split()
        assert (emb, sub) == ("yes", "yes"), row
        assert "+WenQuanYiMicroHei" in name, row


def test_a_long_discussion_flows_onto_the_next_page_with_numbered_footers(tmp_path: Path) -> None:
    pdf = tmp_path / "long.pdf"
    render_visit_summary(visit_summary(long=True), pdf)
    pages = page_count(pdf)
    assert pages >= 2
    for n in range(1, pages + 1):
        page = squeezed(text_of(pdf, n))
        assert f"第{n}页/共{pages}页" in page
        assert "杭州墙煌建材有限公司" in page  # the footer names the customer on every page
    # The discussion is all there: 40 copies, but for the one a page break cuts in two.
    copies = sum(squeezed(text_of(pdf, n)).count(squeezed(DISCUSSION)) for n in range(1, pages + 1))
    assert copies >= 40 - (pages - 1)
    assert "销售代表签字" in text_of(pdf, pages)
    # Chinese typesetting: no line begins with a comma or a full stop.
    starts = [line.strip()[:1] for line in text_of(pdf).splitlines() if line.strip()]
    assert not set(starts) & set("，。、；：）"), sorted(set(starts))


def test_a_day_prints_each_visit_on_its_own_pages(tmp_path: Path) -> None:
    customers = ["杭州墙煌建材有限公司", "宁波华美门窗有限公司", "东莞鑫源金属制品厂",
                 "成都天成幕墙工程有限公司"]
    visits = [visit_summary(customer=c, starts_at=datetime(2026, 12, 3, 9 + 2 * n),
                            promises=1, long=(n == 1))
              for n, c in enumerate(customers)]
    pdf = tmp_path / "day.pdf"
    render_day(visits, pdf)
    footers = []
    for n in range(1, page_count(pdf) + 1):
        page = squeezed(text_of(pdf, n))
        shown = [c for c in customers if c in page]
        assert len(shown) == 1, (n, shown)  # one visit per page
        number = re.search(r"第(\d+)页/共(\d+)页", page)
        assert number
        footers.append((shown[0], int(number[1]), int(number[2])))
        if number[1] == "1":
            assert "拜访纪要" in page and "拜访时间" in page  # a visit starts at the top
    # In the order given, each visit numbered from 1 to its own page count.
    assert [c for c, page, _ in footers if page == 1] == customers
    for customer in customers:
        own = [(page, total) for c, page, total in footers if c == customer]
        assert own == [(n, len(own)) for n in range(1, len(own) + 1)]
    assert len([f for f in footers if f[0] == customers[1]]) >= 2  # the long one


def test_render_day_needs_a_visit(tmp_path: Path) -> None:
    with pytest.raises(ValueError):
        render_day([], tmp_path / "empty.pdf")


def darkness(pdf: Path, tmp_path: Path) -> float:
    """Mean ink of page 1 rendered in grey (0 = white)."""
    stem = tmp_path / pdf.stem
    run("pdftoppm", "-r", "100", "-gray", "-f", "1", "-l", "1", pdf, stem)
    data = next(tmp_path.glob(f"{pdf.stem}*.pgm")).read_bytes()
    header = re.match(rb"P5\s+(\d+)\s+(\d+)\s+255\s", data)
    assert header
    pixels = data[header.end():]
    return sum(255 - p for p in pixels) / len(pixels)


def test_bold_chinese_is_drawn_heavier_than_regular(tmp_path: Path) -> None:
    st = styles()
    text = "沟通内容 客户需求 不满意之处 收货问题 " * 6
    for name, kind in (("regular", Paragraph), ("bold", BoldParagraph)):
        build(str(tmp_path / f"{name}.pdf"), [DocumentStart("", "{page}"), kind(text, st.body)],
              name)
    regular = darkness(tmp_path / "regular.pdf", tmp_path)
    bold = darkness(tmp_path / "bold.pdf", tmp_path)
    assert bold > regular * 1.25, (regular, bold)
    assert squeezed(text_of(tmp_path / "bold.pdf")).startswith(squeezed(text)[:20])


def test_the_letterhead_carries_the_company_logo(tmp_path: Path) -> None:
    from PIL import Image as PILImage

    logo = tmp_path / "logo.png"
    PILImage.new("RGB", (400, 120), (200, 30, 40)).save(logo)
    pdf = tmp_path / "logo.pdf"
    render_visit_summary(replace(visit_summary(), logo=logo), pdf)
    images = run("pdfimages", "-list", pdf).splitlines()[2:]
    assert [row.split()[0] for row in images] == ["1"]  # on the first page, once
    assert "苏州恒通金属制品有限公司" in text_of(pdf, 1)


def test_summaries_render_from_several_threads_at_once(tmp_path: Path) -> None:
    outs = [io.BytesIO() for _ in range(4)]
    threads = [threading.Thread(target=render_visit_summary, args=(visit_summary(), out))
               for out in outs]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    for n, out in enumerate(outs):
        (tmp_path / f"{n}.pdf").write_bytes(out.getvalue())
        assert "杭州墙煌建材有限公司" in text_of(tmp_path / f"{n}.pdf", 1)
