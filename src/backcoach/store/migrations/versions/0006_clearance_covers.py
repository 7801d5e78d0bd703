"""A clearance says which findings it covers; the profile's sticky "doctor_cleared" goes.

Until now one boolean in the answers lifted every serious red flag and every reason to see
a doctor, forever. From here a clearance is a dated record listing the findings the doctor
saw (screening reason codes). Each existing clearance is given what the answers in force
when it was recorded held; answers that said "doctor_cleared" without a clearance record
(the web form's box) become a clearance dated at those answers; the boolean is removed
from every saved version of the answers.

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-30
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

# What a clearance could lift when this was written (backcoach.screening.clearable_findings
# as of this revision; a migration keeps its own copy: it must keep doing what it did).
_SERIOUS = ("cancer_history", "unexplained_weight_loss", "fever_or_chills",
            "weak_immune_system", "night_pain", "major_trauma", "minor_trauma_fragile_bones",
            "new_spine_deformity", "worsening_leg_nerve_signs", "pain_worse_or_changed")
_CONSULT_FLAGS = ("no_better_after_month",)
_CONSULT = ("pregnant", "recent_birth", "recent_injury", "chronic_spine_disease",
            "spine_flare", "hernia", "long_term_steroids")
_GATED = ("hernia", "osteoporosis", "recent_birth")  # conditions with "clearance" cautions

profiles = sa.table("profiles", sa.column("id", sa.Integer), sa.column("user_id", sa.Integer),
                    sa.column("created_at", sa.DateTime), sa.column("data", sa.JSON))
clearances = sa.table("clearances", sa.column("id", sa.Integer),
                      sa.column("user_id", sa.Integer), sa.column("date", sa.Date),
                      sa.column("note", sa.Text), sa.column("covers", sa.JSON),
                      sa.column("created_at", sa.DateTime))


def findings(data: dict[str, Any]) -> list[str]:
    """Return the reason codes a clearance recorded with these answers covers."""
    flags = data.get("red_flags") or {}
    codes = [f"red_flag.{f}" for f in _SERIOUS if flags.get(f)]
    if not data.get("pain_seen_by_doctor"):
        codes += [f"red_flag.{f}" for f in _CONSULT_FLAGS if flags.get(f)]
    codes += [f"condition.{f}" for f in _CONSULT if data.get(f)]
    if data.get("pain_spreads") == "below_knee":
        codes.append("pain_spreads.below_knee")
    age = data.get("age") or 35
    if data.get("pain_is_new") and data.get("pain_now", "none") != "none" \
            and not 20 <= age <= 50:
        codes.append("age.new_pain")
    codes += [f"condition.{f}" for f in _GATED if data.get(f) and f"condition.{f}" not in codes]
    return codes


def _in_force(versions: list[Any], at: datetime) -> Any:
    """Return the answers in force at ``at``: the newest saved by then, else the first."""
    before = [v for v in versions if v.created_at <= at]
    return before[-1] if before else versions[0]


def upgrade() -> None:
    with op.batch_alter_table("clearances") as batch:
        batch.add_column(sa.Column("covers", sa.JSON, nullable=True))
    conn = op.get_bind()
    by_user: dict[int, list[Any]] = {}
    for row in conn.execute(sa.select(profiles).order_by(profiles.c.created_at,
                                                         profiles.c.id)):
        by_user.setdefault(row.user_id, []).append(row)
    recorded: dict[int, list[Any]] = {}
    for row in conn.execute(sa.select(clearances).order_by(clearances.c.id)):
        recorded.setdefault(row.user_id, []).append(row)
        versions = by_user.get(row.user_id)
        covers = findings(_in_force(versions, row.created_at).data) if versions else []
        conn.execute(clearances.update().where(clearances.c.id == row.id)
                     .values(covers=covers))
    for user_id, versions in by_user.items():
        previous: Any = None
        for version in versions:
            cleared = bool(version.data.get("doctor_cleared"))
            starts = cleared and not (previous and previous.data.get("doctor_cleared"))
            since = previous.created_at if previous is not None else datetime.min
            if starts and not any(since <= c.created_at <= version.created_at
                                  for c in recorded.get(user_id, [])):
                day = version.created_at.date()
                conn.execute(clearances.insert().values(
                    user_id=user_id, date=day, created_at=version.created_at,
                    covers=findings(version.data),
                    note=f"From your answers of {day}, which said a doctor had seen them "
                    "(recorded before clearances were dated records)."))
            previous = version
        for version in versions:
            if "doctor_cleared" in version.data:
                data = {k: v for k, v in version.data.items() if k != "doctor_cleared"}
                conn.execute(profiles.update().where(profiles.c.id == version.id)
                             .values(data=data))
    with op.batch_alter_table("clearances") as batch:
        batch.alter_column("covers", existing_type=sa.JSON, nullable=False)


def downgrade() -> None:
    conn = op.get_bind()
    first: dict[int, datetime] = {}
    for row in conn.execute(sa.select(clearances.c.user_id, clearances.c.created_at)):
        if row.user_id not in first or row.created_at < first[row.user_id]:
            first[row.user_id] = row.created_at
    for row in conn.execute(sa.select(profiles)):
        since = first.get(row.user_id)
        data = {**row.data, "doctor_cleared": since is not None and since <= row.created_at}
        for field in ("long_term_steroids", "pain_seen_by_doctor"):
            data.pop(field, None)  # answers the older schema's profile does not know
        data["red_flags"] = {k: v for k, v in (data.get("red_flags") or {}).items()
                             if k != "pain_worse_or_changed"}
        conn.execute(profiles.update().where(profiles.c.id == row.id).values(data=data))
    with op.batch_alter_table("clearances") as batch:
        batch.drop_column("covers")
