"""What the sync loop (``salesdesk.sync.laptop.loop``) needs of a store and of HQ.

The loop takes these Protocols, not the laptop's concrete classes
(``salesdesk.sync.laptop.store.LocalStore``, ``salesdesk.sync.laptop.http.HQClient``), so its
tests run it against fakes and the two sides can change apart. Failures are the
:mod:`salesdesk.sync.errors` family; progress and cancel are :class:`salesdesk.kit.jobs.JobState`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol, runtime_checkable
from uuid import UUID

from salesdesk.sync.batches import OutboxBatch
from salesdesk.sync.protocol import BlobState, Cursor, PullRequest, PushResponse
from salesdesk.sync.pulled import PulledPage


@dataclass
class ApplyCounts:
    """What acknowledging a batch or applying a page did to the store."""

    rows: int = 0
    evicted: int = 0
    conflicts: int = 0
    rejected: int = 0


class SyncStore(Protocol):
    """The laptop store as the sync loop needs it."""

    def client_id(self) -> str: ...

    def pending(self, limit: int, after: int | None = None) -> OutboxBatch | None:
        """The first ``limit`` entries after op ``after`` (by default the last acknowledged
        one), or None when there are none."""
        ...

    def pending_count(self) -> int: ...

    def acknowledge(self, batch: OutboxBatch, response: PushResponse) -> ApplyCounts:
        """Records HQ's answers to ``batch`` and moves the outbox past it, in one
        transaction."""
        ...

    def pull_position(self) -> tuple[Cursor, int]:
        """Where the next pull starts, and the last conflict notice already received."""
        ...

    def prepare_pull(self, cursor: Cursor) -> None:
        """Runs on the helper thread while the first page is requested from ``cursor``."""

    def apply_page(self, page: PulledPage) -> ApplyCounts:
        """Applies a page and moves the position past it, in one transaction."""
        ...


class SyncClient(Protocol):
    """HQ as the sync loop needs it: safe to call from one helper thread at a time per
    request; a failed request raises a :class:`~salesdesk.sync.errors.SyncError`."""

    def push_batch(
        self, client_id: UUID, batch: OutboxBatch, after: int | None = None
    ) -> PushResponse:
        """Sends ``batch``; with ``after``, for HQ to commit after that op of this client
        (:class:`~salesdesk.sync.errors.OutOfOrder` when HQ gave up waiting for it)."""
        ...

    def pull(self, request: PullRequest) -> PulledPage: ...


@runtime_checkable
class BlobClient(Protocol):
    """HQ as the attachments' transfer needs it (:mod:`salesdesk.sync.laptop.blobs`)."""

    def blob_held(self, sha256: str) -> BlobState:
        """How many bytes of the attachment HQ holds (0 when none)."""
        ...

    def put_blob(self, sha256: str, offset: int, length: int, chunk: bytes) -> BlobState:
        """Sends ``chunk``, which starts at ``offset`` of ``length`` bytes in all."""
        ...

    def get_blob(self, sha256: str, write: Callable[[bytes], object]) -> None:
        """Passes the attachment's bytes to ``write`` as they arrive
        (:class:`~salesdesk.sync.errors.AttachmentMissing` when HQ has none)."""
        ...


@runtime_checkable
class AttachmentIndex(Protocol):
    """The store as the attachments' transfer needs it."""

    def attachment_files(self) -> list[tuple[str, int]]:
        """``(sha256, size)`` of every attachment the store holds a row of."""
        ...


__all__ = ["ApplyCounts", "AttachmentIndex", "BlobClient", "SyncClient", "SyncStore"]
