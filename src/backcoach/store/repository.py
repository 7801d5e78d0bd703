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
from functools import cache
from typing import TYPE_CHECKING, Any

from sqlalchemy import (
    Connection,
    Engine,
    Select,
    bindparam,
    case,
    delete,
    func,
    insert,
    select,
)
from sqlalchemy.exc import IntegrityError, OperationalError
from sqlalchemy.orm import Session, selectinload

from backcoach.clearance import Clearance as ClearanceRecord
from backcoach.errors import ConflictError, InvalidError
from backcoach.history import SessionRecord
from backcoach.i18n import _, ngettext
from backcoach.prescription import Prescription, PrescriptionRecord
from backcoach.profile import Profile
from backcoach.store.db import disk_problem, make_engine, upgrade, writing
from backcoach.store.records import Records, StoredSession
from backcoach.store.settings import LOCAL_USER, database_url
from backcoach.store.tables import (
    Clearance,
    PainCheckin,
    PlanRecord,
    PrescriptionRow,
    ProfileVersion,
    PsfsActivity,
    PsfsRating,
    RequestKey,
    SessionDose,
    SessionRow,
    SetRow,
    User,
)
from backcoach.timestamps import LOCAL, Zone, utc_now

if TYPE_CHECKING:
    from backcoach.catalog import Catalog
    from backcoach.progress import ProgressData
    from backcoach.store.progress_rows import ParamStyle
    from backcoach.store.request_keys import Request

MAX_PSFS_ACTIVITIES = 5
MAX_ID = 2**31 - 1  # ids are INTEGER: 32 bits on PostgreSQL


class RecordError(InvalidError):
    """A value to record is wrong; nothing was written. The message says what and how,
    ``field`` names it. (What clashes with the records is a :class:`ConflictError`.)"""


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


@contextmanager
def _disk_errors() -> Iterator[None]:
    """Say "the disk is full" for the database errors a full disk causes."""
    try:
        yield
    except OperationalError as exc:
        found = disk_problem(exc)
        if found is None:
            raise
        raise found from exc


def _in_zone(value: Any, zone: Zone) -> Any:
    """Return ``value`` (rows: dicts and lists of plain values) with every datetime in
    it aware, in ``zone`` (a naive one taken as that zone's wall clock)."""
    if isinstance(value, datetime):
        return zone.attach(value)
    if isinstance(value, dict):
        return {key: _in_zone(one, zone) for key, one in value.items()}
    if isinstance(value, list):
        return [_in_zone(one, zone) for one in value]
    return value


