"""A laptop's push and pull over HTTP (:mod:`salesdesk.hq.push`, :mod:`salesdesk.hq.pull`).

Both check the bearer token inside their own transaction (one round trip fewer than a
separate read), so they take the token, not :func:`~salesdesk.hq.api.deps.current_actor`.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends
from fastapi.responses import Response

from salesdesk.hq import pull as pulling
from salesdesk.hq import push as pushing
from salesdesk.hq.api.deps import bearer_token, database, protocol
from salesdesk.hq.api.errors import AUTH_ERRORS, PUSH_ERRORS
from salesdesk.hq.db import Database
from salesdesk.sync.protocol import API_PREFIX, PullPage, PullRequest, PushRequest, PushResponse

router = APIRouter()


@router.post(f"{API_PREFIX}/push", response_model=PushResponse, responses=PUSH_ERRORS)
def push(
    body: PushRequest, token: Annotated[str, Depends(bearer_token)],
    version: Annotated[int, Depends(protocol)], db: Annotated[Database, Depends(database)],
) -> Response:
    """Applies a batch of a laptop's outbox; replays get the identical answer."""
    result = pushing.push(db, token, body)
    # A laptop of protocol 2 or older refuses an answer with fields it does not know.
    exclude = {"results": {"__all__": {"code"}}} if version < 3 else None
    return Response(result.model_dump_json(exclude=exclude), media_type="application/json")


@router.post(f"{API_PREFIX}/pull", response_model=PullPage, responses=AUTH_ERRORS)
def pull(
    body: PullRequest, token: Annotated[str, Depends(bearer_token)],
    db: Annotated[Database, Depends(database)],
) -> Response:
    """One page of what changed after the cursor, limited to what the user may see."""
    return Response(pulling.pull_json(db, token, body), media_type="application/json")
