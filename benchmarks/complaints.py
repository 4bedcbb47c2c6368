"""Complaint benchmarks: the committed clock and the Complaints page.

Prints one JSON object per line: ``{"metric": NAME, "value": NUMBER, "unit": UNIT}``.
Run: ``python benchmarks/complaints.py`` (see benchmarks/README.md for what each figure means);
``--only deadline`` (or ``board``) runs one figure. One function per figure.
"""

from __future__ import annotations

import json
import random
import shutil
import sqlite3
import statistics
import sys
import time
import uuid
from datetime import UTC, datetime, timedelta
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
BENCH_DATA = ROOT / "bench-data"
STORE_VERSION = 1  # bump when the board's generator changes
OPEN_COMPLAINTS = 20_000
CUSTOMERS = 2_000
BOARD_OPENINGS = 6  # the first is the warm-up
# The board is measured at this instant: a Thursday morning in Shanghai.
NOW = datetime(2026, 12, 3, 10, 0, tzinfo=SHANGHAI).astimezone(UTC)


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


def _stamp(at: datetime) -> str:
    return at.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S.%f")


def board_store(path: Path = BENCH_DATA) -> Path:
    """A data directory with :data:`OPEN_COMPLAINTS` open complaints over :data:`CUSTOMERS`
    customers, their deadlines set by the committed clock as the app sets them (received over
    the last three weeks, every severity; a third contacted, one in twenty paused); built
    once and cached under ``bench-data/complaints-<version>-<schema head>/``."""
    from salesdesk.db import migrate
    from salesdesk.domain.business_calendar import china_calendar
    from salesdesk.domain.complaint_clock import DEFAULT_POLICY, Pause, Severity, clock

    directory = path / f"complaints-{STORE_VERSION}-{migrate.HEAD_REVISION}"
    store = directory / "salesdesk.sqlite3"
    if store.exists():
        return directory
    for old in path.glob("complaints-*"):
        shutil.rmtree(old)
    directory.mkdir(parents=True)
    started = time.perf_counter()
    migrate.upgrade(store, directory / "backups")
    rng = random.Random(15)
    calendar = china_calendar()
    now = _stamp(NOW)
    customers = [(uuid.UUID(int=rng.getrandbits(128)).hex, f"测试客户{i:04d}建材有限公司")
                 for i in range(CUSTOMERS)]
    rows = []
    categories = ("quality", "delivery", "service", "billing", "other")
    severities = [s.value for s in Severity]
    for n in range(OPEN_COMPLAINTS):
        received = NOW - timedelta(minutes=rng.randrange(1, 21 * 24 * 60))
        severity = rng.choice(severities)
        contacted = received + timedelta(hours=2) if n % 3 == 0 else None
        paused_at = received + timedelta(minutes=30) if n % 20 == 0 else None
        pauses = [Pause(paused_at)] if paused_at else []
        c = clock(received, DEFAULT_POLICY.for_severity(Severity(severity)), calendar, pauses,
                  paused_at or NOW, contacted_at=contacted if contacted and contacted < NOW
                  else None, resolved_at=None)
        customer = customers[n % CUSTOMERS][0]
        rows.append((
            uuid.UUID(int=rng.getrandbits(128)).hex, customer, f"TS-BENCH-{n}", "phone",
            rng.choice(categories), severity, f"第 {n} 号投诉：铝单板表面色差，批号 B-{n % 977}",
            _stamp(received), "contacted" if contacted else "received",
            _stamp(paused_at) if paused_at else None, _stamp(c.deadlines.first_contact),
            _stamp(c.deadlines.resolution), _stamp(contacted) if contacted else None, now, now,
        ))
    conn = sqlite3.connect(store)
    with conn:
        conn.executemany(
            "INSERT INTO customers (id, name, short_name, name_key, sort_key, category, sales_12m,"
            " industry, tax_id, region, province, city, address, phone, email, website,"
            " credit_terms, tags, notes, created_at, updated_at, server_version) VALUES (?, ?,"
            " '', '', '', 'ordinary', 0, '', '', '', '', '', '', '', '', '', '', '[]', '', ?, ?,"
            " 0)",
            [(cid, name, now, now) for cid, name in customers])
        conn.executemany(
            "INSERT INTO complaints (id, customer_id, reference, contact_name, channel, category,"
            " severity, description, batch_no, received_at, department, status, paused_at,"
            " first_contact_due, resolution_due, contacted_at, satisfaction_comment, created_at,"
            " updated_at, server_version) VALUES (?, ?, ?, '', ?, ?, ?, ?, '', ?, '', ?, ?, ?, ?,"
            " ?, '', ?, ?, 0)", rows)
    conn.close()
    print(f"# built {OPEN_COMPLAINTS:,} complaints in {time.perf_counter() - started:.1f} s",
          file=sys.stderr)
    return directory


