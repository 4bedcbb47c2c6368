"""Wire schemas shared by the laptop's sync client and the HQ server.

Every request carries :data:`PROTOCOL_HEADER`; the server answers 426 with an
:class:`ErrorBody` (code ``upgrade_required``) when it no longer speaks the client's version,
so an old laptop is told to upgrade instead of corrupting data. Field lists per entity come
from :mod:`salesdesk.domain.entities`, never from these classes.
"""

from __future__ import annotations

import uuid
from enum import StrEnum
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from salesdesk.domain.entities import ENTITIES

PROTOCOL_VERSION = 3
"""The version this build speaks; bump it when a change would confuse the other side.

2: ``PushRequest.after_op_id`` (two batches of one laptop at HQ at once); an HQ that speaks
only 1 would refuse every push of this build.
3: ``Op.seen`` (what the laptop had pulled when it made the change) and ``OpResult.code``
(why a change was refused); HQ leaves ``code`` out of its answers to older laptops, whose
models forbid unknown fields."""
PROTOCOL_HEADER = "X-SalesDesk-Protocol"
API_PREFIX = "/api/v1"
MAX_PUSH_OPS = 1000
MAX_PAGE_ROWS = 5000
DEFAULT_PAGE_ROWS = 2000

UPLOAD_OFFSET_HEADER = "Upload-Offset"
"""On ``HEAD``/``PUT /blobs/{sha256}``: how many bytes of the attachment HQ holds; on a ``PUT``
request, where its chunk starts."""
UPLOAD_LENGTH_HEADER = "Upload-Length"
"""On a ``PUT /blobs/{sha256}`` request: the attachment's whole size."""
UPLOAD_COMPLETE_HEADER = "Upload-Complete"
"""``1`` when HQ holds the whole attachment (verified), else ``0``."""
BLOB_CHUNK = 256 * 1024
"""What a laptop sends per request: a cut costs at most this much again."""

ENTITY_FIELDS: dict[str, tuple[str, ...]] = {e.name: e.field_names for e in ENTITIES}
"""The fields each entity sends, derived from the one table in the domain."""


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class ErrorCode(StrEnum):
    UPGRADE_REQUIRED = "upgrade_required"
    TOKEN_EXPIRED = "token_expired"  # expired, revoked or unknown: log in again
    BAD_CREDENTIALS = "bad_credentials"
    RATE_LIMITED = "rate_limited"
    CLIENT_MISMATCH = "client_mismatch"  # this laptop's client id belongs to another user
    OP_ID_REUSED = "op_id_reused"  # the laptop sent a different op under a used op_id
    OUT_OF_ORDER = "out_of_order"  # the batch named by after_op_id never arrived; resend
    INVALID = "invalid"
    NOT_FOUND = "not_found"  # no attachment of this hash the user may see, or no bytes yet
    TOO_LARGE = "too_large"  # an attachment over ATTACHMENT_SIZE_LIMIT
    HASH_MISMATCH = "hash_mismatch"  # the uploaded bytes are not the hash's: discarded
    OFFSET_MISMATCH = "offset_mismatch"  # a chunk that does not start where HQ's bytes end


class ErrorBody(_Model):
    code: ErrorCode
    message: str
    min_protocol: int | None = None
    max_protocol: int | None = None
    retry_after_s: int | None = None


class Hello(_Model):
    """Unauthenticated handshake: which protocol versions the server speaks."""

    server: str
    protocol_min: int
    protocol_max: int
    server_time_ms: int


class LoginRequest(_Model):
    username: str = Field(min_length=1, max_length=64)
    password: str = Field(min_length=1, max_length=1024)
    device: str = Field(default="", max_length=100)


class LoginResponse(_Model):
    token: str
    user_id: uuid.UUID
    username: str
    display_name: str
    role: Literal["sales", "hq"]
    expires_at_ms: int


