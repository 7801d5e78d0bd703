"""Bad input that used to break the server (issue 18), on SQLite and PostgreSQL: NUL bytes,
numbers that are not ASCII, booleans as numbers, lists and texts past their limits, dates
centuries away. Each gets a 4xx naming its field; nothing is stored."""

from __future__ import annotations

from collections.abc import AsyncIterator

import httpx
import pytest

from backcoach.limits import MAX_EXERCISES, MAX_NOTE, MAX_SETS
from backcoach.settings import Settings
from backcoach.web import create_app
from tests.web import NOW, TODAY
from tests.web.conftest import BASE_URL, Browser

pytestmark = pytest.mark.anyio

PERSON = {"age": 40, "equipment": ["mat", "chair"], "days_per_week": 7}
NUL = "stiff\x00"


@pytest.fixture
async def both(store_url: str) -> AsyncIterator[httpx.AsyncClient]:
    """A client of the app on an SQLite file, then on PostgreSQL, with a profile."""
    app = create_app(Settings.load(store_url), today=lambda: TODAY, now=lambda: NOW)
    async with Browser(transport=httpx.ASGITransport(app=app), base_url=BASE_URL) as c:
        assert (await c.put("/api/v1/profile", json=PERSON)).status_code == 200
        yield c
    app.state.backcoach.version.close()
    app.state.backcoach.store.engine.dispose()


def fields(response: httpx.Response) -> list[str]:
    return [e["field"] for e in response.json()["errors"]]


def _log(**changes: object) -> dict[str, object]:
    return {"date": "2026-03-01", "phase": "entry",
            "exercises": [{"exercise": "cat_cow", "sets": [{"reps": 5}]}], **changes}


async def test_a_nul_byte_in_any_text_is_refused_naming_the_field(both):
    cases = [
        ("post", "/api/v1/pain", {"pain": 3, "note": NUL}, "note"),
        ("post", "/api/v1/psfs", {"ratings": {NUL: 4}}, "ratings"),
        ("post", "/api/v1/log", _log(notes=NUL), "notes"),
        ("post", "/api/v1/log", _log(exercises=[{"exercise": NUL, "sets": [{}]}]),
         "exercises.0.exercise"),
        ("put", "/api/v1/profile", {**PERSON, "pain_where": NUL}, "pain_where"),
        ("post", "/api/v1/sessions", {"program": NUL}, "program"),
    ]
    for method, url, body, field in cases:
        response = await both.request(method, url, json=body)
        assert response.status_code == 422, (url, response.text)
        assert fields(response)[0].startswith(field), (url, fields(response))
        assert "NUL" in response.json()["detail"], url
    live = (await both.post("/api/v1/sessions", json={})).json()
    finish = await both.post(f"/api/v1/sessions/{live['session_id']}/finish",
                             json={"notes": NUL})
    assert finish.status_code == 422 and fields(finish) == ["notes"]
    await both.put("/api/v1/profile", json={**PERSON, "hernia": True})
    clearance = await both.put("/api/v1/clearance", json={"note": NUL})
    assert clearance.status_code == 422 and fields(clearance) == ["note"]
    assert (await both.get("/api/v1/pain")).json() == []
    assert (await both.get("/api/v1/psfs")).json()["activities"] == []


async def test_a_nul_byte_in_a_form_is_refused_naming_the_field(both):
    response = await both.post("/history/pain", data={"pain": "3", "pain_note": NUL})
    assert response.status_code == 422 and "pain_note" in response.text
    assert (await both.get("/api/v1/pain")).json() == []


async def test_numbers_must_be_numbers(both):
    for body in ({"pain": True}, {"pain": "3"}, {"pain": 3.5}, {"pain": "²"}):
        response = await both.post("/api/v1/pain", json=body)
        assert response.status_code == 422 and fields(response) == ["pain"], body
    psfs = await both.post("/api/v1/psfs", json={"ratings": {"Tie my shoes": True}})
    assert psfs.status_code == 422
    log = await both.post("/api/v1/log", json=_log(pain_before=True))
    assert log.status_code == 422 and fields(log) == ["pain_before"]
    profile = await both.put("/api/v1/profile", json={**PERSON, "age": True})
    assert profile.status_code == 422 and fields(profile) == ["age"]
    assert (await both.get("/api/v1/pain")).json() == []


async def test_superscript_digits_in_forms_are_a_clear_error(both):
    pain = await both.post("/history/pain", data={"pain": "²"})
    assert pain.status_code == 422 and "whole number from 0 to 10" in pain.text
    psfs = await both.post("/history/psfs", data={"new_activity": "Walk", "new_score": "³"})
    assert psfs.status_code == 422
    onboarding = await both.post("/onboarding", data={"age": "4²", "pain_now": "none"})
    assert onboarding.status_code == 422 and "whole number" in onboarding.text


async def test_lists_and_texts_past_their_limits_are_refused(both):
    many = [{"exercise": "cat_cow", "sets": [{"reps": 5}]}] * (MAX_EXERCISES + 1)
    too_many = await both.post("/api/v1/log", json=_log(exercises=many))
    assert too_many.status_code == 422 and fields(too_many) == ["exercises"]
    sets = [{"exercise": "cat_cow", "sets": [{"reps": 5}] * (MAX_SETS + 1)}]
    too_many_sets = await both.post("/api/v1/log", json=_log(exercises=sets))
    assert too_many_sets.status_code == 422 and fields(too_many_sets) == ["exercises.0.sets"]
    long_note = await both.post("/api/v1/pain", json={"pain": 1, "note": "x" * (MAX_NOTE + 1)})
    assert long_note.status_code == 422
    long_name = await both.post("/api/v1/psfs", json={"ratings": {"x" * 201: 3}})
    assert long_name.status_code == 422
    equipment = await both.put("/api/v1/profile", json={**PERSON, "equipment": ["mat"] * 31})
    assert equipment.status_code == 422 and fields(equipment) == ["equipment"]
    assert (await both.get("/api/v1/sessions")).json() == []


async def test_dates_centuries_away_are_refused_everywhere(both):
    log = await both.post("/api/v1/log", json=_log(date="0001-01-01"))
    assert log.status_code == 422 and fields(log) == ["date"]
    psfs = await both.post("/api/v1/psfs", json={"ratings": {"Walk": 3}, "date": "0001-01-01"})
    assert psfs.status_code == 422 and fields(psfs) == ["date"]
    plan = await both.get("/api/v1/plan", params={"date": "9999-01-01"})
    assert plan.status_code == 422 and fields(plan) == ["date"]
    calendar = await both.get("/api/v1/calendar.ics", params={"start": "0001-01-01"})
    assert calendar.status_code == 422
    assert (await both.get("/api/v1/sessions")).json() == []
