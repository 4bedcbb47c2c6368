"""The laptop's push/pull loop: :func:`sync` (push the outbox, then pull what changed).

No Qt here. :func:`sync`, :func:`push_all` and :func:`pull_all` are plain long-running functions
that take a client and a store by what they need of them (:mod:`salesdesk.sync.ports`) and a
:class:`~salesdesk.kit.jobs.JobState`, so the UI runs them on its background runner and tests
pass fakes. Every batch acknowledgement and every pulled page is committed together with the
client's position, so a sync that is cancelled, cut off or crashes leaves a consistent store,
and the next one continues where it stopped. A cancel raises
:class:`~salesdesk.kit.jobs.Cancelled`; a failure of the environment its
:class:`~salesdesk.sync.errors.SyncError`.
"""

from __future__ import annotations

import threading
import time
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from uuid import UUID

from salesdesk.kit.jobs import Cancelled, JobState
from salesdesk.sync.batches import DEFAULT_BATCH, OutboxBatch
from salesdesk.sync.errors import OutOfOrder
from salesdesk.sync.laptop import blobs
from salesdesk.sync.laptop.blobs import BlobCounts
from salesdesk.sync.ports import AttachmentIndex, BlobClient, SyncClient, SyncStore
from salesdesk.sync.protocol import DEFAULT_PAGE_ROWS, OpStatus, PullRequest, PushResponse
from salesdesk.sync.pulled import PulledPage


@dataclass
class SyncReport:
    pushed: int = 0
    rejected: int = 0
    pulled: int = 0
    evicted: int = 0
    conflicts: int = 0
    pages: int = 0
    finished_at: datetime | None = None
    seconds: float = 0.0
    messages: list[str] = field(default_factory=list)
    attachments: BlobCounts = field(default_factory=BlobCounts)
    """Attachments' bytes moved after push and pull, and those waiting for the next sync."""


def _check(state: JobState) -> None:
    if state.cancelled:
        raise Cancelled("sync cancelled; what was done so far is kept")


def push_all(
    client: SyncClient, store: SyncStore, state: JobState | None = None,
    *, batch_size: int = DEFAULT_BATCH, report: SyncReport | None = None,
) -> SyncReport:
    """Drains the outbox (also what to run before a local schema migration).

    Pipelined, with at most two requests in flight on helper threads: this one reads batch
    N+1 from the outbox during batch N's request, and acknowledges N during N+1's request.

    * When N+1 mentions no row N writes (:meth:`OutboxBatch.mentions_any_row_of`), it goes
      out at once, alongside N, with ``after_op_id`` set to N's last op: HQ merges the two
      at the same time (on two workers) and commits N+1 only after N. Should HQ answer
      ``out_of_order`` (it waited for N in vain), N+1 is sent again once N's answer is in.
    * Otherwise N+1 goes out the moment N's answer is in (HQ has committed N by then), so HQ
      merges it seeing N's changes.

    Batch N+1 is the entries after N's last op id, read before N is acknowledged: that is
    what it would be after, since acknowledging deletes only entries up to N's and rewrites
    none (edits made meanwhile get higher op ids).

    Resume is as if one thing happened at a time: batches are acknowledged in order, each in
    one transaction, and a batch whose answer is not acknowledged stays in the outbox. A
    batch not yet sent is not sent when the request before it failed or the user cancelled
    (asked before each send); the answer in hand is still acknowledged. When acknowledging
    or reading the outbox fails, nothing more is sent, and a batch already at HQ is answered
    and its answer dropped: the next sync sends it again and HQ, which keys ops by op id,
    answers as the first time without applying anything twice (a batch sent alongside one
    that failed is applied only if that one was). The helpers are joined before this
    returns or raises (after the requests in flight end: at most the client's timeout, or
    HQ's wait for a batch that never came). A failed request raises its own
    :class:`SyncError` here, once the batch before it has been acknowledged.
    """
    state = state or JobState()
    report = report or SyncReport()
    _check(state)
    batch = store.pending(batch_size)
    if batch is None:
        return report
    client_id = UUID(store.client_id())
    to = _Sender(client, client_id, state)
    done = 0
    # Three threads: two requests out, and a batch waiting for the answer before it.
    with ThreadPoolExecutor(3, thread_name_prefix="sync-push") as sender:

        def send_next(
            previous: OutboxBatch, sending: Future[PushResponse | None]
        ) -> tuple[OutboxBatch | None, Future[PushResponse | None] | None]:
            """Reads the batch after ``previous`` (being sent by ``sending``) and sends it."""
            following = store.pending(batch_size, after=previous.last_op_id)
            if following is None:
                return None, None
            send = to.after if following.mentions_any_row_of(previous) else to.alongside
            return following, sender.submit(send, sending, following, previous.last_op_id)

        in_flight: Future[PushResponse | None] = sender.submit(
            client.push_batch, client_id, batch
        )
        total = store.pending_count() if batch.count == batch_size else batch.count
        following: OutboxBatch | None = None
        ahead: Future[PushResponse | None] | None = None
        further: Future[PushResponse | None] | None = None
        try:
            following, ahead = send_next(batch, in_flight)
        except BaseException:
            to.halted.set()
            in_flight.cancel()
            raise
        while True:
            further = None
            try:
                response = in_flight.result()
                if response is None:
                    raise Cancelled("sync cancelled; what was done so far is kept")
                # Two batches at HQ: the one after next goes out before this one is
                # acknowledged.
                beyond: OutboxBatch | None = None
                if following is not None and ahead is not None:
                    beyond, further = send_next(following, ahead)
                counts = store.acknowledge(batch, response)
            except BaseException:
                to.halted.set()
                for queued in (in_flight, ahead, further):
                    if queued is not None:
                        queued.cancel()  # only if not started: a request is never cut
                raise
            done += batch.count
            report.pushed += sum(1 for r in response.results if r.status is not OpStatus.REJECTED)
            report.rejected += counts.rejected
            report.conflicts += counts.conflicts
            total = max(total, done)
            state.progress(done, total, f"pushed {done} of {total} changes")
            if following is None or ahead is None:
                return report
            batch, in_flight, following, ahead = following, ahead, beyond, further


