"""A person in a real browser: onboarding -> plan -> a whole session on a fast-forwarded
clock -> history; a stop for pain; a reload in the middle of a session; a set ended early
and one done again; the browser's measure of a set against Python's."""

from __future__ import annotations

import itertools
import random
from datetime import date, timedelta
from typing import Any

import httpx

from backcoach.planner import PlannedItem
from backcoach.player import build_timeline, measure_set
from backcoach.web.schemas import StepOut
from tests.e2e.conftest import Console, Server, press_start, screenshot

MAX_ROUNDS = 400


def onboard_in_the_browser(page: Any, server: Server) -> None:
    page.goto(server.url + "/")
    assert page.url.endswith("/onboarding")
    for _ in range(3):  # the steps about pain, warning signs and health: nothing to tick
        page.get_by_role("button", name="Next").click()
    page.get_by_label("Your age").fill("41")
    page.get_by_label("Days a week").fill("7")  # so that today is a training day
    page.get_by_label("Minutes a day").fill("15")
    page.get_by_label("Chair", exact=True).check()
    page.get_by_role("button", name="Save and check").click()
    page.wait_for_url("**/screening")
    assert page.locator(".verdict-tag").inner_text() == "GO"
    page.get_by_role("link", name="See today's plan").click()
    page.wait_for_url("**/today")


def start_session(page: Any, pain_before: str = "2") -> dict[str, Any]:
    page.get_by_role("link", name="Start the session").first.click()
    page.wait_for_url("**/player")
    return press_start(page, pain_before)


def state(page: Any) -> str:
    return str(page.get_attribute("#player", "data-state"))


def play_to_end(page: Any) -> None:
    """Run the clock until the session is done, pressing Done where the person decides."""
    for _ in range(MAX_ROUNDS):
        now = state(page)
        if now == "finished":
            return
        if now == "running" and page.get_attribute("#player", "data-untimed") == "1":
            page.click("#p-done")
            continue
        page.clock.run_for(15_000)
    raise AssertionError(f"the session did not end; it is {state(page)}")


def wait_for_saves(page: Any) -> None:
    # A function, not an expression: the page's CSP forbids eval, which an expression needs.
    page.wait_for_function(
        "() => document.getElementById('p-save').textContent === 'Every finished set is saved.'")


def sessions(server: Server) -> list[dict[str, Any]]:
    data: list[dict[str, Any]] = httpx.get(server.url + "/api/v1/sessions").json()
    return data


