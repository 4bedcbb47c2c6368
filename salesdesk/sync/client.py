"""The laptop's side of sync: HTTP to HQ (httpx, TLS verified) and the push/pull loop.

No Qt here. :func:`sync` is a plain long-running function that takes a progress/cancel object
(:class:`TaskState`), so the UI runs it on its background runner and tests pass a fake. Every
batch acknowledgement and every pulled page is committed together with the client's position,
so a sync that is cancelled, cut off or crashes leaves a consistent store, and the next one
continues where it stopped.

Failures of the environment raise a :class:`SyncError` subclass with a message for people;
anything else is a bug and propagates as is.
"""

from __future__ import annotations

import functools
import re
import socket
import ssl
import threading
import time
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Protocol, TypeVar
from uuid import UUID

import httpx
from pydantic import BaseModel, TypeAdapter, ValidationError

from salesdesk.sync.protocol import (
    API_PREFIX,
    DEFAULT_PAGE_ROWS,
    PROTOCOL_HEADER,
    PROTOCOL_VERSION,
    Cursor,
    ErrorBody,
    ErrorCode,
    Hello,
    LoginRequest,
    LoginResponse,
    Op,
    OpStatus,
    PullRequest,
    PushRequest,
    PushResponse,
)
from salesdesk.sync.pulled import MalformedPage, PulledPage, read_page

DEFAULT_BATCH = 500

# --- errors ----------------------------------------------------------------------------------


class SyncError(Exception):
    """A failure of the environment, with a message the user can act on."""


class HQUnreachable(SyncError):
    """No connection to HQ (offline, wrong address, server down, connection cut)."""


class CertificateInvalid(SyncError):
    """HQ's TLS certificate did not verify: wrong server, or a company CA file is needed."""


class TokenExpired(SyncError):
    """The login expired or was revoked: log in again."""


class BadCredentials(SyncError):
    """Wrong username or password."""


class RateLimited(SyncError):
    """Too many failed logins; wait before trying again."""

    def __init__(self, message: str, retry_after_s: int | None) -> None:
        super().__init__(message)
        self.retry_after_s = retry_after_s


class UpgradeRequired(SyncError):
    """HQ no longer speaks this version's protocol: install the new SalesDesk."""

    def __init__(self, message: str, min_protocol: int | None, max_protocol: int | None) -> None:
        super().__init__(message)
        self.min_protocol = min_protocol
        self.max_protocol = max_protocol


class HQOutdated(SyncError):
    """HQ speaks only older protocols than this SalesDesk: HQ needs the update, not the
    laptop."""

    def __init__(self, message: str, max_protocol: int) -> None:
        super().__init__(message)
        self.max_protocol = max_protocol


class ServerError(SyncError):
    """HQ failed (5xx) or answered something unexpected; try again later."""


class StoreConflict(SyncError):
    """HQ refuses this store: it belongs to another user, or its op ids were reused."""


class OutOfOrder(ServerError):
    """HQ waited in vain for the batch a batch was sent to follow (``after_op_id``)."""


class SyncCancelled(Exception):
    """The user cancelled; everything done so far is kept."""


# --- HTTP ------------------------------------------------------------------------------------

M = TypeVar("M", bound=BaseModel)


def _cert_failure(exc: BaseException) -> bool:
    seen: BaseException | None = exc
    while seen is not None:
        if isinstance(seen, ssl.SSLCertVerificationError):
            return True
        if "CERTIFICATE_VERIFY_FAILED" in str(seen):
            return True
        seen = seen.__cause__ or seen.__context__
    return False


@functools.cache
def _tls_context(ca_file: str | None) -> ssl.SSLContext:
    """Verifies HQ against the system's CAs, or the company CA file (loaded once: ~50 ms)."""
    if ca_file is not None:
        return ssl.create_default_context(cafile=ca_file)
    return ssl.create_default_context()


