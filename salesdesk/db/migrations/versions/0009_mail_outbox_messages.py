# ruff: noqa  # an Alembic migration, written by hand
"""the mail outbox's message bytes beside its rows, in mail_outbox_messages

Every change of a mail's state (claimed, sent, queued again with the server's reason on each
offline round) rewrote its whole ``mail_outbox`` row, 40 KB and more with a PDF attached.
The bytes move, unchanged, to ``mail_outbox_messages`` (one row per mail, written once).
Local, like ``mail_outbox``.

Revision ID: 0009_mail_outbox_messages
Revises: 0009_mail_outbox
Create Date: 2026-12-03 11:40:00
"""
from alembic import op
import sqlalchemy as sa


revision = '0009_mail_outbox_messages'
down_revision = '0009_mail_outbox'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('mail_outbox_messages',
    sa.Column('outbox_id', sa.Uuid(), nullable=False),
    sa.Column('message', sa.LargeBinary(), nullable=False),
    sa.ForeignKeyConstraint(['outbox_id'], ['mail_outbox.id'],
                            name=op.f('fk_mail_outbox_messages_outbox_id_mail_outbox'),
                            ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('outbox_id', name=op.f('pk_mail_outbox_messages'))
    )
    op.execute("INSERT INTO mail_outbox_messages (outbox_id, message)"
               " SELECT id, message FROM mail_outbox")
    with op.batch_alter_table('mail_outbox', schema=None) as batch_op:
        batch_op.drop_column('message')


def downgrade() -> None:
    with op.batch_alter_table('mail_outbox', schema=None) as batch_op:
        batch_op.add_column(sa.Column('message', sa.LargeBinary(), nullable=False,
                                      server_default=sa.text("x''")))
    op.execute("UPDATE mail_outbox SET message = (SELECT m.message FROM mail_outbox_messages"
               " AS m WHERE m.outbox_id = mail_outbox.id)")
    with op.batch_alter_table('mail_outbox', schema=None) as batch_op:
        batch_op.alter_column('message', existing_type=sa.LargeBinary(), server_default=None)
    op.drop_table('mail_outbox_messages')
