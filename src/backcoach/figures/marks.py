"""What the renderer draws: marks (paths and circles) whose points may follow the body.

A :class:`Mark` is computed for every frame of an animation from the posed skeleton; a
mark whose points never change is drawn once, one that moves is animated. Keeping props
and body parts in the same form lets one renderer draw both, static or animated.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

from backcoach.figures.body import Skeleton
from backcoach.figures.geometry import Point

# One calm palette: slate for the body, teal for what moves, soft greys for props.
INK = "#3c4a5b"
INK_FAR = "#a2adb9"
MOVE = "#1f8a7e"
MOVE_FAR = "#93cdc4"
PARTNER = "#c7ced6"
PROP_FILL = "#eef1f4"
PROP_LINE = "#a9b3be"
PROP_DARK = "#6f7c8a"
MAT_FILL = "#d6e5e2"
MAT_LINE = "#b3cbc5"
BALL_FILL = "#f3e6d3"
BALL_LINE = "#d3b994"
FLOOR = "#8c98a5"
WATER_FILL = "#dcedf7"
WATER_LINE = "#86b6d3"
BACKGROUND = "#ffffff"
ARROW = "#d9822b"  # the motion arrow: warm, apart from the teal of what moves
GHOST = 0.22  # opacity of the start pose drawn under a still pose


@dataclass(frozen=True)
class Mark:
    """A path through ``points`` (or a circle at ``points[0]``), in world metres."""

    shape: Literal["path", "circle"]
    points: Callable[[Skeleton], list[Point]]
    stroke: str | None = None
    width: float = 0.0  # stroke width in metres
    fill: str | None = None
    radius: float = 0.0  # circles only, metres
    closed: bool = False
    opacity: float = 1.0
    in_bbox: bool = True  # False for marks that run off the picture (floor, water)


def fixed(points: list[Point]) -> Callable[[Skeleton], list[Point]]:
    """Return a points function for a mark that does not move."""
    return lambda _skeleton: points


def box(x0: float, y0: float, x1: float, y1: float, *, fill: str = PROP_FILL,
        stroke: str = PROP_LINE, opacity: float = 1.0) -> Mark:
    """Return a filled rectangle mark."""
    pts = [(x0, y0), (x1, y0), (x1, y1), (x0, y1)]
    return Mark("path", fixed(pts), stroke=stroke, width=0.008, fill=fill, closed=True,
                opacity=opacity)


def line(points: list[Point], *, stroke: str = PROP_LINE, width: float = 0.02,
         in_bbox: bool = True) -> Mark:
    return Mark("path", fixed(points), stroke=stroke, width=width, in_bbox=in_bbox)


def disc(centre: Point, radius: float, *, fill: str = PROP_FILL,
         stroke: str = PROP_LINE) -> Mark:
    return Mark("circle", fixed([centre]), stroke=stroke, width=0.008, fill=fill,
                radius=radius)
