"""Administration at HQ: accounts, customer assignment and the demo data set.

Everything here writes through :class:`~salesdesk.hq.writes.WriteTx`, so a user created or a
customer reassigned on the command line reaches the laptops like any other change.
"""

from __future__ import annotations

import random
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from typing import Any

from argon2 import PasswordHasher
from sqlalchemy import insert, select, update

from salesdesk.domain import demo_complaints, demo_shipments, demo_visits
from salesdesk.domain.due import SHANGHAI
from salesdesk.domain.entities import ENTITY
from salesdesk.domain.ids import uuid7
from salesdesk.domain.people import Department, Role
from salesdesk.hq import schema
from salesdesk.hq.accounts import Actor, revoke_user_tokens
from salesdesk.hq.db import Database
from salesdesk.hq.writes import WriteTx

SYSTEM = Actor(uuid.UUID(int=0), "hq-system", Role.HQ)
"""The actor of command-line changes."""


class AdminError(Exception):
    """A command-line request that cannot be done (unknown user, duplicate name)."""


@dataclass(frozen=True)
class UserInfo:
    id: uuid.UUID
    username: str
    display_name: str
    role: str
    active: bool
    customers: int
    department: str = ""


def _user_id(tx: WriteTx, username: str) -> uuid.UUID:
    found = tx.conn.execute(
        select(schema.users.c.id).where(schema.users.c.username == username)
    ).scalar()
    if found is None:
        raise AdminError(f"no user {username!r}")
    return found  # type: ignore[no-any-return]  # a Uuid column


def _department(role: Role | str, department: str) -> str:
    """A valid department for a user of ``role``: HQ staff's, or "" (none)."""
    department = department.strip()
    if not department:
        return ""
    if department not in {d.value for d in Department}:
        choices = ", ".join(d.value for d in Department)
        raise AdminError(f"no department {department!r}; choose one of {choices}")
    if role != Role.HQ:
        raise AdminError("only HQ staff work in a department")
    return department


def add_user(
    db: Database,
    hasher: PasswordHasher,
    username: str,
    password: str,
    *,
    role: Role = Role.SALES,
    display_name: str = "",
    department: str = "",
) -> uuid.UUID:
    if len(password) < 8:
        raise AdminError("a password needs at least 8 characters")
    department = _department(role, department)
    with db.write() as conn:
        tx = WriteTx.begin(conn, SYSTEM)
        exists = conn.execute(
            select(schema.users.c.id).where(schema.users.c.username == username)
        ).scalar()
        if exists is not None:
            raise AdminError(f"user {username!r} exists")
        user_id = uuid7()
        tx.put(
            "users",
            user_id,
            {"username": username, "display_name": display_name or username, "role": role.value,
             "department": department},
        )
        tx.flush()
        conn.execute(
            insert(schema.credential).values(
                user_id=user_id, password_hash=hasher.hash(password), changed_at=tx.now
            )
        )
    return user_id


def set_password(db: Database, hasher: PasswordHasher, username: str, password: str) -> None:
    """Sets a new password and revokes every token of the user."""
    if len(password) < 8:
        raise AdminError("a password needs at least 8 characters")
    with db.write() as conn:
        tx = WriteTx.begin(conn, SYSTEM)
        user_id = _user_id(tx, username)
        conn.execute(
            update(schema.credential)
            .where(schema.credential.c.user_id == user_id)
            .values(password_hash=hasher.hash(password), changed_at=datetime.now(UTC))
        )
        revoke_user_tokens(conn, user_id)


def set_department(db: Database, username: str, department: str) -> None:
    """Puts HQ staff in a department ("" takes them out): their laptop then lists the
    promises that department must deliver, across all customers, after its next sync."""
    u = schema.users
    with db.write() as conn:
        tx = WriteTx.begin(conn, SYSTEM)
        user_id = _user_id(tx, username)
        role = conn.execute(select(u.c.role).where(u.c.id == user_id)).scalar_one()
        tx.put("users", user_id, {"department": _department(role, department)})
        tx.flush()