class Store:
    """One person's records in one database (local mode: the default user)."""

    def __init__(self, engine: Engine, *, user: str = LOCAL_USER,
                 user_id: int | None = None, zone: Zone = LOCAL) -> None:
        self.engine = engine
        self.user_name = user
        self._user_id: int | None = user_id  # known already for an account's store
        # The person's time zone: moments are kept as UTC and come back in it; a naive
        # one handed in is this zone's wall clock.
        self.zone = zone

    @classmethod
    def open(cls, url: str | None = None, *, user: str = LOCAL_USER) -> tuple[Store, list[str]]:
        """Return the store for ``url`` (default: SQLite in the data folder) and the schema
        revisions applied to bring it up to date (empty when it already was)."""
        engine = make_engine(database_url(url))
        try:
            applied = upgrade(engine)
        except BaseException:
            engine.dispose()  # refused (another program's tables...): close what opened
            raise
        return cls(engine, user=user), applied

    @contextmanager
    def _tx(self) -> Iterator[Session]:
        with _disk_errors(), Session(self.engine, expire_on_commit=False) as session, \
                session.begin():
            yield session

    @contextmanager
    def write(self) -> Iterator[Session]:
        """Return a transaction for writing this person's records: on SQLite, this
        process's writers take turns (see :func:`backcoach.store.db.writing`)."""
        user_id = self.user_id  # resolved first: it may write the person's row
        del user_id
        with self._write_tx() as session:
            yield session

    @contextmanager
    def _write_conn(self) -> Iterator[Connection]:
        """Return a Core connection in a write transaction (for the hottest writes: no
        ORM session to set up)."""
        user_id = self.user_id
        del user_id
        with _disk_errors(), writing(self.engine) as bind, bind.begin() as conn:
            yield conn

    @contextmanager
    def _write_tx(self) -> Iterator[Session]:
        with _disk_errors(), writing(self.engine) as bind, \
                Session(bind, expire_on_commit=False) as session, session.begin():
            yield session

    @contextmanager
    def _records(self, *, write: bool = False) -> Iterator[Records]:
        """Return the plain-SQL reads and writes of :mod:`backcoach.store.records` (which
        the read commands also run without SQLAlchemy) on this engine's driver connection,
        in one read transaction, or with ``write`` one write transaction."""
        user_id = self.user_id
        style: ParamStyle = "named" if self.engine.dialect.name == "sqlite" else "pyformat"
        if write:
            with self._write_conn() as conn:
                yield Records(conn.connection.driver_connection, user_id, style)
            return
        with _disk_errors(), self.engine.connect() as conn, conn.begin():
            yield Records(conn.connection.driver_connection, user_id, style)

    @property
    def user_id(self) -> int:
        if self._user_id is None:
            self._user_id = self._find_or_create_user()
        return self._user_id

    def _find_or_create_user(self) -> int:
        query = select(User.id).where(User.name == self.user_name)
        with self._tx() as s:
            found = s.scalar(query)
        if found is not None:
            return found
        try:
            with self._write_tx() as s:
                user = User(name=self.user_name, created_at=utc_now())
                s.add(user)
                s.flush()
                return user.id
        except IntegrityError:
            # Another process created the same user a moment ago: use that one.
            with self._tx() as s:
                created = s.scalar(query)
            if created is None:  # pragma: no cover - the clash was about something else
                raise
            return created

    # Profiles and clearance -------------------------------------------------------------

    def save_profile(self, profile: Profile, *, at: datetime | None = None) -> None:
        """Keep a new version of the person's answers; older versions stay."""
        with self.write() as s:
            s.add(ProfileVersion(user_id=self.user_id,
                                 created_at=self.zone.attach(at) if at else utc_now(),
                                 data=profile.model_dump(mode="json")))

    def profile(self) -> Profile | None:
        """Return the newest profile, or None before onboarding."""
        with self._records() as records:
            return records.profile()

    def profile_versions(self) -> list[tuple[datetime, Profile]]:
        with self._tx() as s:
            rows = s.execute(select(ProfileVersion.created_at, ProfileVersion.data)
                             .where(ProfileVersion.user_id == self.user_id)
                             .order_by(ProfileVersion.created_at, ProfileVersion.id)).all()
        return [(self.zone.attach(at), Profile.model_validate(data)) for at, data in rows]

    def record_clearance(self, clearance: ClearanceRecord, *, today: date) -> None:
        """Keep a doctor's clearance (its day, note and the findings it covers)."""
        if clearance.date > today:
            raise RecordError(_("the clearance date {date} is in the future").format(
                date=clearance.date), field="date")
        if not clearance.covers:
            raise ConflictError(_("nothing in your answers needs a doctor's clearance, so there "
                                  "is nothing to record"), field="profile")
        with self.write() as s:
            s.add(Clearance(user_id=self.user_id, date=clearance.date, note=clearance.note,
                            covers=list(clearance.covers), created_at=utc_now()))

    def clearances(self) -> list[ClearanceRecord]:
        """Return the doctor's clearances recorded, oldest first."""
        with self._records() as records:
            return records.clearances()

    # A clinician's prescriptions (server mode) --------------------------------------------

    def save_prescription(self, prescription: Prescription, *, author_id: int,
                          at: datetime) -> None:
        """Keep a clinician's new prescription; earlier ones are kept."""
        with self.write() as s:
            s.add(PrescriptionRow(user_id=self.user_id, author_id=author_id,
                                  at=self.zone.attach(at),
                                  data=prescription.model_dump(mode="json")))

    def prescriptions(self, *, newest_only: bool = False) -> list[PrescriptionRecord]:
        """Return the prescriptions written for this person, newest first."""
        from backcoach.store.tables import Account

        query = (select(PrescriptionRow.data, PrescriptionRow.at, Account.email)
                 .outerjoin(Account, PrescriptionRow.author_id == Account.id)
                 .where(PrescriptionRow.user_id == self.user_id)
                 .order_by(PrescriptionRow.at.desc(), PrescriptionRow.id.desc()))
        if newest_only:
            query = query.limit(1)
        with self._tx() as s:
            rows = s.execute(query).all()
        return [PrescriptionRecord(prescription=Prescription.model_validate(data), author=by,
                                   at=self.zone.attach(at)) for data, at, by in rows]

    def prescription(self) -> PrescriptionRecord | None:
        """Return the prescription in force (the newest), or None."""
        found = self.prescriptions(newest_only=True)
        return found[0] if found else None

    # Plans ------------------------------------------------------------------------------

    def save_plan(self, *, on: date, phase: str | None, data: dict[str, Any]) -> None:
        """Keep the plan given for a day (the latest one given that day wins)."""
        with self._records(write=True) as records:
            records.save_plan(on=on, phase=phase, data=data)

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
            raise RecordError(_("the session date {date} is in the future (today is {today}); "
                                "give the day it happened").format(date=record.date,
                                                                   today=today),
                              field="date")
        if record.program is not None and record.program not in catalog.programs:
            raise RecordError(_("unknown program '{program}'").format(program=record.program)
                              + catalog.suggestion(record.program, catalog.programs),
                              field="program")
        for done in record.exercises:
            ex = catalog.exercises.get(done.exercise)
            if ex is None:
                raise RecordError(_("unknown exercise '{exercise}'").format(exercise=done.exercise)
                                  + catalog.suggestion(done.exercise, catalog.exercises),
                                  field="exercises")
            if done.variant and done.variant not in {v.id for v in ex.variants}:
                raise RecordError(_("exercise '{exercise}' has no variant '{variant}'").format(
                    exercise=ex.id, variant=done.variant), field="exercises")

    def record_session(self, record: SessionRecord, *, catalog: Catalog, today: date,
                       request: Request | None = None) -> int:
        """Validate and store a whole session with its sets in one transaction; return its
        id. With ``request`` (an idempotency key), the same request again returns the id
        the first one stored and stores nothing."""
        from backcoach.store.request_keys import answered

        self.check_session(record, catalog=catalog, today=today)
        try:
            return self._record_session(record, request)
        except IntegrityError:
            if request is None:
                raise
            # The same request at the same moment (PostgreSQL): the other stored it first.
            with self._tx() as s:
                found = answered(s, self.user_id, request)
            if found is None:  # pragma: no cover - the clash was about something else
                raise
            return int(found.session_id)

    def _record_session(self, record: SessionRecord, request: Request | None) -> int:
        from backcoach.store.request_keys import answered, remember

        with self._write_conn() as conn:
            found = answered(conn, self.user_id, request)
            if found is not None:
                return int(found.session_id)
            # Core statements built once, not ORM objects: the same rows at a fraction
            # of the cost.
            session_id: int = conn.execute(_INSERT_SESSION, {
                "user_id": self.user_id, "date": record.date, "phase": record.phase,
                "program": record.program,
                "status": "completed" if record.completed else "stopped",
                "stopped_reason": record.stopped_reason, "pain_before": record.pain_before,
                "pain_after": record.pain_after, "effort": record.effort,
                "notes": record.notes, "created_at": utc_now()}).scalar_one()
            rows = [{"session_id": session_id, "position": position, "item": item,
                     "step": None, "exercise": done.exercise, "variant": done.variant,
                     "side": one.side, "reps": one.reps, "hold_seconds": one.hold_seconds,
                     "minutes": one.minutes, "skipped": done.skipped}
                    for position, (item, done, one) in enumerate(
                        (item, done, one) for item, done in enumerate(record.exercises)
                        for one in done.sets)]
            if rows:
                conn.execute(insert(SetRow), rows)
            refresh_doses(conn, [session_id])
            remember(conn, self.user_id, request, session_id=session_id)
            return session_id

    def sessions(self, *, since: date | None = None,
                 latest: int | None = None) -> list[StoredSession]:
        """Return the finished sessions, oldest first: from ``since`` on if given, only the
        ``latest`` ones if given (a page shows the newest without reading years of sets)."""
        with self._records() as records:
            return records.sessions(since=since, latest=latest)

    def session(self, session_id: int) -> StoredSession | None:
        """Return this person's finished session ``session_id``, or None."""
        if not 0 < session_id <= MAX_ID:  # no such row; and the driver would refuse it
            return None
        with self._records() as records:
            found = records.sessions(session_id=session_id)
        return found[0] if found else None

    def history(self, *, since: date | None = None) -> list[SessionRecord]:
        """Return the sessions as the planner reads them."""
        return [stored.record for stored in self.sessions(since=since)]

    def planning_history(self, today: date) -> list[SessionRecord]:
        """Return the sessions as the planner reads them for ``today``: every one, with
        sets only where the plan depends on them (see ``Records.planning_history``); the
        plan made from it is the plan made from :meth:`history`."""
        with self._records() as records:
            return records.planning_history(today)

    def count_sessions(self, *, finished: bool = False, since: date | None = None) -> int:
        """Return how many sessions there are: every one (running ones too), or only the
        finished ones that :meth:`sessions` lists; from ``since`` on if given."""
        with self._records() as records:
            return records.count_sessions(finished=finished, since=since)

    # Check-ins ------------------------------------------------------------------------

    def add_pain(self, pain: int, *, at: datetime, note: str | None = None) -> None:
        if not 0 <= pain <= 10:
            raise RecordError(_("pain must be from 0 (none) to 10 (worst imaginable), not "
                                "{pain}").format(pain=pain), field="pain")
        at = self.zone.attach(at)
        if at > utc_now():
            raise RecordError(_("the check-in time {at} is in the future").format(
                at=f"{at:%Y-%m-%d %H:%M}"), field="at")
        with self._write_conn() as conn:
            conn.execute(insert(PainCheckin), {"user_id": self.user_id, "at": at, "pain": pain,
                                               "note": note})

    def pain_checkins(self, *, since: date | None = None) -> list[PainPoint]:
        query = select(PainCheckin).where(PainCheckin.user_id == self.user_id)
        if since is not None:
            query = query.where(PainCheckin.at >= self.zone.attach(
                datetime.combine(since, datetime.min.time())))
        with self._tx() as s:
            rows = s.scalars(query.order_by(PainCheckin.at, PainCheckin.id)).all()
            return [PainPoint(self.zone.attach(r.at), r.pain, r.note) for r in rows]

    def rate_psfs(self, ratings: dict[str, int], *, on: date, today: date) -> None:
        """Rate activities (new names become new activities, up to five in all)."""
        if on > today:
            raise RecordError(_("the rating date {date} is in the future").format(date=on),
                              field="date")
        for name, score in ratings.items():
            if not name.strip():
                raise RecordError(_("an activity needs a name, e.g. 'Tie my shoes'"),
                                  field="ratings")
            if not 0 <= score <= 10:
                raise RecordError(_("'{name}': a rating is from 0 (unable) to 10 (as before), "
                                    "not {score}").format(name=name, score=score),
                                  field="ratings")
        with self.write() as s:
            known = {a.name: a for a in s.scalars(
                select(PsfsActivity).where(PsfsActivity.user_id == self.user_id))}
            new = [n for n in ratings if n.strip() not in known]
            if len(known) + len(new) > MAX_PSFS_ACTIVITIES:
                raise ConflictError(_("the scale holds at most {count} activities; you have "
                                      "{names}").format(count=MAX_PSFS_ACTIVITIES,
                                                        names=", ".join(known) or _("none")),
                                    field="ratings")
            for name, score in ratings.items():
                activity = known.get(name.strip())
                if activity is None:
                    activity = PsfsActivity(user_id=self.user_id, name=name.strip(),
                                            created_at=utc_now())
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

    # Progress ---------------------------------------------------------------------------

    def progress_data(self, *, since: date | None = None) -> ProgressData:
        """Return what :func:`backcoach.progress.compute_progress` reads, as plain rows.

        The statements of :mod:`backcoach.store.progress_rows` (doses from
        ``session_doses``, so no set is read), on this engine's driver connection. Reading
        creates no user row.
        """
        from backcoach.store.progress_rows import read

        sqlite = self.engine.dialect.name == "sqlite"
        with self.engine.connect() as conn:
            return read(conn.connection.driver_connection,
                        self.user_name if self._user_id is None else self._user_id,
                        since=since, style="named" if sqlite else "pyformat", zone=self.zone)

    # A user's whole record, for export and import (see store/backup.py) -----------------

    def record_counts(self) -> dict[str, int]:
        """Return how many rows of each kind this user has (profiles, sessions, sets...)."""
        with self._tx() as s:
            user_id = s.scalar(select(User.id).where(User.name == self.user_name))
            return _record_counts(s, user_id)

    def user_rows(self) -> dict[str, Any]:
        """Return everything this user recorded as plain values, without database ids.

        Keys: ``user`` ({name, created_at}), ``profiles``, ``clearances``, ``plans``,
        ``sessions`` (each with its ``sets``), ``pain_checkins``, ``psfs_activities`` (each
        with its ``ratings``); every row holds all its table's columns but the ids. Rows come
        in the order they were written, so :meth:`load_user_rows` keeps "newest wins" intact.
        """
        with self._tx() as s:
            user = s.scalar(select(User).where(User.name == self.user_name))
            if user is None:  # nothing recorded yet, not even the user row
                return {"user": {"name": self.user_name,
                                 "created_at": self.zone.attach(utc_now())},
                        **{key: [] for key in (*_USER_TABLES, "sessions", "psfs_activities")}}
            rows: dict[str, Any] = {"user": {"name": user.name, "created_at": user.created_at}}
            for key, table in _USER_TABLES.items():
                found = s.scalars(select(table).where(table.user_id == user.id)
                                  .order_by(table.id)).all()
                rows[key] = [_columns(row) for row in found]
            sessions = s.scalars(select(SessionRow).where(SessionRow.user_id == user.id)
                                 .options(selectinload(SessionRow.sets))
                                 .order_by(SessionRow.id)).all()
            rows["sessions"] = [
                {**_columns(row), "sets": [_columns(one) for one in
                                           sorted(row.sets, key=lambda x: (x.position, x.id))]}
                for row in sessions]
            activities = s.scalars(select(PsfsActivity).where(PsfsActivity.user_id == user.id)
                                   .order_by(PsfsActivity.id)).all()
            ratings: dict[int, list[dict[str, Any]]] = {a.id: [] for a in activities}
            for rating in s.scalars(select(PsfsRating)
                                    .where(PsfsRating.activity_id.in_(list(ratings)))
                                    .order_by(PsfsRating.id)):
                ratings[rating.activity_id].append(_columns(rating))
            rows["psfs_activities"] = [{**_columns(a), "ratings": ratings[a.id]}
                                       for a in activities]
        return dict(_in_zone(rows, self.zone))

    def load_user_rows(self, rows: dict[str, Any], *, replace: bool = False) -> None:
        """Write a user's whole record, shaped as :meth:`user_rows` returns it, in ONE
        transaction: if any row fails, nothing is written.

        Raises :class:`RecordError` when this user already has records, unless ``replace``:
        then those are deleted first, in the same transaction, so nothing is ever doubled.
        """
        from sqlalchemy.exc import DataError, IntegrityError

        rows = _in_zone(rows, self.zone)
        try:
            with self._write_tx() as s:
                user = s.scalar(select(User).where(User.name == self.user_name))
                if user is None:
                    user = User(name=self.user_name, created_at=rows["user"]["created_at"])
                    s.add(user)
                    s.flush()
                counts = _record_counts(s, user.id)
                if any(counts.values()):
                    if not replace:
                        raise ConflictError(_("'{name}' already has records ({counts}); "
                                              "import only into an empty database, or "
                                              "replace them").format(
                            name=self.user_name, counts=_describe_counts(counts)))
                    _delete_user_records(s, user.id)
                user.created_at = rows["user"]["created_at"]
                for key, table in _USER_TABLES.items():
                    s.add_all(table(user_id=user.id, **row) for row in rows[key])
                for one in rows["sessions"]:
                    session = SessionRow(user_id=user.id,
                                         **{k: v for k, v in one.items() if k != "sets"})
                    session.sets = [SetRow(**x) for x in one["sets"]]
                    s.add(session)
                for one in rows["psfs_activities"]:
                    activity = PsfsActivity(user_id=user.id, **{k: v for k, v in one.items()
                                                                if k != "ratings"})
                    s.add(activity)
                    s.flush()
                    s.add_all(PsfsRating(activity_id=activity.id, **r) for r in one["ratings"])
                s.flush()
                refresh_doses(s, select(SessionRow.id).where(SessionRow.user_id == user.id))
                user_id = user.id
        except (IntegrityError, DataError) as exc:
            first = str(exc.orig).strip().splitlines()[0] if exc.orig else str(exc)
            raise RecordError(_("the database refused a row ({error}); nothing was "
                                "written").format(error=first)) from exc
        self._user_id = user_id


