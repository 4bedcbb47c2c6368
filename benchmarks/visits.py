"""Visit benchmarks: printing visit summaries (拜访纪要) as PDF; the overdue-contacts list.

Prints one JSON object per line: ``{"metric": NAME, "value": NUMBER, "unit": UNIT}``.
Run: ``python benchmarks/visits.py`` (see benchmarks/README.md for what each figure means).
The summaries are the tests' samples (``tests/unit/documents/visit_samples.py``): all labels and
sections filled, two competitor quotes, two open promises from earlier visits.
"""

from __future__ import annotations

import io
import json
import statistics
import sys
import time
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks._visits_store import NOW, ensure_store  # noqa: E402
from salesdesk.documents.visit_summary import render_day, render_visit_summary  # noqa: E402
from tests.unit.documents.visit_samples import visit_summary  # noqa: E402

OVERDUE_ROUNDS = 15
ONE_ROUNDS = 30
DAY_ROUNDS = 5
DAY_VISITS = 20


def emit(metric: str, value: float, unit: str) -> None:
    print(json.dumps({"metric": metric, "value": round(value, 3), "unit": unit}), flush=True)


def timed_ms(action: Callable[[], None]) -> float:
    start = time.perf_counter()
    action()
    return (time.perf_counter() - start) * 1000


def main() -> None:
    one = visit_summary(promises=10)
    emit("visit_pdf_cold_ms", timed_ms(lambda: render_visit_summary(one, io.BytesIO())), "ms")
    samples = [timed_ms(lambda: render_visit_summary(one, io.BytesIO()))
               for _ in range(ONE_ROUNDS)]
    emit("visit_pdf_ms", statistics.median(samples), "ms")

    start = datetime(2026, 12, 3, 8, 30)
    day = [visit_summary(promises=3, customer=f"第 {n + 1} 家客户建材有限公司",
                         starts_at=start + timedelta(minutes=25 * n)) for n in range(DAY_VISITS)]
    out = io.BytesIO()
    render_day(day, out)
    print(f"# day PDF: {len(out.getvalue()) / 1024:.0f} KiB", file=sys.stderr)
    samples = [timed_ms(lambda: render_day(day, io.BytesIO())) for _ in range(DAY_ROUNDS)]
    emit("day_pdf_ms", statistics.median(samples), "ms")


def measure_overdue() -> None:
    """``overdue_contacts_ms``: the real ``VisitService.overdue()`` (the Visits page's panel,
    first 200 rows with reasons, and the count) on 100,000 customers and 1,000,000 visits;
    median of OVERDUE_ROUNDS after one warm-up call."""
    from salesdesk.db.session import create_store_engine, session_factory
    from salesdesk.domain.due import SHANGHAI
    from salesdesk.services.visits.plans import VisitService

    engine = create_store_engine(ensure_store())
    service = VisitService(session_factory(engine), zone=SHANGHAI, now=lambda: NOW)
    first = service.overdue()
    print(f"# overdue: {first.total} customers overdue; first: {first.rows[0].reason}",
          file=sys.stderr)
    def overdue() -> None:
        service.overdue()

    samples = [timed_ms(overdue) for _ in range(OVERDUE_ROUNDS)]
    emit("overdue_contacts_ms", statistics.median(samples), "ms")
    engine.dispose()


if __name__ == "__main__":
    if "--only" in sys.argv and "overdue" in sys.argv:
        measure_overdue()
    else:
        main()
        measure_overdue()
