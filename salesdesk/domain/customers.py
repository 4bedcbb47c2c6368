"""Customers: the salesperson's own vocabulary for the customer book."""

from __future__ import annotations

from enum import StrEnum


class Category(StrEnum):
    """The salesperson's manual classification of a customer (客户类别)."""

    KEY = "key"  # 重点客户
    ORDINARY = "ordinary"  # 一般客户
    POTENTIAL = "potential"  # 潜在客户
    TARGET = "target"  # 目标客户
    LOST = "lost"  # 流失客户