def revoke(db: Database, username: str) -> int:
    with db.write() as conn:
        tx = WriteTx.begin(conn, SYSTEM)
        return revoke_user_tokens(conn, _user_id(tx, username))


def list_users(db: Database) -> list[UserInfo]:
    u, c = schema.users, schema.customers
    with db.read() as conn:
        counts: dict[uuid.UUID | None, int] = dict(
            conn.execute(
                select(c.c.assigned_to_id, _count()).where(c.c.deleted_at.is_(None))
                .group_by(c.c.assigned_to_id)
            ).all()
        )
        return [
            UserInfo(r.id, r.username, r.display_name, r.role, r.active, counts.get(r.id, 0),
                     r.department or "")
            for r in conn.execute(select(u).order_by(u.c.username))
        ]


def _count() -> Any:
    from sqlalchemy import func

    return func.count()


@dataclass(frozen=True)
class CustomerMatch:
    id: uuid.UUID
    name: str
    city: str


MAX_MATCHES = 20


def find_customers(db: Database, asked: str) -> list[CustomerMatch]:
    """The customers ``asked`` names: its id; else those whose full or short name it is;
    else those whose name contains it (by name; one more than :data:`MAX_MATCHES` says
    there are more)."""
    c = schema.customers
    columns = (c.c.id, c.c.name, c.c.city)
    live = c.c.deleted_at.is_(None)
    asked = asked.strip()
    with db.read() as conn:
        try:
            by_id = conn.execute(select(*columns).where(c.c.id == uuid.UUID(asked))).all()
        except ValueError:
            by_id = []
        found = by_id or conn.execute(
            select(*columns).where(live, (c.c.name == asked) | (c.c.short_name == asked))
            .order_by(c.c.name).limit(MAX_MATCHES + 1)
        ).all()
        if not found and asked:
            escaped = "".join("\\" + ch if ch in "\\%_" else ch for ch in asked)
            found = conn.execute(
                select(*columns).where(live, c.c.name.ilike(f"%{escaped}%", escape="\\"))
                .order_by(c.c.name).limit(MAX_MATCHES + 1)
            ).all()
    return [CustomerMatch(r.id, r.name, r.city or "") for r in found]


def assign(db: Database, customer_id: uuid.UUID, username: str, by: Actor = SYSTEM) -> None:
    """Hands a customer to a salesperson: their next sync brings its whole history, and the
    previous owner's next sync evicts it."""
    with db.write() as conn:
        tx = WriteTx.begin(conn, by)
        user_id = _user_id(tx, username)
        if tx.get("customers", customer_id) is None:
            raise AdminError(f"no customer {customer_id}")
        try:
            tx.put("customers", customer_id, {"assigned_to_id": user_id})
        except ValueError as exc:
            raise AdminError(str(exc)) from None
        tx.flush()


# --- demo ----------------------------------------------------------------------------------

DEMO_USERS = (
    ("hq", "总部 王经理", Role.HQ, "hq-demo-pass"),
    ("zhangwei", "张伟", Role.SALES, "zhangwei-demo"),
    ("lina", "李娜", Role.SALES, "lina-demo-pass"),
    # HQ staff who deliver promises: each sees, once synced, what their department owes.
    ("wuqiang", "吴强（物流部）", Role.HQ, "wuqiang-demo"),
    ("zhoumin", "周敏（质量部）", Role.HQ, "zhoumin-demo"),
)
DEMO_DEPARTMENTS = {
    "hq": Department.SALES_ADMIN,
    "wuqiang": Department.LOGISTICS,
    "zhoumin": Department.QUALITY,
}

_CITIES = (("华东", "江苏", "苏州"), ("华东", "浙江", "杭州"), ("华南", "广东", "佛山"),
           ("华北", "河北", "廊坊"), ("西南", "四川", "成都"), ("华中", "湖北", "武汉"))
_NAMES = ("墙煌建材", "恒通幕墙", "金宇门窗", "华美装饰", "远东钢构", "鑫达铝业", "中建装饰",
          "宏图彩板", "东方屋面", "瑞丰五金", "天成幕墙", "永固钢结构")


