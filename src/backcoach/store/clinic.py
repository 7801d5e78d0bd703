"""What a clinician's dashboard reads about all their patients at once, and the audit log.

A clinic's clinician follows up to a few hundred patients; the dashboard must not run one
person's whole progress query per patient. These queries read every patient of one
clinician together (a handful of statements, whatever the number of patients), and only the
recent weeks that the dashboard summarises.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any

from sqlalchemy import and_, func, select

from backcoach.clearance import Clearance as ClearanceRecord
from backcoach.store.db import Rows
from backcoach.store.tables import (
    Account,
    AuditEvent,
    Clearance,
    PainCheckin,
    ProfileVersion,
    SessionRow,
)
from backcoach.timestamps import Zone

FINISHED = ("completed", "stopped")


@dataclass(frozen=True)
class PatientRow:
    id: int  # the account's
    user_id: int
    email: str
    disabled: bool
    time_zone: str | None = None  # the patient's (None: the server's)


@dataclass(frozen=True)
class RecentSession:
    date: date
    phase: str
    status: str
    stopped_reason: str | None
    pain_before: int | None
    pain_after: int | None


@dataclass(frozen=True)
class ClinicData:
    """Everything the dashboard reads for one clinician's patients."""

    patients: list[PatientRow]
    sessions: dict[int, list[RecentSession]]  # by user id, since the window's start
    last_session: dict[int, date]  # by user id, all time
    checkins: dict[int, list[tuple[datetime, int]]]  # by user id, since the window's start
    profiles: dict[int, dict[str, Any]]  # the newest answers, by user id
    clearances: dict[int, list[ClearanceRecord]]  # by user id


@dataclass(frozen=True)
class AuditEntry:
    at: datetime
    actor: str | None  # the email of who did it (None once that account is gone)
    patient: str
    action: str


class ClinicRows(Rows):
    """The clinic-wide reads of one database."""

    def patients_of(self, clinician_id: int) -> list[PatientRow]:
        with self._read() as s:
            rows = s.execute(select(Account.id, Account.user_id, Account.email,
                                    Account.disabled_at, Account.time_zone)
                             .where(Account.clinician_id == clinician_id)
                             .order_by(Account.email))
            return [PatientRow(i, u, e, d is not None, z) for i, u, e, d, z in rows]

    def patient(self, clinician_id: int, patient_id: int) -> PatientRow | None:
        """Return the patient if ``clinician_id`` follows them (else None: not theirs)."""
        return next((p for p in self.patients_of_ids(clinician_id, [patient_id])), None)

    def patients_of_ids(self, clinician_id: int, ids: list[int]) -> list[PatientRow]:
        with self._read() as s:
            rows = s.execute(select(Account.id, Account.user_id, Account.email,
                                    Account.disabled_at, Account.time_zone)
                             .where(Account.clinician_id == clinician_id,
                                    Account.id.in_(ids)))
            return [PatientRow(i, u, e, d is not None, z) for i, u, e, d, z in rows]

    def read(self, clinician_id: int, since: date) -> ClinicData:
        """Return the dashboard's data for the clinician's patients since ``since``."""
        patients = self.patients_of(clinician_id)
        users = [p.user_id for p in patients]
        sessions: dict[int, list[RecentSession]] = defaultdict(list)
        checkins: dict[int, list[tuple[datetime, int]]] = defaultdict(list)
        clearances: dict[int, list[ClearanceRecord]] = defaultdict(list)
        if not users:
            return ClinicData([], {}, {}, {}, {}, {})
        mine = SessionRow.user_id.in_(users)
        with self._read() as s:
            for row in s.execute(
                    select(SessionRow.user_id, SessionRow.date, SessionRow.phase,
                           SessionRow.status, SessionRow.stopped_reason,
                           SessionRow.pain_before, SessionRow.pain_after)
                    .where(mine, SessionRow.status.in_(FINISHED), SessionRow.date >= since)
                    .order_by(SessionRow.date, SessionRow.id)):
                sessions[row[0]].append(RecentSession(*row[1:]))
            # The last session: in the window for most; only those without a recent one
            # are looked up over their whole record.
            last = {user: rows[-1].date for user, rows in sessions.items()}
            quiet = [u for u in users if u not in last]
            if quiet:
                last |= dict(s.execute(
                    select(SessionRow.user_id, func.max(SessionRow.date))
                    .where(SessionRow.user_id.in_(quiet), SessionRow.status.in_(FINISHED))
                    .group_by(SessionRow.user_id)).all())
            # Each patient's check-ins in their own time zone, from their midnight: read
            # from the earliest midnight on earth (UTC+14), then each kept from their own.
            zones = {p.user_id: Zone(p.time_zone) for p in patients}
            earliest = datetime.combine(since - timedelta(days=1), datetime.min.time(), UTC)
            for user, at, pain in s.execute(
                    select(PainCheckin.user_id, PainCheckin.at, PainCheckin.pain)
                    .where(PainCheckin.user_id.in_(users), PainCheckin.at >= earliest)
                    .order_by(PainCheckin.at)):
                moment = zones[user].attach(at)
                if moment.date() >= since:
                    checkins[user].append((moment, pain))
            newest = (select(ProfileVersion.user_id,
                             func.max(ProfileVersion.id).label("id"))
                      .where(ProfileVersion.user_id.in_(users))
                      .group_by(ProfileVersion.user_id).subquery())
            profiles: dict[int, dict[str, Any]] = dict(s.execute(
                select(ProfileVersion.user_id, ProfileVersion.data)
                .join(newest, and_(ProfileVersion.id == newest.c.id))).all())
            for user, day, note, covers in s.execute(
                    select(Clearance.user_id, Clearance.date, Clearance.note, Clearance.covers)
                    .where(Clearance.user_id.in_(users))
                    .order_by(Clearance.date, Clearance.id)):
                clearances[user].append(ClearanceRecord(date=day, note=note,
                                                        covers=list(covers or [])))
        return ClinicData(patients, dict(sessions), last, dict(checkins), profiles,
                          dict(clearances))

    # The audit log -------------------------------------------------------------------------

    def record(self, actor_id: int, patient_id: int, action: str, at: datetime) -> None:
        with self._write() as s:
            s.add(AuditEvent(actor_id=actor_id, patient_id=patient_id, action=action, at=at))

    def audit_of(self, clinician_id: int, limit: int = 500) -> list[AuditEntry]:
        """The newest entries about the clinician's own patients (by anyone)."""
        from sqlalchemy.orm import aliased

        actor, patient = aliased(Account), aliased(Account)
        with self._read() as s:
            rows = s.execute(
                select(AuditEvent.at, actor.email, patient.email, AuditEvent.action)
                .join(patient, AuditEvent.patient_id == patient.id)
                .outerjoin(actor, AuditEvent.actor_id == actor.id)
                .where(patient.clinician_id == clinician_id)
                .order_by(AuditEvent.at.desc(), AuditEvent.id.desc()).limit(limit))
            return [AuditEntry(*row) for row in rows]
