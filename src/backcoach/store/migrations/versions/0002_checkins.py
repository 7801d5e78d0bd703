"""Pain check-ins and the Patient-Specific Functional Scale.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-27
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "pain_checkins",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("user_id", sa.Integer, sa.ForeignKey("users.id", ondelete="CASCADE"),
                  nullable=False),
        sa.Column("at", sa.DateTime, nullable=False),
        sa.Column("pain", sa.Integer, nullable=False),
        sa.Column("note", sa.Text),
        sa.CheckConstraint("pain BETWEEN 0 AND 10", name="ck_pain_range"),
    )
    op.create_index("ix_pain_user_at", "pain_checkins", ["user_id", "at"])
    op.create_table(
        "psfs_activities",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("user_id", sa.Integer, sa.ForeignKey("users.id", ondelete="CASCADE"),
                  nullable=False),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("created_at", sa.DateTime, nullable=False),
        sa.UniqueConstraint("user_id", "name", name="uq_psfs_user_name"),
    )
    op.create_table(
        "psfs_ratings",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("activity_id", sa.Integer,
                  sa.ForeignKey("psfs_activities.id", ondelete="CASCADE"), nullable=False),
        sa.Column("date", sa.Date, nullable=False),
        sa.Column("score", sa.Integer, nullable=False),
        sa.CheckConstraint("score BETWEEN 0 AND 10", name="ck_psfs_score"),
    )
    op.create_index("ix_psfs_ratings_activity_date", "psfs_ratings", ["activity_id", "date"])


def downgrade() -> None:
    for table in ("psfs_ratings", "psfs_activities", "pain_checkins"):
        op.drop_table(table)
