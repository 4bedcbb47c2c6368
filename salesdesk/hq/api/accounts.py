"""Logging in and out over HTTP (:mod:`salesdesk.hq.accounts` does the work)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response

from salesdesk.hq import accounts
from salesdesk.hq.accounts import Actor, Settings
from salesdesk.hq.api.deps import bearer_token, current_actor, database, protocol, settings
from salesdesk.hq.api.errors import AUTH_ERRORS, INVALID_ERRORS
from salesdesk.hq.db import Database
from salesdesk.sync.protocol import API_PREFIX, ErrorBody, LoginRequest, LoginResponse

router = APIRouter()


@router.post(
    f"{API_PREFIX}/login",
    response_model=LoginResponse,
    responses={
        **INVALID_ERRORS,
        401: {"model": ErrorBody, "description": "Wrong username or password"},
        429: {"model": ErrorBody,
              "description": "Too many failures from this address for this user, or "
                             "from this address; Retry-After says when to try again",
              "headers": {"Retry-After": {"description": "Seconds to wait",
                                          "schema": {"type": "integer"}}}},
    },
)
def login(
    body: LoginRequest, request: Request, _: Annotated[int, Depends(protocol)],
    db: Annotated[Database, Depends(database)], config: Annotated[Settings, Depends(settings)],
) -> LoginResponse:
    """Exchanges a password for a revocable token (failures are rate-limited)."""
    ip = request.client.host if request.client else "unknown"
    return accounts.login(db, config, body, ip)


@router.post(f"{API_PREFIX}/logout", status_code=204, responses=AUTH_ERRORS)
def logout(
    token: Annotated[str, Depends(bearer_token)], _: Annotated[Actor, Depends(current_actor)],
    db: Annotated[Database, Depends(database)],
) -> Response:
    """Revokes the token this request carries."""
    accounts.revoke_token(db, token)
    return Response(status_code=204)
