"""The REST API /api/v1, through the ASGI app, on a temporary SQLite file."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import httpx
import pytest

from backcoach.history import SessionRecord
from backcoach.profile import Profile
from backcoach.settings import Settings
from backcoach.store import Store
from backcoach.timestamps import with_offset
from backcoach.web import create_app
from tests.web import NOW, TODAY

pytestmark = pytest.mark.anyio

PERSON = {"age": 34, "equipment": ["mat", "chair"], "days_per_week": 7, "minutes_per_day": 20}






async def onboard(client: httpx.AsyncClient, **changes: Any) -> dict[str, Any]:
    response = await client.put("/api/v1/profile", json={**PERSON, **changes})
    assert response.status_code == 200, response.text
    data: dict[str, Any] = response.json()
    return data


def fields(response: httpx.Response) -> list[str]:
    return [e["field"] for e in response.json()["errors"]]


# Profile, screening, clearance ----------------------------------------------------------

async def test_no_profile_is_a_404_naming_the_profile(client):
    for url in ("/api/v1/profile", "/api/v1/screening", "/api/v1/plan", "/api/v1/calendar.ics"):
        response = await client.get(url)
        assert response.status_code == 404, url
        assert fields(response) == ["profile"]
        assert "no profile yet" in response.json()["detail"]


async def test_saving_a_profile_returns_the_screening(client):
    data = await onboard(client)
    assert data["screening"]["verdict"] == "go"
    assert (await client.get("/api/v1/profile")).json()["age"] == 34
    red = await onboard(client, red_flags={"saddle_numbness": True})
    assert red["screening"]["verdict"] == "urgent"
    assert (await client.get("/api/v1/screening")).json()["verdict"] == "urgent"


@pytest.mark.parametrize(("body", "field"), [
    ({**PERSON, "age": 5}, "age"),
    ({**PERSON, "pain_level": 3}, "pain_level"),
    ({**PERSON, "equipment": ["trampoline"]}, "equipment.0"),
    ({**PERSON, "favourite_colour": "blue"}, "favourite_colour"),
    ({"equipment": []}, "age"),
])
async def test_a_wrong_profile_is_a_422_naming_the_field(client, body, field):
    response = await client.put("/api/v1/profile", json=body)
    assert response.status_code == 422
    assert field in fields(response)
    assert (await client.get("/api/v1/profile")).status_code == 404  # nothing saved


async def test_clearance_lifts_a_consult_verdict(client):
    assert (await onboard(client, hernia=True))["screening"]["verdict"] == "consult"
    future = await client.put("/api/v1/clearance", json={"date": "2026-03-05"})
    assert future.status_code == 422 and fields(future) == ["date"]
    response = await client.put("/api/v1/clearance", json={"note": "Dr Lee"})
    assert response.status_code == 200
    body = response.json()
    assert body["clearance"] == {"date": TODAY.isoformat(), "note": "Dr Lee",
                                 "covers": ["condition.hernia"]}
    assert body["screening"]["verdict"] == "go"
    hernia = next(r for r in body["screening"]["reasons"] if r["code"] == "condition.hernia")
    assert hernia["cleared_on"] == TODAY.isoformat()
    listed = (await client.get("/api/v1/clearances")).json()
    assert listed == [body["clearance"]]


async def test_a_finding_reported_after_a_clearance_is_not_covered(client):
    await onboard(client, hernia=True)
    assert (await client.put("/api/v1/clearance", json={})).status_code == 200
    later = await client.put("/api/v1/profile", json={
        **PERSON, "hernia": True, "red_flags": {"fever_or_chills": True}})
    screening = later.json()["screening"]
    assert screening["verdict"] == "urgent"
    fever = next(r for r in screening["reasons"] if r["code"] == "red_flag.fever_or_chills")
    assert f"clearance of {TODAY}" in fever["text"] and "did not cover" in fever["text"]
    assert screening["needs_clearance"] == ["red_flag.fever_or_chills"]
    assert (await client.get("/api/v1/plan")).json()["today"]["status"] == "not_allowed"


async def test_nothing_to_clear_and_the_old_post_and_the_old_boolean(client):
    await onboard(client)
    nothing = await client.put("/api/v1/clearance", json={})
    assert nothing.status_code == 409 and fields(nothing) == ["profile"]
    await onboard(client, osteoporosis=True)
    old = await client.post("/api/v1/clearance", json={"date": str(TODAY - timedelta(days=3))})
    assert old.status_code == 200  # the deprecated POST does what PUT does
    assert old.json()["clearance"]["covers"] == ["condition.osteoporosis"]
    sticky = await client.put("/api/v1/profile", json={**PERSON, "doctor_cleared": True})
    assert sticky.status_code == 422 and "dated record" in sticky.json()["detail"]


# Plan and calendar ------------------------------------------------------------------------

async def test_the_plan_for_today_and_another_day(client):
    await onboard(client)
    plan = (await client.get("/api/v1/plan")).json()
    assert plan["date"] == TODAY.isoformat()
    assert plan["phase"] == "entry" and plan["today"]["items"]
    assert all(item["why"] for item in plan["today"]["items"])
    other = (await client.get("/api/v1/plan", params={"date": "2026-03-10"})).json()
    assert other["date"] == "2026-03-10"


async def test_plan_errors_name_the_field(client):
    await onboard(client)
    bad_date = await client.get("/api/v1/plan", params={"date": "next tuesday"})
    assert bad_date.status_code == 422 and fields(bad_date) == ["date"]
    far = await client.get("/api/v1/plan", params={"date": "1900-01-01"})
    assert far.status_code == 422 and fields(far) == ["date"]
    unknown = await client.get("/api/v1/plan", params={"program": "yoga"})
    assert unknown.status_code == 404 and fields(unknown) == ["program"]
    later = await client.get("/api/v1/plan", params={"program": "advanced_set"})
    assert later.status_code == 409 and fields(later) == ["program"]


async def test_the_plan_follows_new_answers_and_records_made_elsewhere(client, db_url):
    await onboard(client, minutes_per_day=20)
    first = (await client.get("/api/v1/plan")).json()
    await onboard(client, minutes_per_day=5)
    shorter = (await client.get("/api/v1/plan")).json()
    assert shorter["today"]["minutes_available"] == 5
    assert shorter["today"]["estimated_minutes"] < first["today"]["estimated_minutes"]
    # Another process (the CLI) changes the profile: the next answer shows it.
    other, _ = Store.open(db_url)
    other.save_profile(Profile.model_validate({**PERSON, "minutes_per_day": 30}))
    other.engine.dispose()
    assert (await client.get("/api/v1/plan")).json()["today"]["minutes_available"] == 30


async def test_the_calendar_file(client):
    await onboard(client)
    response = await client.get("/api/v1/calendar.ics",
                                params={"weeks": 1, "time": "07:30", "reminder": 10})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/calendar")
    assert response.text.count("BEGIN:VEVENT") == 7
    assert "DTSTART:20260304T073000" in response.text
    bad = await client.get("/api/v1/calendar.ics", params={"time": "25:00"})
    assert bad.status_code == 422 and fields(bad) == ["time"]


async def test_no_calendar_when_the_screening_allows_no_exercise(client):
    await onboard(client, pain_now="acute", pain_level=8)
    response = await client.get("/api/v1/calendar.ics")
    assert response.status_code == 409
    assert "No exercise today" in response.json()["detail"]


# Catalog --------------------------------------------------------------------------------

async def test_exercises_filtered_and_searched(client, catalog):
    everything = (await client.get("/api/v1/exercises")).json()
    assert len(everything) == len(catalog.exercises)
    prone = (await client.get("/api/v1/exercises", params={"position": "prone"})).json()
    assert prone and all(ex["position"] == "prone" for ex in prone)
    gentle = (await client.get("/api/v1/exercises",
                               params={"difficulty": "gentle", "kind": "stretch"})).json()
    assert gentle and all(ex["difficulty"] == "gentle" and ex["kind"] == "stretch"
                          for ex in gentle)
    found = (await client.get("/api/v1/exercises", params={"q": "cat"})).json()
    assert found[0]["id"] == "cat_cow"
    bad = await client.get("/api/v1/exercises", params={"equipment": "trampoline"})
    assert bad.status_code == 422 and fields(bad) == ["equipment"]


async def test_one_exercise_with_its_programs_and_figure(client):
    detail = (await client.get("/api/v1/exercises/cat_cow")).json()
    assert detail["exercise"]["steps"]
    assert {u["program"] for u in detail["used_in"]}
    missing = await client.get("/api/v1/exercises/moonwalk")
    assert missing.status_code == 404 and fields(missing) == ["exercise"]
    figure = await client.get("/api/v1/exercises/cat_cow/figure.svg")
    assert figure.headers["content-type"].startswith("image/svg+xml")
    assert figure.text.startswith("<svg")
    still = await client.get("/api/v1/exercises/plank/figure.svg", params={"pose": "start"})
    assert still.status_code == 200 and "<svg" in still.text
    bad = await client.get("/api/v1/exercises/cat_cow/figure.svg", params={"pose": "side"})
    assert bad.status_code == 422 and fields(bad) == ["pose"]


async def test_programs_guide_and_risk_advice(client):
    programs = (await client.get("/api/v1/programs")).json()
    assert "home_set" in {p["id"] for p in programs}
    detail = (await client.get("/api/v1/programs/home_set")).json()
    assert set(detail["exercise_names"]) == {i["exercise"] for b in detail["program"]["blocks"]
                                             for i in b["items"]}
    assert (await client.get("/api/v1/programs/nope")).status_code == 404
    guide = (await client.get("/api/v1/guide")).json()
    assert guide["rules"] and guide["pain"]["dangerous"]
    advice = (await client.get("/api/v1/guide/risks",
                               params=[("risk", "hunching"), ("risk", "stress")])).json()
    assert [a["id"] for a in advice] == ["hunching", "stress"]
    bad = await client.get("/api/v1/guide/risks", params={"risk": "hunchng"})
    assert bad.status_code == 422 and "did you mean 'hunching'" in bad.json()["detail"]


async def test_the_handout_pdf(client):
    response = await client.get("/api/v1/programs/home_set/handout.pdf")
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")


# Sessions -------------------------------------------------------------------------------

async def start(client: httpx.AsyncClient, **body: Any) -> dict[str, Any]:
    response = await client.post("/api/v1/sessions", json=body)
    assert response.status_code == 201, response.text
    data: dict[str, Any] = response.json()
    return data


def work_steps(live: dict[str, Any]) -> list[int]:
    return [s["index"] for s in live["steps"] if s["kind"] == "work"]


async def test_a_whole_session_step_by_step(client):
    await onboard(client)
    live = await start(client, pain_before=2)
    assert live["resume_at"] == 0 and live["sets_saved"] == 0
    assert live["total_seconds"] == sum(s["duration"] or 0 for s in live["steps"])
    for n, index in enumerate(work_steps(live), start=1):
        saved = await client.post(f"/api/v1/sessions/{live['session_id']}/sets",
                                  json={"step": index})
        assert saved.status_code == 201 and saved.json()["sets_saved"] == n
    done = await client.post(f"/api/v1/sessions/{live['session_id']}/finish",
                             json={"pain_after": 1, "effort": 5})
    record = done.json()["record"]
    assert record["completed"] and record["pain_before"] == 2 and record["pain_after"] == 1
    assert sum(len(e["sets"]) for e in record["exercises"]) == len(work_steps(live))
    assert (await client.get("/api/v1/sessions/current")).json() == {"session": None}
    listed = (await client.get("/api/v1/sessions")).json()
    assert [s["id"] for s in listed] == [live["session_id"]]
    progress = (await client.get("/api/v1/progress")).json()
    assert progress["sessions"] == 1 and progress["completed"] == 1
    chart = await client.get("/api/v1/progress/chart.svg")
    assert chart.headers["content-type"].startswith("image/svg+xml")


async def test_session_errors_name_the_field(client):
    nobody = await client.post("/api/v1/sessions", json={})
    assert nobody.status_code == 404 and fields(nobody) == ["profile"]
    await onboard(client)
    bad_pain = await client.post("/api/v1/sessions", json={"pain_before": 12})
    assert bad_pain.status_code == 422 and fields(bad_pain) == ["pain_before"]
    live = await start(client)
    again = await client.post("/api/v1/sessions", json={})
    assert again.status_code == 409 and fields(again) == ["session"]
    sid = live["session_id"]
    rest = await client.post(f"/api/v1/sessions/{sid}/sets", json={"step": 0})
    assert rest.status_code == 409 and fields(rest) == ["step"]
    beyond = await client.post(f"/api/v1/sessions/{sid}/sets", json={"step": 10_000})
    assert beyond.status_code == 404 and fields(beyond) == ["step"]
    unknown = await client.post("/api/v1/sessions/999/sets", json={"step": 1})
    assert unknown.status_code == 404 and fields(unknown) == ["session_id"]
    assert (await client.get(f"/api/v1/sessions/{sid}")).status_code == 409
    await client.post(f"/api/v1/sessions/{sid}/finish", json={})
    closed = await client.post(f"/api/v1/sessions/{sid}/sets", json={"step": 1})
    assert closed.status_code == 409 and fields(closed) == ["session_id"]
    twice = await client.post(f"/api/v1/sessions/{sid}/finish", json={})
    assert twice.status_code == 409
    assert (await client.get("/api/v1/sessions/999")).status_code == 404


async def test_a_set_ended_early_is_stored_as_done_and_a_redone_one_replaced(client):
    await onboard(client)
    live = await start(client)
    sid = live["session_id"]
    relax, tilts = (live["steps"][i] for i in work_steps(live)[:2])
    assert (relax["minutes"], tilts["reps"], tilts["hold_seconds"]) == (1, 10, 3)
    sets = f"/api/v1/sessions/{sid}/sets"
    first = await client.post(sets, json={"step": relax["index"], "minutes": 0.4})
    assert first.status_code == 201
    assert first.json() == {"step": relax["index"], "sets_saved": 1, "replaced": False}
    await client.post(sets, json={"step": tilts["index"], "reps": 6})
    # Back to the tilts, done again: given up in the first hold this time.
    again = await client.post(sets, json={"step": tilts["index"], "reps": 0,
                                          "hold_seconds": 1.5})
    assert again.status_code == 201
    assert again.json() == {"step": tilts["index"], "sets_saved": 2, "replaced": True}
    await client.post(f"/api/v1/sessions/{sid}/finish", json={"stopped_reason": "tired"})
    record = (await client.get(f"/api/v1/sessions/{sid}")).json()["record"]
    assert [(e["exercise"], e["sets"]) for e in record["exercises"]] == [
        (relax["exercise"], [{"reps": None, "hold_seconds": None, "minutes": 0.4,
                              "side": "both"}]),
        (tilts["exercise"], [{"reps": 0, "hold_seconds": 1.5, "minutes": None,
                              "side": "both"}])]


async def test_a_negative_amount_is_a_422(client):
    await onboard(client)
    live = await start(client)
    response = await client.post(f"/api/v1/sessions/{live['session_id']}/sets",
                                 json={"step": work_steps(live)[0], "minutes": -0.5})
    assert response.status_code == 422 and fields(response) == ["minutes"]


@pytest.mark.parametrize(("amounts", "field", "message"), [
    ({"minutes": 1.5}, "minutes", "minutes: 1.5 is more than the 1 prescribed for step 1"),
    ({"reps": 3}, "reps", "reps: step 1 (Hook-lying relaxation) has no reps"),
    ({"hold_seconds": 30}, "hold_seconds", "hold_seconds: step 1"),
])
async def test_a_set_beyond_its_step_is_a_409_naming_the_field(client, amounts, field,
                                                               message):
    await onboard(client)
    live = await start(client)
    relax = work_steps(live)[0]
    response = await client.post(f"/api/v1/sessions/{live['session_id']}/sets",
                                 json={"step": relax, **amounts})
    assert response.status_code == 409 and fields(response) == [field]
    assert response.json()["detail"].startswith(message)
    assert (await client.get("/api/v1/sessions/current")).json()["session"]["sets_saved"] == 0


async def test_no_session_when_the_screening_says_rest(client):
    await onboard(client, pain_now="acute", pain_level=8)
    response = await client.post("/api/v1/sessions", json={})
    assert response.status_code == 409
    assert response.json()["detail"].startswith("No exercise today")


async def test_stopping_for_pain(client):
    await onboard(client)
    live = await start(client, pain_before=1)
    first = work_steps(live)[0]
    await client.post(f"/api/v1/sessions/{live['session_id']}/sets", json={"step": first})
    stopped = await client.post(f"/api/v1/sessions/{live['session_id']}/finish",
                                json={"stopped_reason": "pain", "pain_after": 6})
    record = stopped.json()["record"]
    assert record["completed"] is False and record["stopped_reason"] == "pain"
    assert record["pain_after"] == 6 and len(record["exercises"]) == 1
    wrong = await client.post(f"/api/v1/sessions/{live['session_id']}/finish",
                              json={"stopped_reason": "bored"})
    assert wrong.status_code == 422 and fields(wrong) == ["stopped_reason"]


async def test_a_session_resumes_after_a_restart(db_url, client):
    await onboard(client)
    live = await start(client)
    done = work_steps(live)[:2]
    for index in done:
        await client.post(f"/api/v1/sessions/{live['session_id']}/sets", json={"step": index})
    # A new server process on the same database.
    again = create_app(Settings.load(db_url), today=lambda: TODAY, now=lambda: NOW)
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=again),
                                 base_url="http://localhost") as other:
        current = (await other.get("/api/v1/sessions/current")).json()["session"]
        assert current["session_id"] == live["session_id"]
        assert current["sets_saved"] == 2
        assert current["resume_at"] == done[1] + 1
        assert current["steps"] == live["steps"]
        abandoned = await other.post(f"/api/v1/sessions/{live['session_id']}/abandon")
        assert abandoned.json()["record"]["stopped_reason"] == "other"
    again.state.backcoach.version.close()
    again.state.backcoach.store.engine.dispose()


async def test_logging_a_whole_session(client):
    await onboard(client)
    record = {"date": "2026-03-03", "phase": "entry", "program": "entry_month",
              "exercises": [{"exercise": "cat_cow", "sets": [{"reps": 10}]}]}
    response = await client.post("/api/v1/log", json=record)
    assert response.status_code == 201
    assert SessionRecord.model_validate(response.json()["record"]).date == date(2026, 3, 3)
    future = await client.post("/api/v1/log", json={**record, "date": "2026-03-05"})
    assert future.status_code == 422 and fields(future) == ["date"]
    unknown = await client.post("/api/v1/log", json={
        **record, "exercises": [{"exercise": "moonwalk", "sets": [{"reps": 1}]}]})
    assert unknown.status_code == 422 and fields(unknown) == ["exercises"]
    inconsistent = await client.post("/api/v1/log", json={**record, "stopped_reason": "pain"})
    assert inconsistent.status_code == 422


# Check-ins, progress, export ----------------------------------------------------------------

async def test_pain_check_ins(client):
    response = await client.post("/api/v1/pain", json={"pain": 3, "note": "after work"})
    assert response.status_code == 201
    assert (await client.get("/api/v1/pain")).json() == [
        {"at": with_offset(NOW), "pain": 3, "note": "after work"}]
    for body, field in (({"pain": 11}, "pain"), ({}, "pain"), ({"pain": 2, "mood": 1}, "mood")):
        bad = await client.post("/api/v1/pain", json=body)
        assert bad.status_code == 422 and fields(bad) == [field]


async def test_psfs_ratings(client):
    response = await client.post("/api/v1/psfs", json={"ratings": {"Tie my shoes": 4}})
    assert response.status_code == 201
    data = (await client.get("/api/v1/psfs")).json()
    assert data["activities"] == ["Tie my shoes"]
    assert data["scores"] == [{"activity": "Tie my shoes", "date": "2026-03-04", "score": 4}]
    future = await client.post("/api/v1/psfs", json={
        "ratings": {"Tie my shoes": 5}, "date": (TODAY + timedelta(days=1)).isoformat()})
    assert future.status_code == 422 and fields(future) == ["date"]
    many = {f"Activity {n}": 5 for n in range(5)}
    too_many = await client.post("/api/v1/psfs", json={"ratings": many})
    assert too_many.status_code == 409 and fields(too_many) == ["ratings"]
    blank = await client.post("/api/v1/psfs", json={"ratings": {" ": 5}})
    assert blank.status_code == 422


async def test_export_holds_everything(client):
    await onboard(client)
    await client.post("/api/v1/pain", json={"pain": 2})
    response = await client.get("/api/v1/export")
    assert response.status_code == 200
    assert "attachment" in response.headers["content-disposition"]
    doc = response.json()
    assert doc["format"] == "backcoach-export"
    assert len(doc["profiles"]) == 1 and len(doc["pain_checkins"]) == 1


# Errors in general --------------------------------------------------------------------------

async def test_unknown_routes_and_methods_answer_json(client):
    missing = await client.get("/api/v1/nothing-here")
    assert missing.status_code == 404 and "detail" in missing.json()
    wrong = await client.delete("/api/v1/profile")
    assert wrong.status_code == 405 and "detail" in wrong.json()
    broken = await client.put("/api/v1/profile", content=b"{not json",
                              headers={"content-type": "application/json"})
    assert broken.status_code == 422


async def test_writes_from_another_site_are_refused(client):
    forged = await client.put("/api/v1/profile", json=PERSON,
                              headers={"origin": "https://evil.example"})
    assert forged.status_code == 403 and fields(forged) == ["origin"]
    same = await client.put("/api/v1/profile", json=PERSON,
                            headers={"origin": "http://localhost"})
    assert same.status_code == 200
    page = await client.post("/history/pain", data={"pain": "3"},
                             headers={"origin": "https://evil.example"})
    assert page.status_code == 403


def test_the_package_exports_create_app_only():
    import backcoach.web

    assert backcoach.web.__all__ == ["create_app"]


async def test_the_openapi_document_lists_every_api_route(client):
    spec = (await client.get("/openapi.json")).json()
    paths = set(spec["paths"])
    assert {"/api/v1/profile", "/api/v1/plan", "/api/v1/sessions", "/api/v1/sessions/current",
            "/api/v1/sessions/{session_id}/sets", "/api/v1/progress", "/api/v1/export",
            "/api/v1/calendar.ics", "/api/v1/exercises"} <= paths
    assert all(p.startswith("/api/v1/") for p in paths)  # the pages are not in it
