"""Attachments' bytes in the data directory, content-addressed by SHA-256 (``ab/cdef…``).

A salesperson without a network attaches photos and documents all the same: the bytes are
copied here first (outside any transaction: a file stored twice is the same file, and one left
over by a failed save is harmless), then the ``complaint_attachments`` row names it by hash.
Files over :data:`SIZE_LIMIT` are refused with the file's name and the limit. The bytes reach
HQ and the other laptops after each sync (:mod:`salesdesk.sync.laptop.blobs`).
"""

from __future__ import annotations

import hashlib
import mimetypes
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

from salesdesk.domain.complaints import ATTACHMENT_SIZE_LIMIT
from salesdesk.kit.errors import KnownError

SIZE_LIMIT = ATTACHMENT_SIZE_LIMIT  # 20 MB, HQ's limit too
_CHUNK = 1024 * 1024


class AttachmentTooLarge(KnownError):
    """params: file, size_mb, limit_mb."""

    code = "complaints.attachment_too_large"


class AttachmentUnreadable(KnownError):
    """params: file, problem."""

    code = "complaints.attachment_unreadable"


@dataclass(frozen=True)
class StoredFile:
    sha256: str
    filename: str
    size: int
    mime: str


def _mb(size: int) -> str:
    return f"{size / 1024 / 1024:.1f}"


class AttachmentStore:
    def __init__(self, root: Path, limit: int = SIZE_LIMIT) -> None:
        self.root = root
        self.limit = limit

    def path_of(self, sha256: str) -> Path:
        return self.root / sha256[:2] / sha256[2:]

    def has(self, sha256: str) -> bool:
        return self.path_of(sha256).is_file()

    def add(self, source: Path) -> StoredFile:
        """Copies ``source`` in (once per content) and says what it is.

        Raises:
            AttachmentTooLarge: over the limit (nothing copied).
            AttachmentUnreadable: the file cannot be read.
        """
        try:
            size = source.stat().st_size
            if size > self.limit:
                raise AttachmentTooLarge(f"{source}: {size} bytes", file=source.name,
                                         size_mb=_mb(size), limit_mb=_mb(self.limit))
            self.root.mkdir(parents=True, exist_ok=True)
            digest = hashlib.sha256()
            fd, tmp_name = tempfile.mkstemp(dir=self.root, prefix=".incoming-")
            tmp = Path(tmp_name)
            try:
                with os.fdopen(fd, "wb") as out, source.open("rb") as src:
                    copied = 0
                    while chunk := src.read(_CHUNK):
                        copied += len(chunk)
                        if copied > self.limit:  # grew while being copied
                            raise AttachmentTooLarge(f"{source}: grew past the limit",
                                                     file=source.name, size_mb=_mb(copied),
                                                     limit_mb=_mb(self.limit))
                        digest.update(chunk)
                        out.write(chunk)
                sha = digest.hexdigest()
                target = self.path_of(sha)
                if target.is_file():
                    tmp.unlink()
                else:
                    target.parent.mkdir(parents=True, exist_ok=True)
                    os.replace(tmp, target)
            except BaseException:
                tmp.unlink(missing_ok=True)
                raise
        except OSError as exc:
            raise AttachmentUnreadable(str(exc), file=source.name,
                                       problem=exc.strerror or str(exc)) from exc
        mime = mimetypes.guess_type(source.name)[0] or "application/octet-stream"
        return StoredFile(sha, source.name[:255], copied, mime)
