"""Server mode, the clinician's side: the patients at a glance, one patient's records
(read-only, each read in the audit log), invitations for new patients, and a link for a
patient who forgot their password."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Path, Request, Response

from backcoach import auth, clinic
from backcoach.errors import NotFoundError
from backcoach.i18n import _
from backcoach.prescription import Prescription, PrescriptionRecord
from backcoach.profile import Profile
from backcoach.progress import Progress
from backcoach.screening import ExerciseNote
from backcoach.store import Store
from backcoach.store.backup import ExportDocument, export_user
from backcoach.store.clinic import ClinicRows
from backcoach.web.api.auth import me, parts
from backcoach.web.deps import NowDep, StateDep
from backcoach.web.handout import handout_pdf
from backcoach.web.schemas import (
    AuditOut,
    FlagOut,
    InvitationOut,
    PainChangeOut,
    PatientOut,
    ResetLinkOut,
    StoredSessionOut,
)

router = APIRouter(tags=["patients"])
CLINICIANS: dict[int | str, dict[str, Any]] = {
    403: {"description": "Only a clinician follows patients."}}
PatientId = Annotated[int, Path(ge=1, le=2**31 - 1, description="The id GET /patients "
                                "lists.")]


def _rows(request: Request) -> ClinicRows:
    return ClinicRows(request.app.state.backcoach.store.engine)


def _patient(request: Request, patient_id: int, action: str) -> Store:
    accounts, _ = parts(request)
    _, store = clinic.patient_store(accounts, _rows(request), me(request), patient_id, action)
    return store


def _out(summary: clinic.PatientSummary) -> PatientOut:
    pain = summary.pain
    return PatientOut(
        id=summary.id, email=summary.email, active=summary.active, urgent=summary.urgent,
        sessions_this_week=summary.sessions_this_week,
        planned_this_week=summary.planned_this_week, last_session=summary.last_session,
        pain=None if pain is None else PainChangeOut(
            baseline=pain.baseline, baseline_date=pain.baseline_date, latest=pain.latest,
            latest_date=pain.latest_date, change=pain.change, meaningful=pain.meaningful,
            verdict=pain.verdict),
        flags=[FlagOut(code=f, text=clinic.FLAG_TEXT[f]) for f in summary.flags])


@router.get("/patients", responses=CLINICIANS)
def list_patients(request: Request, state: StateDep) -> list[PatientOut]:
    """Your patients: this week against the plan, pain over 4 weeks, the last session and
    flags, each on the day it is in their time zone; those with a red flag first."""
    found = clinic.patients(_rows(request), state.catalog, me(request), state.day)
    return [_out(s) for s in found]


@router.get("/patients/{patient_id:int}/progress", responses=CLINICIANS)
def patient_progress(patient_id: PatientId, request: Request, state: StateDep) -> Progress:
    """One patient's progress, as they see it (on their day)."""
    from backcoach import coach

    store = _patient(request, patient_id, "read progress")
    return coach.progress(store, state.catalog, state.day(store.zone))


@router.get("/patients/{patient_id:int}/sessions", responses=CLINICIANS)
def patient_sessions(patient_id: PatientId, request: Request) -> list[StoredSessionOut]:
    """One patient's finished sessions, set by set, oldest first."""
    store = _patient(request, patient_id, "read sessions")
    return [StoredSessionOut(id=s.id, record=s.record) for s in store.sessions()]


@router.get("/patients/{patient_id:int}/profile", responses=CLINICIANS)
def patient_profile(patient_id: PatientId, request: Request) -> Profile:
    """One patient's newest answers (404 before they answered)."""
    from backcoach import coach

    return coach.profile(_patient(request, patient_id, "read answers"))


@router.put("/patients/{patient_id:int}/prescription", responses=CLINICIANS)
def put_prescription(patient_id: PatientId, body: Prescription, request: Request,
                     state: StateDep) -> PrescriptionRecord:
    """Prescribe a program of the catalog and, for some of its exercises, numbers within the
    catalog's range for them, with a note. The patient's plan follows it from now on, the
    screening and every exclusion still applying; earlier prescriptions are kept."""
    accounts, _ = parts(request)
    saved = clinic.prescribe(accounts, _rows(request), state.catalog, me(request),
                             patient_id, body)
    state.changed()
    return saved


