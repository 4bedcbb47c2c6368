"""The demo's complaints (投诉), as plain rows, so the Complaints page, the Today page's
"complaints near breach" and the customer timeline have something to show.

About 40 complaints over the last six months across the customers still buying, every state
represented as of ``now``: a few just received, one or two near breach, one breached, one
waiting on the customer (paused), some in hand (investigating, escalated to the quality or
logistics department at HQ, a solution proposed or accepted), several resolved with the
customer's satisfaction score and closed, and one reopened. Delivery complaints name the
shipment notice they are about when the customer has one that arrived before.

Each complaint's history is produced by applying its steps through the state machine
(``domain/complaints.py: apply``), so history and status cannot disagree, and its stored
deadlines are what the service stores (``stored_deadlines``) on the given calendar and policy.
Pure and deterministic for a given ``random.Random``, like ``demo_shipments.py``; field names
are the entity tables'.
"""

from __future__ import annotations

import random
import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from salesdesk.domain import complaints as rules
from salesdesk.domain.business_calendar import (
    BusinessCalendar,
    at_minute,
    china_calendar,
    minute_up,
)
from salesdesk.domain.complaint_clock import DEFAULT_POLICY, Policy, Severity
from salesdesk.domain.complaints import (
    Channel,
    ComplaintCategory,
    EventKind,
    HistoryEntry,
    Step,
)
from salesdesk.domain.demo_visits import DemoCustomer, DemoProduct
from salesdesk.domain.ids import uuid7
from salesdesk.domain.people import Department

Row = dict[str, Any]

TAG = "DEMO"  # the references' node tag: "O" is not Crockford, no laptop's tag is this

_DESCRIPTIONS: Mapping[str, Sequence[str]] = {
    "delivery": (
        "到货延迟两天，工地停工等料，客户要求说明原因",
        "车辆未按时到，司机电话打不通，客户现场安排的叉车白等半天",
        "包装破损，外层防水膜撕裂，两卷边部有磕碰",
        "到货数量与发货通知不符，少了一卷",
        "卸货时发现钢卷捆带断裂，内圈松卷",
    ),
    "quality": (
        "同一批次色差明显，与样板对比偏黄，幕墙拼装后看得出来",
        "涂层起皮，折弯处有开裂，客户怀疑附着力不够",
        "板厚超差，实测 0.46 mm，合同要求 0.50 mm",
        "表面有划伤和压痕，影响外观，客户拒收部分板材",
        "镀铝锌层有白锈，仓库存放不到一个月",
    ),
    "service": (
        "业务员答应的回访没有来，客户电话催了两次",
        "售后技术人员现场指导不到位，问题没解决就走了",
        "询价三天没有回复，客户已转向其他供应商询价",
    ),
    "billing": (
        "发票抬头错误，开成了集团公司名称，需要重开",
        "对账单金额与实际发货不符，多算了运费",
        "返利没有按协议在本季度冲抵货款",
    ),
}
_SOLUTIONS: Mapping[str, Sequence[str]] = {
    "delivery": ("补发缺少的一卷并承担运费，下次发货前电话确认到货时间",
                 "破损两卷退回换货，本次运费由我方承担",
                 "按延误天数给予运费减免，后续订单改用自有车队"),
    "quality": ("色差板材全部换货，同批次剩余库存封存复检",
                "质量部现场取样检测，不合格部分按合同退换",
                "超差板材按让步接收降价 8%，客户同意"),
    "service": ("销售经理上门致歉并重新安排回访，指定专人对接",
                "技术部派工程师再次上门，完成现场指导"),
    "billing": ("作废原发票，三个工作日内重开并快递寄出",
                "核对后更正对账单，多收运费冲抵下月货款"),
}
_NOTES: Mapping[str, Sequence[str]] = {
    "delivery": ("已联系承运商核实，车辆途中故障", "查看装车照片，出厂时包装完好"),
    "quality": ("已要求客户提供现场照片和批号", "留样复检中，等待质量部结果"),
    "service": ("已与业务员核实情况", "已安排销售经理跟进"),
    "billing": ("财务部核对开票信息中", "已核对发货单与对账单"),
}
_PAUSE_REASONS = ("等客户提供现场照片和批号", "客户负责人出差，下周回来再确认方案",
                  "等客户确认实际到货数量")
