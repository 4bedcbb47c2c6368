"""Reading a laptop store with plain SQL in tests, to check what was written as written."""

from __future__ import annotations

import sqlite3
from pathlib import Path


def query(store: Path, sql: str, *params: object) -> list[tuple[object, ...]]:
    conn = sqlite3.connect(store)
    try:
        return conn.execute(sql, params).fetchall()
    finally:
        conn.close()