# Tables whose rows hang directly off the user and have no children (sessions and PSFS
# activities, which do, are handled by name in user_rows and load_user_rows).
_USER_TABLES: dict[str, Any] = {
    "profiles": ProfileVersion,
    "clearances": Clearance,
    "plans": PlanRecord,
    "pain_checkins": PainCheckin,
}
_ID_COLUMNS = {"id", "user_id", "session_id", "activity_id"}


def _columns(row: Any) -> dict[str, Any]:
    return {c.key: getattr(row, c.key) for c in row.__table__.columns
            if c.key not in _ID_COLUMNS}


def _record_counts(s: Session, user_id: int | None) -> dict[str, int]:
    def count(query: Any) -> int:
        return int(s.scalar(query) or 0)

    sessions = select(SessionRow.id).where(SessionRow.user_id == user_id)
    activities = select(PsfsActivity.id).where(PsfsActivity.user_id == user_id)
    counts = {key: count(select(func.count()).select_from(table)
                         .where(table.user_id == user_id))
              for key, table in _USER_TABLES.items()}
    counts["sessions"] = count(select(func.count()).select_from(SessionRow)
                               .where(SessionRow.user_id == user_id))
    counts["sets"] = count(select(func.count()).select_from(SetRow)
                           .where(SetRow.session_id.in_(sessions)))
    counts["psfs_activities"] = count(select(func.count()).select_from(PsfsActivity)
                                      .where(PsfsActivity.user_id == user_id))
    counts["psfs_ratings"] = count(select(func.count()).select_from(PsfsRating)
                                   .where(PsfsRating.activity_id.in_(activities)))
    return counts


