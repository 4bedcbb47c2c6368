"""The Visits page through its buttons: plan a visit and find it in the day, week and month
views; reschedule it (history kept, sequence grows); cancel it with a reason (it stays,
shown cancelled); the overdue contacts with their reasons, and planning from them; the
customer view's "Plan visit…"."""

from __future__ import annotations

import sqlite3
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QTime
from PySide6.QtWidgets import QDialog, QPushButton

from salesdesk.domain.due import SHANGHAI
from salesdesk.domain.ids import uuid7
from salesdesk.domain.visits import VisitStatus
from salesdesk.services.visits.records import AgendaVisit
from salesdesk.ui.main_window import MainWindow
from salesdesk.ui.visits.change import CancelVisitDialog, RescheduleDialog
from salesdesk.ui.visits.page import VisitsPage
from salesdesk.ui.visits.plan import PlanVisitDialog
from tests.ui.conftest import close_window, open_window

OLD_FRIEND = "老朋友钢结构有限公司"


def _stamp(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S.%f")


@pytest.fixture
def window(qtbot, demo_data_dir: Path) -> Iterator[MainWindow]:
    """The demo store plus a tier-A customer last visited 41 days ago (so it is overdue)."""
    now = datetime.now(UTC)
    conn = sqlite3.connect(demo_data_dir / "salesdesk.sqlite3")
    customer = uuid7().hex
    conn.execute(
        "INSERT INTO customers (id, created_at, updated_at, server_version, name, short_name,"
        " name_key, sort_key, category, tier, industry, tax_id, region, province, city, address,"
        " phone, email, website, sales_12m, credit_terms, tags, notes)"
        " VALUES (?, ?, ?, 0, ?, '', '', '', 'key', 'A', '', '', '', '', '杭州',"
        " '杭州市滨江区 1 号', '', '', '', 0, '', '[]', '')",
        (customer, _stamp(now - timedelta(days=400)), _stamp(now), OLD_FRIEND),
    )
    visited = now - timedelta(days=41)
    conn.execute(
        "INSERT INTO visits (id, created_at, updated_at, server_version, customer_id, starts_at,"
        " place, contact_ids, purpose, status, reason, sequence, visited_at, met_contact_ids,"
        " met_with, discussed, customer_needs, dislikes, receiving_problems, improvements,"
        " next_step) VALUES (?, ?, ?, 0, ?, ?, '', '[]', '', 'done', '', 1, ?, '[]', '', '', '',"
        " '', '', '', '')",
        (uuid7().hex, _stamp(visited), _stamp(visited), customer, _stamp(visited), _stamp(visited)),
    )
    conn.commit()
    conn.close()
    win = open_window(qtbot, demo_data_dir)
    yield win
    close_window(win)


def open_visits(qtbot, window: MainWindow) -> VisitsPage:
    page = window.visits_page
    with qtbot.waitSignals([page.agenda_shown, page.overdue_shown], timeout=20000):
        window.show_page("visits")
    return page


def shown(page: VisitsPage) -> dict[uuid.UUID, AgendaVisit]:
    return {v.id: v for v in page.visits}


def find_dialog(window: MainWindow, kind: type[QDialog]) -> Any:
    found = [d for d in window.findChildren(kind) if d.isVisible()]
    assert len(found) == 1, found
    return found[0]


def plan_from_page(qtbot, window: MainWindow, page: VisitsPage) -> AgendaVisit:
    page.plan_button.click()
    dialog: PlanVisitDialog = find_dialog(window, PlanVisitDialog)
    dialog.search.setText("墙煌")  # a demo customer, found as in the customer list
    assert dialog.results.count() >= 1
    with qtbot.waitSignal(dialog.customer_loaded, timeout=10000) as loaded:
        dialog.results.itemClicked.emit(dialog.results.item(0))
    customer = loaded.args[0]
    assert dialog.place.text() == customer.address  # the place defaults to the address
    if customer.contacts:
        dialog.check_contact(customer.contacts[0].name)
    dialog.start.setTime(QTime(14, 0))
    dialog.end.setTime(QTime(15, 30))
    dialog.purpose.setText("送样品，谈明年框架协议")
    with qtbot.waitSignal(dialog.planned, timeout=10000) as planned, \
            qtbot.waitSignal(page.agenda_shown, timeout=10000):
        dialog.ok.click()
    visit = planned.args[0].visit
    assert not [d for d in window.findChildren(QDialog) if d.isVisible()]  # closed
    return visit


def test_plan_a_visit_and_see_it_in_the_day_week_and_month_views(qtbot, window) -> None:
    page = open_visits(qtbot, window)
    assert page.mode_buttons["week"].isChecked()
    visit = plan_from_page(qtbot, window, page)
    assert visit.id in shown(page)
    assert visit.starts_at.astimezone(SHANGHAI).strftime("%H:%M") == "14:00"
    line = next(i for i in page.visit_items() if i.data(0, 256) == visit.id)
    assert line.text(0) == "14:00–15:30"
    assert line.text(2) == "送样品，谈明年框架协议"
    assert line.text(4) == "Planned"
    for mode in ("day", "month", "week"):
        with qtbot.waitSignal(page.agenda_shown, timeout=10000):
            page.mode_buttons[mode].click()
        assert visit.id in shown(page), mode
    # Navigation: the next week does not hold it; Today brings it back.
    with qtbot.waitSignal(page.agenda_shown, timeout=10000):
        page.next_button.click()
    assert visit.id not in shown(page)
    with qtbot.waitSignal(page.agenda_shown, timeout=10000):
        page.today_button.click()
    assert visit.id in shown(page)


def test_plan_refuses_a_window_that_ends_before_it_starts(qtbot, window) -> None:
    page = open_visits(qtbot, window)
    page.plan_button.click()
    dialog: PlanVisitDialog = find_dialog(window, PlanVisitDialog)
    dialog.ok.click()  # no customer chosen
    qtbot.waitUntil(dialog.error.isVisible, timeout=10000)
    assert "Customer is required" in dialog.error.text()
    assert dialog.isVisible()
    dialog.reject()


def test_reschedule_keeps_history_and_raises_the_sequence(qtbot, window) -> None:
    page = open_visits(qtbot, window)
    visit = plan_from_page(qtbot, window, page)
    assert page.select_visit(visit.id)
    assert page.reschedule_button.isEnabled()
    page.reschedule_button.click()
    dialog: RescheduleDialog = find_dialog(window, RescheduleDialog)
    dialog.start.setTime(QTime(16, 0))
    dialog.end.setTime(QTime(17, 0))
    dialog.reason.setText("客户临时开会")
    with qtbot.waitSignal(page.agenda_shown, timeout=10000):
        dialog.ok.click()
    moved = shown(page)[visit.id]
    assert moved.sequence == 1
    assert moved.starts_at.astimezone(SHANGHAI).strftime("%H:%M") == "16:00"
    assert page.selected_visit() == moved  # still selected: its history is shown under it
    qtbot.waitUntil(lambda: "moved from" in page.history.text(), timeout=10000)
    assert "14:00" in page.history.text() and "客户临时开会" in page.history.text()


def test_cancel_asks_a_reason_and_the_visit_stays_cancelled(qtbot, window) -> None:
    page = open_visits(qtbot, window)
    visit = plan_from_page(qtbot, window, page)
    page.select_visit(visit.id)
    menu = page.context_menu()  # the same actions as the buttons, from the agenda's menu
    cancel = next(a for a in menu.actions() if a.objectName() == "cancelVisitAction")
    cancel.trigger()
    dialog: CancelVisitDialog = find_dialog(window, CancelVisitDialog)
    dialog.ok.click()  # no reason
    qtbot.waitUntil(dialog.error.isVisible, timeout=10000)
    assert "Reason must be given" in dialog.error.text()
    dialog.reason.setText("客户停产检修")
    with qtbot.waitSignal(page.agenda_shown, timeout=10000):
        dialog.ok.click()
    stays = shown(page)[visit.id]
    assert stays.status is VisitStatus.CANCELLED and stays.sequence == 1
    line = next(i for i in page.visit_items() if i.data(0, 256) == visit.id)
    assert line.text(4) == "Cancelled: 客户停产检修"
    assert line.font(1).strikeOut()
    page.select_visit(visit.id)
    assert not page.reschedule_button.isEnabled() and not page.cancel_button.isEnabled()


def test_overdue_contacts_say_why_and_plan_from_the_list(qtbot, window) -> None:
    page = open_visits(qtbot, window)
    count = page.overdue_list.topLevelItemCount()
    rows = [page.overdue_list.topLevelItem(i) for i in range(count)]
    mine = next(r for r in rows if r is not None and r.text(0) == OLD_FRIEND)
    assert mine.text(1) == "A"
    assert mine.text(2) == "last visit 41 days ago, tier A, every 14 days"
    assert page.overdue_title.text().startswith("Overdue contacts: ")
    page.overdue_list.setCurrentItem(mine)
    with qtbot.waitSignal(page.overdue_shown, timeout=10000):
        page.plan_overdue_button.click()
        dialog: PlanVisitDialog = find_dialog(window, PlanVisitDialog)
        qtbot.waitUntil(lambda: dialog.customer_label.text() == OLD_FRIEND, timeout=10000)
        assert dialog.place.text() == "杭州市滨江区 1 号"
        dialog.ok.click()
    # Planning is not visiting: it stays overdue until the visit is done.
    assert OLD_FRIEND in [v.customer_name for v in page.visits]


def test_record_outcome_asks_for_the_outcome_form(qtbot, window) -> None:
    page = open_visits(qtbot, window)
    visit = plan_from_page(qtbot, window, page)
    page.select_visit(visit.id)
    with qtbot.waitSignal(page.outcome_requested, timeout=5000) as asked:
        page.outcome_button.click()
    assert asked.args == [visit.id]


def test_plan_visit_from_the_customer_view(qtbot, window) -> None:
    customers = window.customers
    row = customers.model.row_at(0)
    assert row is not None
    with qtbot.waitSignal(customers.detail_loaded, timeout=10000):
        customers.open_customer(row.id)
    button = customers.findChild(QPushButton, "customerPlanVisit")
    assert button is not None and button.text() == "Plan visit…"
    button.click()
    dialog: PlanVisitDialog = find_dialog(window, PlanVisitDialog)
    qtbot.waitUntil(lambda: dialog.customer_label.text() == row.name, timeout=10000)
    with qtbot.waitSignal(dialog.planned, timeout=10000) as planned:
        dialog.ok.click()
    assert planned.args[0].visit.customer_id == row.id


def test_the_page_speaks_chinese(qtbot, window) -> None:
    page = open_visits(qtbot, window)
    window.set_language("zh_CN")
    qtbot.waitUntil(lambda: page.plan_button.text() == "计划拜访…", timeout=5000)
    count = page.overdue_list.topLevelItemCount()
    rows = [page.overdue_list.topLevelItem(i) for i in range(count)]
    mine = next(r for r in rows if r is not None and r.text(0) == OLD_FRIEND)
    assert mine.text(2) == "上次拜访在 41 天前，A 类客户，应每 14 天拜访一次"
    assert page.overdue_title.text().startswith("逾期未拜访：")
    assert [page.mode_buttons[m].text() for m in ("day", "week", "month")] == ["日", "周", "月"]
