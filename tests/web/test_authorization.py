"""Authorization in server mode, as a matrix: every operation of the API, asked by every
kind of caller, answers what that caller may know and nothing of anyone else's records.

The callers: no one, patient A (whose records are the target), patient B, A's clinician and
another clinician. A's records carry a marker that must never appear in an answer to anyone
but A; ids of A's (a session, a token) answer 404 to the others, never 403, so they do not
even learn that it exists; and A's records are the same after the whole matrix ran. A new
operation without a row in SAMPLES fails the test until someone decides how to check it.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import replace
from typing import Any

import httpx
import pytest

from backcoach import auth
from backcoach.accounts import add_account
from backcoach.settings import Settings
from backcoach.store.accounts import Accounts
from backcoach.store.auth import AuthRows
from backcoach.web import create_app
from tests.web import NOW, TODAY
from tests.web.conftest import BASE_URL

pytestmark = pytest.mark.anyio
PASSWORD = "correct horse battery"
MARK = "MARK-of-A"
PROFILE = {"age": 40, "equipment": ["mat"], "days_per_week": 7, "minutes_per_day": 15}
CALLERS = ("anonymous", "patient_b", "clinician_of_a", "other_clinician")
# Open to everyone: logging in and registering (with wrong credentials here).
OPEN = {("POST", "/api/v1/auth/login"), ("POST", "/api/v1/auth/register"),
        ("POST", "/api/v1/auth/password-reset")}

# A request for each operation: (query, body). "{session}" and "{token}" become A's ids.
SAMPLES: dict[tuple[str, str], tuple[dict[str, Any], Any]] = {
    ("GET", "/api/v1/plan"): ({}, None),
    ("GET", "/api/v1/calendar.ics"): ({}, None),
    ("GET", "/api/v1/profile"): ({}, None),
    ("PUT", "/api/v1/profile"): ({}, PROFILE),
    ("GET", "/api/v1/screening"): ({}, None),
    ("GET", "/api/v1/clearances"): ({}, None),
    ("PUT", "/api/v1/clearance"): ({}, {}),
    ("POST", "/api/v1/clearance"): ({}, {}),
    ("GET", "/api/v1/exercises"): ({}, None),
    ("GET", "/api/v1/exercises/{exercise_id}"): ({}, None),
    ("GET", "/api/v1/exercises/{exercise_id}/figure.svg"): ({}, None),
    ("GET", "/api/v1/programs"): ({}, None),
    ("GET", "/api/v1/programs/{program_id}"): ({}, None),
    ("GET", "/api/v1/programs/{program_id}/handout.pdf"): ({}, None),
    ("GET", "/api/v1/guide"): ({}, None),
    ("GET", "/api/v1/guide/risks"): ({}, None),
    ("GET", "/api/v1/sessions"): ({}, None),
    ("POST", "/api/v1/sessions"): ({}, {}),
    ("GET", "/api/v1/sessions/current"): ({}, None),
    ("GET", "/api/v1/sessions/{session_id}"): ({}, None),
    ("POST", "/api/v1/sessions/{session_id}/sets"): ({}, {"step": "{step}"}),
    ("POST", "/api/v1/sessions/{session_id}/finish"): ({}, {}),
    ("POST", "/api/v1/sessions/{session_id}/abandon"): ({}, None),
    ("POST", "/api/v1/log"): ({}, {}),
    ("GET", "/api/v1/pain"): ({}, None),
    ("POST", "/api/v1/pain"): ({}, {"pain": 3, "note": "not A's"}),
    ("GET", "/api/v1/psfs"): ({}, None),
    ("POST", "/api/v1/psfs"): ({}, {"ratings": {"Walk the dog": 5}}),
    ("GET", "/api/v1/progress"): ({}, None),
    ("GET", "/api/v1/progress/chart.svg"): ({}, None),
    ("GET", "/api/v1/export"): ({}, None),
    ("POST", "/api/v1/auth/login"): ({}, {"email": "pat@example.com", "password": "wrong!"}),
    ("POST", "/api/v1/auth/logout"): ({}, None),
    ("GET", "/api/v1/me"): ({}, None),
    ("PUT", "/api/v1/me/time-zone"): ({}, {"time_zone": "Europe/Moscow"}),
    ("POST", "/api/v1/auth/register"): ({}, {"invite": "bci_made_up", "email": "x@example.com",
                                             "password": PASSWORD}),
    ("GET", "/api/v1/auth/tokens"): ({}, None),
    ("POST", "/api/v1/auth/tokens"): ({}, {"name": "matrix"}),
    ("DELETE", "/api/v1/auth/tokens/{token_id}"): ({}, None),
    ("POST", "/api/v1/patients/invitations"): ({}, None),
    ("GET", "/api/v1/patients"): ({}, None),
    ("GET", "/api/v1/patients/{patient_id}/progress"): ({}, None),
    ("GET", "/api/v1/patients/{patient_id}/sessions"): ({}, None),
    ("GET", "/api/v1/patients/{patient_id}/profile"): ({}, None),
    ("GET", "/api/v1/audit"): ({}, None),
    ("PUT", "/api/v1/patients/{patient_id}/prescription"): ({}, {"program": "entry_month"}),
    ("GET", "/api/v1/patients/{patient_id}/prescriptions"): ({}, None),
    ("GET", "/api/v1/prescription"): ({}, None),
    ("GET", "/api/v1/patients/{patient_id}/export"): ({}, None),
    ("GET", "/api/v1/patients/{patient_id}/handout.pdf"): ({}, None),
    ("DELETE", "/api/v1/patients/{patient_id}"): ({}, None),
    ("POST", "/api/v1/patients/{patient_id}/password-reset"): ({}, None),
    ("POST", "/api/v1/auth/password-reset"): ({}, {"code": "bcr_made_up",
                                                   "password": PASSWORD}),
    ("DELETE", "/api/v1/me"): ({}, {"password": "not the password"}),
}
# Answers 401 to every caller here: the password sent is not theirs.
WRONG_PASSWORD = {("DELETE", "/api/v1/me")}
# Run last, after A's records are compared: A's clinician deletes A.
LAST = ("DELETE", "/api/v1/patients/{patient_id}")
# What only a clinician may do: a patient gets 403, whatever the id (the operation exists
# for everyone, so 403 tells nothing about anyone).
CLINICIANS_ONLY = {("POST", "/api/v1/patients/invitations"), ("GET", "/api/v1/patients"),
                   ("POST", "/api/v1/patients/{patient_id}/password-reset"),
                   ("GET", "/api/v1/patients/{patient_id}/progress"),
                   ("GET", "/api/v1/patients/{patient_id}/sessions"),
                   ("GET", "/api/v1/patients/{patient_id}/profile"), ("GET", "/api/v1/audit"),
                   ("PUT", "/api/v1/patients/{patient_id}/prescription"),
                   ("GET", "/api/v1/patients/{patient_id}/prescriptions"),
                   ("GET", "/api/v1/patients/{patient_id}/export"),
                   ("GET", "/api/v1/patients/{patient_id}/handout.pdf"),
                   ("DELETE", "/api/v1/patients/{patient_id}")}


@pytest.fixture
async def world(db_url: str) -> AsyncIterator[dict[str, Any]]:
    """The server, a token for each caller, and A's records with the marker in them."""
    app = create_app(replace(Settings.load(db_url), server=True), today=lambda: TODAY,
                     now=lambda: NOW)
    engine = app.state.backcoach.store.engine
    accounts, rows = Accounts(engine), AuthRows(engine)
    add_account(accounts, "ann@clinic.org", "clinician", PASSWORD)
    add_account(accounts, "cal@clinic.org", "clinician", PASSWORD)
    add_account(accounts, "pat@example.com", "patient", PASSWORD, clinician="ann@clinic.org")
    add_account(accounts, "bob@example.com", "patient", PASSWORD, clinician="ann@clinic.org")
    emails = {"patient_a": "pat@example.com", "patient_b": "bob@example.com",
              "clinician_of_a": "ann@clinic.org", "other_clinician": "cal@clinic.org"}
    tokens = {}
    for caller, email in emails.items():
        account = accounts.get(email)
        assert account is not None
        info, tokens[caller] = auth.create_token(rows, account, caller)
        if caller == "patient_a":
            a_token_id, a_id = info.id, account.id
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app),
                                 base_url=BASE_URL) as client:
        a = {"Authorization": f"Bearer {tokens['patient_a']}"}
        for method, path, body in [
                ("PUT", "/api/v1/profile", PROFILE),
                ("POST", "/api/v1/pain", {"pain": 4, "note": f"{MARK} pain"}),
                ("POST", "/api/v1/psfs", {"ratings": {f"{MARK} activity": 3}})]:
            answer = await client.request(method, path, json=body, headers=a)
            assert answer.status_code < 300, answer.text
        started = await client.post("/api/v1/sessions", json={"pain_before": 2}, headers=a)
        assert started.status_code == 201, started.text
        session = started.json()
        step = next(s["index"] for s in session["steps"] if s["kind"] == "work")
        saved = await client.post(f"/api/v1/sessions/{session['session_id']}/sets",
                                  json={"step": step}, headers=a)
        assert saved.status_code == 201, saved.text
        yield {"app": app, "client": client, "tokens": tokens, "session": session["session_id"],
               "step": step, "token_id": a_token_id, "patient_id": a_id}
    app.state.backcoach.version.close()
    engine.dispose()


