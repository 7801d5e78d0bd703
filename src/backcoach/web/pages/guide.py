"""The guide: general rules, a risk-factor checklist with advice, nutrition, pain vs fatigue."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from backcoach.web.deps import StateDep
from backcoach.web.render import page

router = APIRouter(include_in_schema=False)


@router.get("/guide")
def guide(request: Request, state: StateDep) -> HTMLResponse:
    known = {r.id for r in state.catalog.guidance.risk_factors}
    ticked = [r for r in request.query_params.getlist("risk") if r in known]
    return page(request, "guide.html", {"active": "guide", "guide": state.catalog.guidance,
                                        "ticked": ticked,
                                        "checked": "risk" in request.query_params})

