"""What every route gets: the app's one store, the catalog, the clock, the templates.

Routes declare what they need by type, as in the FastAPI full-stack template::

    @router.get("/plan")
    def plan(state: StateDep, today: TodayDep) -> Plan: ...

Tests pass their own clock to :func:`backcoach.web.app.create_app`.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Annotated, Any, TypeVar

from anyio import CapacityLimiter, to_thread
from fastapi import Depends, Request
from fastapi.templating import Jinja2Templates

from backcoach.catalog import Catalog
from backcoach.player import Timeline
from backcoach.settings import Settings
from backcoach.store import Store
from backcoach.store.db import WouldWait, without_waiting
from backcoach.timestamps import Zone
from backcoach.web.version import DataVersion, Memo

_T = TypeVar("_T")
WRITERS_POSTGRES = 8
TEMPLATES = Path(__file__).parent / "templates"
STATIC = Path(__file__).parent / "static"


@dataclass
class AppState:
    """Everything one running app shares: its settings, one store per app, the catalog
    loaded once."""

    settings: Settings
    store: Store
    catalog: Catalog
    templates: Jinja2Templates
    version: DataVersion
    # The clock: the moment it is (aware; tests give a naive one, the wall clock of every
    # zone), and the day, which by default is the one it is in the person's zone.
    now: Callable[[], datetime]
    today: Callable[[], date] | None = None
    memo: Memo[Any] = field(default_factory=Memo)
    # The timeline of each running session, so a saved step is checked against it; keyed
    # by (user, session id), so an account never meets another's session here.
    timelines: dict[tuple[str, int], Timeline] = field(default_factory=dict)
    # The catalog in each language it is complete in (English always), and which one
    # this state speaks.
    catalogs: dict[str, Catalog] = field(default_factory=dict)
    lang: str = "en"
    # The one limiter of writer threads, made at the first write; a box, so the views of
    # one app for each account share it.
    _writer: list[CapacityLimiter] = field(default_factory=list)

    def for_language(self, lang: str) -> AppState:
        """Return this state speaking ``lang``: the catalog in it (English while its
        texts are not all there), the caches keyed by language too."""
        catalog = self.catalogs.get(lang)
        if catalog is None or lang == self.lang:
            return self
        view = copy.copy(self)
        view.catalog, view.lang = catalog, lang
        return view

    def for_store(self, store: Store) -> AppState:
        """Return this app's state seen by one account (server mode): its own records and
        time zone, everything else shared (the catalog, the caches, keyed by user)."""
        view = copy.copy(self)
        view.store = store
        return view

    def moment(self, zone: Zone | None = None) -> datetime:
        """Return the moment it is, in the person's time zone (or ``zone``), to the
        second."""
        return (zone or self.store.zone).attach(self.now()).replace(microsecond=0)

    def day(self, zone: Zone | None = None) -> date:
        """Return the day it is for the person (in their time zone, or ``zone``)."""
        return self.today() if self.today is not None else self.moment(zone).date()

    async def write(self, work: Callable[[], _T]) -> _T:
        """Return ``work()``, a write to the database.

        SQLite takes one writer at a time, and a write takes well under a millisecond:
        done right here on the event loop, it costs less than handing it to one of forty
        threads that then take turns on the lock and the GIL (benchmarks/web.py, the
        write mix: 230 requests/s in threads). Only when another process holds the write
        lock does the write wait for it, in a thread, so the server never stalls.
        PostgreSQL writes go to a few threads.
        """
        sqlite = self.store.engine.dialect.name == "sqlite"
        if sqlite:
            try:
                with without_waiting():
                    return work()
            except WouldWait:
                pass
        if not self._writer:  # made on the event loop, at the first write
            self._writer.append(CapacityLimiter(1 if sqlite else WRITERS_POSTGRES))
        return await to_thread.run_sync(work, limiter=self._writer[0])

    def session_key(self, session_id: int) -> tuple[str, int]:
        """Return the key of one of this person's sessions in :attr:`timelines`."""
        return self.store.user_name, session_id

    def key(self, *parts: object) -> tuple[object, ...] | None:
        """Return a cache key for ``parts`` at the current data version, or None."""
        token = self.version.token()
        return None if token is None else (token, self.store.user_name, self.lang, *parts)

    def changed(self) -> None:
        """Note that this app wrote to the database (cached answers are stale)."""
        self.version.bump()


def get_app_state(request: Request) -> AppState:
    """Return the app's state directly (for the hottest routes, which skip injection): in
    server mode, as the logged-in account sees it (set by :mod:`backcoach.web.gate`); in
    the request's language (set by :mod:`backcoach.web.language`)."""
    scope = request.scope.get("state", {})
    state: AppState = scope.get("person") or request.app.state.backcoach
    return state.for_language(scope.get("lang", "en"))


# Dependencies are coroutines, so FastAPI calls them on the event loop, not in a thread.
async def get_state(request: Request) -> AppState:
    return get_app_state(request)


async def get_today(request: Request) -> date:
    return get_app_state(request).day()


async def get_now(request: Request) -> datetime:
    return get_app_state(request).moment()


StateDep = Annotated[AppState, Depends(get_state)]
TodayDep = Annotated[date, Depends(get_today)]
NowDep = Annotated[datetime, Depends(get_now)]


async def get_store(request: Request) -> Store:
    return get_app_state(request).store


async def get_catalog(request: Request) -> Catalog:
    return get_app_state(request).catalog


StoreDep = Annotated[Store, Depends(get_store)]
CatalogDep = Annotated[Catalog, Depends(get_catalog)]
