"""Every error HQ answers is an :class:`~salesdesk.sync.protocol.ErrorBody`: a use case's
:class:`~salesdesk.hq.answers.ApiError`, a body that is not JSON (400), one that does not fit
the schema (422), a missing or unknown protocol header (426). The ``*_ERRORS`` tables are what
the OpenAPI document lists per endpoint (``tests/integration/sync/test_openapi.py`` holds the
server to it with schemathesis).
"""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from starlette.exceptions import HTTPException

from salesdesk.hq.answers import ApiError
from salesdesk.hq.api.deps import MAX_PROTOCOL, MIN_PROTOCOL
from salesdesk.sync.protocol import PROTOCOL_HEADER, ErrorBody, ErrorCode

INVALID_ERRORS: dict[int | str, dict[str, Any]] = {
    400: {"model": ErrorBody, "description": "The body is not JSON"},
    422: {"model": ErrorBody,
          "description": "The request does not fit the schema (code ``invalid``)"},
    426: {"model": ErrorBody,
          "description": "No protocol header, or a version this server does not speak"},
}
AUTH_ERRORS: dict[int | str, dict[str, Any]] = {
    **INVALID_ERRORS,
    401: {"model": ErrorBody, "description": "Token unknown, expired or revoked"},
}
PUSH_ERRORS: dict[int | str, dict[str, Any]] = {
    **AUTH_ERRORS,
    409: {"model": ErrorBody,
          "description": "An op id reused for another change, a batch sent before the one it "
                         "follows, or a laptop's store that belongs to another user"},
    422: {"model": ErrorBody,
          "description": "The request does not fit the schema, or its op ids do not increase "
                         "(code ``invalid``)"},
}


def install(app: FastAPI) -> None:
    """Makes every error ``app`` answers an :class:`ErrorBody` (unknown paths and methods
    keep Starlette's own answers)."""
    app.exception_handler(ApiError)(api_error)
    app.exception_handler(RequestValidationError)(invalid)
    app.exception_handler(HTTPException)(http_error)


def api_error(request: Request, exc: ApiError) -> JSONResponse:
    """The :class:`ErrorBody` of ``exc``, with Retry-After when it says how long to wait."""
    body = ErrorBody(
        code=exc.code,
        message=exc.message,
        min_protocol=MIN_PROTOCOL if exc.code is ErrorCode.UPGRADE_REQUIRED else None,
        max_protocol=MAX_PROTOCOL if exc.code is ErrorCode.UPGRADE_REQUIRED else None,
        retry_after_s=exc.retry_after_s,
    )
    headers = {"Retry-After": str(exc.retry_after_s)} if exc.retry_after_s else None
    return JSONResponse(body.model_dump(mode="json"), exc.status, headers=headers)


def invalid(request: Request, exc: RequestValidationError) -> JSONResponse:
    """422 ``invalid`` saying what was wrong where; 426 if it was the protocol header."""
    if any(tuple(e.get("loc", ()))[:2] == ("header", PROTOCOL_HEADER) for e in exc.errors()):
        return api_error(request, upgrade_required())
    return api_error(request, ApiError(422, ErrorCode.INVALID, validation_message(exc)))


def http_error(request: Request, exc: HTTPException) -> Response:
    """400 ``invalid`` for a body that is not JSON; any other status as Starlette words it."""
    if exc.status_code != 400:  # unknown paths and methods: Starlette's own answers
        return JSONResponse({"detail": exc.detail}, exc.status_code, headers=exc.headers)
    return api_error(request, ApiError(400, ErrorCode.INVALID, "the request body is not JSON"))


def upgrade_required() -> ApiError:
    """426: the client speaks no protocol this server does."""
    return ApiError(
        426, ErrorCode.UPGRADE_REQUIRED,
        f"this server speaks sync protocol {MIN_PROTOCOL}..{MAX_PROTOCOL}; "
        "please upgrade SalesDesk",
    )


def printable(text: str) -> str:
    """``text`` as UTF-8 can carry it: a request may name a field with a lone surrogate."""
    return text.encode("utf-8", "backslashreplace").decode("utf-8")


def validation_message(exc: RequestValidationError) -> str:
    """What was wrong where, without echoing the values sent."""
    parts = []
    for error in exc.errors()[:5]:
        where = ".".join(str(p) for p in error.get("loc", ()))
        parts.append(f"{where}: {error.get('msg', 'invalid')}")
    return printable("; ".join(parts) or "invalid request")
