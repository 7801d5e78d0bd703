"""Server mode, the clinician's pages: the dashboard of patients and one patient's page."""

from __future__ import annotations

from typing import Literal

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from backcoach import clinic
from backcoach.web.api.auth import me, parts
from backcoach.web.api.patients import _rows
from backcoach.web.deps import StateDep, TodayDep
from backcoach.web.render import page

router = APIRouter(include_in_schema=False)
Sort = Literal["flags", "email", "last", "pain", "week"]
SORTS: dict[str, str] = {"flags": "Flags", "email": "Patient", "week": "This week",
                         "pain": "Pain, 4 weeks", "last": "Last session"}


def _sorted(found: list[clinic.PatientSummary], sort: Sort) -> list[clinic.PatientSummary]:
    if sort == "email":
        return sorted(found, key=lambda p: p.email)
    if sort == "last":  # the longest without a session first
        return sorted(found, key=lambda p: (p.last_session is not None, p.last_session))
    if sort == "pain":  # the largest rise first
        return sorted(found, key=lambda p: -(p.pain.change if p.pain else -99))
    if sort == "week":  # the furthest behind the plan first
        return sorted(found, key=lambda p: p.sessions_this_week - p.planned_this_week)
    return found  # already urgent first, then by flags


@router.get("/patients")
def dashboard(request: Request, state: StateDep, today: TodayDep,
              sort: Sort = "flags") -> HTMLResponse:
    found = clinic.patients(_rows(request), state.catalog, me(request), today)
    return page(request, "patients.html", {
        "active": "patients", "patients": _sorted(found, sort), "sort": sort,
        "sorts": SORTS, "flag_text": clinic.FLAG_TEXT, "today": today})


@router.get("/patients/{patient_id}")
def patient_page(patient_id: int, request: Request, state: StateDep,
                 today: TodayDep) -> HTMLResponse:
    from backcoach import coach

    accounts, _ = parts(request)
    account, store = clinic.patient_store(accounts, _rows(request), me(request), patient_id,
                                          "read patient page")
    profile = store.profile()
    return page(request, "patient.html", {
        "active": "patients", "patient": account, "profile": profile,
        "screening": coach.screening(store, state.catalog, today) if profile else None,
        "progress": coach.progress(store, state.catalog, today),
        "sessions": list(reversed(store.sessions()))[:50], "today": today})
