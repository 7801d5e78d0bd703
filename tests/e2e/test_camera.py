"""The camera coach in a real browser: Chromium's fake camera plays a video of the lunge
figure, the player sends its frames over the WebSocket and draws the skeleton from the
answers; when the count reaches the set's reps the player ends the set itself, saved with
them; turned off, the page hidden or the session ended, the camera and the socket close."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.e2e.conftest import CHROMIUM, LAUNCH_ARGS, Console, Server, screenshot
from tests.e2e.test_player import start_the_gymnastic_set, step_shown, stop_tired
from tests.lunge import write_y4m

pytest.importorskip("mediapipe")
pytest.importorskip("cv2")
FRAMES_PER_REP = 3  # while the count is forged (see the test): one lunge a third frame


@pytest.fixture(scope="module")
def fake_camera(tmp_path_factory) -> Path:
    return write_y4m(tmp_path_factory.mktemp("camera") / "lunge.y4m", size=(256, 256))


@pytest.fixture
def camera_page(browser: Any, fake_camera: Path, console: Console) -> Iterator[Any]:
    """A page in a Chromium of its own whose camera is the lunge video (allowed without
    asking), its console watched."""
    launched = browser.browser_type.launch(
        executable_path=str(CHROMIUM),
        args=[*LAUNCH_ARGS, "--use-fake-ui-for-media-stream",
              "--use-fake-device-for-media-stream",
              f"--use-file-for-fake-video-capture={fake_camera}"])
    context = launched.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    console.watch(page)
    yield page
    context.close()
    launched.close()


def test_the_camera_counts_lunges_and_ends_the_set_then_stops(server: Server, camera_page: Any,
                                                              console: Console) -> None:
    page = camera_page
    session = start_the_gymnastic_set(page, server)
    steps = session["steps"]
    lunge = next(s for s in steps if s["kind"] == "work" and s["exercise"] == "lunge")
    assert page.locator("#p-camera-panel").is_hidden()  # the warm-up: nothing to watch
    while steps[step_shown(page)]["item"] != lunge["item"]:
        page.keyboard.press("n")
    assert steps[step_shown(page)]["kind"] == "get_ready"

    # Through Chromium's YUV 4:2:0 and a second JPEG, the fake camera's picture shows the
    # figure's knees below MediaPipe's visibility of 0.5, so the coach counts no lunge from
    # it (the same video counts 2 through the socket in tests/web/test_camera_ws.py). The
    # real server's answers pass through, with only their count forged while `forging`:
    # what is under test here is what the player does with a count.
    forging = {"on": True, "persons": 0}

    def relay(socket: Any) -> None:
        server_side = socket.connect_to_server()

        def to_page(message: str | bytes) -> None:
            data = json.loads(message) if isinstance(message, str) else None
            if forging["on"] and isinstance(data, dict) and data.get("person"):
                forging["persons"] += 1
                data["reps"] = forging["persons"] // FRAMES_PER_REP
                message = json.dumps(data)
            socket.send(message)

        server_side.on_message(to_page)

    page.route_web_socket("**/api/v1/camera**", relay)
    page.get_by_role("button", name="Use camera").click()
    note = page.locator("#p-camera-note")
    assert note.is_visible() and "dropped at once" in note.inner_text()
    page.get_by_role("button", name="Turn the camera on").click()
    page.wait_for_function("() => window.backcoachPlayer.camera.persons >= 5", timeout=20_000)
    seen = page.evaluate("window.backcoachPlayer.camera")
    assert seen["drawn"] >= 5 and seen["errors"] == []
    assert page.locator("#p-camera-status").inner_text().startswith("Camera:")
    assert page.locator("#p-camera-view").is_visible()

    # The set ends as Done ends it, by itself, once the camera has counted its reps (long
    # before its timer would end it), with those reps.
    page.wait_for_function(f"() => Number(document.getElementById('player').dataset.step)"
                           f" === {lunge['index']}", timeout=10_000)
    began = time.monotonic()
    page.wait_for_function(f"() => Number(document.getElementById('player').dataset.step)"
                           f" > {lunge['index']}", timeout=20_000)
    took = time.monotonic() - began
    forging["on"] = False
    assert lunge["duration"] and took < lunge["duration"] / 2, (took, lunge["duration"])
    screenshot(page, "camera")
    done = [e for e in page.evaluate("window.backcoachPlayer.log")
            if e["kind"] == "step_done" and e["step"] == lunge["index"]]
    assert done and done[0]["done"]["reps"] == lunge["reps"]

    page.get_by_role("button", name="Stop camera").click()
    page.wait_for_function("() => window.backcoachPlayer.camera.socket.readyState === 3")
    assert page.evaluate("""() => window.backcoachPlayer.camera.stream.getTracks()
        .every((track) => track.readyState === 'ended')""")
    assert page.locator("#p-camera-view").is_hidden()

    # On again (the note was read: no note now), then the page is hidden: it stops too.
    assert steps[step_shown(page)]["exercise"] == "lunge"
    page.get_by_role("button", name="Use camera").click()
    assert page.locator("#p-camera-note").is_hidden()
    page.wait_for_function("""(before) => window.backcoachPlayer.camera.answers > before + 2""",
                           arg=page.evaluate("window.backcoachPlayer.camera.answers"))
    page.evaluate("""() => {
        Object.defineProperty(document, "hidden", { value: true, configurable: true });
        document.dispatchEvent(new Event("visibilitychange")); }""")
    page.wait_for_function("() => window.backcoachPlayer.camera.socket.readyState === 3")
    assert page.evaluate("""() => window.backcoachPlayer.camera.stream.getTracks()
        .every((track) => track.readyState === 'ended')""")
    page.evaluate("""() => { delete document.hidden; }""")

    # On once more; on to the next exercise, which the coach watches in its place.
    page.get_by_role("button", name="Use camera").click()
    page.wait_for_function("() => window.backcoachPlayer.camera.socket.readyState === 1")
    page.keyboard.press("n")
    following = steps[step_shown(page)]["exercise"]
    assert following != "lunge"
    page.wait_for_function("(name) => window.backcoachPlayer.camera.switched.includes(name)",
                           arg=following)
    page.wait_for_function("""(before) => window.backcoachPlayer.camera.answers > before + 2""",
                           arg=page.evaluate("window.backcoachPlayer.camera.answers"))
    assert page.evaluate("window.backcoachPlayer.camera.errors") == []
    # The session ends (stopped, too tired): the camera stops with it.
    stop_tired(page)
    page.wait_for_function("() => window.backcoachPlayer.camera.socket.readyState === 3")
    assert page.evaluate("""() => window.backcoachPlayer.camera.stream.getTracks()
        .every((track) => track.readyState === 'ended')""")
    stored = httpx.get(f"{server.url}/api/v1/sessions/{session['session_id']}").json()
    [lunges] = [e for e in stored["record"]["exercises"] if e["exercise"] == "lunge"]
    assert lunges["sets"][0]["reps"] == lunge["reps"]
    assert console.errors == []
