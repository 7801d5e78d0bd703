"""What the pages and the API both ask for: the use cases of :mod:`backcoach.coach`, with
this app's store and catalog, and its cache.

Reads that every page needs (the profile, today's plan, a running session) are computed
once per data version and day (see :mod:`backcoach.web.version`), so a page view costs a
lookup until something new is recorded.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from functools import lru_cache
from typing import TYPE_CHECKING
from xml.sax.saxutils import escape

from backcoach import coach
from backcoach.catalog import Catalog
from backcoach.catalog.models import Difficulty, Equipment, Exercise, Kind, Position
from backcoach.clearance import Clearance
from backcoach.errors import InvalidError, NotFoundError
from backcoach.i18n import _
from backcoach.planner import Plan
from backcoach.player import Timeline
from backcoach.profile import Profile
from backcoach.progress import Progress
from backcoach.screening import ExerciseNote, Screening
from backcoach.web.deps import AppState
from backcoach.web.schemas import (
    ExerciseDetail,
    LiveSession,
    ProgramDetail,
    RiskAdvice,
    SessionClosed,
)

if TYPE_CHECKING:
    from backcoach.figures import Figure
    from backcoach.store import StoredSession
    from backcoach.store.request_keys import Request



@dataclass(frozen=True)
class TodayView:
    """Everything the Today page shows: the person, the plan, a session left running."""

    profile: Profile | None
    plan: Plan | None
    running: coach.Running | None


def profile(state: AppState) -> Profile | None:
    found: Profile | None = state.memo.get(state.key("profile"), state.store.profile)
    return found


def require_profile(state: AppState) -> Profile:
    found = profile(state)
    if found is None:
        raise NotFoundError(_("no profile yet: answer the questions first (PUT "
                              "/api/v1/profile, or /onboarding)"), field="profile")
    return found


def clearances(state: AppState) -> list[Clearance]:
    found: list[Clearance] = state.memo.get(state.key("clearances"), state.store.clearances)
    return found


def screening(state: AppState, today: date) -> Screening:
    """Return the screening of the saved answers with the clearances recorded."""

    def compute() -> Screening:
        return coach.screening(state.store, state.catalog, today,
                               answers=require_profile(state), clearances=clearances(state))

    result: Screening = state.memo.get(state.key("screening", today), compute)
    return result


def plan_for(state: AppState, day: date, program: str | None = None, *,
             again: bool = False) -> Plan:
    """Return the plan for ``day``; raises an error naming ``program`` or ``profile``."""

    def compute() -> Plan:
        return coach.plan(state.store, state.catalog, day, program=program, again=again,
                          answers=require_profile(state), clearances=clearances(state))

    plan: Plan = state.memo.get(state.key("plan", day, program, again), compute)
    return plan


def plan_json(state: AppState, day: date, program: str | None = None, *,
              again: bool = False) -> bytes:
    """Return the plan as JSON bytes, serialised once per data version."""
    data: bytes = state.memo.get(state.key("plan.json", day, program, again),
                                 lambda: plan_for(state, day, program, again=again)
                                 .model_dump_json().encode())
    return data


def personal_notes(state: AppState, today: date) -> dict[str, list[ExerciseNote]]:
    """Return {exercise: what the person's conditions change or rule out in it}, for a
    handout: every note of each exercise, in the catalog's order; empty without answers or
    when the screening allows no exercise."""
    if profile(state) is None:
        return {}
    notes: dict[str, list[ExerciseNote]] = {}
    for note in screening(state, today).exercise_notes:
        notes.setdefault(note.exercise, []).append(note)
    return notes


def record_clearance(state: AppState, *, on: date, note: str | None,
                     today: date) -> Clearance:
    """Record a doctor's clearance of the answers as they stand; raises an error naming
    ``date`` (a day in the future or years away) or ``profile`` (nothing to clear)."""
    require_profile(state)
    clearance = coach.record_clearance(state.store, state.catalog, on=on, note=note,
                                       today=today)
    state.changed()
    return clearance


def running(state: AppState) -> coach.Running | None:
    """Return the session left running, or None (computed once per data version)."""
    found: coach.Running | None = state.memo.get(
        state.key("running"), lambda: coach.running(state.store, state.catalog))
    if found is not None:
        state.timelines.setdefault(state.session_key(found.session_id), found.timeline)
    return found


def today_view(state: AppState, day: date) -> TodayView:
    person = profile(state)
    plan = plan_for(state, day) if person is not None else None
    return TodayView(person, plan, running(state))


def progress(state: AppState, day: date) -> Progress:
    result: Progress = state.memo.get(state.key("progress", day),
                                      lambda: coach.progress(state.store, state.catalog, day))
    return result


# The catalog -----------------------------------------------------------------------------

def find_exercises(catalog: Catalog, *, equipment: Equipment | None = None,
                   position: Position | None = None, kind: Kind | None = None,
                   difficulty: Difficulty | None = None, q: str | None = None) -> list[Exercise]:
    """Return the exercises matching every filter; with ``q``, best search matches first."""
    chosen = catalog.filter(equipment=equipment, position=position, kind=kind)
    if difficulty is not None:
        chosen = [ex for ex in chosen if ex.difficulty == difficulty]
    if q and q.strip():
        allowed = {ex.id for ex in chosen}
        return [hit.exercise for hit in catalog.search(q) if hit.exercise.id in allowed]
    return chosen


def exercise_detail(catalog: Catalog, exercise_id: str) -> ExerciseDetail:
    ex = catalog.exercise(exercise_id)
    return ExerciseDetail(exercise=ex, used_in=catalog.uses(ex.id))


def program_detail(catalog: Catalog, program_id: str) -> ProgramDetail:
    program = catalog.program(program_id)
    names = {item.exercise: catalog.exercises[item.exercise].name for item in program.items()}
    return ProgramDetail(program=program, exercise_names=names)


def risk_advice(catalog: Catalog, ticked: list[str]) -> list[RiskAdvice]:
    known = {r.id: r for r in catalog.guidance.risk_factors}
    unknown = [t for t in ticked if t not in known]
    if unknown:
        raise InvalidError(_("unknown risk factor '{risk}'").format(risk=unknown[0])
                           + Catalog.suggestion(unknown[0], known), field="risk")
    return [RiskAdvice(id=r.id, label=r.label, advice=r.advice, source=r.source)
            for r in catalog.guidance.risk_factors if r.id in ticked]


# Check-ins -------------------------------------------------------------------------------

def rate(state: AppState, ratings: dict[str, int], on: date, today: date) -> None:
    """Record PSFS ratings; raises an error naming ``date`` or ``ratings``."""
    state.store.rate_psfs(ratings, on=on, today=today)
    state.changed()


# Running sessions -------------------------------------------------------------------------

def live_session(found: coach.Running) -> LiveSession:
    return LiveSession.of(session_id=found.session_id, day=found.date, phase=found.phase,
                          program=found.program, started_at=found.started_at,
                          timeline=found.timeline, sets_saved=found.sets_saved,
                          resume_at=found.resume_at)


def current_session(state: AppState) -> LiveSession | None:
    """Return the session left running (to resume), or None."""
    found = running(state)
    return None if found is None else live_session(found)


def timeline_of(state: AppState, session_id: int) -> Timeline:
    """Return the running session's timeline; raises an error naming ``session_id`` if it
    is not running."""
    timeline = state.timelines.get(state.session_key(session_id))
    if timeline is None:
        found = running(state)
        if found is None or found.session_id != session_id:
            coach.timeline_of(state.store, state.catalog, session_id)  # says why not
        timeline = state.timelines[state.session_key(session_id)]
    return timeline


def closed_session(state: AppState, stored: StoredSession, day: date) -> SessionClosed:
    """Return a session just closed with the streak it makes and the next training day."""
    streaks = progress(state, day).streaks
    following = None
    if profile(state) is not None:
        following = next((d.date for d in plan_for(state, day).week
                          if d.training and d.date > day), None)
    return SessionClosed(id=stored.id, record=stored.record,
                         streak_days=streaks.current_days, streak_weeks=streaks.current_weeks,
                         next_training_day=following)


def begin_session(state: AppState, *, day: date, now: datetime, pain_before: int | None,
                  program: str | None, again: bool = False,
                  request: Request | None = None) -> LiveSession:
    """Start today's session (or ``program``'s; with ``again``, another after one done
    today); raises an error saying why not. ``request``: its idempotency key, if any."""
    plan = plan_for(state, day, program, again=again)
    started = coach.start_session(state.store, state.catalog, plan, now=now,
                                  pain_before=pain_before, request=request)
    state.changed()
    state.timelines[state.session_key(started.session_id)] = started.timeline
    return live_session(started)


# Figures ---------------------------------------------------------------------------------

POSES = ("start", "end", "all")


def figure_svg(exercise_id: str, name: str, position: str, pose: str | None) -> str:
    """Return the exercise's figure as SVG (animated when ``pose`` is None).

    Exercises whose figure is not drawn yet get a quiet placeholder with their name.
    """
    return _figure_svg(exercise_id, name, position, pose)


@lru_cache(maxsize=512)
def _figure_svg(exercise_id: str, name: str, position: str, pose: str | None) -> str:
    figure = _figures().get(exercise_id)
    if figure is not None:
        from backcoach.figures import render_svg

        poses = [p.id for p in figure.poses]
        if pose in (None, "all") or pose in poses:
            return render_svg(figure, pose=pose, title=name)
        if pose == "start" and poses:
            return render_svg(figure, pose=poses[0], title=name)
        if pose == "end" and poses:
            return render_svg(figure, pose=poses[-1], title=name)
    return placeholder_svg(name, position)


@lru_cache(maxsize=1)
def _figures() -> dict[str, Figure]:
    try:
        from backcoach.figures import load_figures

        return dict(load_figures())
    except Exception:  # the figure data is optional: pages work without it
        import logging

        logging.getLogger("backcoach.web").warning("figures unavailable", exc_info=True)
        return {}


def placeholder_svg(name: str, position: str) -> str:
    label = escape(name)
    where = escape(position.replace("_", " "))
    return ('<svg xmlns="http://www.w3.org/2000/svg" width="400" height="300" '
            f'viewBox="0 0 400 300"><title>{label}</title>'
            '<rect width="400" height="300" rx="12" fill="#eef2f5"/>'
            '<line x1="40" y1="236" x2="360" y2="236" stroke="#9aa7b2" stroke-width="3"/>'
            '<circle cx="200" cy="110" r="22" fill="#9aa7b2"/>'
            '<path d="M200 134v60m0-44l-38 22m38-22l38 22m-38 38l-26 46m26-46l26 46" '
            'stroke="#9aa7b2" stroke-width="10" stroke-linecap="round" fill="none"/>'
            '<text x="200" y="272" font-family="sans-serif" font-size="16" fill="#44515c" '
            f'text-anchor="middle">{label} ({where})</text></svg>\n')
