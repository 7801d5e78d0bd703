"""The database schema: SQLAlchemy 2 tables for everything a person records.

Every row belongs to a user, so local mode (one default user) and a multi-user server share
one design. Every moment is kept as UTC (:class:`UtcDateTime`); days (``date`` columns)
are the person's own. Alembic migrations in ``migrations/versions`` build this schema; a test checks
that the migrated database and these models agree.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    CheckConstraint,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship
from sqlalchemy.types import TypeDecorator

from backcoach.timestamps import to_column


class UtcDateTime(TypeDecorator[datetime]):
    """A moment, kept as naive UTC (``timestamp without time zone`` on PostgreSQL, text
    on SQLite, as SQLAlchemy's DateTime): written from an aware datetime only (a naive
    one would be ambiguous: whose wall clock?), read back aware, in UTC. A person's zone
    is the store's business (:class:`backcoach.timestamps.Zone`)."""

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        return None if value is None else to_column(value)

    def process_result_value(self, value: datetime | None,
                             dialect: Dialect) -> datetime | None:
        return None if value is None else value.replace(tzinfo=UTC)


class Base(DeclarativeBase):
    pass


class User(Base):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)


class Account(Base):
    """Server mode: the login of a user (local mode has none). Its records are the user's,
    as in local mode; ``clinician_id`` is the clinician who follows a patient."""

    __tablename__ = "accounts"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"),
                                         unique=True)
    email: Mapped[str] = mapped_column(String(100), unique=True)
    role: Mapped[str] = mapped_column(String(20))
    password_hash: Mapped[str] = mapped_column(String(200))
    clinician_id: Mapped[int | None] = mapped_column(
        ForeignKey("accounts.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    password_changed_at: Mapped[datetime] = mapped_column(UtcDateTime)
    disabled_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    language: Mapped[str | None] = mapped_column(String(8))  # chosen with the switch
    # The IANA name of the person's time zone (their "today"); None: the server's.
    time_zone: Mapped[str | None] = mapped_column(String(64))

    __table_args__ = (
        CheckConstraint("role IN ('clinician', 'patient')", name="ck_accounts_role"),
        Index("ix_accounts_clinician", "clinician_id"),
    )


class AuthSession(Base):
    """A login in a browser: the cookie holds a random token, the row only its SHA-256.
    Times are UTC."""

    __tablename__ = "auth_sessions"

    id: Mapped[int] = mapped_column(primary_key=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("accounts.id", ondelete="CASCADE"))
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    expires_at: Mapped[datetime] = mapped_column(UtcDateTime)

    __table_args__ = (Index("ix_auth_sessions_account", "account_id"),)


class ApiToken(Base):
    """A personal token for an API client (``Authorization: Bearer``), revocable; the row
    keeps only its SHA-256. Times are UTC."""

    __tablename__ = "api_tokens"

    id: Mapped[int] = mapped_column(primary_key=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("accounts.id", ondelete="CASCADE"))
    name: Mapped[str] = mapped_column(String(100))
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    last_used_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    revoked_at: Mapped[datetime | None] = mapped_column(UtcDateTime)

    __table_args__ = (Index("ix_api_tokens_account", "account_id"),)


class Invitation(Base):
    """A clinician's one-time code for a patient to register with; the row keeps only its
    SHA-256. Times are UTC."""

    __tablename__ = "invitations"

    id: Mapped[int] = mapped_column(primary_key=True)
    clinician_id: Mapped[int] = mapped_column(ForeignKey("accounts.id", ondelete="CASCADE"))
    code_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    expires_at: Mapped[datetime] = mapped_column(UtcDateTime)
    used_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    used_by: Mapped[int | None] = mapped_column(ForeignKey("accounts.id", ondelete="SET NULL"))


class PasswordReset(Base):
    """A one-time code a clinician made for one of their patients to choose a new
    password; the row keeps only its SHA-256. Times are UTC."""

    __tablename__ = "password_resets"

    id: Mapped[int] = mapped_column(primary_key=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("accounts.id", ondelete="CASCADE"),
                                            index=True)
    created_by: Mapped[int | None] = mapped_column(ForeignKey("accounts.id",
                                                              ondelete="SET NULL"))
    code_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    expires_at: Mapped[datetime] = mapped_column(UtcDateTime)
    used_at: Mapped[datetime | None] = mapped_column(UtcDateTime)


class LoginFailure(Base):
    """A refused login, counted per account and per address to slow guessing down; rows
    older than the throttle's window are removed as new ones come. Times are UTC."""

    __tablename__ = "login_failures"

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(120))  # "email:..." or "address:..."
    at: Mapped[datetime] = mapped_column(UtcDateTime)

    __table_args__ = (Index("ix_login_failures_key_at", "key", "at"),)


class AuditEvent(Base):
    """Who read or changed which patient's records, and when (UTC): a clinician reads the
    log of their own patients."""

    __tablename__ = "audit_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    actor_id: Mapped[int | None] = mapped_column(
        ForeignKey("accounts.id", ondelete="SET NULL"))
    patient_id: Mapped[int] = mapped_column(ForeignKey("accounts.id", ondelete="CASCADE"))
    action: Mapped[str] = mapped_column(String(40))
    at: Mapped[datetime] = mapped_column(UtcDateTime)

    __table_args__ = (Index("ix_audit_events_patient_at", "patient_id", "at"),)


