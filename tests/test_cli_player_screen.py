"""The terminal player's screen, laid out without a terminal: widths, countdowns, keys and
the figure beside the counter."""

from __future__ import annotations

import io
import re

import pytest
from rich.console import Console

from backcoach.cli.player_figure import PlayerFigures, figure_size, loop_seconds
from backcoach.cli.player_screen import (
    countdown,
    counter_text,
    key_lines,
    pack,
    screen,
    session_left,
)
from backcoach.figures import load_figures
from backcoach.figures.terminal import Animation
from backcoach.planner import PlannedItem
from backcoach.player import Player, build_timeline

BRAILLE = re.compile("[\u2801-\u28ff]")


def _item(exercise: str, name: str, *, reps: int | None = None, hold: float | None = None,
          minutes: float | None = None, sets: int = 1, to_fatigue: bool = False) -> PlannedItem:
    return PlannedItem(block="main", exercise=exercise, exercise_name=name, variant=None,
                       program="home_set", sets=sets, reps=reps, hold_seconds=hold,
                       hold_to_fatigue=to_fatigue, minutes=minutes, per_side=False,
                       rest_seconds=30, dose_text="", estimated_seconds=0, modification=None,
                       why=[])


@pytest.fixture
def player(catalog) -> Player:
    """Pelvic tilts (10 reps, 3 s holds), then glute bridges and cat-cow."""
    items = [_item("pelvic_tilt", "Pelvic tilt", reps=10, hold=3),
             _item("glute_bridge", "Glute bridge", reps=10, hold=3, sets=2),
             _item("cat_cow", "Cat-cow", reps=10)]
    started = Player(build_timeline(items, catalog))
    started.start(0.0)
    return started


def _drawn(renderable: object, width: int) -> list[str]:
    console = Console(width=width, color_system=None, record=True, file=io.StringIO())
    console.print(renderable)
    return console.export_text().splitlines()


def test_a_hold_counts_down_then_the_breath_before_the_next(player):
    work = player.timeline.steps[1]
    assert work.duration == 10 * (3 + 2)
    assert countdown(work, 0.0) == (3.0, "Rep 1 of 10: hold")
    assert countdown(work, 2.5) == (0.5, "Rep 1 of 10: hold")
    assert countdown(work, 3.5) == (1.5, "Rep 1 of 10: release")
    assert countdown(work, 5.0) == (3.0, "Rep 2 of 10: hold")
    assert countdown(work, 49.0) == (1.0, "Rep 10 of 10: release")
    counter, under = counter_text(work, 11.0)
    assert under == "Rep 3 of 10: hold · set 00:39 left"
    assert counter.splitlines()[0].startswith("█▀█ █▀█")  # 00:02 in big digits


def test_other_steps_count_down_the_whole_step(player, catalog):
    ready = player.timeline.steps[0]
    assert countdown(ready, 1.0) == (4.0, "")
    cat_cow = next(s for s in player.timeline.steps if s.exercise == "cat_cow"
                   and s.kind == "work")
    assert countdown(cat_cow, 9.0) == (31.0, "Rep 3 of 10")  # 4 s a rep
    (_, plank) = build_timeline([_item("plank", "Plank", hold=30)], catalog).steps
    assert countdown(plank, 10.0) == (20.0, "Hold")
    (_, to_fatigue) = build_timeline([_item("plank", "Plank", to_fatigue=True)],
                                     catalog).steps
    assert countdown(to_fatigue, 10.0) is None
    counter, under = counter_text(to_fatigue, 12.0)
    assert "hold as long as you comfortably can" in under.lower() and "d" in under
    assert counter.count("\n") == 2  # the seconds held, counted up in big digits


def test_time_left_in_the_session_counts_this_step_and_every_later_one(player):
    steps = player.timeline.steps
    assert session_left(player, 0.0) == player.timeline.total_seconds
    player.tick(7.0)  # 2 s into the pelvic tilts
    assert session_left(player, 7.0) == player.timeline.total_seconds - 7.0
    player.pause(7.0)
    assert session_left(player, 60.0) == player.timeline.total_seconds - 7.0
    assert steps[-1].exercise == "cat_cow"


