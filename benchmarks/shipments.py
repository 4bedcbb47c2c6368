"""Shipment notices and their mail, one function per figure:

- ``notice_pdf_ms``: the median time to render a 10-line notice to PDF bytes, warm (the font
  registered and the first render done); target ≤ 30 ms.
- ``shipments_page_ms``: from opening the Shipments page (on the road, the tab it opens on) to
  its rows painted, with 50,000 notices of 2,000 customers in the store (a fresh store built
  here: most delivered, a few hundred on the road, some drafts); median of 5 after a warm-up,
  each opening left to finish its reads; target ≤ 100 ms.
- ``outbox_send_per_s``: 500 queued mails (Chinese subject, text and HTML, a ~30 KB PDF-like
  attachment with a Chinese name), queued beforehand in one transaction (not measured), sent by
  ``MailSender.send_due`` to a local SMTP server (aiosmtpd on 127.0.0.1 in a process of its own,
  ``tests/mailtest/serve.py``, counting what arrives, keeping nothing) over one reused
  connection, each mail claimed and its answer recorded in transactions as in the app. Mails
  per second of wall time for the whole round; the median of three rounds. Target ≥ 100.

Prints one JSON object per line, like the other benchmarks.
Run: ``python benchmarks/shipments.py [--only notice_pdf|shipments_page|outbox_send_per_s]``.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Mapping, Sequence
from datetime import UTC, datetime
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

RENDERS = 30
MAILS = 500
ATTACHMENT_BYTES = 30_000
ROUNDS = 3  # the median round is the figure (other processes share the two cores)
SENDER = "张三 <zhang@salesdesk.cn>"

if TYPE_CHECKING:
    from sqlalchemy.orm import sessionmaker

    from salesdesk.db.session import LocalSession


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


NOTICES = 50_000
CUSTOMERS = 2_000
OPENINGS = 6  # the first is the warm-up


def _insert_all(conn: object, table: str, rows: Sequence[Mapping[str, object]]) -> None:
    """Bulk rows, every NOT NULL column the row leaves out given a neutral value."""
    import sqlite3

    assert isinstance(conn, sqlite3.Connection)
    columns = [(name, kind, notnull) for _, name, kind, notnull, _, _
               in conn.execute(f"PRAGMA table_info({table})")]  # fixed table names
    names = [c[0] for c in columns if c[0] in rows[0] or c[2]]
    neutral = {c[0]: 0 if c[1].upper().startswith(("INT", "BOOL", "BIGINT", "NUMERIC"))
               else "[]" if c[1].upper() == "JSON" else "" for c in columns}
    stamp = "2026-12-01 00:00:00.000000"
    neutral.update(created_at=stamp, updated_at=stamp)
    sql = f"INSERT INTO {table} ({', '.join(names)}) VALUES ({', '.join('?' * len(names))})"
    conn.executemany(sql, [tuple(r.get(n, neutral[n]) for n in names) for r in rows])


def shipment_store(folder: Path) -> Path:
    """A fresh store with CUSTOMERS customers and NOTICES notices (one line each): a third on
    the road (some late, some due today), most delivered, a few drafts. Seeded."""
    import random
    import sqlite3
    import uuid
    from datetime import UTC, datetime, timedelta

    from salesdesk.db import migrate

    store = folder / "salesdesk.sqlite3"
    migrate.upgrade(store, folder / "backups")
    rng = random.Random(14)
    now = datetime.now(UTC)

    def at(moment: datetime) -> str:
        return moment.strftime("%Y-%m-%d %H:%M:%S.%f")

    customers = [{"id": uuid.UUID(int=i + 1).hex, "name": f"客户{i:05d}建材有限公司",
                  "name_key": f"客户{i:05d}"} for i in range(CUSTOMERS)]
    notices, lines = [], []
    for i in range(NOTICES):
        nid = uuid.UUID(int=10**9 + i).hex
        ship = now - timedelta(hours=rng.uniform(-24, 24 * 200))
        eta = ship + timedelta(hours=rng.uniform(6, 72))
        status = "arrived" if ship < now - timedelta(days=4) else rng.choice(("sent", "sent",
                                                                             "draft"))
        notices.append({
            "id": nid, "customer_id": customers[rng.randrange(CUSTOMERS)]["id"],
            "notice_no": f"FH{i:06d}", "ship_time": at(ship), "eta": at(eta),
            "first_eta": at(eta), "status": status, "truck_plate": f"粤B{i % 100000:05d}",
            "driver_name": "张师傅", "driver_phone": f"138{i:08d}", "language": "zh",
            "arrived_at": at(eta + timedelta(hours=rng.uniform(-6, 12)))
            if status == "arrived" else None,
        })
        lines.append({"id": uuid.UUID(int=2 * 10**9 + i).hex, "notice_id": nid,
                      "spec": "PVDF氟碳彩涂铝卷 0.8×1250", "quantity": 25500, "unit": "t"})
    conn = sqlite3.connect(store)
    with conn:
        _insert_all(conn, "customers", customers)
        _insert_all(conn, "shipment_notices", notices)
        _insert_all(conn, "shipment_lines", lines)
    conn.close()
    return folder


def measure_shipments_page() -> None:
    import tempfile

    from PySide6.QtCore import QEvent, QObject
    from PySide6.QtWidgets import QApplication

    from salesdesk.paths import Paths
    from salesdesk.services.container import AppServices
    from salesdesk.settings import Settings
    from salesdesk.ui.errors import ErrorReporter
    from salesdesk.ui.shipments.page import ShipmentsPage
    from salesdesk.ui.tasks import TaskRunner

    with tempfile.TemporaryDirectory() as tmp:
        data_dir = shipment_store(Path(tmp))
        app = QApplication.instance() or QApplication(sys.argv[:1])
        paths = Paths.default(data_dir)
        services = AppServices(paths, Settings.load(paths.settings))
        runner = TaskRunner()
        errors = ErrorReporter(paths.crash_reports)

        class PaintWatch(QObject):
            def __init__(self, page: ShipmentsPage) -> None:
                super().__init__()
                self.page = page
                self.painted_at: float | None = None

            def eventFilter(self, obj: QObject, event: QEvent) -> bool:
                if (event.type() == QEvent.Type.Paint and self.painted_at is None
                        and self.page.model.rowCount() > 0):
                    self.painted_at = time.perf_counter()
                return False

        samples: list[float] = []
        for attempt in range(OPENINGS):
            started = time.perf_counter()
            page = ShipmentsPage(services, runner, errors)
            watch = PaintWatch(page)
            page.table.viewport().installEventFilter(watch)
            page.resize(1280, 760)
            page.show()
            deadline = time.perf_counter() + 60
            while watch.painted_at is None and time.perf_counter() < deadline:
                app.processEvents()
            if watch.painted_at is None:
                raise SystemExit("the Shipments page never painted its rows")
            done: list[bool] = []
            page.loaded.connect(partial(done.append, True))
            while not done and time.perf_counter() < deadline:
                app.processEvents()  # the rate and the filter, read after the rows painted
            if attempt == 0:
                print(f"# shipments: {page.model.counts}, {page.model.rowCount()} on the road",
                      file=sys.stderr)
            else:
                samples.append((watch.painted_at - started) * 1000)
            page.close()
            page.deleteLater()
            app.processEvents()
        emit("shipments_page_ms", statistics.median(samples), "ms")
        runner.shutdown()
        services.close()


def outbox_send_per_s() -> None:
    from salesdesk.db import migrate
    from salesdesk.db.session import create_store_engine, session_factory
    from salesdesk.kit.jobs import JobState
    from salesdesk.mail.sender import MailSender, SmtpSettings

    rates: list[float] = []
    with tempfile.TemporaryDirectory() as tmp:
        store = Path(tmp) / "salesdesk.sqlite3"
        migrate.upgrade(store, Path(tmp) / "backups")
        engine = create_store_engine(store)
        factory = session_factory(engine)
        server = subprocess.Popen([sys.executable, "-m", "tests.mailtest.serve"], cwd=ROOT,
                                  stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
        assert server.stdin is not None and server.stdout is not None
        received = -1
        try:
            port = int(server.stdout.readline().split()[1])  # "ready <port>"
            settings = SmtpSettings(host="127.0.0.1", port=port, security="none",
                                    sender=SENDER, login="")
            mail_sender = MailSender(factory, settings, lambda: None)
            for round_no in range(ROUNDS):
                _queue_notices(factory, round_no)
                started, cpu = time.perf_counter(), time.process_time()
                report = mail_sender.send_due(JobState())
                elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu
                if report.sent != MAILS:
                    raise SystemExit(f"round {round_no}: sent {report.sent} of {MAILS}")
                print(f"# {MAILS} mails in {elapsed:.2f} s ({cpu:.2f} s of the sender's CPU)",
                      file=sys.stderr)
                rates.append(MAILS / elapsed)
        finally:
            server.stdin.close()
            received = int(server.stdout.readline().split()[1])  # "received <n>"
            server.wait(10)
            engine.dispose()
    if received != MAILS * ROUNDS:
        raise SystemExit(f"the server received {received} of {MAILS * ROUNDS}")
    emit("outbox_send_per_s", statistics.median(rates), "mails/s")


def _queue_notices(factory: sessionmaker[LocalSession], round_no: int) -> None:
    """500 notices with PDF-like attachments, queued in one transaction (not measured)."""
    from salesdesk.db.session import unit_of_work
    from salesdesk.mail import outbox
    from salesdesk.mail.message import Attachment, OutgoingMail

    rng = random.Random(round_no)
    now = datetime.now(UTC)
    started = time.perf_counter()
    with unit_of_work(factory) as session:
        for n in range(MAILS):
            pdf = b"%PDF-1.4\n" + rng.randbytes(ATTACHMENT_BYTES) + b"\n%%EOF\n"
            number = f"SO-2026-{round_no}{n:04d}"
            outbox.enqueue(session, OutgoingMail(
                to=(f"customer{n}@qianghuang.cn",),
                subject=f"发货通知：{number} 已发货",
                text="王经理您好：\n铝板 12 吨已于今天 08:30 发出，车号浙A·12345，"
                     "司机李师傅 13800138000，预计明天 16:00 到达。\n",
                html="<p>王经理您好：</p><p>铝板 <b>12 吨</b>已于今天 08:30 发出。</p>",
                attachments=(Attachment(f"发货通知单_{number}.pdf", pdf),),
            ), sender=SENDER, now=now)
    print(f"# queued {MAILS} mails in {time.perf_counter() - started:.2f} s", file=sys.stderr)


FIGURES = {"notice_pdf": measure_notice_pdf, "shipments_page": measure_shipments_page,
           "outbox_send_per_s": outbox_send_per_s}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--only", choices=sorted(FIGURES))
    args = parser.parse_args()
    for name, measure in FIGURES.items():
        if args.only in (None, name):
            measure()


if __name__ == "__main__":
    main()
