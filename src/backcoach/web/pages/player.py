"""The player: one exercise at a time, with timers, sound and spoken cues (static/player.js).

The page carries today's session summary and the start form; the script asks the API for a
session left running and resumes it, or starts a new one, and saves each finished step.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import RedirectResponse, Response

from backcoach.errors import BackcoachError
from backcoach.web import service
from backcoach.web.deps import StateDep, TodayDep
from backcoach.web.render import page

router = APIRouter(include_in_schema=False)


@router.get("/player")
def player(request: Request, state: StateDep, today: TodayDep,
           program: Annotated[str | None, Query(max_length=100)] = None,
           again: bool = False) -> Response:
    if service.profile(state) is None:
        return RedirectResponse("/onboarding", status_code=303)
    problem = None
    try:
        plan = service.plan_for(state, today, program or None, again=again)
    except BackcoachError as exc:  # an unknown or unsuitable program: say so, offer today's plan
        problem, program = exc.message, None
        plan = service.plan_for(state, today, again=again)
    # What comes next, for the finish screen (shown offline too: it is in the page).
    next_day = next((d for d in plan.week if d.training and d.date > today), None)
    return page(request, "player.html", {
        "active": "today", "plan": plan, "program": program or "", "problem": problem,
        "again": again and plan.today.again, "pain_guide": state.catalog.guidance.pain,
        "body_class": "player-page", "next_day": next_day,
    })


@router.get("/favicon.ico", include_in_schema=False)
def favicon() -> Response:
    return RedirectResponse("/static/icon.svg", status_code=301)



