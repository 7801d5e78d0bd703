"""What a person asks of backcoach, one call each, for the command line and the web alike.

Each use case takes the store and the catalog as arguments. A store belongs to one person
(``Store.open(url, user=...)``), so passing the store is passing the user: nothing here reads
a global "current user". Each call reads the person's whole record from the store (answers,
clearances, sessions), so no front end rebuilds "profile -> screening -> plan" on its own and
none can forget a part of the record::

    plan = coach.plan(store, catalog, date.today())
    started = coach.start_session(store, catalog, plan, now=datetime.now(), pain_before=2)
    coach.record_set(store, started.session_id, started.timeline.steps[1])
    coach.finish_session(store, started.session_id, stopped_reason=None, pain_after=1,
                         effort=4, now=datetime.now())

Every refusal is a :class:`~backcoach.errors.BackcoachError` naming its field.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING

from backcoach import limits
from backcoach.clearance import Clearance
from backcoach.errors import ConflictError, NotFoundError
from backcoach.history import SessionRecord, SetDone, StopReason
from backcoach.i18n import _
from backcoach.planner import Plan, make_plan
from backcoach.player import Step, Timeline, build_timeline, set_problems
from backcoach.profile import Profile
from backcoach.progress import Progress, progress_of
from backcoach.screening import Screening, clearable_findings, screen

if TYPE_CHECKING:
    from backcoach.catalog import Catalog
    from backcoach.store import Store, StoredSession
    from backcoach.store.live import LiveSessions, Unfinished
    from backcoach.store.request_keys import Request

NO_PROFILE = "no profile yet: answer the questions about your back first"


class NoProfileError(NotFoundError):
    """The person has not answered the questions yet, so nothing can be planned."""

    def __init__(self) -> None:
        super().__init__(_("no profile yet: answer the questions about your back first"),
                         field="profile")


def _need(store: Store | None) -> Store:
    if store is None:
        raise ValueError("no store given, and a part of the record was not given either")
    return store


def profile(store: Store) -> Profile:
    """Return the person's newest answers; raises :class:`NoProfileError`."""
    found = store.profile()
    if found is None:
        raise NoProfileError()
    return found


def screening(store: Store | None, catalog: Catalog, today: date, *,
              answers: Profile | None = None,
              clearances: list[Clearance] | None = None) -> Screening:
    """Return the screening of the person's answers with their clearances; ``answers`` and
    ``clearances`` replace the stored ones when given (then ``store`` may be None)."""
    person = answers if answers is not None else profile(_need(store))
    given = clearances if clearances is not None else _need(store).clearances()
    return screen(person, catalog, given, today=today)


def plan(store: Store | None, catalog: Catalog, day: date, *, program: str | None = None,
         again: bool = False, answers: Profile | None = None,
         clearances: list[Clearance] | None = None,
         history: list[SessionRecord] | None = None) -> Plan:
    """Return the plan for ``day`` from the person's record; ``answers``, ``clearances`` and
    ``history`` replace the stored ones when given (files, in the command line; with all
    three ``store`` may be None).

    Raises :class:`NoProfileError`, :class:`~backcoach.planner.PlanError` or
    :class:`~backcoach.catalog.UnknownIdError`.
    """
    person = answers if answers is not None else profile(_need(store))
    return make_plan(person,
                     history if history is not None else _need(store).planning_history(day), day,
                     catalog, program=program, again=again,
                     clearances=clearances if clearances is not None
                     else _need(store).clearances(),
                     prescription=store.prescription() if store is not None else None)


def record_clearance(store: Store, catalog: Catalog, *, on: date, note: str | None,
                     today: date) -> Clearance:
    """Record that a doctor has seen the person's answers as they stand, and return the
    clearance: dated ``on``, covering every finding in the answers that a clearance can
    lift. Raises :class:`NoProfileError`, or :class:`InvalidError` naming ``date`` (years
    away) or :class:`~backcoach.store.RecordError` (in the future; with code "conflict":
    nothing in the answers needs a clearance)."""
    person = profile(store)
    limits.check_window(on, today)
    covers = clearable_findings(person, catalog)
    clearance = Clearance(date=on, note=note or None, covers=covers)
    store.record_clearance(clearance, today=today)
    return clearance


def calendar(store: Store, catalog: Catalog, *, start: date, weeks: int,
             today: date) -> list[Plan]:
    """Return the plans of the training days from ``start`` for ``weeks`` weeks; raises
    :class:`NoProfileError`, or :class:`ConflictError` saying why no day can be planned."""
    from backcoach.calendar_ics import training_plans

    limits.check_window(start, today, "start")
    person, clearances = profile(store), store.clearances()
    plans = training_plans(person, store.history(), start, weeks=weeks, catalog=catalog,
                           clearances=clearances)
    if not plans:
        verdict = screen(person, catalog, clearances, today=start)
        raise ConflictError(_("no training days to put in a calendar: {reason}").format(
            reason=verdict.headline), field="profile")
    return plans


