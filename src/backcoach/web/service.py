"""What the pages and the API both ask for, each answer one library call (or a few).

Reads that every page needs (the profile, today's plan, a running session) are computed
once per data version and day (see :mod:`backcoach.web.version`), so a page view costs a
lookup until something new is recorded.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import lru_cache
from typing import TYPE_CHECKING
from xml.sax.saxutils import escape

from backcoach import coach
from backcoach.catalog import Catalog, UnknownIdError
from backcoach.catalog.models import Difficulty, Equipment, Exercise, Kind, Position
from backcoach.clearance import Clearance
from backcoach.planner import Plan, PlanError
from backcoach.player import Timeline, build_timeline
from backcoach.profile import Profile
from backcoach.progress import Progress, compute_progress
from backcoach.screening import ExerciseNote, Screening
from backcoach.store import RecordError
from backcoach.store.live import Unfinished, resume_step
from backcoach.web.deps import AppState
from backcoach.web.errors import ApiError
from backcoach.web.schemas import ExerciseDetail, LiveSession, ProgramDetail, RiskAdvice, UsedIn

if TYPE_CHECKING:
    from backcoach.figures import Figure

NO_PROFILE = "no profile yet: answer the questions first (PUT /api/v1/profile, or /onboarding)"
# Days asked about or recorded lie within ten years of today: a year-1 date is a typo, and
# it would stretch every chart and weekly count across two thousand years.
DAY_LIMIT = timedelta(days=3660)


def check_day(day: date, today: date, field: str = "date") -> date:
    """Return ``day``; raises :class:`ApiError` naming ``field`` if it is years away."""
    if abs(day - today) > DAY_LIMIT:
        raise ApiError(422, f"{day} is too far from today ({today}): give a day within ten "
                       "years", field=field)
    return day


@dataclass(frozen=True)
class TodayView:
    """Everything the Today page shows: the person, the plan, a session left running."""

    profile: Profile | None
    plan: Plan | None
    unfinished: Unfinished | None


def profile(state: AppState) -> Profile | None:
    found: Profile | None = state.memo.get(state.key("profile"), state.store.profile)
    return found


def require_profile(state: AppState) -> Profile:
    found = profile(state)
    if found is None:
        raise ApiError(404, NO_PROFILE, field="profile")
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
    """Return the plan for ``day``; raises :class:`ApiError` naming ``program`` or ``profile``."""

    def compute() -> Plan:
        person = require_profile(state)
        try:
            return coach.plan(state.store, state.catalog, day, program=program, again=again,
                              answers=person, clearances=clearances(state))
        except UnknownIdError as exc:
            raise ApiError(404, str(exc), field="program") from exc
        except PlanError as exc:
            raise ApiError(422, str(exc), field="program") from exc

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
    """Record a doctor's clearance of the answers as they stand; raises :class:`ApiError`
    naming ``date`` (a day in the future or years away) or ``profile`` (nothing to clear)."""
    require_profile(state)
    check_day(on, today)
    if on > today:
        raise ApiError(422, f"the clearance date {on} is in the future", field="date")
    try:
        clearance = coach.record_clearance(state.store, state.catalog, on=on, note=note,
                                           today=today)
    except RecordError as exc:  # the day is fine: nothing in the answers needs a clearance
        raise ApiError(409, str(exc), field="profile") from exc
    state.changed()
    return clearance


def unfinished(state: AppState) -> Unfinished | None:
    found: Unfinished | None = state.memo.get(state.key("unfinished"), state.live.unfinished)
    return found


def today_view(state: AppState, day: date) -> TodayView:
    person = profile(state)
    plan = plan_for(state, day) if person is not None else None
    return TodayView(person, plan, unfinished(state))


def progress(state: AppState, day: date) -> Progress:
    def compute() -> Progress:
        data = state.store.progress_data()
        names = {ex.id: ex.name for ex in state.catalog.exercises.values()}
        return compute_progress(sessions=data.sessions, doses=data.doses,
                                pain_checkins=data.pain_checkins, psfs=data.psfs,
                                days_per_week=data.days_per_week, today=day,
                                exercise_names=names)

    result: Progress = state.memo.get(state.key("progress", day), compute)
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
    used = []
    for program in catalog.programs_using(ex.id):
        for block in program.blocks:
            for item in block.items:
                if item.exercise == ex.id:
                    used.append(UsedIn(program=program.id, program_name=program.name,
                                       block=block.kind, variant=item.variant, dose=item.dose,
                                       dose_text=item.dose.describe()))
    return ExerciseDetail(exercise=ex, used_in=used)


def program_detail(catalog: Catalog, program_id: str) -> ProgramDetail:
    program = catalog.program(program_id)
    names = {item.exercise: catalog.exercises[item.exercise].name for item in program.items()}
    return ProgramDetail(program=program, exercise_names=names)


def risk_advice(catalog: Catalog, ticked: list[str]) -> list[RiskAdvice]:
    known = {r.id: r for r in catalog.guidance.risk_factors}
    unknown = [t for t in ticked if t not in known]
    if unknown:
        raise ApiError(422, f"unknown risk factor '{unknown[0]}'"
                       + Catalog.suggestion(unknown[0], known), field="risk")
    return [RiskAdvice(id=r.id, label=r.label, advice=r.advice, source=r.source)
            for r in catalog.guidance.risk_factors if r.id in ticked]


# Check-ins -------------------------------------------------------------------------------

def rate(state: AppState, ratings: dict[str, int], on: date, today: date) -> None:
    """Record PSFS ratings; raises :class:`ApiError` naming ``date`` or ``ratings``."""
    try:
        state.store.rate_psfs(ratings, on=on, today=today)
    except RecordError as exc:
        raise ApiError(422, str(exc), field="date" if "date" in str(exc) else "ratings") \
            from exc
    state.changed()


# Running sessions -------------------------------------------------------------------------

def _live(timeline: Timeline, found: Unfinished) -> LiveSession:
    return LiveSession.of(session_id=found.session_id, day=found.date, phase=found.phase,
                          program=found.program, started_at=found.started_at,
                          timeline=timeline, sets_saved=found.sets_saved,
                          resume_at=resume_step(timeline.steps, found.sets_saved,
                                                    found.last_step))


def current_session(state: AppState) -> LiveSession | None:
    """Return the session left running (to resume), or None."""
    found = unfinished(state)
    if found is None:
        return None
    return _live(timeline_of(state, found.session_id), found)


def timeline_of(state: AppState, session_id: int) -> Timeline:
    """Return the running session's timeline; raises :class:`ApiError` if it is not running."""
    timeline = state.timelines.get(session_id)
    if timeline is not None:
        return timeline
    found = unfinished(state)
    if found is None or found.session_id != session_id:
        raise ApiError(409 if _exists(state, session_id) else 404,
                       f"session {session_id} is not running", field="session_id")
    timeline = build_timeline(found.items, state.catalog)
    state.timelines[session_id] = timeline
    return timeline