@router.get("/patients/{patient_id:int}/prescriptions", responses=CLINICIANS)
def patient_prescriptions(patient_id: PatientId, request: Request) -> list[PrescriptionRecord]:
    """Every prescription written for the patient, newest (the one in force) first."""
    return _patient(request, patient_id, "read prescriptions").prescriptions()


@router.get("/patients/{patient_id:int}/export", response_model=ExportDocument,
            responses=CLINICIANS)
def patient_export(patient_id: PatientId, request: Request, now: NowDep) -> Response:
    """Everything the patient recorded, as one JSON document (what ``backcoach import``
    reads back)."""
    doc = export_user(_patient(request, patient_id, "exported the records"), now=now)
    return Response(doc.model_dump_json(indent=2), media_type="application/json", headers={
        "Content-Disposition": f'attachment; filename="backcoach-patient-{patient_id}-'
        f'{now:%Y-%m-%d}.json"'})


@router.get("/patients/{patient_id:int}/handout.pdf", response_class=Response,
            responses={**CLINICIANS, 200: {"content": {"application/pdf": {}}},
                       404: {"description": "No such patient of yours, or nothing "
                             "prescribed yet."}})
def patient_handout(patient_id: PatientId, request: Request, state: StateDep) -> Response:
    """The printable handout of the program prescribed to the patient, with your note and
    numbers and what their answers change in each exercise."""
    from backcoach import coach

    store = _patient(request, patient_id, "printed the handout")
    prescribed = store.prescription()
    if prescribed is None:
        raise NotFoundError(_("nothing is prescribed for this patient yet: PUT "
                              "/api/v1/patients/{patient_id}/prescription first").format(
                                  patient_id=patient_id), field="prescription")
    program = state.catalog.program(prescribed.prescription.program)
    answers = store.profile()
    notes: dict[str, list[ExerciseNote]] = {}
    if answers is not None:
        for note in coach.screening(store, state.catalog,
                                    state.day(store.zone)).exercise_notes:
            notes.setdefault(note.exercise, []).append(note)
    return Response(handout_pdf(program, state.catalog, notes, prescribed),
                    media_type="application/pdf", headers={
                        "Content-Disposition": f'inline; filename="backcoach-{program.id}'
                        f'-patient-{patient_id}.pdf"'})


@router.delete("/patients/{patient_id:int}", status_code=204, responses=CLINICIANS)
def delete_patient(patient_id: PatientId, request: Request, state: StateDep) -> Response:
    """Delete the patient's account and every record of theirs (export them first)."""
    accounts, _ = parts(request)
    clinic.delete_patient(accounts, _rows(request), me(request), patient_id)
    state.changed()
    return Response(status_code=204)


@router.get("/audit", responses=CLINICIANS)
def audit(request: Request) -> list[AuditOut]:
    """Who read your patients' records, and when (in your time zone), newest first."""
    clinician = me(request)
    return [AuditOut(at=clinician.zone.attach(e.at), actor=e.actor, patient=e.patient,
                     action=e.action) for e in clinic.audit_log(_rows(request), clinician)]


@router.post("/patients/invitations", status_code=201, responses=CLINICIANS)
def invite(request: Request) -> InvitationOut:
    """A one-time code (and the registration link holding it) for a new patient, valid
    for seven days."""
    info, code = auth.create_invitation(parts(request)[1], me(request))
    link = str(request.url_for("register_page").include_query_params(invite=code))
    return InvitationOut(code=code, link=link, expires_at=info.expires_at)


@router.post("/patients/{patient_id:int}/password-reset", status_code=201, responses=CLINICIANS)
def reset_link(patient_id: PatientId, request: Request) -> ResetLinkOut:
    """A one-time link for a patient who forgot their password (the server sends no email:
    give it to them). It works once, for a day; a newer one replaces it."""
    accounts, auth_rows = parts(request)
    expires_at, code = clinic.reset_link(accounts, _rows(request), auth_rows, me(request),
                                         patient_id)
    link = str(request.url_for("reset_page").include_query_params(code=code))
    return ResetLinkOut(code=code, link=link, expires_at=expires_at)
