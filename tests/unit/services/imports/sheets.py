"""What the export and round-trip tests share: the Chinese headers and category words the UI
passes (ui/imports/export.py: export_headers), exporting through a browser of its own, and
reading a store's customers back."""

from __future__ import annotations

from pathlib import Path

from salesdesk.kit.jobs import JobState
from salesdesk.services.customers.browse import CustomerBrowser
from salesdesk.services.customers.records import CustomerQuery, CustomerRecord, CustomerRow
from salesdesk.services.imports.export import ExportResult, export_customers

HEADERS = ["公司名称", "简称", "类别", "等级", "行业", "统一社会信用代码", "地区", "省份", "城市",
           "地址", "电话", "邮箱", "网站", "拜访周期（天）", "业务员账号", "标签", "备注",
           "联系人姓名", "职务", "手机", "座机", "联系人邮箱", "微信号", "联系人备注",
           "近12个月销售额（元）"]
LABELS = {"category": {"key": "重点客户", "ordinary": "一般客户", "potential": "潜在客户",
                       "target": "目标客户", "lost": "流失客户"}}


def export(store: Path, query: CustomerQuery, target: Path, state: JobState | None = None,
           *, labels: dict[str, dict[str, str]] | None = LABELS,
           page_size: int = 3) -> ExportResult:
    """Exports with HEADERS on a browser of its own, a few rows a page (several pages)."""
    browser = CustomerBrowser(store)
    try:
        return export_customers(browser, query, target, HEADERS, state or JobState(),
                                labels=labels, page_size=page_size)
    finally:
        browser.close()


def listed(store: Path, query: CustomerQuery) -> list[tuple[CustomerRow, CustomerRecord]]:
    """The customers ``query`` selects, in the list's order, each with its details."""
    browser = CustomerBrowser(store)
    try:
        rows = browser.page(query, 0, 10_000)
        details = browser.details([r.id for r in rows])
    finally:
        browser.close()
    return [(r, details[r.id]) for r in rows]
