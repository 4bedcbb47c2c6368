"""The two-laptop walk of README.md: ``salesdesk-hq demo``, then laptops sync what it made.

The demo gives each salesperson visits (done with outcomes, planned for today), competitor
quotes and promises (overdue, due today, for HQ departments), shipment notices, complaints in
every state (some escalated to HQ's quality and logistics), and HQ staff with departments who
see, once synced, what their department must deliver across every customer.
"""

from __future__ import annotations

import subprocess
import sys
import uuid
from datetime import UTC, date, datetime
from pathlib import Path

from salesdesk.domain.due import SHANGHAI
from salesdesk.hq.db import migrate, open_database
from tests.hqtest.laptops import Laptop, server_view
from tests.hqtest.server import REPO, process_server


def test_hq_demo_brings_visits_quotes_and_promises_to_both_kinds_of_laptop(
    tmp_path: Path, template_store: Path
) -> None:
    url = f"sqlite:///{tmp_path / 'hq.sqlite3'}"
    done = subprocess.run(
        [sys.executable, "-m", "salesdesk.hq", "demo", "--db", url], cwd=REPO,
        capture_output=True, text=True, timeout=120, check=False,
    )
    assert done.returncode == 0, done.stderr
    logins = dict(line.split("\t") for line in done.stdout.splitlines())
    assert {"zhangwei", "lina", "hq", "wuqiang", "zhoumin"} <= set(logins)
    migrate(url)
    today = datetime.now(UTC).astimezone(SHANGHAI).date()
    with process_server(url) as base:
        zhang = Laptop(template_store, tmp_path / "zhang.sqlite3", base)
        logistics = Laptop(template_store, tmp_path / "wuqiang.sqlite3", base)
        try:
            zhang.login("zhangwei", logins["zhangwei"])
            zhang.sync()
            logistics.login("wuqiang", logins["wuqiang"])
            logistics.sync()
            db = open_database(url)
            try:
                assert zhang.view() == server_view(db, zhang.user_id)
                assert logistics.view() == server_view(db, None)
            finally:
                db.dispose()
            mine = zhang.view()
            customers = set(mine["customers"])
            visits = mine["visits"].values()
            assert {v["customer_id"] for v in visits} <= {str(c) for c in customers}
            assert any(v["status"] == "done" and v["discussed"] for v in visits)
            assert any(v["status"] == "cancelled" and v["reason"] for v in visits)
            assert any(v["status"] == "planned" and _local_day(v["starts_at"]) == today
                       for v in visits)
            assert mine["visit_events"] and mine["competitor_quotes"]
            notices = mine["shipment_notices"].values()
            assert {n["status"] for n in notices} >= {"arrived", "sent"}
            assert mine["shipment_lines"] and mine["shipment_dispatches"]
            promises = [p for p in mine["promises"].values() if p["status"] == "open"]
            assert any(date.fromisoformat(p["due"]) < today for p in promises)  # overdue
            assert any(date.fromisoformat(p["due"]) == today for p in promises)
            departments = {u["username"]: u["department"]
                           for u in logistics.view()["users"].values()}
            assert departments["wuqiang"] == "logistics" and departments["zhoumin"] == "quality"
            theirs = [p for p in logistics.view()["promises"].values()
                      if p["department"] == "logistics"]
            owners = {logistics.view()["customers"][_uuid(p["customer_id"])]["assigned_to_id"]
                      for p in theirs}
            assert len(owners) == 2  # across both salespeople's customers
            assert any(p["status"] == "open" for p in theirs)
            # Complaints: the salesperson's customers' own, with their histories; HQ's
            # logistics staff gets those escalated to logistics, across both salespeople.
            complaints = mine["complaints"].values()
            assert {c["customer_id"] for c in complaints} <= {str(c) for c in customers}
            assert {c["status"] for c in complaints} >= {"closed", "received"}
            assert {e["complaint_id"] for e in mine["complaint_events"].values()} == {
                str(c) for c in mine["complaints"]}
            escalated = [c for c in logistics.view()["complaints"].values()
                         if c["department"] == "logistics"]
            assert escalated and all(c["status"] not in ("received", "acknowledged")
                                     for c in escalated)
        finally:
            zhang.close()
            logistics.close()


def _local_day(wire: str) -> date:
    return datetime.fromisoformat(wire).astimezone(SHANGHAI).date()


def _uuid(text: str) -> uuid.UUID:
    return uuid.UUID(text)
