"""A session that loses its connection, in a real browser on a fast-forwarded clock: every
set and the finish reach the server exactly once when it is back, through a reload
without a connection and through twenty random drops (issue 13). The database is read
through the Store's engine, not through the page."""

from __future__ import annotations

import random
from collections import Counter
from collections.abc import Callable, Iterator
from typing import Any

import httpx
import pytest
from sqlalchemy import select

from backcoach.store.tables import RequestKey, SessionRow, SetRow
from tests.e2e.conftest import WIDTHS, Console, Server, press_start, screenshot

MAX_ROUNDS = 400
PROFILE = {"age": 41, "equipment": ["mat", "chair"], "days_per_week": 7, "minutes_per_day": 15}


@pytest.fixture
def context(browser: Any) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": WIDTHS["phone"], "height": 740})
    yield context
    context.close()


@pytest.fixture
def page(context: Any, console: Console) -> Any:
    page = context.new_page()
    console.watch(page)
    return page


def stored(server: Server) -> tuple[list[Any], list[Any], int]:
    """Return the sessions and sets in the database, and how many idempotency keys."""
    store = server.app.state.backcoach.store
    with store.engine.connect() as conn:
        sessions = list(conn.execute(select(SessionRow.id, SessionRow.status,
                                            SessionRow.pain_before, SessionRow.pain_after)))
        sets = list(conn.execute(select(SetRow.session_id, SetRow.step)))
        keys = len(list(conn.execute(select(RequestKey.key))))
    return sessions, sets, keys


def kept_offline(page: Any, url: str) -> bool:
    """Return whether the service worker keeps ``url`` (a path) for offline."""
    return bool(page.evaluate("async (url) => !!(await caches.match(url))", url))


def open_today(page: Any, server: Server) -> None:
    """Open /today as a person does first, and wait until the worker keeps the player."""
    assert httpx.put(server.url + "/api/v1/profile", json=PROFILE).status_code == 200
    page.goto(server.url + "/today")
    page.evaluate("async () => { await navigator.serviceWorker.ready; }")
    for _ in range(100):
        if kept_offline(page, "/player"):
            return
        page.wait_for_timeout(100)
    raise AssertionError("the service worker did not keep /player")


def start(page: Any, server: Server) -> dict[str, Any]:
    page.clock.install()
    open_today(page, server)
    page.goto(server.url + "/player")
    return press_start(page, "2")


def state(page: Any) -> str:
    return str(page.get_attribute("#player", "data-state"))


def step_on(page: Any, seconds: float) -> None:
    """Let ``seconds`` pass in the session, pressing Done where the person decides."""
    if state(page) == "running" and page.get_attribute("#player", "data-untimed") == "1":
        page.click("#p-done")
    else:
        page.clock.run_for(int(seconds * 1000))


def play_to_end(page: Any) -> None:
    for _ in range(MAX_ROUNDS):
        if state(page) == "finished":
            return
        step_on(page, 15)
    raise AssertionError(f"the session did not end; it is {state(page)}")


def until(page: Any, done: Callable[[], bool], seconds: float = 10) -> None:
    """Wait (in real time: the page's clock is a fake one) until ``done()``."""
    for _ in range(int(seconds * 10)):
        if done():
            return
        page.wait_for_timeout(100)
    raise AssertionError("waited in vain")


def waiting(page: Any) -> int:
    return int(page.get_attribute("#player", "data-waiting") or 0)


def finish(page: Any) -> None:
    page.locator("#p-finish").get_by_label("Pain now, 0 to 10").fill("1")
    page.get_by_role("button", name="Save").click()


def assert_all_there_once(server: Server, session: dict[str, Any], keys_sent: int) -> None:
    sessions, sets, keys = stored(server)
    work = [s["index"] for s in session["steps"] if s["kind"] == "work"]
    assert sessions == [(session["session_id"], "completed", 2, 1)]
    # One row per work step, none twice, none lost...
    assert Counter(step for _, step in sets) == Counter(work)
    # ...and every write was recorded once under its own key (a replay found it there).
    assert keys == keys_sent


