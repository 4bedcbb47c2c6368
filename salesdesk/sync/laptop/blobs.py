"""Attachments' bytes between the laptop's data directory and HQ, after a sync's push and pull.

The rows (``complaint_attachments``) sync like any other; this moves the bytes they name:

* **Up**: a file this laptop holds that HQ does not yet (``.sent/<sha256>`` marks those HQ
  confirmed) goes up in chunks of :data:`~salesdesk.sync.protocol.BLOB_CHUNK`, starting where
  HQ's bytes end (``HEAD``), so an upload cut midway continues from there, never from zero.
* **Down**: a row whose file this laptop lacks is fetched, its SHA-256 checked, then moved into
  place atomically (a cut download leaves only a temporary file, removed).

A failure here never fails the record sync: what could not move is counted in the
:class:`~salesdesk.sync.laptop.loop.SyncReport` ("2 attachments waiting to upload") and tried
again next sync. Attaching needs no network (``services/complaints/attachments.py``).
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from salesdesk.domain.complaints import ATTACHMENT_SIZE_LIMIT
from salesdesk.kit.jobs import Cancelled, JobState
from salesdesk.sync.errors import (
    AttachmentRefused,
    HQUnreachable,
    SyncError,
    TokenExpired,
    UploadMoved,
)
from salesdesk.sync.ports import AttachmentIndex, BlobClient
from salesdesk.sync.protocol import BLOB_CHUNK

MAX_MOVED = 3
"""Times an upload asks HQ where to go on after a chunk it refused for its offset."""
SENT = ".sent"
"""Under the attachments directory: an empty file per hash HQ holds whole."""


@dataclass
class BlobCounts:
    """What one transfer did, and what is left for the next sync."""

    uploaded: int = 0
    downloaded: int = 0
    bytes_sent: int = 0
    bytes_received: int = 0
    waiting_upload: int = 0
    waiting_download: int = 0
    refused: int = 0  # over the limit or not the bytes of their hash: never sent again as is

    def messages(self) -> list[str]:
        out = []
        if self.waiting_upload:
            out.append(f"{self.waiting_upload} attachment{_s(self.waiting_upload)} waiting to "
                       "upload")
        if self.waiting_download:
            out.append(f"{self.waiting_download} attachment{_s(self.waiting_download)} waiting "
                       "to download")
        if self.refused:
            out.append(f"{self.refused} attachment{_s(self.refused)} refused by HQ")
        return out


def _s(n: int) -> str:
    return "" if n == 1 else "s"


class _Hashing:
    """Writes to a file and hashes what it writes; refuses more than the size limit."""

    def __init__(self, out: IO[bytes], limit: int) -> None:
        self.out = out
        self.digest = hashlib.sha256()
        self.size = 0
        self.limit = limit

    def write(self, chunk: bytes) -> int:
        self.size += len(chunk)
        if self.size > self.limit:
            raise AttachmentRefused("HQ sent more bytes than an attachment can have")
        self.digest.update(chunk)
        return self.out.write(chunk)


class AttachmentFiles:
    """The laptop's attachments directory as the transfer sees it (the layout of
    ``services/complaints/attachments.py: AttachmentStore``: ``ab/cdef…``)."""

    def __init__(self, root: Path) -> None:
        self.root = root

    def path_of(self, sha256: str) -> Path:
        return self.root / sha256[:2] / sha256[2:]

    def has(self, sha256: str) -> bool:
        return self.path_of(sha256).is_file()

    def sent(self, sha256: str) -> bool:
        return (self.root / SENT / sha256).exists()

    def mark_sent(self, sha256: str) -> None:
        (self.root / SENT).mkdir(parents=True, exist_ok=True)
        (self.root / SENT / sha256).touch()


def upload(client: BlobClient, files: AttachmentFiles, sha256: str, counts: BlobCounts) -> None:
    """Sends what HQ lacks of one attachment, from the offset HQ reports."""
    held = client.blob_held(sha256)
    path = files.path_of(sha256)
    length = path.stat().st_size
    moved = 0
    with path.open("rb") as src:
        while not held.complete:
            if held.offset > length:
                raise AttachmentRefused("HQ holds more bytes of this attachment than it has")
            src.seek(held.offset)
            chunk = src.read(BLOB_CHUNK)
            try:
                held = client.put_blob(sha256, held.offset, length, chunk)
            except UploadMoved:
                moved += 1
                if moved > MAX_MOVED:  # another upload of it is under way: next sync
                    raise
                held = client.blob_held(sha256)  # another attempt moved it: ask where
                continue
            counts.bytes_sent += len(chunk)
    files.mark_sent(sha256)


def download(
    client: BlobClient, files: AttachmentFiles, sha256: str, counts: BlobCounts,
    limit: int = ATTACHMENT_SIZE_LIMIT,
) -> None:
    """Fetches one attachment, checks its SHA-256 and moves it into place atomically."""
    files.root.mkdir(parents=True, exist_ok=True)
    fd, name = tempfile.mkstemp(dir=files.root, prefix=".incoming-")
    tmp = Path(name)
    try:
        with os.fdopen(fd, "wb") as out:
            hashing = _Hashing(out, limit)
            client.get_blob(sha256, hashing.write)
        if hashing.digest.hexdigest() != sha256:
            raise AttachmentRefused("HQ sent bytes that do not have the attachment's SHA-256")
        target = files.path_of(sha256)
        target.parent.mkdir(parents=True, exist_ok=True)
        os.replace(tmp, target)
    finally:
        tmp.unlink(missing_ok=True)
    counts.downloaded += 1
    counts.bytes_received += hashing.size
    files.mark_sent(sha256)  # HQ holds it whole: nothing to upload


def transfer(
    client: BlobClient, index: AttachmentIndex, root: Path, state: JobState | None = None,
) -> BlobCounts:
    """Uploads the attachments HQ lacks and downloads those this laptop lacks.

    A failure of one attachment is counted and the rest go on; when HQ is unreachable or the
    token was refused, the rest wait for the next sync. Raises only
    :class:`~salesdesk.kit.jobs.Cancelled`.
    """
    state = state or JobState()
    files = AttachmentFiles(root)
    counts = BlobCounts()
    todo = [(sha, files.has(sha)) for sha, _ in index.attachment_files()]
    todo = [(sha, here) for sha, here in todo if not (here and files.sent(sha))]
    for done, (sha, here) in enumerate(todo):
        if state.cancelled:
            raise Cancelled("sync cancelled; what was done so far is kept")
        state.progress(done, len(todo), f"attachments: {done} of {len(todo)}")
        try:
            if here:
                upload(client, files, sha, counts)
                counts.uploaded += 1
            else:
                download(client, files, sha, counts)
        except AttachmentRefused:
            counts.refused += 1
        except (HQUnreachable, TokenExpired):
            for _, rest_here in todo[done:]:
                if rest_here:
                    counts.waiting_upload += 1
                else:
                    counts.waiting_download += 1
            break
        except (SyncError, OSError):
            if here:
                counts.waiting_upload += 1
            else:
                counts.waiting_download += 1
    return counts


__all__ = ["SENT", "AttachmentFiles", "BlobCounts", "download", "transfer", "upload"]
