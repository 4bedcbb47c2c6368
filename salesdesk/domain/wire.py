"""Plain-JSON encoding of field values, the same on the laptop, in the outbox and at HQ."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from decimal import Decimal
from enum import StrEnum
from typing import Any


class OutboxOp(StrEnum):
    """What a change does to its row, in the outbox and on the wire."""

    INSERT = "insert"
    UPDATE = "update"
    DELETE = "delete"


JSONValue = str | int | float | bool | None | list[Any] | dict[str, Any]


def encode(value: Any) -> JSONValue:
    """Encodes a column value; Decimals become strings so no cent is ever rounded."""
    if value is None or isinstance(value, bool | int | str):
        return value
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, uuid.UUID):
        return str(value)
    if isinstance(value, datetime):
        if value.tzinfo is None:
            raise ValueError("naive datetime cannot be encoded")
        return value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return [encode(v) for v in value]
    if isinstance(value, dict):
        return {str(k): encode(v) for k, v in value.items()}
    if isinstance(value, float):
        return value
    raise TypeError(f"cannot encode {type(value).__name__}")
