"""Where a pull's page starts and ends: the decisions :func:`salesdesk.hq.pull.read_page`
makes around its queries."""

from __future__ import annotations

import uuid
from typing import NamedTuple

from salesdesk.hq.pull import cursor_after, is_caught_up, page_upper
from salesdesk.sync.protocol import Cursor

ROW = uuid.UUID("01a20b08-e1ee-7848-ac38-98902eeb5c93")


class Key(NamedTuple):
    """An index row as the page's key query returns it."""

    entity: str
    row_id: uuid.UUID
    version: int


def test_a_pull_covers_what_had_committed_at_its_first_page() -> None:
    assert page_upper(None, 40) == 40  # first page: everything committed now
    assert page_upper(30, 40) == 30  # later pages: what the first page saw, not newer
    assert page_upper(50, 40) == 40  # never beyond what has committed (a restored HQ)


def test_a_cursor_at_the_upper_version_is_caught_up_unless_keyed_inside_it() -> None:
    assert is_caught_up(Cursor(version=40), 40)
    assert is_caught_up(Cursor(version=41), 40)
    assert not is_caught_up(Cursor(version=39), 40)
    # A page ended inside version 40: rows of that version after its key may follow.
    assert not is_caught_up(Cursor(version=40, entity="customers", id=ROW), 40)
    assert is_caught_up(Cursor(version=41, entity="customers", id=ROW), 40)


def test_a_full_page_continues_after_its_last_key() -> None:
    cursor, end = cursor_after(Cursor(version=10), 40, Key("contacts", ROW, 25))
    assert cursor == Cursor(version=25, entity="contacts", id=ROW)
    assert end == 25  # evictions and conflicts up to the page's last version


def test_the_last_page_ends_at_upper_and_never_moves_a_cursor_back() -> None:
    assert cursor_after(Cursor(version=10), 40, None) == (Cursor(version=40), 40)
    assert cursor_after(Cursor(version=45), 40, None) == (Cursor(version=45), 40)
    keyed = Cursor(version=40, entity="customers", id=ROW)
    assert cursor_after(keyed, 40, None) == (Cursor(version=40), 40)