def test_keys_are_packed_whole_and_space_says_resume_while_paused():
    wide = key_lines(120, paused=False)
    assert wide == ["space pause · n next exercise · d set done · b back · s stop · "
                    "q save and quit"]
    narrow = key_lines(30, paused=True)
    assert all(len(line) <= 30 for line in narrow)
    assert " · ".join(narrow) == ("space resume · n next exercise · d set done · b back · "
                                  "s stop · q save and quit")
    assert pack(["a long item", "b"], 5) == ["a long item", "b"]  # an item is never split


@pytest.mark.parametrize("width", [60, 80, 100, 200])
def test_the_panel_takes_the_terminal_width_and_wraps_words(player, width):
    player.tick(16.0)  # 11 s into the pelvic tilts: the third hold
    figures = PlayerFigures(load_figures())
    figure = figures.lines(player.step, player.elapsed(16.0), figure_size(width, 24))
    lines = _drawn(screen(player, 16.0, width=width, figure=figure), width)
    assert max(len(line) for line in lines) == width
    assert lines[0].startswith("╭─ backcoach · step 2/") and lines[0].endswith("╮")
    text = " ".join(lines)
    assert "Rep 3 of 10: hold" in text and "left in the session" in text
    assert "Next: Glute bridge" in text
    # Every word of the cue is whole on some line: wrapped at word boundaries only.
    words = set(re.findall(r"[\w,;.]+", " ".join(line.strip("│ ") for line in lines)))
    for word in player.step.cue.split():
        assert word in words, f"{word!r} was cut at {width} columns"
    bar = next(line for line in lines if "░" in line)
    assert bar.count("█") + bar.count("░") > width // 2 - 10  # the bar spans the text column
    assert bool(BRAILLE.search(text)) is (width >= 60)
    keys = lines[-1 if width >= 80 else -2:]
    assert "n next exercise" in " ".join(keys) and "d set done" in " ".join(keys)


def test_paused_says_how_to_resume(player):
    player.pause(3.0)
    shown = "\n".join(_drawn(screen(player, 9.0, width=80, figure=[]), 80))
    assert "PAUSED · space resume" in shown and "space resume · n next exercise" in shown


def test_no_figure_under_60_columns_or_16_rows():
    assert figure_size(59, 24) is None and figure_size(80, 15) is None
    assert figure_size(80, 24) == (25, 10)
    columns, rows = figure_size(100, 30)  # type: ignore[misc]
    assert columns > 25 and rows >= 10


def test_the_figure_fits_beside_the_counter_at_80_by_24(player):
    lines = PlayerFigures(load_figures()).lines(player.timeline.steps[1], 0.0, (25, 10))
    assert 0 < len(lines) <= 10 and {len(line) for line in lines} == {25}
    assert PlayerFigures({}).lines(player.timeline.steps[1], 0.0, (25, 10)) == []
    assert PlayerFigures(load_figures()).lines(player.timeline.steps[1], 0.0, None) == []


def test_the_figure_moves_at_the_exercise_tempo(player):
    figures = load_figures()
    tilt = Animation(figures["pelvic_tilt"], columns=25, rows=10)
    ready, work = player.timeline.steps[:2]
    held = tilt.pose_time("end")
    assert held > 0
    assert loop_seconds(ready, 3.0, tilt) == 0.0  # getting ready: the start pose
    assert loop_seconds(work, 1.0, tilt) == held  # holding: the held pose, still
    assert loop_seconds(work, 6.0, tilt) == held  # the second rep's hold
    assert held < loop_seconds(work, 4.0, tilt) < held + tilt.duration  # the breath: moving
    assert tilt.at(held) != tilt.at(0.0)
    cat_cow = next(s for s in player.timeline.steps if s.exercise == "cat_cow"
                   and s.kind == "work")
    loop = Animation(figures["cat_cow"], columns=25, rows=10)
    # One loop of the figure per repetition (4 s a rep for a mobility exercise).
    assert loop_seconds(cat_cow, 2.0, loop) == pytest.approx(loop.duration / 2)
    assert loop_seconds(cat_cow, 6.0, loop) == pytest.approx(loop.duration / 2)


def test_a_low_terminal_keeps_the_keys_on_screen(player):
    player.tick(16.0)
    roomy = _drawn(screen(player, 16.0, width=70, figure=[], height=24), 70)
    low = _drawn(screen(player, 16.0, width=70, figure=[], height=15), 70)
    assert len(low) <= 15 < len(roomy)
    assert "q save and quit" in low[-1] and "Rep 3 of 10: hold" in "\n".join(low)
