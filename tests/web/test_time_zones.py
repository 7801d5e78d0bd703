"""Server mode: each person's day and times follow their own time zone, not the server's.

The app's clock here is one instant, 2026-03-04 12:00 UTC: already Thursday the 5th on
Kiritimati (UTC+14), still Wednesday the 4th on Pago Pago (UTC-11)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import replace
from datetime import UTC, datetime

import httpx
import pytest
from fastapi import FastAPI

from backcoach.accounts import add_account
from backcoach.settings import Settings
from backcoach.store.accounts import Accounts
from backcoach.web import create_app
from tests.web.conftest import BASE_URL, Browser

pytestmark = pytest.mark.anyio
PASSWORD = "correct horse battery"
INSTANT = datetime(2026, 3, 4, 12, 0, tzinfo=UTC)
PROFILE = {"age": 40, "equipment": ["mat"], "days_per_week": 7, "minutes_per_day": 15}


@pytest.fixture
async def server(db_url: str) -> AsyncIterator[FastAPI]:
    app = create_app(replace(Settings.load(db_url), server=True), now=lambda: INSTANT)
    accounts = Accounts(app.state.backcoach.store.engine)
    add_account(accounts, "ann@clinic.org", "clinician", PASSWORD)
    for email in ("east@example.com", "west@example.com"):
        add_account(accounts, email, "patient", PASSWORD, clinician="ann@clinic.org")
    yield app
    app.state.backcoach.version.close()
    app.state.backcoach.store.engine.dispose()


@asynccontextmanager
async def _client(app: FastAPI, email: str, zone: str | None) -> AsyncIterator[Browser]:
    """A client logged in as ``email`` from a device in ``zone`` (None: it gives none)."""
    async with Browser(transport=httpx.ASGITransport(app=app), base_url=BASE_URL) as client:
        body = {"email": email, "password": PASSWORD} | ({"time_zone": zone} if zone else {})
        answer = await client.post("/api/v1/auth/login", json=body)
        assert answer.status_code == 200, answer.text
        assert answer.json()["account"]["time_zone"] == zone
        assert answer.json()["expires_at"].endswith("+00:00")  # a moment, with its offset
        yield client


async def test_each_patient_has_the_day_and_the_clock_of_their_own_zone(server):
    async with (_client(server, "east@example.com", "Pacific/Kiritimati") as east,
                _client(server, "west@example.com", "Pacific/Pago_Pago") as west):
        for client in (east, west):
            assert (await client.put("/api/v1/profile", json=PROFILE)).status_code == 200
        assert (await east.get("/api/v1/plan")).json()["date"] == "2026-03-05"
        assert (await west.get("/api/v1/plan")).json()["date"] == "2026-03-04"
        east_pain = (await east.post("/api/v1/pain", json={"pain": 3})).json()
        west_pain = (await west.post("/api/v1/pain", json={"pain": 3})).json()
        assert east_pain["at"] == "2026-03-05T02:00:00+14:00"
        assert west_pain["at"] == "2026-03-04T01:00:00-11:00"
        # Read back, the same: stored as one moment, shown in each one's zone.
        assert (await east.get("/api/v1/pain")).json()[0]["at"] == east_pain["at"]
        # A session begun now is on each one's own day.
        started = await east.post("/api/v1/sessions", json={"pain_before": 2})
        assert started.status_code == 201, started.text
        assert started.json()["date"] == "2026-03-05"
        assert started.json()["started_at"] == "2026-03-05T02:00:00+14:00"


async def test_a_person_sets_their_zone_and_a_wrong_name_is_refused_by_name(server):
    async with _client(server, "east@example.com", None) as client:
        me = (await client.get("/api/v1/me")).json()
        assert me["time_zone"] is None  # the server's until told
        bad = await client.put("/api/v1/me/time-zone", json={"time_zone": "Mars/Olympus"})
        assert bad.status_code == 422
        assert "time_zone" in bad.text and "Europe/Moscow" in bad.text
        good = await client.put("/api/v1/me/time-zone", json={"time_zone": "Asia/Vladivostok"})
        assert good.status_code == 200 and good.json()["time_zone"] == "Asia/Vladivostok"
        assert (await client.get("/api/v1/me")).json()["time_zone"] == "Asia/Vladivostok"
        assert (await client.put("/api/v1/profile", json=PROFILE)).status_code == 200
        assert (await client.get("/api/v1/plan")).json()["date"] == "2026-03-04"  # 22:00
        back = await client.put("/api/v1/me/time-zone", json={"time_zone": None})
        assert back.status_code == 200 and back.json()["time_zone"] is None


def _zone(accounts: Accounts, email: str) -> str | None:
    found = accounts.get(email)
    assert found is not None
    return found.time_zone


async def test_the_login_page_takes_the_devices_zone_and_ignores_one_it_does_not_know(server):
    accounts = Accounts(server.state.backcoach.store.engine)
    async with Browser(transport=httpx.ASGITransport(app=server), base_url=BASE_URL) as web:
        assert 'name="time_zone"' in (await web.get("/login")).text  # static/pwa.js fills it in
        answer = await web.post("/login", data={
            "email": "east@example.com", "password": PASSWORD, "next": "/today",
            "time_zone": "Europe/Moscow"})
        assert answer.status_code == 303
        assert _zone(accounts, "east@example.com") == "Europe/Moscow"
        guide = await web.get("/guide")
        assert 'data-time-zone="Europe/Moscow"' in guide.text
    async with Browser(transport=httpx.ASGITransport(app=server), base_url=BASE_URL) as web:
        await web.get("/login")  # the page the form is on
        answer = await web.post("/login", data={
            "email": "east@example.com", "password": PASSWORD, "next": "/today",
            "time_zone": "Nowhere/Special"})
        assert answer.status_code == 303  # logged in all the same
        assert _zone(accounts, "east@example.com") == "Europe/Moscow"


async def test_the_clinician_sees_the_patients_zone_and_their_day(server):
    async with _client(server, "east@example.com", "Pacific/Kiritimati") as east:
        assert (await east.put("/api/v1/profile", json=PROFILE)).status_code == 200
    async with _client(server, "ann@clinic.org", "Asia/Tokyo") as ann:
        east_id = next(p["id"] for p in (await ann.get("/api/v1/patients")).json()
                       if p["email"] == "east@example.com")
        page = await ann.get(f"/patients/{east_id}")
        assert page.status_code == 200
        assert "Pacific/Kiritimati" in page.text
        # The patient's progress, as she reads it, is on his day: already the 5th on Kiritimati,
        # while hers (Tokyo, UTC+9) is still on the 4th.
        progress = (await ann.get(f"/api/v1/patients/{east_id}/progress")).json()
        assert progress["today"] == "2026-03-05"
        assert (await ann.get("/api/v1/progress")).json()["today"] == "2026-03-04"
        audit = (await ann.get("/api/v1/audit")).json()
        assert audit and audit[0]["at"].endswith("+09:00")  # in her zone, Tokyo's
