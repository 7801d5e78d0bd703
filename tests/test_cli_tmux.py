"""The command line in a real terminal (tmux): Ctrl-C at every question ends in one line
and exit code 130, tables fit 80 columns, and long output goes through the pager.

Each test runs the installed ``backcoach`` on the test's own data folder (the one the
autouse fixture points the in-process Store at), so records made here are what it reads.
"""

from __future__ import annotations

import re
import subprocess
import time
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import pytest
from rich.cells import cell_len

from backcoach.catalog import Catalog
from backcoach.history import ExerciseDone, SessionRecord, SetDone
from backcoach.profile import Profile
from backcoach.store import Store
from tests.tmux import Tmux, needs_tmux, terminal

pytestmark = needs_tmux
CANCELLED = "Cancelled; nothing saved."
# Tall enough that nothing scrolls away: every question stays on the screen.
TALL = 200


@pytest.fixture
def tall(tmp_path: Path) -> Iterator[Tmux]:
    yield from terminal(tmp_path, "tall", height=TALL)


@pytest.fixture
def person(catalog: Catalog) -> Iterator[Store]:
    """Someone with answers (7 days a week, so today is a training day) and two sessions."""
    store, _ = Store.open()
    store.save_profile(Profile(age=40, equipment=["mat"], days_per_week=7))
    for days_ago in (3, 2):
        store.record_session(SessionRecord(
            date=date.today() - timedelta(days=days_ago), phase="entry", program="entry_month",
            pain_before=3, pain_after=2,
            exercises=[ExerciseDone(exercise="cat_cow", sets=[SetDone(reps=10)])]),
            catalog=catalog, today=date.today())
    yield store
    store.engine.dispose()


def _lines(screen: str) -> list[str]:
    return [line for line in screen.splitlines() if line.strip()]