def _filled(path: str, world: dict[str, Any]) -> str:
    return (path.replace("{session_id}", str(world["session"]))
            .replace("{token_id}", str(world["token_id"]))
            .replace("{patient_id}", str(world["patient_id"]))
            .replace("{exercise_id}", "glute_bridge").replace("{program_id}", "home_set"))


def _body(body: Any, world: dict[str, Any]) -> Any:
    if isinstance(body, dict):
        return {k: world["step"] if v == "{step}" else v for k, v in body.items()}
    return body


async def _ask(world: dict[str, Any], caller: str, method: str, path: str) -> httpx.Response:
    query, body = SAMPLES[(method, path)]
    headers = ({} if caller == "anonymous"
               else {"Authorization": f"Bearer {world['tokens'][caller]}"})
    client: httpx.AsyncClient = world["client"]
    return await client.request(method, _filled(path, world), params=query,
                                json=_body(body, world), headers=headers)


async def _export_of_a(world: dict[str, Any]) -> dict[str, Any]:
    answer = await world["client"].get(
        "/api/v1/export", headers={"Authorization": f"Bearer {world['tokens']['patient_a']}"})
    doc: dict[str, Any] = answer.json()
    doc.pop("exported_at")
    return doc


async def test_every_operation_for_every_caller(world):
    operations = [(method.upper(), path)
                  for path, ops in world["app"].openapi()["paths"].items() for method in ops]
    assert sorted(set(operations) - set(SAMPLES)) == [], "add these to SAMPLES"
    before = await _export_of_a(world)
    assert MARK in str(before)  # the marker is there to be found: the checks below can fail
    problems = []
    for method, path in [op for op in operations if op != LAST] + [LAST]:
        if (method, path) == LAST:
            assert await _export_of_a(world) == before  # no one else changed A's records
        uses_a_id = any(f"{{{name}}}" in path for name in ("session_id", "token_id",
                                                               "patient_id"))
        a_patient = "{patient_id}" in path  # what A's clinician may read of A's
        for caller in CALLERS:
            answer = await _ask(world, caller, method, path)
            status = answer.status_code
            said = f"{caller} {method} {path}: {status} {answer.text[:120]}"
            if status >= 500:
                problems.append(f"server error: {said}")
            if MARK in answer.text and not (a_patient and caller == "clinician_of_a"):
                problems.append(f"A's record leaked: {said}")
            if caller == "anonymous" or (method, path) in WRONG_PASSWORD:
                expected = {401, 404, 422} if (method, path) in OPEN else {401}
                if status not in expected:
                    problems.append(f"expected {expected}: {said}")
            elif (method, path) in CLINICIANS_ONLY and caller == "patient_b":
                if status != 403:
                    problems.append(f"expected 403: {said}")
            elif a_patient and caller == "clinician_of_a":
                if status not in (200, 201, 204):
                    problems.append(f"A's clinician may read this: {said}")
            elif uses_a_id and status != 404:
                problems.append(f"A's id must be 'not found': {said}")
            elif status in (401, 403) and (method, path) not in OPEN | CLINICIANS_ONLY:
                problems.append(f"a logged-in caller was refused: {said}")
    assert problems == []
    gone = await world["client"].get(
        "/api/v1/me", headers={"Authorization": f"Bearer {world['tokens']['patient_a']}"})
    assert gone.status_code == 401  # A's clinician deleted A, last


