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
