from __future__ import annotations

import sqlite3

import pytest

from salesdesk.domain.search_tokens import document_tokens, match_expression, sort_key


@pytest.fixture
def index() -> sqlite3.Connection:
    conn = sqlite3.connect(":memory:")
    conn.execute(
        "CREATE VIRTUAL TABLE t USING fts5(tokens, tokenize='unicode61 "
        "remove_diacritics 0', prefix='1 2 3')"
    )
    docs = {
        1: (["墙煌建材有限公司", "墙煌", "王小明"], ["13800138000", "0571-88886666"]),
        2: (["杭州建华幕墙工程有限公司", "建华", "李娜"], ["13912345678"]),
        3: (["Acme Steel 上海分公司"], []),
    }
    for rowid, (texts, phones) in docs.items():
        conn.execute(
            "INSERT INTO t (rowid, tokens) VALUES (?, ?)", (rowid, document_tokens(texts, phones))
        )
    return conn


def find(conn: sqlite3.Connection, query: str) -> set[int]:
    expr = match_expression(query)
    assert expr is not None
    return {r[0] for r in conn.execute("SELECT rowid FROM t WHERE t MATCH ?", (expr,))}


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("建", {1, 2}),
        ("煌", {1}),
        ("建材", {1}),
        ("墙煌建材", {1}),
        ("幕墙工程", {2}),
        ("qhjc", {1}),
        ("QHJC", {1}),
        ("qianghuang", {1}),
        ("jiancai", {1}),
        ("huang", {1}),
        ("wxm", {1}),
        ("8000", {1}),
        ("88886666", {1}),
        ("0571", {1}),
        ("1391", {2}),
        ("acme", {3}),
        ("steel", {3}),
        ("王 138", {1}),
        ("ｑｈｊｃ", {1}),
    ],
)
def test_finds(index: sqlite3.Connection, query: str, expected: set[int]) -> None:
    assert find(index, query) == expected


def test_longer_query_is_a_substring_not_scattered_bigrams(index: sqlite3.Connection) -> None:
    # 建材 and 有限 both occur in doc 1, but "材限" does not: a phrase of bigrams must be adjacent.
    assert find(index, "建材有限") == {1}
    assert find(index, "墙材") == set()
    assert find(index, "建材限公") == set()


def test_nothing_to_search() -> None:
    assert match_expression("  ,.!  ") is None


def test_sort_key_is_pinyin() -> None:
    assert sort_key("重庆长城") < sort_key("东莞")  # chong qing < dong guan
    assert sort_key("北京") < sort_key("长春")


def test_warm_up_on_another_thread_builds_the_same_tokens() -> None:
    """In a fresh interpreter (pypinyin not loaded yet), a document built while another thread
    warms pinyin up is the one built without warming up."""
    import subprocess
    import sys
    from pathlib import Path

    texts, phones = ["墙煌建材有限公司", "墙煌", "王小明"], ["13800138000"]
    script = (
        "import threading; from salesdesk.domain import search_tokens as t\n"
        "w = threading.Thread(target=t.warm_up); w.start()\n"
        f"print(t.document_tokens({texts!r}, {phones!r})); print(t.sort_key({texts[0]!r}))\n"
        "w.join()\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", script], check=True, capture_output=True, text=True,
        cwd=Path(__file__).resolve().parents[3], encoding="utf-8",
    ).stdout.splitlines()
    assert out == [document_tokens(texts, phones), sort_key(texts[0])]


def test_pinyin_dictionaries_leave_the_collectors_walks() -> None:
    """Once pypinyin is loaded its ~200,000 objects are frozen: a full collection that walked
    them paused a sync for 50-100 ms. In a fresh interpreter, as the app meets it."""
    import subprocess
    import sys
    from pathlib import Path

    script = (
        "import gc; from salesdesk.domain import search_tokens as t\n"
        "before = gc.get_freeze_count(); t.document_tokens(['墙煌'], [])\n"
        "print(before, gc.get_freeze_count())\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", script], check=True, capture_output=True, text=True,
        cwd=Path(__file__).resolve().parents[3], encoding="utf-8",
    ).stdout.split()
    before, after = map(int, out)
    assert before == 0 and after > 100_000, out
