"""The figures in the terminal: braille drawings of the same poses as the SVG."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from backcoach.cli import app, figures as cli_figures
from backcoach.figures import keyframe, load_figures, timeline
from backcoach.figures.terminal import Animation, bounds, render_frame, render_poses, render_text

SNAPSHOTS = Path(__file__).parent / "snapshots"
runner = CliRunner()


@pytest.mark.parametrize("exercise", ["cat_cow", "hip_hinge"])
def test_terminal_drawing_matches_its_snapshot(exercise):
    drawn = "\n".join(render_poses(load_figures()[exercise], columns=24, rows=8)) + "\n"
    expected = (SNAPSHOTS / f"terminal-{exercise}.txt").read_text(encoding="utf-8")
    assert drawn == expected, f"the drawing changed; if on purpose, rewrite {exercise}'s snapshot"


def test_a_standing_pose_is_tall_and_a_lying_one_is_low():
    def inked_rows(lines: list[str]) -> list[int]:
        return [i for i, line in enumerate(lines[:-1]) if line.strip("\u2800 \u2824")]

    standing = render_text(load_figures()["hip_hinge"], "start", columns=20, rows=10)
    lying = render_text(load_figures()["supine_body_lift"], "start", columns=20, rows=10)
    assert len(standing) == 10 and all(len(line) == 20 for line in standing)
    assert len(inked_rows(standing)) > 2 * len(inked_rows(lying))


def test_figure_on_a_terminal_draws_braille_and_svg_stays_on_a_pipe(monkeypatch):
    piped = runner.invoke(app, ["figure", "cat_cow"])
    assert piped.stdout.startswith("<svg")
    monkeypatch.setattr(cli_figures, "is_terminal", lambda: True)
    monkeypatch.setenv("COLUMNS", "80")
    drawn = runner.invoke(app, ["figure", "cat_cow"])
    assert drawn.exit_code == 0 and "<svg" not in drawn.stdout
    assert drawn.stdout.startswith("Cat-cow\n")
    assert any("\u2800" < ch <= "\u28ff" for ch in drawn.stdout)
    assert "start" in drawn.stdout and "cow" in drawn.stdout
    assert max(len(line) for line in drawn.stdout.splitlines()) <= 80


def test_under_sixty_columns_there_is_no_figure(monkeypatch):
    assert cli_figures.terminal_figure("cat_cow", 59) == []
    assert cli_figures.terminal_figure("cat_cow", 60)
    monkeypatch.setattr(cli_figures, "is_terminal", lambda: True)
    monkeypatch.setenv("COLUMNS", "50")
    narrow = runner.invoke(app, ["figure", "cat_cow"])
    assert "too narrow for the figure" in narrow.stdout


def test_an_animation_draws_each_frame_once_in_one_box():
    hinge = load_figures()["hip_hinge"]
    loop = Animation(hinge, columns=24, rows=10)
    first = loop.at(0.0)
    assert first is loop.at(0.0) is loop.at(loop.duration)  # kept, and the loop wraps
    box = bounds(hinge, timeline(hinge).frames)  # every frame's, so the camera stays put
    assert first == render_frame(hinge, keyframe(hinge, "start"), 24, 10, box)
    bent = loop.at(loop.pose_time("end"))
    assert bent == render_frame(hinge, keyframe(hinge, "end"), 24, 10, box)
    assert bent != first and len(bent) == 10 and {len(line) for line in bent} == {24}
    # The hinge stands 1 s, then bends for 2 s: at 2 s it is half-way, an in-between.
    assert (loop.pose_time("start"), loop.pose_time("end")) == (0.0, 3.0)
    assert loop.at(2.0) not in (first, bent)


def test_a_lying_figure_takes_only_the_rows_it_needs():
    figures = load_figures()
    lying = Animation(figures["pelvic_tilt"], columns=24, rows=10)
    standing = Animation(figures["hip_hinge"], columns=24, rows=10)
    assert standing.rows == 10 and lying.rows < 6
    assert len(lying.at(1.0)) == lying.rows
