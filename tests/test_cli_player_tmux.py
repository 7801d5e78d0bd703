"""The terminal player in a real terminal (tmux): the bell, the summary, the figure beside
the counter, the panel at the terminal's width, and Ctrl-C."""

from __future__ import annotations

import re
import time
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from backcoach import coach
from backcoach.player import build_timeline
from backcoach.profile import Profile
from backcoach.store import Store
from backcoach.store.live import LiveSessions
from tests.tmux import Tmux, needs_tmux, terminal

pytestmark = needs_tmux

BELL = b"\x07"
BRAILLE = re.compile("[\u2801-\u28ff]")  # an inked braille cell (U+2800 is blank)


@pytest.fixture
def store() -> Store:
    opened, _ = Store.open()
    opened.save_profile(Profile(age=34, days_per_week=7, minutes_per_day=10))
    return opened


def _terminal(tmp_path: Path, request: pytest.FixtureRequest, width: int,
              height: int) -> Iterator[Tmux]:
    name = re.sub(r"\W", "", request.node.name)[-30:]
    yield from terminal(tmp_path, name, width=width, height=height)


@pytest.fixture
def term(tmp_path, store, request) -> Iterator[Tmux]:
    """An 80 x 24 terminal."""
    yield from _terminal(tmp_path, request, 80, 24)


def _steps_today(store: Store, catalog) -> tuple[int, float]:
    """Return today's steps and their minutes, as `backcoach session` will run them."""
    plan = coach.plan(store, catalog, date.today())
    timeline = build_timeline(plan.today.items, catalog)
    return len(timeline.steps), timeline.total_seconds / 60


def _text(term: Tmux) -> str:
    """Everything written to the terminal, escape sequences and all, as text."""
    return term.raw().decode(errors="replace")


def test_a_whole_session_rings_once_a_step_and_ends_with_its_summary(term, store, catalog):
    steps, minutes = _steps_today(store, catalog)
    term.start("session", "--speed", "200")
    term.wait_for("Pain before")
    term.keys("4", "Enter")
    term.wait_for("Pain now", timeout=30)
    term.keys("1", "Enter")
    term.wait_for("How hard")
    term.keys("3", "Enter")
    assert term.exit_code() == 0
    bells = term.raw().count(BELL)
    assert bells == steps, f"{bells} bells for {steps} steps"
    shown = term.screen()
    (session,) = store.history()
    sets = sum(len(e.sets) for e in session.exercises)
    assert (f"Session saved: {len(session.exercises)} exercises, {sets} sets in "
            f"{round(minutes)} minutes. Well done." in shown), shown
    assert "Pain: 4 before, 1 after (3 less)." in shown
    assert "Streak: 1 day in a row" in shown
    assert "Coming next: your next session is on " in shown
    assert "Next: backcoach progress" in shown


def _at_the_first_hold(term: Tmux) -> str:
    """Start a session and wait for a hold of the pelvic tilts (10 reps, 3 s holds)."""
    term.start("session", "--speed", "4")
    term.wait_for("Pain before")
    term.keys("Enter")
    term.wait_for("Hook-lying relaxation")
    term.keys("n")  # on to the pelvic tilts
    return term.wait_for(" of 10: hold", timeout=20)


def test_the_figure_stands_beside_the_counter_at_80_by_24(term):
    shown = _at_the_first_hold(term)
    lines = shown.splitlines()
    counter = next(i for i, line in enumerate(lines) if "▀▀▀" in line)
    assert all(len(line) <= 80 for line in lines)
    assert any(BRAILLE.search(line) for line in lines[:counter + 1]), shown
    # The figure sits right of the text column, on the counter's side of the panel.
    inked = [line for line in lines if BRAILLE.search(line)]
    assert all(BRAILLE.search(line).start() > 45 for line in inked)  # type: ignore[union-attr]
    assert "space pause · n next exercise · d set done · b back · s stop · q save and quit" \
        in shown
    term.keys("q")
    assert term.exit_code() == 0


@pytest.fixture
def narrow(tmp_path, store, request) -> Iterator[Tmux]:
    """A 59 x 24 terminal: too narrow for a figure."""
    yield from _terminal(tmp_path, request, 59, 24)


def test_under_60_columns_the_panel_fits_and_has_no_figure(narrow):
    shown = _at_the_first_hold(narrow)
    lines = [line for line in shown.splitlines() if line.strip()]
    assert lines[0].startswith("╭─ backcoach") and len(lines[0]) == 59
    assert not BRAILLE.search(shown), shown
    assert "n next exercise" in shown and "q save and quit" in shown  # the keys wrap whole
    narrow.keys("q")
    assert narrow.exit_code() == 0


@pytest.fixture
def wide(tmp_path, store, request) -> Iterator[Tmux]:
    """A 100 x 30 terminal."""
    yield from _terminal(tmp_path, request, 100, 30)


def test_at_100_by_30_the_panel_takes_the_width(wide):
    shown = _at_the_first_hold(wide)
    lines = shown.splitlines()
    assert lines[0].startswith("╭─ backcoach · step 4/") and len(lines[0]) == 100
    bottom = next(line for line in lines if line.startswith("╰"))
    assert len(bottom) == 100
    assert BRAILLE.search(shown)
    bar = next(line for line in lines if "░" in line)
    assert bar.count("█") + bar.count("░") > 55  # the bar fills the wider text column
    assert "left in the session" in shown and "Next: Glute bridge" in shown
    wide.keys(" ")
    wide.wait_for("PAUSED · space resume")
    wide.wait_for("space resume · n next exercise")  # the keys say it too
    wide.keys("q")
    assert wide.exit_code() == 0


def test_ctrl_c_saves_and_says_how_to_resume(term, store):
    term.start("session", "--speed", "40")
    term.wait_for("Pain before")
    term.keys("Enter")
    live = LiveSessions(store)
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        running = live.unfinished()
        if running is not None and running.sets_saved >= 3:
            break
        time.sleep(0.05)
    term.keys("C-c")
    assert term.exit_code() == 130
    shown = term.screen()
    assert re.search(r"Interrupted: \d+ exercises saved\. Run 'backcoach session' to "
                     r"resume\.", shown), shown
    assert "Traceback" not in _text(term)
    running = live.unfinished()
    assert running is not None and running.sets_saved >= 3  # kept, to be resumed
