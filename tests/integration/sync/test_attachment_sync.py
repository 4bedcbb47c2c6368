"""Attachments' bytes through a real HQ process (SQLite and PostgreSQL): a photo attached on a
salesperson's laptop without a network reaches the quality clerk's laptop byte for byte; an
upload cut midway resumes from what HQ holds; HQ refuses bytes that are not their hash's, and
anything over the size limit, and gives an attachment only to users who may see it."""

from __future__ import annotations

import hashlib
import os
import threading
import time
from pathlib import Path
from zoneinfo import ZoneInfo

import httpx
import pytest

from salesdesk.db.models import Customer
from salesdesk.domain.complaints import ATTACHMENT_SIZE_LIMIT
from salesdesk.domain.ids import uuid7
from salesdesk.domain.people import Role
from salesdesk.services.complaints.attachments import AttachmentStore
from salesdesk.services.complaints.clock_settings import ClockSettings
from salesdesk.services.complaints.records import ComplaintDraft
from salesdesk.services.complaints.service import ComplaintService
from salesdesk.sync.protocol import (
    API_PREFIX,
    BLOB_CHUNK,
    PROTOCOL_HEADER,
    PROTOCOL_VERSION,
    UPLOAD_COMPLETE_HEADER,
    UPLOAD_LENGTH_HEADER,
    UPLOAD_OFFSET_HEADER,
)
from tests.hqtest.laptops import Laptop

SHANGHAI = ZoneInfo("Asia/Shanghai")


class CuttingTransport(httpx.HTTPTransport):
    """A real transport that counts the attachment bytes it sends and, once ``cut_after``
    chunks went through, loses every further upload (the network went away)."""

    def __init__(self) -> None:
        super().__init__()
        self.cut_after: int | None = None
        self.chunks = 0
        self.bytes_sent = 0
        self.requests = 0
        self.lock = threading.Lock()

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        self.requests += 1
        if request.method == "PUT" and "/blobs/" in request.url.path:
            with self.lock:
                if self.cut_after is not None and self.chunks >= self.cut_after:
                    raise httpx.ConnectError("injected: the network went away", request=request)
                self.chunks += 1
                self.bytes_sent += len(request.read())
        return super().handle_request(request)


