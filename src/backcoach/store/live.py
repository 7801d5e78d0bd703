"""A session while it runs: saved step by step, so nothing done is lost and it can resume.

Usage::

    live = LiveSessions(store)
    session_id = live.begin(plan=plan, pain_before=2, now=datetime.now())
    live.record_set(session_id, step, done)      # after each work step finishes
    live.finish(session_id, stopped_reason=None, pain_after=1, effort=4, now=...)

    open_one = live.unfinished()                 # after a crash: what to resume

The plan the session follows is stored with it (in the plans table for that day), so a
resumed session rebuilds exactly the same timeline and continues after the last saved set.
A step has at most one set: done again (after going back), its set is replaced and moves
to the end, so the sets stay in the order they were last done.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import delete, func, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from backcoach.errors import ConflictError
from backcoach.history import SetDone, StopReason
from backcoach.i18n import _
from backcoach.planner import Plan, PlannedItem
from backcoach.player import Step, set_problems
from backcoach.store.repository import RecordError, Store, refresh_doses
from backcoach.store.request_keys import HEADER, Request, answered, remember
from backcoach.store.tables import PlanRecord, SessionRow, SetRow


@dataclass(frozen=True)
class Unfinished:
    """A session that was started and never finished or stopped."""

    session_id: int
    date: date
    phase: str
    program: str | None
    items: list[PlannedItem]
    sets_saved: int
    started_at: datetime | None
    last_step: int | None = None  # the step of the set saved last


class LiveSessions:
    """Start, save step by step, finish and resume sessions for one store's user."""

    def __init__(self, store: Store) -> None:
        self.store = store

    def keyed(self, request: Request | None) -> int | None:
        """Return the session that ``request`` (a start or a finish named by an idempotency
        key) already recorded, or None; raises :class:`ConflictError` when its key named
        another request."""
        if request is None:
            return None
        with Session(self.store.engine) as s:
            found = answered(s, self.store.user_id, request)
        return None if found is None else int(found.session_id)

    def begin(self, *, plan: Plan, pain_before: int | None, now: datetime,
              request: Request | None = None) -> int:
        """Create a started session for the plan's day; return its id (with ``request``,
        the same request again returns the first one's)."""
        if plan.today is None or plan.phase in (None, "rest"):
            raise ConflictError(_("there is no session planned for that day"), field="date")
        if pain_before is not None and not 0 <= pain_before <= 10:
            raise RecordError(_("pain is from 0 to 10, not {value}").format(value=pain_before),
                              field="pain_before")
        try:
            return self._begin(plan, pain_before, now, request)
        except IntegrityError:
            # The same request at the same moment (PostgreSQL): the other stored its key
            # first, and this one's session was rolled back with it.
            started = self.keyed(request)
            if started is None:
                raise
            return started

    def _begin(self, plan: Plan, pain_before: int | None, now: datetime,
               request: Request | None) -> int:
        data = plan.model_dump(mode="json")
        user_id = self.store.user_id
        now = self.store.zone.attach(now)
        with self.store.write() as s:
            found = answered(s, user_id, request)
            if found is not None:
                return int(found.session_id)
            record = s.scalar(select(PlanRecord).where(PlanRecord.user_id == user_id,
                                                       PlanRecord.date == plan.date))
            if record is None:
                s.add(PlanRecord(user_id=user_id, date=plan.date, phase=plan.phase, data=data,
                                 created_at=now))
            else:
                record.phase, record.data, record.created_at = plan.phase, data, now
            row = SessionRow(user_id=user_id, date=plan.date, phase=plan.phase,
                             program=plan.programs[0] if plan.programs else None,
                             status="started", pain_before=pain_before, started_at=now,
                             created_at=now)
            s.add(row)
            s.flush()
            remember(s, user_id, request, session_id=row.id)
            return row.id

    def record_set(self, session_id: int, step: Step, done: SetDone | None = None, *,
                   request: Request | None = None) -> bool:
        """Save one finished work step as a set, at once, in its own transaction; return
        whether it replaced the step's set from an earlier pass (after going back).

        ``done`` is what was done (the player's ``step_done`` event carries it); None means
        as prescribed. Raises :class:`RecordError` for a value above the prescription or a
        field the step does not have, and for a session that is not running.
        """
        if not step.records_a_set:
            return False
        done = done or step.prescribed()
        problems = set_problems(step, done)
        if problems:
            field = next(iter(problems))
            raise RecordError(_("step {index}: {problems}").format(
                index=step.index, problems="; ".join(problems.values())), field=field)
        try:
            return self._replace_set(session_id, step, done, request)
        except IntegrityError:
            # The same step saved twice at one moment (a double tap): the other save got
            # there first; this one now finds its set and replaces it.
            return self._replace_set(session_id, step, done, request)

    def _replace_set(self, session_id: int, step: Step, done: SetDone,
                     request: Request | None) -> bool:
        with self.store.write() as s:
            # FOR UPDATE: on PostgreSQL the saves of one session take turns (on SQLite every
            # write does), so two saves of one step cannot both insert it.
            status = s.scalar(select(SessionRow.status).where(SessionRow.id == session_id)
                              .with_for_update())
            found = answered(s, self.store.user_id, request)
            if found is not None and found.session_id == session_id and found.step == step.index:
                return bool(found.replaced)  # the same request again: its first answer
            if found is not None:
                raise ConflictError(_("the {header} '{key}' was used for another request").format(
                    header=HEADER, key=found.key), field=HEADER)
            if status != "started":
                text = (_("session {session_id} is not running (it is completed)")
                        if status == "completed" else
                        _("session {session_id} is not running (it is stopped)")
                        if status == "stopped" else
                        _("session {session_id} is not running (it is {status})"))
                raise ConflictError(text.format(session_id=session_id, status=status),
                                    field="session_id")
            replaced = s.execute(delete(SetRow).where(
                SetRow.session_id == session_id, SetRow.step == step.index)
            ).rowcount  # type: ignore[attr-defined]
            last = s.scalar(select(func.max(SetRow.position))
                            .where(SetRow.session_id == session_id))
            s.add(SetRow(session_id=session_id, position=0 if last is None else last + 1,
                         item=step.item, step=step.index,
                         exercise=step.exercise, variant=step.variant, side=step.side,
                         reps=done.reps, hold_seconds=done.hold_seconds, minutes=done.minutes,
                         skipped=False))
            s.flush()
            refresh_doses(s, [session_id])
            remember(s, self.store.user_id, request, session_id=session_id, step=step.index,
                     replaced=bool(replaced))
        return bool(replaced)

    def finish(self, session_id: int, *, stopped_reason: StopReason | None,
               pain_after: int | None, effort: int | None, now: datetime,
               notes: str | None = None, request: Request | None = None) -> None:
        """Close the session: completed, or stopped with its reason (with ``request``, the
        same request again changes nothing)."""
        for label, value in (("pain", pain_after), ("effort", effort)):
            if value is not None and not 0 <= value <= 10:
                text = (_("pain is from 0 to 10, not {value}") if label == "pain" else
                        _("effort is from 0 to 10, not {value}"))
                raise RecordError(text.format(value=value),
                                  field="pain_after" if label == "pain" else label)
        with self.store.write() as s:
            if answered(s, self.store.user_id, request) is not None:
                return
            changed = s.execute(
                update(SessionRow)
                .where(SessionRow.id == session_id, SessionRow.status == "started")
                .values(status="stopped" if stopped_reason else "completed",
                        stopped_reason=stopped_reason, pain_after=pain_after, effort=effort,
                        finished_at=self.store.zone.attach(now), notes=notes)
            ).rowcount  # type: ignore[attr-defined]
            if changed == 1:
                remember(s, self.store.user_id, request, session_id=session_id)
            elif answered(s, self.store.user_id, request) is not None:
                return  # the same request at the same moment closed it first
        if changed != 1:
            raise ConflictError(_("session {session_id} is not running").format(
                session_id=session_id), field="session_id")

    def sets_saved(self, session_id: int) -> int:
        """Return how many sets session ``session_id`` has saved (one query: what a set's
        answer says, without reading the whole running session back)."""
        with Session(self.store.engine) as s:
            return s.scalar(select(func.count()).select_from(SetRow)
                            .where(SetRow.session_id == session_id)) or 0

    def unfinished(self) -> Unfinished | None:
        """Return the newest session that was started and never closed, if any."""
        user_id = self.store.user_id
        with Session(self.store.engine) as s:
            row = s.scalars(select(SessionRow)
                            .where(SessionRow.user_id == user_id,
                                   SessionRow.status == "started")
                            .order_by(SessionRow.created_at.desc(), SessionRow.id.desc())
                            .limit(1)).first()
            if row is None:
                return None
            data = s.scalar(select(PlanRecord.data).where(PlanRecord.user_id == user_id,
                                                          PlanRecord.date == row.date))
            saved = s.scalar(select(func.count()).select_from(SetRow)
                             .where(SetRow.session_id == row.id)) or 0
            last_step = s.scalar(select(SetRow.step).where(SetRow.session_id == row.id)
                                 .order_by(SetRow.position.desc()).limit(1))
            if data is None:
                return None
            plan = Plan.model_validate(data)
            items = plan.today.items if plan.today else []
            return Unfinished(row.id, row.date, row.phase, row.program, items, saved,
                              row.started_at and self.store.zone.attach(row.started_at),
                              last_step)

    def abandon(self, session_id: int, *, now: datetime) -> None:
        """Close an unfinished session that will not be resumed, keeping what was saved."""
        self.finish(session_id, stopped_reason="other", pain_after=None, effort=None, now=now,
                    notes="Not finished: the session was interrupted and not resumed.")


def resume_step(steps: tuple[Step, ...], sets_saved: int, last_step: int | None = None) -> int:
    """Return the index of the step to resume at.

    The step after the last one saved; for sets saved before schema 0003 (no step), the
    step after the ``sets_saved``-th work step.
    """
    if last_step is not None:
        return min(last_step + 1, len(steps))
    seen = 0
    for step in steps:
        if seen == sets_saved:
            return step.index
        if step.records_a_set:
            seen += 1
    return len(steps)
