"""Visit summaries to print, for the tests and benchmarks/visits.py."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from decimal import Decimal

from salesdesk.documents.visit_summary import CompetitorQuote, Price, PromiseLine, VisitSummary

DISCUSSION = (
    "王经理介绍了二期厂房的幕墙工程进度，铝单板需求比去年增加约三成，交期要求在三月底前。"
    "对上批货的表面色差提出意见，希望我们派技术员到现场看一下。"
)


def visit_summary(*, promises: int = 2, long: bool = False, customer: str = "杭州墙煌建材有限公司",
                  starts_at: datetime = datetime(2026, 12, 3, 14, 30)) -> VisitSummary:
    day = starts_at.date()
    made = [PromiseLine("三天内寄送 3mm 氟碳铝单板样板两块", "李娜", date(2026, 12, 6)),
            PromiseLine("安排技术员到现场查看色差问题", "张伟", date(2026, 12, 10))]
    made += [PromiseLine(f"第 {n} 项：核对二期订单的规格与数量", "李娜", day + timedelta(days=n))
             for n in range(3, promises + 1)]
    return VisitSummary(
        company="苏州恒通金属制品有限公司",
        customer=customer,
        customer_address="浙江省杭州市余杭区良渚街道好运路 88 号",
        starts_at=starts_at,
        salesperson="李娜",
        people_met=("王建国（采购经理）", "陈静（工程部）"),
        purpose="回访上批铝单板的使用情况，了解二期项目需求。",
        discussion=DISCUSSION * (40 if long else 1),
        needs="二期约 1,200 吨铝单板，要求三月底前分批交货。",
        dissatisfactions="上批货表面有轻微色差。",
        receiving_problems="12 月 1 日到货晚了半天，卸货等待。",
        more_we_could_do="提前一天通知到货时间；提供色卡。",
        next_step="12 月 10 日前报二期价格。",
        competitor_quotes=(
            CompetitorQuote("佛山金盛铝业", "3mm 氟碳铝单板",
                            Price(Decimal("28000"), "CNY", "t"),
                            Price(Decimal("28800"), "CNY", "t")),
            CompetitorQuote("东莞鑫源", "2.5mm 铝单板", Price(Decimal("26500.50"), "CNY", "t")),
        ),
        promises=tuple(made[:promises]),
        open_promises=(PromiseLine("补发上月对账单", "张伟", date(2026, 11, 20),
                                   made_on=date(2026, 11, 12)),
                       PromiseLine("提供防火检测报告", "李娜", date(2026, 12, 15),
                                   made_on=date(2026, 11, 28))),
    )
