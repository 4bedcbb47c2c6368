# ruff: noqa  # an Alembic migration, written by hand
"""customer tax id (统一社会信用代码)

Revision ID: 0002_customer_tax_id
Revises: 0001_initial
Create Date: 2026-11-23 23:45:00
"""
from alembic import op
import sqlalchemy as sa


revision = '0002_customer_tax_id'
down_revision = '0001_initial'
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Customers already at HQ get an empty tax id; laptops send theirs as they edit.
    with op.batch_alter_table('customers', schema=None) as batch_op:
        batch_op.add_column(
            sa.Column('tax_id', sa.String(length=18), nullable=False, server_default='')
        )


def downgrade() -> None:
    with op.batch_alter_table('customers', schema=None) as batch_op:
        batch_op.drop_column('tax_id')
