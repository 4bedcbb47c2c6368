"""Realistic demo data: a coil supplier's customer book in seven regions, with 18 months of
orders, visits, competitor quotes and promises (``domain/demo_visits.py``), so every page has
something to show on first start (``salesdesk --demo``)."""

from __future__ import annotations

import random
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, cast

from salesdesk.domain.due import SHANGHAI

if TYPE_CHECKING:
    import uuid

    from sqlalchemy import Table
    from sqlalchemy.orm import sessionmaker

    from salesdesk.db.session import LocalSession

REGIONS: dict[str, list[tuple[str, str]]] = {
    "华东": [
        ("浙江", "杭州"),
        ("浙江", "宁波"),
        ("江苏", "苏州"),
        ("江苏", "无锡"),
        ("上海", "上海"),
        ("山东", "济南"),
        ("安徽", "合肥"),
    ],
    "华南": [("广东", "广州"), ("广东", "佛山"), ("广东", "东莞"), ("福建", "厦门")],
    "华北": [("北京", "北京"), ("天津", "天津"), ("河北", "石家庄")],
    "华中": [("湖北", "武汉"), ("湖南", "长沙"), ("河南", "郑州")],
    "西南": [("四川", "成都"), ("重庆", "重庆"), ("云南", "昆明")],
    "西北": [("陕西", "西安"), ("甘肃", "兰州")],
    "东北": [("辽宁", "沈阳"), ("吉林", "长春")],
}
AREA_CODES = {
    "杭州": "0571",
    "宁波": "0574",
    "苏州": "0512",
    "无锡": "0510",
    "上海": "021",
    "济南": "0531",
    "合肥": "0551",
    "广州": "020",
    "佛山": "0757",
    "东莞": "0769",
    "厦门": "0592",
    "北京": "010",
    "天津": "022",
    "石家庄": "0311",
    "武汉": "027",
    "长沙": "0731",
    "郑州": "0371",
    "成都": "028",
    "重庆": "023",
    "昆明": "0871",
    "西安": "029",
    "兰州": "0931",
    "沈阳": "024",
    "长春": "0431",
}
BRANDS = (
    "墙煌",
    "金盛",
    "华美",
    "恒通",
    "宏达",
    "鑫源",
    "永安",
    "博远",
    "中联",
    "天成",
    "瑞丰",
    "汇能",
    "立邦",
    "嘉禾",
    "众鑫",
    "新亚",
    "凯旋",
    "东方",
    "长城",
    "远大",
    "正泰",
    "银河",
    "海纳",
    "同创",
    "德信",
    "万达",
    "富华",
    "安泰",
    "君诚",
    "亿家",
)
TRADES = (
    ("建材", "建材"),
    ("幕墙工程", "幕墙"),
    ("门窗", "门窗"),
    ("钢结构", "钢构"),
    ("装饰材料", "装饰"),
    ("彩钢板", "彩钢"),
    ("铝业", "铝业"),
    ("金属制品", "金属"),
    ("家电配件", "家电"),
    ("净化设备", "净化"),
)
SUFFIXES = ("有限公司", "有限公司", "有限公司", "股份有限公司", "有限责任公司")
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾萧田董潘袁"
GIVEN = (
    "伟",
    "芳",
    "娜",
    "敏",
    "静",
    "磊",
    "强",
    "军",
    "洋",
    "勇",
    "艳",
    "杰",
    "涛",
    "明",
    "超",
    "秀英",
    "建华",
    "志强",
    "海燕",
    "晓东",
    "文博",
    "子涵",
    "国庆",
    "春梅",
    "立新",
)
ROLES = ("采购经理", "总经理", "技术主管", "仓库主管", "财务", "项目经理", "采购员")
# (code, name, specification, list price in CNY per tonne): coated coil and sheet, sold by the
# tonne at 18,000-32,000 CNY/t.
PRODUCTS = (
    ("PVDF-0812", "PVDF氟碳彩涂铝卷", "0.8mm×1250mm RAL9010", 30_500),
    ("PVDF-1015", "PVDF氟碳彩涂铝卷", "1.0mm×1500mm RAL7016", 30_900),
    ("PE-0612", "聚酯彩涂铝卷", "0.6mm×1220mm 白色", 25_800),
    ("PE-0510", "聚酯彩涂铝卷", "0.5mm×1000mm 海蓝", 25_200),
    ("GI-0512", "热镀锌钢卷", "0.5mm×1250mm Z120", 19_000),
    ("PPGI-0410", "彩涂钢卷", "0.4mm×1000mm 灰白", 19_800),
    ("AL-3003", "铝板", "3003-H24 2.0mm×1220mm", 23_500),
    ("ACP-04", "铝塑复合板", "4mm 0.3mm面板 PVDF", 27_000),
    ("HC-20", "蜂窝铝板", "20mm 1.0mm面板", 29_000),
    ("MIR-05", "镜面铝卷", "0.5mm×1250mm", 28_400),
)
# An order is a few trucks of coil: 3-90 t; a bigger customer orders more often and more.
ORDER_TONNES = (3, 90)
SALESPEOPLE = (
    ("zhangwei", "张伟", "华东"),
    ("liuyang", "刘洋", "华南"),
    ("chenjing", "陈静", "华北"),
)
# HQ staff who deliver promises made to customers: (username, name, department).
HQ_STAFF = (
    ("wuqiang", "吴强（物流部）", "logistics"),
    ("zhoumin", "周敏（质量部）", "quality"),
    ("sunli", "孙丽（技术部）", "technical"),
    ("heyan", "何燕（财务部）", "finance"),
)