class HQClient:
    """HTTP access to one HQ server; holds the token in memory only."""

    def __init__(
        self,
        base_url: str,
        *,
        token: str | None = None,
        ca_file: Path | str | None = None,
        timeout: float = 30.0,
        transport: httpx.BaseTransport | None = None,
    ) -> None:
        verify = _tls_context(str(ca_file) if ca_file is not None else None)
        self.token = token
        if transport is None:
            # Without TCP_NODELAY a request's body waits for the ACK of its headers: +40 ms.
            transport = httpx.HTTPTransport(
                verify=verify, socket_options=[(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)]
            )
        self._http = httpx.Client(
            base_url=base_url.rstrip("/"),
            verify=verify,
            timeout=timeout,
            transport=transport,
            headers={PROTOCOL_HEADER: str(PROTOCOL_VERSION)},
        )

    def close(self) -> None:
        self._http.close()

    def __enter__(self) -> HQClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _request(self, method: str, path: str, body: BaseModel | None, model: type[M]) -> M:
        content = body.model_dump_json().encode() if body is not None else None
        return self._parse(self._send(method, path, content), model)

    @staticmethod
    def _parse(content: bytes, model: type[M]) -> M:
        try:
            return model.model_validate_json(content)
        except ValidationError as exc:
            raise ServerError("HQ answered something this version does not understand") from exc

    def _send(self, method: str, path: str, content: bytes | None) -> bytes:
        """The body of HQ's successful answer; a :class:`SyncError` for anything else."""
        headers = {"Authorization": f"Bearer {self.token}"} if self.token else {}
        if content is not None:
            headers["Content-Type"] = "application/json"
        try:
            response = self._http.request(
                method, API_PREFIX + path, content=content, headers=headers
            )
        except httpx.TransportError as exc:
            if _cert_failure(exc):
                raise CertificateInvalid(
                    "HQ's certificate could not be verified; check the server address or "
                    "the company CA file"
                ) from exc
            raise HQUnreachable(f"cannot reach HQ ({type(exc).__name__})") from exc
        if response.status_code >= 400:
            self._raise_for(response)
        return response.content

    @staticmethod
    def _raise_for(response: httpx.Response) -> None:
        try:
            err: ErrorBody | None = ErrorBody.model_validate_json(response.content)
        except ValidationError:
            err = None
        status = response.status_code
        if err is None or status >= 500:
            raise ServerError(f"HQ failed (HTTP {status}); try again later")
        if err.code is ErrorCode.UPGRADE_REQUIRED:
            sent = int(response.request.headers.get(PROTOCOL_HEADER) or PROTOCOL_VERSION)
            if err.max_protocol is not None and err.max_protocol < sent:
                raise HQOutdated(err.message, err.max_protocol)
            raise UpgradeRequired(err.message, err.min_protocol, err.max_protocol)
        if err.code is ErrorCode.TOKEN_EXPIRED:
            raise TokenExpired(err.message)
        if err.code is ErrorCode.BAD_CREDENTIALS:
            raise BadCredentials(err.message)
        if err.code is ErrorCode.RATE_LIMITED:
            raise RateLimited(err.message, err.retry_after_s)
        if err.code in (ErrorCode.CLIENT_MISMATCH, ErrorCode.OP_ID_REUSED):
            raise StoreConflict(err.message)
        if err.code is ErrorCode.OUT_OF_ORDER:
            raise OutOfOrder(f"HQ refused the request: {err.message}")
        raise ServerError(f"HQ refused the request: {err.message}")

    def hello(self) -> Hello:
        hello = self._request("GET", "/hello", None, Hello)
        if hello.protocol_max < PROTOCOL_VERSION:
            raise HQOutdated(
                "HQ speaks an older sync protocol than this SalesDesk; HQ needs updating",
                hello.protocol_max,
            )
        if not hello.protocol_min <= PROTOCOL_VERSION <= hello.protocol_max:
            raise UpgradeRequired(
                "HQ speaks a newer sync protocol; please upgrade SalesDesk",
                hello.protocol_min,
                hello.protocol_max,
            )
        return hello

    def login(self, username: str, password: str, device: str = "") -> LoginResponse:
        """Logs in and keeps the token for this client's later requests."""
        result = self._request(
            "POST", "/login", LoginRequest(username=username, password=password, device=device),
            LoginResponse,
        )
        self.token = result.token
        return result

    def logout(self) -> None:
        headers = {"Authorization": f"Bearer {self.token}"} if self.token else {}
        try:
            self._http.post(API_PREFIX + "/logout", headers=headers)
        except httpx.TransportError as exc:
            raise HQUnreachable(f"cannot reach HQ ({type(exc).__name__})") from exc
        self.token = None

    def push(self, request: PushRequest) -> PushResponse:
        return self._request("POST", "/push", request, PushResponse)

    def push_batch(
        self, client_id: UUID, batch: OutboxBatch, after: int | None = None
    ) -> PushResponse:
        """Pushes a batch as the store encoded it: the same request as :meth:`push` with
        ``batch.ops()`` (and ``after_op_id``), without decoding and encoding a thousand ops
        on the way."""
        body = b'{"client_id":"%s","ops":%s,"after_op_id":%s}' % (
            str(client_id).encode(), batch.ops_json, b"null" if after is None else b"%d" % after
        )
        return self._parse(self._send("POST", "/push", body), PushResponse)

    def pull(self, request: PullRequest) -> PulledPage:
        """One page, validated without a model per row (:mod:`salesdesk.sync.pulled`)."""
        content = self._send("POST", "/pull", request.model_dump_json().encode())
        try:
            return read_page(content)
        except MalformedPage as exc:
            raise ServerError("HQ answered something this version does not understand") from exc