class PrescriptionRow(Base):
    """A clinician's prescription for a patient (backcoach.prescription), each change kept;
    the newest is in force. ``at`` is UTC."""

    __tablename__ = "prescriptions"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    author_id: Mapped[int | None] = mapped_column(
        ForeignKey("accounts.id", ondelete="SET NULL"))
    at: Mapped[datetime] = mapped_column(UtcDateTime)
    data: Mapped[dict[str, Any]] = mapped_column(JSON)

    __table_args__ = (Index("ix_prescriptions_user", "user_id"),)


class ProfileVersion(Base):
    """One version of a person's answers; the newest is the one in force."""

    __tablename__ = "profiles"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    data: Mapped[dict[str, Any]] = mapped_column(JSON)

    __table_args__ = (Index("ix_profiles_user_created", "user_id", "created_at"),)


class Clearance(Base):
    """A doctor's clearance to exercise, as the person recorded it: the day, and exactly
    which findings it covers (screening reason codes, see backcoach.clearance)."""

    __tablename__ = "clearances"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    date: Mapped[date] = mapped_column(Date)
    note: Mapped[str | None] = mapped_column(Text)
    covers: Mapped[list[str]] = mapped_column(JSON, default=list)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)


class PlanRecord(Base):
    """The plan given for a day, kept so adherence can compare done with planned."""

    __tablename__ = "plans"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    date: Mapped[date] = mapped_column(Date)
    phase: Mapped[str | None] = mapped_column(String(20))
    data: Mapped[dict[str, Any]] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)

    __table_args__ = (UniqueConstraint("user_id", "date", name="uq_plans_user_date"),)


class SessionRow(Base):
    """One exercise session: planned, started, completed or stopped (and why)."""

    __tablename__ = "sessions"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    date: Mapped[date] = mapped_column(Date)
    phase: Mapped[str] = mapped_column(String(20))
    program: Mapped[str | None] = mapped_column(String(60))
    status: Mapped[str] = mapped_column(String(12))
    stopped_reason: Mapped[str | None] = mapped_column(String(12))
    pain_before: Mapped[int | None] = mapped_column(Integer)
    pain_after: Mapped[int | None] = mapped_column(Integer)
    effort: Mapped[int | None] = mapped_column(Integer)
    notes: Mapped[str | None] = mapped_column(Text)
    started_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    finished_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)

    sets: Mapped[list[SetRow]] = relationship(
        back_populates="session", cascade="all, delete-orphan", order_by="SetRow.position"
    )

    __table_args__ = (
        Index("ix_sessions_user_date", "user_id", "date"),
        CheckConstraint("status IN ('planned', 'started', 'completed', 'stopped')",
                        name="ck_sessions_status"),
        CheckConstraint("pain_before BETWEEN 0 AND 10", name="ck_sessions_pain_before"),
        CheckConstraint("pain_after BETWEEN 0 AND 10", name="ck_sessions_pain_after"),
        CheckConstraint("effort BETWEEN 0 AND 10", name="ck_sessions_effort"),
    )


