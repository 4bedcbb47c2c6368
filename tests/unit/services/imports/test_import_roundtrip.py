"""Export, then import into an empty store, gives back the same customers and contacts.

A property over generated books: Chinese company names with near-duplicates (苏州汇能钢结构有限
公司 beside 苏州汇能钢结构股份有限公司), every category and tier, contacts with mobiles,
landlines and notes, salespeople by login, in XLSX and CSV. The store that imports is empty
of customers; it knows the salespeople (a laptop that synced with HQ), or it does not, and
then every assigned customer's row says so, and the user may import them unassigned.
"""

from __future__ import annotations

import shutil
import unicodedata
import uuid
from collections.abc import Callable, Iterator
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from salesdesk.db import migrate
from salesdesk.db.models import User
from salesdesk.db.session import create_store_engine, session_factory, unit_of_work
from salesdesk.db.tiers import set_tiers
from salesdesk.domain.customers import Category
from salesdesk.domain.validation import ErrorCode
from salesdesk.kit.jobs import JobState
from salesdesk.services.customers.browse import CustomerBrowser
from salesdesk.services.customers.records import ContactDraft, CustomerDraft, CustomerQuery
from salesdesk.services.customers.service import CustomerService
from salesdesk.services.imports.customers import CustomerImporter
from salesdesk.services.imports.headers import guess_mapping
from salesdesk.services.imports.plan import Choices, ImportMode, WarningKind
from salesdesk.services.imports.table import read_table
from salesdesk.services.people import Person
from tests.unit.services.imports.sheets import export, listed

USERS = (("zhangwei", "张伟"), ("liuyang", "刘洋"), ("chenjing", "陈静"))
USER_IDS = {login: uuid.UUID(int=i + 1) for i, (login, _) in enumerate(USERS)}

CITIES = (("华东", "江苏", "苏州", "0512"), ("华东", "浙江", "杭州", "0571"),
          ("华北", "北京", "北京", "010"), ("华南", "广东", "佛山", "0757"))
BRANDS = ("汇能", "墙煌", "立邦", "恒昌", "新越")
TRADES = ("钢结构", "建材", "幕墙", "门窗")
# Company forms that name_key ignores: the same brand and trade with two of them are
# near-duplicates, which the import must not merge on its own.
SUFFIXES = ("有限公司", "股份有限公司", "集团有限公司", "厂", "", "（上海）有限公司")
SURNAMES = "王李张刘陈杨赵黄周吴"
GIVEN = ("伟", "芳", "娜", "敏", "静", "强", "磊", "洋", "文博", "春梅")
ROLES = ("", "采购经理", "总经理", "财务", "项目经理")
TAGS = ("幕墙", "出口", "账期长", "价格敏感", "新项目", "老客户")
USCC_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY"
USCC_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)


def uscc(body: str) -> str:
    total = sum(USCC_CHARS.index(c) * w for c, w in zip(body, USCC_WEIGHTS, strict=True))
    return body + USCC_CHARS[(31 - total % 31) % 31]


