"""The library's refusals speak the request's language (issue 15): through the real API, an
unknown exercise, a pain of 12 and a wrong login answer in Russian with ``Accept-Language:
ru``, and exactly as before in English."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import replace
from pathlib import Path

import httpx
import pytest
from fastapi import FastAPI

from backcoach.accounts import add_account
from backcoach.settings import Settings
from backcoach.store.accounts import Accounts
from backcoach.web import create_app
from tests.web import NOW, TODAY
from tests.web.conftest import BASE_URL, Browser

pytestmark = pytest.mark.anyio
RU = {"Accept-Language": "ru"}
EN = {"Accept-Language": "en"}


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"


async def _client(app: FastAPI) -> AsyncIterator[Browser]:
    async with Browser(transport=httpx.ASGITransport(app=app), base_url=BASE_URL) as client:
        yield client
    app.state.backcoach.version.close()
    app.state.backcoach.store.engine.dispose()


@pytest.fixture
async def client(tmp_path: Path) -> AsyncIterator[Browser]:
    app = create_app(Settings.load(f"sqlite:///{tmp_path / 'web.db'}"),
                     today=lambda: TODAY, now=lambda: NOW)
    async for found in _client(app):
        yield found


@pytest.fixture
async def server(tmp_path: Path) -> AsyncIterator[Browser]:
    settings = replace(Settings.load(f"sqlite:///{tmp_path / 'server.db'}"), server=True)
    app = create_app(settings, today=lambda: TODAY, now=lambda: NOW)
    add_account(Accounts(app.state.backcoach.store.engine), "pat@example.com", "patient",
                "correct horse battery")
    async for found in _client(app):
        yield found


async def test_an_unknown_exercise_is_refused_in_russian_and_as_before_in_english(client):
    russian = await client.get("/api/v1/exercises/cat_cw", headers=RU)
    english = await client.get("/api/v1/exercises/cat_cw", headers=EN)
    assert russian.status_code == english.status_code == 404
    assert russian.json()["detail"] == ("нет упражнения «cat_cw»; может быть, вы имели в виду "
                                        "«cat_cow»?")
    assert english.json()["detail"] == "no exercise 'cat_cw'; did you mean 'cat_cow'?"
    assert russian.json()["errors"][0]["field"] == english.json()["errors"][0]["field"] == \
        "exercise"


async def test_a_pain_of_12_is_refused_in_russian_and_as_before_in_english(client):
    russian = await client.post("/api/v1/pain", json={"pain": 12}, headers=RU)
    english = await client.post("/api/v1/pain", json={"pain": 12}, headers=EN)
    assert russian.status_code == english.status_code == 422
    assert russian.json()["detail"] == "pain: значение должно быть не больше 10"
    assert english.json()["detail"] == "pain: Input should be less than or equal to 10"


async def test_a_wrong_login_is_refused_in_russian_and_as_before_in_english(server):
    wrong = {"email": "pat@example.com", "password": "not it at all"}
    russian = await server.post("/api/v1/auth/login", json=wrong, headers=RU)
    english = await server.post("/api/v1/auth/login", json=wrong, headers=EN)
    assert russian.status_code == english.status_code == 401
    assert russian.json()["detail"] == "неверный адрес электронной почты или пароль"
    assert english.json()["detail"] == "the email or the password is wrong"


# The API's own refusals (web/service.py, web/api/, the 404 of an unknown address) -------

async def test_the_apis_own_refusals_are_in_russian_with_the_field_named(client):
    day = await client.get("/api/v1/plan", params={"date": "вчера"}, headers=RU)
    assert day.status_code == 422
    assert day.json()["detail"] == "date: 'вчера' — это не дата; напишите её как ГГГГ-ММ-ДД"
    assert day.json()["errors"][0]["field"] == "date"
    again = await client.get("/api/v1/plan", params={"again": "может"}, headers=RU)
    assert again.json()["detail"] == "again: 'может' — это не true и не false"
    assert again.json()["errors"][0]["field"] == "again"
    risk = await client.get("/api/v1/guide/risks", params={"risk": "smokin"}, headers=RU)
    assert risk.status_code == 422
    assert risk.json()["detail"].startswith("неизвестный фактор риска «smokin»")
    assert risk.json()["errors"][0]["field"] == "risk"
    calendar = await client.get("/api/v1/calendar.ics", headers=RU)
    assert calendar.status_code == 404
    assert calendar.json()["detail"].startswith("анкеты пока нет: сначала ответьте на "
                                                "вопросы (PUT /api/v1/profile")
    assert calendar.json()["errors"][0]["field"] == "profile"


async def test_an_unknown_api_address_is_answered_in_the_readers_language(client):
    russian = await client.get("/api/v1/nowhere", headers=RU)
    english = await client.get("/api/v1/nowhere", headers=EN)
    assert russian.status_code == english.status_code == 404
    assert russian.json()["detail"] == "по адресу /api/v1/nowhere ничего нет"
    assert english.json()["detail"] == "nothing at /api/v1/nowhere"


async def test_the_apis_refusals_stay_as_they_were_in_english(client):
    day = await client.get("/api/v1/plan", params={"date": "yesterday"}, headers=EN)
    assert day.json()["detail"] == "date: 'yesterday' is not a date; write it as YYYY-MM-DD"
    risk = await client.get("/api/v1/guide/risks", params={"risk": "smokin"}, headers=EN)
    assert risk.json()["detail"].startswith("unknown risk factor 'smokin'")
