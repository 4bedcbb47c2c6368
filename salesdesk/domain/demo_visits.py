"""The demo's visits, outcomes, competitor quotes and promises, as plain rows.

18 months of a field salesperson's work on each demo customer: done visits with their outcome
(拜访纪要) in Chinese, a few cancelled (with the reason) and rescheduled (with the history in
``visit_events``), visits planned for the coming weeks, competitor prices heard on the road,
and promises kept, broken, cancelled and still open — some due today and this week, some
overdue, some for an HQ department. A few customers of each tier are left overdue for a visit
so the overdue-contacts list has something to say.

Pure and deterministic for a given ``random.Random``: both the laptop's demo
(``services/demo.py``) and HQ's (``hq/admin.py``) write these rows, each with its own store
code. Field names are the entity table's (``domain/entities.py``); times are aware UTC, dates
are local (Asia/Shanghai) days relative to ``today``.
"""

from __future__ import annotations

import random
import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal
from typing import Any

from salesdesk.domain.due import SHANGHAI
from salesdesk.domain.ids import uuid7
from salesdesk.domain.people import Department

Row = dict[str, Any]

HISTORY_DAYS = 548  # 18 months
PLAN_AHEAD_DAYS = 21
OVERDUE_PER_TIER = 3  # at least this many customers of each tier are overdue for a visit

PURPOSES = (
    "季度回访，了解下季度用量",
    "介绍新品 PVDF 氟碳彩涂铝卷",
    "处理上批货色差问题",
    "洽谈年度框架协议价格",
    "对账并催收货款",
    "新厂房项目技术交流",
    "送样品和色卡",
    "了解竞争对手报价",
    "商定交期和备货计划",
    "拜访新任采购经理",
)
DISCUSSED = (
    "下季度铝卷用量约 {tonnes} 吨，主要用于幕墙项目",
    "对比了我们和{competitor}的涂层质保年限和价格",
    "年度框架协议价格，客户希望每吨再让 {discount} 元",
    "新厂房二期钢结构用彩涂钢卷的规格和色号",
    "上批货到货验收情况和付款安排",
    "{product}的替代方案和小批量试用计划",
    "今年项目排期，四季度有两个幕墙工程开工",
)
NEEDS = (
    "希望交期缩短到 7 天以内",
    "需要 RAL7016 深灰色小批量（5 吨以下）供货",
    "要求每批次附涂层厚度检测报告",
    "希望账期从月结 30 天延长到 60 天",
    "需要 1500mm 宽幅 1.0mm 铝卷",
    "项目投标需要 15 年质保书",
    "希望固定每月 10 号前送货",
)
DISLIKES = (
    "上批货有两卷外包装破损",
    "送货司机不提前打电话，仓库没人接货",
    "发票开得比以前慢了一周",
    "色差比样板明显，质检有意见",
    "报价有效期太短，来不及走审批",
    "换了业务员以后对接不顺",
)
RECEIVING_PROBLEMS = (
    "货车晚到一天，事先没有通知",
    "卷芯受潮，有轻微白锈",
    "到货重量比送货单少 0.3 吨",
    "卸货时发现保护膜有划伤",
    "质保书没有随货",
)
IMPROVEMENTS = (
    "发货时短信告知车号、司机电话和预计到达时间",
    "每月初发一份原材料价格走势简报",
    "安排技术员到现场做一次施工培训",
    "常用色号备一部分现货",
    "对账单每月 5 号前发出",
)
NEXT_STEPS = (
    "下周送样品并确认色号",
    "月底前给出正式报价",
    "请技术部电话沟通涂层问题",
    "两周后回访确认试用结果",
    "跟进合同签订",
    "约采购经理和总经理一起面谈",
)
CANCEL_REASONS = (
    "客户临时出差",
    "客户工厂停产检修",
    "台风天气，高速封路",
    "客户采购经理开会，要求改期",
    "临时去处理另一家客户的投诉",
)
RESCHEDULE_REASONS = (
    "客户要求改到下午",
    "路上堵车，推迟一小时",
    "客户采购经理请假",
    "和另一家客户的拜访冲突",
)
# (what was promised, who must deliver it: "" is the salesperson).
PROMISES = (
    ("寄送 RAL9010 和 RAL7016 色卡及样板", ""),
    ("发最新一期价格表", ""),
    ("申请每吨 200 元的价格优惠并答复", Department.SALES_ADMIN),
    ("安排技术员到现场查看涂层起皮问题", Department.TECHNICAL),
    ("补发上批货的质保书和检测报告", Department.QUALITY),
    ("调查卷芯受潮原因并给出书面说明", Department.QUALITY),
    ("确认下批货的车号和预计到达时间", Department.LOGISTICS),
    ("安排下周二前发货 20 吨", Department.LOGISTICS),
    ("重开上月增值税专用发票", Department.FINANCE),
    ("核对对账单差额并回复", Department.FINANCE),
    ("带小样回访，确认色号", ""),
)
# Why a promise was broken, by who had to deliver it.
BROKEN_REASONS = {
    "": "忘了跟进，客户来电催问才处理",
    Department.LOGISTICS: "物流车辆紧张，晚了三天才发出",
    Department.QUALITY: "检测报告没能按期出具",
    Department.TECHNICAL: "技术员排不开，推迟到下周",
    Department.FINANCE: "月底结账，发票晚了几天",
    Department.SALES_ADMIN: "价格申请没有批下来",
}
PROMISE_CANCEL_REASONS = (
    "客户取消了该项目",
    "客户表示不再需要",
    "已写入新合同条款",
)
STEEL_COMPETITORS = ("宝钢", "鞍钢", "首钢", "河钢", "本地贸易商")
ALUMINIUM_COMPETITORS = ("南山铝业", "明泰铝业", "华峰铝业", "本地贸易商")
STEEL_SPECS = (
    "镀锌板 DX51D+Z 1.0mm",
    "热镀锌钢卷 DX51D+Z120 0.5mm",
    "彩涂钢卷 TDC51D+Z 0.5mm",
    "镀铝锌 DX51D+AZ150 0.6mm",
)
ALUMINIUM_SPECS = (
    "PVDF 氟碳彩涂铝卷 3003-H24 0.8mm",
    "聚酯彩涂铝卷 3105 0.6mm",
    "铝板 3003-H24 2.0mm",
)
TIER_DAYS = {"A": 14, "B": 30, "C": 90}