# --- the sync loop ---------------------------------------------------------------------------


class TaskState(Protocol):
    """What a long job reports to and asks of whoever runs it.

    ``is_cancelled`` may be asked from the job's helper threads (it reads a flag);
    ``progress`` is called on the job's own thread only.
    """

    def progress(self, done: int, total: int | None, message: str) -> None: ...

    def is_cancelled(self) -> bool: ...


class _Quiet:
    def progress(self, done: int, total: int | None, message: str) -> None:
        pass

    def is_cancelled(self) -> bool:
        return False


@dataclass
class ApplyCounts:
    rows: int = 0
    evicted: int = 0
    conflicts: int = 0
    rejected: int = 0


_OPS = TypeAdapter(list[Op])


@dataclass(frozen=True)
class OutboxBatch:
    """Consecutive outbox entries, ready to send.

    ``ops_json`` is the push request's ``ops`` array (a JSON list of :class:`Op`, op ids
    increasing), written by the store straight from what it stored: the laptop wrote those
    entries itself, and decoding them into models only to encode them again cost more than
    the rest of the laptop's side of a push.
    """

    first_op_id: int
    last_op_id: int
    count: int
    ops_json: bytes
    row_ids: frozenset[bytes] | None = None
    """The rows the entries write, as canonical UUID text; None when not known."""

    def ops(self) -> list[Op]:
        """The entries as models (validated), for tests and whoever needs to look inside."""
        return _OPS.validate_json(self.ops_json)

    def mentions_any_row_of(self, other: OutboxBatch) -> bool:
        """Does this batch write, or refer to, a row ``other`` writes (or might)? Any UUID in
        the ops counts, row ids and references alike (so a contact added to a customer that
        ``other`` creates, or to one it deletes, does)."""
        if other.row_ids is None:
            return True
        return any(m in other.row_ids for m in _UUID_TEXT.findall(self.ops_json))


_UUID_TEXT = re.compile(rb"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")


class SyncStore(Protocol):
    """The laptop store as the sync loop needs it (see ``salesdesk.sync.local.LocalStore``)."""

    def client_id(self) -> str: ...

    def pending(self, limit: int, after: int | None = None) -> OutboxBatch | None:
        """The first ``limit`` entries after op ``after`` (by default the last acknowledged
        one), or None when there are none."""
        ...

    def pending_count(self) -> int: ...

    def acknowledge(self, batch: OutboxBatch, response: PushResponse) -> ApplyCounts: ...

    def pull_position(self) -> tuple[Cursor, int]: ...

    def prepare_pull(self, cursor: Cursor) -> None:
        """Runs on the helper thread while the first page is requested from ``cursor``."""

    def apply_page(self, page: PulledPage) -> ApplyCounts: ...


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


def _check(state: TaskState) -> None:
    if state.is_cancelled():
        raise SyncCancelled("sync cancelled; what was done so far is kept")


def push_all(
    client: HQClient, store: SyncStore, state: TaskState | None = None,
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
    state = state or _Quiet()
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
                    raise SyncCancelled("sync cancelled; what was done so far is kept")
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

    client: HQClient
    client_id: UUID
    state: TaskState
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
        if answered is None or self.halted.is_set() or self.state.is_cancelled():
            return None
        return self.client.push_batch(self.client_id, batch, after)

    def alongside(
        self, previous: Future[PushResponse | None], batch: OutboxBatch, after: int
    ) -> PushResponse | None:
        """Sends ``batch`` now, for HQ to commit after op ``after`` (``previous``'s last);
        when HQ gave up waiting for that op, again once ``previous`` was answered."""
        if self.halted.is_set() or self.state.is_cancelled():
            return None
        try:
            return self.client.push_batch(self.client_id, batch, after)
        except OutOfOrder:
            return self.after(previous, batch, after)


def pull_all(
    client: HQClient, store: SyncStore, state: TaskState | None = None,
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
    state = state or _Quiet()
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
            state.progress(report.pulled, None, f"pulled {report.pulled} records")
            if ahead is None:
                return report
            try:
                _check(state)
            except SyncCancelled:
                ahead.cancel()
                raise
            page = ahead.result()


def sync(
    client: HQClient,
    store: SyncStore,
    state: TaskState | None = None,
    *,
    batch_size: int = DEFAULT_BATCH,
    page_size: int = DEFAULT_PAGE_ROWS,
) -> SyncReport:
    """Pushes the outbox, then pulls what changed; safe to cancel or cut at any point."""
    state = state or _Quiet()
    started = time.perf_counter()
    report = SyncReport()
    push_all(client, store, state, batch_size=batch_size, report=report)
    pull_all(client, store, state, page_size=page_size, report=report)
    report.finished_at = datetime.now(UTC)
    report.seconds = time.perf_counter() - started
    return report
