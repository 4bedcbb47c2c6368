"""The complaint receipt and the resolution letter, read back with poppler: the complaint
restated in the customer's words, its reference, the committed contact time in words and as
a time; the letter's solution and the satisfaction question; English labels."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from salesdesk.documents.complaint_receipt import (
    ComplaintFacts,
    Receipt,
    ResolutionLetter,
    render_receipt,
    render_resolution_letter,
)
from tests.unit.documents.test_visit_summary import page_count, squeezed, text_of

FACTS = ComplaintFacts(
    company="苏州恒通金属制品有限公司", customer="杭州墙煌建材有限公司", contact="王经理",
    reference="TS-20261203-7K2Q-1", received_at=datetime(2026, 12, 3, 10, 0), category="质量",
    description="上周到货的铝单板表面有色差，批号 B-0917，共 20 张。", received_by="李娜",
    batch_no="B-0917")


def test_the_receipt_restates_the_complaint_reference_and_committed_time(tmp_path: Path) -> None:
    pdf = tmp_path / "receipt.pdf"
    render_receipt(Receipt(FACTS, "我们会在今天下午 3:30 之前与您联系",
                           datetime(2026, 12, 3, 15, 30)), pdf)
    assert page_count(pdf) == 1
    text = squeezed(text_of(pdf))
    for expected in ("投诉受理回执", "TS-20261203-7K2Q-1", "杭州墙煌建材有限公司", "王经理",
                     "2026年12月3日10:00", "李娜", "质量", "B-0917",
                     "上周到货的铝单板表面有色差，批号B-0917，共20张。",
                     "我们会在今天下午3:30之前与您联系（2026年12月3日15:30）",
                     "已进入我们的投诉处理流程", "第1页/共1页"):
        assert expected in text, expected


def test_the_resolution_letter_says_what_was_done_and_asks_about_satisfaction(
        tmp_path: Path) -> None:
    pdf = tmp_path / "letter.pdf"
    render_resolution_letter(ResolutionLetter(FACTS, datetime(2026, 12, 7, 16, 0),
                                              "已免费更换20张铝单板，并加强出厂色差检验。",
                                              signed_by="李娜"), pdf)
    text = squeezed(text_of(pdf))
    for expected in ("投诉处理结果函", "TS-20261203-7K2Q-1", "尊敬的王经理：",
                     "已免费更换20张铝单板", "2026年12月7日16:00", "是否满意",
                     "苏州恒通金属制品有限公司"):
        assert expected in text, expected


def test_english_labels(tmp_path: Path) -> None:
    pdf = tmp_path / "receipt-en.pdf"
    render_receipt(Receipt(FACTS, "We will contact you by 3:30 pm today",
                           datetime(2026, 12, 3, 15, 30)), pdf, language="en")
    text = text_of(pdf)
    assert "Complaint Acknowledgement" in text
    assert "We will contact you by 3:30 pm today (2026-12-03 15:30)" in text
    assert "Page 1 of 1" in text


def test_receipts_and_visit_summaries_render_from_many_threads_at_once(tmp_path: Path) -> None:
    """ReportLab subsets the embedded font when a PDF is saved, reading the font file through
    one shared cursor: two saves at once made glyphs of one PDF from the other's offsets
    (a KeyError in makeSubset, or a blank PDF) until saves were made one at a time."""
    import io
    import threading

    from salesdesk.documents.visit_summary import render_visit_summary
    from tests.unit.documents.test_visit_summary import visit_summary

    outs = [io.BytesIO() for _ in range(40)]
    failures: list[BaseException] = []

    def render(n: int) -> None:
        try:
            if n % 2:
                render_visit_summary(visit_summary(), outs[n])
            else:
                render_receipt(Receipt(FACTS, "我们会在今天下午 3:30 之前与您联系",
                                       datetime(2026, 12, 3, 15, 30)), outs[n])
        except BaseException as exc:  # reported below, from the main thread
            failures.append(exc)

    threads = [threading.Thread(target=render, args=(n,)) for n in range(len(outs))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert failures == []
    for n, out in enumerate(outs):
        (tmp_path / f"{n}.pdf").write_bytes(out.getvalue())
        expected = "杭州墙煌建材有限公司"
        assert expected in squeezed(text_of(tmp_path / f"{n}.pdf")), n