@dataclass(frozen=True)
class DemoCustomer:
    """A demo customer as the visits need it."""

    id: uuid.UUID
    owner_id: uuid.UUID | None
    tier: str | None  # "A", "B", "C" or None (no sales)
    category: str
    cadence_days: int | None = None
    contacts: Sequence[tuple[uuid.UUID, str]] = ()
    address: str = ""


@dataclass(frozen=True)
class DemoProduct:
    id: uuid.UUID
    name: str
    list_price: int  # CNY per tonne

    @property
    def steel(self) -> bool:
        return "铝" not in self.name


@dataclass
class VisitBook:
    """The rows to insert, per entity, in an order foreign keys accept."""

    visits: list[Row] = field(default_factory=list)
    visit_events: list[Row] = field(default_factory=list)
    competitor_quotes: list[Row] = field(default_factory=list)
    promises: list[Row] = field(default_factory=list)

    def tables(self) -> list[tuple[str, list[Row]]]:
        return [
            ("visits", self.visits),
            ("visit_events", self.visit_events),
            ("competitor_quotes", self.competitor_quotes),
            ("promises", self.promises),
        ]


def _at(day: date, minutes: int) -> datetime:
    """``day`` at ``minutes`` past midnight in Shanghai, as aware UTC."""
    local = datetime.combine(day, time(minutes // 60, minutes % 60), tzinfo=SHANGHAI)
    return local.astimezone(UTC)


def _workday(day: date) -> date:
    while day.weekday() >= 5:
        day -= timedelta(days=1)
    return day


def _workday_ahead(day: date) -> date:
    while day.weekday() >= 5:
        day += timedelta(days=1)
    return day


class _Builder:
    def __init__(
        self,
        rng: random.Random,
        products: Sequence[DemoProduct],
        staff: Mapping[str, uuid.UUID],
        today: date,
        now: datetime,
    ) -> None:
        self.rng = rng
        self.products = products
        self.staff = staff
        self.today = today
        self.now = now
        self.book = VisitBook()

    # --- visits ------------------------------------------------------------------------------

    def _visit(self, c: DemoCustomer, day: date, status: str) -> Row:
        rng = self.rng
        start = _at(day, rng.choice((9 * 60, 9 * 60 + 30, 10 * 60, 14 * 60, 15 * 60, 16 * 60)))
        planned = [str(i) for i, _ in c.contacts[: rng.choice((1, 1, 2))]]
        row: Row = {
            "id": uuid7(),
            "customer_id": c.id,
            "salesperson_id": c.owner_id,
            "starts_at": start,
            "ends_at": start + timedelta(minutes=rng.choice((60, 90, 120))),
            "place": c.address,
            "contact_ids": planned,
            "purpose": rng.choice(PURPOSES),
            "status": status,
            "reason": "",
            "sequence": 0,
            "visited_at": None,
            "met_contact_ids": [],
            "met_with": "",
            "discussed": "",
            "customer_needs": "",
            "dislikes": "",
            "receiving_problems": "",
            "improvements": "",
            "next_step": "",
            "summary_printed_at": None,
            "created_at": _at(day - timedelta(days=rng.randint(3, 10)), 20 * 60),
        }
        self.book.visits.append(row)
        return row

    def _event(self, visit: Row, kind: str, at: datetime, reason: str = "") -> None:
        self.book.visit_events.append({
            "id": uuid7(),
            "visit_id": visit["id"],
            "kind": kind,
            "at": at,
            "by_id": visit["salesperson_id"],
            "reason": reason,
            "previous_starts_at": visit["starts_at"],
            "previous_ends_at": visit["ends_at"],
        })

    def _maybe_reschedule(self, visit: Row) -> None:
        """One visit in eight was moved once before it happened; the history keeps where."""
        if self.rng.random() >= 0.125:
            return
        start: datetime = visit["starts_at"]
        local = start.astimezone(SHANGHAI)
        minutes = local.hour * 60 + local.minute
        reason = self.rng.choice(RESCHEDULE_REASONS)
        if reason == RESCHEDULE_REASONS[0] and minutes < 12 * 60:  # to the afternoon
            moved = _at(local.date(), 14 * 60 + 30)
        elif reason == RESCHEDULE_REASONS[1] and minutes < 16 * 60:  # an hour later
            moved = start + timedelta(hours=1)
        else:  # the next working day, same time
            reason = self.rng.choice(RESCHEDULE_REASONS[2:])
            moved = _at(_workday_ahead(local.date() + timedelta(days=1)), minutes)
        self._event(visit, "rescheduled", start - timedelta(days=1), reason)
        visit["ends_at"] += moved - start
        visit["starts_at"] = moved
        visit["reason"] = reason
        visit["sequence"] += 1

    def _done(self, c: DemoCustomer, day: date) -> Row:
        rng = self.rng
        visit = self._visit(c, day, "done")
        if day < self.today - timedelta(days=4):  # moved to a day that has been, too
            self._maybe_reschedule(visit)
        visited = visit["starts_at"] + timedelta(minutes=rng.choice((0, 5, 10, 20)))
        product = rng.choice(self.products)
        competitor = rng.choice(STEEL_COMPETITORS if product.steel else ALUMINIUM_COMPETITORS)
        visit.update(
            visited_at=visited,
            met_contact_ids=list(visit["contact_ids"]),
            met_with=rng.choice(("", "", "仓库主管", "技术员小王")),
            discussed=rng.choice(DISCUSSED).format(
                tonnes=rng.randrange(20, 300, 10), competitor=competitor,
                discount=rng.choice((100, 150, 200, 300)), product=product.name),
            customer_needs=rng.choice(NEEDS),
            dislikes=rng.choice(DISLIKES) if rng.random() < 0.5 else "",
            receiving_problems=rng.choice(RECEIVING_PROBLEMS) if rng.random() < 0.3 else "",
            improvements=rng.choice(IMPROVEMENTS) if rng.random() < 0.6 else "",
            next_step=rng.choice(NEXT_STEPS),
            sequence=visit["sequence"] + 1,
        )
        if rng.random() < 0.3:
            visit["summary_printed_at"] = visited + timedelta(hours=2)
        self._event(visit, "done", visited + timedelta(hours=rng.choice((1, 3, 8))))
        if rng.random() < 0.18:
            self._quote(c, visit, product, competitor)
        if rng.random() < 0.3:
            for _ in range(rng.choice((1, 1, 2))):
                self._promise(c, visit, day)
        return visit

    def _cancelled(self, c: DemoCustomer, day: date) -> None:
        visit = self._visit(c, day, "cancelled")
        reason = self.rng.choice(CANCEL_REASONS)
        visit.update(reason=reason, sequence=1)
        self._event(visit, "cancelled", visit["starts_at"] - timedelta(hours=20), reason)

    def _planned(self, c: DemoCustomer, day: date) -> None:
        visit = self._visit(c, day, "planned")
        visit["created_at"] = min(visit["created_at"], self.now - timedelta(days=1))
        if day > self.today:
            self._maybe_reschedule(visit)

    # --- quotes and promises -------------------------------------------------------------------

    def _quote(self, c: DemoCustomer, visit: Row, product: DemoProduct, competitor: str) -> None:
        rng = self.rng
        ours = Decimal(round(product.list_price * rng.uniform(0.97, 1.02), -1))
        theirs = Decimal(round(float(ours) * rng.uniform(0.93, 1.02) / 50) * 50)
        self.book.competitor_quotes.append({
            "id": uuid7(),
            "customer_id": c.id,
            "visit_id": visit["id"],
            "competitor": competitor,
            "product_id": product.id,
            "product_text": rng.choice(STEEL_SPECS if product.steel else ALUMINIUM_SPECS),
            "their_price": theirs.quantize(Decimal("0.01")),
            "our_price": ours.quantize(Decimal("0.01")),
            "currency": "CNY",
            "unit": "t",
            "notes": rng.choice(("", "含税到厂价", "现款现货", "账期 60 天", "量大可再谈")),
            "created_at": visit["visited_at"] + timedelta(hours=1),
        })

    def _promise(self, c: DemoCustomer, visit: Row | None, made_on: date,
                 due: date | None = None, what: tuple[str, str] | None = None,
                 *, still_open: bool = False) -> Row:
        rng = self.rng
        text, department = what or rng.choice(PROMISES)
        due = due or made_on + timedelta(days=rng.choice((2, 3, 5, 7, 10, 14, 21)))
        contact = c.contacts[0] if c.contacts else None
        row: Row = {
            "id": uuid7(),
            "customer_id": c.id,
            "contact_id": contact[0] if contact else None,
            "made_to": contact[1] if contact else "采购部",
            "visit_id": visit["id"] if visit else None,
            "made_by_id": c.owner_id,
            "made_on": made_on,
            "description": text,
            "due": due,
            "department": str(department),
            "status": "open",
            "closed_at": None,
            "closed_by_id": None,
            "reason": "",
            "created_at": _at(made_on, 18 * 60),
        }
        if due < self.today and not still_open:
            # Only a recent promise is still open past its due day; older ones were closed.
            roll = rng.random() * (1.0 if due >= self.today - timedelta(days=30) else 0.93)
            status = ("kept" if roll < 0.78 else "broken" if roll < 0.88
                      else "cancelled" if roll < 0.93 else "open")
            if status != "open":
                late = status == "broken"
                closed_on = min(
                    self.today - timedelta(days=1),
                    due + timedelta(days=rng.randint(1, 4)) if late
                    else made_on + timedelta(days=rng.randint(0, (due - made_on).days)),
                )
                deliverer = self.staff.get(str(department)) if department else None
                row.update(
                    status=status,
                    closed_at=_at(closed_on, 17 * 60),
                    closed_by_id=deliverer or c.owner_id,
                    reason=BROKEN_REASONS[department] if late else
                    rng.choice(PROMISE_CANCEL_REASONS) if status == "cancelled" else "",
                )
        self.book.promises.append(row)
        return row

    def showcase(self, c: DemoCustomer) -> None:
        """Open promises every page shows: overdue, due today, due this week."""
        today = self.today
        for made, due, what in (
            (10, -3, PROMISES[6]),  # logistics, overdue
            (6, 0, PROMISES[4]),  # quality, due today
            (2, 3, PROMISES[0]),  # the salesperson's own, this week
        ):
            self._promise(c, None, today - timedelta(days=made),
                          due=today + timedelta(days=due), what=what, still_open=True)

    # --- one customer --------------------------------------------------------------------------

    def customer(self, c: DemoCustomer, overdue: bool, *, visit_today: bool) -> None:
        rng = self.rng
        days = c.cadence_days or TIER_DAYS.get(c.tier or "C", 90)
        if c.category == "lost":
            since_last = rng.randint(120, 240)
        elif overdue:
            since_last = days + rng.randint(1, max(2, days // 2))
        else:
            since_last = rng.randint(1, max(1, days - 1))
        day = _workday(self.today - timedelta(days=since_last))
        first = self.today - timedelta(days=HISTORY_DAYS)
        last_done = True
        while day >= first:
            if not last_done and rng.random() < 0.06:
                self._cancelled(c, day)
                day = _workday(day - timedelta(days=rng.randint(1, 3)))
            self._done(c, day)
            last_done = False
            # At most every two weeks in the history, even for a customer visited weekly now.
            gap = max(14, days) * rng.uniform(0.7, 1.15)
            day = _workday(day - timedelta(days=int(gap)))
        if visit_today:
            self._planned(c, self.today)
        elif c.category != "lost" and rng.random() < 0.55:
            ahead = since_last if overdue else max(1, days - since_last)
            ahead = min(ahead, PLAN_AHEAD_DAYS) if not overdue else rng.randint(1, 10)
            self._planned(c, _workday_ahead(self.today + timedelta(days=ahead)))
        if c.category != "lost" and rng.random() < 0.08:
            # Promised on the phone, no visit: due today or this week.
            self._promise(c, None, self.today - timedelta(days=rng.randint(1, 6)),
                          due=self.today + timedelta(days=rng.randint(0, 4)))


def build(
    customers: Sequence[DemoCustomer],
    products: Sequence[DemoProduct],
    staff: Mapping[str, uuid.UUID],
    *,
    now: datetime,
    rng: random.Random,
    visits_today: int = 4,
    overdue_per_tier: int = OVERDUE_PER_TIER,
) -> VisitBook:
    """The visit book of ``customers``.

    ``staff`` maps a department's value (domain/people.py) to the HQ user who closes its
    promises; days are counted from the local (Shanghai) date of ``now``. The first
    ``overdue_per_tier`` customers of each tier are overdue for a visit, and about one in
    seven others; each salesperson has ``visits_today`` visits planned for today and, on
    their first customer, open promises overdue, due today and due this week (two of them
    for HQ departments) besides whatever the history left open.
    """
    builder = _Builder(rng, products, staff, now.astimezone(SHANGHAI).date(), now)
    seen: dict[str | None, int] = {}
    today_slots: dict[uuid.UUID | None, int] = {}
    for c in customers:
        seen[c.tier] = seen.get(c.tier, 0) + 1
        overdue = seen[c.tier] <= overdue_per_tier or rng.random() < 0.14
        today_visit = (
            c.category != "lost" and not overdue
            and today_slots.get(c.owner_id, 0) < visits_today
        )
        today_slots[c.owner_id] = today_slots.get(c.owner_id, 0) + today_visit
        builder.customer(c, overdue, visit_today=today_visit)
    firsts = {c.owner_id: c for c in reversed(customers) if c.category != "lost"}
    for c in sorted(firsts.values(), key=customers.index):
        builder.showcase(c)
    return builder.book
