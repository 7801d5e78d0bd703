"""Onboarding: the profile questions in four short steps, then the screening verdict.

The steps are one form whose other steps ride along hidden, so answers are kept between
steps with no draft stored and no JavaScript needed: "Next" checks the steps so far and
shows the next one, "Back" shows the one before, "Save and check" checks everything and
saves. A whole form posted at once (no step) is checked and saved the same way.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from starlette.datastructures import FormData

from backcoach import i18n, questions
from backcoach.catalog.models import Equipment
from backcoach.errors import BackcoachError
from backcoach.i18n import _
from backcoach.profile import CONDITION_FIELDS, Profile
from backcoach.screening import finding_names, note_lines
from backcoach.web import service
from backcoach.web.deps import AppState, StateDep, TodayDep
from backcoach.web.pages.forms import profile_values, read_profile
from backcoach.web.render import page
from backcoach.web.security import FormDep
from backcoach.words import plural

router = APIRouter(include_in_schema=False)

EQUIPMENT: tuple[str, ...] = Equipment.__args__  # type: ignore[attr-defined]


@dataclass(frozen=True)
class Step:
    """One screen of the onboarding: its title and the answers on it, in the form's order."""

    title: str
    fields: tuple[str, ...]


# The answers on each step, in the form's order (their titles: :func:`steps`).
STEP_FIELDS: tuple[tuple[str, ...], ...] = (
    ("pain_now", "pain_level", "pain_where", "pain_spreads", "pain_is_new",
     *(q.field for q in questions.PAIN_COURSE)),
    tuple(q.field for q in (*questions.EMERGENCY, *questions.SERIOUS_NOW)),
    (*(q.field for q in questions.HISTORY), *CONDITION_FIELDS, "supervised"),
    ("age", "sex", "equipment", "place", "minutes_per_day", "days_per_week", "goal"),
)


def steps() -> tuple[Step, ...]:
    """Return the steps, titled in the current language."""
    titles = (_("Your back now"), _("Warning signs"), _("Your health"),
              _("You and your training"))
    return tuple(Step(title, fields) for title, fields in zip(titles, STEP_FIELDS, strict=True))


def labels() -> dict[str, str]:
    """Return the names the error summary gives the answers that are not boxes to tick."""
    return {"pain_now": _("Back pain now"), "pain_level": _("How strong the pain is"),
            "pain_where": _("Where the pain is"), "pain_spreads": _("Whether the pain spreads"),
            "age": _("Your age"), "sex": _("Sex"), "equipment": _("What you have at hand"),
            "place": _("Where you train"), "minutes_per_day": _("Minutes a day"),
            "days_per_week": _("Days a week"), "goal": _("Your goal"),
            "supervised": _("Training with a physiotherapist or trainer")}


def step_of(field: str) -> int:
    """Return the step (1 to 4) that asks ``field``; an error of the whole form goes last."""
    return next((n for n, fields in enumerate(STEP_FIELDS, 1) if field in fields),
                len(STEP_FIELDS))


def _label(state: AppState, field: str) -> str:
    asked = {q.field: q.label for q in questions.ALL}
    conditions = {name: label for name, label, _hint in _conditions(state)}
    return (labels().get(field) or asked.get(field) or conditions.get(field)
            or _("Your answers"))


def _summary(state: AppState, errors: dict[str, str]) -> list[tuple[str, str, str]]:
    """Return (field, its name, the error) for each error, in the form's order."""
    order = [f for fields in STEP_FIELDS for f in fields]
    ranked = sorted(errors, key=lambda f: order.index(f) if f in order else len(order))
    return [(f, _label(state, f), errors[f]) for f in ranked]


def _conditions(state: AppState) -> list[tuple[str, str, str]]:
    """Return (field, label, description) for each condition question."""
    out = []
    for field, tag in CONDITION_FIELDS.items():
        known = state.catalog.conditions.get(tag)
        # In English the answers' own wording; in another language the catalog's, which is
        # translated (the answers' descriptions are the API's, in English).
        own = Profile.model_fields[field].description
        catalogs = known.description if known else ""
        hint = (own or catalogs) if i18n.current() == i18n.DEFAULT else (catalogs or own or "")
        out.append((field, known.label if known else field.replace("_", " "), hint))
    return out


def _form(request: Request, state: AppState, values: dict[str, Any], errors: dict[str, str],
          *, step: int = 1, status: int = 200) -> HTMLResponse:
    """Return the form at ``step``; with errors, every step that has one is shown instead."""
    shown = sorted({step_of(f) for f in errors}) or [step]
    return page(request, "onboarding.html", {
        "active": "", "values": values, "errors": errors, "equipment": EQUIPMENT,
        "questions": questions, "conditions": _conditions(state),
        "first_time": service.profile(state) is None, "steps": steps(), "step": shown[0],
        "shown": shown, "summary": _summary(state, errors),
        "summary_title": _("Please check {answers}:").format(
            answers=plural(len(errors), "answer")),
    }, status=status)


def _errors_so_far(form: FormData, step: int) -> dict[str, str]:
    """Return the errors of steps 1 to ``step``, later answers taken as valid stand-ins.

    The checks across answers (no pain but a pain level) run only when every answer is
    valid, so a later step's empty answer (the age) must not hide them at step 1.
    """
    later = {f for fields in STEP_FIELDS[step:] for f in fields}
    stand_ins = {**profile_values(None), "age": "40"}
    trial = [(k, v) for k, v in form.multi_items() if k not in later]
    for name in later & stand_ins.keys():
        value = stand_ins[name]
        trial += [(name, str(v)) for v in (value if isinstance(value, list) else [value])]
    _values, _profile, errors = read_profile(FormData(trial))
    return {f: text for f, text in errors.items() if step_of(f) <= step}


def _step_posted(form: FormData) -> int | None:
    """Return the step the form was sent from, or None for a whole form sent at once."""
    raw = str(form.get("step") or "")
    known = raw.isascii() and raw.isdigit() and 1 <= int(raw) <= len(STEP_FIELDS)
    return int(raw) if known else None


@router.get("/onboarding")
def onboarding(request: Request, state: StateDep) -> HTMLResponse:
    return _form(request, state, profile_values(service.profile(state)), {})


@router.post("/onboarding")
async def save_onboarding(request: Request, state: StateDep, form: FormDep) -> Response:
    values, profile, errors = read_profile(form)
    step, go = _step_posted(form), str(form.get("go") or "save")
    if step is not None and go == "back":
        return _form(request, state, values, {}, step=max(step - 1, 1))
    if step is not None and go == "next":  # only what was asked so far must be right
        so_far = _errors_so_far(form, step)
        if so_far:
            return _form(request, state, values, so_far, status=422)
        return _form(request, state, values, {}, step=min(step + 1, len(STEP_FIELDS)))
    if profile is None:  # with the checks across answers that an empty age would hide
        every = {**_errors_so_far(form, len(STEP_FIELDS) - 1), **errors}
        return _form(request, state, values, every, status=422)
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
                          {"date": _("Write the date as YYYY-MM-DD, e.g. 2026-03-01.")}, 422)
    if len(values["note"]) > 2000:
        return _screening(request, state, person, today, values,
                          {"note": _("Keep the note under 2000 characters.")}, 422)
    try:
        service.record_clearance(state, on=on, note=values["note"] or None, today=today)
    except BackcoachError as exc:
        text = exc.message
        field = exc.field if exc.field in values else "date"
        return _screening(request, state, person, today, values,
                          {field: text[0].upper() + text[1:]}, 422)
    return RedirectResponse("/screening", status_code=303)