_COMMENTS = {5: "处理及时，很满意", 4: "问题解决了，希望以后少出这种情况",
             3: "解决了，但是拖得有点久", 2: "补偿不太满意，勉强接受"}
_REFUSALS = ("客户认为补偿太少", "客户要求全部退货")
_REOPEN_REASONS = ("换货后的板材又发现色差", "重开的发票抬头还是不对")
_DEPARTMENT = {"quality": Department.QUALITY.value, "delivery": Department.LOGISTICS.value,
               "billing": Department.FINANCE.value, "service": Department.SALES_ADMIN.value}

# What each demo complaint goes through: (severity, working minutes elapsed since receipt
# as of now (None: received some day in the last six months), its steps).
#   A step is (kind, at working minute after receipt); the texts are filled by category.
_Plan = tuple[str, int | None, tuple[tuple[EventKind, int], ...]]
_K = EventKind
_HANDLED = ((_K.ACKNOWLEDGED, 5), (_K.CONTACTED, 60), (_K.NOTE, 240))
_SOLVED = (*_HANDLED, (_K.SOLUTION_PROPOSED, 900), (_K.ACCEPTED, 1200), (_K.RESOLVED, 2400))
_PLANS: Mapping[str, _Plan] = {
    # open: just received, nobody has called back yet (plenty of time left)
    "fresh": ("normal", 40, ()),
    "fresh_ack": ("high", 25, ((_K.ACKNOWLEDGED, 3),)),
    # near breach: a critical one not called back with 40 of its 240 minutes left, and a
    # high one escalated to HQ with ~15 % of its resolution time left
    "near_contact": ("critical", 200, ((_K.ACKNOWLEDGED, 5),)),
    "near_resolution": ("high", 1900, (*_HANDLED, (_K.ESCALATED, 300))),
    # breached: its resolution deadline passed 5 working hours ago, still investigated
    "breached": ("normal", 4800, (*_HANDLED, (_K.ESCALATED, 600), (_K.NOTE, 3000))),
    # waiting on the customer: the clock stopped a day ago
    "paused": ("normal", 1200, ((_K.ACKNOWLEDGED, 5), (_K.CONTACTED, 90),
                                (_K.PAUSED, 400))),
    # in hand, on time
    "investigating": ("normal", 900, _HANDLED),
    "escalated": ("high", 500, (*_HANDLED, (_K.ESCALATED, 300))),
    "proposed": ("normal", 1500, (*_HANDLED, (_K.SOLUTION_PROPOSED, 900))),
    "accepted": ("low", 2500, (*_HANDLED, (_K.SOLUTION_PROPOSED, 900), (_K.ACCEPTED, 1200))),
    # reopened: resolved, then the customer came back (low: 20 working days to resolve)
    "reopened": ("low", 5400, (*_SOLVED, (_K.SATISFACTION, 2700),
                               (_K.REOPENED, 4500), (_K.CONTACTED, 4560))),
    # resolved and beyond, some time in the last six months
    "resolved": ("normal", None, _SOLVED),
    "rated": ("normal", None, (*_SOLVED, (_K.SATISFACTION, 3000))),
    "closed": ("normal", None, (*_SOLVED, (_K.SATISFACTION, 3000), (_K.CLOSED, 3100))),
    "closed_refused": ("high", None, (*_HANDLED, (_K.SOLUTION_PROPOSED, 600), (_K.REFUSED, 700),
                                      (_K.SOLUTION_PROPOSED, 1100), (_K.ACCEPTED, 1300),
                                      (_K.RESOLVED, 1800), (_K.SATISFACTION, 2000),
                                      (_K.CLOSED, 2100))),
    "closed_paused": ("normal", None, (*_HANDLED, (_K.PAUSED, 500), (_K.RESUMED, 1500),
                                       (_K.ESCALATED, 1600), (_K.SOLUTION_PROPOSED, 2000),
                                       (_K.ACCEPTED, 2200), (_K.RESOLVED, 3000),
                                       (_K.SATISFACTION, 3300), (_K.CLOSED, 3400))),
}
# Every state once, then the usual mix: mostly closed, a few in hand.
_FIRST = ("fresh", "fresh_ack", "near_contact", "near_resolution", "breached", "paused",
          "investigating", "escalated", "proposed", "accepted", "reopened", "resolved",
          "rated", "closed", "closed_refused", "closed_paused")