# Sessions, live and logged ----------------------------------------------------------------

@dataclass(frozen=True)
class Running:
    """A session that was started and not finished: its steps and where to (re)start."""

    session_id: int
    date: date
    phase: str
    program: str | None
    started_at: datetime | None
    timeline: Timeline
    sets_saved: int
    resume_at: int  # the index of the step to start (or resume) at


def running(store: Store, catalog: Catalog) -> Running | None:
    """Return the session left running, to resume, or None."""
    from backcoach.store.live import LiveSessions, resume_step

    found = LiveSessions(store).unfinished()
    if found is None:
        return None
    timeline = build_timeline(found.items, catalog)
    return Running(found.session_id, found.date, found.phase, found.program, found.started_at,
                   timeline, found.sets_saved,
                   resume_step(timeline.steps, found.sets_saved, found.last_step))


def _running(store: Store, session_id: int) -> Unfinished:
    """Return running session ``session_id``; raises :class:`NotFoundError` (no such
    session) or :class:`ConflictError` (it is finished)."""
    from backcoach.store.live import LiveSessions

    found = LiveSessions(store).unfinished()
    if found is None or found.session_id != session_id:
        kind = ConflictError if store.session(session_id) is not None else NotFoundError
        raise kind(_("session {session_id} is not running").format(session_id=session_id),
                   field="session_id")
    return found


def timeline_of(store: Store, catalog: Catalog, session_id: int) -> Timeline:
    """Return the steps of running session ``session_id``; raises as :func:`_running`."""
    return build_timeline(_running(store, session_id).items, catalog)


def start_session(store: Store, catalog: Catalog, plan: Plan, *, now: datetime,
                  pain_before: int | None = None, request: Request | None = None) -> Running:
    """Start the session ``plan`` holds for its day (from :func:`plan`); raises
    :class:`ConflictError` when one is still running or the plan has no session. With
    ``request`` (an idempotency key), the same request again (its answer was lost) returns
    the session it started, while that one runs."""
    from backcoach.store.live import LiveSessions

    live = LiveSessions(store)
    try:
        if live.keyed(request) is None:
            return _begin(live, catalog, plan, now=now, pain_before=pain_before,
                          request=request)
    except ConflictError:
        if live.keyed(request) is None:
            raise  # refused on its own account, not as the repeat of a request stored meanwhile
    started = live.keyed(request)
    found = running(store, catalog)
    if found is None or found.session_id != started:
        raise ConflictError(_("session {session_id}, which this request started, is over").format(
            session_id=started), field="session")
    return found


def _begin(live: LiveSessions, catalog: Catalog, plan: Plan, *, now: datetime,
           pain_before: int | None, request: Request | None) -> Running:
    left = live.unfinished()
    if left is not None:
        raise ConflictError(_("session {session_id} of {date} is still running: resume it or "
                              "abandon it first").format(session_id=left.session_id,
                                                         date=left.date), field="session")
    if not plan.today.items:
        status = plan.today.status
        why = (plan.screening.headline if status == "not_allowed" else
               _no_session_today(status).format(reason=plan.today.reason))
        raise ConflictError(why, field="again" if status == "done" else "date")
    session_id = live.begin(plan=plan, pain_before=pain_before, now=now, request=request)
    return Running(session_id, plan.date, plan.phase or "",
                   plan.programs[0] if plan.programs else None, now,
                   build_timeline(plan.today.items, catalog), 0, 0)


def _no_session_today(status: str) -> str:
    """Return "no session today (<status>): {reason}" in the language of the run."""
    if status == "done":
        return _("no session today (done): {reason}")
    if status == "rest_day":
        return _("no session today (rest day): {reason}")
    if status == "rest_after_stop":
        return _("no session today (rest after stop): {reason}")
    return f"no session today ({status.replace('_', ' ')}): {{reason}}"


def _not_a_set(kind: str) -> str:
    """Return "step {index} is a <kind> step, not a set" in the language of the run."""
    if kind == "rest":
        return _("step {index} is a rest step, not a set")
    if kind == "get_ready":
        return _("step {index} is a get ready step, not a set")
    if kind == "switch_side":
        return _("step {index} is a switch side step, not a set")
    return f"step {{index}} is a {kind.replace('_', ' ')} step, not a set"