def _mobile(rng: random.Random) -> str:
    return f"1{rng.choice('3456789')}{rng.randrange(10**9):09d}"


def seed(store: Path, customers: int = 200, today: date | None = None, seed: int = 7) -> None:
    """Fills an empty store. Deterministic for a given seed."""
    from salesdesk.db.models import Contact, Customer, Order, Product, User
    from salesdesk.db.session import create_store_engine, session_factory, unit_of_work
    from salesdesk.domain.names import name_key
    from salesdesk.services.customers.service import CustomerService

    rng = random.Random(seed)
    today = today or datetime.now(SHANGHAI).date()
    engine = create_store_engine(store)
    factory = session_factory(engine)
    with unit_of_work(factory) as session:
        session.info["outbox"] = False  # demo rows are not changes of this salesperson's
        users = []
        for username, display, _region in SALESPEOPLE:
            users.append(
                User(
                    username=username,
                    display_name=display,
                    role="sales",
                    email=f"{username}@example.com",
                    phone=_mobile(rng),
                )
            )
        users.append(
            User(username="hq", display_name="总部销售部", role="hq", department="sales_admin")
        )
        staff = [
            User(username=u, display_name=n, role="hq", department=d, email=f"{u}@example.com")
            for u, n, d in HQ_STAFF
        ]
        session.add_all(staff)
        session.add_all(users)
        products = [Product(code=c, name=n, spec=s, unit="t") for c, n, s, _ in PRODUCTS]
        list_price = {code: price for code, _, _, price in PRODUCTS}
        # Prices move with the market; their own generator keeps the customer book (names,
        # contacts) the same as before prices were added, for a given seed.
        market = random.Random(seed + 1)
        session.add_all(products)
        session.flush()
        used: set[str] = set()
        region_names = list(REGIONS)
        for i in range(customers):
            region = region_names[min(int(rng.expovariate(0.6)), len(region_names) - 1)]
            province, city = rng.choice(REGIONS[region])
            brand = rng.choice(BRANDS)
            trade, short_trade = rng.choice(TRADES)
            name = f"{city}{brand}{trade}{rng.choice(SUFFIXES)}"
            if name in used:
                name = f"{city}{brand}{short_trade}{i}号{rng.choice(SUFFIXES)}"
            used.add(name)
            owner = next(
                (u for u, (_, _, r) in zip(users, SALESPEOPLE, strict=False) if r == region),
                rng.choice(users[:3]),
            )
            category = rng.choices(
                ["key", "ordinary", "potential", "target", "lost"], [15, 55, 15, 10, 5]
            )[0]
            customer = Customer(
                name=name,
                short_name=f"{brand}{short_trade}",
                name_key=name_key(name),
                category=category,
                industry=trade,
                region=region,
                province=province,
                city=city,
                address=f"{city}市{rng.choice(['高新区', '经济开发区', '工业园区'])}"
                f"{rng.choice(['创业路', '工业大道', '科技路', '滨江路'])}{rng.randint(1, 999)}号",
                phone=f"{AREA_CODES[city]}-{rng.randint(2, 8)}{rng.randrange(10**7):07d}",
                assigned_to_id=owner.id,
                visit_cadence_days=rng.choice([None, None, None, 7, 21]),
                tags=rng.sample(
                    ["幕墙", "出口", "账期长", "价格敏感", "新项目", "老客户"], rng.randint(0, 2)
                ),
                notes=rng.choice(
                    ["", "", "年底有新厂房项目", "对交期要求严格", "竞争对手报价低约3%"]
                ),
            )
            session.add(customer)
            session.flush()
            for j in range(rng.choice([1, 1, 2, 2, 3])):
                person = rng.choice(SURNAMES) + rng.choice(GIVEN)
                session.add(
                    Contact(
                        customer_id=customer.id,
                        name=person,
                        role=rng.choice(ROLES),
                        mobile=_mobile(rng),
                        landline=customer.phone if j == 0 else "",
                        email=f"c{i}{j}@example.cn" if rng.random() < 0.6 else "",
                        wechat=f"wx_{i}_{j}" if rng.random() < 0.5 else "",
                        is_primary=j == 0,
                    )
                )
            if category == "potential":
                continue
            # 18 months of orders; a Pareto scale makes a few customers matter most (80/20).
            scale = rng.paretovariate(1.16)
            for month in range(18):
                if rng.random() > min(0.9, 0.25 * scale):
                    continue
                day = today - timedelta(days=30 * month + rng.randint(0, 29))
                low, high = ORDER_TONNES
                tonnes = Decimal(
                    min(high, max(low, rng.uniform(2, 20) * 0.3 * min(scale, 15)))
                ).quantize(Decimal("0.1"))
                product = rng.choice(products)
                price = Decimal(round(list_price[product.code] * market.uniform(0.96, 1.03), -1))
                session.add(
                    Order(
                        customer_id=customer.id,
                        order_no=f"SO{day:%Y%m}-{i:04d}{month:02d}",
                        order_date=day,
                        amount=(tonnes * price).quantize(Decimal("1.00")),
                        product_id=product.id,
                        notes=f"{tonnes} 吨 × {price:,} 元/吨",
                    )
                )
    CustomerService(factory).recompute_tiers(today)
    _seed_visits(factory, today, random.Random(seed + 2))
    engine.dispose()


