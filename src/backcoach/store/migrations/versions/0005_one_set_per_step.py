"""A step of a guided session has one set: done again, the new set replaces the old.

Going back in the player and doing an exercise again used to save its steps a second
time, and progress and progression counted both. The sets already doubled keep the one
done last (the highest position), their sessions' doses are summed again without the
others, and a unique index keeps it so. Sets without a step (logged whole) are untouched.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-30
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

DOUBLED = """
SELECT DISTINCT session_id FROM sets
WHERE step IS NOT NULL
GROUP BY session_id, step
HAVING COUNT(*) > 1
"""
# Every set of a step but the one done last (the highest position; the later row if two
# share a position, as two saves at one moment could).
DROP_EARLIER = """
DELETE FROM sets
WHERE step IS NOT NULL AND EXISTS (
    SELECT 1 FROM sets AS later
    WHERE later.session_id = sets.session_id AND later.step = sets.step
      AND (later.position > sets.position
           OR (later.position = sets.position AND later.id > sets.id)))
"""
# As repository.refresh_doses computes it (a migration keeps its own copy: it must keep
# doing what it did when it was written).
_LEFT = "SUM(CASE WHEN side = 'left' THEN 1 ELSE 0 END)"
_RIGHT = "SUM(CASE WHEN side = 'right' THEN 1 ELSE 0 END)"
REFILL = f"""
INSERT INTO session_doses (session_id, item, exercise, sets, reps, hold_seconds, minutes)
SELECT session_id, item, exercise,
       COUNT(*) - CASE WHEN {_LEFT} < {_RIGHT} THEN {_LEFT} ELSE {_RIGHT} END,
       MAX(reps), MAX(hold_seconds), MAX(minutes)
FROM sets
WHERE NOT skipped AND session_id IN :sessions
GROUP BY session_id, item, exercise
"""
IDS_PER_QUERY = 5000  # under every driver's limit of bound parameters


def upgrade() -> None:
    conn = op.get_bind()
    touched = [row[0] for row in conn.execute(sa.text(DOUBLED))]
    conn.execute(sa.text(DROP_EARLIER))
    for start in range(0, len(touched), IDS_PER_QUERY):
        sessions = {"sessions": touched[start:start + IDS_PER_QUERY]}
        conn.execute(sa.text("DELETE FROM session_doses WHERE session_id IN :sessions")
                     .bindparams(sa.bindparam("sessions", expanding=True)), sessions)
        conn.execute(sa.text(REFILL).bindparams(sa.bindparam("sessions", expanding=True)),
                     sessions)
    op.create_index("uq_sets_session_step", "sets", ["session_id", "step"], unique=True)


def downgrade() -> None:
    op.drop_index("uq_sets_session_step", table_name="sets")
