"""The demo book looks like this trade: coated coil sold by the tonne at 18,000-32,000 CNY/t,
orders of a few to tens of tonnes, and a customer book whose sales follow the 80/20 rule."""

from __future__ import annotations

import re
import sqlite3
from decimal import Decimal
from pathlib import Path

TONNES_AND_PRICE = re.compile(r"^(\d+(?:\.\d)?) 吨 × ([\d,]+) 元/吨$")


def _orders(store: Path) -> list[tuple[Decimal, str]]:
    conn = sqlite3.connect(store)
    try:
        rows = conn.execute("SELECT amount, notes FROM orders").fetchall()
    finally:
        conn.close()
    return [(Decimal(amount) / 100, notes) for amount, notes in rows]  # stored as fen


def test_demo_orders_are_tonnes_of_coil_at_market_prices(template_demo_store: Path) -> None:
    orders = _orders(template_demo_store)
    assert len(orders) > 500
    for amount, notes in orders:
        match = TONNES_AND_PRICE.match(notes)
        assert match, notes
        tonnes = Decimal(match[1])
        price = Decimal(match[2].replace(",", ""))
        assert 3 <= tonnes <= 90, notes
        assert 18_000 <= price <= 32_000, notes
        assert amount == (tonnes * price).quantize(Decimal("1.00"))
    largest = max(amount for amount, _ in orders)
    assert largest <= 90 * 32_000  # ~2.9 million at most; it used to reach ~22 million
    assert sum(amount for amount, _ in orders) / len(orders) < 1_000_000


def test_demo_tiers_follow_the_pareto_rule(template_demo_store: Path) -> None:
    conn = sqlite3.connect(template_demo_store)
    try:
        tiers = dict(conn.execute("SELECT tier, count(*) FROM customers GROUP BY tier").fetchall())
        names = {name for (name,) in conn.execute("SELECT name FROM customers")}
    finally:
        conn.close()
    # A minority of the buying customers makes 80 % of the sales (A).
    buyers = tiers["A"] + tiers["B"] + tiers["C"]
    assert 0 < tiers["A"] <= 0.35 * buyers
    # The import tests and the issue that found the silent merge rely on these two companies.
    assert {"苏州汇能钢结构股份有限公司", "苏州汇能钢结构有限公司"} <= names
