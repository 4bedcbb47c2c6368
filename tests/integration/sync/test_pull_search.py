"""A pull of many pages rebuilds each touched customer's search document once, with its last
page; an unfinished pull leaves a list that the next sync or the next start works off.

A real HQ and real laptop stores: one customer's contacts are written in separate pushes, so
HQ sends them on separate pages of a small-paged pull.
"""

from __future__ import annotations

import sqlite3
import uuid
from collections import Counter
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import pytest

from salesdesk.db import search_index
from salesdesk.db.models import Contact, Customer
from salesdesk.domain.people import Role
from salesdesk.domain.search_tokens import sort_key
from salesdesk.hq import admin
from salesdesk.kit.jobs import Cancelled, JobState
from salesdesk.services.customers.browse import CustomerBrowser
from salesdesk.services.customers.records import CustomerQuery
from salesdesk.services.customers.service import CustomerService
from salesdesk.sync.laptop.loop import pull_all
from salesdesk.sync.pulled import PulledPage
from tests.hqtest.laptops import Laptop
from tests.store_sql import query

PAGE = 2
CONTACTS = ("欧阳震华", "司马相如", "诸葛亮亮")


class Book:
    """A salesperson's data at HQ: customer A, whose contacts were added one push at a time
    after two other customers, so a pull from scratch sees A's row first and its contacts on
    later pages."""

    def __init__(self, writer: Laptop) -> None:
        self.writer = writer
        self.a = self._customer("宁波东海化工有限公司")
        self._customer("无锡太湖机电有限公司")
        self._customer("南通长江纺织有限公司")
        writer.sync()
        for name in CONTACTS:
            writer.edit(lambda s, n=name: s.add(Contact(customer_id=self.a, name=n)))  # type: ignore[misc]  # mypy cannot type a lambda with a default
            writer.sync()

    def _customer(self, name: str) -> uuid.UUID:
        def make(session: Any) -> uuid.UUID:
            customer = Customer(name=name, assigned_to_id=self.writer.user_id)
            session.add(customer)
            session.flush()
            return customer.id

        return self.writer.edit(make)


@pytest.fixture
def book(laptops: Any) -> Book:
    writer = laptops(Role.SALES)
    writer.sync()
    return Book(writer)


@pytest.fixture
def reader(book: Book, template_store: Path, tmp_path: Path, hq: str) -> Iterator[Laptop]:
    """A second, empty laptop of the same salesperson."""
    laptop = Laptop(template_store, tmp_path / "reader.sqlite3", hq)
    laptop.login(book.writer.username, book.writer.password)  # type: ignore[attr-defined]  # set by the laptops fixture
    try:
        yield laptop
    finally:
        laptop.close()


def found(laptop: Laptop, text: str) -> list[str]:
    browser = CustomerBrowser(laptop.path)
    try:
        return [row.name for row in browser.page(CustomerQuery(text=text), 0, 10)]
    finally:
        browser.close()


def stored_sort_key(laptop: Laptop, customer_id: uuid.UUID) -> str:
    rows = query(laptop.path, "SELECT sort_key FROM customers WHERE id = ?", customer_id.hex)
    return str(rows[0][0])


def deferred(laptop: Laptop) -> set[str]:
    conn = sqlite3.connect(laptop.path)
    try:
        return search_index.deferred(conn)
    finally:
        conn.close()


def documented(laptop: Laptop, customer_id: uuid.UUID) -> bool:
    sql = "SELECT 1 FROM search_doc WHERE customer_id = ?"
    return bool(query(laptop.path, sql, customer_id.hex))


class CancelOnceDeferred(JobState):
    """Cancels the sync after the page that put ``customer_id`` on the deferred list (other
    tests' users come first: users are sent to everyone)."""

    def __init__(self, laptop: Laptop, customer_id: uuid.UUID) -> None:
        super().__init__()
        self.laptop, self.customer_id = laptop, customer_id

    def progress(self, done: int, total: int, message: str = "") -> None:
        if self.customer_id.hex in deferred(self.laptop):
            self.cancel()


def cancelled_pull(laptop: Laptop, customer_id: uuid.UUID) -> None:
    with pytest.raises(Cancelled):
        pull_all(laptop.client, laptop.store, CancelOnceDeferred(laptop, customer_id),
                 page_size=PAGE)


