"""Sessions: start one, save each finished step, finish or stop it, resume it; the log."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import APIRouter, Query, status

from backcoach.history import SessionRecord
from backcoach.player import set_problems
from backcoach.store import RecordError
from backcoach.web import service
from backcoach.web.deps import AppState, NowDep, StateDep, TodayDep
from backcoach.web.errors import ApiError
from backcoach.web.schemas import (
    CurrentSession,
    LiveSession,
    SessionFinish,
    SessionStart,
    SetIn,
    SetSaved,
    StoredSessionOut,
)

router = APIRouter(tags=["sessions"])

SessionId = Annotated[int, "the id POST /sessions returned"]


@router.get("/sessions")
def list_sessions(state: StateDep, since: Annotated[date | None, Query(
        description="Only sessions from this day on.")] = None) -> list[StoredSessionOut]:
    """The finished sessions (completed or stopped), oldest first, set by set."""
    return [StoredSessionOut(id=s.id, record=s.record) for s in state.store.sessions(since=since)]


@router.post("/sessions", status_code=status.HTTP_201_CREATED)
def start_session(body: SessionStart, state: StateDep, today: TodayDep,
                  now: NowDep) -> LiveSession:
    """Start today's session (or a chosen program's): its steps, to play one by one."""
    return service.begin_session(state, day=today, now=now, pain_before=body.pain_before,
                                 program=body.program, again=body.again)


@router.get("/sessions/current")
def current_session(state: StateDep) -> CurrentSession:
    """The session left running, with the step to resume at; ``session`` null if none."""
    return CurrentSession(session=service.current_session(state))


def _stored(state: AppState, session_id: int) -> StoredSessionOut:
    stored = state.store.session(session_id)
    if stored is None:
        raise ApiError(404, f"no session {session_id}", field="session_id")
    return StoredSessionOut(id=stored.id, record=stored.record)


@router.get("/sessions/{session_id}")
def get_session(session_id: int, state: StateDep) -> StoredSessionOut:
    """One finished session, set by set."""
    running = service.unfinished(state)
    if running is not None and running.session_id == session_id:
        raise ApiError(409, f"session {session_id} is still running: see "
                       "GET /api/v1/sessions/current", field="session_id")
    return _stored(state, session_id)


@router.post("/sessions/{session_id}/sets", status_code=status.HTTP_201_CREATED)
def save_set(session_id: int, body: SetIn, state: StateDep) -> SetSaved:
    """Save one finished work step as a set, at once (so a reload resumes after it), with
    what was done when it ended early; the same step again replaces its set."""
    timeline = service.timeline_of(state, session_id)
    if body.step >= len(timeline.steps):
        raise ApiError(422, f"session {session_id} has {len(timeline.steps)} steps; there is "
                       f"no step {body.step}", field="step")
    step = timeline.steps[body.step]
    if not step.records_a_set:
        raise ApiError(422, f"step {body.step} is a {step.kind.replace('_', ' ')} step, not a "
                       "set", field="step")
    done = step.prescribed().model_copy(
        update=body.model_dump(exclude={"step"}, exclude_none=True))
    problems = set_problems(step, done)
    if problems:
        field, message = next(iter(problems.items()))
        raise ApiError(422, message, field=field)
    try:
        replaced = state.live.record_set(session_id, step, done)
    except RecordError as exc:
        raise ApiError(409, str(exc), field="session_id") from exc
    state.changed()
    found = service.unfinished(state)
    return SetSaved(step=body.step, sets_saved=found.sets_saved if found else 0,
                    replaced=replaced)


@router.post("/sessions/{session_id}/finish")
def finish_session(session_id: int, body: SessionFinish, state: StateDep,
                   now: NowDep) -> StoredSessionOut:
    """Close the session: completed, or stopped with its reason and the pain now."""
    service.timeline_of(state, session_id)  # 404 or 409 unless it is running
    try:
        state.live.finish(session_id, stopped_reason=body.stopped_reason,
                          pain_after=body.pain_after, effort=body.effort, now=now,
                          notes=body.notes)
    except RecordError as exc:
        raise ApiError(409, str(exc), field="session_id") from exc
    state.changed()
    state.timelines.pop(session_id, None)
    return _stored(state, session_id)


@router.post("/sessions/{session_id}/abandon")
def abandon_session(session_id: int, state: StateDep, now: NowDep) -> StoredSessionOut:
    """Close a running session that will not be resumed; what was saved is kept."""
    service.timeline_of(state, session_id)
    state.live.abandon(session_id, now=now)
    state.changed()
    state.timelines.pop(session_id, None)
    return _stored(state, session_id)


@router.post("/log", status_code=status.HTTP_201_CREATED)
def log_session(body: SessionRecord, state: StateDep, today: TodayDep) -> StoredSessionOut:
    """Record a whole past session at once (as ``backcoach log --file`` does)."""
    service.check_day(body.date, today)
    try:
        session_id = state.store.record_session(body, catalog=state.catalog, today=today)
    except RecordError as exc:
        raise ApiError(422, str(exc), field=_field_of(str(exc))) from exc
    state.changed()
    return StoredSessionOut(id=session_id, record=body)


def _field_of(message: str) -> str:
    for word, field in (("date", "date"), ("program", "program"), ("exercise", "exercises"),
                        ("variant", "exercises")):
        if word in message:
            return field
    return "body"
