"""HQ's web application (FastAPI): the routers of :mod:`salesdesk.hq.api` over one database.

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
from pathlib import Path

from anyio import to_thread
from fastapi import FastAPI

import salesdesk
from salesdesk.hq.accounts import Settings
from salesdesk.hq.api import accounts, errors, health, sync
from salesdesk.hq.api import blobs as blob_api
from salesdesk.hq.blobs import BlobStore, default_root
from salesdesk.hq.db import Database, open_database
from salesdesk.hq.headers import SecurityHeaders
from salesdesk.sync.protocol import PROTOCOL_HEADER

REQUESTS_PER_WORKER = 8
"""Requests a worker runs at once (threads, and database connections in its pools). More only
queue on the GIL and make PostgreSQL connections come and go; the rest wait their turn."""
DB_ENV = "SALESDESK_HQ_DB"
DOCS_ENV = "SALESDESK_HQ_DOCS"
"""``1``: serve ``/docs``, ``/redoc`` and ``/openapi.json`` (``serve --docs``); off by default."""
BLOBS_ENV = "SALESDESK_HQ_BLOBS"
"""Where attachments' bytes are kept (``serve --blobs``); default :func:`default_root`."""
CORS_ENV = "SALESDESK_HQ_CORS"
"""Origins allowed to call the API from a browser, space-separated (``serve --cors-origin``);
none by default, so no CORS header is ever sent."""


def create_app(
    db: Database,
    settings: Settings | None = None,
    *,
    docs: bool = False,
    cors_origins: Sequence[str] = (),
    blobs: Path | None = None,
) -> FastAPI:
    """Builds the API over an open database (tests pass their own).

    Args:
        docs: serve ``/docs``, ``/redoc`` and ``/openapi.json`` (off: they tell a stranger
            on the network what to try).
        cors_origins: browser origins allowed to call the API; none sends no CORS header.
        blobs: the directory of attachments' bytes (default: beside a SQLite database, else
            in HQ's data directory).
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
    app.state.settings = settings
    app.state.blobs = BlobStore(blobs or default_root(db.url))
    if cors_origins:
        from fastapi.middleware.cors import CORSMiddleware

        app.add_middleware(
            CORSMiddleware, allow_origins=list(cors_origins), allow_methods=["GET", "POST"],
            allow_headers=["Authorization", "Content-Type", PROTOCOL_HEADER],
        )
    app.add_middleware(SecurityHeaders)

    errors.install(app)
    for concern in (health, accounts, sync, blob_api):
        app.include_router(concern.router)
    return app


def app_from_env() -> FastAPI:
    """The app uvicorn's workers build (``--factory``), from what the parent passed on."""
    return create_app(
        open_database(os.environ.get(DB_ENV), pool_size=REQUESTS_PER_WORKER),
        docs=os.environ.get(DOCS_ENV) == "1",
        cors_origins=os.environ.get(CORS_ENV, "").split(),
        blobs=Path(os.environ[BLOBS_ENV]) if os.environ.get(BLOBS_ENV) else None,
    )
