# ruff: noqa  # an Alembic migration, written by hand
"""visits, their history and drafts; promises as the domain states them; HQ departments

The first drafts of ``visits`` and ``promises`` become what the rules in domain/visits.py and
domain/promises.py need: a visit is planned for a time window (``starts_at``/``ends_at``) at a
place, with contacts to meet, a reason when cancelled, a sequence for calendars and a history
(``visit_events``); a promise has the day it was made, a due day, a department that delivers
it, and who closed it when, with a reason. Rows already there are converted, not dropped: a
visit planned for a day starts at 09:00 Shanghai time (01:00 UTC) that day.

Revision ID: 0004_visits_promises
Revises: 0003_sync_reasons
Create Date: 2026-12-03 08:00:00
"""
from alembic import op
import sqlalchemy as sa


revision = '0004_visits_promises'
down_revision = '0003_sync_reasons'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.add_column(
            sa.Column('department', sa.String(length=50), nullable=False, server_default='')
        )

    with op.batch_alter_table('visits', schema=None) as batch_op:
        batch_op.add_column(sa.Column('starts_at', sa.DateTime(), nullable=True))
        batch_op.add_column(sa.Column('ends_at', sa.DateTime(), nullable=True))
        batch_op.add_column(sa.Column('place', sa.String(length=300), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('contact_ids', sa.JSON(), nullable=False, server_default='[]'))
        batch_op.add_column(sa.Column('reason', sa.Text(), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('sequence', sa.Integer(), nullable=False, server_default='0'))
        batch_op.add_column(sa.Column('met_contact_ids', sa.JSON(), nullable=False, server_default='[]'))
        batch_op.add_column(sa.Column('next_step', sa.Text(), nullable=False, server_default=''))
    op.execute(
        "UPDATE visits SET starts_at = COALESCE(planned_for || ' 01:00:00.000000', visited_at,"
        " created_at)"
    )
    with op.batch_alter_table('visits', schema=None) as batch_op:
        batch_op.alter_column('starts_at', existing_type=sa.DateTime(), nullable=False)
        batch_op.drop_index('ix_visits_planned_for')
        batch_op.drop_column('planned_for')
        batch_op.create_index('ix_visits_starts_at', ['starts_at'], unique=False)

    op.create_table('visit_events',
    sa.Column('visit_id', sa.Uuid(), nullable=False),
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.Column('at', sa.DateTime(), nullable=False),
    sa.Column('by_id', sa.Uuid(), nullable=True),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.Column('previous_starts_at', sa.DateTime(), nullable=True),
    sa.Column('previous_ends_at', sa.DateTime(), nullable=True),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('deleted_at', sa.DateTime(), nullable=True),
    sa.Column('server_version', sa.BigInteger(), nullable=False),
    sa.ForeignKeyConstraint(['by_id'], ['users.id'], name=op.f('fk_visit_events_by_id_users')),
    sa.ForeignKeyConstraint(['visit_id'], ['visits.id'], name=op.f('fk_visit_events_visit_id_visits')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_visit_events'))
    )
    with op.batch_alter_table('visit_events', schema=None) as batch_op:
        batch_op.create_index('ix_visit_events_visit_id', ['visit_id'], unique=False)

    op.create_table('visit_drafts',
    sa.Column('visit_id', sa.Uuid(), nullable=False),
    sa.Column('data', sa.JSON(), nullable=False),
    sa.Column('saved_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['visit_id'], ['visits.id'], name=op.f('fk_visit_drafts_visit_id_visits')),
    sa.PrimaryKeyConstraint('visit_id', name=op.f('pk_visit_drafts'))
    )

    with op.batch_alter_table('competitor_quotes', schema=None) as batch_op:
        batch_op.add_column(
            sa.Column('currency', sa.String(length=3), nullable=False, server_default='CNY')
        )

    with op.batch_alter_table('promises', schema=None) as batch_op:
        batch_op.add_column(sa.Column('contact_id', sa.Uuid(), nullable=True))
        batch_op.add_column(sa.Column('made_on', sa.Date(), nullable=True))
        batch_op.add_column(sa.Column('due', sa.Date(), nullable=True))
        batch_op.add_column(sa.Column('department', sa.String(length=50), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('closed_at', sa.DateTime(), nullable=True))
        batch_op.add_column(sa.Column('closed_by_id', sa.Uuid(), nullable=True))
        batch_op.add_column(sa.Column('reason', sa.Text(), nullable=False, server_default=''))
        batch_op.create_foreign_key(
            op.f('fk_promises_contact_id_contacts'), 'contacts', ['contact_id'], ['id']
        )
        batch_op.create_foreign_key(
            op.f('fk_promises_closed_by_id_users'), 'users', ['closed_by_id'], ['id']
        )
    # The old free-text owner was who delivers; kept in the description rather than lost.
    # made_on is the local (Shanghai) day the row was created, or its due day if earlier.
    op.execute(
        "UPDATE promises SET made_on = MIN(date(created_at, '+8 hours'), due_date), due = due_date,"
        " closed_at = resolved_at, reason = resolution_note,"
        " description = CASE WHEN owner = '' THEN description"
        " ELSE description || ' (' || owner || ')' END"
    )
    with op.batch_alter_table('promises', schema=None) as batch_op:
        batch_op.alter_column('made_on', existing_type=sa.Date(), nullable=False)
        batch_op.alter_column('due', existing_type=sa.Date(), nullable=False)
        batch_op.drop_index('ix_promises_due_date')
        batch_op.drop_column('due_date')
        batch_op.drop_column('owner')
        batch_op.drop_column('resolved_at')
        batch_op.drop_column('resolution_note')
        batch_op.create_index('ix_promises_status_due', ['status', 'due'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('promises', schema=None) as batch_op:
        batch_op.add_column(sa.Column('due_date', sa.Date(), nullable=True))
        batch_op.add_column(sa.Column('owner', sa.String(length=100), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('resolved_at', sa.DateTime(), nullable=True))
        batch_op.add_column(sa.Column('resolution_note', sa.Text(), nullable=False, server_default=''))
    op.execute(
        "UPDATE promises SET due_date = due, resolved_at = closed_at, resolution_note = reason,"
        " owner = department"
    )
    with op.batch_alter_table('promises', schema=None) as batch_op:
        batch_op.alter_column('due_date', existing_type=sa.Date(), nullable=False)
        batch_op.drop_index('ix_promises_status_due')
        batch_op.create_index('ix_promises_due_date', ['due_date'], unique=False)
        batch_op.drop_constraint(op.f('fk_promises_closed_by_id_users'), type_='foreignkey')
        batch_op.drop_constraint(op.f('fk_promises_contact_id_contacts'), type_='foreignkey')
        for name in ('contact_id', 'made_on', 'due', 'department', 'closed_at', 'closed_by_id',
                     'reason'):
            batch_op.drop_column(name)
    with op.batch_alter_table('competitor_quotes', schema=None) as batch_op:
        batch_op.drop_column('currency')
    op.drop_table('visit_drafts')
    with op.batch_alter_table('visit_events', schema=None) as batch_op:
        batch_op.drop_index('ix_visit_events_visit_id')
    op.drop_table('visit_events')
    with op.batch_alter_table('visits', schema=None) as batch_op:
        batch_op.add_column(sa.Column('planned_for', sa.Date(), nullable=True))
    # The plan's day is the local (Shanghai, UTC+8 all year) day the visit starts on.
    op.execute("UPDATE visits SET planned_for = date(starts_at, '+8 hours')")
    with op.batch_alter_table('visits', schema=None) as batch_op:
        batch_op.drop_index('ix_visits_starts_at')
        batch_op.create_index('ix_visits_planned_for', ['planned_for'], unique=False)
        for name in ('starts_at', 'ends_at', 'place', 'contact_ids', 'reason', 'sequence',
                     'met_contact_ids', 'next_step'):
            batch_op.drop_column(name)
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.drop_column('department')