class Op(_Model):
    """One outbox entry: ``changes`` is ``{field: value}`` for inserts, ``{field: [old, new]}``
    for updates and deletes."""

    op_id: int = Field(ge=1)
    entity: str = Field(max_length=40)
    row_id: uuid.UUID
    op: Literal["insert", "update", "delete"]
    changes: dict[str, Any]
    hlc: str = Field(max_length=60)
    seen: int | None = Field(default=None, ge=0)
    """The version of HQ's data the laptop had pulled when the change was made (its pull
    cursor's version), so HQ can tell an edit made while the customer was still this user's
    (merged, though it was reassigned since) from one made after the laptop was told of the
    reassignment (refused, ``RejectCode.REASSIGNED``). None from protocol 1 and 2 laptops:
    their changes are checked against the assignment as it is now."""


class PushRequest(_Model):
    """A batch of a laptop's outbox, op ids increasing.

    ``after_op_id`` lets a laptop send this batch while the one before it (ending at that op
    id) is still at HQ: HQ merges the two at the same time and commits them in order, this
    one only after that op is applied (or answers 409 ``out_of_order`` when it never comes).
    The laptop only does that when this batch mentions no row the one before it writes, so
    the merge never depends on which of the two HQ reads first. Without it, the batch is
    applied on arrival.
    """

    client_id: uuid.UUID
    ops: list[Op] = Field(max_length=MAX_PUSH_OPS)
    after_op_id: int | None = Field(default=None, ge=0)


class OpStatus(StrEnum):
    APPLIED = "applied"  # every field applied, or merged with conflicts listed
    DUPLICATE = "duplicate"  # nothing to do: the server already had this
    REJECTED = "rejected"  # can never apply (invalid, forbidden, row deleted); the queue moves on


class RejectCode(StrEnum):
    """Why HQ refused a change, for the laptop to say in the user's language (``reason``
    keeps HQ's own words, in English, for logs)."""

    REASSIGNED = "reassigned"  # the customer was given to someone else before the edit


class FieldConflict(_Model):
    field: str
    lost_value: Any
    won_value: Any
    won_by: str
    lost_by: str


class RowState(_Model):
    """A row as HQ holds it now; ``fields`` has every field of the entity, wire-encoded."""

    entity: str
    id: uuid.UUID
    version: int
    deleted: bool
    fields: dict[str, Any]


class OpResult(_Model):
    op_id: int
    status: OpStatus
    reason: str | None = None
    code: RejectCode | None = None
    conflicts: list[FieldConflict] = Field(default_factory=list)
    # When the row at HQ differs from what the laptop now believes (a lost conflict, a
    # rejected change), the row as HQ has it, or ``gone`` if this user may not hold it.
    current: RowState | None = None
    gone: bool = False


class PushResponse(_Model):
    results: list[OpResult]
    last_op_id: int
    server_time_ms: int


class Cursor(_Model):
    """Position in the pull order ``(version, entity rank, id)``.

    ``entity``/``id`` are ``None`` when everything up to and including ``version`` is done.
    """

    version: int = Field(ge=0)
    entity: str | None = None
    id: uuid.UUID | None = None


class PullRequest(_Model):
    client_id: uuid.UUID
    cursor: Cursor
    upper: int | None = None  # fixed by the first page of a pull; None asks for a new one
    limit: int = Field(default=DEFAULT_PAGE_ROWS, ge=1, le=MAX_PAGE_ROWS)
    conflicts_since: int = Field(default=0, ge=0)
    """Unused since HQ sends a page the conflict notices of its own version window (ids are
    not in commit order); still accepted from clients that send it."""


class Eviction(_Model):
    """This customer is no longer the user's: drop it and everything under it."""

    customer_id: uuid.UUID
    version: int


class ConflictNotice(_Model):
    """A change of this user's that lost a merge on the server, sent with the page whose
    version window holds it (so exactly once per store, like the rows)."""

    id: int
    entity: str
    row_id: uuid.UUID
    field: str
    lost_value: Any
    won_value: Any
    won_by: str
    at_ms: int


class PullPage(_Model):
    rows: list[RowState]
    evictions: list[Eviction]
    conflicts: list[ConflictNotice]
    cursor: Cursor
    upper: int
    has_more: bool
    server_time_ms: int


class BlobState(_Model):
    """How much of an attachment HQ holds after a ``PUT /blobs/{sha256}`` (also in the
    ``Upload-Offset`` and ``Upload-Complete`` headers, which ``HEAD`` answers alone)."""

    offset: int = Field(ge=0)
    complete: bool
