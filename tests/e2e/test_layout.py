"""The layout on four screens (a small phone, a phone, a phone on its side, a laptop): each
page's screenshot saved; in the player the counter, the exercise's name, Back, Done, Next
and the Stop button are on screen, with the Stop button over none of them; no console
error; axe finds no critical or serious violation on any page, in light and in dark.

Screenshots go to artifacts/e2e/layout-PAGE-WIDTHxHEIGHT.png for a person to look at, and
every page axe checks to layout-light-PAGE-375x812.png and layout-dark-PAGE-375x812.png.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from tests.e2e.conftest import ARTIFACTS, Console, Server

SCREENS = {"320x568": (320, 568), "375x812": (375, 812), "812x375": (812, 375),
           "1280x800": (1280, 800)}
MAX_ROUNDS = 400


def onboard(server: Server) -> None:
    response = httpx.put(server.url + "/api/v1/profile", json={
        "age": 52, "pain_now": "dull", "pain_level": 3, "equipment": ["mat", "chair"],
        "days_per_week": 7, "minutes_per_day": 20})
    response.raise_for_status()


@pytest.fixture
def screen(request: pytest.FixtureRequest, browser: Any, console: Console) -> Iterator[Any]:
    """A page of the size the test is parametrized with (``size``), its console watched."""
    width, height = SCREENS[request.node.callspec.params["size"]]
    context = browser.new_context(viewport={"width": width, "height": height},
                                  device_scale_factor=1)
    page = context.new_page()
    console.watch(page)
    yield page
    context.close()


def shoot(page: Any, name: str, *, full_page: bool = True) -> None:
    size = page.viewport_size
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / f"layout-{name}-{size['width']}x{size['height']}.png"
    page.screenshot(path=str(path), full_page=full_page)


def box(page: Any, selector: str) -> dict[str, float]:
    found = page.locator(selector).bounding_box()
    assert found is not None, f"{selector} is not shown"
    return dict(found)


def on_screen(page: Any, selector: str) -> dict[str, float]:
    """Return the element's box after checking that all of it is inside the viewport."""
    size, b = page.viewport_size, box(page, selector)
    assert b["x"] >= 0 and b["y"] >= 0, (selector, b)
    assert b["x"] + b["width"] <= size["width"] + 0.5, (selector, b, size)
    assert b["y"] + b["height"] <= size["height"] + 0.5, (selector, b, size)
    return b


def overlap(a: dict[str, float], b: dict[str, float]) -> bool:
    return (a["x"] < b["x"] + b["width"] and b["x"] < a["x"] + a["width"]
            and a["y"] < b["y"] + b["height"] and b["y"] < a["y"] + a["height"])


def state(page: Any) -> str:
    return str(page.get_attribute("#player", "data-state"))


def play_to_end(page: Any) -> None:
    """Run the fake clock to the end of the session, pressing Done where the person would."""
    for _ in range(MAX_ROUNDS):
        if state(page) == "finished":
            return
        if state(page) == "running" and page.get_attribute("#player", "data-untimed") == "1":
            page.click("#p-done")
            continue
        page.clock.run_for(15_000)
    raise AssertionError(f"the session did not end; it is {state(page)}")


@pytest.mark.parametrize("size", SCREENS)
def test_every_screen_of_a_session_fits(server: Server, screen: Any, console: Console,
                                        size: str) -> None:
    onboard(server)
    width = SCREENS[size][0]
    for name, path in (("onboarding", "/onboarding"), ("today", "/today")):
        screen.goto(server.url + path)
        assert screen.evaluate("document.documentElement.scrollWidth") <= width, name
        shoot(screen, name)

    screen.clock.install()
    screen.goto(server.url + "/player")
    on_screen(screen, "#p-start-title")
    shoot(screen, "player-start")
    # Started from the bottom of the start panel, as a thumb does on a phone.
    screen.locator("#p-start-button").scroll_into_view_if_needed()
    screen.click("#p-start-button")
    screen.wait_for_selector('#player[data-state="running"]')
    screen.wait_for_function("() => document.getElementById('p-figure').complete")
    stop = on_screen(screen, "#p-hurts")
    for selector in ("#p-title", "#p-counter", "#p-back", "#p-pause", "#p-done", "#p-skip"):
        assert not overlap(stop, on_screen(screen, selector)), f"{selector} under Stop"
    assert on_screen(screen, "#p-figure")["height"] >= 100  # large enough to follow
    shoot(screen, "player-running", full_page=False)

    screen.click("#p-hurts")
    on_screen(screen, "#p-stop-title")
    shoot(screen, "player-stop")
    screen.click("#p-carry-on")
    assert state(screen) == "running"

    play_to_end(screen)
    on_screen(screen, "#p-finish-title")
    shoot(screen, "player-finish")
    screen.fill("#p-pain-after", "2")
    screen.click("#p-finish-save")
    screen.wait_for_selector("#p-end:not([hidden])")

    screen.goto(server.url + "/history")
    assert screen.evaluate("document.documentElement.scrollWidth") <= width
    shoot(screen, "progress")
    assert console.errors == []


# axe ---------------------------------------------------------------------------------------

PAGES = ["/onboarding", "/screening", "/today", "/exercises", "/exercises/cat_cow",
         "/programs", "/programs/home_set", "/guide", "/history", "/calendar", "/player",
         "/offline"]