def _seed_visits(factory: sessionmaker[LocalSession], today: date, rng: random.Random) -> None:
    """Adds the visit book (domain/demo_visits.py) over the customers, ranked into tiers, a
    few shipment notices per customer (domain/demo_shipments.py) and about 40 complaints in
    every state (domain/demo_complaints.py).

    Rows go in by ``executemany`` (a few thousand visits, not one ORM object each), in one
    transaction and outside the outbox: they are the demo's history, not this laptop's edits.
    """
    from sqlalchemy import insert, select

    from salesdesk.db.models import (
        CompetitorQuote,
        Complaint,
        ComplaintEvent,
        Contact,
        Customer,
        Product,
        Promise,
        ShipmentDispatch,
        ShipmentLine,
        ShipmentNotice,
        User,
        Visit,
        VisitEvent,
    )
    from salesdesk.db.session import unit_of_work
    from salesdesk.domain import demo_complaints, demo_shipments, demo_visits

    list_price = {code: price for code, _, _, price in PRODUCTS}
    with unit_of_work(factory) as session:
        session.info["outbox"] = False
        contacts: dict[uuid.UUID, list[tuple[uuid.UUID, str]]] = {}
        for cid, contact_id, name in session.execute(
            select(Contact.customer_id, Contact.id, Contact.name).order_by(
                Contact.customer_id, Contact.is_primary.desc(), Contact.name, Contact.mobile
            )
        ):
            contacts.setdefault(cid, []).append((contact_id, name))
        customers = [
            demo_visits.DemoCustomer(
                id=c.id, owner_id=c.assigned_to_id, tier=c.tier, category=c.category,
                cadence_days=c.visit_cadence_days, contacts=contacts.get(c.id, []),
                address=c.address,
            )
            for c in session.scalars(select(Customer).order_by(Customer.name))
        ]
        products = [
            demo_visits.DemoProduct(p.id, p.name, list_price[p.code])
            for p in session.scalars(select(Product).order_by(Product.code))
        ]
        staff = {
            department: user_id for department, user_id in session.execute(
                select(User.department, User.id).where(User.role == "hq", User.department != "")
            )
        }
        now = datetime.now(SHANGHAI)
        if now.date() != today:  # seeded for another day: noon of that day
            now = datetime.combine(today, time(12), tzinfo=SHANGHAI)
        book = demo_visits.build(customers, products, staff, now=now, rng=rng)
        shipments = demo_shipments.build(customers, products, now=now, rng=rng)
        complaints = demo_complaints.build(customers, products, shipments.notices, staff,
                                           now=now, rng=rng)
        for model, rows in (
            (Visit, book.visits),
            (VisitEvent, book.visit_events),
            (CompetitorQuote, book.competitor_quotes),
            (Promise, book.promises),
            (ShipmentNotice, shipments.notices),
            (ShipmentLine, shipments.lines),
            (ShipmentDispatch, shipments.dispatches),
            (Complaint, complaints.complaints),
            (ComplaintEvent, complaints.events),
        ):
            if rows:
                stamp = now.astimezone(UTC)
                # The table, not the class: Core's executemany, without the ORM's bookkeeping.
                table = cast("Table", model.__table__)
                session.execute(insert(table), [{"updated_at": stamp, **r} for r in rows])
