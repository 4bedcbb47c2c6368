"""What HQ's endpoints depend on, as FastAPI dependencies: the protocol the client speaks,
its bearer token, the database and settings the app was built with (``app.state``), and the
logged-in actor.

The cheap ones are async on purpose: a sync dependency costs a thread-pool hop (~1 ms) per
request. :func:`current_actor` reads the database, so it runs in a worker thread.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Header, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from salesdesk.hq import accounts
from salesdesk.hq.accounts import Actor, Settings
from salesdesk.hq.answers import ApiError
from salesdesk.hq.db import Database
from salesdesk.sync.protocol import PROTOCOL_HEADER, PROTOCOL_VERSION, ErrorCode

MIN_PROTOCOL = 1  # a laptop of protocol 1 sends no after_op_id: its pushes apply as they come
MAX_PROTOCOL = PROTOCOL_VERSION

bearer = HTTPBearer(auto_error=False)


async def protocol(
    version: Annotated[int, Header(
        alias=PROTOCOL_HEADER, ge=MIN_PROTOCOL, le=MAX_PROTOCOL,
        description="The sync protocol the client speaks; without it, or outside the "
                    "versions this server speaks, the answer is 426",
    )],
) -> int:
    """The client's protocol version; a missing or unknown one fails validation, which
    :func:`salesdesk.hq.api.errors.invalid` answers with 426."""
    return version


async def bearer_token(
    _: Annotated[int, Depends(protocol)],
    creds: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)],
) -> str:
    """The request's bearer token; looked up in the endpoint's own worker thread (push and
    pull check it inside their own transaction)."""
    if creds is None:
        raise ApiError(401, ErrorCode.TOKEN_EXPIRED, "please log in")
    return creds.credentials


async def database(request: Request) -> Database:
    """The database the app serves (``app.state.db``; a test may swap it while serving)."""
    db: Database = request.app.state.db
    return db


async def settings(request: Request) -> Settings:
    """How accounts are kept (``app.state.settings``)."""
    value: Settings = request.app.state.settings
    return value


def current_actor(
    db: Annotated[Database, Depends(database)], token: Annotated[str, Depends(bearer_token)]
) -> Actor:
    """The user behind the request's token, or 401."""
    return accounts.authenticate(db, token)