@dataclass(frozen=True)
class _Sender:
    """Sends one laptop's batches for :func:`push_all` (on its helper threads).

    ``halted`` is set when :func:`push_all` fails: a batch still waiting for the answer
    before it (whose task has started, so cancelling it does nothing) is then not sent."""

    client: SyncClient
    client_id: UUID
    state: JobState
    halted: threading.Event = field(default_factory=threading.Event)

    def after(
        self, previous: Future[PushResponse | None], batch: OutboxBatch, after: int
    ) -> PushResponse | None:
        """Sends ``batch`` once ``previous`` (the request for the batch before it) was
        answered, unless that failed or the user cancelled meanwhile: None when not sent."""
        try:
            answered = previous.result()
        except BaseException:  # raised where ``previous`` is awaited, after its acknowledgement
            return None
        if answered is None or self.halted.is_set() or self.state.cancelled:
            return None
        return self.client.push_batch(self.client_id, batch, after)

    def alongside(
        self, previous: Future[PushResponse | None], batch: OutboxBatch, after: int
    ) -> PushResponse | None:
        """Sends ``batch`` now, for HQ to commit after op ``after`` (``previous``'s last);
        when HQ gave up waiting for that op, again once ``previous`` was answered."""
        if self.halted.is_set() or self.state.cancelled:
            return None
        try:
            return self.client.push_batch(self.client_id, batch, after)
        except OutOfOrder:
            return self.after(previous, batch, after)


def pull_all(
    client: SyncClient, store: SyncStore, state: JobState | None = None,
    *, page_size: int = DEFAULT_PAGE_ROWS, report: SyncReport | None = None,
) -> SyncReport:
    """Pulls pages until caught up with the upper bound fixed by the first page.

    Pipelined: page N+1's request needs only page N's cursor and upper, so it is fetched and
    decoded on one helper thread while page N is applied on this one; a page then costs
    about the longer of the two instead of their sum. One request is in flight at a time and
    this thread sends none meanwhile, so the client is never used by two threads at once.
    While this thread waits for the first page, the helper runs the store's
    ``prepare_pull`` (loading what applying will need) before any fetch.

    Resume is as if one thing happened at a time: a page is applied (with its cursor, in one
    transaction) only after the page before it committed. When applying fails or the user
    cancels, the fetched page is dropped; the helper is joined before this returns or
    raises (after the request in flight ends, at most the client's timeout). A failed fetch
    raises its own :class:`SyncError` here, once the page before it has been applied.
    """
    state = state or JobState()
    report = report or SyncReport()
    client_id = UUID(store.client_id())
    _check(state)
    cursor, conflicts_since = store.pull_position()
    request = PullRequest(
        client_id=client_id, cursor=cursor, upper=None, limit=page_size,
        conflicts_since=conflicts_since,
    )
    # The request for the next page is the one the store's position gives once this page is
    # committed: the cursor (and upper) the page carries.
    with ThreadPoolExecutor(1, thread_name_prefix="sync-pull") as fetcher:
        fetcher.submit(store.prepare_pull, cursor)
        page = client.pull(request)
        while True:
            ahead: Future[PulledPage] | None = None
            if page.has_more:
                since = max([conflicts_since, *(c.id for c in page.conflicts)])
                request = PullRequest(
                    client_id=client_id, cursor=page.cursor, upper=page.upper,
                    limit=page_size, conflicts_since=since,
                )
                ahead = fetcher.submit(client.pull, request)
            try:
                counts = store.apply_page(page)
            except BaseException:
                if ahead is not None:
                    ahead.cancel()
                raise
            conflicts_since = request.conflicts_since
            report.pages += 1
            report.pulled += counts.rows
            report.evicted += counts.evicted
            report.conflicts += counts.conflicts
            state.progress(report.pulled, 0, f"pulled {report.pulled} records")
            if ahead is None:
                return report
            try:
                _check(state)
            except Cancelled:
                ahead.cancel()
                raise
            page = ahead.result()


def sync(
    client: SyncClient,
    store: SyncStore,
    state: JobState | None = None,
    *,
    batch_size: int = DEFAULT_BATCH,
    page_size: int = DEFAULT_PAGE_ROWS,
    attachments: Path | None = None,
) -> SyncReport:
    """Pushes the outbox, then pulls what changed; safe to cancel or cut at any point.

    With ``attachments`` (the laptop's attachments directory) and a client that moves bytes,
    then uploads the attachments HQ lacks and downloads those this laptop lacks
    (:mod:`salesdesk.sync.laptop.blobs`); what fails there waits for the next sync and is
    said in ``report.messages``, the sync itself succeeds."""
    state = state or JobState()
    started = time.perf_counter()
    report = SyncReport()
    push_all(client, store, state, batch_size=batch_size, report=report)
    pull_all(client, store, state, page_size=page_size, report=report)
    if attachments is not None and isinstance(client, BlobClient) and isinstance(
            store, AttachmentIndex):
        report.attachments = blobs.transfer(client, store, attachments, state)
        report.messages.extend(report.attachments.messages())
    report.finished_at = datetime.now(UTC)
    report.seconds = time.perf_counter() - started
    return report


__all__ = ["SyncReport", "pull_all", "push_all", "sync"]
