# ruff: noqa  # an Alembic migration, written by hand
"""the mail outbox: outgoing mail queued with what decided to send it, local to this laptop

``mail_outbox`` keeps each outgoing message's bytes (its Message-ID fixed when queued), its
envelope, its state (queued, sending, sent, failed, unknown) and the server's last answer.
Local like ``visit_drafts``: never in the sync outbox, never pulled.

Revision ID: 0009_mail_outbox
Revises: 0007_customer_last_visit
Create Date: 2026-12-03 11:15:00
"""
from alembic import op
import sqlalchemy as sa


revision = '0009_mail_outbox'
down_revision = '0007_customer_last_visit'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('mail_outbox',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('message_id', sa.String(length=250), nullable=False),
    sa.Column('about', sa.String(length=40), nullable=False),
    sa.Column('about_id', sa.Uuid(), nullable=True),
    sa.Column('sender', sa.String(length=320), nullable=False),
    sa.Column('recipients', sa.JSON(), nullable=False),
    sa.Column('subject', sa.Text(), nullable=False),
    sa.Column('message', sa.LargeBinary(), nullable=False),
    sa.Column('state', sa.String(length=16), nullable=False),
    sa.Column('attempts', sa.Integer(), nullable=False),
    sa.Column('next_attempt_at', sa.DateTime(), nullable=False),
    sa.Column('last_error', sa.Text(), nullable=False),
    sa.Column('queued_at', sa.DateTime(), nullable=False),
    sa.Column('sent_at', sa.DateTime(), nullable=True),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_mail_outbox')),
    sa.UniqueConstraint('message_id', name=op.f('uq_mail_outbox_message_id'))
    )
    with op.batch_alter_table('mail_outbox', schema=None) as batch_op:
        batch_op.create_index('ix_mail_outbox_about_id', ['about_id'], unique=False)
        batch_op.create_index('ix_mail_outbox_state_next_attempt_at',
                              ['state', 'next_attempt_at'], unique=False)


def downgrade() -> None:
    # Mail still queued is lost with the table: a downgrade is for going back before any
    # mail was sent with this version.
    with op.batch_alter_table('mail_outbox', schema=None) as batch_op:
        batch_op.drop_index('ix_mail_outbox_state_next_attempt_at')
        batch_op.drop_index('ix_mail_outbox_about_id')
    op.drop_table('mail_outbox')
