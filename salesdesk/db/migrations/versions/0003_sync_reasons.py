"""outbox entries keep what was pulled when they were made; conflicts keep why and whose

Revision ID: 0003_sync_reasons
Revises: 0002_customer_tax_id
Create Date: 2026-12-03 00:50:00
"""
from alembic import op
import sqlalchemy as sa


revision = '0003_sync_reasons'
down_revision = '0002_customer_tax_id'
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Entries already waiting get no version: HQ checks them against today's assignment.
    with op.batch_alter_table(
        'outbox', table_kwargs={'sqlite_autoincrement': True}
    ) as batch_op:
        batch_op.add_column(sa.Column('seen', sa.Integer(), nullable=True))
    with op.batch_alter_table('sync_conflict', schema=None) as batch_op:
        batch_op.add_column(sa.Column('reason', sa.String(length=40), nullable=True))
        batch_op.add_column(
            sa.Column('record', sa.String(length=400), nullable=False, server_default='')
        )


def downgrade() -> None:
    with op.batch_alter_table('sync_conflict', schema=None) as batch_op:
        batch_op.drop_column('record')
        batch_op.drop_column('reason')
    with op.batch_alter_table(
        'outbox', table_kwargs={'sqlite_autoincrement': True}
    ) as batch_op:
        batch_op.drop_column('seen')
