"""Onboarding in a real browser: four short steps, answers kept going back and forth, the
error summary taking the focus and each of its links taking it on to the field; and /today
once the day's session is behind: done, or a rest after a stop for pain, never "Start".
"""

from __future__ import annotations

from typing import Any

import httpx

from tests.e2e.conftest import Console, Server

# What a keyboard can reach: the tab stops of the page as a person meets them.
TAB_STOPS = """() => {
  const focusable = 'a[href], button, input:not([type=hidden]), select, textarea, summary, '
    + '[tabindex="0"]';
  const seen = new Set();
  return [...document.querySelectorAll(focusable)].filter((el) => {
    if (el.disabled || !el.getClientRects().length) return false;
    if (el.type === "radio") {  // a group of radios is one stop
      if (seen.has(el.name)) return false;
      seen.add(el.name);
    }
    return true;
  }).length;
}"""


def next_step(page: Any) -> None:
    page.get_by_role("button", name="Next").click()


def test_four_short_steps_that_keep_every_answer(server: Server, phone: Any,
                                                console: Console) -> None:
    phone.goto(server.url + "/onboarding")
    heights, stops = [], []
    assert phone.locator("#step-count").inner_text() == "Step 1 of 4: Your back now"
    phone.get_by_label("Dull, aching pain").check()
    phone.get_by_label("How strong is it").fill("4")
    phone.get_by_label("Where is it? (optional)").fill("low, on the left")
    for step in (2, 3, 4):
        heights.append(phone.evaluate("document.documentElement.scrollHeight"))
        stops.append(phone.evaluate(TAB_STOPS))
        next_step(phone)
        assert phone.locator("#step-count").inner_text().startswith(f"Step {step} of 4")
    assert phone.get_by_label("Numbness or tingling in the saddle area").is_hidden()
    phone.get_by_role("button", name="Back").click()  # step 3
    phone.get_by_label("Diagnosed disc hernia").check()
    phone.get_by_role("button", name="Back").click()  # step 2
    phone.get_by_role("button", name="Back").click()  # step 1: as it was left
    assert phone.get_by_label("Dull, aching pain").is_checked()
    assert phone.get_by_label("How strong is it").input_value() == "4"
    assert phone.get_by_label("Where is it? (optional)").input_value() == "low, on the left"
    for _ in range(3):
        next_step(phone)
    heights.append(phone.evaluate("document.documentElement.scrollHeight"))
    stops.append(phone.evaluate(TAB_STOPS))
    phone.get_by_label("Your age").fill("41")
    phone.get_by_role("button", name="Save and check").click()
    phone.wait_for_url("**/screening")
    profile = httpx.get(server.url + "/api/v1/profile").json()
    assert (profile["pain_now"], profile["pain_level"], profile["hernia"]) == ("dull", 4, True)
    # The single form was 56 tab stops and 4,000 px on a phone; a step is a fraction of it
    # (the most, step 4, is mostly the equipment list; the menu and footer count too).
    assert max(stops) <= 35, stops
    assert max(heights) <= 2400, heights
    assert console.errors == []


def test_the_error_summary_takes_the_focus_and_leads_to_each_field(
        server: Server, phone: Any, console: Console) -> None:
    phone.goto(server.url + "/onboarding")
    for _ in range(3):
        next_step(phone)
    phone.get_by_label("Minutes a day").fill("")
    phone.get_by_label("Days a week").fill("9")
    phone.get_by_role("button", name="Save and check").click()
    summary = phone.locator("#form-errors")
    assert phone.evaluate("document.activeElement.id") == "form-errors"
    assert summary.get_by_role("heading").inner_text() == "Please check 3 answers:"
    links = summary.get_by_role("link")
    assert links.all_inner_texts() == ["Your age: please answer this.",
                                       "Minutes a day: please answer this.",
                                       "Days a week: give a number of at most 7."]
    links.nth(1).click()
    assert phone.evaluate("document.activeElement.id") == "f-minutes_per_day"
    box = phone.locator("#f-minutes_per_day").bounding_box()
    assert box is not None and 0 <= box["y"] <= 740  # in view, with its label above it
    # The error is said next to the field too, and tied to it for a screen reader.
    assert phone.locator("#f-minutes_per_day").get_attribute("aria-invalid") == "true"
    assert httpx.get(server.url + "/api/v1/profile").status_code == 404  # nothing saved
    # The page was answered 422 (an answer is wrong): Chromium logs that, nothing else.
    assert [e for e in console.errors if "status of 422" not in e] == []


