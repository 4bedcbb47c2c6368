"""The HTTP API (FastAPI): a thin adapter over :mod:`salesdesk.hq.service`.

Every ``/api/v1`` endpoint but ``hello`` requires the protocol header; a client speaking a
version this server no longer accepts gets 426 and is told to upgrade. Workers hold no state
of their own (sessions, rate limits and op results live in the database), so any number of
them can serve one PostgreSQL.
"""

from __future__ import annotations

import contextlib
import gc
import os
from collections.abc import AsyncIterator
from typing import Annotated, Any

from anyio import to_thread
from fastapi import Depends, FastAPI, Header, Request
from fastapi.responses import JSONResponse, Response
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

import salesdesk
from salesdesk.hq import service
from salesdesk.hq.db import Database, open_database
from salesdesk.hq.service import ApiError, Settings
from salesdesk.hq.writes import Actor
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

_ERRORS: dict[int | str, dict[str, Any]] = {
    401: {"model": ErrorBody, "description": "Token unknown, expired or revoked"},
    426: {"model": ErrorBody, "description": "The client must upgrade"},
}


bearer = HTTPBearer(auto_error=False)


async def protocol(
    version: Annotated[str | None, Header(alias=PROTOCOL_HEADER)] = None,
) -> int:
    """Refuses clients that speak a protocol this server does not."""
    try:
        number = int(version or "0")
    except ValueError:
        number = 0
    if not MIN_PROTOCOL <= number <= MAX_PROTOCOL:
        raise ApiError(
            426, ErrorCode.UPGRADE_REQUIRED,
            f"this server speaks sync protocol {MIN_PROTOCOL}..{MAX_PROTOCOL}; "
            "please upgrade SalesDesk",
        )
    return number


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
    return service.authenticate(db, token)


def create_app(db: Database, settings: Settings | None = None) -> FastAPI:
    """Builds the API over an open database (tests pass their own)."""
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
    )
    app.state.db = db

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
            server_time_ms=service.now_ms(),
        )

    @app.post(
        f"{API_PREFIX}/login",
        response_model=LoginResponse,
        responses={**_ERRORS, 429: {"model": ErrorBody, "description": "Too many failures"}},
    )
    def login(
        body: LoginRequest, request: Request, _: Annotated[int, Depends(protocol)]
    ) -> LoginResponse:
        """Exchanges a password for a revocable token (failures are rate-limited)."""
        ip = request.client.host if request.client else "unknown"
        return service.login(request.app.state.db, settings, body, ip)

    @app.post(f"{API_PREFIX}/logout", status_code=204, responses=_ERRORS)
    def logout(request: Request, token: Annotated[str, Depends(bearer_token)]) -> Response:
        """Revokes the token this request carries."""
        _actor(request, token)
        service.revoke_token(request.app.state.db, token)
        return Response(status_code=204)

    @app.post(f"{API_PREFIX}/push", response_model=PushResponse, responses=_ERRORS)
    def push(
        body: PushRequest, request: Request, token: Annotated[str, Depends(bearer_token)],
        version: Annotated[int, Depends(protocol)],
    ) -> Response:
        """Applies a batch of a laptop's outbox; replays get the identical answer."""
        result = service.push(request.app.state.db, token, body)
        # A laptop of protocol 2 or older refuses an answer with fields it does not know.
        exclude = {"results": {"__all__": {"code"}}} if version < 3 else None
        return Response(result.model_dump_json(exclude=exclude), media_type="application/json")

    @app.post(f"{API_PREFIX}/pull", response_model=PullPage, responses=_ERRORS)
    def pull(
        body: PullRequest, request: Request, token: Annotated[str, Depends(bearer_token)]
    ) -> Response:
        """One page of what changed after the cursor, limited to what the user may see."""
        body_bytes = service.pull_json(request.app.state.db, token, body)
        return Response(body_bytes, media_type="application/json")

    return app


def app_from_env() -> FastAPI:
    """The app uvicorn's workers build (``--factory``), from the URL the parent passed on."""
    return create_app(open_database(os.environ.get(DB_ENV), pool_size=REQUESTS_PER_WORKER))
