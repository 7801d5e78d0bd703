"""The app on a temporary SQLite file with a fixed clock, and an async client over ASGI."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from fastapi import FastAPI

from backcoach.settings import Settings
from backcoach.web import create_app
from backcoach.web.security import CSRF_COOKIE, CSRF_FIELD
from tests.web import NOW, TODAY

BASE_URL = "http://localhost"  # a name the server answers to (see web/security.py)


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"


@pytest.fixture
def db_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'web.db'}"


@pytest.fixture
def app(db_url: str) -> FastAPI:
    return create_app(Settings.load(db_url), today=lambda: TODAY, now=lambda: NOW)


class Browser(httpx.AsyncClient):
    """A client that, like a browser, sends back the CSRF token of the page a form is on:
    a form post (``data=``) carries the cookie's token unless the test gives one."""

    async def post(self, url: str, **kwargs: Any) -> httpx.Response:  # type: ignore[override]
        data = kwargs.get("data")
        if isinstance(data, dict) and CSRF_FIELD not in data:
            if CSRF_COOKIE not in self.cookies:
                await self.get("/guide")  # any page sets the cookie
            kwargs["data"] = {**data, CSRF_FIELD: self.cookies[CSRF_COOKIE]}
        return await super().post(url, **kwargs)


@pytest.fixture
async def client(app: FastAPI) -> AsyncIterator[httpx.AsyncClient]:
    transport = httpx.ASGITransport(app=app)
    async with Browser(transport=transport, base_url=BASE_URL) as c:
        yield c
    app.state.backcoach.version.close()
    app.state.backcoach.store.engine.dispose()