def _exists(state: AppState, session_id: int) -> bool:
    return state.store.session(session_id) is not None


def begin_session(state: AppState, *, day: date, now: datetime, pain_before: int | None,
                  program: str | None, again: bool = False) -> LiveSession:
    """Start today's session (or ``program``'s; with ``again``, another after one done
    today); raises :class:`ApiError` saying why not."""
    running = unfinished(state)
    if running is not None:
        raise ApiError(409, f"session {running.session_id} of {running.date} is still running: "
                       "resume it (GET /api/v1/sessions/current) or abandon it first",
                       field="session")
    plan = plan_for(state, day, program, again=again)
    if not plan.today.items:
        status = plan.today.status
        why = (plan.screening.headline if status == "not_allowed" else
               f"no session today ({status.replace('_', ' ')}): {plan.today.reason}")
        field = "again" if status == "done" else "program" if program else "date"
        raise ApiError(409, why, field=field)
    session_id = state.live.begin(plan=plan, pain_before=pain_before, now=now)
    state.changed()
    timeline = build_timeline(plan.today.items, state.catalog)
    state.timelines[session_id] = timeline
    return LiveSession.of(session_id=session_id, day=plan.date, phase=plan.phase or "",
                          program=plan.programs[0] if plan.programs else None,
                          started_at=now, timeline=timeline, sets_saved=0, resume_at=0)


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
