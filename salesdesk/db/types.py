"""The store's column types (defined in :mod:`salesdesk.sqltypes`, shared with HQ)."""

from __future__ import annotations

from salesdesk.sqltypes import Money, Quantity, ScaledDecimal, UTCDateTime

__all__ = ["Money", "Quantity", "ScaledDecimal", "UTCDateTime"]
