"""Today's plan, any day's plan, and the training days as a calendar file."""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from typing import Annotated

from fastapi import APIRouter, Query, Request, Response

from backcoach import coach
from backcoach.calendar_ics import calendar_ics
from backcoach.errors import InvalidError
from backcoach.i18n import _
from backcoach.limits import Day, check_window, iso_day
from backcoach.planner import Plan
from backcoach.web import service
from backcoach.web.deps import StateDep, TodayDep, get_app_state

router = APIRouter(tags=["plan"])

PROGRAM_MAX = 100
# GET /plan is the API's hottest route: its two query parameters are read by hand (FastAPI's
# parameter solving costs a third of the request) and described here for the OpenAPI
# document, with the same rules as declared ones.
PLAN_PARAMETERS = [
    {"name": "date", "in": "query", "required": False,
     "description": "The day to plan (YYYY-MM-DD); default today.",
     "schema": {"type": "string", "format": "date", "x-days": "window"}},
    {"name": "program", "in": "query", "required": False,
     "description": "Follow this program instead of the phase's.",
     "schema": {"type": "string", "maxLength": PROGRAM_MAX, "x-catalog": "program"}},
    {"name": "again", "in": "query", "required": False,
     "description": "Plan another session on a day whose session is done.",
     "schema": {"type": "boolean", "default": False}},
]


@router.get("/plan", response_model=Plan, openapi_extra={"parameters": PLAN_PARAMETERS})
async def get_plan(request: Request) -> Response:
    """The phase, the week and the day's session with numbers, every choice explained."""
    state = get_app_state(request)
    today = state.day()
    query = request.query_params
    day = today
    if "date" in query:
        try:
            day = date.fromisoformat(iso_day(query["date"]))
        except ValueError:
            raise InvalidError(_("date: '{text}' is not a date; write it as "
                                 "YYYY-MM-DD").format(text=query["date"]),
                               field="date") from None
    program = query.get("program")
    if program == "":
        raise InvalidError(_("program: give a program id, or leave the parameter out"),
                           field="program")
    if program is not None and len(program) > PROGRAM_MAX:
        raise InvalidError(_("program: at most {count} characters").format(
            count=PROGRAM_MAX), field="program")
    again = query.get("again", "false").lower()
    if again not in ("true", "false", "1", "0"):
        raise InvalidError(_("again: '{text}' is not true or false").format(
            text=query["again"]), field="again")
    check_window(day, today)
    return Response(service.plan_json(state, day, program, again=again in ("true", "1")),
                    media_type="application/json")


ClockTime = Annotated[str, Query(pattern=r"^([01]?\d|2[0-3]):[0-5]\d$",
                                 description="When to train, HH:MM.")]


@router.get("/calendar.ics", response_class=Response,
            responses={200: {"content": {"text/calendar": {}}}})
def get_calendar(state: StateDep, today: TodayDep,
                 weeks: Annotated[int, Query(ge=1, le=52)] = 4, at: Annotated[
                     ClockTime, Query(alias="time")] = "08:00",
                 reminder: Annotated[int, Query(ge=0, le=1440)] = 15,
                 start: Annotated[Day | None, Query(description="First day; default "
                                                     "today.")] = None) -> Response:
    """The plan's training days as iCalendar events, each with a reminder."""
    service.require_profile(state)
    plans = coach.calendar(state.store, state.catalog, start=start or today, weeks=weeks,
                           today=today)
    hours, minutes = (int(part) for part in at.split(":"))
    data = calendar_ics(plans, catalog=state.catalog, start=time(hours, minutes),
                        reminder_minutes=reminder, generated_at=datetime.now(UTC),
                        user=state.store.user_name)
    return Response(data, media_type="text/calendar", headers={
        "Content-Disposition": 'attachment; filename="backcoach.ics"'})
