"""The HTTP API (FastAPI): a thin adapter over :mod:`salesdesk.hq.accounts`,
:mod:`salesdesk.hq.push` and :mod:`salesdesk.hq.pull`.

Every ``/api/v1`` endpoint but ``hello`` requires the protocol header; a client that sends
none, or a version this server does not speak, gets 426 and is told to upgrade. Every error
answer, a body that is not JSON (400) or does not fit the schema (422) included, is an
:class:`ErrorBody`, and the OpenAPI document says so (``tests/integration/sync/test_openapi.py``
holds the server to it with schemathesis). Workers hold no state of their own (sessions,
rate limits and op results live in the database), so any number of them can serve one
PostgreSQL.
"""

from __future__ import annotations

import contextlib
import gc
import os
from collections.abc import AsyncIterator, Sequence
from typing import Annotated, Any

from anyio import to_thread
from fastapi import Depends, FastAPI, Header, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from starlette.exceptions import HTTPException

import salesdesk
from salesdesk.hq import accounts
from salesdesk.hq import pull as pulling
from salesdesk.hq import push as pushing
from salesdesk.hq.accounts import Actor, Settings
from salesdesk.hq.answers import ApiError, now_ms
from salesdesk.hq.db import Database, open_database
from salesdesk.hq.headers import SecurityHeaders
from salesdesk.sync.protocol import (
    API_PREFIX,
    PROTOCOL_HEADER,
    PROTOCOL_VERSION,
    ErrorBody,
    ErrorCode,
    Hello,
    LoginRequest,
    LoginResponse,
    PullPage,
    PullRequest,
    PushRequest,
    PushResponse,
)

REQUESTS_PER_WORKER = 8
"""Requests a worker runs at once (threads, and database connections in its pools). More only
queue on the GIL and make PostgreSQL connections come and go; the rest wait their turn."""
MIN_PROTOCOL = 1  # a laptop of protocol 1 sends no after_op_id: its pushes apply as they come
MAX_PROTOCOL = PROTOCOL_VERSION
DB_ENV = "SALESDESK_HQ_DB"
DOCS_ENV = "SALESDESK_HQ_DOCS"
"""``1``: serve ``/docs``, ``/redoc`` and ``/openapi.json`` (``serve --docs``); off by default."""
CORS_ENV = "SALESDESK_HQ_CORS"
"""Origins allowed to call the API from a browser, space-separated (``serve --cors-origin``);
none by default, so no CORS header is ever sent."""

_INVALID: dict[int | str, dict[str, Any]] = {
    400: {"model": ErrorBody, "description": "The body is not JSON"},
    422: {"model": ErrorBody,
          "description": "The request does not fit the schema (code ``invalid``)"},
    426: {"model": ErrorBody,
          "description": "No protocol header, or a version this server does not speak"},
}
_ERRORS: dict[int | str, dict[str, Any]] = {
    **_INVALID,
    401: {"model": ErrorBody, "description": "Token unknown, expired or revoked"},
}
_PUSH_ERRORS: dict[int | str, dict[str, Any]] = {
    **_ERRORS,
    409: {"model": ErrorBody,
          "description": "An op id reused for another change, a batch sent before the one it "
                         "follows, or a laptop's store that belongs to another user"},
    422: {"model": ErrorBody,
          "description": "The request does not fit the schema, or its op ids do not increase "
                         "(code ``invalid``)"},
}


bearer = HTTPBearer(auto_error=False)


async def protocol(
    version: Annotated[int, Header(
        alias=PROTOCOL_HEADER, ge=MIN_PROTOCOL, le=MAX_PROTOCOL,
        description="The sync protocol the client speaks; without it, or outside the "
                    "versions this server speaks, the answer is 426",
    )],
) -> int:
    """The client's protocol version; a missing or unknown one fails validation, which
    :func:`_invalid` answers with 426."""
    return version


def _upgrade_required() -> ApiError:
    return ApiError(
        426, ErrorCode.UPGRADE_REQUIRED,
        f"this server speaks sync protocol {MIN_PROTOCOL}..{MAX_PROTOCOL}; "
        "please upgrade SalesDesk",
    )


def _printable(text: str) -> str:
    """``text`` as UTF-8 can carry it: a request may name a field with a lone surrogate."""
    return text.encode("utf-8", "backslashreplace").decode("utf-8")


def _validation_message(exc: RequestValidationError) -> str:
    """What was wrong where, without echoing the values sent."""
    parts = []
    for error in exc.errors()[:5]:
        where = ".".join(str(p) for p in error.get("loc", ()))
        parts.append(f"{where}: {error.get('msg', 'invalid')}")
    return _printable("; ".join(parts) or "invalid request")


async def bearer_token(
    _: Annotated[int, Depends(protocol)],
    creds: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)],
) -> str:
    """The request's bearer token; looked up in the endpoint's own worker thread.

    Async on purpose: a sync dependency costs a thread-pool hop (~1 ms) per request.
    """
    if creds is None:
        raise ApiError(401, ErrorCode.TOKEN_EXPIRED, "please log in")
    return creds.credentials


def _actor(request: Request, token: str) -> Actor:
    db: Database = request.app.state.db
    return accounts.authenticate(db, token)


