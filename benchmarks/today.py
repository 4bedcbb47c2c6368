"""``today_page_ms``: from opening the Today page to its rows painted, on 100,000 customers,
1,000,000 visits and 300,000 promises (``benchmarks/visit_data.py``).

The page is built as the main window builds it (services, runner and error reporter already
exist in a running app), resized and shown; the clock stops in the paint event of the
promises list once the page holds its read (today's visits, promises overdue and due today,
the customers overdue a visit). Median of 5 openings after one warm-up (the warm-up pays for
importing SQLAlchemy and the first connection, which the app does right after its first
paint). Prints one JSON object per line, like the other benchmarks.
Run: ``python benchmarks/today.py``.
"""

from __future__ import annotations

import json
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.visit_data import visit_store  # noqa: E402

OPENINGS = 6  # the first is the warm-up


def emit(metric: str, value: float, unit: str) -> None:
    print(json.dumps({"metric": metric, "value": round(value, 3), "unit": unit}), flush=True)


def measure_today(data_dir: Path) -> None:
    from PySide6.QtCore import QEvent, QObject
    from PySide6.QtWidgets import QApplication

    from salesdesk.paths import Paths
    from salesdesk.services.container import AppServices
    from salesdesk.settings import Settings
    from salesdesk.ui.errors import ErrorReporter
    from salesdesk.ui.tasks import TaskRunner
    from salesdesk.ui.today.page import TodayPage

    app = QApplication.instance() or QApplication(sys.argv[:1])
    paths = Paths.default(data_dir)
    services = AppServices(paths, Settings.load(paths.settings))
    runner = TaskRunner()
    errors = ErrorReporter(paths.crash_reports)

    class PaintWatch(QObject):
        def __init__(self, page: TodayPage) -> None:
            super().__init__()
            self.page = page
            self.painted_at: float | None = None

        def eventFilter(self, obj: QObject, event: QEvent) -> bool:
            if (event.type() == QEvent.Type.Paint and self.painted_at is None
                    and self.page.shown() is not None):
                self.painted_at = time.perf_counter()
            return False

    samples: list[float] = []
    for attempt in range(OPENINGS):
        started = time.perf_counter()
        page = TodayPage(services, runner, errors)
        watch = PaintWatch(page)
        for section in (page.visits, page.promises, page.contacts):
            section.installEventFilter(watch)
        page.resize(1280, 760)
        page.show()
        deadline = time.perf_counter() + 30
        while watch.painted_at is None and time.perf_counter() < deadline:
            app.processEvents()
        if watch.painted_at is None:
            raise SystemExit("the Today page never painted its rows")
        view = page.shown()
        assert view is not None
        if attempt == 0:
            print(f"# today: {len(view.visits)} visits, {view.overdue_promise_count} promises "
                  f"overdue, {view.due_promise_count} due today, "
                  f"{view.overdue_contacts.total} customers overdue a visit", file=sys.stderr)
        else:
            samples.append((watch.painted_at - started) * 1000)
        page.close()
        page.deleteLater()
        app.processEvents()
    emit("today_page_ms", statistics.median(samples), "ms")
    runner.shutdown()
    services.close()


if __name__ == "__main__":
    measure_today(visit_store())