def same_name(name: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", name).split()).casefold()


mobiles = st.builds(lambda a, b: f"1{a}{b:09d}", st.sampled_from("3456789"),
                    st.integers(0, 10**9 - 1))
notes = st.sampled_from(("", "年底有新厂房项目", "对交期要求严格，\n竞争对手报价低约3%",
                         '说 "急"', "A, B; C"))


@st.composite
def contacts(draw: st.DrawFn) -> list[ContactDraft]:
    names = draw(st.lists(st.builds(str.__add__, st.sampled_from(SURNAMES),
                                    st.sampled_from(GIVEN)), max_size=3, unique=True))
    return [
        ContactDraft(
            name=name,
            role=draw(st.sampled_from(ROLES)),
            mobile=draw(st.one_of(st.just(""), mobiles)),
            landline=draw(st.sampled_from(("", "0571-88886666", "021-62345678-123"))),
            email=draw(st.sampled_from(("", f"c{i}@example.cn"))),
            wechat=draw(st.sampled_from(("", f"wx_{i}"))),
            notes=draw(notes),
            is_primary=i == 0,
        )
        for i, name in enumerate(names)
    ]


@st.composite
def customers(draw: st.DrawFn) -> list[CustomerDraft]:
    bases = st.tuples(st.sampled_from(CITIES), st.sampled_from(BRANDS), st.sampled_from(TRADES),
                      st.sampled_from(SUFFIXES))
    chosen = draw(st.lists(bases, min_size=1, max_size=8,
                           unique_by=lambda b: same_name(b[0][2] + b[1] + b[2] + b[3])))
    book = []
    for (region, province, city, area), brand, trade, suffix in chosen:
        book.append(CustomerDraft(
            name=f"{city}{brand}{trade}{suffix}",
            short_name=draw(st.sampled_from(("", brand + trade))),
            category=draw(st.sampled_from([c.value for c in Category])),
            industry=draw(st.sampled_from(("", trade))),
            tax_id=draw(st.one_of(st.just(""), st.text(USCC_CHARS, min_size=17,
                                                       max_size=17).map(uscc))),
            region=region,
            province=draw(st.sampled_from(("", province))),
            city=city,
            address=draw(st.sampled_from(("", f"{city}市工业园区创业路12号"))),
            phone=draw(st.one_of(st.just(""), mobiles,
                                 st.integers(2_000_000, 8_999_999).map(
                                     lambda n, a=area: f"{a}-{n}"))),  # type: ignore[misc]  # mypy cannot type a lambda with a default
            email=draw(st.sampled_from(("", "sales@example.cn"))),
            website=draw(st.sampled_from(("", "www.example.cn"))),
            visit_cadence_days=draw(st.one_of(st.none(), st.integers(1, 365))),
            assigned_to_id=draw(st.one_of(st.none(), st.sampled_from(list(USER_IDS.values())))),
            tags=sorted(draw(st.sets(st.sampled_from(TAGS), max_size=3))),
            notes=draw(notes),
            contacts=draw(contacts()),
        ))
    return book


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("template") / "store.sqlite3"
    migrate.upgrade(path, path.parent / "backups")
    return path


class Store:
    """A copy of the empty, migrated store; with ``users``, the salespeople HQ sent."""

    def __init__(self, template: Path, path: Path, *, users: bool) -> None:
        shutil.copy(template, path)
        self.path = path
        self.engine = create_store_engine(path)
        self.factory = session_factory(self.engine)
        if users:
            with unit_of_work(self.factory) as session:
                session.info["outbox"] = False  # as if pulled from HQ
                session.add_all(User(id=USER_IDS[login], username=login, display_name=name,
                                     role="sales") for login, name in USERS)

    def drafts(self) -> list[CustomerDraft]:
        return [record.draft for _, record in listed(self.path, CustomerQuery())]

    def book(self) -> dict[str, CustomerDraft]:
        """Every customer by name, without the ids this store gave it and its contacts."""
        ids = [row.id for row, _ in listed(self.path, CustomerQuery())]
        service = CustomerService(self.factory)
        book = {}
        for customer_id in ids:
            detail = service.get(customer_id)
            assert detail is not None
            draft = detail.draft
            book[draft.name] = replace(
                draft, id=None, contacts=[replace(c, id=None) for c in draft.contacts])
        return book

    def close(self) -> None:
        self.engine.dispose()


@pytest.fixture
def stores(template: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[
        Callable[[str, bool], Store]]:
    opened: list[Store] = []

    def make(name: str, users: bool) -> Store:
        store = Store(template, tmp_path_factory.mktemp(name) / "store.sqlite3", users=users)
        opened.append(store)
        return store

    yield make
    for store in opened:
        store.close()


def people(store: Store) -> list[Person]:
    browser = CustomerBrowser(store.path)
    try:
        return browser.filter_options().assignees
    finally:
        browser.close()


@settings(max_examples=25, deadline=None, derandomize=True, database=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(book=customers(), suffix=st.sampled_from((".xlsx", ".csv")),
       tiers=st.lists(st.sampled_from(("A", "B", "C", None)), min_size=8, max_size=8))
# The demo's pair, with nothing else to tell them apart: still two companies.
@example(book=[CustomerDraft(name="苏州汇能钢结构股份有限公司"),
               CustomerDraft(name="苏州汇能钢结构有限公司")], suffix=".csv", tiers=["A", None] * 4)
def test_export_then_import_gives_back_the_same_book(
    stores: Callable[[str, bool], Store], tmp_path_factory: pytest.TempPathFactory,
    book: list[CustomerDraft], suffix: str, tiers: list[str | None],
) -> None:
    source = stores("source", True)
    service = CustomerService(source.factory)
    ranked: dict[uuid.UUID, tuple[str | None, Decimal]] = {}
    for draft, tier in zip(book, tiers, strict=False):
        saved = service.save(draft).draft
        assert saved.id is not None
        ranked[saved.id] = (tier, Decimal(1000 * len(ranked)))
    with unit_of_work(source.factory) as session:  # tiers, as orders would rank them
        set_tiers(session, ranked)
    original = source.book()
    assert len(original) == len(book)
    target = tmp_path_factory.mktemp("file") / f"客户{suffix}"
    export(source.path, CustomerQuery(), target)  # a few rows a page: several pages
    # Tiers are derived from orders: written to read, and left alone by the import.
    exported = {r.cells[0]: r.cells[3] for r in read_table(target, guess_mapping).rows}
    assert exported == {d.name: ranked[d.id][0] or "" for d in source.drafts()}  # type: ignore[index]  # a saved draft has its id

    # A laptop that synced with HQ knows the salespeople: everything comes back as it was.
    synced = stores("synced", True)
    importer = CustomerImporter(synced.factory, people(synced))
    table = importer.read(target)
    plan = importer.check(table, importer.guess(table.headers))
    assert not plan.issues
    assert not [w for w in plan.warnings if w.kind is not WarningKind.DUPLICATE_NAME]
    # Names that differ only in a company form are asked about, and kept apart unless merged.
    assert all(q.suggested == "separate" for q in plan.questions)
    result = importer.run(plan, ImportMode.ALL_OR_NOTHING, JobState())
    assert result.customers == len(book)
    assert result.customers + result.merged_rows == plan.row_count == len(table.rows)
    assert synced.book() == original

    # A store without the salespeople: each assigned customer's row says so, then the user
    # imports them unassigned; nothing else differs.
    empty = stores("empty", False)
    importer = CustomerImporter(empty.factory, people(empty))
    plan = importer.check(table, importer.guess(table.headers))
    assigned = {d.name for d in original.values() if d.assigned_to_id is not None}
    assert {i.error.code for i in plan.issues} <= {ErrorCode.NOT_FOUND}
    assert {c.draft.name for c in plan.customers if not c.valid} == assigned
    plan = plan.decide(Choices(unknown_salesperson_unassigned=True))
    assert not plan.issues
    importer.run(plan, ImportMode.ALL_OR_NOTHING, JobState())
    assert empty.book() == {n: replace(d, assigned_to_id=None) for n, d in original.items()}
