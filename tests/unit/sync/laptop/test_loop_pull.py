"""The pull loop fetches page N+1 while page N is applied, and still fails and resumes as if
it did one thing at a time: a fake HQ and a fake store, so every ordering is forced, not timed.
"""

from __future__ import annotations

import threading
import uuid
from collections.abc import Callable

import pytest

from salesdesk.kit.jobs import Cancelled, JobState
from salesdesk.sync.errors import HQUnreachable
from salesdesk.sync.laptop.loop import pull_all
from salesdesk.sync.ports import ApplyCounts
from salesdesk.sync.protocol import Cursor, PullRequest
from salesdesk.sync.pulled import PulledPage
from tests.unit.sync.laptop.fakes import request_failures, threads_named

PAGES = 5
WAIT = 10.0  # seconds; only reached when the code under test is wrong


def page(n: int) -> PulledPage:
    """Page ``n`` (1-based) of :data:`PAGES`; its cursor is where page ``n + 1`` starts."""
    return PulledPage(rows=[], evictions=[], conflicts=[], cursor=Cursor(version=n), upper=PAGES,
                      has_more=n < PAGES, server_time_ms=0)


class FakeHQ:
    """Answers pulls from a numbered list of pages; checks it is never used concurrently."""

    def __init__(self) -> None:
        self.started = {n: threading.Event() for n in range(1, PAGES + 1)}
        self.finished = {n: threading.Event() for n in range(1, PAGES + 1)}
        self.hold: dict[int, threading.Event] = {}
        self.fail: dict[int, Exception] = {}
        self.threads: dict[int, str] = {}
        self.requests: list[PullRequest] = []
        self._busy = threading.Lock()

    def pull(self, request: PullRequest) -> PulledPage:
        assert self._busy.acquire(blocking=False), "two requests at once on one client"
        try:
            n = request.cursor.version + 1
            self.requests.append(request)
            self.threads[n] = threading.current_thread().name
            self.started[n].set()
            if n in self.hold:
                assert self.hold[n].wait(WAIT)
            self.finished[n].set()
            if n in self.fail:
                raise self.fail[n]
            return page(n)
        finally:
            self._busy.release()


class FakeStore:
    """Keeps the cursor as LocalStore does: moved only by a page that applied completely."""

    def __init__(self, on_apply: Callable[[int], None] | None = None) -> None:
        self.cursor = Cursor(version=0)
        self.applied: list[int] = []
        self.prepared: list[tuple[Cursor, str]] = []
        self.on_apply = on_apply

    def client_id(self) -> str:
        return str(uuid.UUID(int=1))

    def pull_position(self) -> tuple[Cursor, int]:
        return self.cursor, 0

    def prepare_pull(self, cursor: Cursor) -> None:
        self.prepared.append((cursor, threading.current_thread().name))

    def apply_page(self, p: PulledPage) -> ApplyCounts:
        n = p.cursor.version
        if self.on_apply is not None:
            self.on_apply(n)  # may raise: then nothing of the page is kept
        self.applied.append(n)
        self.cursor = p.cursor
        return ApplyCounts()


def test_next_page_is_fetched_while_a_page_is_applied() -> None:
    hq = FakeHQ()
    overlapped: list[int] = []

    def apply(n: int) -> None:
        if n < PAGES:  # the fetch of n + 1 must start before this apply returns
            assert hq.started[n + 1].wait(WAIT), f"page {n + 1} was not fetched during {n}"
            overlapped.append(n)

    store = FakeStore(apply)
    report = pull_all(hq, store, page_size=10)  # type: ignore[arg-type]  # fakes of HQ and the store
    assert store.applied == [1, 2, 3, 4, 5] and report.pages == PAGES
    assert overlapped == [1, 2, 3, 4]
    # Each request starts where the page before it ended, under the first page's bound.
    assert [r.cursor.version for r in hq.requests] == [0, 1, 2, 3, 4]
    assert [r.upper for r in hq.requests] == [None, PAGES, PAGES, PAGES, PAGES]
    caller = threading.current_thread().name
    assert hq.threads[1] == caller and all(hq.threads[n] != caller for n in range(2, 6))
    assert threads_named("sync-pull") == []


