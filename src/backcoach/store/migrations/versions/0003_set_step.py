"""Sets remember the step of the guided session they finished.

A session resumed after a crash continues after the last step saved, even when the person
skipped an exercise or went back to repeat one (counting sets could not tell).

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-27
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("sets") as batch:
        batch.add_column(sa.Column("step", sa.Integer, nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("sets") as batch:
        batch.drop_column("step")
