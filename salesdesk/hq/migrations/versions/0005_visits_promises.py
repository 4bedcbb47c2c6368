# ruff: noqa  # an Alembic migration, written by hand
"""visits, their history, and promises as the domain states them; HQ departments

The same change as the laptop's 0004_visits_promises (the entity table, domain/entities.py):
rows already at HQ are converted, not dropped. A visit planned for a day starts at 09:00
Shanghai time (01:00 UTC) that day.

Revision ID: 0005_visits_promises
Revises: 0004_assignment_history
Create Date: 2026-12-03 08:00:00
"""
from alembic import op
import sqlalchemy as sa


revision = '0005_visits_promises'
down_revision = '0004_assignment_history'
branch_labels = None
depends_on = None


def _at_nine(column: str) -> str:
    if op.get_bind().dialect.name == 'postgresql':
        return f"({column} + time '01:00')"
    return f"({column} || ' 01:00:00.000000')"


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
    # Neither a day nor a visit: now, in UTC (PostgreSQL's CURRENT_TIMESTAMP is in the
    # session's time zone, and the column holds naive UTC).
    utc_now = (
        "(CURRENT_TIMESTAMP AT TIME ZONE 'UTC')"
        if op.get_bind().dialect.name == 'postgresql' else "CURRENT_TIMESTAMP"
    )
    op.execute(
        f"UPDATE visits SET starts_at = COALESCE({_at_nine('planned_for')}, visited_at,"
        f" {utc_now})"
    )
    with op.batch_alter_table('visits', schema=None) as batch_op:
        batch_op.alter_column('starts_at', existing_type=sa.DateTime(), nullable=False)
        batch_op.drop_column('planned_for')

    op.create_table('visit_events',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('visit_id', sa.Uuid(), nullable=False),
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.Column('at', sa.DateTime(), nullable=False),
    sa.Column('by_id', sa.Uuid(), nullable=True),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.Column('previous_starts_at', sa.DateTime(), nullable=True),
    sa.Column('previous_ends_at', sa.DateTime(), nullable=True),
    sa.Column('deleted_at', sa.DateTime(), nullable=True),
    sa.Column('stamps', sa.JSON(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_visit_events'))
    )
    op.create_index('ix_visit_events_visit_id', 'visit_events', ['visit_id'], unique=False)

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
    # HQ keeps no creation date: a promise already here was made on its due day at the latest.
    op.execute(
        "UPDATE promises SET made_on = due_date, due = due_date, closed_at = resolved_at,"
        " reason = resolution_note,"
        " description = CASE WHEN owner = '' THEN description"
        " ELSE description || ' (' || owner || ')' END"
    )
    with op.batch_alter_table('promises', schema=None) as batch_op:
        batch_op.alter_column('made_on', existing_type=sa.Date(), nullable=False)
        batch_op.alter_column('due', existing_type=sa.Date(), nullable=False)
        for name in ('due_date', 'owner', 'resolved_at', 'resolution_note'):
            batch_op.drop_column(name)


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
        for name in ('contact_id', 'made_on', 'due', 'department', 'closed_at', 'closed_by_id',
                     'reason'):
            batch_op.drop_column(name)
    with op.batch_alter_table('competitor_quotes', schema=None) as batch_op:
        batch_op.drop_column('currency')
    op.drop_index('ix_visit_events_visit_id', table_name='visit_events')
    op.drop_table('visit_events')
    with op.batch_alter_table('visits', schema=None) as batch_op:
        batch_op.add_column(sa.Column('planned_for', sa.Date(), nullable=True))
    # The plan's day is the local (Shanghai, UTC+8 all year) day the visit starts on.
    if op.get_bind().dialect.name == 'postgresql':
        op.execute("UPDATE visits SET planned_for = CAST(starts_at + interval '8 hours' AS DATE)")
    else:
        op.execute("UPDATE visits SET planned_for = date(starts_at, '+8 hours')")
    with op.batch_alter_table('visits', schema=None) as batch_op:
        for name in ('starts_at', 'ends_at', 'place', 'contact_ids', 'reason', 'sequence',
                     'met_contact_ids', 'next_step'):
            batch_op.drop_column(name)
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.drop_column('department')
