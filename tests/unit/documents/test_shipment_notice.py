"""The printed shipment notice, read back as poppler sees it: the five elements in Chinese, the
apology on an update, the font embedded."""

from __future__ import annotations

import re
import subprocess
from datetime import UTC, datetime, timedelta, timezone
from decimal import Decimal
from pathlib import Path

from salesdesk.documents.shipment_notice import file_name, notice_pdf, render_notice
from salesdesk.domain.shipment_text import NoticeText
from salesdesk.domain.shipments import NoticeLine

SHANGHAI = timezone(timedelta(hours=8))


def notice(lines: int = 2, **kw: object) -> NoticeText:
    base: dict[str, object] = {
        "customer": "苏州墙煌建材有限公司",
        "company": "华东彩涂金属材料有限公司",
        "lines": tuple(NoticeLine(f"镀锌卷 DX51D 1.0×1250 第{i}卷", Decimal("25.5"), "t",
                                  f"B26{i:02d}") for i in range(1, lines + 1)),
        "ship_time": datetime(2026, 12, 3, 6, 30, tzinfo=UTC),
        "truck_plate": "粤B12345",
        "driver_name": "张师傅",
        "driver_phone": "13800138000",
        "eta": datetime(2026, 12, 5, 2, 0, tzinfo=UTC),
        "carrier": "顺达物流",
        "order_ref": "SO-2026-118",
    }
    base.update(kw)
    return NoticeText(**base)  # type: ignore[arg-type]


def pdf_text(pdf: bytes, tmp_path: Path) -> str:
    path = tmp_path / "n.pdf"
    path.write_bytes(pdf)
    out = subprocess.run(["pdftotext", "-layout", str(path), "-"], check=True,
                         capture_output=True, text=True).stdout
    return re.sub(r"\s+", "", out)


def test_the_notice_carries_the_five_elements_in_chinese(tmp_path: Path) -> None:
    text = pdf_text(notice_pdf(notice(), SHANGHAI, notice_no="FH20261203-01"), tmp_path)
    for expected in ("华东彩涂金属材料有限公司", "发货通知", "致：苏州墙煌建材有限公司",
                     "FH20261203-01", "产品规格和数量", "镀锌卷DX51D1.0×1250第1卷", "25.5", "吨",
                     "B2601", "发货时间", "12月3日14:30", "车号", "粤B12345", "司机联系电话",
                     "13800138000", "预计到达时间", "12月5日10:00", "顺达物流", "SO-2026-118"):
        assert expected in text, expected
    assert "抱歉" not in text


def test_an_update_says_sorry_with_the_old_and_new_eta(tmp_path: Path) -> None:
    update = notice(previous_eta=datetime(2026, 12, 4, 2, 0, tzinfo=UTC))
    text = pdf_text(notice_pdf(update, SHANGHAI), tmp_path)
    assert "发货通知（更新）" in text
    assert "非常抱歉：预计到达时间由12月4日10:00改为12月5日10:00" in text


def test_english_and_a_path(tmp_path: Path) -> None:
    path = tmp_path / "en.pdf"
    render_notice(notice(language="en", customer="Suzhou Qianghuang"), SHANGHAI, str(path))
    text = pdf_text(path.read_bytes(), tmp_path)
    for expected in ("Shipmentnotice", "To:SuzhouQianghuang", "Truckplate", "粤B12345",
                     "Estimatedarrival", "5Dec10:00"):
        assert expected in text, expected


def test_the_font_is_embedded_as_a_subset(tmp_path: Path) -> None:
    path = tmp_path / "n.pdf"
    path.write_bytes(notice_pdf(notice(10), SHANGHAI))
    fonts = subprocess.run(["pdffonts", str(path)], check=True, capture_output=True,
                           text=True).stdout.splitlines()[2:]
    assert fonts and all(re.search(r"\byes\s+yes\b", line) for line in fonts), fonts
    assert all("+" in line.split()[0] for line in fonts)  # ABCDEF+Name: a subset


def test_a_file_name_in_chinese_without_characters_a_file_system_refuses() -> None:
    assert file_name(notice(customer="A/B公司"), "FH1") == "发货通知-FH1-A_B公司.pdf"
