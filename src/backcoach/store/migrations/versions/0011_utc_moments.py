"""Every moment is kept as UTC, and an account names its person's time zone.

A person's records (sessions, check-ins, profiles...) held this computer's local time
until now; the logins' rows were UTC already. The local times become UTC here, by this
computer's time zone rules (summer time too), the zone they were recorded in: the
process's zone (``TZ``) must be the one they were recorded in. On a computer whose zone is
UTC nothing changes. Going back turns them into local time again.

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-01
"""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None

# The columns that held local time; the rest (auth_sessions, api_tokens, invitations,
# password_resets, login_failures, audit_events, prescriptions) were UTC already.
LOCAL_COLUMNS = {
    "users": ("created_at",),
    "accounts": ("created_at", "password_changed_at", "disabled_at"),
    "profiles": ("created_at",),
    "clearances": ("created_at",),
    "plans": ("created_at",),
    "sessions": ("started_at", "finished_at", "created_at"),
    "pain_checkins": ("at",),
    "psfs_activities": ("created_at",),
    "request_keys": ("created_at",),
}
BATCH = 5000


def _to_utc(value: datetime) -> datetime:
    try:
        return value.astimezone(UTC).replace(tzinfo=None)  # naive: this computer's time
    except (OverflowError, OSError, ValueError):  # year 1 or 9999
        return value


def _to_local(value: datetime) -> datetime:
    try:
        return value.replace(tzinfo=UTC).astimezone().replace(tzinfo=None)
    except (OverflowError, OSError, ValueError):
        return value


def _local_is_utc() -> bool:
    return time.timezone == 0 and time.altzone == 0


def _convert(change: Callable[[datetime], datetime]) -> None:
    if _local_is_utc():
        return
    bind = op.get_bind()
    for name, columns in LOCAL_COLUMNS.items():
        table = sa.table(name, sa.column("id", sa.Integer),
                         *(sa.column(c, sa.DateTime) for c in columns))
        update = (table.update().where(table.c.id == sa.bindparam("row_id"))
                  .values({c: sa.bindparam(f"new_{c}", type_=sa.DateTime) for c in columns}))
        last = 0
        while True:
            rows = bind.execute(sa.select(table).where(table.c.id > last)
                                .order_by(table.c.id).limit(BATCH)).all()
            if not rows:
                break
            last = rows[-1].id
            changed = []
            for row in rows:
                values = {f"new_{c}": getattr(row, c) and change(getattr(row, c))
                          for c in columns}
                if any(values[f"new_{c}"] != getattr(row, c) for c in columns):
                    changed.append({"row_id": row.id, **values})
            if changed:
                bind.execute(update, changed)


def upgrade() -> None:
    with op.batch_alter_table("accounts") as batch:
        batch.add_column(sa.Column("time_zone", sa.String(64)))
    _convert(_to_utc)


def downgrade() -> None:
    _convert(_to_local)
    with op.batch_alter_table("accounts") as batch:
        batch.drop_column("time_zone")
