# ruff: noqa  # an Alembic migration, written by hand
"""complaints as the domain states them: reference, channel, severity, the committed clock's
stored deadlines and a history with who, why and a score; their attachments

The first drafts of ``complaints`` and ``complaint_events`` become what domain/complaints.py
and the committed clock need. Rows already there are converted, not dropped: a complaint gets
a reference made from its day (Shanghai) and id, its status in the state machine's words
(open → received, in_progress → investigating), ``satisfied`` becomes a score (yes 5, no 1),
an event's free-text author goes in front of its text, and its kind in the new words
(read_back → acknowledged, hq_response → note). The stored deadlines start empty: the
service fills them the first time it recomputes open complaints.

Revision ID: 0010_complaints
Revises: 0009_mail_outbox_messages
Create Date: 2026-12-03 11:10:00
"""
from alembic import op
import sqlalchemy as sa


revision = '0010_complaints'
down_revision = '0009_mail_outbox_messages'
branch_labels = None
depends_on = None

_STATUS_UP = (
    "CASE status WHEN 'open' THEN 'received' WHEN 'in_progress' THEN 'investigating'"
    " ELSE status END"
)
_STATUS_DOWN = (
    "CASE status WHEN 'received' THEN 'open' WHEN 'resolved' THEN 'resolved'"
    " WHEN 'closed' THEN 'closed' WHEN 'reopened' THEN 'reopened' WHEN 'satisfaction_asked'"
    " THEN 'resolved' ELSE 'in_progress' END"
)


def upgrade() -> None:
    with op.batch_alter_table('complaints', schema=None) as batch_op:
        batch_op.add_column(sa.Column('reference', sa.String(length=40), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('contact_id', sa.Uuid(), nullable=True))
        batch_op.add_column(sa.Column('contact_name', sa.String(length=100), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('channel', sa.String(length=16), nullable=False, server_default='phone'))
        batch_op.add_column(sa.Column('severity', sa.String(length=16), nullable=False, server_default='normal'))
        batch_op.add_column(sa.Column('department', sa.String(length=50), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('paused_at', sa.DateTime(), nullable=True))
        batch_op.add_column(sa.Column('first_contact_due', sa.DateTime(), nullable=True))
        batch_op.add_column(sa.Column('resolution_due', sa.DateTime(), nullable=True))
        batch_op.add_column(sa.Column('contacted_at', sa.DateTime(), nullable=True))
        batch_op.add_column(sa.Column('closed_at', sa.DateTime(), nullable=True))
        batch_op.add_column(sa.Column('satisfaction', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('satisfaction_comment', sa.Text(), nullable=False, server_default=''))
        batch_op.alter_column('status', existing_type=sa.String(length=16), type_=sa.String(length=20))
        batch_op.create_foreign_key(
            op.f('fk_complaints_contact_id_contacts'), 'contacts', ['contact_id'], ['id']
        )
    op.execute(
        "UPDATE complaints SET reference = 'TS-' || strftime('%Y%m%d', received_at, '+8 hours')"
        " || '-' || upper(substr(id, 25, 8)),"
        f" status = {_STATUS_UP},"
        " satisfaction = CASE satisfied WHEN 1 THEN 5 WHEN 0 THEN 1 END,"
        " closed_at = CASE status WHEN 'closed' THEN COALESCE(resolved_at, updated_at) END"
    )
    with op.batch_alter_table('complaints', schema=None) as batch_op:
        batch_op.drop_column('response_hours')
        batch_op.drop_column('satisfied')
        batch_op.create_index('ix_complaints_reference', ['reference'], unique=False)
        batch_op.create_index(
            'ix_complaints_status_first_contact_due', ['status', 'first_contact_due'], unique=False
        )

    with op.batch_alter_table('complaint_events', schema=None) as batch_op:
        batch_op.add_column(sa.Column('by_id', sa.Uuid(), nullable=True))
        batch_op.add_column(sa.Column('reason', sa.Text(), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('score', sa.Integer(), nullable=True))
        batch_op.create_foreign_key(
            op.f('fk_complaint_events_by_id_users'), 'users', ['by_id'], ['id']
        )
    op.execute(
        "UPDATE complaint_events SET"
        " text = CASE WHEN author = '' THEN text ELSE author || ': ' || text END,"
        " kind = CASE kind WHEN 'read_back' THEN 'acknowledged' WHEN 'hq_response' THEN 'note'"
        " ELSE kind END"
    )
    with op.batch_alter_table('complaint_events', schema=None) as batch_op:
        batch_op.drop_column('author')

    op.create_table('complaint_attachments',
    sa.Column('complaint_id', sa.Uuid(), nullable=False),
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('filename', sa.String(length=255), nullable=False),
    sa.Column('size', sa.Integer(), nullable=False),
    sa.Column('mime', sa.String(length=100), nullable=False),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('deleted_at', sa.DateTime(), nullable=True),
    sa.Column('server_version', sa.BigInteger(), nullable=False),
    sa.ForeignKeyConstraint(['complaint_id'], ['complaints.id'], name=op.f('fk_complaint_attachments_complaint_id_complaints')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_complaint_attachments'))
    )
    with op.batch_alter_table('complaint_attachments', schema=None) as batch_op:
        batch_op.create_index('ix_complaint_attachments_complaint_id', ['complaint_id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('complaint_attachments', schema=None) as batch_op:
        batch_op.drop_index('ix_complaint_attachments_complaint_id')
    op.drop_table('complaint_attachments')

    with op.batch_alter_table('complaint_events', schema=None) as batch_op:
        batch_op.add_column(sa.Column('author', sa.String(length=100), nullable=False, server_default=''))
    # Who and why stay readable in the text; the score is the complaint's satisfaction.
    op.execute(
        "UPDATE complaint_events SET"
        " text = text || CASE WHEN reason = '' THEN '' ELSE ' (' || reason || ')' END,"
        " kind = CASE kind WHEN 'acknowledged' THEN 'read_back' ELSE kind END"
    )
    with op.batch_alter_table('complaint_events', schema=None) as batch_op:
        batch_op.drop_constraint(op.f('fk_complaint_events_by_id_users'), type_='foreignkey')
        for name in ('by_id', 'reason', 'score'):
            batch_op.drop_column(name)

    with op.batch_alter_table('complaints', schema=None) as batch_op:
        batch_op.add_column(sa.Column('response_hours', sa.Integer(), nullable=False, server_default='24'))
        batch_op.add_column(sa.Column('satisfied', sa.Boolean(), nullable=True))
    op.execute(
        f"UPDATE complaints SET status = {_STATUS_DOWN},"
        " satisfied = CASE WHEN satisfaction IS NULL THEN NULL WHEN satisfaction >= 3 THEN 1"
        " ELSE 0 END"
    )
    with op.batch_alter_table('complaints', schema=None) as batch_op:
        batch_op.drop_index('ix_complaints_status_first_contact_due')
        batch_op.drop_index('ix_complaints_reference')
        batch_op.drop_constraint(op.f('fk_complaints_contact_id_contacts'), type_='foreignkey')
        for name in ('reference', 'contact_id', 'contact_name', 'channel', 'severity',
                     'department', 'paused_at', 'first_contact_due', 'resolution_due',
                     'contacted_at', 'closed_at', 'satisfaction', 'satisfaction_comment'):
            batch_op.drop_column(name)
        batch_op.alter_column('status', existing_type=sa.String(length=20), type_=sa.String(length=16))
