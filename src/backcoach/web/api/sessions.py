"""Sessions: start one, save each finished step, finish or stop it, resume it; the log."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Header, Query, Request, Response, status
from pydantic import BaseModel

from backcoach import coach
from backcoach.history import SessionRecord
from backcoach.limits import Day, check_window
from backcoach.store.request_keys import HEADER, Request as RequestKey
from backcoach.web import service
from backcoach.web.deps import NowDep, StateDep, TodayDep
from backcoach.web.schemas import (
    CurrentSession,
    LiveSession,
    SessionClosed,
    SessionFinish,
    SessionStart,
    SetIn,
    SetSaved,
    StoredSessionOut,
)

router = APIRouter(tags=["sessions"])

SessionId = Annotated[int, "the id POST /sessions returned"]


@router.get("/sessions")
def list_sessions(state: StateDep, since: Annotated[Day | None, Query(
        description="Only sessions from this day on.")] = None) -> list[StoredSessionOut]:
    """The finished sessions (completed or stopped), oldest first, set by set."""
    if since is not None:
        check_window(since, state.day(), "since")
    return [StoredSessionOut(id=s.id, record=s.record) for s in state.store.sessions(since=since)]


@router.get("/sessions/current")
def current_session(state: StateDep) -> CurrentSession:
    """The session left running, with the step to resume at; ``session`` null if none."""
    return CurrentSession(session=service.current_session(state))


@router.get("/sessions/{session_id}")
def get_session(session_id: int, state: StateDep) -> StoredSessionOut:
    """One finished session, set by set."""
    running = service.running(state)
    stored = coach.finished_session(state.store, session_id,
                                    running_id=running.session_id if running else None)
    return StoredSessionOut(id=stored.id, record=stored.record)


KeyHeader = Annotated[str | None, Header(
    alias=HEADER, min_length=1, max_length=100, pattern=r"^[\x21-\x7e]+$",
    description="A key of the client's own for this request (e.g. a UUID): the same "
    "request sent again with it (a retry) answers as the first did and records nothing "
    "more. A key reused for a different request is refused (409).")]


def _request(key: str | None, request: Request, body: BaseModel) -> RequestKey | None:
    if key is None:
        return None
    return RequestKey.of(key, request.method, request.url.path, body.model_dump_json())


@router.post("/sessions", status_code=status.HTTP_201_CREATED)
def start_session(body: SessionStart, state: StateDep, today: TodayDep, now: NowDep,
                  request: Request, idempotency_key: KeyHeader = None) -> LiveSession:
    """Start today's session (or a chosen program's): its steps, to play one by one."""
    return service.begin_session(state, day=today, now=now, pain_before=body.pain_before,
                                 program=body.program, again=body.again,
                                 request=_request(idempotency_key, request, body))


@router.post("/sessions/{session_id}/sets", status_code=status.HTTP_201_CREATED,
             responses={200: {"model": SetSaved, "description": "This Idempotency-Key's set "
                              "was saved before: the set as stored, nothing written again."}})
def save_set(session_id: int, body: SetIn, state: StateDep, request: Request,
             response: Response, idempotency_key: KeyHeader = None) -> SetSaved:
    """Save one finished work step as a set, at once (so a reload resumes after it), with
    what was done when it ended early; the same step again replaces its set."""
    step = coach.work_step(service.timeline_of(state, session_id), session_id, body.step)
    done = step.prescribed().model_copy(
        update=body.model_dump(exclude={"step"}, exclude_none=True))
    key = _request(idempotency_key, request, body)
    replaced = coach.record_set(state.store, session_id, step, done, request=key)
    if key is not None and key.replayed:
        response.status_code = status.HTTP_200_OK  # sent again: stored once, as it was
    else:
        state.changed()
    return SetSaved(step=body.step, sets_saved=coach.sets_saved(state.store, session_id),
                    replaced=replaced)


@router.post("/sessions/{session_id}/finish")
def finish_session(session_id: int, body: SessionFinish, state: StateDep, now: NowDep,
                   today: TodayDep, request: Request,
                   idempotency_key: KeyHeader = None) -> SessionClosed:
    """Close the session: completed, or stopped with its reason and the pain now; with the
    streak it makes and the next training day."""
    stored = coach.finish_session(state.store, session_id, stopped_reason=body.stopped_reason,
                                  pain_after=body.pain_after, effort=body.effort, now=now,
                                  notes=body.notes,
                                  request=_request(idempotency_key, request, body))
    state.changed()
    state.timelines.pop(state.session_key(session_id), None)
    return service.closed_session(state, stored, today)


@router.post("/sessions/{session_id}/abandon")
def abandon_session(session_id: int, state: StateDep, now: NowDep) -> StoredSessionOut:
    """Close a running session that will not be resumed; what was saved is kept."""
    service.timeline_of(state, session_id)
    stored = coach.abandon_session(state.store, session_id, now=now)
    state.changed()
    state.timelines.pop(state.session_key(session_id), None)
    return StoredSessionOut(id=stored.id, record=stored.record)


@router.post("/log", status_code=status.HTTP_201_CREATED, response_model=StoredSessionOut)
async def log_session(body: SessionRecord, state: StateDep, today: TodayDep,
                      request: Request, idempotency_key: KeyHeader = None) -> Response:
    """Record a whole past session at once (as ``backcoach log --file`` does)."""
    key = _request(idempotency_key, request, body)
    session_id = await state.write(lambda: coach.log_session(
        state.store, state.catalog, body, today=today, request=key))
    state.changed()
    out = StoredSessionOut.model_construct(id=session_id, record=body)  # both checked
    return Response(out.model_dump_json(), status_code=201, media_type="application/json")
