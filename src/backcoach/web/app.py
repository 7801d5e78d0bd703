"""The FastAPI application: one store, the catalog, the pages and ``/api/v1``."""

from __future__ import annotations

import gc
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from datetime import date, datetime

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles
from starlette.middleware.gzip import GZipMiddleware

from backcoach.settings import Settings
from backcoach.store import Store
from backcoach.timestamps import utc_now
from backcoach.web import camera, docs, errors, language, openapi
from backcoach.web.api import API_PREFIX, API_ROUTERS, ERROR_RESPONSES, SERVER_API_ROUTERS
from backcoach.web.assets import Assets
from backcoach.web.deps import STATIC, AppState
from backcoach.web.gate import Gate
from backcoach.web.pages import PAGE_ROUTERS, SERVER_PAGE_ROUTERS
from backcoach.web.render import make_templates
from backcoach.web.security import Guard
from backcoach.web.version import DataVersion

GC_YOUNG_THRESHOLD = 20_000
# Smaller answers gain less from gzip than the bytes and time it costs.
GZIP_MINIMUM_BYTES = 1024


def create_app(settings: Settings, *, today: Callable[[], date] | None = None,
               now: Callable[[], datetime] = utc_now) -> FastAPI:
    """Return the app for ``settings`` (its database and the host names it answers to).

    The schema is brought up to date here; ``now`` and ``today`` are the clock (tests pass
    their own): by default the day is the one it is in each person's time zone.
    """
    store, _ = Store.open(settings.database_url)
    catalogs = language.catalogs()
    state = AppState(settings=settings, store=store, catalog=catalogs["en"],
                     templates=make_templates(catalogs), version=DataVersion(store.engine),
                     today=today, now=now, catalogs=catalogs)

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        yield
        state.version.close()
        store.engine.dispose()

    app = FastAPI(title="backcoach", version="1", lifespan=lifespan,
                  summary="A home exercise coach for a stronger, pain-free lower back.",
                  docs_url=None, redoc_url=None)
    app.state.backcoach = state
    app.state.camera = camera.Camera.for_settings(settings)
    errors.install(app)
    app.add_middleware(language.Language)
    if settings.server:  # every request an account's (Guard still runs first, outside)
        app.add_middleware(Gate, state=state)
    app.add_middleware(Guard, settings=settings)
    # Outside the Guard, so its refusals are compressed too.
    app.add_middleware(GZipMiddleware, minimum_size=GZIP_MINIMUM_BYTES)
    # Routes are matched in order: the two most asked for (GET /today, GET /api/v1/plan)
    # come first.
    today_router, *pages = PAGE_ROUTERS
    app.include_router(today_router, include_in_schema=False)
    for router in (*API_ROUTERS, *(SERVER_API_ROUTERS if settings.server else ())):
        app.include_router(router, prefix=API_PREFIX, responses=ERROR_RESPONSES)
    for router in (*pages, *(SERVER_PAGE_ROUTERS if settings.server else ())):
        app.include_router(router, include_in_schema=False)
    app.include_router(camera.router, prefix=API_PREFIX)
    app.include_router(docs.router, include_in_schema=False)
    openapi.install(app, catalogs["en"], state.day, server=settings.server)
    app.mount(docs.ASSETS_URL, StaticFiles(directory=docs.ASSETS), name="api-docs")
    app.mount("/static", Assets(directory=STATIC), name="static")
    return app


def app_from_env() -> FastAPI:
    """Return the app for the database that BACKCOACH_DATABASE_URL names, for a server
    started by another tool (``uvicorn --factory backcoach.web.app:app_from_env``)."""
    app = create_app(Settings.load())
    settle_for_serving()
    return app


def settle_for_serving() -> None:
    """Tune the garbage collector for a long-running server, once its app is built."""
    # The catalog, the templates and the app live as long as the process: keep them out of
    # the garbage collector's scans. And collect the young generation every 20,000 new
    # objects instead of 700: a request makes hundreds, and under load the frequent small
    # pauses doubled the 99th-percentile latency (benchmarks/web.py).
    gc.collect()
    gc.freeze()
    gc.set_threshold(GC_YOUNG_THRESHOLD, *gc.get_threshold()[1:])
