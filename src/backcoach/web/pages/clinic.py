"""Server mode, the clinician's pages: the dashboard of patients and one patient's page."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Literal

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from pydantic import ValidationError

from backcoach import auth, clinic
from backcoach.catalog import Catalog
from backcoach.errors import BackcoachError, ConflictError, InvalidError
from backcoach.i18n import _
from backcoach.limits import error_text
from backcoach.prescription import METRICS, Prescription, bounds
from backcoach.web.api.auth import me, parts
from backcoach.web.api.patients import _rows
from backcoach.web.deps import AppState, StateDep
from backcoach.web.progress_view import progress_view
from backcoach.web.render import page
from backcoach.web.security import FormDep

router = APIRouter(include_in_schema=False)


@dataclass(frozen=True)
class DoseField:
    """One number a clinician may set in a prescription form."""

    exercise: str
    exercise_name: str
    metric: str
    low: float
    high: float

    @property
    def name(self) -> str:
        return f"{self.exercise}.{self.metric}"

Sort = Literal["flags", "email", "last", "pain", "week"]


def sorts() -> dict[str, str]:
    """Return the dashboard's columns, each a way to sort it, in the current language."""
    return {"flags": _("Flags"), "email": _("Patient"), "week": _("This week"),
            "pain": _("Pain, 4 weeks"), "last": _("Last session")}


def flag_text() -> dict[str, str]:
    """Return what each flag on a patient means, in the current language."""
    return {"red_flag": _("a red flag in the answers: see the screening"),
            "stopped_for_pain": _("stopped a session for pain in the last 14 days"),
            "pain_up": _("pain up by 2 or more over 4 weeks"),
            "inactive": _("no session for 7 days")}


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


def _dashboard(request: Request, state: AppState, sort: Sort,
               invitation: tuple[str, datetime] | None = None) -> HTMLResponse:
    found = clinic.patients(_rows(request), state.catalog, me(request), state.day)
    return page(request, "patients.html", {
        "active": "patients", "patients": _sorted(found, sort), "sort": sort,
        "sorts": sorts(), "flag_text": {**clinic.FLAG_TEXT, **flag_text()},
        "today": state.day(),
        "invitation": invitation})


@router.get("/patients")
def dashboard(request: Request, state: StateDep, sort: Sort = "flags") -> HTMLResponse:
    return _dashboard(request, state, sort)


@router.post("/patients/invite")
def invite(request: Request, state: StateDep, form: FormDep) -> HTMLResponse:
    """A new patient's one-time registration link, shown once on the dashboard."""
    del form  # the CSRF check
    info, code = auth.create_invitation(parts(request)[1], me(request))
    link = str(request.url_for("register_page").include_query_params(invite=code))
    return _dashboard(request, state, "flags", (link, info.expires_at))


def _dose_fields(catalog: Catalog, program_id: str) -> list[DoseField]:
    """The numbers a prescription of ``program_id`` may set, with the catalog's range."""
    program = catalog.programs[program_id]
    fields: list[DoseField] = []
    for item in program.items():
        for metric in METRICS:
            allowed = bounds(item.dose, metric)
            if allowed is not None and allowed[0] < allowed[1]:
                fields.append(DoseField(item.exercise, catalog.exercises[item.exercise].name,
                                        metric, allowed[0], allowed[1]))
    return list({(f.exercise, f.metric): f for f in fields}.values())


def _patient_page(request: Request, state: AppState, patient_id: int, *,
                  program: str | None = None, values: dict[str, str] | None = None,
                  error: BackcoachError | None = None,
                  reset: tuple[str, datetime] | None = None) -> HTMLResponse:
    from backcoach import coach

    accounts, _rows_of = parts(request)
    account, store = clinic.patient_store(accounts, _rows(request), me(request), patient_id,
                                          "read patient page")
    today = state.day(store.zone)  # the patient's day, not the clinician's
    profile = store.profile()
    current = store.prescription()
    shown = program if program in state.catalog.programs else (
        current.prescription.program if current else None)
    if values is None and current is not None and shown == current.prescription.program:
        values = {f"{ex}.{metric}": f"{value:g}"
                  for ex, change in current.prescription.doses.items()
                  for metric, value in change.model_dump().items() if value is not None}
        values["note"] = current.prescription.note or ""
    programs = [p for p in state.catalog.programs.values() if not p.supervised]
    progress = coach.progress(store, state.catalog, today)
    return page(request, "patient.html", {
        "active": "patients", "patient": account, "profile": profile,
        "screening": coach.screening(store, state.catalog, today) if profile else None,
        "progress": progress, "view": progress_view(progress),
        "sessions": list(reversed(store.sessions()))[:50], "today": today,
        "prescription": current, "programs": programs, "shown": shown,
        "dose_fields": _dose_fields(state.catalog, shown) if shown else [],
        "values": values or {}, "error": error, "reset": reset},
        status=error.http_status if error else 200)


@router.get("/patients/{patient_id}")
def patient_page(patient_id: int, request: Request, state: StateDep,
                 program: str | None = None) -> HTMLResponse:
    return _patient_page(request, state, patient_id, program=program)


@router.post("/patients/{patient_id}/prescription")
def prescribe(patient_id: int, request: Request, state: StateDep, form: FormDep) -> Response:
    values = {k: v for k, v in form.items() if isinstance(v, str)}
    program = values.get("program", "")
    try:
        doses: dict[str, dict[str, float]] = {}
        for name, text in values.items():
            exercise, dot, metric = name.partition(".")
            if not dot or metric not in METRICS or not text.strip():
                continue
            try:
                number = float(text)
            except ValueError:
                raise InvalidError(_("{exercise}: {metric} '{text}' is not a number").format(
                    exercise=exercise, metric=metric, text=text), field=name) from None
            doses.setdefault(exercise, {})[metric] = (
                number if metric == "minutes" else int(number))
        prescription = Prescription.model_validate(
            {"program": program, "doses": doses, "note": values.get("note") or None})
        accounts, _rows_of = parts(request)
        clinic.prescribe(accounts, _rows(request), state.catalog, me(request), patient_id,
                         prescription)
    except ValidationError as exc:
        return _patient_page(request, state, patient_id, program=program,
                             values=values, error=InvalidError(error_text(exc.errors()[0]),
                                                               field="program"))
    except (InvalidError, ConflictError) as exc:
        return _patient_page(request, state, patient_id, program=program,
                             values=values, error=exc)
    state.changed()
    return RedirectResponse(f"/patients/{patient_id}#prescription", status_code=303)


@router.post("/patients/{patient_id}/password-reset")
def reset_link(patient_id: int, request: Request, state: StateDep, form: FormDep) -> HTMLResponse:
    """A one-time link for a patient who forgot their password, shown once on their page."""
    del form  # the CSRF check
    accounts, auth_rows = parts(request)
    expires_at, code = clinic.reset_link(accounts, _rows(request), auth_rows, me(request),
                                         patient_id)
    link = str(request.url_for("reset_page").include_query_params(code=code))
    return _patient_page(request, state, patient_id, reset=(link, expires_at))
