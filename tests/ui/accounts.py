"""Who the laptop is logged in as, for UI tests of HQ-owned fields (no HQ needed).

Shared by the customer-ownership and customer-assignment tests; the windows opened as a
salesperson or as HQ staff are the ``sales_window`` / ``hq_window`` fixtures in conftest.py.
"""

from __future__ import annotations

import json
import uuid
from pathlib import Path

from salesdesk.db.session import create_store_engine
from salesdesk.sync.laptop.store import LocalStore
from salesdesk.ui.main_window import MainWindow
from tests.store_sql import query

SALESPERSON = ("zhangwei", "张伟")  # a demo salesperson (services/demo.py)


def user_id(store: Path, username: str) -> uuid.UUID:
    return uuid.UUID(str(query(store, "SELECT id FROM users WHERE username = ?", username)[0][0]))


def bind(store: Path, username: str, role: str) -> uuid.UUID:
    """Records a login as ``username`` the way SyncService.login does, without an HQ."""
    uid = user_id(store, username)
    engine = create_store_engine(store)
    try:
        LocalStore(engine).bind_user(uid, username, role)
    finally:
        engine.dispose()
    return uid


def assignment(store: Path, customer_id: uuid.UUID) -> uuid.UUID | None:
    value = query(store, "SELECT assigned_to_id FROM customers WHERE id = ?", customer_id.hex)
    return uuid.UUID(str(value[0][0])) if value[0][0] else None


def last_change(store: Path) -> tuple[str, str, dict[str, object]]:
    entity, op, changes = query(
        store, "SELECT entity, op, changes FROM outbox ORDER BY op_id DESC LIMIT 1"
    )[0]
    return str(entity), str(op), json.loads(str(changes))


def open_customer_of(qtbot, window: MainWindow, display_name: str) -> uuid.UUID:
    """Opens the first listed customer assigned to ``display_name``; returns its id."""
    page = window.customers
    model = page.model
    while model.canFetchMore(model.index(-1, -1)):
        model.fetchMore(model.index(-1, -1))
    row = next(
        i for i in range(model.rowCount())
        if model.row_at(i).salesperson == display_name  # type: ignore[union-attr]  # the row is loaded
    )
    with qtbot.waitSignal(page.detail_loaded, timeout=10000):
        page.table.selectRow(row)
    customer = model.row_at(row)
    assert customer is not None
    return customer.id
