"""The laptop's HTTP client to HQ (httpx, TLS verified): :class:`HQClient`.

It speaks :mod:`salesdesk.sync.protocol` and is the :class:`~salesdesk.sync.ports.SyncClient`
the sync loop (:mod:`salesdesk.sync.laptop.loop`) uses. Failures of the environment raise a
:class:`~salesdesk.sync.errors.SyncError` subclass, each with its code for the UI's words;
anything else is a bug and propagates as is.
"""

from __future__ import annotations

import functools
import socket
import ssl
from pathlib import Path
from typing import TypeVar
from uuid import UUID

import httpx
from pydantic import BaseModel, ValidationError

from salesdesk.sync.batches import OutboxBatch
from salesdesk.sync.errors import (
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
)
from salesdesk.sync.protocol import (
    API_PREFIX,
    PROTOCOL_HEADER,
    PROTOCOL_VERSION,
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


__all__ = ["HQClient"]
