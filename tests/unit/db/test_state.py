"""``sync_state`` through its one home, :mod:`salesdesk.db.state`: the three ways in read and
write the same rows."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from sqlalchemy.orm import Session

from salesdesk.db import state
from salesdesk.db.session import create_store_engine


def test_the_three_ways_in_see_the_same_rows(store: Path) -> None:
    engine = create_store_engine(store)
    try:
        with Session(bind=engine) as session, session.begin():
            state.write(session, state.USER_ID, "u-1")  # the unit of work
        with Session(bind=engine) as session, session.begin():
            assert state.get(session, state.USER_ID) == "u-1"  # the transaction's cache
            state.put(session, state.USERNAME, "zhangwei")
            state.put(session, state.USER_ID, "u-1")  # unchanged: not written again
            assert session.info["sync_state_dirty"] == {state.USERNAME}
            state.flush(session)
        with Session(bind=engine) as session:
            assert state.read(session, state.USERNAME) == "zhangwei"
    finally:
        engine.dispose()
    conn = sqlite3.connect(store)
    try:
        assert state.read_raw(conn, (state.USER_ID, state.USERNAME, state.ROLE)) == {
            state.USER_ID: "u-1", state.USERNAME: "zhangwei"}
    finally:
        conn.close()


def test_deferred_lists_are_appended_read_and_cleared_apart_from_the_rest(store: Path) -> None:
    conn = sqlite3.connect(store)
    try:
        conn.execute("INSERT INTO sync_state (key, value) VALUES (?, '{}')", (state.PULL_CURSOR,))
        state.add_deferred(conn, "a,b")
        state.add_deferred(conn, "c")
        assert state.deferred_raw(conn) == ["a,b", "c"]
        engine = create_store_engine(store)
        conn.commit()
        try:
            with Session(bind=engine) as session, session.begin():
                # The cache leaves the (possibly thousands of) deferred ids out.
                assert state.get(session, state.PULL_CURSOR) == "{}"
                assert state.get(session, state.SEARCH_DEFERRED[0] + "00000001") is None
        finally:
            engine.dispose()
        state.clear_deferred(conn)
        assert state.deferred_raw(conn) == []
        assert conn.execute("SELECT key FROM sync_state").fetchall() == [(state.PULL_CURSOR,)]
    finally:
        conn.close()
