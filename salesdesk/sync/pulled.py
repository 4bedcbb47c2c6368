"""Pulled pages as the laptop reads them: the rows of each entity as columns, not models.

A full page is 5,000 rows. Validating it with :class:`~salesdesk.sync.protocol.PullPage` builds
a :class:`~salesdesk.sync.protocol.RowState` (and a copy of its ``fields``) per row, which cost
more than parsing the JSON itself; the store then took the rows apart into columns again. So
the laptop parses the JSON once, validates everything but the rows with ``PullPage`` itself
(with no rows), and checks the rows a column at a time: their keys and the types of
``entity``, ``id``, ``version``, ``deleted`` and ``fields``. Field values are checked when the
store decodes them (:mod:`salesdesk.sync.laptop.store`), inside the page's transaction, so a bad
value rolls the whole page back. The wire format is unchanged.
"""

from __future__ import annotations

import operator
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import pydantic_core
from pydantic import ValidationError

from salesdesk.sync.protocol import ConflictNotice, Cursor, Eviction, PullPage, RowState


class MalformedPage(ValueError):
    """The page is not a :class:`PullPage` this version understands."""


@dataclass(frozen=True, slots=True)
class PulledRows:
    """One entity's rows of a page, in page order, as columns.

    ``ids`` are in the store's form (32 lowercase hex digits, as SQLAlchemy's ``Uuid`` keeps
    them on SQLite); ``fields`` are the rows' wire values as parsed, one dict per row.
    """

    entity: str
    ids: list[str]
    versions: list[int]
    fields: list[dict[str, Any]]

    @classmethod
    def of_states(cls, states: Iterable[RowState]) -> list[PulledRows]:
        """Rows HQ sent as models (a push's answer), grouped the same way."""
        groups: dict[str, PulledRows] = {}
        for state in states:
            group = groups.get(state.entity)
            if group is None:
                group = groups[state.entity] = cls(state.entity, [], [], [])
            group.ids.append(state.id.hex)
            group.versions.append(state.version)
            group.fields.append(dict(state.fields))
        return list(groups.values())


@dataclass(frozen=True, slots=True)
class PulledPage:
    """A validated pull page; everything but the rows as in :class:`PullPage`."""

    rows: list[PulledRows]
    evictions: list[Eviction]
    conflicts: list[ConflictNotice]
    cursor: Cursor
    upper: int
    has_more: bool
    server_time_ms: int

    @property
    def row_count(self) -> int:
        return sum(len(group.ids) for group in self.rows)

    @classmethod
    def of(cls, page: PullPage) -> PulledPage:
        """The same page from a model (tests, and HQ answers already validated)."""
        return cls(
            rows=PulledRows.of_states(page.rows), evictions=list(page.evictions),
            conflicts=list(page.conflicts), cursor=page.cursor, upper=page.upper,
            has_more=page.has_more, server_time_ms=page.server_time_ms,
        )


def read_page(content: bytes) -> PulledPage:
    """Parses and validates a pull page; raises :class:`MalformedPage` for anything else."""
    try:
        raw = pydantic_core.from_json(content)
    except ValueError as exc:
        raise MalformedPage(f"not JSON: {exc}") from None
    if not isinstance(raw, dict):
        raise MalformedPage("not an object")
    rows = raw.pop("rows", None)
    try:
        head = PullPage.model_validate({**raw, "rows": []})
    except ValidationError as exc:
        raise MalformedPage(str(exc)) from None
    return PulledPage(
        rows=_read_rows(rows), evictions=head.evictions, conflicts=head.conflicts,
        cursor=head.cursor, upper=head.upper, has_more=head.has_more,
        server_time_ms=head.server_time_ms,
    )


_ROW_KEYS = ("entity", "id", "version", "deleted", "fields")


def _read_rows(rows: Any) -> list[PulledRows]:
    """Checks the rows column by column (as :class:`RowState` would, minus the copies)."""
    if type(rows) is not list:
        raise MalformedPage("rows: not a list")
    if not rows:
        return []
    if set(map(type, rows)) != {dict} or set(map(len, rows)) != {len(_ROW_KEYS)}:
        raise MalformedPage(f"rows: each must be an object with exactly {', '.join(_ROW_KEYS)}")
    try:
        entities, ids, versions, deleted, fields = (
            list(map(operator.itemgetter(key), rows)) for key in _ROW_KEYS
        )
    except KeyError as exc:
        raise MalformedPage(f"rows: missing {exc}") from None
    for name, column, allowed in (
        ("entity", entities, str), ("version", versions, int), ("deleted", deleted, bool),
        ("fields", fields, dict),
    ):
        if set(map(type, column)) != {allowed}:
            raise MalformedPage(f"rows: every {name} must be {allowed.__name__}")
    try:
        hexes = uuid_hexes(ids)
    except ValueError as exc:
        raise MalformedPage(f"rows: id {exc}") from None
    if len(set(entities)) == 1:
        return [PulledRows(entities[0], hexes, versions, fields)]
    positions: dict[str, list[int]] = {}
    for i, entity in enumerate(entities):
        positions.setdefault(entity, []).append(i)
    return [
        PulledRows(
            entity, [hexes[i] for i in at], [versions[i] for i in at], [fields[i] for i in at]
        )
        for entity, at in positions.items()
    ]


def uuid_hexes(values: Sequence[Any]) -> list[str]:
    """UUID wire strings in the store's form (``uuid.UUID(v).hex``); ValueError if one isn't.

    The common case, every value 36 characters with 4 hyphens and 32 hex digits (what HQ
    sends), is checked with a few string operations over the whole column: no ``UUID``
    object per value. A value holding a newline would add a line, so the count tells it
    apart; anything else goes value by value through ``uuid.UUID``.
    """
    count = len(values)
    if count and set(map(type, values)) == {str} and set(map(len, values)) == {36}:
        hexes = "\n".join(values).replace("-", "").lower().split("\n")
        digits = "".join(hexes)
        if (
            len(hexes) == count
            and set(map(len, hexes)) == {32}
            and digits.isascii()
            and digits.isalnum()  # no whitespace, which fromhex would skip
            and _is_hex(digits)
        ):
            return hexes
    return [_uuid_hex(value) for value in values]


def _is_hex(digits: str) -> bool:
    try:
        bytes.fromhex(digits)
    except ValueError:
        return False
    return True


def _uuid_hex(value: Any) -> str:
    if not isinstance(value, str):
        raise ValueError(f"expected a UUID string, not {type(value).__name__}")
    return uuid.UUID(value).hex


__all__ = ["MalformedPage", "PulledPage", "PulledRows", "read_page", "uuid_hexes"]
