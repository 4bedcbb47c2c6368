"""Attachments' bytes (:mod:`salesdesk.hq.blobs`): ``HEAD`` how much HQ holds, ``PUT`` a chunk
from that offset, ``GET`` the whole file. Each needs a login and a hash the user may see
(404 otherwise, the same answer as for bytes nobody has uploaded yet).

``PUT`` streams its body to disk as it arrives, so a request cut midway keeps what arrived.
"""

from __future__ import annotations

from typing import Annotated, Any

from anyio import to_thread
from fastapi import APIRouter, Depends, Header, Request
from fastapi import Path as PathParam
from fastapi.responses import FileResponse, JSONResponse, Response
from starlette.requests import ClientDisconnect

from salesdesk.domain.complaints import ATTACHMENT_SIZE_LIMIT
from salesdesk.hq.accounts import Actor
from salesdesk.hq.api.deps import current_actor, database
from salesdesk.hq.api.errors import AUTH_ERRORS
from salesdesk.hq.blobs import BlobStore, Held, may_see, not_found, too_large
from salesdesk.hq.db import Database
from salesdesk.sync.protocol import (
    API_PREFIX,
    UPLOAD_COMPLETE_HEADER,
    UPLOAD_LENGTH_HEADER,
    UPLOAD_OFFSET_HEADER,
    BlobState,
    ErrorBody,
)

router = APIRouter()
PATH = f"{API_PREFIX}/blobs/{{sha256}}"

Sha256 = Annotated[str, PathParam(pattern="^[0-9a-f]{64}$",
                                  description="The attachment's SHA-256, lowercase hex")]
NOT_FOUND: dict[int | str, dict[str, Any]] = {
    404: {"model": ErrorBody,
          "description": "No attachment of this hash that the user may see, or (GET) no bytes "
                         "uploaded yet (code ``not_found``)"},
}
_HELD_HEADERS = {
    UPLOAD_OFFSET_HEADER: {"description": "Bytes of the attachment HQ holds",
                           "schema": {"type": "integer", "minimum": 0}},
    UPLOAD_COMPLETE_HEADER: {"description": "1: all of it, verified; 0: a partial upload",
                             "schema": {"type": "string", "enum": ["0", "1"]}},
}


async def blob_store(request: Request) -> BlobStore:
    """Where the app keeps attachments' bytes (``app.state.blobs``)."""
    store: BlobStore = request.app.state.blobs
    return store


def _headers(held: Held) -> dict[str, str]:
    return {UPLOAD_OFFSET_HEADER: str(held.offset),
            UPLOAD_COMPLETE_HEADER: "1" if held.complete else "0"}


async def _check_scope(db: Database, actor: Actor, sha256: str) -> None:
    def check() -> bool:
        with db.read() as conn:
            return may_see(conn, actor, sha256)

    if not await to_thread.run_sync(check):
        raise not_found()


@router.head(PATH, responses={**AUTH_ERRORS, **NOT_FOUND,
                              200: {"description": "How much HQ holds", "headers": _HELD_HEADERS}})
async def head_blob(
    sha256: Sha256, actor: Annotated[Actor, Depends(current_actor)],
    db: Annotated[Database, Depends(database)], blobs: Annotated[BlobStore, Depends(blob_store)],
) -> Response:
    """How many bytes of the attachment HQ holds (``Upload-Offset``) and whether that is all
    of it (``Upload-Complete``): where an upload resumes."""
    await _check_scope(db, actor, sha256)
    return Response(status_code=200, headers=_headers(blobs.held(sha256)))


@router.put(
    PATH, response_model=BlobState,
    responses={
        **AUTH_ERRORS, **NOT_FOUND,
        200: {"description": "How much HQ holds now", "headers": _HELD_HEADERS},
        409: {"model": ErrorBody,
              "description": "The chunk does not start where HQ's bytes end, or another upload "
                             "of this attachment is under way (code ``offset_mismatch``)"},
        413: {"model": ErrorBody,
              "description": "The attachment is over the size limit (code ``too_large``)"},
        422: {"model": ErrorBody,
              "description": "The request does not fit the schema, more bytes than "
                             "Upload-Length (``invalid``), or the whole upload does not have "
                             "this SHA-256 (``hash_mismatch``; nothing is kept)"},
    },
    openapi_extra={"requestBody": {
        "required": True,
        "content": {"application/octet-stream": {"schema": {"type": "string",
                                                            "format": "binary"}}},
    }},
)
async def put_blob(
    request: Request, sha256: Sha256, *,
    offset: Annotated[int, Header(alias=UPLOAD_OFFSET_HEADER, ge=0,
                                  description="Where this chunk starts in the attachment")],
    length: Annotated[int, Header(
        alias=UPLOAD_LENGTH_HEADER, ge=1, description="The attachment's whole size in bytes; "
        "more than the limit is answered 413 (code ``too_large``)",
        json_schema_extra={"maximum": ATTACHMENT_SIZE_LIMIT},  # checked below, for 413
    )],
    actor: Annotated[Actor, Depends(current_actor)],
    db: Annotated[Database, Depends(database)], blobs: Annotated[BlobStore, Depends(blob_store)],
) -> Response:
    """Appends a chunk of the attachment from ``Upload-Offset`` (where HQ's bytes end); the
    last chunk makes HQ check the SHA-256 and keep the file."""
    if length > blobs.limit:
        raise too_large(length, blobs.limit)
    await _check_scope(db, actor, sha256)
    held = blobs.held(sha256)
    if not held.complete:
        try:
            with blobs.upload(sha256, offset, length) as upload:
                async for chunk in request.stream():
                    if chunk:
                        upload.write(chunk)
                held = Held(upload.offset, False)
        except ClientDisconnect:  # what arrived is kept: the laptop resumes from there
            return Response(status_code=400)
        if held.offset == length:
            held = await to_thread.run_sync(blobs.finish, sha256, length)
    state = BlobState(offset=held.offset, complete=held.complete)
    return JSONResponse(state.model_dump(mode="json"), headers=_headers(held))


@router.get(
    PATH, response_class=FileResponse,
    responses={**AUTH_ERRORS, **NOT_FOUND,
               200: {"description": "The attachment's bytes",
                     "content": {"application/octet-stream": {
                         "schema": {"type": "string", "format": "binary"}}}}},
)
async def get_blob(
    sha256: Sha256, actor: Annotated[Actor, Depends(current_actor)],
    db: Annotated[Database, Depends(database)], blobs: Annotated[BlobStore, Depends(blob_store)],
) -> Response:
    """The attachment's bytes, streamed from disk."""
    await _check_scope(db, actor, sha256)
    if not blobs.held(sha256).complete:
        raise not_found()
    return FileResponse(blobs.path_of(sha256), media_type="application/octet-stream")


@router.api_route(PATH, methods=["OPTIONS", "POST", "PATCH", "DELETE", "TRACE"],
                  include_in_schema=False)
async def other_methods() -> Response:
    """405 naming every method of the path (Starlette's own answer names only the first
    route's)."""
    return JSONResponse({"detail": "Method Not Allowed"}, 405, headers={"Allow": ALLOWED})


ALLOWED = "GET, HEAD, PUT"
