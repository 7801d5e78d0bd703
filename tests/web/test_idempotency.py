"""Sixteen identical requests at once, on SQLite and PostgreSQL: a set is saved once, and
with an Idempotency-Key a logged session is stored once and every answer is the first's
(issue 18)."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator

import httpx
import pytest
from sqlalchemy import func, select

from backcoach.settings import Settings
from backcoach.store.tables import RequestKey, SessionRow, SetRow
from backcoach.web import create_app
from tests.web import NOW, TODAY
from tests.web.conftest import BASE_URL, Browser

pytestmark = pytest.mark.anyio

TIMES = 16
LOG = {"date": "2026-03-01", "phase": "entry", "pain_before": 2,
       "exercises": [{"exercise": "cat_cow", "sets": [{"reps": 8}, {"reps": 8}]}]}


@pytest.fixture
async def both(store_url: str) -> AsyncIterator[tuple[httpx.AsyncClient, object]]:
    app = create_app(Settings.load(store_url), today=lambda: TODAY, now=lambda: NOW)
    async with Browser(transport=httpx.ASGITransport(app=app), base_url=BASE_URL) as c:
        profile = {"age": 40, "equipment": ["mat", "chair"], "days_per_week": 7}
        assert (await c.put("/api/v1/profile", json=profile)).status_code == 200
        yield c, app.state.backcoach.store
    app.state.backcoach.version.close()
    app.state.backcoach.store.engine.dispose()


def count(store, table) -> int:
    with store.engine.connect() as conn:
        return int(conn.execute(select(func.count()).select_from(table)).scalar() or 0)


async def at_once(send) -> list[httpx.Response]:
    return list(await asyncio.gather(*(send() for _ in range(TIMES))))


async def test_sixteen_identical_logs_with_one_key_store_one_session(both):
    client, store = both
    headers = {"Idempotency-Key": "log-7f3a"}
    answers = await at_once(lambda: client.post("/api/v1/log", json=LOG, headers=headers))
    assert {a.status_code for a in answers} == {201}
    assert len({a.json()["id"] for a in answers}) == 1
    assert count(store, SessionRow) == 1 and count(store, SetRow) == 2
    again = await client.post("/api/v1/log", json=LOG, headers=headers)  # a later retry
    assert again.status_code == 201 and again.json() == answers[0].json()
    other = await client.post("/api/v1/log", json={**LOG, "pain_before": 5}, headers=headers)
    assert other.status_code == 409
    assert other.json()["errors"][0]["field"] == "Idempotency-Key"
    assert count(store, SessionRow) == 1


async def test_without_a_key_each_log_is_a_session_of_its_own(both):
    client, store = both
    answers = await at_once(lambda: client.post("/api/v1/log", json=LOG))
    assert {a.status_code for a in answers} == {201}
    assert count(store, SessionRow) == TIMES


@pytest.mark.parametrize("key", [None, "set-1b"])
async def test_sixteen_identical_set_saves_store_one_set(both, key):
    client, store = both
    live = (await client.post("/api/v1/sessions", json={})).json()
    step = next(s["index"] for s in live["steps"] if s["kind"] == "work")
    url = f"/api/v1/sessions/{live['session_id']}/sets"
    headers = {"Idempotency-Key": key} if key else {}
    answers = await at_once(lambda: client.post(url, json={"step": step}, headers=headers))
    statuses = sorted(a.status_code for a in answers)
    if key:  # the first stores it (201); the same set sent again answers it as stored (200)
        assert statuses == [200] * (TIMES - 1) + [201], [a.text for a in answers]
    else:
        assert statuses == [201] * TIMES, [a.text for a in answers]
    assert count(store, SetRow) == 1
    replaced = [a.json()["replaced"] for a in answers]
    if key:  # every answer is the first one's: nothing was there before
        assert replaced == [False] * TIMES
        assert count(store, RequestKey) == 1
    else:  # each save after the first replaced the set before it
        assert sorted(replaced) == [False] + [True] * (TIMES - 1)


async def test_a_key_must_be_printable_and_short(both):
    client, _ = both
    for key in ("", "x" * 101, "two words"):
        response = await client.post("/api/v1/log", json=LOG, headers={"Idempotency-Key": key})
        assert response.status_code == 422, key


async def test_sixteen_identical_starts_and_finishes_with_one_key_count_once(both):
    """The player's outbox sends a start and a finish again until it has an answer: sent
    many times at once, each records once and every answer is the first one's."""
    client, store = both
    started = await at_once(lambda: client.post(
        "/api/v1/sessions", json={"pain_before": 1}, headers={"Idempotency-Key": "start-9"}))
    assert {a.status_code for a in started} == {201}, [a.text for a in started]
    assert len({a.json()["session_id"] for a in started}) == 1
    assert count(store, SessionRow) == 1
    url = f"/api/v1/sessions/{started[0].json()['session_id']}/finish"
    finished = await at_once(lambda: client.post(
        url, json={"pain_after": 0}, headers={"Idempotency-Key": "finish-9"}))
    assert {a.status_code for a in finished} == {200}, [a.text for a in finished]
    assert all(a.json() == finished[0].json() for a in finished)
    assert finished[0].json()["record"]["completed"]
    assert count(store, RequestKey) == 2
