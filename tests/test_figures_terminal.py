"""The figures in the terminal: braille drawings of the same poses as the SVG."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from backcoach.cli import app, figures as cli_figures
from backcoach.figures import load_figures
from backcoach.figures.terminal import render_poses, render_text

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
