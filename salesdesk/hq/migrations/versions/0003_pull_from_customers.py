# ruff: noqa  # an Alembic migration, written by hand
"""pull indexes: a salesperson's pull starts from their customers; conflicts by version

Revision ID: 0003_pull_from_customers
Revises: 0002_customer_tax_id
Create Date: 2026-11-24 01:30:00
"""
from alembic import op
import sqlalchemy as sa


revision = '0003_pull_from_customers'
down_revision = '0002_customer_tax_id'
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Conflict notices travel in the same version window as the rows of a pull.
    op.create_index(
        'ix_conflict_lost_by_id_version', 'conflict', ['lost_by_id', 'version'], unique=False
    )
    op.drop_index('ix_conflict_lost_by_id_id', table_name='conflict')
    op.create_index(
        'ix_sync_row_customer_id_version', 'sync_row', ['customer_id', 'version'], unique=False
    )
    op.drop_index('ix_sync_row_customer_id', table_name='sync_row')
    op.create_index(
        'ix_sync_row_shared_version', 'sync_row', ['version', 'entity', 'row_id'], unique=False,
        postgresql_where=sa.text('customer_id IS NULL'),
        sqlite_where=sa.text('customer_id IS NULL'),
    )


def downgrade() -> None:
    op.create_index('ix_conflict_lost_by_id_id', 'conflict', ['lost_by_id', 'id'], unique=False)
    op.drop_index('ix_conflict_lost_by_id_version', table_name='conflict')
    op.drop_index('ix_sync_row_shared_version', table_name='sync_row')
    op.create_index('ix_sync_row_customer_id', 'sync_row', ['customer_id'], unique=False)
    op.drop_index('ix_sync_row_customer_id_version', table_name='sync_row')
