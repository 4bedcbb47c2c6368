# ruff: noqa  # an Alembic migration, written by hand
"""each customer's last done visit, stored on the laptop and kept by triggers

``customers.last_visit_at``: when the customer's last done, live visit took place (NULL if
none). Local, like ``tier``: derived on this laptop, never synced (``__sync_local__``). SQLite
triggers on ``visits`` keep it exact whoever writes a visit (the services, a sync pull, an
import, the demo and benchmark builders): a done visit inserted moves it forward; a visit
updated (status, visited_at, deleted_at, customer_id) or removed recomputes it from
``ix_visits_last_done`` (one seek). ``ix_customers_due`` lets the overdue-contacts list read
only the customers past each cadence's cut-off, in due order (benchmarks/visits.py).

A later migration that rebuilds ``visits`` (batch "move and copy") drops these triggers with
the old table: it must create them again from :data:`TRIGGERS` (a test checks they exist).

Revision ID: 0007_customer_last_visit
Revises: 0006_last_done_visit
Create Date: 2026-12-03 09:15:00
"""
from alembic import op
import sqlalchemy as sa


revision = '0007_customer_last_visit'
down_revision = '0006_last_done_visit'
branch_labels = None
depends_on = None

_LAST = (
    "SELECT max(v.visited_at) FROM visits AS v"
    " WHERE v.customer_id = customers.id AND v.status = 'done' AND v.deleted_at IS NULL"
)
_COUNTS_OLD = "OLD.status = 'done' AND OLD.deleted_at IS NULL"
_COUNTS_NEW = "NEW.status = 'done' AND NEW.deleted_at IS NULL"
TRIGGERS = {
    # A done visit recorded: the last visit can only move forward.
    "tr_visits_last_visit_insert": f"""
        CREATE TRIGGER tr_visits_last_visit_insert AFTER INSERT ON visits
        WHEN {_COUNTS_NEW} AND NEW.visited_at IS NOT NULL
        BEGIN
          UPDATE customers SET last_visit_at = NEW.visited_at
          WHERE id = NEW.customer_id
            AND (last_visit_at IS NULL OR last_visit_at < NEW.visited_at);
        END""",
    # Done, cancelled, moved, deleted (tombstone) or restored: recomputed, for both customers
    # if it moved (customer_id does not change in the app; a raw writer might).
    "tr_visits_last_visit_update": f"""
        CREATE TRIGGER tr_visits_last_visit_update
        AFTER UPDATE OF status, visited_at, deleted_at, customer_id ON visits
        WHEN (({_COUNTS_OLD}) OR ({_COUNTS_NEW}))
          AND (OLD.status IS NOT NEW.status OR OLD.visited_at IS NOT NEW.visited_at
               OR OLD.deleted_at IS NOT NEW.deleted_at OR OLD.customer_id IS NOT NEW.customer_id)
        BEGIN
          UPDATE customers SET last_visit_at = ({_LAST})
          WHERE id IN (OLD.customer_id, NEW.customer_id);
        END""",
    # Removed outright (a customer evicted by a sync, a row HQ says is gone).
    "tr_visits_last_visit_delete": f"""
        CREATE TRIGGER tr_visits_last_visit_delete AFTER DELETE ON visits
        WHEN {_COUNTS_OLD}
        BEGIN
          UPDATE customers SET last_visit_at = ({_LAST}) WHERE id = OLD.customer_id;
        END""",
}


def upgrade() -> None:
    with op.batch_alter_table('customers', schema=None) as batch_op:
        batch_op.add_column(sa.Column('last_visit_at', sa.DateTime(), nullable=True))
        batch_op.create_index(
            'ix_customers_due',
            ['visit_cadence_days', 'tier', 'last_visit_at', 'created_at', 'id'],
            unique=False, sqlite_where=sa.text('deleted_at IS NULL'),
        )
    op.execute(f"UPDATE customers SET last_visit_at = ({_LAST})")
    for ddl in TRIGGERS.values():
        op.execute(ddl)


def downgrade() -> None:
    for name in TRIGGERS:
        op.execute(f"DROP TRIGGER IF EXISTS {name}")
    with op.batch_alter_table('customers', schema=None) as batch_op:
        batch_op.drop_index('ix_customers_due')
        batch_op.drop_column('last_visit_at')
