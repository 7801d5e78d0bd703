"""Accounts for server mode: a login (email, role, argon2id hash) for a user.

Local mode has no accounts and its one user is untouched. A patient's account names the
clinician who follows them; disabling an account keeps its records.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "accounts",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("user_id", sa.Integer, sa.ForeignKey("users.id", ondelete="CASCADE"),
                  nullable=False, unique=True),
        sa.Column("email", sa.String(100), nullable=False, unique=True),
        sa.Column("role", sa.String(20), nullable=False),
        sa.Column("password_hash", sa.String(200), nullable=False),
        sa.Column("clinician_id", sa.Integer,
                  sa.ForeignKey("accounts.id", ondelete="SET NULL")),
        sa.Column("created_at", sa.DateTime, nullable=False),
        sa.Column("password_changed_at", sa.DateTime, nullable=False),
        sa.Column("disabled_at", sa.DateTime),
        sa.CheckConstraint("role IN ('clinician', 'patient')", name="ck_accounts_role"),
    )
    op.create_index("ix_accounts_clinician", "accounts", ["clinician_id"])


def downgrade() -> None:
    op.drop_index("ix_accounts_clinician", "accounts")
    op.drop_table("accounts")