def demo(db: Database, hasher: PasswordHasher, *, customers: int = 12) -> list[tuple[str, str]]:
    """Two salespeople, a sales office manager and two HQ department staff over demo
    customers with 18 months of orders, visits, competitor quotes and promises, shipment
    notices with their sends, and complaints in every state (some escalated to the quality
    and logistics staff); returns (username, password)."""
    existing = {u.username for u in list_users(db)}
    ids: dict[str, uuid.UUID] = {}
    for username, name, role, password in DEMO_USERS:
        if username not in existing:
            ids[username] = add_user(db, hasher, username, password, role=role,
                                     display_name=name,
                                     department=DEMO_DEPARTMENTS.get(username, ""))
    logins = [(u, p) for u, _, _, p in DEMO_USERS]
    if "zhangwei" not in ids or "lina" not in ids:
        return logins
    rng = random.Random(3)
    sales = [ids["zhangwei"], ids["lina"]]
    staff = {d.value: ids[u] for u, d in DEMO_DEPARTMENTS.items() if u in ids}
    prices = (30_500, 19_800, 19_000)
    demo_products: list[demo_visits.DemoProduct] = []
    demo_customers: list[demo_visits.DemoCustomer] = []
    with db.write() as conn:
        tx = WriteTx.begin(conn, SYSTEM)
        products = []
        for i, (name, spec) in enumerate(
            (("PVDF 氟碳彩涂铝卷", "0.8 × 1250 mm"), ("聚酯彩涂钢卷", "0.5 × 1000 mm"),
             ("镀铝锌钢卷", "0.6 × 1200 mm"))
        ):
            pid = uuid7()
            products.append(pid)
            demo_products.append(demo_visits.DemoProduct(pid, name, prices[i]))
            tx.put("products", pid, {"code": f"DEMO-{i + 1:03d}", "name": name, "spec": spec})
        now = datetime.now(UTC)
        today = now.astimezone(SHANGHAI).date()
        for i in range(customers):
            cid = uuid7()
            region, province, city = _CITIES[i % len(_CITIES)]
            base = _NAMES[i % len(_NAMES)]
            tx.put("customers", cid, {
                "name": f"{city}{base}有限公司", "short_name": base, "region": region,
                "province": province, "city": city, "assigned_to_id": sales[i % 2],
                "category": "key" if i < 3 else "ordinary", "credit_terms": "月结30天",
                "address": f"{city}市工业园区{i + 1}号",
            })
            contact_id = uuid7()
            contact = f"{base[:1]}经理"
            tx.put("contacts", contact_id, {"customer_id": cid, "name": contact,
                                            "role": "采购", "mobile": f"1390000{i:04d}",
                                            "is_primary": True})
            demo_customers.append(demo_visits.DemoCustomer(
                cid, sales[i % 2], tier="A" if i < 3 else "BC"[i % 2],
                category="key" if i < 3 else "ordinary", contacts=[(contact_id, contact)],
                address=f"{city}市工业园区{i + 1}号"))
            for k in range(3):
                tx.put("orders", uuid7(), {
                    "customer_id": cid, "order_no": f"SO-DEMO-{i:03d}-{k}",
                    "order_date": today - timedelta(days=30 * k + i),
                    "amount": Decimal(rng.randrange(50_000, 900_000)),
                    "product_id": products[k % len(products)],
                })
        book = demo_visits.build(demo_customers, demo_products, staff, now=now,
                                 rng=random.Random(4), overdue_per_tier=1,
                                 visits_today=2)
        shipments = demo_shipments.build(demo_customers, demo_products, now=now,
                                         rng=random.Random(5))
        complaints = demo_complaints.build(demo_customers, demo_products, shipments.notices,
                                           staff, now=now, rng=random.Random(6), count=24)
        for entity, rows in (*book.tables(), *shipments.tables(), *complaints.tables()):
            fields = ENTITY[entity].by_name
            for row in rows:
                tx.put(entity, row["id"], {k: v for k, v in row.items() if k in fields})
        tx.flush()
    return logins
