"""Users, profiles, clearances, plans, sessions and sets.

Revision ID: 0001
Revises:
Create Date: 2026-11-27
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "users",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("name", sa.String(100), nullable=False, unique=True),
        sa.Column("created_at", sa.DateTime, nullable=False),
    )
    op.create_table(
        "profiles",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("user_id", sa.Integer, sa.ForeignKey("users.id", ondelete="CASCADE"),
                  nullable=False),
        sa.Column("created_at", sa.DateTime, nullable=False),
        sa.Column("data", sa.JSON, nullable=False),
    )
    op.create_index("ix_profiles_user_created", "profiles", ["user_id", "created_at"])
    op.create_table(
        "clearances",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("user_id", sa.Integer, sa.ForeignKey("users.id", ondelete="CASCADE"),
                  nullable=False),
        sa.Column("date", sa.Date, nullable=False),
        sa.Column("note", sa.Text),
        sa.Column("created_at", sa.DateTime, nullable=False),
    )
    op.create_table(
        "plans",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("user_id", sa.Integer, sa.ForeignKey("users.id", ondelete="CASCADE"),
                  nullable=False),
        sa.Column("date", sa.Date, nullable=False),
        sa.Column("phase", sa.String(20)),
        sa.Column("data", sa.JSON, nullable=False),
        sa.Column("created_at", sa.DateTime, nullable=False),
        sa.UniqueConstraint("user_id", "date", name="uq_plans_user_date"),
    )
    op.create_table(
        "sessions",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("user_id", sa.Integer, sa.ForeignKey("users.id", ondelete="CASCADE"),
                  nullable=False),
        sa.Column("date", sa.Date, nullable=False),
        sa.Column("phase", sa.String(20), nullable=False),
        sa.Column("program", sa.String(60)),
        sa.Column("status", sa.String(12), nullable=False),
        sa.Column("stopped_reason", sa.String(12)),
        sa.Column("pain_before", sa.Integer),
        sa.Column("pain_after", sa.Integer),
        sa.Column("effort", sa.Integer),
        sa.Column("notes", sa.Text),
        sa.Column("started_at", sa.DateTime),
        sa.Column("finished_at", sa.DateTime),
        sa.Column("created_at", sa.DateTime, nullable=False),
        sa.CheckConstraint("status IN ('planned', 'started', 'completed', 'stopped')",
                           name="ck_sessions_status"),
        sa.CheckConstraint("pain_before BETWEEN 0 AND 10", name="ck_sessions_pain_before"),
        sa.CheckConstraint("pain_after BETWEEN 0 AND 10", name="ck_sessions_pain_after"),
        sa.CheckConstraint("effort BETWEEN 0 AND 10", name="ck_sessions_effort"),
    )
    op.create_index("ix_sessions_user_date", "sessions", ["user_id", "date"])
    op.create_table(
        "sets",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("session_id", sa.Integer, sa.ForeignKey("sessions.id", ondelete="CASCADE"),
                  nullable=False),
        sa.Column("position", sa.Integer, nullable=False),
        sa.Column("item", sa.Integer, nullable=False),
        sa.Column("exercise", sa.String(60), nullable=False),
        sa.Column("variant", sa.String(60)),
        sa.Column("side", sa.String(5), nullable=False),
        sa.Column("reps", sa.Integer),
        sa.Column("hold_seconds", sa.Float),
        sa.Column("minutes", sa.Float),
        sa.Column("skipped", sa.Boolean, nullable=False),
        sa.CheckConstraint("reps >= 0", name="ck_sets_reps"),
        sa.CheckConstraint("hold_seconds >= 0", name="ck_sets_hold"),
        sa.CheckConstraint("minutes >= 0", name="ck_sets_minutes"),
    )
    op.create_index("ix_sets_session", "sets", ["session_id"])


def downgrade() -> None:
    for table in ("sets", "sessions", "plans", "clearances", "profiles", "users"):
        op.drop_table(table)
