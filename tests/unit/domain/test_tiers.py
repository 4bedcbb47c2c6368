from __future__ import annotations

from datetime import date
from decimal import Decimal

from salesdesk.domain.tiers import Cadence, Tier, TierRule, classify, trailing_window


def test_abc_by_cumulative_share_of_revenue() -> None:
    # 10 customers: one brings 70%, the next 15%, ... the rule is on cumulative revenue.
    sales = {
        "big": Decimal(700),
        "second": Decimal(150),
        "third": Decimal(60),
        "d": Decimal(30),
        "e": Decimal(20),
        "f": Decimal(15),
        "g": Decimal(10),
        "h": Decimal(10),
        "i": Decimal(5),
        "none": Decimal(0),
    }
    tiers = classify(sales)
    # "big" starts at 0% → A; "second" starts at 70% (< 80%) → A; "third" starts at 85% → B;
    # "d" starts at 91% → B; "e" at 94% → B; "f" at 96% → C ...
    assert tiers["big"] is Tier.A
    assert tiers["second"] is Tier.A
    assert tiers["third"] is Tier.B
    assert tiers["d"] is Tier.B
    assert tiers["e"] is Tier.B
    assert tiers["f"] is Tier.C
    assert tiers["i"] is Tier.C
    assert tiers["none"] is None


def test_pareto_book_puts_about_a_fifth_in_a() -> None:
    sales = {i: Decimal(int(1_000_000 / (i + 1) ** 1.5)) for i in range(100)}
    tiers = classify(sales)
    a = [k for k, t in tiers.items() if t is Tier.A]
    assert 5 <= len(a) <= 25
    assert all(tiers[k] is Tier.A for k in range(len(a)))  # the biggest ones


def test_ties_do_not_depend_on_input_order() -> None:
    one = classify({"x": Decimal(50), "y": Decimal(50)}, TierRule())
    two = classify({"y": Decimal(50), "x": Decimal(50)}, TierRule())
    assert one == two


def test_no_sales_no_tiers() -> None:
    assert classify({"a": Decimal(0)}) == {"a": None}
    assert classify({}) == {}


def test_cadence_by_tier_and_override() -> None:
    cadence = Cadence(a_days=14, b_days=30, c_days=90)
    assert cadence.days_for("A") == 14
    assert cadence.days_for("B") == 30
    assert cadence.days_for("C") == 90
    assert cadence.days_for(None) == 90
    assert cadence.days_for("A", override=7) == 7


def test_trailing_window_is_twelve_months_inclusive() -> None:
    start, end = trailing_window(date(2026, 11, 23))
    assert end == date(2026, 11, 23)
    assert start == date(2025, 11, 24)