def test_the_store_prepares_on_the_helper_while_the_first_page_is_fetched() -> None:
    hq = FakeHQ()
    hq.hold[3] = threading.Event()
    store = FakeStore()
    store.cursor = Cursor(version=2)
    prepared = threading.Event()
    prepare = store.prepare_pull

    def prepare_then_release(cursor: Cursor) -> None:
        prepare(cursor)
        prepared.set()
        hq.hold[3].set()  # the first page arrives only once the store was prepared

    store.prepare_pull = prepare_then_release  # type: ignore[method-assign]  # a test double in its place
    pull_all(hq, store, page_size=10)  # type: ignore[arg-type]  # fakes of HQ and the store
    assert prepared.is_set() and store.applied == [3, 4, 5]
    [(cursor, thread)] = store.prepared
    assert cursor == Cursor(version=2) and thread.startswith("sync-pull")
    assert hq.threads[3] == threading.current_thread().name


def test_a_failed_apply_waits_for_the_fetch_in_flight_and_discards_it() -> None:
    hq = FakeHQ()
    hq.hold[3] = threading.Event()

    def apply(n: int) -> None:
        if n == 2:
            assert hq.started[3].wait(WAIT)  # page 3 is being fetched...
            threading.Timer(0.05, hq.hold[3].set).start()  # ...and arrives a little later
            raise OSError("disk full")

    store = FakeStore(apply)
    with pytest.raises(OSError, match="disk full"):
        pull_all(hq, store, page_size=10)  # type: ignore[arg-type]  # fakes of HQ and the store
    assert hq.finished[3].is_set(), "returned while the prefetch was still running"
    assert threads_named("sync-pull") == []
    assert store.applied == [1] and store.cursor == Cursor(version=1)

    # The next pull resumes from page 1's cursor and misses nothing.
    store.on_apply = None
    hq.requests.clear()
    pull_all(hq, store, page_size=10)  # type: ignore[arg-type]  # fakes of HQ and the store
    assert hq.requests[0].cursor == Cursor(version=1) and hq.requests[0].upper is None
    assert store.applied == [1, 2, 3, 4, 5]


def test_cancel_after_a_page_keeps_it_and_discards_the_prefetched_one() -> None:
    hq = FakeHQ()
    state = JobState()

    def apply(n: int) -> None:
        if n == 2:
            assert hq.started[3].wait(WAIT)
            state.cancel()

    store = FakeStore(apply)
    with pytest.raises(Cancelled):
        pull_all(hq, store, state, page_size=10)  # type: ignore[arg-type]  # fakes of HQ and the store
    assert store.applied == [1, 2] and store.cursor == Cursor(version=2)
    assert threads_named("sync-pull") == []


@request_failures
def test_a_failed_prefetch_surfaces_after_the_page_before_it_is_committed(
    error: Exception,
) -> None:
    hq = FakeHQ()
    hq.fail[4] = error
    store = FakeStore()
    with pytest.raises(type(error)) as raised:
        pull_all(hq, store, page_size=10)  # type: ignore[arg-type]  # fakes of HQ and the store
    assert raised.value is error
    assert store.applied == [1, 2, 3] and store.cursor == Cursor(version=3)
    assert threads_named("sync-pull") == []


def test_a_failed_first_page_is_raised_on_the_calling_thread() -> None:
    hq = FakeHQ()
    hq.fail[1] = HQUnreachable("cannot reach HQ (ConnectError)")
    store = FakeStore()
    with pytest.raises(HQUnreachable):
        pull_all(hq, store, page_size=10)  # type: ignore[arg-type]  # fakes of HQ and the store
    assert store.applied == [] and hq.threads[1] == threading.current_thread().name
