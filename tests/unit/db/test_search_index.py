"""The search index keeps documents numbered in list order, and never fails a write."""

from __future__ import annotations

import random
import sqlite3
import uuid
from pathlib import Path

import pytest

from salesdesk.db import search_index
from salesdesk.domain.search_tokens import match_expression

merge_slots = search_index._merge_slots  # as it is, whichever placement a test runs with


@pytest.fixture(autouse=True, params=["merge", "one_by_one"])
def placement(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Every test runs with both ways of placing a batch: merged with the whole index (a big
    batch) and each document between its neighbours (a small batch in a big index)."""
    if request.param == "one_by_one":
        monkeypatch.setattr(search_index, "_merge_slots", lambda conn, entries: None)
    return str(request.param)


def add_customer(conn: sqlite3.Connection, name: str, cid: uuid.UUID | None = None) -> str:
    cid = cid or uuid.uuid4()
    now = "2026-11-20 08:00:00.000000"
    conn.execute(
        "INSERT INTO customers (id, name, short_name, name_key, sort_key, category, tax_id,"
        " sales_12m, industry, region, province, city, address, phone, email, website,"
        " credit_terms, tags, notes, created_at, updated_at, server_version) VALUES"
        " (?, ?, '', '', '', 'ordinary', '', 0, '', '', '', '', '', '', '', '', '', '[]', '',"
        " ?, ?, 0)",
        (cid.hex, name, now, now),
    )
    return cid.hex


def add_contact(conn: sqlite3.Connection, customer: str, name: str, mobile: str) -> None:
    now = "2026-11-20 08:00:00.000000"
    conn.execute(
        "INSERT INTO contacts (id, customer_id, name, role, mobile, landline, email, wechat,"
        " is_primary, notes, created_at, updated_at, server_version) VALUES"
        " (?, ?, ?, '', ?, '', '', '', 0, '', ?, ?, 0)",
        (uuid.uuid4().hex, customer, name, mobile, now, now),
    )


def list_order(conn: sqlite3.Connection) -> list[str]:
    sql = ("SELECT c.name FROM search_doc d JOIN customers c ON c.id = d.customer_id"
           " ORDER BY d.rowid")
    return [r[0] for r in conn.execute(sql)]


def test_documents_follow_name_order(store: Path) -> None:
    conn = sqlite3.connect(store)
    ids = [add_customer(conn, n) for n in ("长沙甲公司", "北京乙公司", "重庆丙公司", "杭州丁公司")]
    search_index.reindex(conn, ids)
    assert list_order(conn) == ["北京乙公司", "长沙甲公司", "重庆丙公司", "杭州丁公司"]


def test_an_evicted_customer_in_the_same_batch_cannot_clash(store: Path) -> None:
    """Sync evicts a customer (its row is deleted with foreign keys off, so its document is
    still there) and, in the same page, receives another customer that sorts into the very
    place the evicted one had: both are reindexed together."""
    conn = sqlite3.connect(store)
    a = add_customer(conn, "北京丁公司")  # ding
    c = add_customer(conn, "北京甲公司")  # jia
    evicted = add_customer(conn, "北京己公司", uuid.UUID(int=1))  # ji: between the two
    search_index.reindex(conn, [a, c, evicted])
    conn.execute("DELETE FROM customers WHERE id = ?", (evicted,))  # the document stays
    newcomer = add_customer(conn, "北京己公司", uuid.UUID(int=2))  # the very same place
    search_index.reindex(conn, [newcomer, evicted])
    assert list_order(conn) == ["北京丁公司", "北京己公司", "北京甲公司"]
    assert conn.execute("SELECT count(*) FROM search_doc").fetchone()[0] == 3
    assert conn.execute("SELECT count(*) FROM customer_fts").fetchone()[0] == 3


def test_a_stale_document_outside_the_batch_does_not_fail_the_write(store: Path) -> None:
    conn = sqlite3.connect(store)
    a = add_customer(conn, "北京丁公司")
    c = add_customer(conn, "北京甲公司")
    gone = add_customer(conn, "北京己公司", uuid.UUID(int=1))
    search_index.reindex(conn, [a, c, gone])
    conn.execute("DELETE FROM customers WHERE id = ?", (gone,))
    newcomer = add_customer(conn, "北京己公司", uuid.UUID(int=2))
    search_index.reindex(conn, [newcomer])  # the stale document holds the natural rowid
    search_index.reindex(conn, [gone])
    assert sorted(list_order(conn)) == sorted(["北京丁公司", "北京己公司", "北京甲公司"])
    search_index.rebuild(conn)
    assert list_order(conn) == ["北京丁公司", "北京己公司", "北京甲公司"]


_SYLLABLES = "北京长沙重庆杭州墙煌建材幕工程有限公司甲乙丙丁己庚辛行银钢铁涂料化工贸易"


def random_book(conn: sqlite3.Connection, rng: random.Random, count: int) -> list[str]:
    """Customers with Chinese names (some shared, so ids break ties) and a few contacts."""
    ids = []
    for _ in range(count):
        name = "".join(rng.choice(_SYLLABLES) for _ in range(rng.randint(1, 6)))
        cid = add_customer(conn, name, uuid.UUID(int=rng.getrandbits(128)))
        for k in range(rng.randint(0, 3)):
            add_contact(conn, cid, "".join(rng.choice(_SYLLABLES) for _ in range(3)),
                        f"139{rng.randint(0, 99999999):08d}" if k % 2 == 0 else "")
        ids.append(cid)
    return ids


def snapshot(conn: sqlite3.Connection) -> list[tuple[str, str]]:
    """Every document (customer id, tokens) in rowid order."""
    return conn.execute(
        "SELECT d.customer_id, f.tokens FROM search_doc d JOIN customer_fts f ON f.rowid = d.rowid"
        " ORDER BY d.rowid"
    ).fetchall()


def in_list_order(conn: sqlite3.Connection) -> list[str]:
    sql = "SELECT id FROM customers WHERE deleted_at IS NULL ORDER BY sort_key, id"
    return [r[0] for r in conn.execute(sql)]


def search(conn: sqlite3.Connection, query: str) -> list[str]:
    """What a search shows: matching customers in rowid (list) order."""
    sql = ("SELECT d.customer_id FROM customer_fts f JOIN search_doc d ON d.rowid = f.rowid"
           " WHERE customer_fts MATCH ? ORDER BY f.rowid")
    return [r[0] for r in conn.execute(sql, (match_expression(query),))]


QUERIES = ["北", "建材", "bj", "changsha", "gongsi", "139", "钢铁", "丁公"]


def test_a_bulk_load_numbers_documents_like_rebuild(store: Path, placement: str) -> None:
    """An initial sync indexes thousands of new customers in one batch: their documents come
    out in list order with rebuild's spacing and tokens, and every search finds the same."""
    conn = sqlite3.connect(store)
    ids = random_book(conn, random.Random(7), 600)
    search_index.reindex(conn, ids)
    docs = snapshot(conn)
    assert [cid for cid, _ in docs] == in_list_order(conn)
    if placement == "merge":
        rowids = [r[0] for r in conn.execute("SELECT rowid FROM search_doc ORDER BY rowid")]
        assert rowids == [search_index.SPACING * (i + 1) for i in range(len(ids))]
    found = {q: search(conn, q) for q in QUERIES}
    assert all(found.values())
    search_index.rebuild(conn)
    assert snapshot(conn) == docs
    assert {q: search(conn, q) for q in QUERIES} == found


def test_a_big_batch_merges_into_an_existing_index(store: Path) -> None:
    """A second page of new customers lands between and after the ones already indexed, and
    a customer of the batch that was indexed before (renamed) moves to its new place."""
    conn = sqlite3.connect(store)
    rng = random.Random(11)
    first = random_book(conn, rng, 300)
    search_index.reindex(conn, first)
    second = random_book(conn, rng, 200)
    conn.execute("UPDATE customers SET name = '阿' || name WHERE id = ?", (first[0],))
    search_index.reindex(conn, [*second, first[0]])
    docs = snapshot(conn)
    assert [cid for cid, _ in docs] == in_list_order(conn)
    found = {q: search(conn, q) for q in QUERIES}
    search_index.rebuild(conn)
    assert snapshot(conn) == docs
    assert {q: search(conn, q) for q in QUERIES} == found


def test_a_batch_into_a_full_gap_still_lands_in_order(store: Path) -> None:
    """Two neighbours with adjacent rowids leave no room: the batch is placed one by one,
    renumbering around them."""
    conn = sqlite3.connect(store)
    a = add_customer(conn, "北京丁公司")
    b = add_customer(conn, "北京甲公司")
    search_index.reindex(conn, [a, b])
    conn.execute("UPDATE search_doc SET rowid = 2 WHERE customer_id = ?", (b,))
    conn.execute("UPDATE customer_fts SET rowid = 2 WHERE rowid = ?", (2 * search_index.SPACING,))
    conn.execute("UPDATE search_doc SET rowid = 1 WHERE customer_id = ?", (a,))
    conn.execute("UPDATE customer_fts SET rowid = 1 WHERE rowid = ?", (search_index.SPACING,))
    between = [add_customer(conn, n) for n in ("北京己公司", "北京庚公司", "北京丙公司")]
    search_index.reindex(conn, between)
    assert list_order(conn) == [
        "北京丙公司", "北京丁公司", "北京庚公司", "北京己公司", "北京甲公司"
    ]
    assert conn.execute("SELECT count(*) FROM customer_fts").fetchone()[0] == 5


def test_deleted_customers_leave_the_index_in_a_batch(store: Path) -> None:
    conn = sqlite3.connect(store)
    ids = random_book(conn, random.Random(3), 50)
    search_index.reindex(conn, ids)
    gone = ids[::3]
    conn.executemany(
        "UPDATE customers SET deleted_at = '2026-11-21 08:00:00.000000' WHERE id = ?",
        [(cid,) for cid in gone],
    )
    search_index.reindex(conn, ids)
    assert [cid for cid, _ in snapshot(conn)] == in_list_order(conn)
    assert not set(gone) & {cid for cid, _ in snapshot(conn)}


def test_only_a_big_batch_scans_the_whole_index(store: Path) -> None:
    """One edited customer in a big book is placed by its neighbours alone (a few indexed
    lookups), not by reading every document."""
    conn = sqlite3.connect(store)
    search_index.reindex(conn, random_book(conn, random.Random(5), 300))
    entry = [("beijing", uuid.uuid4().hex, "")]
    assert merge_slots(conn, entry) is None
    assert merge_slots(conn, entry * 2) is not None


def test_deferred_documents_are_rebuilt_once_in_parts(
    store: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """What pages defer adds up (in separate keys, so no page rewrites the list); catch_up
    rebuilds each customer once, in batches of a bounded size, and empties the list. A
    customer gone meanwhile loses its document, and one never indexed stays out."""
    conn = sqlite3.connect(store)
    conn.execute("INSERT INTO sync_state (key, value) VALUES ('pull_cursor', '{}')")
    names = ["长沙甲公司", "北京乙公司", "重庆丙公司", "杭州丁公司", "上海戊公司"]
    ids = [add_customer(conn, n) for n in names]
    search_index.reindex(conn, ids[:2])  # indexed before the pull
    add_contact(conn, ids[0], "欧阳震华", "13912345678")
    search_index.defer(conn, ids[:3])
    search_index.defer(conn, [uuid.UUID(ids[0]), ids[3]])
    conn.execute("DELETE FROM customers WHERE id = ?", (ids[1],))  # evicted later in the pull
    never = uuid.uuid4().hex  # evicted before it came
    search_index.defer(conn, [never])
    assert search_index.deferred(conn) == {*ids[:4], never}
    batches: list[list[str]] = []
    reindex = search_index.reindex

    def recording(c: sqlite3.Connection, batch: list[str]) -> None:
        batches.append(list(batch))
        reindex(c, batch)

    monkeypatch.setattr(search_index, "reindex", recording)
    monkeypatch.setattr(search_index, "_CATCH_UP_BATCH", 2)
    assert search_index.catch_up(conn, [ids[4]]) == 6
    assert sorted(i for batch in batches for i in batch) == sorted([*ids, never])
    assert max(len(batch) for batch in batches) == 2
    assert search_index.deferred(conn) == set()
    assert conn.execute("SELECT key FROM sync_state").fetchall() == [("pull_cursor",)]
    order = list_order(conn)
    assert sorted(order) == sorted(n for i, n in enumerate(names) if i != 1)
    assert conn.execute("SELECT count(*) FROM search_doc").fetchone()[0] == 4
    search_index.rebuild(conn)
    assert list_order(conn) == order
    hits = conn.execute(
        "SELECT d.customer_id FROM customer_fts f JOIN search_doc d ON d.rowid = f.rowid"
        " WHERE customer_fts MATCH ?", (match_expression("欧阳"),)
    ).fetchall()
    assert hits == [(ids[0],)]
