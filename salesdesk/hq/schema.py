"""HQ's tables: one per synced entity (built from the domain's entity table) plus sync bookkeeping.

* ``sync_counter``: one row; every write transaction takes the next value with
  ``UPDATE ... RETURNING`` first, so the row lock orders versions exactly as commits happen.
* ``sync_row``: every row's current version and the customer it belongs to, the index a pull
  walks in ``(version, entity, row_id)`` order.
* ``assignment_event``: who lost and who gained a customer at which version (evictions).
* ``conflict``: every value that lost a merge, kept for the person who lost it.
* ``client_state``/``op_result``: the last op applied per laptop and each op's answer, so a
  replayed push gets the identical answer and changes nothing.
* ``credential``/``auth_token``/``login_failure``: accounts (the ``users`` entity), password
  hashes, revocable tokens (only their SHA-256 is stored) and the login rate limit.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Column,
    Date,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    PrimaryKeyConstraint,
    String,
    Table,
    Text,
    Uuid,
    text,
)
from sqlalchemy.types import TypeEngine

from salesdesk.domain.entities import ENTITIES, EntitySpec, FieldSpec, Kind, Scope
from salesdesk.sqltypes import ScaledDecimal, UTCDateTime

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

metadata = MetaData(naming_convention=NAMING_CONVENTION)

# A SQLite-friendly autoincrement key that is a BIGINT on PostgreSQL.
_BigId = BigInteger().with_variant(Integer, "sqlite")


def _column_type(spec: FieldSpec) -> TypeEngine[Any]:
    kinds: dict[Kind, TypeEngine[Any]] = {
        Kind.TEXT: Text(),
        Kind.INT: Integer(),
        Kind.BOOL: Boolean(),
        Kind.DATE: Date(),
        Kind.DATETIME: UTCDateTime(),
        Kind.UUID: Uuid(),
        Kind.STR_LIST: JSON(),
    }
    if spec.kind is Kind.STR:
        return String(spec.max_len)
    if spec.kind is Kind.DECIMAL:
        return ScaledDecimal(spec.scale)
    return kinds[spec.kind]


def _entity_table(spec: EntitySpec) -> Table:
    columns: list[Column[Any]] = [Column("id", Uuid(), primary_key=True)]
    for f in spec.fields:
        columns.append(
            Column(f.name, _column_type(f), nullable=f.nullable, unique=f.unique or None)
        )
    # Who wrote each field and when: {"*": creation stamp, field: stamp of its last write}.
    columns.append(Column("stamps", JSON(), nullable=False))
    table = Table(spec.name, metadata, *columns)
    if spec.scope is Scope.CHILD:
        assert spec.parent_field is not None
        Index(f"ix_{spec.name}_{spec.parent_field}", table.c[spec.parent_field])
    if spec.name == "customers":
        Index("ix_customers_assigned_to_id", table.c.assigned_to_id)
    return table


ENTITY_TABLES: dict[str, Table] = {spec.name: _entity_table(spec) for spec in ENTITIES}

sync_counter = Table(
    "sync_counter",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=False),
    Column("seq", BigInteger, nullable=False),
)

sync_row = Table(
    "sync_row",
    metadata,
    Column("entity", String(40), nullable=False),
    Column("row_id", Uuid(), nullable=False),
    Column("version", BigInteger, nullable=False),
    Column("customer_id", Uuid(), nullable=True),
    PrimaryKeyConstraint("entity", "row_id"),
    Index("ix_sync_row_version_entity_row_id", "version", "entity", "row_id"),
    # A salesperson's pull starts from their customers: (customer, version) ranges.
    Index("ix_sync_row_customer_id_version", "customer_id", "version"),
    # ... plus the rows everyone sees (products, users), which belong to no customer.
    Index(
        "ix_sync_row_shared_version", "version", "entity", "row_id",
        postgresql_where=text("customer_id IS NULL"), sqlite_where=text("customer_id IS NULL"),
    ),
)

assignment_event = Table(
    "assignment_event",
    metadata,
    Column("id", _BigId, primary_key=True, autoincrement=True),
    Column("version", BigInteger, nullable=False),
    Column("customer_id", Uuid(), nullable=False),
    Column("from_user_id", Uuid(), nullable=True),
    Column("to_user_id", Uuid(), nullable=True),
    Column("at", UTCDateTime(), nullable=False),
    Index("ix_assignment_event_from_user_id_version", "from_user_id", "version"),
    # Whose a customer was when a laptop made a change (hq/writes.py: WriteTx.writable).
    Index("ix_assignment_event_customer_id_version", "customer_id", "version"),
)

conflict = Table(
    "conflict",
    metadata,
    Column("id", _BigId, primary_key=True, autoincrement=True),
    Column("version", BigInteger, nullable=False),
    Column("entity", String(40), nullable=False),
    Column("row_id", Uuid(), nullable=False),
    Column("field", String(60), nullable=False),
    Column("lost_value", JSON(), nullable=True),
    Column("won_value", JSON(), nullable=True),
    Column("lost_by_id", Uuid(), nullable=True),
    Column("lost_by", String(64), nullable=False),
    Column("won_by", String(64), nullable=False),
    Column("at", UTCDateTime(), nullable=False),
    Index("ix_conflict_lost_by_id_version", "lost_by_id", "version"),
)

client_state = Table(
    "client_state",
    metadata,
    Column("client_id", Uuid(), primary_key=True),
    Column("user_id", Uuid(), nullable=False),
    Column("last_op_id", BigInteger, nullable=False),
    Column("last_seen", UTCDateTime(), nullable=False),
)

op_result = Table(
    "op_result",
    metadata,
    Column("client_id", Uuid(), nullable=False),
    Column("op_id", BigInteger, nullable=False),
    Column("hlc", String(60), nullable=False),  # tells a replay from a reused op_id
    Column("result", JSON(), nullable=False),
    PrimaryKeyConstraint("client_id", "op_id"),
)

credential = Table(
    "credential",
    metadata,
    Column("user_id", Uuid(), ForeignKey("users.id"), primary_key=True),
    Column("password_hash", String(200), nullable=False),
    Column("changed_at", UTCDateTime(), nullable=False),
)

auth_token = Table(
    "auth_token",
    metadata,
    Column("id", _BigId, primary_key=True, autoincrement=True),
    Column("token_hash", String(64), nullable=False, unique=True),
    Column("user_id", Uuid(), ForeignKey("users.id"), nullable=False),
    Column("device", String(100), nullable=False),
    Column("created_at", UTCDateTime(), nullable=False),
    Column("expires_at", UTCDateTime(), nullable=False),
    Column("revoked_at", UTCDateTime(), nullable=True),
    Index("ix_auth_token_user_id", "user_id"),
)

login_failure = Table(
    "login_failure",
    metadata,
    Column("id", _BigId, primary_key=True, autoincrement=True),
    Column("username", String(64), nullable=False),
    Column("ip", String(64), nullable=False),
    Column("at", UTCDateTime(), nullable=False),
    Index("ix_login_failure_username_at", "username", "at"),
    Index("ix_login_failure_ip_at", "ip", "at"),
)

users = ENTITY_TABLES["users"]
customers = ENTITY_TABLES["customers"]

__all__ = [
    "ENTITY_TABLES",
    "assignment_event",
    "auth_token",
    "client_state",
    "conflict",
    "credential",
    "customers",
    "login_failure",
    "metadata",
    "op_result",
    "sync_counter",
    "sync_row",
    "users",
]
