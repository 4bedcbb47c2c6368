# ruff: noqa  # an Alembic migration, written by hand
"""complaints as the domain states them: reference, channel, severity, the committed clock's
stored deadlines and a history with who, why and a score; their attachments

The same change as the laptop's 0010_complaints (the entity table, domain/entities.py): rows
already at HQ are converted, not dropped (open → received, in_progress → investigating,
satisfied → a score of 5 or 1, an event's author in front of its text, read_back →
acknowledged, hq_response → note); each gets a reference made from its day (Shanghai) and id.

Revision ID: 0007_complaints
Revises: 0006_shipment_notices
Create Date: 2026-12-03 11:10:00
"""
from alembic import op
import sqlalchemy as sa


revision = '0007_complaints'
down_revision = '0006_shipment_notices'
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


def _reference() -> str:
    if op.get_bind().dialect.name == 'postgresql':
        return ("'TS-' || to_char(received_at + interval '8 hours', 'YYYYMMDD') || '-'"
                " || upper(right(replace(CAST(id AS text), '-', ''), 8))")
    return ("'TS-' || strftime('%Y%m%d', received_at, '+8 hours') || '-'"
            " || upper(substr(id, 25, 8))")


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
    op.execute(
        f"UPDATE complaints SET reference = {_reference()},"
        " satisfaction = CASE WHEN satisfied THEN 5 WHEN NOT satisfied THEN 1 END,"
        " closed_at = CASE WHEN status = 'closed' THEN resolved_at END,"
        f" status = {_STATUS_UP}"
    )
    with op.batch_alter_table('complaints', schema=None) as batch_op:
        batch_op.drop_column('response_hours')
        batch_op.drop_column('satisfied')

    with op.batch_alter_table('complaint_events', schema=None) as batch_op:
        batch_op.add_column(sa.Column('by_id', sa.Uuid(), nullable=True))
        batch_op.add_column(sa.Column('reason', sa.Text(), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('score', sa.Integer(), nullable=True))
    op.execute(
        "UPDATE complaint_events SET"
        " text = CASE WHEN author = '' THEN text ELSE author || ': ' || text END,"
        " kind = CASE kind WHEN 'read_back' THEN 'acknowledged' WHEN 'hq_response' THEN 'note'"
        " ELSE kind END"
    )
    with op.batch_alter_table('complaint_events', schema=None) as batch_op:
        batch_op.drop_column('author')

    op.create_table('complaint_attachments',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('complaint_id', sa.Uuid(), nullable=False),
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('filename', sa.String(length=255), nullable=False),
    sa.Column('size', sa.Integer(), nullable=False),
    sa.Column('mime', sa.String(length=100), nullable=False),
    sa.Column('deleted_at', sa.DateTime(), nullable=True),
    sa.Column('stamps', sa.JSON(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_complaint_attachments'))
    )
    op.create_index('ix_complaint_attachments_complaint_id', 'complaint_attachments',
                    ['complaint_id'], unique=False)


def downgrade() -> None:
    op.drop_index('ix_complaint_attachments_complaint_id', table_name='complaint_attachments')
    op.drop_table('complaint_attachments')

    with op.batch_alter_table('complaint_events', schema=None) as batch_op:
        batch_op.add_column(sa.Column('author', sa.String(length=100), nullable=False, server_default=''))
    op.execute(
        "UPDATE complaint_events SET"
        " text = text || CASE WHEN reason = '' THEN '' ELSE ' (' || reason || ')' END,"
        " kind = CASE kind WHEN 'acknowledged' THEN 'read_back' ELSE kind END"
    )
    with op.batch_alter_table('complaint_events', schema=None) as batch_op:
        for name in ('by_id', 'reason', 'score'):
            batch_op.drop_column(name)

    with op.batch_alter_table('complaints', schema=None) as batch_op:
        batch_op.add_column(sa.Column('response_hours', sa.Integer(), nullable=False, server_default='24'))
        batch_op.add_column(sa.Column('satisfied', sa.Boolean(), nullable=True))
    op.execute(
        "UPDATE complaints SET satisfied = CASE WHEN satisfaction IS NULL THEN NULL"
        f" WHEN satisfaction >= 3 THEN TRUE ELSE FALSE END, status = {_STATUS_DOWN}"
    )
    with op.batch_alter_table('complaints', schema=None) as batch_op:
        for name in ('reference', 'contact_id', 'contact_name', 'channel', 'severity',
                     'department', 'paused_at', 'first_contact_due', 'resolution_due',
                     'contacted_at', 'closed_at', 'satisfaction', 'satisfaction_comment'):
            batch_op.drop_column(name)
        batch_op.alter_column('status', existing_type=sa.String(length=20), type_=sa.String(length=16))
