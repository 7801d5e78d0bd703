"""The player's screens on a small phone: Start brings the exercise to the top with the
focus on its main control, the sets waiting are counted clear of the Stop bar, Escape
closes the stop panel, and the finish screen sums the session up with sliders that record
nothing unless moved (issue 13)."""

from __future__ import annotations

from typing import Any

import httpx
from sqlalchemy import select

from backcoach.store.tables import SessionRow
from tests.e2e.conftest import Console, Server, press_start, screenshot
from tests.e2e.test_offline import PROFILE, play_to_end, state

SMALL = {"width": 320, "height": 568}


def box(page: Any, selector: str) -> dict[str, float]:
    found: dict[str, float] = page.locator(selector).bounding_box()
    return found


def test_start_stop_panel_and_the_finish_summary(server: Server, browser: Any,
                                                 console: Console) -> None:
    context = browser.new_context(viewport=SMALL)
    page = context.new_page()
    console.watch(page)
    try:
        assert httpx.put(server.url + "/api/v1/profile", json=PROFILE).status_code == 200
        page.clock.install()
        page.goto(server.url + "/player")
        page.wait_for_selector('#player[data-state="ready"]')
        page.evaluate("() => window.scrollTo(0, document.body.scrollHeight)")
        press_start(page, "3")
        assert page.evaluate("() => window.scrollY") == 0
        assert page.evaluate("() => document.activeElement.id") == "p-pause"
        assert page.inner_text("#p-save") == ""  # no set yet: nothing to say
        page.keyboard.press("s")
        assert state(page) == "stopping"
        page.keyboard.press("Escape")
        assert state(page) == "running" and page.locator("#p-run").is_visible()
        assert page.evaluate("() => document.activeElement.id") == "p-pause"
        page.clock.run_for(90_000)  # the first exercise, a minute long, is done
        page.wait_for_function("() => document.getElementById('p-save').textContent"
                               " === 'Every finished set is saved.'")
        # The count of sets waiting sits by the counter, above the Stop bar.
        save, bar = box(page, "#p-save"), box(page, "#p-hurts")
        assert save["y"] + save["height"] <= bar["y"]
        assert page.locator("#p-save").is_visible()

        play_to_end(page)
        finish = page.locator("#p-finish")
        assert page.evaluate("() => document.activeElement.id") == "p-pain-after"
        assert page.inner_text("#p-sum-pain") == "3"
        assert int(page.inner_text("#p-sum-sets")) > 0
        assert int(page.inner_text("#p-sum-exercises")) > 0
        assert int(page.inner_text("#p-sum-minutes")) >= 1
        assert "Next session:" in finish.inner_text()
        for _ in range(4):
            page.keyboard.press("ArrowRight")
        assert page.inner_text("#p-pain-after-value") == "4 of 10"
        effort = finish.get_by_label("How hard was it")
        effort.fill("6")
        assert page.inner_text("#p-effort-value") == "6 of 10"
        page.click("#p-effort-skip")  # changed their mind: not given after all
        assert page.inner_text("#p-effort-value").startswith("Not given")
        screenshot(page, "finish-summary")
        page.get_by_role("button", name="Save").click()
        page.wait_for_selector('#player[data-state="saved"]')
        assert page.inner_text("#p-end-streak").startswith("Your streak: 1 day in a row")
        store = server.app.state.backcoach.store
        with store.engine.connect() as conn:
            row = conn.execute(select(SessionRow.status, SessionRow.pain_before,
                                      SessionRow.pain_after, SessionRow.effort)).one()
        assert tuple(row) == ("completed", 3, 4, None)
        assert console.errors == []
    finally:
        context.close()