def _describe_counts(counts: dict[str, int]) -> str:
    """Return the records counted, each with its noun in the form its number takes."""
    def count(key: str, n: int) -> str:
        nouns = {
            "profiles": ngettext("profile version", "profile versions", n),
            "clearances": ngettext("clearance", "clearances", n),
            "plans": ngettext("plan", "plans", n),
            "pain_checkins": ngettext("pain check-in", "pain check-ins", n),
            "sessions": ngettext("session", "sessions", n),
            "sets": ngettext("set", "sets", n),
            "psfs_activities": ngettext("PSFS activity", "PSFS activities", n),
            "psfs_ratings": ngettext("PSFS rating", "PSFS ratings", n)}
        return f"{n} {nouns.get(key, key)}"

    return ", ".join(count(key, n) for key, n in counts.items() if n)


def _delete_user_records(s: Session, user_id: int) -> None:
    sessions = select(SessionRow.id).where(SessionRow.user_id == user_id)
    activities = select(PsfsActivity.id).where(PsfsActivity.user_id == user_id)
    s.execute(delete(RequestKey).where(RequestKey.user_id == user_id))
    s.execute(delete(SessionDose).where(SessionDose.session_id.in_(sessions)))
    s.execute(delete(SetRow).where(SetRow.session_id.in_(sessions)))
    s.execute(delete(PsfsRating).where(PsfsRating.activity_id.in_(activities)))
    for table in (SessionRow, PsfsActivity, *_USER_TABLES.values()):
        s.execute(delete(table).where(table.user_id == user_id))


