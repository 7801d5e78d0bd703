"""The figure beside the terminal player's counter: its size, and the frame at a moment.

    figures = PlayerFigures(load_figures())
    size = figure_size(columns, rows)              # None: no room for a figure
    lines = figures.lines(step, elapsed, size)     # braille lines, [] without a figure

The animation keeps the exercise's tempo, locked to the player's repetitions: one loop of
the figure per repetition. In a repetition with a hold the held pose stands still for the
hold and the loop (release, come back) plays during the breath between holds; a single
hold shows the held pose. Before and between sets (get ready, rest, switch sides) the
start pose stands still, so the person sees where to begin. Exercises timed in minutes
loop at the figure's own pace.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from backcoach.cli.figures import NARROWEST
from backcoach.figures.terminal import Animation

if TYPE_CHECKING:
    from backcoach.figures import Figure
    from backcoach.player import Step

LOWEST = 16  # rows: below this the counter needs every row
WIDEST = 40  # columns of the figure, however wide the terminal
HELD_POSE = "end"  # the pose a hold holds; a figure without one holds its last pose


def figure_size(columns: int, rows: int) -> tuple[int, int] | None:
    """Return the figure's (columns, rows) for a terminal of this size, or None.

    A third of the width, so the counter and its text keep two thirds; at 80 x 24 that is
    25 x 10 characters (50 x 40 braille dots). Under :data:`NARROWEST` columns or
    :data:`LOWEST` rows there is no figure at all: a cramped one reads as noise.
    """
    if columns < NARROWEST or rows < LOWEST:
        return None
    width = min(WIDEST, (columns - 4) // 3)
    height = max(6, min(12, rows - 14, width * 2 // 5))
    return width, height


def loop_seconds(step: Step, elapsed: float, animation: Animation) -> float:
    """Return where in the figure's loop ``step`` is after ``elapsed`` seconds of it."""
    if step.kind != "work":
        return 0.0  # the loop starts at the start pose
    held = HELD_POSE if any(p.id == HELD_POSE for p in animation.figure.poses) \
        else animation.figure.poses[-1].id
    holding = bool(step.hold_seconds) or step.hold_to_fatigue
    if step.duration is None or not step.reps or step.reps == 1:
        # One hold (timed or to fatigue), or minutes of it at the figure's own pace.
        return animation.pose_time(held) if holding else elapsed
    per_rep = step.duration / step.reps
    into = min(elapsed, step.duration) % per_rep
    if not holding:
        return into / per_rep * animation.duration
    hold = step.hold_seconds or 0.0
    if into < hold:
        return animation.pose_time(held)
    breath = (into - hold) / max(per_rep - hold, 1e-9)
    return animation.pose_time(held) + breath * animation.duration


class PlayerFigures:
    """Every exercise's animation at the sizes asked for, each made once and kept."""

    def __init__(self, figures: dict[str, Figure]) -> None:
        self.figures = figures
        self._made: dict[tuple[str, int, int], Animation] = {}

    def lines(self, step: Step | None, elapsed: float,
              size: tuple[int, int] | None) -> list[str]:
        """Return the figure of ``step``'s exercise at this moment, or [] without one."""
        if step is None or size is None or step.exercise not in self.figures:
            return []
        key = (step.exercise, *size)
        animation = self._made.get(key)
        if animation is None:
            animation = self._made[key] = Animation(self.figures[step.exercise],
                                                    columns=size[0], rows=size[1])
        return animation.at(loop_seconds(step, elapsed, animation))
