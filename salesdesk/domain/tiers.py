"""The ABC rule and visit cadence (DOMAIN.md: about 20% of customers bring 80% of the profit)."""

from __future__ import annotations

from collections.abc import Hashable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from enum import StrEnum
from typing import TypeVar


class Tier(StrEnum):
    """ABC rank computed from trailing-12-month sales (DOMAIN.md)."""

    A = "A"
    B = "B"
    C = "C"


K = TypeVar("K", bound=Hashable)


@dataclass(frozen=True)
class TierRule:
    """Shares of revenue: the customers making the first ``a_share`` are A, the next up to
    ``b_share`` B, the rest C."""

    a_share: Decimal = Decimal("0.80")
    b_share: Decimal = Decimal("0.95")


@dataclass(frozen=True)
class Cadence:
    """Days between visits by tier; customers without sales are visited like C."""

    a_days: int = 14
    b_days: int = 30
    c_days: int = 90

    def days_for(self, tier: str | None, override: int | None = None) -> int:
        if override:
            return override
        return {Tier.A: self.a_days, Tier.B: self.b_days}.get(
            Tier(tier) if tier else Tier.C, self.c_days
        )


def classify(sales: Mapping[K, Decimal], rule: TierRule = TierRule()) -> dict[K, Tier | None]:
    """Ranks customers by sales; a customer is A while the revenue *before* it is under 80%.

    So the customer that crosses the 80% line is still A (it is part of making up the first 80%).
    Ties are broken by key so the result does not depend on input order. Customers with no
    positive sales get no tier.
    """
    total = sum((v for v in sales.values() if v > 0), Decimal(0))
    result: dict[K, Tier | None] = {k: None for k in sales}
    if total <= 0:
        return result
    ranked = sorted(((v, k) for k, v in sales.items() if v > 0), key=lambda p: (-p[0], str(p[1])))
    before = Decimal(0)
    for value, key in ranked:
        share_before = before / total
        if share_before < rule.a_share:
            result[key] = Tier.A
        elif share_before < rule.b_share:
            result[key] = Tier.B
        else:
            result[key] = Tier.C
        before += value
    return result


def trailing_window(today: date, days: int = 365) -> tuple[date, date]:
    """The first and last day (inclusive) of the trailing twelve months ending today."""
    return today - timedelta(days=days - 1), today
