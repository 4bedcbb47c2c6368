"""customer tax id (统一社会信用代码); outbox op ids never reused

Revision ID: 0002_customer_tax_id
Revises: 0001_initial
Create Date: 2026-11-23 23:42:03.454609
"""
from alembic import op
import sqlalchemy as sa


revision = '0002_customer_tax_id'
down_revision = '0001_initial'
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Existing customers get an empty tax id; nothing else of theirs changes.
    with op.batch_alter_table('customers', schema=None) as batch_op:
        batch_op.add_column(
            sa.Column('tax_id', sa.String(length=18), nullable=False, server_default='')
        )
        batch_op.create_index('ix_customers_tax_id', ['tax_id'], unique=False)
    # Rebuilt with AUTOINCREMENT; the copy keeps every entry and its op_id, and SQLite
    # remembers the highest one so it is never handed out again.
    with op.batch_alter_table(
        'outbox', recreate='always', table_kwargs={'sqlite_autoincrement': True}
    ) as batch_op:
        pass


def downgrade() -> None:
    with op.batch_alter_table('customers', schema=None) as batch_op:
        batch_op.drop_index('ix_customers_tax_id')
        batch_op.drop_column('tax_id')
