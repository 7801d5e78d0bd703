"""Today: the plan for today as a short card per exercise (figure, name, dose) with the why
one tap away; done or rest when the day's session is behind; what was left out; the week
ahead. Kept in memory between changes, so it answers in well under a millisecond."""

from __future__ import annotations

import re
from dataclasses import dataclass

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from backcoach.i18n import _
from backcoach.planner import PlannedItem
from backcoach.web import service
from backcoach.web.deps import StateDep, get_app_state
from backcoach.web.render import html
from backcoach.words import plural

router = APIRouter(include_in_schema=False)

# "(source: warm-up)" at the end of a reason: kept for the disclosure, not the reason itself.
_SOURCE_NOTE = re.compile(r"\s*\((?:source|источник): ([^)]*)\)")



def left_out_kinds() -> dict[str, str]:
    """Return what each kind of left-out exercise means, in the reader's words (not the
    plan's values), in the current language."""
    return {"excluded": _("not safe for you now"), "equipment": _("needs equipment you lack"),
            "time": _("no time for it today"), "postponed": _("later in your plan")}


@dataclass(frozen=True)
class Card:
    """One exercise of today's session as its card shows it."""

    item: PlannedItem
    reasons: list[str]  # the plan's reasons, in plain words, without their source notes
    sources: list[str]  # the source sections those reasons and the changes come from


def card(item: PlannedItem) -> Card:
    """Return the card of ``item``: its reasons with the sources taken out of the text."""
    reasons, sources = [], []
    for reason in item.why:
        sources += _SOURCE_NOTE.findall(reason)
        reasons.append(_SOURCE_NOTE.sub("", reason))
    sources += [change.source for change in item.modifications]
    return Card(item, reasons, list(dict.fromkeys(sources)))


def minutes(value: float) -> str:
    """Return a duration in whole minutes, "1 minute" at least: "8 minutes", not "8.2"."""
    return plural(max(1, round(value)), "minute")


@router.get("/")
def home(state: StateDep) -> RedirectResponse:
    target = "/today" if service.profile(state) is not None else "/onboarding"
    return RedirectResponse(target, status_code=303)


@router.get("/today")
async def today_page(request: Request) -> Response:
    # The hottest page: no injected dependencies (each costs a few tens of microseconds).
    state = get_app_state(request)
    today = state.day()

    def draw() -> bytes:
        view = service.today_view(state, today)
        if view.profile is None or view.plan is None:
            return b""
        cards = [card(item) for item in view.plan.today.items]
        return html(request, "today.html", {"active": "today", "view": view,
                                            "plan": view.plan, "today": today,
                                            "catalog": state.catalog, "cards": cards,
                                            "minutes": minutes, "plural": plural,
                                            "left_out_kinds": left_out_kinds()}).encode()

    body: bytes = state.memo.get(state.key("today.html", today), draw)
    if not body:
        return RedirectResponse("/onboarding", status_code=303)
    return HTMLResponse(body)
