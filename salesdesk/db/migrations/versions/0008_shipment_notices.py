# ruff: noqa  # an Alembic migration, written by hand
"""shipment notices as domain/shipments.py states them: recipients, carrier, first ETA, arrival;
lines in order; dispatches with their result

The first drafts of ``shipment_notices``, ``shipment_lines`` and ``shipment_dispatches`` get what
the feature needs (issue 14). Rows already there are converted, not dropped: a notice's
``notes`` become its ``remarks``, and the old single ``recipient_email`` is kept at the end of
them (recipients are now contacts); a notice already sent promised its ETA first.

Revision ID: 0008_shipment_notices
Revises: 0007_customer_last_visit
Create Date: 2026-12-03 11:15:00
"""
from alembic import op
import sqlalchemy as sa


revision = '0008_shipment_notices'
down_revision = '0007_customer_last_visit'
branch_labels = None
depends_on = None


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
        "UPDATE shipment_notices SET remarks = CASE WHEN recipient_email = '' THEN notes"
        " WHEN notes = '' THEN recipient_email ELSE notes || char(10) || recipient_email END,"
        " first_eta = CASE WHEN status IN ('sent', 'arrived') THEN eta END"
    )
    with op.batch_alter_table('shipment_notices', schema=None) as batch_op:
        batch_op.drop_column('notes')
        batch_op.drop_column('recipient_email')
        batch_op.create_foreign_key(
            op.f('fk_shipment_notices_created_by_id_users'), 'users', ['created_by_id'], ['id']
        )
        batch_op.create_index('ix_shipment_notices_status_eta', ['status', 'eta'], unique=False)

    with op.batch_alter_table('shipment_lines', schema=None) as batch_op:
        batch_op.add_column(sa.Column('position', sa.Integer(), nullable=False, server_default='0'))

    with op.batch_alter_table('shipment_dispatches', schema=None) as batch_op:
        batch_op.add_column(sa.Column('contact_id', sa.Uuid(), nullable=True))
        # Sends logged before results were kept went out: they count as sent.
        batch_op.add_column(sa.Column('result', sa.String(length=16), nullable=False, server_default='sent'))
        batch_op.add_column(sa.Column('detail', sa.Text(), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('result_at', sa.DateTime(), nullable=True))
        batch_op.add_column(sa.Column('outbox_id', sa.Uuid(), nullable=True))
        batch_op.add_column(sa.Column('sent_by_id', sa.Uuid(), nullable=True))
        batch_op.create_foreign_key(
            op.f('fk_shipment_dispatches_contact_id_contacts'), 'contacts', ['contact_id'], ['id']
        )
        batch_op.create_foreign_key(
            op.f('fk_shipment_dispatches_sent_by_id_users'), 'users', ['sent_by_id'], ['id']
        )


def downgrade() -> None:
    with op.batch_alter_table('shipment_dispatches', schema=None) as batch_op:
        batch_op.drop_constraint(op.f('fk_shipment_dispatches_sent_by_id_users'), type_='foreignkey')
        batch_op.drop_constraint(op.f('fk_shipment_dispatches_contact_id_contacts'), type_='foreignkey')
        for name in ('contact_id', 'result', 'detail', 'result_at', 'outbox_id', 'sent_by_id'):
            batch_op.drop_column(name)
    with op.batch_alter_table('shipment_lines', schema=None) as batch_op:
        batch_op.drop_column('position')
    with op.batch_alter_table('shipment_notices', schema=None) as batch_op:
        batch_op.add_column(sa.Column('notes', sa.Text(), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('recipient_email', sa.String(length=200), nullable=False, server_default=''))
    # The remarks go back to the notes; the arrival's words join them rather than vanish.
    op.execute(
        "UPDATE shipment_notices SET notes = CASE WHEN arrival_remarks = '' THEN remarks"
        " WHEN remarks = '' THEN arrival_remarks ELSE remarks || char(10) || arrival_remarks END"
    )
    with op.batch_alter_table('shipment_notices', schema=None) as batch_op:
        batch_op.drop_index('ix_shipment_notices_status_eta')
        batch_op.drop_constraint(op.f('fk_shipment_notices_created_by_id_users'), type_='foreignkey')
        for name in ('order_ref', 'recipient_contact_ids', 'language', 'carrier', 'first_eta',
                     'remarks', 'received_by', 'arrival_remarks', 'created_by_id'):
            batch_op.drop_column(name)
