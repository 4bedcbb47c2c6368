"""Shipment notices and their mail: one function per figure, each printing one JSON line.

    python benchmarks/shipments.py                            # every figure
    python benchmarks/shipments.py --only outbox_send_per_s   # one of them

``outbox_send_per_s``: 500 queued mails (Chinese subject, text and HTML, a ~30 KB PDF-like
attachment with a Chinese name), queued beforehand in one transaction (not measured), sent by
``MailSender.send_due`` to a local SMTP server (aiosmtpd on 127.0.0.1 in a process of its own,
``tests/mailtest/serve.py``, counting what arrives, keeping nothing) over one reused
connection, each mail claimed and its answer recorded in transactions as in the app. Mails
per second of wall time for the whole round; the median of three rounds. Target ≥ 100.
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
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

if TYPE_CHECKING:
    from sqlalchemy.orm import sessionmaker

    from salesdesk.db.session import LocalSession

MAILS = 500
ATTACHMENT_BYTES = 30_000
ROUNDS = 3  # the median round is the figure (other processes share the two cores)
SENDER = "张三 <zhang@salesdesk.cn>"


def emit(metric: str, value: float, unit: str) -> None:
    print(json.dumps({"metric": metric, "value": round(value, 3), "unit": unit}), flush=True)


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


FIGURES: dict[str, Callable[[], None]] = {
    "outbox_send_per_s": outbox_send_per_s,
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--only", choices=sorted(FIGURES), action="append")
    args = parser.parse_args()
    for name in args.only or FIGURES:
        FIGURES[name]()


if __name__ == "__main__":
    main()
