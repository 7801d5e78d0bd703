"""Today: the plan for today, each exercise with its figure and why; what was left out; the
week ahead. Kept in memory between changes, so it answers in well under a millisecond."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from backcoach.web import service
from backcoach.web.deps import StateDep, get_app_state
from backcoach.web.render import html

router = APIRouter(include_in_schema=False)


@router.get("/")
def home(state: StateDep) -> RedirectResponse:
    target = "/today" if service.profile(state) is not None else "/onboarding"
    return RedirectResponse(target, status_code=303)


@router.get("/today")
async def today_page(request: Request) -> Response:
    # The hottest page: no injected dependencies (each costs a few tens of microseconds).
    state = get_app_state(request)
    today = state.today()

    def draw() -> bytes:
        view = service.today_view(state, today)
        if view.profile is None:
            return b""
        return html(request, "today.html", {"active": "today", "view": view,
                                            "plan": view.plan, "today": today,
                                            "catalog": state.catalog}).encode()

    body: bytes = state.memo.get(state.key("today.html", today), draw)
    if not body:
        return RedirectResponse("/onboarding", status_code=303)
    return HTMLResponse(body)
