"""Who may set what: HQ owns assignment; a salesperson's new row is theirs.

One rule, read from the entity table (:mod:`salesdesk.domain.entities`), for every place that
writes or shows a synced row: the customer service and the importer on the laptop (so a
salesperson is told before HQ would refuse the push), the customer editor (which fields it
locks, whom a new customer goes to) and HQ's merge (which enforces it).

* HQ staff, and a store that was never logged in, may set every field.
* A salesperson may not change an HQ-owned field (``Owner.HQ``) of a stored row.
* A salesperson's new row holds each HQ-owned field at its default, except the entity's
  ``owner_field`` (a customer's ``assigned_to_id``): left empty or naming the salesperson, it
  becomes the salesperson; naming anyone else it is refused.

Pure functions over plain mappings; no I/O.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from functools import cache
from typing import Any

from salesdesk.domain.entities import ENTITY, FieldSpec, Owner
from salesdesk.domain.people import Role


@dataclass(frozen=True)
class Writer:
    """Who writes: their role and id. ``None`` for a store never logged in (writes freely)."""

    role: Role
    user_id: uuid.UUID

    @property
    def bound(self) -> bool:
        """True if the ownership rule limits this writer (a salesperson)."""
        return self.role is Role.SALES


@cache
def hq_owned(entity: str) -> tuple[FieldSpec, ...]:
    """The fields of ``entity`` only HQ staff may change, in the table's order."""
    return tuple(f for f in ENTITY[entity].fields if f.owner is Owner.HQ)


def is_hq_owned(entity: str, name: str) -> bool:
    spec = ENTITY[entity].by_name.get(name)
    return spec is not None and spec.owner is Owner.HQ


def refused(
    entity: str,
    writer: Writer | None,
    values: Mapping[str, Any],
    stored: Mapping[str, Any] | None,
    now: datetime,
) -> list[str]:
    """The HQ-owned fields in ``values`` that ``writer`` may not set, in the table's order.

    ``stored`` holds the row's current values, or is None for a new row. Fields absent from
    ``values`` are not checked (they are not being written).
    """
    if writer is None or not writer.bound:
        return []
    owner_field = ENTITY[entity].owner_field
    bad = []
    for spec in hq_owned(entity):
        if spec.name not in values:
            continue
        value = values[spec.name]
        if stored is not None:
            allowed = [stored[spec.name]]
        elif spec.name == owner_field:
            allowed = [None, writer.user_id]
        else:
            allowed = [spec.default_value(now)]
        if value not in allowed:
            bad.append(spec.name)
    return bad


def owner_of_new(
    entity: str, writer: Writer | None, proposed: uuid.UUID | None
) -> uuid.UUID | None:
    """Whom a new row of ``entity`` belongs to once ``writer`` saves it with the owner
    ``proposed``: a salesperson's row left unassigned is theirs (HQ gives a salesperson's new
    row to them). Check :func:`refused` first: another owner proposed is not replaced here."""
    return proposed if proposed is not None else fixed_owner(entity, writer)


def fixed_owner(entity: str, writer: Writer | None) -> uuid.UUID | None:
    """Whom every new row ``writer`` creates belongs to, when the writer has no say in it (a
    salesperson's new customer is theirs); None when the writer may choose."""
    if writer is None or not writer.bound or ENTITY[entity].owner_field is None:
        return None
    return writer.user_id
