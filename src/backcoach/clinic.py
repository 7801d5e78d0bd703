"""Server mode, the clinician's side: the patients at a glance, and one patient's records
read-only, each read written to the audit log.

The dashboard answers, for each patient: how this week goes against the plan, where pain is
heading over the last four weeks (with the meaningful-change verdict of
:mod:`backcoach.progress`), the last session, and flags, the urgent first:

- ``red_flag``: the newest answers screen "urgent" or "consult" (a sign to see a doctor);
- ``stopped_for_pain``: a session stopped for pain or a spasm in the last 14 days;
- ``pain_up``: pain up by 2 points or more over the four weeks;
- ``inactive``: no session for 7 days (or none at all).

A clinician reaches only their own patients: any other id is "not found", so a clinician
cannot even learn that it exists.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, Literal

from backcoach.auth import create_reset
from backcoach.errors import ForbiddenError, NotFoundError
from backcoach.i18n import _
from backcoach.prescription import Prescription, PrescriptionRecord, check
from backcoach.profile import Profile
from backcoach.progress import (
    DEFAULT_DAYS_PER_WEEK,
    Change,
    PainReading,
    SessionSummary,
    compute_progress,
)
from backcoach.screening import screen
from backcoach.store.accounts import Account, Accounts
from backcoach.store.auth import AuthRows
from backcoach.store.clinic import AuditEntry, ClinicData, ClinicRows, PatientRow
from backcoach.timestamps import Zone, utc_now

if TYPE_CHECKING:
    from backcoach.catalog import Catalog
    from backcoach.store import Store

Flag = Literal["red_flag", "stopped_for_pain", "pain_up", "inactive"]
FLAG_ORDER: tuple[Flag, ...] = ("red_flag", "stopped_for_pain", "pain_up", "inactive")
FLAG_TEXT: dict[Flag, str] = {
    "red_flag": "a red flag in the answers: see the screening",
    "stopped_for_pain": "stopped a session for pain in the last 14 days",
    "pain_up": "pain up by 2 or more over 4 weeks",
    "inactive": "no session for 7 days",
}
TREND_DAYS = 28
STOP_DAYS = 14
INACTIVE_DAYS = 7
PAIN_UP_POINTS = 2


@dataclass(frozen=True)
class PatientSummary:
    """One row of the dashboard."""

    id: int
    email: str
    active: bool  # the account may log in
    sessions_this_week: int
    planned_this_week: int
    last_session: date | None
    pain: Change | None  # after sessions (else before them, else check-ins), 4 weeks
    flags: list[Flag]
    today: date | None = None  # the day it is for the patient, in their time zone

    @property
    def urgent(self) -> bool:
        return "red_flag" in self.flags


def _need_clinician(account: Account) -> None:
    if account.role != "clinician":
        raise ForbiddenError(_("only a clinician follows patients"), field="role")


def _summary(patient: PatientRow, data: ClinicData, catalog: Catalog,
             today: date) -> PatientSummary:
    start = today - timedelta(days=TREND_DAYS)  # the window, from the patient's own day
    sessions = [s for s in data.sessions.get(patient.user_id, []) if s.date >= start]
    answers = data.profiles.get(patient.user_id)
    profile = Profile.model_validate(answers) if answers is not None else None
    monday = today - timedelta(days=today.weekday())
    progress = compute_progress(
        sessions=[SessionSummary(s.date, s.phase, s.status == "completed", s.pain_before,
                                 s.pain_after) for s in sessions],
        pain_checkins=[PainReading(at, pain) for at, pain in
                       data.checkins.get(patient.user_id, []) if at.date() >= start],
        today=today)
    pain = progress.pain.after or progress.pain.before or progress.pain.checkin
    flags: list[Flag] = []
    if profile is not None:
        verdict = screen(profile, catalog, data.clearances.get(patient.user_id, []),
                         today=today).verdict
        if verdict in ("urgent", "consult"):
            flags.append("red_flag")
    if any(s.status == "stopped" and s.stopped_reason in ("pain", "spasm")
           and s.date > today - timedelta(days=STOP_DAYS) for s in sessions):
        flags.append("stopped_for_pain")
    if pain is not None and pain.change >= PAIN_UP_POINTS:
        flags.append("pain_up")
    last = data.last_session.get(patient.user_id)
    if last is None or last <= today - timedelta(days=INACTIVE_DAYS):
        flags.append("inactive")
    return PatientSummary(
        id=patient.id, email=patient.email, active=not patient.disabled,
        sessions_this_week=len({s.date for s in sessions if s.date >= monday}),
        planned_this_week=profile.days_per_week if profile else DEFAULT_DAYS_PER_WEEK,
        last_session=last, pain=pain, flags=flags, today=today)


def _rank(summary: PatientSummary) -> tuple[int, int, str]:
    return (0 if summary.urgent else 1, -len(summary.flags), summary.email)


def patients(rows: ClinicRows, catalog: Catalog, clinician: Account,
             day: Callable[[Zone], date]) -> list[PatientSummary]:
    """The clinician's patients, those flagged urgent first, then by how many flags; each
    judged on the day it is for them (``day`` of their time zone: a patient in another
    zone may be a day ahead or behind the clinician)."""
    _need_clinician(clinician)
    # Read from the earliest day any zone's window starts (days differ by two at most).
    data = rows.read(clinician.id, day(clinician.zone) - timedelta(days=TREND_DAYS + 2))
    return sorted((_summary(p, data, catalog, day(Zone(p.time_zone))) for p in data.patients),
                  key=_rank)


def patient_store(accounts: Accounts, rows: ClinicRows, clinician: Account, patient_id: int,
                  action: str, now: datetime | None = None) -> tuple[Account, Store]:
    """Return one of the clinician's patients and a store of their records, noting in the
    audit log that the clinician read them (``action``: what was read)."""
    _need_clinician(clinician)
    found = rows.patient(clinician.id, patient_id)
    patient = accounts.by_id(found.id) if found is not None else None
    if patient is None:
        raise NotFoundError(_("you have no patient {patient_id}").format(patient_id=patient_id),
                            field="patient_id")
    rows.record(clinician.id, patient.id, action, now or utc_now())
    return patient, accounts.store_of(patient)


def prescribe(accounts: Accounts, rows: ClinicRows, catalog: Catalog, clinician: Account,
              patient_id: int, prescription: Prescription,
              now: datetime | None = None) -> PrescriptionRecord:
    """Give one of the clinician's patients a new prescription (kept with the clinician and
    the time; the patient's plan follows it from now on)."""
    check(prescription, catalog)
    at = now or utc_now()
    _, store = patient_store(accounts, rows, clinician, patient_id, "changed prescription",
                             at)
    store.save_prescription(prescription, author_id=clinician.id, at=at)
    return PrescriptionRecord(prescription=prescription, author=clinician.email, at=at)


def delete_patient(accounts: Accounts, rows: ClinicRows, clinician: Account,
                   patient_id: int) -> Account:
    """Delete one of the clinician's patients' account with every record of theirs."""
    patient, _ = patient_store(accounts, rows, clinician, patient_id, "deleted the account")
    accounts.delete(patient.email)
    return patient


def audit_log(rows: ClinicRows, clinician: Account) -> list[AuditEntry]:
    """Who read or changed the clinician's patients' records, newest first."""
    _need_clinician(clinician)
    return rows.audit_of(clinician.id)


def reset_link(accounts: Accounts, rows: ClinicRows, auth_rows: AuthRows, clinician: Account,
               patient_id: int, now: datetime | None = None) -> tuple[datetime, str]:
    """Make a one-time code for one of the clinician's patients who forgot their password
    (noted in the audit log); returns when it expires and the code, shown this once."""
    at = now or utc_now()
    patient, _ = patient_store(accounts, rows, clinician, patient_id,
                               "made a password reset link", at)
    return create_reset(auth_rows, clinician, patient, at)