def _waiting(term: Tmux, seen: int, timeout: float = 15.0) -> int | None:
    """Wait until a new question (a last line ending in ':' below the ``seen`` lines of
    the screen before) waits for an answer; return how many lines the screen has then,
    or None when the program ended first."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        screen = term.screen()
        if "[exit " in screen:
            return None
        lines = _lines(screen)
        if len(lines) > seen and lines[-1].rstrip().endswith(":"):
            return len(lines)
        time.sleep(0.05)
    raise AssertionError(f"no new question; the screen:\n{term.screen()}")


def _interrupt_at(term: Tmux, args: list[str], question: int,
                  answers: dict[int, str] | None = None) -> tuple[int, str] | None:
    """Run ``backcoach ARGS``, answer the first ``question`` questions (Enter, or the text
    in ``answers``), press Ctrl-C at the next; return the exit code and the screen, or None
    when the program asked fewer questions."""
    term.start(*args)
    seen = 0
    for asked in range(question + 1):
        found = _waiting(term, seen)
        if found is None:
            return None
        seen = found
        if asked == question:
            break
        text = (answers or {}).get(asked)
        term.keys(*([text] if text else []), "Enter")
    term.keys("C-c")
    code = term.exit_code()
    return code, term.screen()


def _every_question(tmp_path: Path, args: list[str], expected: str,
                    answers: dict[int, str] | None = None) -> int:
    """Press Ctrl-C at each question of ``backcoach ARGS`` in turn (a new terminal each
    time); each time one line says ``expected`` and the exit code is 130. Return how many
    questions there were."""
    question = 0
    while True:
        term = Tmux(tmp_path / "data", f"bc-q{question}-{tmp_path.name}", width=80,
                    height=TALL)
        try:
            found = _interrupt_at(term, args, question, answers)
        finally:
            term.kill()
        if found is None:
            return question
        code, screen = found
        assert code == 130, screen
        assert "Traceback" not in screen and "Abort" not in screen, screen
        said = screen[:screen.index("[exit ")].rstrip().splitlines()[-1]
        assert said == expected, f"question {question + 1}:\n{screen}"
        question += 1


def test_ctrl_c_at_every_onboarding_question(tmp_path):
    asked = _every_question(tmp_path, ["onboard"], CANCELLED)
    assert asked >= 20  # age, sex, pain, the warning signs one by one, history...


def test_ctrl_c_at_every_psfs_question(tmp_path):
    # Two activities named, the empty line ends the list, then each is rated.
    asked = _every_question(tmp_path, ["psfs"], CANCELLED,
                            answers={0: "Tie my shoes", 1: "Sit for an hour", 3: "4", 4: "6"})
    assert asked == 5


def test_ctrl_c_at_every_log_question(tmp_path, person):
    asked = _every_question(tmp_path, ["log"], CANCELLED)
    assert asked >= 5  # pain before, each exercise, stopped early, pain after, effort
    # The two before, and the run that answered every question: no cancelled one.
    assert person.count_sessions() == 3


def test_ctrl_c_at_the_sessions_pain_question(tmp_path, tall, person):
    found = _interrupt_at(tall, ["session"], 0)
    assert found is not None
    code, screen = found
    assert code == 130 and "Traceback" not in screen
    assert "Pain before you start" in screen and CANCELLED in screen
    assert person.count_sessions() == 2


def _joined(term: Tmux) -> list[str]:
    """The screen with lines the terminal wrapped joined again (-J): what was written."""
    return subprocess.run([*term.base, "capture-pane", "-t", "t", "-p", "-J"], check=True,
                          capture_output=True, text=True).stdout.splitlines()


def _fits(term: Tmux, names: list[str]) -> None:
    lines = _joined(term)
    assert max(cell_len(line) for line in lines) <= 80, "\n".join(lines)
    assert not any("…" in line for line in lines)
    for name in names:
        assert any(name in line for line in lines), f"{name!r} is cut or missing"


def _at_80_columns(tmp_path: Path, *args: str) -> Tmux:
    """Run ``backcoach ARGS`` to its end in an 80-column terminal of its own."""
    term = Tmux(tmp_path / "data", f"bc-80-{args[0]}-{tmp_path.name}", width=80, height=TALL)
    term.start(*args)
    assert term.exit_code() == 0
    return term


@pytest.mark.parametrize("args", [["exercises"], ["program", "home_set"], ["history"]],
                         ids=lambda args: args[0])
def test_80_columns_in_a_terminal(tmp_path, catalog, person, args):
    names = {"exercises": [ex.name for ex in catalog.exercises.values()],
             "program": [catalog.exercises[item.exercise].name
                         for item in catalog.programs["home_set"].items()],
             "history": ["Entry month"]}[args[0]]
    term = _at_80_columns(tmp_path, *args)
    try:
        _fits(term, names)
    finally:
        term.kill()


@pytest.fixture
def small(tmp_path: Path) -> Iterator[Tmux]:
    yield from terminal(tmp_path, "small", width=80, height=24)


def test_output_taller_than_the_screen_goes_through_less(small):
    small.start("program", "classic_set", env={"PAGER": "less"})
    screen = small.wait_for("Classic lower back set")
    lines = screen.splitlines()
    assert lines[-1].startswith(":")  # less waits for a key
    small.keys("C-c")  # less's own (it stops a search): backcoach waits on, no traceback
    time.sleep(0.3)
    assert "[exit " not in small.screen()
    small.keys("q")
    assert small.exit_code() == 0
    assert b"\x1b[1m" in small.raw()  # colours went through (less -R)


def test_no_pager_prints_it_all_at_once(small):
    small.start("--no-pager", "program", "classic_set", env={"PAGER": "less"})
    assert small.exit_code() == 0
    assert not re.search(r"^:", small.screen(), flags=re.MULTILINE)


def test_pager_from_the_environment(small):
    small.start("guide", env={"PAGER": "cat"})
    assert small.exit_code() == 0
    assert "What to do" in small.screen()  # the end of the guide, printed through cat


def test_short_output_is_not_paged(small):
    small.start("search", "plank", env={"PAGER": "false"})  # would print nothing
    assert small.exit_code() == 0
    assert "Side plank" in small.screen()