def test_the_steps_work_without_javascript(server: Server, browser: Any) -> None:
    context = browser.new_context(viewport={"width": 375, "height": 812},
                                  java_script_enabled=False)
    page = context.new_page()
    page.goto(server.url + "/onboarding")
    page.get_by_label("Acute: sharp, strong, recent").check()
    page.get_by_label("How strong is it").fill("7")
    next_step(page)
    next_step(page)
    page.get_by_role("button", name="Back").click()
    assert page.locator("#step-count").inner_text() == "Step 2 of 4: Warning signs"
    next_step(page)
    next_step(page)
    page.get_by_label("Your age").fill("60")
    page.get_by_role("button", name="Save and check").click()
    page.wait_for_url("**/screening")
    profile = httpx.get(server.url + "/api/v1/profile").json()
    assert (profile["pain_now"], profile["pain_level"], profile["age"]) == ("acute", 7, 60)
    context.close()


# Today after the day's session ---------------------------------------------------------------

def onboard(server: Server) -> None:
    httpx.put(server.url + "/api/v1/profile", json={
        "age": 41, "equipment": ["mat"], "days_per_week": 7}).raise_for_status()


def start(page: Any, server: Server) -> None:
    page.goto(server.url + "/today")
    page.get_by_role("link", name="Start the session").first.click()
    page.get_by_role("button", name="Start", exact=True).click()
    page.wait_for_selector('#player[data-state="running"]')


def ended(phone: Any) -> None:
    """Wait for the player's end screen and for every write to have reached the server:
    a page opened while one waits sends it and draws itself again (static/pwa.js), which a
    test reading that page would race."""
    phone.wait_for_selector("#p-end:not([hidden])")
    phone.wait_for_function("() => !localStorage.getItem('backcoach.waiting')")


def test_today_after_a_finished_session_is_done_with_no_start(server: Server, phone: Any,
                                                             console: Console) -> None:
    onboard(server)
    phone.clock.install()
    start(phone, server)
    for _ in range(400):
        if phone.get_attribute("#player", "data-state") == "finished":
            break
        if phone.get_attribute("#player", "data-untimed") == "1":
            phone.click("#p-done")
        else:
            phone.clock.run_for(15_000)
    phone.click("#p-finish-save")
    ended(phone)
    phone.goto(server.url + "/today")
    assert phone.get_by_role("heading", name="Done for today").is_visible()
    assert phone.get_by_role("link", name="Start the session").count() == 0
    assert phone.locator(".week .today").inner_text().endswith("Done")
    assert console.errors == []


def test_today_after_a_stop_for_pain_is_a_rest(server: Server, phone: Any,
                                               console: Console) -> None:
    onboard(server)
    start(phone, server)
    phone.click("#p-hurts")
    phone.get_by_label("Pain", exact=True).check()
    phone.click("#p-stop-confirm")
    ended(phone)
    phone.goto(server.url + "/today")
    assert phone.get_by_role("heading", name="Rest today").is_visible()
    assert phone.get_by_role("link", name="Start the session").count() == 0
    assert phone.get_by_role("link", name="Train again anyway").count() == 0
    assert phone.get_by_role("heading", name="See a doctor if any of these appear").is_visible()
    assert console.errors == []
