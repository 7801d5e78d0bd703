"""The clinician's dashboard: each patient's week, pain trend and flags, read for all
patients at once, on SQLite and PostgreSQL; only the clinician's own patients."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta

import pytest

from backcoach import clinic
from backcoach.accounts import add_account
from backcoach.errors import ForbiddenError, NotFoundError
from backcoach.history import ExerciseDone, SessionRecord, SetDone
from backcoach.profile import Profile, RedFlags
from backcoach.store import Store
from backcoach.store.accounts import Accounts
from backcoach.store.clinic import ClinicRows
from backcoach.timestamps import Zone

PASSWORD = "correct horse battery"
TODAY = date(2026, 11, 26)  # a Thursday


def ON_TODAY(zone: Zone) -> date:
    """The day it is in every zone: TODAY (the dashboard asks per patient)."""
    return TODAY


def _session(day: date, *, before: int = 3, after: int = 3,
             stopped: str | None = None) -> SessionRecord:
    return SessionRecord(date=day, phase="entry", program="entry_month",
                         completed=stopped is None, stopped_reason=stopped,
                         pain_before=before, pain_after=after,
                         exercises=[ExerciseDone(exercise="cat_cow", sets=[SetDone(reps=10)])])


@pytest.fixture
def clinic_db(store_url: str, catalog) -> Iterator[tuple[Accounts, ClinicRows]]:
    store, _ = Store.open(store_url)
    accounts = Accounts(store.engine)
    add_account(accounts, "ann@clinic.org", "clinician", PASSWORD)
    add_account(accounts, "cal@clinic.org", "clinician", PASSWORD)
    people = {
        # steady: trained Mon-Wed this week, pain steady
        "steady@example.com": [_session(TODAY - timedelta(days=n)) for n in (15, 3, 2, 1)],
        # worse: pain after sessions from 2 to 5 over the weeks, stopped for pain on Monday
        "worse@example.com": [_session(TODAY - timedelta(days=20), after=2),
                              _session(TODAY - timedelta(days=10), after=4),
                              _session(TODAY - timedelta(days=3), after=5, stopped="pain")],
        # gone quiet: last session 9 days ago
        "quiet@example.com": [_session(TODAY - timedelta(days=9))],
        # red flag in the answers, no session at all
        "flag@example.com": [],
    }
    for email, sessions in people.items():
        account = add_account(accounts, email, "patient", PASSWORD, clinician="ann@clinic.org")
        store_of = accounts.store_of(account)
        flags = RedFlags(fever_or_chills=True) if email.startswith("flag") else RedFlags()
        store_of.save_profile(Profile(age=45, days_per_week=3, minutes_per_day=20,
                                      red_flags=flags))
        for record in sessions:
            store_of.record_session(record, catalog=catalog, today=TODAY)
    account = add_account(accounts, "else@example.com", "patient", PASSWORD,
                          clinician="cal@clinic.org")
    accounts.store_of(account).add_pain(9, at=datetime(2026, 11, 25, 9, 0))
    yield accounts, ClinicRows(store.engine)
    store.engine.dispose()


def test_the_dashboard_flags_and_orders_the_patients(clinic_db, catalog):
    accounts, rows = clinic_db
    ann = accounts.get("ann@clinic.org")
    found = {p.email: p for p in clinic.patients(rows, catalog, ann, ON_TODAY)}
    order = [p.email for p in clinic.patients(rows, catalog, ann, ON_TODAY)]
    assert order[0] == "flag@example.com"  # urgent first
    assert set(found) == {"steady@example.com", "worse@example.com", "quiet@example.com",
                          "flag@example.com"}  # not cal's patient
    assert found["flag@example.com"].flags == ["red_flag", "inactive"]
    assert found["flag@example.com"].last_session is None
    steady = found["steady@example.com"]
    assert steady.flags == [] and (steady.sessions_this_week, steady.planned_this_week) == (3, 3)
    assert steady.pain is not None and steady.pain.verdict == "about the same"
    worse = found["worse@example.com"]
    assert worse.flags == ["stopped_for_pain", "pain_up"]
    assert worse.pain is not None and worse.pain.change == 3 and worse.pain.meaningful
    assert found["quiet@example.com"].flags == ["inactive"]
    assert order.index("worse@example.com") < order.index("steady@example.com")


def test_a_clinician_reads_only_their_patients_and_every_read_is_logged(clinic_db):
    accounts, rows = clinic_db
    ann, cal = accounts.get("ann@clinic.org"), accounts.get("cal@clinic.org")
    worse = accounts.get("worse@example.com")
    patient, store = clinic.patient_store(accounts, rows, ann, worse.id, "read sessions",
                                          now=datetime(2026, 11, 26, 10, 0, tzinfo=UTC))
    assert patient.email == "worse@example.com" and len(store.sessions()) == 3
    with pytest.raises(NotFoundError):
        clinic.patient_store(accounts, rows, cal, worse.id, "read sessions")
    with pytest.raises(NotFoundError):
        clinic.patient_store(accounts, rows, ann, 10**6, "read sessions")
    with pytest.raises(ForbiddenError):
        clinic.patients(rows, None, worse, ON_TODAY)  # type: ignore[arg-type]
    entries = clinic.audit_log(rows, ann)
    assert [(e.actor, e.patient, e.action) for e in entries] == [
        ("ann@clinic.org", "worse@example.com", "read sessions")]
    assert clinic.audit_log(rows, cal) == []


def test_a_clinician_without_patients_has_an_empty_dashboard(clinic_db, catalog):
    accounts, rows = clinic_db
    add_account(accounts, "new@clinic.org", "clinician", PASSWORD)
    assert clinic.patients(rows, catalog, accounts.get("new@clinic.org"), ON_TODAY) == []


def test_the_dashboard_judges_each_patient_on_the_day_it_is_for_them(clinic_db, catalog):
    accounts, rows = clinic_db
    east = add_account(accounts, "east@example.com", "patient", PASSWORD,
                       clinician="ann@clinic.org")
    accounts.store_of(east).record_session(_session(TODAY - timedelta(days=6)),
                                           catalog=catalog, today=TODAY)
    ann = accounts.get("ann@clinic.org")

    def day(zone: Zone) -> date:  # Kiritimati is already on tomorrow
        return TODAY + timedelta(days=1) if zone.name == "Pacific/Kiritimati" else TODAY

    def flags() -> list[str]:
        return next(list(p.flags) for p in clinic.patients(rows, catalog, ann, day)
                    if p.email == "east@example.com")

    assert "inactive" not in flags()  # six days without a session, in the clinician's zone
    accounts.set_time_zone("east@example.com", "Pacific/Kiritimati")
    assert "inactive" in flags()  # seven, where the patient is
    east_row = next(p for p in clinic.patients(rows, catalog, ann, day)
                    if p.email == "east@example.com")
    assert east_row.today == TODAY + timedelta(days=1)  # "7 days ago" on the dashboard