def measure_sla_board_ms() -> None:
    """``sla_board_ms``: from building the Complaints page to its table painted with every
    open complaint (20,000), each one's time left computed from its stored deadline on the
    business calendar. Median of 5 openings after one warm-up."""
    from PySide6.QtCore import QEvent, QEventLoop, QObject, QTimer, Signal
    from PySide6.QtWidgets import QApplication

    from salesdesk.paths import Paths
    from salesdesk.services.container import AppServices
    from salesdesk.settings import Settings
    from salesdesk.ui.complaints.page import ComplaintsPage
    from salesdesk.ui.errors import ErrorReporter
    from salesdesk.ui.tasks import TaskRunner

    data_dir = board_store()
    app = QApplication.instance() or QApplication(sys.argv[:1])
    paths = Paths.default(data_dir)
    services = AppServices(paths, Settings.load(paths.settings))
    services.complaints.clock = lambda: NOW
    runner = TaskRunner()
    errors = ErrorReporter(paths.crash_reports)

    class PaintWatch(QObject):
        painted = Signal()

        def __init__(self, page: ComplaintsPage) -> None:
            super().__init__()
            self.page = page
            self.painted_at: float | None = None

        def eventFilter(self, obj: QObject, event: QEvent) -> bool:
            if (event.type() == QEvent.Type.Paint and self.painted_at is None
                    and self.page.model.rowCount() > 0):
                self.painted_at = time.perf_counter()
                QTimer.singleShot(0, self.painted.emit)  # after this paint completes
            return False

    samples: list[float] = []
    for attempt in range(BOARD_OPENINGS):
        started = time.perf_counter()
        page = ComplaintsPage(services, runner, errors)
        watch = PaintWatch(page)
        page.table.viewport().installEventFilter(watch)
        page.resize(1280, 760)
        page.show()
        # Wait as the app's event loop does (a busy processEvents loop would take the GIL from
        # the writer thread reading the rows, and measure that instead).
        loop = QEventLoop()
        watch.painted.connect(loop.quit)
        QTimer.singleShot(60_000, loop.quit)
        loop.exec()
        if watch.painted_at is None:
            raise SystemExit("the Complaints page never painted its rows")
        rows = page.model.rows()
        if attempt == 0:
            print(f"# board: {len(rows):,} open, {sum(r.near for r in rows)} near breach, "
                  f"{sum(r.breached for r in rows):,} breached, {sum(r.paused for r in rows)} "
                  f"paused", file=sys.stderr)
            if len(rows) != OPEN_COMPLAINTS or any(r.left is None for r in rows):
                raise SystemExit("the board did not compute every complaint's time left")
        else:
            samples.append((watch.painted_at - started) * 1000)
        page.close()
        page.deleteLater()
        app.processEvents()
    emit("sla_board_ms", statistics.median(samples), "ms")
    runner.shutdown()
    services.close()


FIGURES = {"deadline": measure_deadline_us, "board": measure_sla_board_ms}


def main(argv: list[str]) -> None:
    only = argv[argv.index("--only") + 1:] if "--only" in argv else list(FIGURES)
    unknown = [name for name in only if name not in FIGURES]
    if unknown:
        sys.exit(f"unknown figure(s): {', '.join(unknown)}; have: {', '.join(FIGURES)}")
    for name in only:
        FIGURES[name]()


if __name__ == "__main__":
    main(sys.argv[1:])
