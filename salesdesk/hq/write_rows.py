"""The rows of a write transaction (:class:`~salesdesk.hq.writes.WriteTx`): a row as loaded
or created, its state as the protocol sends it, and the refusal of an op that can never apply.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from typing import Any

from salesdesk.domain.merge import Stamp
from salesdesk.domain.wire import encode
from salesdesk.sync.protocol import RejectCode, RowState

DELETED = "deleted_at"
PENDING = -1
"""The version of a row written in this transaction until
:meth:`~salesdesk.hq.writes.WriteTx.flush` takes one."""


@dataclass
class Row:
    """A row as loaded (or created) in this transaction."""

    entity: str
    id: uuid.UUID
    values: dict[str, Any]
    stamps: dict[str, list[str]]
    customer_id: uuid.UUID | None
    is_new: bool = False
    dirty: bool = False
    changed: set[str] = field(default_factory=set)
    partial: bool = False
    """Only some fields were loaded (see :meth:`~salesdesk.hq.writes.WriteTx.prefetch`)."""

    @property
    def deleted(self) -> bool:
        return self.values.get(DELETED) is not None

    def stamp(self, name: str) -> Stamp:
        return Stamp.decode(self.stamps.get(name) or self.stamps["*"])


class Rejected(Exception):
    """An op that can never apply; the laptop's queue moves on past it."""

    def __init__(
        self, reason: str, *, row: Row | None = None, gone: bool = False,
        code: RejectCode | None = None,
    ) -> None:
        super().__init__(reason)
        self.reason = reason
        self.row = row
        self.gone = gone
        self.code = code


def row_state(row: Row, version: int) -> RowState:
    """``row`` as the protocol sends it, at ``version``."""
    return RowState(
        entity=row.entity,
        id=row.id,
        version=version,
        deleted=row.deleted,
        fields={k: encode(v) for k, v in row.values.items()},
    )
