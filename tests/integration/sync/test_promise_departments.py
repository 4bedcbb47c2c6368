"""A promise that an HQ department must deliver reaches that department's staff: the
salesperson makes it offline, both laptops sync with a real HQ process (SQLite and
PostgreSQL), and the logistics clerk's laptop lists it — across all customers — and no
other department's. The clerk records it kept; the salesperson's next sync shows it."""

from __future__ import annotations

import subprocess
import sys
from datetime import timedelta
from zoneinfo import ZoneInfo

from salesdesk.db.models import Customer
from salesdesk.domain.ids import uuid7
from salesdesk.domain.people import Role
from salesdesk.domain.promises import PromiseStatus
from salesdesk.services.promises import PromiseDraft, PromiseFilter, PromiseService, PromiseView
from tests.hqtest.server import REPO

SHANGHAI = ZoneInfo("Asia/Shanghai")


def set_department(hq_url: str, username: str, department: str) -> None:
    """HQ's command line, as the office runs it."""
    subprocess.run(
        [sys.executable, "-m", "salesdesk.hq", "user", "department", username, department,
         "--db", hq_url],
        check=True, cwd=REPO, capture_output=True,
    )


def test_hq_staff_see_the_promises_their_department_must_deliver(laptops, hq_url):
    sales, clerk = laptops(Role.SALES), laptops(Role.HQ)
    set_department(hq_url, clerk.username, "logistics")
    sales.sync()  # the people first: a customer names its salesperson
    customer_id = uuid7()
    sales.edit(lambda s: s.add(Customer(id=customer_id, name="佛山金宇门窗有限公司",
                                        assigned_to_id=sales.user_id)))
    mine = PromiseService(sales.factory, SHANGHAI)
    due = mine.today() + timedelta(days=3)
    freight = mine.make(PromiseDraft(customer_id, "下周二前发货，车号提前告知", due,
                                     made_to="采购部李工", department="logistics")).id
    mine.make(PromiseDraft(customer_id, "寄检测报告", due, department="quality"))
    mine.make(PromiseDraft(customer_id, "周五回访", due))
    sales.sync()

    clerk.sync()
    office = PromiseService(clerk.factory, SHANGHAI)
    assert office.my_department() == "logistics"
    [row] = office.for_my_department()
    assert (row.id, row.customer_name, row.to_whom, row.due) == (
        freight, "佛山金宇门窗有限公司", "采购部李工", due)
    assert row.made_by == sales.username  # the salesperson's display name (= username here)
    office.close(freight, PromiseStatus.KEPT)
    clerk.sync()

    sales.sync()
    [kept] = mine.find(PromiseFilter(PromiseView.CLOSED)).rows
    assert (kept.id, kept.status) == (freight, PromiseStatus.KEPT)
    rate = mine.kept_rates(due - timedelta(days=30), due).mine
    assert rate is not None and (rate.kept, rate.broken, rate.rate) == (1, 0, 1.0)


def test_a_salesperson_has_no_department_list(laptops):
    sales = laptops(Role.SALES)
    sales.sync()
    assert PromiseService(sales.factory, SHANGHAI).for_my_department() == []
