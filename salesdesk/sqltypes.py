"""Column types that keep the business's values exact on SQLite and PostgreSQL alike.

Shared by the laptop's store (``salesdesk.db``) and HQ's database (``salesdesk.hq``), so a value
is stored the same way on both sides. It imports only SQLAlchemy (tests/test_architecture.py).
"""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import BigInteger, DateTime, Dialect
from sqlalchemy.types import TypeDecorator


class UTCDateTime(TypeDecorator[datetime]):
    """Timezone-aware datetimes stored as UTC; naive values are refused, not guessed."""

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime: SalesDesk stores timezone-aware UTC times only")
        return value.astimezone(UTC).replace(tzinfo=None)

    def process_result_value(self, value: Any, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if isinstance(value, str):
            value = datetime.fromisoformat(value)
        assert isinstance(value, datetime)
        return value.replace(tzinfo=UTC)


class ScaledDecimal(TypeDecorator[Decimal]):
    """A Decimal stored as a scaled integer, so sums in SQL stay exact (SQLite has no DECIMAL).

    Money is ``ScaledDecimal(2)`` (fen), quantities ``ScaledDecimal(3)``.
    """

    impl = BigInteger
    cache_ok = True

    def __init__(self, scale: int) -> None:
        super().__init__()
        self.scale = scale
        self._factor = Decimal(10) ** scale

    def process_bind_param(self, value: Decimal | int | None, dialect: Dialect) -> int | None:
        if value is None:
            return None
        scaled = Decimal(value) * self._factor
        if scaled != scaled.to_integral_value():
            raise ValueError(f"{value} has more than {self.scale} decimal places")
        return int(scaled)

    def process_result_value(self, value: Any, dialect: Dialect) -> Decimal | None:
        if value is None:
            return None
        return (Decimal(int(value)) / self._factor).quantize(Decimal(1).scaleb(-self.scale))


def Money() -> ScaledDecimal:
    return ScaledDecimal(2)


def Quantity() -> ScaledDecimal:
    return ScaledDecimal(3)