def test_a_session_finishes_offline_and_reaches_the_server_once(
        server: Server, context: Any, page: Any, console: Console) -> None:
    session = start(page, server)
    steps = session["steps"]
    work = [s["index"] for s in steps if s["kind"] == "work"]
    first = work[0]
    step_on(page, sum(s["duration"] or 0 for s in steps[: first + 1]) + 0.5)
    until(page, lambda: len(stored(server)[1]) == 1 and waiting(page) == 0)
    assert page.inner_text("#p-save") == "Every finished set is saved."

    context.set_offline(True)
    for _ in range(6):  # a few more sets, with no connection
        step_on(page, 30)
    done = page.evaluate("window.backcoachPlayer.log.filter(e => e.kind === 'step_done'"
                         " && e.done).length")
    kept = done - 1  # all but the first, which got through
    assert kept > 0
    until(page, lambda: waiting(page) == kept)
    assert "waiting to be saved" in page.inner_text("#p-save")
    assert "saved." not in page.inner_text("#p-save")
    assert page.locator("#p-save").is_visible()
    screenshot(page, "offline-waiting")
    # A reload without a connection: the page comes back paused where it was, the outbox kept.
    at = int(page.get_attribute("#player", "data-step"))
    page.reload()
    page.wait_for_selector('#player[data-state="paused"]')
    assert waiting(page) == kept
    assert int(page.get_attribute("#player", "data-step")) == at
    assert "no connection" in page.inner_text("#p-cue")
    page.get_by_role("button", name="Continue").click()
    play_to_end(page)
    assert "Not given" in page.inner_text("#p-finish")  # pain after: no silent default
    assert page.inner_text("#p-sum-sets") == str(len(work))
    finish(page)
    page.wait_for_selector('#player[data-state="waiting"]')
    assert page.inner_text("#p-end-title") == "Session kept on this device"
    assert page.inner_text("#p-end-text").startswith(
        f"{len(work) - 1} sets and the end of the session wait to be saved")
    sessions, sets, _ = stored(server)
    assert sessions[0][1] == "started" and len(sets) == 1  # nothing more got through

    context.set_offline(False)  # the connection is back: everything goes, in order
    page.wait_for_selector('#player[data-state="saved"]', timeout=30_000)
    assert page.inner_text("#p-end-title") == "Session saved. Well done."
    assert "Your streak: 1 day in a row" in page.inner_text("#p-end-streak")
    assert_all_there_once(server, session, keys_sent=1 + len(work) + 1)  # start, sets, finish
    assert [e for e in console.errors if e.startswith("uncaught")] == []


def test_twenty_random_drops_lose_nothing_and_store_nothing_twice(
        server: Server, context: Any, page: Any, console: Console) -> None:
    session = start(page, server)
    rng = random.Random(13)
    offline = False
    for _ in range(20):
        for _ in range(rng.randint(1, 3)):
            step_on(page, rng.uniform(2, 25))
        offline = not offline
        context.set_offline(offline)
    context.set_offline(False)
    play_to_end(page)
    finish(page)
    page.wait_for_selector('#player[data-state="saved"]', timeout=30_000)
    work = [s for s in session["steps"] if s["kind"] == "work"]
    assert_all_there_once(server, session, keys_sent=1 + len(work) + 1)
    assert [e for e in console.errors if e.startswith("uncaught")] == []


def test_what_waits_is_sent_from_the_next_page_opened_online(
        server: Server, context: Any, page: Any, console: Console) -> None:
    """Finished offline and closed: opening /today later, online, saves the session."""
    session = start(page, server)
    context.set_offline(True)
    play_to_end(page)
    finish(page)
    page.wait_for_selector('#player[data-state="waiting"]')
    page.close()
    assert stored(server)[0][0][1] == "started"
    context.set_offline(False)
    later = context.new_page()
    console.watch(later)
    later.goto(server.url + "/today")
    later.get_by_role("heading", name="Done for today").wait_for(timeout=30_000)
    work = [s for s in session["steps"] if s["kind"] == "work"]
    assert_all_there_once(server, session, keys_sent=1 + len(work) + 1)
    # Sent once: the flag is down, so the next pages do not load the outbox at all.
    assert later.evaluate("() => localStorage.getItem('backcoach.waiting')") is None
    assert [e for e in console.errors if e.startswith("uncaught")] == []


def test_starting_without_a_connection_says_it_needs_one(
        server: Server, context: Any, page: Any) -> None:
    assert httpx.put(server.url + "/api/v1/profile", json=PROFILE).status_code == 200
    page.goto(server.url + "/player")
    page.wait_for_selector('#player[data-state="ready"]')
    assert not page.locator("#p-offline").is_visible()
    context.set_offline(True)
    page.locator("#p-offline").wait_for()  # said before anyone presses Start
    page.get_by_role("button", name="Start", exact=True).click()
    error = page.locator("#p-start-error")
    error.wait_for()
    assert "needs a connection" in error.inner_text()
    assert stored(server)[0] == []
