"""The player in Russian, in a real browser (issue 15): a whole session with the page's own
words in Russian on every screen, counted in the three Russian plural forms, the spoken
cues given to a Russian voice (window.speechSynthesis is replaced by a recorder), a note
instead of speech when the device has no Russian voice, and the keys working on a Russian
keyboard layout.

The exercise names are the catalog's (Russian already); the steps' own titles and cues
("Get ready: …", the beats) are the core library's texts and are not checked here."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from tests.e2e.conftest import WIDTHS, Console, Server, press_start, screenshot
from tests.e2e.test_offline import PROFILE, state

# window.speechSynthesis and SpeechSynthesisUtterance, recording what is said. The voices
# the device "has" are window.__voices; window.__voicesChanged(list) changes them as a
# device does once it has loaded its voices.
SPEECH = """
(() => {
  const spoken = [];
  const listeners = [];
  window.__spoken = spoken;
  window.__voices = %s;
  window.__voicesChanged = (voices) => {
    window.__voices = voices;
    for (const listener of listeners) listener(new Event("voiceschanged"));
  };
  const synth = {
    speaking: false, pending: false, paused: false,
    speak(u) { spoken.push({ text: u.text, lang: u.lang, voice: u.voice ? u.voice.name : null }); },
    cancel() {}, pause() {}, resume() {},
    getVoices() { return window.__voices; },
    addEventListener(type, listener) { if (type === "voiceschanged") listeners.push(listener); },
    removeEventListener() {},
  };
  Object.defineProperty(window, "speechSynthesis", { value: synth, configurable: true });
  window.SpeechSynthesisUtterance = class {
    constructor(text) { this.text = text; this.lang = ""; this.voice = null; }
  };
})();
"""
RUSSIAN_VOICE = ('[{ name: "Милена", lang: "ru-RU", default: false, localService: true, '
                 'voiceURI: "ru" }, { name: "Samantha", lang: "en-US", default: true, '
                 'localService: true, voiceURI: "en" }]')
ENGLISH_ONLY = ('[{ name: "Samantha", lang: "en-US", default: true, localService: true, '
                'voiceURI: "en" }]')
# What the player itself writes on its running screen (not the step's title and cue).
OWN_TEXT = ["#p-exercise-no", "#p-setinfo", "#p-kind", "#p-counter", "#p-sub", "#p-save",
            "#p-next", ".p-controls", ".p-prefs", "#p-hurts"]
LATIN_WORD = re.compile(r"[A-Za-z]{2,}")


def russian_form(n: int, forms: tuple[str, str, str]) -> str:
    """The Russian plural rule (the .po files' Plural-Forms), to check the page's."""
    if n % 10 == 1 and n % 100 != 11:
        return forms[0]
    if 2 <= n % 10 <= 4 and not 12 <= n % 100 <= 14:
        return forms[1]
    return forms[2]


@pytest.fixture
def russian(browser: Any, console: Console) -> Iterator[Any]:
    """A phone whose browser asks for Russian (Accept-Language: ru-RU), with a Russian voice."""
    context = browser.new_context(viewport={"width": WIDTHS["phone"], "height": 740},
                                  locale="ru-RU")
    context.add_init_script(SPEECH % RUSSIAN_VOICE)
    page = context.new_page()
    console.watch(page)
    yield page
    context.close()


def own_text(page: Any) -> str:
    return "\n".join(page.locator(selector).inner_text() for selector in OWN_TEXT)


def start(page: Any, server: Server, pain: str = "3") -> dict[str, Any]:
    assert httpx.put(server.url + "/api/v1/profile", json=PROFILE).status_code == 200
    page.clock.install()
    page.goto(server.url + "/player")
    page.wait_for_selector('#player[data-state="ready"]')
    assert page.get_attribute("html", "lang") == "ru"
    assert page.inner_text("#p-start-title") == "Сегодняшняя сессия"
    return press_start(page, pain, label="Боль сейчас, перед началом", button="Начать")


def test_a_whole_session_in_russian_with_a_russian_voice(server: Server, russian: Any,
                                                         console: Console) -> None:
    page = russian
    session = start(page, server)
    steps = session["steps"]
    names = {step["exercise_name"] for step in steps}
    items = steps[-1]["item"] + 1
    # The first screen: the step's kind, where it is, what comes next, the controls.
    assert page.text_content("#p-kind") == "Приготовьтесь"
    assert page.inner_text("#p-title") == f"Приготовьтесь: {steps[0]['exercise_name']}"
    assert page.inner_text("#p-exercise-no") == f"Упражнение 1 из {items}"
    following = next(s for s in steps if s["item"] == 1)
    assert page.inner_text("#p-next") == f"Далее: {following['exercise_name']}"
    assert page.inner_text("#p-pause") == "Пауза"
    assert page.inner_text("#p-hurts") == "Стоп: больно"
    assert page.get_attribute("#p-figure", "alt") == f"Рисунок: {steps[0]['exercise_name']}"
    assert not page.locator("#p-no-voice").is_visible()
    assert LATIN_WORD.findall(own_text(page)) == []
    page.keyboard.press("Space")
    assert state(page) == "paused" and page.inner_text("#p-pause") == "Продолжить"
    page.keyboard.press("Space")
    # The keys by their place on a Russian layout: "ы" is where "s" is (stop).
    page.evaluate("""() => document.body.dispatchEvent(new KeyboardEvent("keydown",
        { key: "ы", code: "KeyS", bubbles: true, cancelable: true }))""")
    assert state(page) == "stopping"
    assert page.locator("#p-stop-title").inner_text() == "Остановить сессию?"
    assert LATIN_WORD.findall(page.locator("#p-stop").inner_text()) == []
    page.keyboard.press("Escape")
    assert state(page) == "running"

    # Every screen of the session on the way, its own words in Russian.
    seen: set[str] = set()
    for _ in range(400):
        if state(page) == "finished":
            break
        kind = page.get_attribute("#player", "data-kind")
        if kind not in seen:
            seen.add(kind)
            assert LATIN_WORD.findall(own_text(page)) == [], kind
            if kind == "work":
                screenshot(page, "player-russian")
            if kind in ("get_ready", "rest", "switch_side"):  # the player's own title
                assert LATIN_WORD.findall(page.inner_text("#p-title")) == [], kind
            if kind in ("rest", "switch_side"):  # and cue
                assert LATIN_WORD.findall(page.inner_text("#p-cue")) == [], kind
        if state(page) == "running" and page.get_attribute("#player", "data-untimed") == "1":
            page.click("#p-done")
        else:
            page.clock.run_for(3_000)
    assert state(page) == "finished" and seen == {s["kind"] for s in steps}

    finish = page.locator("#p-finish")
    assert page.locator("#p-finish-title").inner_text() == "Сессия завершена. Отличная работа!"
    assert page.inner_text("#p-sum-pain") == "3"
    assert "Следующая сессия:" in finish.inner_text()
    assert LATIN_WORD.findall(finish.inner_text()) == []
    for _ in range(4):
        page.keyboard.press("ArrowRight")
    assert page.inner_text("#p-pain-after-value") == "4 из 10"
    page.get_by_role("button", name="Сохранить").click()
    page.wait_for_selector('#player[data-state="saved"]')
    assert page.inner_text("#p-end-title") == "Сессия сохранена. Отличная работа!"
    assert page.inner_text("#p-end-streak") == "Ваша серия: 1 день подряд."
    assert LATIN_WORD.findall(page.locator("#p-end").inner_text()) == []
    screenshot(page, "player-russian-end")

    # Every cue was given to the Russian voice, in Russian.
    spoken = page.evaluate("window.__spoken")
    assert spoken, "nothing was said"
    assert {(u["lang"], u["voice"]) for u in spoken} == {("ru", "Милена")}
    said = [u["text"] for u in spoken]
    assert said[-1] == "Сессия завершена. Отличная работа!"
    assert any(text.startswith(tuple(names)) for text in said)
    assert any(text.startswith("Приготовьтесь: ") for text in said)
    assert not any(text.startswith(("Get ready", "Switch sides", "Rest")) for text in said)
    assert "Половина позади" in said or all((s["duration"] or 0) < 10 for s in steps)
    assert not any(LATIN_WORD.search(text) for text in said
                   if text.startswith(tuple(names)))  # "…, подход 1 из 2, левая сторона"
    assert console.errors == []


def test_the_counts_take_the_three_russian_forms(server: Server, russian: Any,
                                                 console: Console) -> None:
    page = russian
    session = start(page, server)
    player = "window.backcoachPlayer"
    reps = page.evaluate(f"[1, 2, 5, 11, 21, 22, 104].map((n) => {player}.plural(n, "
                         f"{player}.texts.reps))")
    assert reps == ["1 повторение", "2 повторения", "5 повторений", "11 повторений",
                    "21 повторение", "22 повторения", "104 повторения"]
    # On screen: after a reload, the sets already saved (some number of them).
    work = [s for s in session["steps"] if s["kind"] == "work"]
    for _ in range(400):
        done = page.evaluate("window.backcoachPlayer.log.filter(e => e.kind === 'step_done'"
                             " && e.done).length")
        if done >= 2:
            break
        if page.get_attribute("#player", "data-untimed") == "1":
            page.click("#p-done")
        else:
            page.clock.run_for(5_000)
    assert 2 <= done <= len(work)
    page.wait_for_function("() => document.getElementById('p-save').textContent"
                           " === 'Все завершённые подходы сохранены.'")
    page.reload()
    page.wait_for_selector('#player[data-state="paused"]')
    saved = page.evaluate("window.backcoachPlayer.session.sets_saved")
    form = russian_form(saved, ("Сохранён {} подход", "Сохранено {} подхода",
                                "Сохранено {} подходов")).format(saved)
    assert page.inner_text("#p-cue") == (
        f"С возвращением! {form}. Нажмите «Продолжить», когда будете готовы.")
    abandon = page.get_by_role("button", name=re.compile("^Завершить ту сессию"))
    assert abandon.is_visible()
    assert console.errors == []


def test_no_russian_voice_a_note_and_silence(server: Server, browser: Any,
                                             console: Console) -> None:
    # A small phone: the longer Russian words still fit.
    context = browser.new_context(viewport={"width": 320, "height": 568}, locale="ru-RU")
    # The device lists no voices at first, then (like Chrome) only English ones.
    context.add_init_script(SPEECH % "[]")
    page = context.new_page()
    console.watch(page)
    try:
        start(page, server)
        assert not page.locator("#p-no-voice").is_visible()
        page.evaluate(f"() => window.__voicesChanged({ENGLISH_ONLY})")
        note = page.locator("#p-no-voice")
        assert note.is_visible()
        assert "нет русского голоса" in note.inner_text()
        # Below the switch it is about, and nothing is said in an English accent.
        assert note.bounding_box()["y"] > page.locator("#p-speak").bounding_box()["y"]
        spoken_before = len(page.evaluate("window.__spoken"))
        page.clock.run_for(30_000)
        assert len(page.evaluate("window.__spoken")) == spoken_before
        screenshot(page, "player-russian-no-voice")
        assert page.evaluate("document.documentElement.scrollWidth") <= 320
        for button in ("#p-back", "#p-pause", "#p-done", "#p-skip"):
            box = page.locator(button).bounding_box()
            assert box["x"] >= 0 and box["x"] + box["width"] <= 320, button
            inner = page.locator(button).evaluate("(b) => b.scrollWidth <= b.clientWidth")
            assert inner, f"{button}'s label overflows it"
        page.keyboard.press("Space")  # paused: the longest label, "Продолжить"
        assert page.locator("#p-pause").evaluate("(b) => b.scrollWidth <= b.clientWidth")
        assert console.errors == []
    finally:
        context.close()


def test_english_speaks_english_and_plurals_stay_english(server: Server, browser: Any,
                                                         console: Console) -> None:
    context = browser.new_context(viewport={"width": WIDTHS["phone"], "height": 740})
    context.add_init_script(SPEECH % RUSSIAN_VOICE)
    page = context.new_page()
    console.watch(page)
    try:
        assert httpx.put(server.url + "/api/v1/profile", json=PROFILE).status_code == 200
        page.clock.install()
        page.goto(server.url + "/player")
        page.get_by_role("button", name="Start", exact=True).click()
        page.wait_for_selector('#player[data-state="running"]')
        page.clock.run_for(2_000)
        spoken = page.evaluate("window.__spoken")
        assert spoken and {(u["lang"], u["voice"]) for u in spoken} == {("en", "Samantha")}
        reps = page.evaluate("[1, 2, 5, 21].map((n) => window.backcoachPlayer.plural(n, "
                             "window.backcoachPlayer.texts.reps))")
        assert reps == ["1 rep", "2 reps", "5 reps", "21 reps"]
        assert page.text_content("#p-kind") == "Get ready"
        assert console.errors == []
    finally:
        context.close()


def test_the_figure_button_for_reduced_motion_speaks_russian(server: Server, browser: Any,
                                                             console: Console) -> None:
    context = browser.new_context(viewport={"width": WIDTHS["phone"], "height": 740},
                                  locale="ru-RU", reduced_motion="reduce")
    context.add_init_script(SPEECH % RUSSIAN_VOICE)
    page = context.new_page()
    console.watch(page)
    try:
        session = start(page, server)
        page.clock.run_for(6_000)  # past "get ready", into the first exercise
        assert page.get_attribute("#player", "data-kind") == "work"
        name = session["steps"][0]["exercise_name"]
        toggle = page.locator("#p-run .motion-toggle")
        assert toggle.inner_text() == "Пуск"
        assert toggle.get_attribute("aria-label") == f"Показать движение: {name}"
        toggle.click()
        assert toggle.inner_text() == "Стоп"
        assert toggle.get_attribute("aria-label") == f"Остановить движение: {name}"
        assert console.errors == []
    finally:
        context.close()
