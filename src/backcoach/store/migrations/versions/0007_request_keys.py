"""Idempotency keys: a request sent twice with one key records once.

A phone that lost the answer to "save this set" or "log this session" sends it again; with
the same ``Idempotency-Key`` the second answers as the first did. Sixteen identical logs at
once used to store sixteen sessions.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "request_keys",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("user_id", sa.Integer, sa.ForeignKey("users.id", ondelete="CASCADE"),
                  nullable=False),
        sa.Column("key", sa.String(100), nullable=False),
        sa.Column("fingerprint", sa.String(64), nullable=False),
        sa.Column("session_id", sa.Integer, sa.ForeignKey("sessions.id", ondelete="CASCADE"),
                  nullable=False),
        sa.Column("step", sa.Integer),
        sa.Column("replaced", sa.Boolean),
        sa.Column("created_at", sa.DateTime, nullable=False),
        sa.UniqueConstraint("user_id", "key", name="uq_request_keys_user_key"),
    )


def downgrade() -> None:
    op.drop_table("request_keys")