def test_onboarding_plan_a_whole_session_and_history(server: Server, phone: Any,
                                                     console: Console) -> None:
    phone.clock.install()
    onboard_in_the_browser(phone, server)
    screenshot(phone, "today")
    session = start_session(phone)
    steps = session["steps"]
    assert phone.locator("#p-hurts").is_visible()
    box = phone.locator("#p-hurts").bounding_box()
    assert box is not None and box["y"] + box["height"] <= 740  # in reach, on screen
    phone.clock.run_for(2_000)
    screenshot(phone, "player")
    # Keyboard: space pauses and continues; the countdown holds still while paused.
    phone.keyboard.press("Space")
    assert state(phone) == "paused"
    shown = phone.inner_text("#p-counter")
    phone.clock.run_for(5_000)
    assert phone.inner_text("#p-counter") == shown
    phone.keyboard.press("Space")
    assert state(phone) == "running"
    # Late, irregular timer firings (a busy phone, a tab in the background)...
    for _ in range(6):
        phone.clock.fast_forward(7_300)
    play_to_end(phone)
    # ...and still every step began exactly when the one before it was due to end.
    log = phone.evaluate("window.backcoachPlayer.log.map(e => [e.kind, e.at, e.step ?? null])")
    started = [(at, step) for kind, at, step in log if kind == "step_started"]
    assert [step for _, step in started] == list(range(len(steps)))
    paused = next(at for kind, at, _ in log if kind == "paused")
    resumed = next(at for kind, at, _ in log if kind == "resumed")
    pause_seconds = resumed - paused
    assert pause_seconds >= 5
    for (at, step), (next_at, _) in itertools.pairwise(started):
        expected = steps[step]["duration"] + (pause_seconds if at < paused < next_at else 0)
        assert abs((next_at - at) - expected) < 1e-6, steps[step]["title"]
    first = next(at for kind, at, _ in log if kind == "session_started")
    done = next(at for kind, at, _ in log if kind == "session_done")
    drift = (done - first) - (session["total_seconds"] + pause_seconds)
    assert abs(drift) < 0.1, f"the session drifted {drift:.3f} s"
    assert phone.get_by_role("heading", name="Session complete. Well done.").is_visible()
    phone.locator("#p-finish").get_by_label("Pain now, 0 to 10").fill("1")
    phone.locator("#p-finish").get_by_label("How hard was it").fill("4")
    phone.get_by_role("button", name="Save").click()
    phone.wait_for_selector('#player[data-state="saved"]')
    work = [s for s in steps if s["kind"] == "work"]
    [stored] = sessions(server)
    record = stored["record"]
    assert record["completed"] and record["pain_before"] == 2 and record["pain_after"] == 1
    assert sum(len(e["sets"]) for e in record["exercises"]) == len(work)
    phone.get_by_role("link", name="See your progress").click()
    phone.wait_for_url("**/history")
    row = phone.locator("section[aria-labelledby=sessions-title] tbody tr").first.inner_text()
    assert "Completed" in row and "2 → 1" in row
    screenshot(phone, "history")
    # Today now says it is done, and a second session is there only on purpose.
    phone.goto(server.url + "/today")
    assert phone.get_by_role("heading", name="Done for today").is_visible()
    assert phone.get_by_role("link", name="Start the session").count() == 0
    again = phone.get_by_role("link", name="Train again anyway")
    assert again.is_visible()
    screenshot(phone, "today-done")
    again.click()
    phone.wait_for_url("**/player?again=1")
    assert phone.get_by_text("A second session today").is_visible()
    assert console.errors == []


def test_stop_it_hurts(server: Server, phone: Any, console: Console) -> None:
    phone.clock.install()
    onboard_in_the_browser(phone, server)
    start_session(phone, pain_before="3")
    phone.clock.run_for(90_000)
    wait_for_saves(phone)
    phone.get_by_role("button", name="Stop: it hurts").click()
    assert state(phone) == "stopping"
    stop = phone.locator("#p-stop")
    assert stop.get_by_label("Pain", exact=True).is_checked()  # the reason already chosen
    stop.get_by_label("Pain now, 0 to 10 (optional)").fill("6")
    screenshot(phone, "stop")
    phone.get_by_role("button", name="Stop and save").click()
    phone.wait_for_selector('#player[data-state="saved"]')
    assert phone.inner_text("#p-end-title") == "Stopped. What you did is saved."
    assert phone.locator("#p-danger").is_visible()  # when to see a doctor
    [stored] = sessions(server)
    record = stored["record"]
    assert record["completed"] is False and record["stopped_reason"] == "pain"
    assert record["pain_before"] == 3 and record["pain_after"] == 6
    assert record["exercises"], "the sets done before the stop are kept"
    phone.goto(server.url + "/today")
    assert phone.get_by_role("link", name="Resume it").count() == 0
    # Today is a rest now, saying what to do, with no way to start the same session again.
    assert phone.get_by_role("heading", name="Rest today").is_visible()
    assert phone.get_by_role("link", name="Start the session").count() == 0
    assert phone.get_by_role("link", name="Train again anyway").count() == 0
    screenshot(phone, "today-rest-after-stop")
    assert console.errors == []


def test_a_reload_in_the_middle_resumes(server: Server, phone: Any, console: Console) -> None:
    phone.clock.install()
    onboard_in_the_browser(phone, server)
    session = start_session(phone)
    steps = session["steps"]
    work = [s["index"] for s in steps if s["kind"] == "work"]
    second = work[1]
    until = sum(s["duration"] for s in steps[: second + 1])
    phone.clock.run_for(int(until * 1000) + 500)
    wait_for_saves(phone)
    phone.reload()
    phone.wait_for_selector('#player[data-state="paused"]')
    assert phone.get_attribute("#player", "data-step") == str(second + 1)
    assert "Welcome back: 2 sets saved." in phone.inner_text("#p-cue")
    assert phone.inner_text("#p-pause") == "Continue"
    assert phone.locator("#p-abandon").is_visible()  # or end it and start afresh
    phone.get_by_role("button", name="Continue").click()
    assert state(phone) == "running"
    assert not phone.locator("#p-abandon").is_visible()
    play_to_end(phone)
    phone.get_by_role("button", name="Save").click()
    phone.wait_for_selector('#player[data-state="saved"]')
    [stored] = sessions(server)
    assert stored["record"]["completed"]
    assert sum(len(e["sets"]) for e in stored["record"]["exercises"]) == len(work)
    assert console.errors == []


