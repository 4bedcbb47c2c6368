"""The search index keeps documents numbered in list order, and never fails a write."""

from __future__ import annotations

import sqlite3
import uuid
from pathlib import Path

from salesdesk.db import search_index


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
