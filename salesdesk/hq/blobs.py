"""Attachments' bytes on HQ's disk, content-addressed by SHA-256 (``ab/cdef…``, as on a laptop).

A laptop uploads in chunks (``PUT /blobs/{sha256}`` with where the chunk starts and the whole
size); the bytes go to ``.partial/<sha256>`` as they arrive, so an upload cut midway (even in
the middle of a request) resumes from what HQ holds, never from zero. When the partial reaches
the announced size its SHA-256 is checked: a mismatch discards it, a match moves it into place
atomically. Nothing over :data:`~salesdesk.domain.complaints.ATTACHMENT_SIZE_LIMIT` is taken.

Who may upload or download a hash: a user who may see an attachment row of that hash (HQ
staff: any; a salesperson: one of a complaint of a customer assigned to them), the rule a pull
uses for the rows themselves (:func:`may_see`).
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from sqlalchemy import select
from sqlalchemy.engine import Connection, make_url

from salesdesk.domain.complaints import ATTACHMENT_SIZE_LIMIT
from salesdesk.domain.people import Role
from salesdesk.hq import schema
from salesdesk.hq.accounts import Actor
from salesdesk.hq.answers import ApiError
from salesdesk.sync.protocol import ErrorCode

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows: uploads of one hash are not locked
    fcntl = None  # type: ignore[assignment]

SHA256 = re.compile(r"^[0-9a-f]{64}$")
_READ = 1024 * 1024


@dataclass(frozen=True)
class Held:
    """How many bytes of an attachment HQ holds, and whether that is all of it (verified)."""

    offset: int
    complete: bool


def default_root(db_url: str) -> Path:
    """Beside a SQLite database (``hq.sqlite3`` -> ``hq-blobs/``); else in HQ's data dir."""
    url = make_url(db_url)
    if url.get_backend_name() == "sqlite" and url.database and url.database != ":memory:":
        path = Path(url.database)
        return path.with_name(f"{path.stem}-blobs")
    from platformdirs import user_data_dir

    return Path(user_data_dir("salesdesk-hq", appauthor=False)) / "blobs"


def too_large(size: int, limit: int = ATTACHMENT_SIZE_LIMIT) -> ApiError:
    return ApiError(413, ErrorCode.TOO_LARGE,
                    f"the attachment is {size / 1024 / 1024:.1f} MB; attachments can be at "
                    f"most {limit / 1024 / 1024:.1f} MB")


def not_found() -> ApiError:
    return ApiError(404, ErrorCode.NOT_FOUND, "no attachment of this hash that you may see")


_ATTACHMENTS = schema.ENTITY_TABLES["complaint_attachments"]
_COMPLAINTS = schema.ENTITY_TABLES["complaints"]


def may_see(conn: Connection, actor: Actor, sha256: str) -> bool:
    """Whether ``actor`` may see an attachment row (not deleted) of this hash: HQ staff see
    every customer's, a salesperson those of the customers assigned to them."""
    a = _ATTACHMENTS
    query = select(a.c.id).where(a.c.sha256 == sha256, a.c.deleted_at.is_(None)).limit(1)
    if actor.role is not Role.HQ:
        c, cu = _COMPLAINTS, schema.customers
        query = (query.join(c, c.c.id == a.c.complaint_id)
                 .join(cu, cu.c.id == c.c.customer_id)
                 .where(cu.c.assigned_to_id == actor.user_id))
    return conn.execute(query).first() is not None


class BlobStore:
    """Content-addressed files under ``root``; partial uploads under ``root/.partial``."""

    def __init__(self, root: Path, limit: int = ATTACHMENT_SIZE_LIMIT) -> None:
        self.root = root
        self.limit = limit

    def path_of(self, sha256: str) -> Path:
        return self.root / sha256[:2] / sha256[2:]

    def partial_of(self, sha256: str) -> Path:
        return self.root / ".partial" / sha256

    def held(self, sha256: str) -> Held:
        try:
            return Held(self.path_of(sha256).stat().st_size, True)
        except FileNotFoundError:
            pass
        try:
            return Held(self.partial_of(sha256).stat().st_size, False)
        except FileNotFoundError:
            return Held(0, False)

    @contextlib.contextmanager
    def upload(self, sha256: str, offset: int, length: int) -> Iterator[Upload]:
        """A chunk of ``sha256`` (``length`` bytes in all) that starts at ``offset``.

        Raises:
            ApiError: 413 over the limit; 409 (``offset_mismatch``) when HQ holds another
                number of bytes (the answer's ``Upload-Offset`` says how many) or another
                upload of this hash is under way.
        """
        if length > self.limit:
            raise too_large(length, self.limit)
        partial = self.partial_of(sha256)
        partial.parent.mkdir(parents=True, exist_ok=True)
        with partial.open("ab") as out:
            if fcntl is not None:
                try:
                    fcntl.flock(out.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
                except BlockingIOError:
                    raise ApiError(409, ErrorCode.OFFSET_MISMATCH,
                                   "another upload of this attachment is under way") from None
            held = out.tell()
            if held != offset:
                raise OffsetMismatch(held)
            yield Upload(self, sha256, out, offset, length)

    def finish(self, sha256: str, length: int) -> Held:
        """Checks a partial that reached ``length`` bytes and moves it into place.

        Raises:
            ApiError: 422 ``hash_mismatch`` (the partial is discarded).
        """
        partial = self.partial_of(sha256)
        digest = hashlib.sha256()
        try:
            src = partial.open("rb")
        except FileNotFoundError:  # another request of the same upload finished it first
            return self.held(sha256)
        with src:
            while chunk := src.read(_READ):
                digest.update(chunk)
        if digest.hexdigest() != sha256:
            partial.unlink(missing_ok=True)
            raise ApiError(422, ErrorCode.HASH_MISMATCH,
                           "the uploaded bytes do not have this SHA-256; nothing was kept, "
                           "upload the attachment again")
        target = self.path_of(sha256)
        target.parent.mkdir(parents=True, exist_ok=True)
        os.replace(partial, target)
        return Held(length, True)


class OffsetMismatch(ApiError):
    """409: the chunk does not start where HQ's bytes end (``held`` of them)."""

    def __init__(self, held: int) -> None:
        super().__init__(409, ErrorCode.OFFSET_MISMATCH,
                         f"HQ holds {held} bytes of this attachment; send from there")
        self.held = held


@dataclass
class Upload:
    """One request's chunk being appended to a partial (locked while it lasts)."""

    store: BlobStore
    sha256: str
    out: IO[bytes]
    offset: int
    length: int

    @property
    def held(self) -> int:
        return self.offset

    def write(self, chunk: bytes) -> None:
        """Appends ``chunk``; bytes past the announced length discard the partial (422)."""
        if self.offset + len(chunk) > self.length:
            self.out.close()
            self.store.partial_of(self.sha256).unlink(missing_ok=True)
            raise ApiError(422, ErrorCode.INVALID,
                           "more bytes than Upload-Length announced; nothing was kept")
        self.out.write(chunk)
        self.offset += len(chunk)

    @property
    def complete(self) -> bool:
        return self.offset == self.length


__all__ = ["SHA256", "BlobStore", "Held", "OffsetMismatch", "Upload", "default_root",
           "may_see", "not_found", "too_large"]