def test_a_forty_minute_session_does_not_drift(server: Server, phone: Any) -> None:
    """The player's engine, run in the browser for 40 minutes of steps with ticks that come
    late by up to 2.6 s: every step still starts at its deadline, so the end is exact."""
    phone.goto(server.url + "/onboarding")
    phone.add_script_tag(url="/static/player.js")
    total, ended, worst = phone.evaluate("""() => {
        const durations = [5, 3.7, 30, 2.2, 45.5, 12];
        const steps = [];
        let total = 0;
        for (let i = 0; total < 2400; i++) {
            const duration = durations[i % durations.length];
            steps.push({index: i, kind: "work", item: i, duration, beats: [], title: "",
                        exercise: "x", exercise_name: "x", sets: 1, set_number: 1,
                        side: "both"});
            total += duration;
        }
        const engine = new Engine(steps);
        const t0 = 1000;
        let now = t0, ended = null, worst = 0;
        const due = [0];
        for (const s of steps) due.push(due[due.length - 1] + s.duration);
        engine.start(t0);
        let seed = 7;
        while (ended === null) {
            seed = (seed * 48271) % 2147483647;
            now += 0.4 + 2.2 * (seed / 2147483647);   // an irregular, late timer
            for (const e of engine.tick(now)) {
                if (e.kind === "session_done") ended = e.at - t0;
                if (e.kind === "step_started") {
                    worst = Math.max(worst, Math.abs(e.at - t0 - due[e.step]));
                }
            }
        }
        return [total, ended, worst];
    }""")
    assert total >= 2400
    assert abs(ended - total) < 0.1, f"drifted {ended - total:.3f} s over {total:.0f} s"
    assert worst < 1e-6  # every step began exactly at its deadline


def stop_tired(page: Any) -> None:
    """Stop the session, too tired, and wait until the server has it."""
    page.get_by_role("button", name="Stop: it hurts").click()
    page.locator("#p-stop").get_by_label("Too tired").check()
    page.get_by_role("button", name="Stop and save").click()
    page.wait_for_selector('#player[data-state="saved"]')


def step_shown(page: Any) -> int:
    return int(page.get_attribute("#player", "data-step"))


def start_the_gymnastic_set(page: Any, server: Server) -> dict[str, Any]:
    """Onboard, log a month of the entry exercises (so the gymnastic set's harder sets
    open: a side plank's plain hold, the lunges), start that program from the player and
    return the session the player holds."""
    onboard_in_the_browser(page, server)
    for days_ago in range(30, 8, -1):
        logged = httpx.post(server.url + "/api/v1/log", json={
            "date": str(date.today() - timedelta(days=days_ago)), "phase": "entry"})
        assert logged.status_code == 201, logged.text
    page.goto(server.url + "/player?program=gymnastic_set")
    return press_start(page, "1")


def test_done_in_the_middle_of_a_hold_saves_the_seconds_held(server: Server, phone: Any,
                                                             console: Console) -> None:
    phone.clock.install()
    session = start_the_gymnastic_set(phone, server)
    steps = session["steps"]
    hold = next(s for s in steps if s["kind"] == "work" and s["hold_seconds"] and not s["reps"])
    assert hold["hold_seconds"] == 10 and hold["side"] == "left"
    while steps[step_shown(phone)]["item"] != hold["item"]:
        phone.keyboard.press("n")  # on to the next exercise
    # The player wakes 1 ms after each deadline: run the clock a little past the get-ready
    # step's 5 s (exactly 5 s passed or failed by that millisecond, by where the fake clock
    # stood), then on to 6.3 s into the hold.
    phone.clock.run_for(5_010)  # get ready
    assert step_shown(phone) == hold["index"]
    phone.clock.run_for(6_290)
    phone.keyboard.press("d")  # enough: 6.3 s of the 10
    assert step_shown(phone) == hold["index"] + 1
    wait_for_saves(phone)
    stop_tired(phone)
    stored = httpx.get(f"{server.url}/api/v1/sessions/{session['session_id']}").json()
    [held] = [e for e in stored["record"]["exercises"] if e["exercise"] == hold["exercise"]]
    assert held["sets"] == [{"reps": None, "hold_seconds": 6.3, "minutes": None,
                             "side": "left"}]
    assert console.errors == []


