# ruff: noqa  # an Alembic migration, written by hand
"""an index of the deleted customers (the few every list of promises leaves out)

Lists of promises leave out those of deleted customers by looking the deleted ones up: without
an index that scanned every customer each time (≈ 30 ms on 100,000), on every read of the
Today and Promises pages. A partial index over the deleted ones only is tiny and answers at
once (benchmarks/today.py).

Revision ID: 0011_deleted_customers
Revises: 0010_complaints
Create Date: 2026-12-03 12:40:00
"""
from alembic import op
import sqlalchemy as sa


revision = '0011_deleted_customers'
down_revision = '0010_complaints'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('customers', schema=None) as batch_op:
        batch_op.create_index(
            'ix_customers_deleted', ['id'], unique=False,
            sqlite_where=sa.text("deleted_at IS NOT NULL"),
        )


def downgrade() -> None:
    with op.batch_alter_table('customers', schema=None) as batch_op:
        batch_op.drop_index('ix_customers_deleted')
