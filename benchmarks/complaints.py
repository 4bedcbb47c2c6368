"""Complaint benchmarks: the committed clock.

Prints one JSON object per line: ``{"metric": NAME, "value": NUMBER, "unit": UNIT}``.
Run: ``python benchmarks/complaints.py`` (see benchmarks/README.md for what each figure means);
``--only deadline`` runs one figure. One function per figure.
"""

from __future__ import annotations

import json
import statistics
import sys
import time
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from salesdesk.domain.business_calendar import china_calendar  # noqa: E402
from salesdesk.domain.complaint_clock import (  # noqa: E402
    DEFAULT_POLICY,
    Pause,
    Severity,
    deadlines,
)

SHANGHAI = ZoneInfo("Asia/Shanghai")
DEADLINE_CALLS = 2_000  # per sample
DEADLINE_SAMPLES = 15


def emit(metric: str, value: float, unit: str) -> None:
    print(json.dumps({"metric": metric, "value": round(value, 3), "unit": unit}), flush=True)


def measure_deadline_us() -> None:
    """``deadline_us``: one complaint's deadlines (first contact and resolution) across a
    month-long pause over Mid-Autumn and National Day, on the shipped China calendar built once
    (as the app keeps it). Median over samples of the mean of DEADLINE_CALLS calls."""
    calendar = china_calendar()
    received = datetime(2026, 9, 22, 10, 15, tzinfo=SHANGHAI)
    pauses = [Pause(datetime(2026, 9, 23, 16, 40, tzinfo=SHANGHAI),
                    datetime(2026, 10, 23, 11, 5, tzinfo=SHANGHAI), "waiting for the lab report")]
    now = datetime(2026, 10, 26, 9, 30, tzinfo=SHANGHAI)
    targets = DEFAULT_POLICY.for_severity(Severity.NORMAL)
    start = time.perf_counter()
    first = deadlines(received, targets, calendar, pauses, now)
    print(f"# cold (builds the calendar's years): {(time.perf_counter() - start) * 1e6:.0f} µs; "
          f"deadlines {first.first_contact.astimezone(SHANGHAI):%Y-%m-%d %H:%M} / "
          f"{first.resolution.astimezone(SHANGHAI):%Y-%m-%d %H:%M}", file=sys.stderr)
    samples = []
    for _ in range(DEADLINE_SAMPLES):
        start = time.perf_counter()
        for _ in range(DEADLINE_CALLS):
            deadlines(received, targets, calendar, pauses, now)
        samples.append((time.perf_counter() - start) / DEADLINE_CALLS * 1e6)
    emit("deadline_us", statistics.median(samples), "us")


FIGURES = {"deadline": measure_deadline_us}


def main(argv: list[str]) -> None:
    only = argv[argv.index("--only") + 1:] if "--only" in argv else list(FIGURES)
    unknown = [name for name in only if name not in FIGURES]
    if unknown:
        sys.exit(f"unknown figure(s): {', '.join(unknown)}; have: {', '.join(FIGURES)}")
    for name in only:
        FIGURES[name]()


if __name__ == "__main__":
    main(sys.argv[1:])