SERIOUS = ("critical", "serious")


def serious_violations(page: Any) -> list[str]:
    """Return 'rule (impact): where' for each critical or serious axe violation."""
    from axe_playwright_python.sync_playwright import Axe  # type: ignore[import-untyped]

    results = Axe().run(page)
    return [f"{v['id']} ({v['impact']}): {[n['target'] for n in v['nodes']][:3]}"
            for v in results.response["violations"] if v["impact"] in SERIOUS]


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_nothing_serious_on_any_page(server: Server, browser: Any, console: Console,
                                               scheme: str) -> None:
    onboard(server)
    # axe is injected as a script, which the pages' Content-Security-Policy would refuse.
    context = browser.new_context(viewport={"width": 375, "height": 812}, bypass_csp=True,
                                  color_scheme=scheme)
    page = context.new_page()
    console.watch(page)
    found: dict[str, list[str]] = {}
    for path in PAGES:
        page.goto(server.url + path)
        found[path] = serious_violations(page)
        shoot(page, f"{scheme}-{path.strip('/').replace('/', '-')}")
    page.goto(server.url + "/player")
    page.click("#p-start-button")
    page.wait_for_selector('#player[data-state="running"]')
    found["/player (running)"] = serious_violations(page)
    shoot(page, f"{scheme}-player-running", full_page=False)
    page.click("#p-hurts")
    found["/player (stop)"] = serious_violations(page)
    page.goto(server.url + "/onboarding")
    page.get_by_label("How strong is it").fill("0")  # with dull pain: an error
    page.get_by_role("button", name="Next").click()
    page.wait_for_selector("#form-errors")
    found["/onboarding (errors)"] = serious_violations(page)
    # The verdicts that are not "go", each in its own colours.
    for verdict, answers in (("urgent", {"red_flags": {"saddle_numbness": True}}),
                             ("consult", {"hernia": True})):
        httpx.put(server.url + "/api/v1/profile", json={"age": 52, **answers}).raise_for_status()
        for path in ("/screening", "/today"):
            page.goto(server.url + path)
            found[f"{path} ({verdict})"] = serious_violations(page)
    context.close()
    assert {path: v for path, v in found.items() if v} == {}
    assert [e for e in console.errors if "status of 422" not in e] == []


# Reduced motion ------------------------------------------------------------------------------

def test_with_reduced_motion_figures_stand_still_until_played(server: Server, browser: Any,
                                                              console: Console) -> None:
    onboard(server)
    context = browser.new_context(viewport={"width": 375, "height": 812},
                                  reduced_motion="reduce")
    page = context.new_page()
    console.watch(page)
    page.goto(server.url + "/exercises/cat_cow")
    figure = page.locator("img.figure")
    assert figure.get_attribute("src") == "/api/v1/exercises/cat_cow/figure.svg?pose=start"
    play = page.get_by_role("button", name="Play the movement: Cat-cow")
    assert play.get_attribute("aria-pressed") == "false"
    play.click()
    assert figure.get_attribute("src") == "/api/v1/exercises/cat_cow/figure.svg"
    stop = page.get_by_role("button", name="Stop the movement: Cat-cow")
    assert stop.get_attribute("aria-pressed") == "true"
    stop.click()
    assert figure.get_attribute("src").endswith("?pose=start")
    # The player's figure, which changes at every step.
    page.clock.install()
    page.goto(server.url + "/player")
    page.click("#p-start-button")
    page.wait_for_selector('#player[data-state="running"]')
    page.clock.run_for(6_000)  # past "get ready", into the first exercise
    assert page.get_attribute("#player", "data-kind") == "work"
    assert page.get_attribute("#p-figure", "src").endswith("?pose=start")
    page.locator("#p-run .motion-toggle").click()
    assert not page.get_attribute("#p-figure", "src").endswith("?pose=start")
    # The player's own still between exercises stays still; the next exercise plays, as
    # the person chose.
    page.click("#p-skip")
    assert page.get_attribute("#player", "data-kind") != "work"
    assert page.get_attribute("#p-figure", "src").endswith("?pose=start")
    assert page.locator("#p-run .motion-toggle").is_hidden()
    page.clock.run_for(6_000)
    assert page.get_attribute("#player", "data-kind") == "work"
    assert page.get_attribute("#p-figure", "src").endswith("/figure.svg")
    context.close()
    assert console.errors == []


def test_without_the_preference_figures_move_and_offer_no_button(server: Server,
                                                                 browser: Any) -> None:
    context = browser.new_context(reduced_motion="no-preference")
    page = context.new_page()
    page.goto(server.url + "/exercises/cat_cow")
    assert page.locator("img.figure").get_attribute("src").endswith("/figure.svg")
    assert page.locator(".motion-toggle:visible").count() == 0
    context.close()


def test_with_reduced_motion_and_no_javascript_figures_stand_still(server: Server,
                                                                   browser: Any) -> None:
    onboard(server)
    context = browser.new_context(reduced_motion="reduce", java_script_enabled=False)
    page = context.new_page()
    page.goto(server.url + "/exercises/cat_cow")
    shown = page.eval_on_selector("img.figure", "img => img.currentSrc")
    assert shown.endswith("/api/v1/exercises/cat_cow/figure.svg?pose=start")
    context.close()