def test_back_and_redo_keeps_one_set_per_step(server: Server, phone: Any,
                                              console: Console) -> None:
    phone.clock.install()
    onboard_in_the_browser(phone, server)
    steps = start_session(phone)["steps"]
    relax = next(s for s in steps if s["kind"] == "work")
    assert relax["minutes"] == 1
    phone.clock.run_for(int((5 + relax["duration"]) * 1000) + 500)  # the minute in full
    assert steps[step_shown(phone)]["item"] == relax["item"] + 1
    wait_for_saves(phone)
    phone.keyboard.press("b")  # back to the first exercise, to do it again
    assert step_shown(phone) == 0
    phone.clock.run_for(5_000 + 30_000)
    phone.keyboard.press("d")  # half a minute this time
    wait_for_saves(phone)
    log = phone.evaluate("window.backcoachPlayer.log.filter(e => e.kind === 'step_done')"
                         ".map(e => e.step)")
    assert log.count(relax["index"]) == 2  # saved twice...
    stop_tired(phone)
    [stored] = sessions(server)
    # ...and kept once, as last done.
    assert [(e["exercise"], e["sets"]) for e in stored["record"]["exercises"]] == [
        (relax["exercise"], [{"reps": None, "hold_seconds": None, "minutes": 0.5,
                              "side": "both"}])]
    assert console.errors == []


def _item(exercise: str, **amounts: Any) -> PlannedItem:
    fields: dict[str, Any] = {"sets": 1, "reps": None, "hold_seconds": None,
                              "hold_to_fatigue": False, "minutes": None, "per_side": False}
    return PlannedItem(block="main", exercise=exercise, exercise_name=exercise, variant=None,
                       program="home_set", rest_seconds=30, dose_text="",
                       estimated_seconds=0, modification=None, why=[],
                       **(fields | amounts))


def test_the_browser_measures_sets_as_python_does(server: Server, phone: Any,
                                                  catalog: Any) -> None:
    """measureSet in player.js and measure_set in player.py, on every kind of set."""
    items = [_item("plank", hold_seconds=30), _item("side_plank", hold_seconds=10,
                                                    per_side=True),
             _item("cat_cow", reps=10), _item("back_raise", reps=3, hold_seconds=10),
             _item("pelvic_tilt", reps=10, hold_seconds=3), _item("plank", minutes=3.25),
             _item("hook_lying_relaxation", minutes=1), _item("plank", hold_to_fatigue=True),
             _item("superman", reps=10, hold_to_fatigue=True)]
    work = [s for s in build_timeline(items, catalog).steps if s.records_a_set]
    work += [s for s in build_timeline([_item("cat_cow", reps=10)], catalog,
                                       self_paced_reps=True).steps if s.records_a_set]
    rng = random.Random(12)
    cases = []
    for n, step in enumerate(work):
        full = step.duration or 60.0
        helds = [0.0, 0.04, 0.05, 1 / 3, 2.95, 3.0, full / 2, full - 0.01, full, full + 7,
                 4000.0, *(rng.uniform(0, full) for _ in range(40))]
        cases += [(n, held) for held in helds]
    phone.goto(server.url + "/onboarding")
    phone.add_script_tag(url="/static/player.js")
    in_the_browser = phone.evaluate(
        "([steps, cases]) => cases.map(([n, held]) => measureSet(steps[n], held))",
        [[StepOut.of(s).model_dump(mode="json") for s in work], cases])
    in_python = [measure_set(work[n], held).model_dump(exclude={"side"}) for n, held in cases]
    for case, browser, python in zip(cases, in_the_browser, in_python, strict=True):
        assert browser == python, (work[case[0]].title, case[1])
