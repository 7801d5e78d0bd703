"""The app on a temporary SQLite file with a fixed clock, and an async client over ASGI."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import httpx
import pytest
from fastapi import FastAPI

from backcoach.settings import Settings
from backcoach.web import create_app
from tests.web import NOW, TODAY


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"


@pytest.fixture
def db_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'web.db'}"


@pytest.fixture
def app(db_url: str) -> FastAPI:
    return create_app(Settings.load(db_url), today=lambda: TODAY, now=lambda: NOW)


@pytest.fixture
async def client(app: FastAPI) -> AsyncIterator[httpx.AsyncClient]:
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as c:
        yield c
    app.state.backcoach.version.close()
    app.state.backcoach.store.engine.dispose()
