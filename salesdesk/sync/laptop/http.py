"""The laptop's HTTP client to HQ (httpx, TLS verified): :class:`HQClient`.

It speaks :mod:`salesdesk.sync.protocol` and is the :class:`~salesdesk.sync.ports.SyncClient`
the sync loop (:mod:`salesdesk.sync.laptop.loop`) uses. Failures of the environment raise a
:class:`~salesdesk.sync.errors.SyncError` subclass, each with its code for the UI's words;
anything else is a bug and propagates as is.
"""

from __future__ import annotations

import contextlib
import functools
import socket
import ssl
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TypeVar
from uuid import UUID

import httpx
from pydantic import BaseModel, ValidationError

from salesdesk.sync.batches import OutboxBatch
from salesdesk.sync.errors import (
    AttachmentMissing,
    AttachmentRefused,
    BadCredentials,
    CertificateInvalid,
    HQOutdated,
    HQUnreachable,
    OutOfOrder,
    RateLimited,
    ServerError,
    StoreConflict,
    TokenExpired,
    UpgradeRequired,
    UploadMoved,
)
from salesdesk.sync.protocol import (
    API_PREFIX,
    PROTOCOL_HEADER,
    PROTOCOL_VERSION,
    UPLOAD_COMPLETE_HEADER,
    UPLOAD_LENGTH_HEADER,
    UPLOAD_OFFSET_HEADER,
    BlobState,
    ErrorBody,
    ErrorCode,
    Hello,
    LoginRequest,
    LoginResponse,
    PullRequest,
    PushRequest,
    PushResponse,
)
from salesdesk.sync.pulled import MalformedPage, PulledPage, read_page

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

    @property
    def protocol(self) -> int:
        """The protocol version this client's requests announce (:data:`PROTOCOL_VERSION`
        unless set otherwise: to speak as an older or a newer laptop, in tests of HQ)."""
        return int(self._http.headers[PROTOCOL_HEADER])

    @protocol.setter
    def protocol(self, version: int) -> None:
        self._http.headers[PROTOCOL_HEADER] = str(version)

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
        headers = {"Content-Type": "application/json"} if content is not None else {}
        return self._respond(method, path, content, headers).content

    def _auth(self, headers: dict[str, str]) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.token}", **headers} if self.token else headers

    @contextlib.contextmanager
    def _reaching(self) -> Iterator[None]:
        """Turns a failure to reach HQ into :class:`HQUnreachable` or
        :class:`CertificateInvalid`."""
        try:
            yield
        except httpx.TransportError as exc:
            if _cert_failure(exc):
                raise CertificateInvalid(
                    "HQ's certificate could not be verified; check the server address or "
                    "the company CA file"
                ) from exc
            raise HQUnreachable(f"cannot reach HQ ({type(exc).__name__})") from exc

    def _respond(
        self, method: str, path: str, content: bytes | None, headers: dict[str, str]
    ) -> httpx.Response:
        """HQ's successful answer (read); a :class:`SyncError` for anything else."""
        with self._reaching():
            response = self._http.request(
                method, API_PREFIX + path, content=content, headers=self._auth(headers)
            )
        if response.status_code >= 400:
            self._raise_for(response)
        return response

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
        if err.code in (ErrorCode.TOO_LARGE, ErrorCode.HASH_MISMATCH):
            raise AttachmentRefused(err.message)
        if err.code is ErrorCode.OFFSET_MISMATCH:
            raise UploadMoved(err.message)
        if err.code is ErrorCode.NOT_FOUND:
            raise AttachmentMissing(err.message)
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

    # --- attachments' bytes (salesdesk.sync.laptop.blobs) ------------------------------------

    def blob_held(self, sha256: str) -> BlobState:
        """How much of the attachment HQ holds (``HEAD``; a 404 has no body to read)."""
        with self._reaching():
            response = self._http.head(f"{API_PREFIX}/blobs/{sha256}", headers=self._auth({}))
        if response.status_code == 404:
            raise AttachmentMissing("HQ holds no attachment of this hash this user may see")
        if response.status_code >= 400:
            self._raise_for(response)
        try:
            return BlobState(offset=int(response.headers[UPLOAD_OFFSET_HEADER]),
                             complete=response.headers[UPLOAD_COMPLETE_HEADER] == "1")
        except (KeyError, ValueError, ValidationError) as exc:
            raise ServerError("HQ answered something this version does not understand") from exc

    def put_blob(self, sha256: str, offset: int, length: int, chunk: bytes) -> BlobState:
        """Sends a chunk of the attachment that starts at ``offset``."""
        response = self._respond("PUT", f"/blobs/{sha256}", chunk, {
            "Content-Type": "application/octet-stream",
            UPLOAD_OFFSET_HEADER: str(offset), UPLOAD_LENGTH_HEADER: str(length)})
        return self._parse(response.content, BlobState)

    def get_blob(self, sha256: str, write: Callable[[bytes], object]) -> None:
        """Passes the attachment's bytes to ``write`` as they arrive."""
        with self._reaching(), self._http.stream(
            "GET", f"{API_PREFIX}/blobs/{sha256}", headers=self._auth({})
        ) as response:
            if response.status_code >= 400:
                response.read()
                self._raise_for(response)
            for chunk in response.iter_bytes():
                write(chunk)


__all__ = ["HQClient"]
