"""Where HQ keeps attachments' bytes by default, and what its store does on its own (the
endpoints are tested on a real HQ: tests/integration/sync/test_attachment_sync.py)."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from salesdesk.hq.answers import ApiError
from salesdesk.hq.blobs import BlobStore, OffsetMismatch, default_root


def test_blobs_live_beside_a_sqlite_database(tmp_path: Path) -> None:
    assert default_root(f"sqlite:///{tmp_path}/hq.sqlite3") == tmp_path / "hq-blobs"
    assert default_root("postgresql+psycopg://hq@db/hq").name == "blobs"


def test_an_upload_in_two_chunks_is_checked_and_moved_into_place(tmp_path: Path) -> None:
    store = BlobStore(tmp_path, limit=1000)
    data = b"0123456789" * 50
    sha = hashlib.sha256(data).hexdigest()
    with store.upload(sha, 0, len(data)) as up:
        up.write(data[:200])
    assert store.held(sha).offset == 200 and not store.held(sha).complete
    with pytest.raises(OffsetMismatch) as moved, store.upload(sha, 100, len(data)):
        pass
    assert moved.value.held == 200
    with store.upload(sha, 200, len(data)) as up:
        up.write(data[200:])
        assert up.complete
    assert store.finish(sha, len(data)).complete
    assert store.path_of(sha).read_bytes() == data and not store.partial_of(sha).exists()
    assert store.finish(sha, len(data)).complete  # a second finisher finds it done


def test_too_large_and_too_long_uploads_keep_nothing(tmp_path: Path) -> None:
    store = BlobStore(tmp_path, limit=100)
    sha = "ab" * 32
    with pytest.raises(ApiError) as big, store.upload(sha, 0, 101):
        pass
    assert big.value.status == 413 and "at most" in big.value.message
    with pytest.raises(ApiError) as long, store.upload(sha, 0, 10) as up:
        up.write(b"x" * 11)
    assert long.value.status == 422 and store.held(sha).offset == 0
