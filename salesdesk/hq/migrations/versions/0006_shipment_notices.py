# ruff: noqa  # an Alembic migration, written by hand
"""shipment notices as domain/shipments.py states them: recipients, carrier, first ETA, arrival;
lines in order; dispatches with their result

The same change as the laptop's 0008_shipment_notices (the entity table, domain/entities.py):
rows already at HQ are converted, not dropped. A notice's ``notes`` become its ``remarks`` with
the old single ``recipient_email`` kept at their end; a notice already sent promised its ETA
first; sends logged before results were kept count as sent.

Revision ID: 0006_shipment_notices
Revises: 0005_visits_promises
Create Date: 2026-12-03 11:15:00
"""
from alembic import op
import sqlalchemy as sa


revision = '0006_shipment_notices'
down_revision = '0005_visits_promises'
branch_labels = None
depends_on = None


def _joined(first: str, second: str) -> str:
    """``first``, then ``second`` on a line of its own when both have words (both databases)."""
    return (f"CASE WHEN {second} = '' THEN {first} WHEN {first} = '' THEN {second}"
            f" ELSE {first} || '\n' || {second} END")


def upgrade() -> None:
    with op.batch_alter_table('shipment_notices', schema=None) as batch_op:
        batch_op.add_column(sa.Column('order_ref', sa.String(length=100), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('recipient_contact_ids', sa.JSON(), nullable=False, server_default='[]'))
        batch_op.add_column(sa.Column('language', sa.String(length=8), nullable=False, server_default='zh'))
        batch_op.add_column(sa.Column('carrier', sa.String(length=100), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('first_eta', sa.DateTime(), nullable=True))
        batch_op.add_column(sa.Column('remarks', sa.Text(), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('received_by', sa.String(length=100), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('arrival_remarks', sa.Text(), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('created_by_id', sa.Uuid(), nullable=True))
    op.execute(
        f"UPDATE shipment_notices SET remarks = {_joined('notes', 'recipient_email')},"
        " first_eta = CASE WHEN status IN ('sent', 'arrived') THEN eta END"
    )
    with op.batch_alter_table('shipment_notices', schema=None) as batch_op:
        batch_op.drop_column('notes')
        batch_op.drop_column('recipient_email')

    with op.batch_alter_table('shipment_lines', schema=None) as batch_op:
        batch_op.add_column(sa.Column('position', sa.Integer(), nullable=False, server_default='0'))

    with op.batch_alter_table('shipment_dispatches', schema=None) as batch_op:
        batch_op.add_column(sa.Column('contact_id', sa.Uuid(), nullable=True))
        batch_op.add_column(sa.Column('result', sa.String(length=16), nullable=False, server_default='sent'))
        batch_op.add_column(sa.Column('detail', sa.Text(), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('result_at', sa.DateTime(), nullable=True))
        batch_op.add_column(sa.Column('outbox_id', sa.Uuid(), nullable=True))
        batch_op.add_column(sa.Column('sent_by_id', sa.Uuid(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('shipment_dispatches', schema=None) as batch_op:
        for name in ('contact_id', 'result', 'detail', 'result_at', 'outbox_id', 'sent_by_id'):
            batch_op.drop_column(name)
    with op.batch_alter_table('shipment_lines', schema=None) as batch_op:
        batch_op.drop_column('position')
    with op.batch_alter_table('shipment_notices', schema=None) as batch_op:
        batch_op.add_column(sa.Column('notes', sa.Text(), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('recipient_email', sa.String(length=200), nullable=False, server_default=''))
    op.execute(f"UPDATE shipment_notices SET notes = {_joined('remarks', 'arrival_remarks')}")
    with op.batch_alter_table('shipment_notices', schema=None) as batch_op:
        for name in ('order_ref', 'recipient_contact_ids', 'language', 'carrier', 'first_eta',
                     'remarks', 'received_by', 'arrival_remarks', 'created_by_id'):
            batch_op.drop_column(name)
