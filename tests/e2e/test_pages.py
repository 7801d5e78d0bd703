"""Every page at 375 px and 1280 px in a real browser: no console error, nothing wider than
the screen, a screenshot of each saved; and the player page's weight without a cache."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from tests.e2e.conftest import WIDTHS, Console, Server, screenshot

PAGES = {
    "today": "/today",
    "history": "/history",
    "onboarding": "/onboarding",
    "screening": "/screening",
    "library": "/exercises?position=prone",
    "exercise": "/exercises/cat_cow",
    "program": "/programs/home_set",
    "handout": "/programs/home_set/handout",
    "guide": "/guide?risk=hunching&risk=stress#risks",
    "calendar": "/calendar",
}
PLAYER_PAGE_LIMIT = 150 * 1024


def onboard(server: Server) -> None:
    response = httpx.put(server.url + "/api/v1/profile", json={
        "age": 52, "pain_now": "dull", "pain_level": 3, "equipment": ["mat", "chair"],
        "days_per_week": 7, "minutes_per_day": 20})
    response.raise_for_status()


@pytest.mark.parametrize("width", WIDTHS.values(), ids=WIDTHS.keys())
def test_every_page_at_phone_and_laptop_width(server: Server, browser: Any, width: int) -> None:
    onboard(server)
    console = Console()
    context = browser.new_context(viewport={"width": width, "height": 800})
    page = context.new_page()
    console.watch(page)
    for name, path in PAGES.items():
        page.goto(server.url + path)  # waits for the load event: styles, scripts, images
        wide = page.evaluate("document.documentElement.scrollWidth")
        assert wide <= width, f"{name} is {wide} px wide at {width} px"
        screenshot(page, name)
    page.goto(server.url + "/player")
    page.get_by_role("button", name="Start", exact=True).click()
    page.wait_for_selector('#player[data-state="running"]')
    page.wait_for_function("() => document.getElementById('p-figure').complete")
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    screenshot(page, "player-running")
    context.close()
    assert console.errors == []


def test_the_player_page_weighs_under_150_kb(server: Server, browser: Any) -> None:
    onboard(server)
    context = browser.new_context(viewport={"width": 375, "height": 740})
    page = context.new_page()
    sizes: dict[str, int] = {}
    page.on("requestfinished", lambda r: sizes.__setitem__(r.url, r.sizes()["responseBodySize"]
                                                           + r.sizes()["responseHeadersSize"]))
    page.goto(server.url + "/player")
    page.get_by_role("button", name="Start", exact=True).click()
    page.wait_for_selector('#player[data-state="running"]')
    page.wait_for_load_state("networkidle")
    context.close()
    total = sum(sizes.values())
    assert any("/figure.svg" in url for url in sizes)  # the first figure is counted
    assert total < PLAYER_PAGE_LIMIT, f"{total} bytes: {sizes}"