def create_app(
    db: Database,
    settings: Settings | None = None,
    *,
    docs: bool = False,
    cors_origins: Sequence[str] = (),
) -> FastAPI:
    """Builds the API over an open database (tests pass their own).

    Args:
        docs: serve ``/docs``, ``/redoc`` and ``/openapi.json`` (off: they tell a stranger
            on the network what to try).
        cors_origins: browser origins allowed to call the API; none sends no CORS header.
    """
    settings = settings or Settings()

    @contextlib.asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        to_thread.current_default_thread_limiter().total_tokens = REQUESTS_PER_WORKER
        # Everything built by now (modules, the app, its models) lives as long as the worker:
        # out of the collector's full walks, which otherwise pause a 1,000-edit push ~50 ms
        # every few batches (measured). What requests create is collected as ever.
        gc.freeze()
        yield

    app = FastAPI(
        lifespan=lifespan,
        title="SalesDesk HQ",
        version=salesdesk.__version__,
        description="Sync API between salespeople's laptops and HQ's shared customer record.",
        docs_url="/docs" if docs else None,
        redoc_url="/redoc" if docs else None,
        openapi_url="/openapi.json" if docs else None,
    )
    app.state.db = db
    if cors_origins:
        from fastapi.middleware.cors import CORSMiddleware

        app.add_middleware(
            CORSMiddleware, allow_origins=list(cors_origins), allow_methods=["GET", "POST"],
            allow_headers=["Authorization", "Content-Type", PROTOCOL_HEADER],
        )
    app.add_middleware(SecurityHeaders)

    @app.exception_handler(ApiError)
    def _api_error(request: Request, exc: ApiError) -> JSONResponse:
        body = ErrorBody(
            code=exc.code,
            message=exc.message,
            min_protocol=MIN_PROTOCOL if exc.code is ErrorCode.UPGRADE_REQUIRED else None,
            max_protocol=MAX_PROTOCOL if exc.code is ErrorCode.UPGRADE_REQUIRED else None,
            retry_after_s=exc.retry_after_s,
        )
        headers = {"Retry-After": str(exc.retry_after_s)} if exc.retry_after_s else None
        return JSONResponse(body.model_dump(mode="json"), exc.status, headers=headers)

    @app.exception_handler(RequestValidationError)
    def _invalid(request: Request, exc: RequestValidationError) -> JSONResponse:
        if any(tuple(e.get("loc", ()))[:2] == ("header", PROTOCOL_HEADER)
               for e in exc.errors()):
            return _api_error(request, _upgrade_required())
        return _api_error(request, ApiError(422, ErrorCode.INVALID, _validation_message(exc)))

    @app.exception_handler(HTTPException)
    def _http_error(request: Request, exc: HTTPException) -> Response:
        if exc.status_code != 400:  # unknown paths and methods: Starlette's own answers
            return JSONResponse({"detail": exc.detail}, exc.status_code, headers=exc.headers)
        return _api_error(request, ApiError(400, ErrorCode.INVALID,
                                            "the request body is not JSON"))

    @app.get("/healthz", include_in_schema=False)
    def healthz() -> dict[str, str]:
        return {"status": "ok"}

    @app.get(f"{API_PREFIX}/hello", response_model=Hello)
    def hello() -> Hello:
        """Which protocol versions this server speaks; needs no login."""
        return Hello(
            server="salesdesk-hq " + salesdesk.__version__,
            protocol_min=MIN_PROTOCOL,
            protocol_max=MAX_PROTOCOL,
            server_time_ms=now_ms(),
        )

    @app.post(
        f"{API_PREFIX}/login",
        response_model=LoginResponse,
        responses={
            **_INVALID,
            401: {"model": ErrorBody, "description": "Wrong username or password"},
            429: {"model": ErrorBody,
                  "description": "Too many failures from this address for this user, or "
                                 "from this address; Retry-After says when to try again",
                  "headers": {"Retry-After": {"description": "Seconds to wait",
                                              "schema": {"type": "integer"}}}},
        },
    )
    def login(
        body: LoginRequest, request: Request, _: Annotated[int, Depends(protocol)]
    ) -> LoginResponse:
        """Exchanges a password for a revocable token (failures are rate-limited)."""
        ip = request.client.host if request.client else "unknown"
        return accounts.login(request.app.state.db, settings, body, ip)

    @app.post(f"{API_PREFIX}/logout", status_code=204, responses=_ERRORS)
    def logout(request: Request, token: Annotated[str, Depends(bearer_token)]) -> Response:
        """Revokes the token this request carries."""
        _actor(request, token)
        accounts.revoke_token(request.app.state.db, token)
        return Response(status_code=204)

    @app.post(f"{API_PREFIX}/push", response_model=PushResponse, responses=_PUSH_ERRORS)
    def push(
        body: PushRequest, request: Request, token: Annotated[str, Depends(bearer_token)],
        version: Annotated[int, Depends(protocol)],
    ) -> Response:
        """Applies a batch of a laptop's outbox; replays get the identical answer."""
        result = pushing.push(request.app.state.db, token, body)
        # A laptop of protocol 2 or older refuses an answer with fields it does not know.
        exclude = {"results": {"__all__": {"code"}}} if version < 3 else None
        return Response(result.model_dump_json(exclude=exclude), media_type="application/json")

    @app.post(f"{API_PREFIX}/pull", response_model=PullPage, responses=_ERRORS)
    def pull(
        body: PullRequest, request: Request, token: Annotated[str, Depends(bearer_token)]
    ) -> Response:
        """One page of what changed after the cursor, limited to what the user may see."""
        body_bytes = pulling.pull_json(request.app.state.db, token, body)
        return Response(body_bytes, media_type="application/json")

    return app


def app_from_env() -> FastAPI:
    """The app uvicorn's workers build (``--factory``), from what the parent passed on."""
    return create_app(
        open_database(os.environ.get(DB_ENV), pool_size=REQUESTS_PER_WORKER),
        docs=os.environ.get(DOCS_ENV) == "1",
        cors_origins=os.environ.get(CORS_ENV, "").split(),
    )