def test_contacts_spread_over_pages_rebuild_the_document_once(
    book: Book, reader: Laptop, monkeypatch: pytest.MonkeyPatch
) -> None:
    reindexed: Counter[str] = Counter()
    reindex = search_index.reindex

    def counting(conn: sqlite3.Connection, ids: Iterable[uuid.UUID | str]) -> None:
        ids = list(ids)
        reindexed.update(uuid.UUID(str(c)).hex for c in ids)
        reindex(conn, ids)

    monkeypatch.setattr(search_index, "reindex", counting)
    pages: list[PulledPage] = []
    apply = reader.store.apply_page

    def recording(page: PulledPage) -> Any:
        pages.append(page)
        return apply(page)

    reader.store.apply_page = recording  # type: ignore[method-assign]  # a test double in its place
    reader.sync(page_size=PAGE)
    with_a = [
        p for p in pages
        if any(g.entity == "contacts" and g.fields and any(
            f["customer_id"] == str(book.a) for f in g.fields) for g in p.rows)
    ]
    assert len(with_a) >= 2, "A's contacts should have come on several pages"
    assert reindexed[book.a.hex] == 1
    assert reindexed and set(reindexed.values()) == {1}
    for name in CONTACTS:
        assert found(reader, name) == ["宁波东海化工有限公司"]
    assert deferred(reader) == set()


def test_a_cancelled_pull_leaves_the_list_and_the_next_sync_works_it_off(
    book: Book, reader: Laptop
) -> None:
    cancelled_pull(reader, book.a)
    assert book.a.hex in deferred(reader)
    assert found(reader, "宁波东海") == []  # accepted until the pull finishes
    # ... but the list already orders it by name (not first, by an empty key).
    assert stored_sort_key(reader, book.a) == sort_key("宁波东海化工有限公司") != ""
    reader.sync(page_size=PAGE)
    assert deferred(reader) == set()
    assert found(reader, "宁波东海") == ["宁波东海化工有限公司"]
    assert found(reader, CONTACTS[-1]) == ["宁波东海化工有限公司"]


def test_a_cancelled_pull_is_worked_off_at_start(book: Book, reader: Laptop) -> None:
    cancelled_pull(reader, book.a)
    assert book.a.hex in deferred(reader)
    service = CustomerService(reader.factory)
    assert service.rebuild_deferred_search() is True
    assert deferred(reader) == set()
    assert found(reader, "宁波东海") == ["宁波东海化工有限公司"]
    assert service.rebuild_deferred_search() is False  # nothing left: nothing to reload


def more_customers(book: Book, prefix: str) -> None:
    """Pushes :data:`PAGE` * 2 customers one at a time: later pages for a pull."""
    for i in range(2 * PAGE):
        book.writer.edit(lambda s, i=i: s.add(  # type: ignore[misc]  # mypy cannot type a lambda with a default
            Customer(name=f"{prefix}第{i}有限公司", assigned_to_id=book.writer.user_id)))
        book.writer.sync()


def test_an_evicted_customer_on_the_list_loses_its_document_for_good(
    book: Book, reader: Laptop, accounts: Any, hq_db: Any
) -> None:
    reader.sync()
    assert documented(reader, book.a)
    # A changes; a pull that brings the change first is cancelled: A's old document waits.
    book.writer.edit(lambda s: s.add(Contact(customer_id=book.a, name="上官婉儿")))
    book.writer.sync()
    more_customers(book, "嘉兴物流")
    cancelled_pull(reader, book.a)
    assert book.a.hex in deferred(reader) and documented(reader, book.a)
    other, _, _ = accounts.make(Role.SALES)
    admin.assign(hq_db, book.a, other)
    more_customers(book, "湖州丝绸")  # so the eviction comes on a page with more to follow
    evicted_early: list[bool] = []
    apply = reader.store.apply_page

    def checking(page: PulledPage) -> Any:
        counts = apply(page)
        if page.evictions and page.has_more:
            evicted_early.append(not documented(reader, book.a))
        return counts

    reader.store.apply_page = checking  # type: ignore[method-assign]  # a test double in its place
    report = reader.sync(page_size=PAGE)
    assert report.evicted == 1 and evicted_early == [True]
    assert not documented(reader, book.a)
    assert deferred(reader) == set()
    assert found(reader, "宁波东海") == [] and found(reader, "上官婉儿") == []
    assert len(found(reader, "湖州丝绸")) == 2 * PAGE