class SetRow(Base):
    """One set as performed: reps done, seconds held or minutes, on which side."""

    __tablename__ = "sets"

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(ForeignKey("sessions.id", ondelete="CASCADE"))
    position: Mapped[int] = mapped_column(Integer)
    item: Mapped[int] = mapped_column(Integer)  # which exercise of the session, in order
    step: Mapped[int | None] = mapped_column(Integer)  # the guided session's step, if any
    exercise: Mapped[str] = mapped_column(String(60))
    variant: Mapped[str | None] = mapped_column(String(60))
    side: Mapped[str] = mapped_column(String(5))
    reps: Mapped[int | None] = mapped_column(Integer)
    hold_seconds: Mapped[float | None] = mapped_column(Float)
    minutes: Mapped[float | None] = mapped_column(Float)
    skipped: Mapped[bool] = mapped_column(default=False)

    session: Mapped[SessionRow] = relationship(back_populates="sets")

    __table_args__ = (
        Index("ix_sets_session", "session_id"),
        # A step of the guided session has one set: done again, it replaces the old one
        # (live.record_set). Sets logged whole have no step, as many as they are.
        Index("uq_sets_session_step", "session_id", "step", unique=True),
        CheckConstraint("reps >= 0", name="ck_sets_reps"),
        CheckConstraint("hold_seconds >= 0", name="ck_sets_hold"),
        CheckConstraint("minutes >= 0", name="ck_sets_minutes"),
    )


class SessionDose(Base):
    """What one exercise of a session came to: derived from its sets whenever they are
    saved (``repository.refresh_doses``), so progress reads one row per exercise instead
    of every set. Sets: a set done on each side counts once; skipped sets do not count.
    """

    __tablename__ = "session_doses"

    session_id: Mapped[int] = mapped_column(
        ForeignKey("sessions.id", ondelete="CASCADE"), primary_key=True)
    item: Mapped[int] = mapped_column(Integer, primary_key=True)
    exercise: Mapped[str] = mapped_column(String(60), primary_key=True)
    sets: Mapped[int] = mapped_column(Integer)
    reps: Mapped[int | None] = mapped_column(Integer)  # the most in one set
    hold_seconds: Mapped[float | None] = mapped_column(Float)  # the longest
    minutes: Mapped[float | None] = mapped_column(Float)  # the longest


class PainCheckin(Base):
    """A quick pain check-in outside a session (0-10)."""

    __tablename__ = "pain_checkins"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    at: Mapped[datetime] = mapped_column(UtcDateTime)
    pain: Mapped[int] = mapped_column(Integer)
    note: Mapped[str | None] = mapped_column(Text)

    __table_args__ = (
        Index("ix_pain_user_at", "user_id", "at"),
        CheckConstraint("pain BETWEEN 0 AND 10", name="ck_pain_range"),
    )


class PsfsActivity(Base):
    """An activity the back makes hard, named by the person (up to five active)."""

    __tablename__ = "psfs_activities"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    name: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)

    __table_args__ = (UniqueConstraint("user_id", "name", name="uq_psfs_user_name"),)


class PsfsRating(Base):
    """One rating of one activity, 0 (unable) to 10 (as before the problem)."""

    __tablename__ = "psfs_ratings"

    id: Mapped[int] = mapped_column(primary_key=True)
    activity_id: Mapped[int] = mapped_column(
        ForeignKey("psfs_activities.id", ondelete="CASCADE"))
    date: Mapped[date] = mapped_column(Date)
    score: Mapped[int] = mapped_column(Integer)

    __table_args__ = (
        Index("ix_psfs_ratings_activity_date", "activity_id", "date"),
        CheckConstraint("score BETWEEN 0 AND 10", name="ck_psfs_score"),
    )


class RequestKey(Base):
    """A client's ``Idempotency-Key`` and what its request recorded, so the same request
    sent again (a retry after a lost answer, a double tap) answers as the first did instead
    of recording a second session or set. ``fingerprint`` tells the same request from
    another that reuses the key."""

    __tablename__ = "request_keys"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    key: Mapped[str] = mapped_column(String(100))
    fingerprint: Mapped[str] = mapped_column(String(64))
    session_id: Mapped[int] = mapped_column(ForeignKey("sessions.id", ondelete="CASCADE"))
    step: Mapped[int | None] = mapped_column(Integer)
    replaced: Mapped[bool | None] = mapped_column()
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)

    __table_args__ = (UniqueConstraint("user_id", "key", name="uq_request_keys_user_key"),)