def work_step(timeline: Timeline, session_id: int, index: int) -> Step:
    """Return step ``index`` of the timeline if it records a set; raises
    :class:`NotFoundError` (no such step) or :class:`ConflictError` (not a set) naming
    ``step``: a well-formed index that this session's steps do not fit."""
    if not 0 <= index < len(timeline.steps):
        raise NotFoundError(_("session {session_id} has {count} steps; there is no step "
                              "{index}").format(session_id=session_id,
                                                count=len(timeline.steps), index=index),
                            field="step")
    step = timeline.steps[index]
    if not step.records_a_set:
        raise ConflictError(_not_a_set(step.kind).format(index=index), field="step")
    return step


def record_set(store: Store, session_id: int, step: Step, done: SetDone | None = None, *,
               request: Request | None = None) -> bool:
    """Save the set of a finished work step at once (``done``: what was done, None for as
    prescribed); return whether it replaced the step's earlier set. Raises
    :class:`ConflictError` naming the amount that does not fit the step's prescription,
    or when the session is not running."""
    from backcoach.store.live import LiveSessions

    if done is not None:
        problems = set_problems(step, done)
        if problems:
            field, message = next(iter(problems.items()))
            raise ConflictError(message, field=field)
    return LiveSessions(store).record_set(session_id, step, done, request=request)


def sets_saved(store: Store, session_id: int) -> int:
    """Return how many sets the session has saved so far."""
    from backcoach.store.live import LiveSessions

    return LiveSessions(store).sets_saved(session_id)


def finished_session(store: Store, session_id: int, *,
                     running_id: int | None = None) -> StoredSession:
    """Return finished session ``session_id``; raises :class:`ConflictError` when it is
    ``running_id`` (still running) or :class:`NotFoundError`."""
    if running_id == session_id:
        raise ConflictError(_("session {session_id} is still running").format(
            session_id=session_id), field="session_id")
    stored = store.session(session_id)
    if stored is None:
        raise NotFoundError(_("no session {session_id}").format(session_id=session_id),
                            field="session_id")
    return stored


def finish_session(store: Store, session_id: int, *, stopped_reason: StopReason | None,
                   pain_after: int | None, effort: int | None, now: datetime,
                   notes: str | None = None, request: Request | None = None) -> StoredSession:
    """Close the running session: completed, or stopped with its reason; return it.
    Raises :class:`ConflictError` (not running) or :class:`NotFoundError`. With
    ``request`` (an idempotency key), the same request again (a browser replaying what it
    sent offline) returns the session as the first one closed it."""
    from backcoach.store.live import LiveSessions

    live = LiveSessions(store)
    try:
        if live.keyed(request) is None:
            _running(store, session_id)
            live.finish(session_id, stopped_reason=stopped_reason, pain_after=pain_after,
                        effort=effort, now=now, notes=notes, request=request)
    except ConflictError:
        if live.keyed(request) is None:
            raise  # not the repeat of a request that closed it a moment ago
    return finished_session(store, session_id)


def abandon_session(store: Store, session_id: int, *, now: datetime) -> StoredSession:
    """Close a running session that will not be resumed, keeping what was saved."""
    from backcoach.store.live import LiveSessions

    _running(store, session_id)
    LiveSessions(store).abandon(session_id, now=now)
    return finished_session(store, session_id)


def log_session(store: Store, catalog: Catalog, record: SessionRecord, *, today: date,
                request: Request | None = None) -> int:
    """Record a whole past session at once; return its id. Raises :class:`InvalidError`
    naming the field (a day in the future or years away, an unknown exercise...). With
    ``request`` (an idempotency key), the same request again returns the first one's id."""
    _check_log(store, catalog, record, today)
    return store.record_session(record, catalog=catalog, today=today, request=request)


def log_sessions(store: Store, catalog: Catalog, records: list[SessionRecord], *,
                 today: date) -> list[int]:
    """Record past sessions, all or none: each is checked before any is written."""
    for record in records:
        _check_log(store, catalog, record, today)
    return [store.record_session(record, catalog=catalog, today=today) for record in records]


def _check_log(store: Store, catalog: Catalog, record: SessionRecord, today: date) -> None:
    store.check_session(record, catalog=catalog, today=today)  # a day in the future...
    limits.check_window(record.date, today)  # ...or years ago


# Progress ---------------------------------------------------------------------------------

def progress(store: Store, catalog: Catalog, today: date) -> Progress:
    """Return the person's progress: adherence, streaks, pain, function, doses, phases."""
    names = {ex.id: ex.name for ex in catalog.exercises.values()}
    return progress_of(store.progress_data(), names, today)