def refresh_doses(s: Session | Connection, sessions: Select[Any] | list[int]) -> None:
    """Rewrite the ``session_doses`` rows of ``sessions`` from their sets, in the caller's
    transaction: call it wherever sets are written, so progress (which reads only
    ``session_doses``) sees every set. Sets = the sets done, a pair of sides counting once
    (count minus the smaller side); reps, hold and minutes = the most in one set.
    """
    if isinstance(sessions, list):
        # The statements are built once (building them cost more than running them, for
        # every set saved); the ids are bound.
        drop, fill = _dose_statements()
        conn = s.connection() if isinstance(s, Session) else s  # Core: no ORM bulk mode
        conn.execute(drop, {"ids": sessions})
        conn.execute(fill, {"ids": sessions})
        return
    drop_of, fill_of = _dose_statements_for(sessions)
    s.execute(drop_of)
    s.execute(fill_of)


def _dose_statements_for(sessions: Any) -> tuple[Any, Any]:
    left = func.sum(case((SetRow.side == "left", 1), else_=0))
    right = func.sum(case((SetRow.side == "right", 1), else_=0))
    drop = delete(SessionDose).where(SessionDose.session_id.in_(sessions))
    fill = insert(SessionDose).from_select(
        ["session_id", "item", "exercise", "sets", "reps", "hold_seconds", "minutes"],
        select(SetRow.session_id, SetRow.item, SetRow.exercise,
               func.count() - case((left < right, left), else_=right),
               func.max(SetRow.reps), func.max(SetRow.hold_seconds), func.max(SetRow.minutes))
        .where(SetRow.session_id.in_(sessions), SetRow.skipped.is_(False))
        .group_by(SetRow.session_id, SetRow.item, SetRow.exercise))
    return drop, fill


@cache
def _dose_statements() -> tuple[Any, Any]:
    return _dose_statements_for(bindparam("ids", expanding=True))


_INSERT_SESSION = insert(SessionRow).returning(SessionRow.id)
