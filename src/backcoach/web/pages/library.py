"""The library: every exercise with filters and search, each exercise, the programs."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from backcoach.catalog.models import Difficulty, Equipment, Kind, Position
from backcoach.web import service
from backcoach.web.deps import StateDep, TodayDep
from backcoach.web.render import page
from backcoach.words import plural

router = APIRouter(include_in_schema=False)

FILTERS: dict[str, tuple[str, ...]] = {
    "equipment": Equipment.__args__,  # type: ignore[attr-defined]
    "position": Position.__args__,  # type: ignore[attr-defined]
    "kind": Kind.__args__,  # type: ignore[attr-defined]
    "difficulty": Difficulty.__args__,  # type: ignore[attr-defined]
}


@router.get("/exercises")
def exercises(request: Request, state: StateDep) -> HTMLResponse:
    # Unknown filter values are ignored (and shown as "any"): a page never fails on them.
    chosen: dict[str, Any] = {}
    for name, allowed in FILTERS.items():
        value = request.query_params.get(name) or None
        chosen[name] = value if value in allowed else None
    q = (request.query_params.get("q") or "").strip()[:200]
    found = service.find_exercises(state.catalog, q=q or None, **chosen)
    return page(request, "exercises.html", {
        "active": "exercises", "exercises": found, "filters": FILTERS, "chosen": chosen,
        "q": q, "total": len(state.catalog.exercises),
    })


@router.get("/exercises/{exercise_id}")
def exercise(request: Request, exercise_id: str, state: StateDep) -> HTMLResponse:
    detail = service.exercise_detail(state.catalog, exercise_id)
    return page(request, "exercise.html", {
        "active": "exercises", "ex": detail.exercise, "used_in": detail.used_in,
        "catalog": state.catalog,
    })


@router.get("/programs")
def programs(request: Request, state: StateDep) -> HTMLResponse:
    return page(request, "programs.html", {"active": "programs", "plural": plural,
                                           "programs": list(state.catalog.programs.values())})


@router.get("/programs/{program_id}")
def program(request: Request, program_id: str, state: StateDep) -> HTMLResponse:
    detail = service.program_detail(state.catalog, program_id)
    return page(request, "program.html", {"active": "programs", "program": detail.program,
                                          "names": detail.exercise_names,
                                          "catalog": state.catalog, "plural": plural})


@router.get("/programs/{program_id}/handout")
def handout(request: Request, program_id: str, state: StateDep,
            today: TodayDep) -> HTMLResponse:
    detail = service.program_detail(state.catalog, program_id)
    return page(request, "handout.html", {"active": "programs", "program": detail.program,
                                          "catalog": state.catalog,
                                          "personal": service.personal_notes(state, today)})
