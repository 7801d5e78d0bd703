"""Onboarding: the profile questions, then the screening verdict with its reasons."""

from __future__ import annotations

from datetime import date
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from backcoach import questions
from backcoach.catalog.models import Equipment
from backcoach.errors import BackcoachError
from backcoach.profile import CONDITION_FIELDS, Profile
from backcoach.screening import finding_names, note_lines
from backcoach.web import service
from backcoach.web.deps import AppState, StateDep, TodayDep
from backcoach.web.pages.forms import profile_values, read_profile
from backcoach.web.render import page
from backcoach.web.security import FormDep

router = APIRouter(include_in_schema=False)

EQUIPMENT: tuple[str, ...] = Equipment.__args__  # type: ignore[attr-defined]


def _conditions(state: AppState) -> list[tuple[str, str, str]]:
    """Return (field, label, description) for each condition question."""
    out = []
    for field, tag in CONDITION_FIELDS.items():
        known = state.catalog.conditions.get(tag)
        hint = Profile.model_fields[field].description or (known.description if known else "")
        out.append((field, known.label if known else field.replace("_", " "), hint))
    return out


def _form(request: Request, state: AppState, values: dict[str, Any], errors: dict[str, str],
          *, status: int = 200) -> HTMLResponse:
    return page(request, "onboarding.html", {
        "active": "", "values": values, "errors": errors, "equipment": EQUIPMENT,
        "questions": questions, "conditions": _conditions(state),
        "first_time": service.profile(state) is None,
    }, status=status)


@router.get("/onboarding")
def onboarding(request: Request, state: StateDep) -> HTMLResponse:
    return _form(request, state, profile_values(service.profile(state)), {})


@router.post("/onboarding")
async def save_onboarding(request: Request, state: StateDep, form: FormDep) -> Response:
    values, profile, errors = read_profile(form)
    if profile is None:
        return _form(request, state, values, errors, status=422)
    state.store.save_profile(profile)
    state.changed()
    return RedirectResponse("/screening", status_code=303)


@router.get("/screening")
def screening(request: Request, state: StateDep, today: TodayDep) -> Response:
    person = service.profile(state)
    if person is None:
        return RedirectResponse("/onboarding", status_code=303)
    return _screening(request, state, person, today, {}, {})


def _screening(request: Request, state: AppState, person: Profile, today: date,
               values: dict[str, str], errors: dict[str, str], status: int = 200) -> HTMLResponse:
    result = service.screening(state, today)
    names = finding_names(person, state.catalog)
    return page(request, "screening.html", {
        "active": "today", "screening": result, "today": today, "values": values,
        "errors": errors, "clearances": service.clearances(state),
        "notes": note_lines(result.exercise_notes, state.catalog, person.equipment_at_hand()),
        "to_clear": [names[code] for code in result.needs_clearance],
    }, status=status)


@router.post("/screening/cleared")
async def cleared(request: Request, state: StateDep, today: TodayDep,
                  form: FormDep) -> Response:
    person = service.profile(state)
    if person is None:
        return RedirectResponse("/onboarding", status_code=303)
    values = {"date": str(form.get("date") or "").strip(),
              "note": str(form.get("note") or "").strip()}
    try:
        on = date.fromisoformat(values["date"]) if values["date"] else today
    except ValueError:
        return _screening(request, state, person, today, values,
                          {"date": "Write the date as YYYY-MM-DD, e.g. 2026-03-01."}, 422)
    if len(values["note"]) > 2000:
        return _screening(request, state, person, today, values,
                          {"note": "Keep the note under 2000 characters."}, 422)
    try:
        service.record_clearance(state, on=on, note=values["note"] or None, today=today)
    except BackcoachError as exc:
        text = exc.message
        field = exc.field if exc.field in values else "date"
        return _screening(request, state, person, today, values,
                          {field: text[0].upper() + text[1:]}, 422)
    return RedirectResponse("/screening", status_code=303)