def photo(where: Path, size: int, seed: int = 7) -> Path:
    """A "photo" of ``size`` random-looking bytes."""
    where.mkdir(parents=True, exist_ok=True)
    path = where / f"涂层起泡-{seed}.jpg"
    block = hashlib.sha256(str(seed).encode()).digest() * 4096
    path.write_bytes((block * (size // len(block) + 1))[:size])
    return path


def attach_offline(laptop: Laptop, tmp_path: Path, size: int, seed: int = 7) -> tuple[str, bytes]:
    """The salesperson records a complaint with a photo (no request to HQ); returns its hash
    and bytes."""
    customer_id = uuid7()
    laptop.edit(lambda s: s.add(Customer(id=customer_id, name=f"佛山金宇门窗 {seed}",
                                         assigned_to_id=laptop.user_id)))
    service = ComplaintService(
        laptop.factory, SHANGHAI,
        ClockSettings(tmp_path / "calendar.json", tmp_path / "policy.json"),
        AttachmentStore(laptop.attachments))
    source = photo(tmp_path / "camera", size, seed)
    recorded = service.record(ComplaintDraft(customer_id, "铝型材表面起泡", category="quality",
                                             attachments=(source,)))
    [attachment] = service.detail(recorded.id).attachments
    data = source.read_bytes()
    sha = hashlib.sha256(data).hexdigest()
    assert AttachmentStore(laptop.attachments).path_of(sha).read_bytes() == data
    assert attachment.filename == source.name
    return sha, data


def api(laptop: Laptop, hq: str) -> httpx.Client:
    return httpx.Client(base_url=hq + API_PREFIX, timeout=10, headers={
        PROTOCOL_HEADER: str(PROTOCOL_VERSION), "Authorization": f"Bearer {laptop.client.token}"})


def held(client: httpx.Client, sha: str) -> tuple[int, str]:
    answer = client.head(f"/blobs/{sha}")
    assert answer.status_code == 200, answer.status_code
    return int(answer.headers[UPLOAD_OFFSET_HEADER]), answer.headers[UPLOAD_COMPLETE_HEADER]


def test_a_photo_attached_offline_reaches_the_quality_clerk(laptops, tmp_path):
    counting = CuttingTransport()
    sales, clerk = laptops(Role.SALES, transport=counting), laptops(Role.HQ)
    sales.sync()
    before = counting.requests
    sha, data = attach_offline(sales, tmp_path, 600_000)
    assert counting.requests == before  # attaching needs no network

    report = sales.sync()
    assert report.pushed >= 3 and report.attachments.uploaded == 1
    assert report.attachments.bytes_sent == len(data) and report.messages == []
    again = sales.sync()  # HQ holds it: nothing more to send, not even a question
    assert again.attachments.uploaded == 0 and again.attachments.bytes_sent == 0

    got = clerk.sync()
    assert got.attachments.downloaded == 1 and got.messages == []
    assert (clerk.attachments / sha[:2] / sha[2:]).read_bytes() == data
    assert not [p for p in clerk.attachments.iterdir() if p.name.startswith(".incoming")]


def test_an_upload_cut_midway_resumes_from_hqs_offset(laptops, hq, tmp_path):
    cutting = CuttingTransport()
    sales, clerk = laptops(Role.SALES, transport=cutting), laptops(Role.HQ)
    sales.sync()
    size = 4 * BLOB_CHUNK + 1000
    sha, data = attach_offline(sales, tmp_path, size)

    cutting.cut_after = 2  # two chunks arrive, then the network goes
    cut = sales.sync()
    assert cut.pushed >= 3  # the records synced all the same
    assert cut.attachments.waiting_upload == 1 and cut.attachments.uploaded == 0
    assert cut.messages == ["1 attachment waiting to upload"]
    with api(sales, hq) as client:
        assert held(client, sha) == (2 * BLOB_CHUNK, "0")
        assert client.get(f"/blobs/{sha}").json()["code"] == "not_found"

    cutting.cut_after, cutting.bytes_sent = None, 0
    resumed = sales.sync()
    assert resumed.attachments.uploaded == 1 and resumed.messages == []
    assert cutting.bytes_sent == resumed.attachments.bytes_sent == size - 2 * BLOB_CHUNK
    clerk.sync()
    assert (clerk.attachments / sha[:2] / sha[2:]).read_bytes() == data


def test_an_upload_cut_inside_a_request_keeps_what_arrived(laptops, hq, tmp_path):
    sales = laptops(Role.SALES)
    sales.sync()
    size = 2 * BLOB_CHUNK
    sha, data = attach_offline(sales, tmp_path, size)
    sales.sync(attachments=None)  # the records only

    def cut_midway():
        yield data[:100_000]
        raise ConnectionResetError("injected: the network went away mid-chunk")

    with api(sales, hq) as client:
        with pytest.raises((ConnectionResetError, httpx.TransportError)):
            client.put(f"/blobs/{sha}", content=cut_midway(), headers={
                UPLOAD_OFFSET_HEADER: "0", UPLOAD_LENGTH_HEADER: str(size)})
        deadline = time.monotonic() + 10
        while (offset := held(client, sha)[0]) == 0 and time.monotonic() < deadline:
            time.sleep(0.05)  # HQ notices the cut when the connection closes
        assert 0 < offset <= 100_000

    report = sales.sync()
    assert report.attachments.uploaded == 1
    assert report.attachments.bytes_sent == size - offset
    with api(sales, hq) as client:
        assert client.get(f"/blobs/{sha}").content == data


def test_bytes_that_are_not_their_hashs_are_refused_and_nothing_is_kept(
        laptops, hq, tmp_path):
    sales = laptops(Role.SALES)
    sales.sync()
    sha, data = attach_offline(sales, tmp_path, 300_000)
    sales.sync(attachments=None)  # the records only
    wrong = bytes([data[0] ^ 1]) + data[1:]
    with api(sales, hq) as client:
        first = client.put(f"/blobs/{sha}", content=wrong[:BLOB_CHUNK], headers={
            UPLOAD_OFFSET_HEADER: "0", UPLOAD_LENGTH_HEADER: str(len(wrong))})
        assert first.status_code == 200 and first.json() == {"offset": BLOB_CHUNK,
                                                             "complete": False}
        last = client.put(f"/blobs/{sha}", content=wrong[BLOB_CHUNK:], headers={
            UPLOAD_OFFSET_HEADER: str(BLOB_CHUNK), UPLOAD_LENGTH_HEADER: str(len(wrong))})
        assert last.status_code == 422 and last.json()["code"] == "hash_mismatch"
        assert "do not have this SHA-256" in last.json()["message"]
        assert held(client, sha) == (0, "0")  # the partial is gone too
        assert client.get(f"/blobs/{sha}").status_code == 404
        # A chunk that does not start where HQ's bytes end is refused, nothing appended.
        skip = client.put(f"/blobs/{sha}", content=data[:10], headers={
            UPLOAD_OFFSET_HEADER: "10", UPLOAD_LENGTH_HEADER: str(len(data))})
        assert skip.status_code == 409 and skip.json()["code"] == "offset_mismatch"
        assert held(client, sha) == (0, "0")

    # The laptop's own copy went bad on disk: HQ refuses it, the sync says so and succeeds.
    stored = sales.attachments / sha[:2] / sha[2:]
    os.chmod(stored, 0o644)
    stored.write_bytes(wrong)
    report = sales.sync()
    assert report.attachments.refused == 1 and report.attachments.uploaded == 0
    assert report.messages == ["1 attachment refused by HQ"]
    with api(sales, hq) as client:
        assert held(client, sha) == (0, "0")


def test_an_attachment_over_the_limit_is_refused_with_the_limit(laptops, hq, tmp_path):
    sales = laptops(Role.SALES)
    sales.sync()
    sha, _ = attach_offline(sales, tmp_path, 1000)
    sales.sync(attachments=None)
    with api(sales, hq) as client:
        answer = client.put(f"/blobs/{sha}", content=b"x" * 1000, headers={
            UPLOAD_OFFSET_HEADER: "0", UPLOAD_LENGTH_HEADER: str(ATTACHMENT_SIZE_LIMIT + 1)})
        assert answer.status_code == 413
        assert answer.json() == {
            "code": "too_large", "min_protocol": None, "max_protocol": None,
            "retry_after_s": None,
            "message": "the attachment is 20.0 MB; attachments can be at most 20.0 MB"}
        assert held(client, sha) == (0, "0")


def test_only_users_who_may_see_the_attachment_download_it(laptops, hq, tmp_path):
    sales, other, clerk = laptops(Role.SALES), laptops(Role.SALES), laptops(Role.HQ)
    sales.sync()
    sha, data = attach_offline(sales, tmp_path, 5000)
    assert sales.sync().attachments.uploaded == 1
    with api(other, hq) as stranger:
        for answer in (stranger.get(f"/blobs/{sha}"), stranger.head(f"/blobs/{sha}"),
                       stranger.put(f"/blobs/{sha}", content=data, headers={
                           UPLOAD_OFFSET_HEADER: "0", UPLOAD_LENGTH_HEADER: str(len(data))})):
            assert answer.status_code == 404
    with httpx.Client(base_url=hq + API_PREFIX,
                      headers={PROTOCOL_HEADER: str(PROTOCOL_VERSION)}) as nobody:
        assert nobody.get(f"/blobs/{sha}").status_code == 401
    with api(clerk, hq) as office, api(sales, hq) as owner:
        assert office.get(f"/blobs/{sha}").content == data
        assert owner.get(f"/blobs/{sha}").content == data
    assert other.sync().attachments.downloaded == 0
    assert not (other.attachments / sha[:2]).exists()

