# ruff: noqa  # an Alembic migration, written by hand
"""an index for each customer's last done visit (the overdue-contacts list)

A partial index over done, live visits by (customer_id, visited_at): whether a customer has a
done visit since its cadence's cut-off is one seek, so the overdue-contacts list answers in
tens of milliseconds over 100,000 customers and 1,000,000 visits (benchmarks/visits.py). The
last visit stays computed, never stored: cancelling or deleting a done visit moves it back.

Revision ID: 0006_last_done_visit
Revises: 0005_unplanned_visit_drafts
Create Date: 2026-12-03 08:10:00
"""
from alembic import op
import sqlalchemy as sa


revision = '0006_last_done_visit'
down_revision = '0005_unplanned_visit_drafts'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('visits', schema=None) as batch_op:
        batch_op.create_index(
            'ix_visits_last_done', ['customer_id', 'visited_at'], unique=False,
            sqlite_where=sa.text("status = 'done' AND deleted_at IS NULL"),
        )


def downgrade() -> None:
    with op.batch_alter_table('visits', schema=None) as batch_op:
        batch_op.drop_index('ix_visits_last_done')
