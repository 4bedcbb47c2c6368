# ruff: noqa  # an Alembic migration, written by hand
"""visit drafts of unplanned visits: no foreign key from visit_drafts to visits

A visit recorded without a plan has no ``visits`` row until its outcome is recorded; the
outcome typed until then is kept under the id the visit will get, so ``visit_drafts`` may
name a visit that does not exist yet. Drafts never sync; nothing else changes.

Revision ID: 0005_unplanned_visit_drafts
Revises: 0004_visits_promises
Create Date: 2026-12-03 08:10:00
"""
from alembic import op


revision = '0005_unplanned_visit_drafts'
down_revision = '0004_visits_promises'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('visit_drafts', schema=None) as batch_op:
        batch_op.drop_constraint('fk_visit_drafts_visit_id_visits', type_='foreignkey')


def downgrade() -> None:
    # Drafts of visits not yet recorded cannot keep a key to a visit that does not exist.
    op.execute("DELETE FROM visit_drafts WHERE visit_id NOT IN (SELECT id FROM visits)")
    with op.batch_alter_table('visit_drafts', schema=None) as batch_op:
        batch_op.create_foreign_key(
            'fk_visit_drafts_visit_id_visits', 'visits', ['visit_id'], ['id']
        )
