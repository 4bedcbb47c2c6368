# ruff: noqa  # an Alembic migration, written by hand
"""assignment history by customer: whose a customer was when a laptop made a change

Revision ID: 0004_assignment_history
Revises: 0003_pull_from_customers
Create Date: 2026-12-03 00:50:00
"""
from alembic import op


revision = '0004_assignment_history'
down_revision = '0003_pull_from_customers'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index(
        'ix_assignment_event_customer_id_version', 'assignment_event',
        ['customer_id', 'version'], unique=False,
    )


def downgrade() -> None:
    op.drop_index('ix_assignment_event_customer_id_version', table_name='assignment_event')
