"""Reading and writing a person's records: the one place that talks to the tables.

Usage::

    store = Store.open()                 # the default SQLite file, upgraded if needed
    store.record_session(record, today=date.today())
    history = store.history()

Every write validates first and happens in one transaction, so a bad value or a crash
leaves the database as it was: nothing a person recorded is half-written or lost.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session, selectinload

from backcoach.catalog import Catalog
from backcoach.history import ExerciseDone, SessionRecord, SetDone
from backcoach.profile import Profile
from backcoach.store.db import database_url, make_engine, upgrade
from backcoach.store.tables import (
    Clearance,
    PainCheckin,
    PlanRecord,
    ProfileVersion,
    PsfsActivity,
    PsfsRating,
    SessionRow,
    SetRow,
    User,
)

LOCAL_USER = "local"
MAX_PSFS_ACTIVITIES = 5


class RecordError(ValueError):
    """A value to record is wrong; nothing was written. The message says what and how."""


@dataclass(frozen=True)
class StoredSession:
    """A session as stored, with its database id."""

    id: int
    record: SessionRecord


@dataclass(frozen=True)
class PainPoint:
    at: datetime
    pain: int
    note: str | None


@dataclass(frozen=True)
class PsfsScore:
    activity: str
    date: date
    score: int


def _now() -> datetime:
    return datetime.now().replace(microsecond=0)


class Store:
    """One person's records in one database (local mode: the default user)."""

    def __init__(self, engine: Engine, *, user: str = LOCAL_USER) -> None:
        self.engine = engine
        self.user_name = user
        self._user_id: int | None = None

    @classmethod
    def open(cls, url: str | None = None, *, user: str = LOCAL_USER) -> tuple[Store, list[str]]:
        """Return the store for ``url`` (default: SQLite in the data folder) and the schema
        revisions applied to bring it up to date (empty when it already was)."""
        engine = make_engine(database_url(url))
        applied = upgrade(engine)
        return cls(engine, user=user), applied

    @contextmanager
    def _tx(self) -> Iterator[Session]:
        with Session(self.engine, expire_on_commit=False) as session, session.begin():
            yield session

    @property
    def user_id(self) -> int:
        if self._user_id is None:
            with self._tx() as s:
                found = s.scalar(select(User.id).where(User.name == self.user_name))
                if found is None:
                    user = User(name=self.user_name, created_at=_now())
                    s.add(user)
                    s.flush()
                    found = user.id
            self._user_id = found
        return self._user_id

    # Profiles and clearance -------------------------------------------------------------

    def save_profile(self, profile: Profile, *, at: datetime | None = None) -> None:
        """Keep a new version of the person's answers; older versions stay."""
        with self._tx() as s:
            s.add(ProfileVersion(user_id=self.user_id, created_at=at or _now(),
                                 data=profile.model_dump(mode="json")))

    def profile(self) -> Profile | None:
        """Return the newest profile, or None before onboarding."""
        with self._tx() as s:
            data = s.scalar(select(ProfileVersion.data)
                            .where(ProfileVersion.user_id == self.user_id)
                            .order_by(ProfileVersion.created_at.desc(), ProfileVersion.id.desc())
                            .limit(1))
        return None if data is None else Profile.model_validate(data)

    def profile_versions(self) -> list[tuple[datetime, Profile]]:
        with self._tx() as s:
            rows = s.execute(select(ProfileVersion.created_at, ProfileVersion.data)
                             .where(ProfileVersion.user_id == self.user_id)
                             .order_by(ProfileVersion.created_at, ProfileVersion.id)).all()
        return [(at, Profile.model_validate(data)) for at, data in rows]

    def record_clearance(self, *, on: date, note: str | None, today: date) -> Profile:
        """Record a doctor's clearance and return the new profile version that carries it."""
        if on > today:
            raise RecordError(f"the clearance date {on} is in the future")
        current = self.profile()
        if current is None:
            raise RecordError("no profile yet: run 'backcoach onboard' first")
        updated = current.model_copy(update={"doctor_cleared": True})
        with self._tx() as s:
            s.add(Clearance(user_id=self.user_id, date=on, note=note, created_at=_now()))
            s.add(ProfileVersion(user_id=self.user_id, created_at=_now(),
                                 data=updated.model_dump(mode="json")))
        return updated

    def clearances(self) -> list[tuple[date, str | None]]:
        with self._tx() as s:
            rows = s.execute(select(Clearance.date, Clearance.note)
                             .where(Clearance.user_id == self.user_id)
                             .order_by(Clearance.date, Clearance.id)).all()
        return [(d, n) for d, n in rows]

    # Plans ------------------------------------------------------------------------------

    def save_plan(self, *, on: date, phase: str | None, data: dict[str, Any]) -> None:
        """Keep the plan given for a day (the latest one given that day wins)."""
        with self._tx() as s:
            row = s.scalar(select(PlanRecord).where(PlanRecord.user_id == self.user_id,
                                                    PlanRecord.date == on))
            if row is None:
                s.add(PlanRecord(user_id=self.user_id, date=on, phase=phase, data=data,
                                 created_at=_now()))
            else:
                row.phase, row.data, row.created_at = phase, data, _now()

    def plans(self) -> list[tuple[date, str | None, dict[str, Any]]]:
        with self._tx() as s:
            rows = s.execute(select(PlanRecord.date, PlanRecord.phase, PlanRecord.data)
                             .where(PlanRecord.user_id == self.user_id)
                             .order_by(PlanRecord.date)).all()
        return [(d, p, data) for d, p, data in rows]

    # Sessions ---------------------------------------------------------------------------

    def check_session(self, record: SessionRecord, *, catalog: Catalog, today: date) -> None:
        """Raise :class:`RecordError` if the session cannot be right; writes nothing."""
        if record.date > today:
            raise RecordError(f"the session date {record.date} is in the future (today is "
                              f"{today}); give the day it happened")
        if record.program is not None and record.program not in catalog.programs:
            raise RecordError(f"unknown program '{record.program}'"
                              + catalog.suggestion(record.program, catalog.programs))
        for done in record.exercises:
            ex = catalog.exercises.get(done.exercise)
            if ex is None:
                raise RecordError(f"unknown exercise '{done.exercise}'"
                                  + catalog.suggestion(done.exercise, catalog.exercises))
            if done.variant and done.variant not in {v.id for v in ex.variants}:
                raise RecordError(f"exercise '{ex.id}' has no variant '{done.variant}'")

    def record_session(self, record: SessionRecord, *, catalog: Catalog, today: date) -> int:
        """Validate and store a whole session with its sets in one transaction; return its id."""
        self.check_session(record, catalog=catalog, today=today)
        with self._tx() as s:
            row = SessionRow(
                user_id=self.user_id, date=record.date, phase=record.phase,
                program=record.program,
                status="completed" if record.completed else "stopped",
                stopped_reason=record.stopped_reason, pain_before=record.pain_before,
                pain_after=record.pain_after, effort=record.effort, notes=record.notes,
                created_at=_now(),
            )
            s.add(row)
            position = 0
            for item, done in enumerate(record.exercises):
                for one in done.sets:
                    row.sets.append(self._set_row(position, item, done, one))
                    position += 1
            s.flush()
            return row.id

    @staticmethod
    def _set_row(position: int, item: int, done: ExerciseDone, one: SetDone) -> SetRow:
        return SetRow(position=position, item=item, exercise=done.exercise,
                      variant=done.variant,
                      side=one.side, reps=one.reps, hold_seconds=one.hold_seconds,
                      minutes=one.minutes, skipped=done.skipped)

    def sessions(self, *, since: date | None = None) -> list[StoredSession]:
        """Return the finished sessions, oldest first, from ``since`` on if given."""
        query = (select(SessionRow)
                 .where(SessionRow.user_id == self.user_id,
                        SessionRow.status.in_(("completed", "stopped")))
                 .options(selectinload(SessionRow.sets))
                 .order_by(SessionRow.date, SessionRow.id))
        if since is not None:
            query = query.where(SessionRow.date >= since)
        with self._tx() as s:
            rows = s.scalars(query).all()
            return [StoredSession(row.id, _to_record(row)) for row in rows]

    def history(self, *, since: date | None = None) -> list[SessionRecord]:
        """Return the sessions as the planner reads them."""
        return [stored.record for stored in self.sessions(since=since)]

    def count_sessions(self) -> int:
        with self._tx() as s:
            return s.scalar(select(func.count()).select_from(SessionRow)
                            .where(SessionRow.user_id == self.user_id)) or 0

    # Check-ins ------------------------------------------------------------------------

    def add_pain(self, pain: int, *, at: datetime, note: str | None = None) -> None:
        if not 0 <= pain <= 10:
            raise RecordError(f"pain must be from 0 (none) to 10 (worst imaginable), not {pain}")
        if at > _now():
            raise RecordError(f"the check-in time {at} is in the future")
        with self._tx() as s:
            s.add(PainCheckin(user_id=self.user_id, at=at, pain=pain, note=note))

    def pain_checkins(self, *, since: date | None = None) -> list[PainPoint]:
        query = select(PainCheckin).where(PainCheckin.user_id == self.user_id)
        if since is not None:
            query = query.where(PainCheckin.at >= datetime.combine(since, datetime.min.time()))
        with self._tx() as s:
            rows = s.scalars(query.order_by(PainCheckin.at, PainCheckin.id)).all()
            return [PainPoint(r.at, r.pain, r.note) for r in rows]

    def rate_psfs(self, ratings: dict[str, int], *, on: date, today: date) -> None:
        """Rate activities (new names become new activities, up to five in all)."""
        if on > today:
            raise RecordError(f"the rating date {on} is in the future")
        for name, score in ratings.items():
            if not name.strip():
                raise RecordError("an activity needs a name, e.g. 'Tie my shoes'")
            if not 0 <= score <= 10:
                raise RecordError(f"'{name}': a rating is from 0 (unable) to 10 (as before), "
                                  f"not {score}")
        with self._tx() as s:
            known = {a.name: a for a in s.scalars(
                select(PsfsActivity).where(PsfsActivity.user_id == self.user_id))}
            new = [n for n in ratings if n.strip() not in known]
            if len(known) + len(new) > MAX_PSFS_ACTIVITIES:
                raise RecordError(f"the scale holds at most {MAX_PSFS_ACTIVITIES} activities; "
                                  f"you have {', '.join(known) or 'none'}")
            for name, score in ratings.items():
                activity = known.get(name.strip())
                if activity is None:
                    activity = PsfsActivity(user_id=self.user_id, name=name.strip(),
                                            created_at=_now())
                    s.add(activity)
                    s.flush()
                    known[activity.name] = activity
                s.add(PsfsRating(activity_id=activity.id, date=on, score=score))

    def psfs_activities(self) -> list[str]:
        with self._tx() as s:
            return list(s.scalars(select(PsfsActivity.name)
                                  .where(PsfsActivity.user_id == self.user_id)
                                  .order_by(PsfsActivity.id)))

    def psfs_scores(self) -> list[PsfsScore]:
        with self._tx() as s:
            rows = s.execute(select(PsfsActivity.name, PsfsRating.date, PsfsRating.score)
                             .join(PsfsRating, PsfsRating.activity_id == PsfsActivity.id)
                             .where(PsfsActivity.user_id == self.user_id)
                             .order_by(PsfsRating.date, PsfsRating.id)).all()
        return [PsfsScore(name, d, score) for name, d, score in rows]


def _to_record(row: SessionRow) -> SessionRecord:
    grouped: dict[int, list[SetRow]] = {}
    for one in row.sets:
        grouped.setdefault(one.item, []).append(one)
    exercises = [
        ExerciseDone(
            exercise=sets[0].exercise, variant=sets[0].variant, skipped=sets[0].skipped,
            sets=[SetDone(reps=one.reps, hold_seconds=one.hold_seconds, minutes=one.minutes,
                          side=one.side)
                  for one in sets],
        )
        for _, sets in sorted(grouped.items())
    ]
    return SessionRecord(
        date=row.date, phase=row.phase,
        program=row.program, completed=row.status == "completed",
        stopped_reason=row.stopped_reason,
        pain_before=row.pain_before, pain_after=row.pain_after, effort=row.effort,
        notes=row.notes, exercises=exercises,
    )
