"""Calendar: download the plan's training days as an .ics file."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from backcoach.web import service
from backcoach.web.deps import StateDep, TodayDep
from backcoach.web.render import page

router = APIRouter(include_in_schema=False)


@router.get("/calendar")
def calendar(request: Request, state: StateDep, today: TodayDep) -> HTMLResponse:
    view = service.today_view(state, today)
    return page(request, "calendar.html", {"active": "", "plan": view.plan, "today": today})