async def test_a_clinician_lists_only_their_own_patients_and_reads_are_audited(world):
    client = world["client"]

    def as_(caller: str) -> dict[str, str]:
        return {"Authorization": f"Bearer {world['tokens'][caller]}"}

    mine = (await client.get("/api/v1/patients", headers=as_("clinician_of_a"))).json()
    assert sorted(p["email"] for p in mine) == ["bob@example.com", "pat@example.com"]
    assert (await client.get("/api/v1/patients", headers=as_("other_clinician"))).json() == []
    path = f"/api/v1/patients/{world['patient_id']}/sessions"
    assert (await client.get(path, headers=as_("clinician_of_a"))).status_code == 200
    log = (await client.get("/api/v1/audit", headers=as_("clinician_of_a"))).json()
    assert log[0]["actor"] == "ann@clinic.org" and log[0]["patient"] == "pat@example.com"
    assert log[0]["action"] == "read sessions"
    assert (await client.get("/api/v1/audit", headers=as_("other_clinician"))).json() == []


async def test_a_sees_the_marked_records_and_its_own_session(world):
    a = {"Authorization": f"Bearer {world['tokens']['patient_a']}"}
    client = world["client"]
    assert MARK in (await client.get("/api/v1/pain", headers=a)).text
    assert MARK in (await client.get("/api/v1/psfs", headers=a)).text
    current = (await client.get("/api/v1/sessions/current", headers=a)).json()
    assert current["session"]["session_id"] == world["session"]
