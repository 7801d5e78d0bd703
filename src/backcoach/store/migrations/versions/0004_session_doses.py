"""Each session's dose per exercise, kept beside its sets, so progress reads a row per
exercise instead of every set (five years of daily sessions: 7,800 rows, not 15,000 sets
grouped on every look).

Filled here from the sets already saved; from now on written with every set.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-27
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

# As repository.refresh_doses computes it (a migration keeps its own copy: it must keep
# doing what it did when it was written).
_LEFT = "SUM(CASE WHEN side = 'left' THEN 1 ELSE 0 END)"
_RIGHT = "SUM(CASE WHEN side = 'right' THEN 1 ELSE 0 END)"
BACKFILL = f"""
INSERT INTO session_doses (session_id, item, exercise, sets, reps, hold_seconds, minutes)
SELECT session_id, item, exercise,
       COUNT(*) - CASE WHEN {_LEFT} < {_RIGHT} THEN {_LEFT} ELSE {_RIGHT} END,
       MAX(reps), MAX(hold_seconds), MAX(minutes)
FROM sets
WHERE NOT skipped
GROUP BY session_id, item, exercise
"""


def upgrade() -> None:
    op.create_table(
        "session_doses",
        sa.Column("session_id", sa.Integer, sa.ForeignKey("sessions.id", ondelete="CASCADE"),
                  primary_key=True),
        sa.Column("item", sa.Integer, primary_key=True),
        sa.Column("exercise", sa.String(60), primary_key=True),
        sa.Column("sets", sa.Integer, nullable=False),
        sa.Column("reps", sa.Integer),
        sa.Column("hold_seconds", sa.Float),
        sa.Column("minutes", sa.Float),
    )
    op.execute(BACKFILL)


def downgrade() -> None:
    op.drop_table("session_doses")
