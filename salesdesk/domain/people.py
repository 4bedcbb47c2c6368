"""People: the users HQ keeps (salespeople and HQ staff) and the role that decides what each
may write (domain/ownership.py)."""

from __future__ import annotations

from enum import StrEnum


class Role(StrEnum):
    SALES = "sales"
    HQ = "hq"
