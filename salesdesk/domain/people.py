"""People: the users HQ keeps (salespeople and HQ staff) and the role that decides what each
may write (domain/ownership.py)."""

from __future__ import annotations

from enum import StrEnum


class Role(StrEnum):
    SALES = "sales"
    HQ = "hq"


class Department(StrEnum):
    """The HQ departments a promise can be for (who must deliver it) and HQ staff work in."""

    LOGISTICS = "logistics"  # 物流部
    QUALITY = "quality"  # 质量部
    TECHNICAL = "technical"  # 技术部
    FINANCE = "finance"  # 财务部
    SALES_ADMIN = "sales_admin"  # 销售内勤