_REST = ("closed", "closed", "closed", "closed_refused", "closed_paused", "rated", "resolved",
         "fresh", "investigating", "escalated")
_CATEGORY_OF = {"near_resolution": "quality", "breached": "delivery", "escalated": "delivery",
                "paused": "quality", "reopened": "quality", "closed_refused": "quality",
                "closed_paused": "delivery"}


@dataclass
class ComplaintBook:
    complaints: list[Row] = field(default_factory=list)
    events: list[Row] = field(default_factory=list)

    def tables(self) -> list[tuple[str, list[Row]]]:
        return [("complaints", self.complaints), ("complaint_events", self.events)]


def plans(count: int) -> list[str]:
    """The plan of each of ``count`` complaints: every state first, then the usual mix."""
    return [(_FIRST + _REST * (count // len(_REST) + 1))[i] for i in range(count)]


class _Builder:
    def __init__(self, rng: random.Random, products: Sequence[DemoProduct],
                 notices: Sequence[Row], staff: Mapping[str, uuid.UUID], *, now: datetime,
                 calendar: BusinessCalendar, policy: Policy) -> None:
        self.rng, self.products, self.staff = rng, products, staff
        self.now, self.calendar, self.policy = now, calendar, policy
        self.arrived: dict[uuid.UUID, list[Row]] = {}
        for n in notices:
            if n.get("arrived_at") is not None:
                self.arrived.setdefault(n["customer_id"], []).append(n)
        self.book = ComplaintBook()
        self.numbers: dict[str, int] = {}
        self.at_now = calendar.worked_to(minute_up(now))
        # Counting back from now needs the calendar's timeline to reach that far.
        calendar.working_minutes(now - timedelta(days=200), now)

    def back(self, minutes: int) -> datetime:
        """The instant ``minutes`` working minutes before now."""
        return at_minute(self.calendar.minute_at(self.at_now - minutes))

    def received_some_day(self) -> datetime:
        """A working moment 1 to 6 months ago (its handling done well before now)."""
        day = self.now - timedelta(days=self.rng.randrange(30, 180),
                                   minutes=self.rng.randrange(0, 600))
        return self.calendar.next_working_instant(day)

    def reference(self, received: datetime) -> str:
        day = received.astimezone(ZoneInfo(self.calendar.zone)).strftime("%Y%m%d")
        self.numbers[day] = self.numbers.get(day, 0) + 1
        return rules.reference(day, TAG, self.numbers[day])

    def complaint(self, c: DemoCustomer, plan_name: str, category: str) -> None:
        r, calendar = self.rng, self.calendar
        severity, elapsed, steps = _PLANS[plan_name]
        received = self.back(elapsed) if elapsed is not None else self.received_some_day()
        notice = None
        if category == ComplaintCategory.DELIVERY:
            earlier = [n for n in self.arrived.get(c.id, []) if n["arrived_at"] < received]
            notice = max(earlier, key=lambda n: n["arrived_at"]) if earlier else None
        product = r.choice(self.products) if self.products and category == "quality" else None
        complaint_id = uuid7()
        owner = c.owner_id
        department = _DEPARTMENT[category]
        state = rules.received()
        history = [HistoryEntry(EventKind.RECEIVED, received)]
        self.event(complaint_id, EventKind.RECEIVED, received, owner)
        for kind, minute in steps:
            at = calendar.add_working(received, minute)
            assert at <= self.now, (plan_name, kind)
            step = self.step(kind, at, category, department)
            state = rules.apply(state, step)
            history.append(HistoryEntry(kind, at, step.reason))
            hq = kind is EventKind.NOTE and state.department  # HQ's staff investigates
            by = self.staff.get(department, owner) if hq else owner
            self.event(complaint_id, kind, at, by, step)
        due = rules.stored_deadlines(state, received, self.policy.for_severity(
            Severity(severity)), calendar, history, now=self.now)
        contact_id, contact_name = c.contacts[0] if c.contacts else (None, "")
        self.book.complaints.append({
            "id": complaint_id, "customer_id": c.id, "reference": self.reference(received),
            "contact_id": contact_id, "contact_name": contact_name,
            "channel": r.choice((Channel.PHONE, Channel.PHONE, Channel.CHAT, Channel.VISIT,
                                 Channel.EMAIL)).value,
            "category": category, "severity": severity,
            "description": r.choice(_DESCRIPTIONS[category]),
            "shipment_notice_id": notice["id"] if notice else None,
            "product_id": product.id if product else None,
            "batch_no": f"B{received:%y%m}{r.randrange(10, 99)}" if product else "",
            "received_at": received, "received_by_id": owner,
            "department": state.department, "status": state.status.value,
            "paused_at": state.paused_at, "first_contact_due": due.first_contact,
            "resolution_due": due.resolution, "contacted_at": state.contacted_at,
            "resolved_at": state.resolved_at, "closed_at": state.closed_at,
            "satisfaction": state.satisfaction,
            "satisfaction_comment": state.satisfaction_comment,
        })

    def step(self, kind: EventKind, at: datetime, category: str, department: str) -> Step:
        r = self.rng
        if kind is EventKind.NOTE:
            return Step(kind, at, text=r.choice(_NOTES[category]))
        if kind is EventKind.ESCALATED:
            return Step(kind, at, department=department, text="转总部处理")
        if kind is EventKind.SOLUTION_PROPOSED:
            return Step(kind, at, text=r.choice(_SOLUTIONS[category]))
        if kind is EventKind.REFUSED:
            return Step(kind, at, reason=r.choice(_REFUSALS))
        if kind is EventKind.PAUSED:
            return Step(kind, at, reason=r.choice(_PAUSE_REASONS))
        if kind is EventKind.REOPENED:
            return Step(kind, at, reason=r.choice(_REOPEN_REASONS))
        if kind is EventKind.SATISFACTION:
            score = r.choice((5, 5, 4, 4, 3, 2))
            return Step(kind, at, score=score, text=_COMMENTS[score])
        if kind is EventKind.CONTACTED:
            return Step(kind, at, text="已电话联系客户，说明处理安排")
        return Step(kind, at)

    def event(self, complaint_id: uuid.UUID, kind: EventKind, at: datetime,
              by: uuid.UUID | None, step: Step | None = None) -> None:
        self.book.events.append({
            "id": uuid7(), "complaint_id": complaint_id, "kind": kind.value, "at": at,
            "by_id": by, "text": step.text if step else "",
            "department": step.department if step else "",
            "reason": step.reason if step else "", "score": step.score if step else None,
        })


def build(customers: Sequence[DemoCustomer], products: Sequence[DemoProduct],
          notices: Sequence[Row] = (), staff: Mapping[str, uuid.UUID] | None = None, *,
          now: datetime, rng: random.Random, count: int = 40,
          calendar: BusinessCalendar | None = None,
          policy: Policy = DEFAULT_POLICY) -> ComplaintBook:
    """``count`` complaints of the customers that still buy (``now`` aware), on ``calendar``
    (China's by default) and ``policy``; ``notices`` (demo_shipments' rows) to link delivery
    complaints to, ``staff`` (department -> HQ user) writes the escalated ones' notes."""
    builder = _Builder(rng, products, notices, staff or {}, now=now,
                       calendar=calendar or china_calendar(), policy=policy)
    buying = [c for c in customers if c.category != "lost"]
    if not buying:
        return builder.book
    for plan_name in plans(count):
        category = _CATEGORY_OF.get(plan_name) or rng.choice(
            ("delivery", "delivery", "quality", "quality", "service", "billing"))
        builder.complaint(rng.choice(buying), plan_name, category)
    builder.book.complaints.sort(key=lambda row: row["received_at"])
    return builder.book
