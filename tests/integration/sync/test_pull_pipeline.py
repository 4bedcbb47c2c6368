"""A real HQ process and a real laptop store: pulled pages overlap (page N+1 is fetched while
page N is applied), and a page that fails to apply leaves the cursor at the page before it."""

from __future__ import annotations

import threading
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from salesdesk.db import search_index
from salesdesk.db.models import Customer
from salesdesk.domain.people import Role
from salesdesk.sync.ports import ApplyCounts
from salesdesk.sync.protocol import Cursor, PullRequest
from salesdesk.sync.pulled import PulledPage
from tests.hqtest.laptops import Laptop, server_view

PAGE = 3
WAIT = 10.0  # seconds; only reached when the pages do not overlap


@pytest.fixture
def pair(laptops: Any, template_store: Path, tmp_path: Path, hq: str) -> Iterator[
    tuple[Laptop, Laptop]
]:
    """A salesperson's laptop with a dozen customers at HQ, and a second, empty laptop of
    the same user that has never pulled."""
    first = laptops(Role.SALES)
    first.sync()

    def make(session: Any) -> None:
        for i in range(12):
            session.add(Customer(name=f"常州第{i}建材有限公司", assigned_to_id=first.user_id))

    first.edit(make)
    first.sync()
    second = Laptop(template_store, tmp_path / "second.sqlite3", hq)
    second.login(first.username, first.password)
    try:
        yield first, second
    finally:
        second.close()


class Recorder:
    """Wraps a laptop's pull and apply: each request (with an event set when it starts), each
    page HQ answered, each page applied."""

    def __init__(self, laptop: Laptop) -> None:
        self.requests: list[PullRequest] = []
        self.fetched: list[PulledPage] = []
        self.applied: list[PulledPage] = []
        self._started: dict[str, threading.Event] = {}
        self._pull, self._apply = laptop.client.pull, laptop.store.apply_page
        laptop.client.pull = self.pull  # type: ignore[method-assign]  # a test double in its place
        laptop.store.apply_page = self.apply_page  # type: ignore[method-assign]  # a test double in its place

    def started(self, cursor: Cursor) -> threading.Event:
        """Set when a request for the page after ``cursor`` has started."""
        return self._started.setdefault(cursor.model_dump_json(), threading.Event())

    def pull(self, request: PullRequest) -> PulledPage:
        self.requests.append(request)
        self.started(request.cursor).set()
        page = self._pull(request)
        self.fetched.append(page)
        return page

    def apply_page(self, page: PulledPage) -> ApplyCounts:
        counts = self._apply(page)
        self.applied.append(page)
        return counts


def test_next_page_is_fetched_while_a_page_is_applied(pair, hq_db):
    """Each page's apply waits until the next page's request has started, and each request
    after the first waits until the page before it is being applied: both hold only when the
    two run at the same time, on different threads (otherwise a wait times out)."""
    _, laptop = pair
    recorder = Recorder(laptop)
    applying: dict[str, threading.Event] = {}
    waits: list[tuple[str, bool]] = []

    def being_applied(cursor: Cursor) -> threading.Event:
        return applying.setdefault(cursor.model_dump_json(), threading.Event())

    def pull_during_apply(request: PullRequest) -> PulledPage:
        if request.upper is not None:  # the page before this one exists
            waits.append(("fetch", being_applied(request.cursor).wait(WAIT)))
        return recorder.pull(request)

    def apply_during_fetch(page: PulledPage) -> ApplyCounts:
        being_applied(page.cursor).set()
        if page.has_more:
            waits.append(("apply", recorder.started(page.cursor).wait(WAIT)))
        return recorder.apply_page(page)

    laptop.client.pull = pull_during_apply
    laptop.store.apply_page = apply_during_fetch
    report = laptop.sync(page_size=PAGE)
    assert report.pages >= 4 and len(waits) == 2 * (report.pages - 1)
    assert all(ok for _, ok in waits), waits
    assert laptop.view() == server_view(hq_db, laptop.user_id)


def test_a_failed_apply_keeps_the_page_before_and_the_next_sync_resumes(pair, hq_db, monkeypatch):
    _, laptop = pair
    recorder = Recorder(laptop)
    defer = search_index.defer
    calls = 0

    def failing_defer(*args: Any, **kwargs: Any) -> None:
        # A page with more to come defers its search documents inside its transaction, after
        # its rows were written: all of it rolls back.
        nonlocal calls
        calls += 1
        if calls == 3:
            # Fail once page 4's request is under way (else it may not have started yet, and
            # pull_all rightly never sends it).
            assert recorder.started(recorder.fetched[2].cursor).wait(WAIT)
            raise OSError("disk full")
        defer(*args, **kwargs)

    monkeypatch.setattr(search_index, "defer", failing_defer)
    with pytest.raises(OSError, match="disk full"):
        laptop.sync(page_size=PAGE)
    assert [t for t in threading.enumerate() if t.name.startswith("sync-pull")] == []
    # Pages 1 and 2 were applied; page 3 failed while page 4 was fetched, then dropped.
    assert len(recorder.applied) == 2 and len(recorder.fetched) == 4
    cursor, _ = laptop.store.pull_position()
    assert cursor == recorder.applied[-1].cursor
    held = {row_id for rows in laptop.view().values() for row_id in rows}
    kept = {uuid.UUID(h) for page in recorder.applied for g in page.rows for h in g.ids}
    failed = {
        uuid.UUID(h) for page in recorder.fetched[2:] for g in page.rows for h in g.ids
    } - kept
    assert kept <= held and failed and not failed & held

    monkeypatch.undo()
    recorder.requests.clear()
    laptop.sync(page_size=PAGE)
    assert recorder.requests[0].cursor == cursor and recorder.requests[0].upper is None
    assert laptop.view() == server_view(hq_db, laptop.user_id)
