"""Draw a figure in the terminal with Unicode braille: the same poses as the SVG.

    from backcoach.figures.terminal import render_text

    lines = render_text(figure, "end", columns=30, rows=10)   # a list of strings
    loop = Animation(figure, columns=24, rows=10)             # the terminal player's figure
    lines = loop.at(1.5)                                      # the frame 1.5 s into the loop

Each character cell holds 2 x 4 braille dots, so a 30 x 10 cell box is a 60 x 40 dot
picture with square dots. The body's outlines (:mod:`backcoach.figures.outline`) and the
props are filled dot by dot; the floor is a line of dots. No colour: it reads the same on
any terminal and in a log.
"""

from __future__ import annotations

import bisect
import math
from collections.abc import Sequence

from backcoach.figures.body import Skeleton
from backcoach.figures.geometry import Point
from backcoach.figures.outline import parts, world_outline
from backcoach.figures.poses import Figure
from backcoach.figures.props import marks as prop_marks
from backcoach.figures.scene import BODY, keyframe, timeline

MARGIN = 0.06  # metres around the figure
# Braille dot bits by (column, row) in a cell (Unicode's numbering of the six + two dots).
_BITS = ((0x01, 0x02, 0x04, 0x40), (0x08, 0x10, 0x20, 0x80))


def _inside(polygon: Sequence[Point], x: float, y: float) -> bool:
    inside = False
    j = len(polygon) - 1
    for i in range(len(polygon)):
        xi, yi = polygon[i]
        xj, yj = polygon[j]
        if (yi > y) != (yj > y) and x < (xj - xi) * (y - yi) / (yj - yi) + xi:
            inside = not inside
        j = i
    return inside


def _shapes(figure: Figure, frame: Skeleton) -> list[list[Point]]:
    """Return filled polygons (world metres): the props, then the body."""
    out: list[list[Point]] = []
    for prop in figure.props:
        if prop.kind == "water":
            continue
        under, over = prop_marks(prop, figure.view, figure.floor)
        for mark in [*under, *over]:
            pts = mark.points(frame)
            if mark.shape == "circle":
                c, r = pts[0], mark.radius
                out.append([(c[0] + r * math.cos(a / 8), c[1] + r * math.sin(a / 8))
                            for a in range(51)])
            elif mark.closed:
                out.append(pts)
            elif mark.in_bbox and len(pts) >= 2:
                out.append(_thick(pts, max(mark.width, 0.03)))
    for part in parts(figure.view, figure.near):
        out.append(world_outline(part, frame))
    return out


def _thick(points: list[Point], width: float) -> list[Point]:
    # A polyline as a thin polygon (a stick, a bar).
    a, b = points[0], points[-1]
    length = math.hypot(b[0] - a[0], b[1] - a[1]) or 1.0
    nx, ny = -(b[1] - a[1]) / length * width / 2, (b[0] - a[0]) / length * width / 2
    return [(a[0] + nx, a[1] + ny), (b[0] + nx, b[1] + ny), (b[0] - nx, b[1] - ny),
            (a[0] - nx, a[1] - ny)]


def render_frame(figure: Figure, frame: Skeleton, columns: int, rows: int,
                 bbox: tuple[float, float, float, float] | None = None) -> list[str]:
    """Return ``rows`` lines of ``columns`` braille characters drawing one skeleton."""
    shapes = _shapes(figure, frame)
    if bbox is None:
        bbox = bounds(figure, [frame])
    x0, y0, x1, y1 = bbox
    width, height = columns * 2, rows * 4
    scale = min(width / (x1 - x0), height / (y1 - y0))
    ox = (width - (x1 - x0) * scale) / 2
    oy = height - (y1 - y0) * scale  # rest on the bottom row
    dots = [[False] * width for _ in range(height)]
    for polygon in shapes:
        xs = [p[0] for p in polygon]
        ys = [p[1] for p in polygon]
        c0 = max(int(ox + (min(xs) - x0) * scale), 0)
        c1 = min(int(ox + (max(xs) - x0) * scale) + 1, width - 1)
        r0 = max(int(oy + (y1 - max(ys)) * scale), 0)
        r1 = min(int(oy + (y1 - min(ys)) * scale) + 1, height - 1)
        for r in range(r0, r1 + 1):
            y = y1 - (r + 0.5 - oy) / scale
            for c in range(c0, c1 + 1):
                if _inside(polygon, x0 + (c + 0.5 - ox) / scale, y):
                    dots[r][c] = True
    if figure.floor == "below":
        floor = min(int(oy + y1 * scale), height - 1)
        if floor >= 0:
            dots[floor] = [True] * width
    return [_cells(dots, row, columns) for row in range(rows)]


def _cells(dots: list[list[bool]], row: int, columns: int) -> str:
    out = []
    for col in range(columns):
        code = 0
        for dx in range(2):
            for dy in range(4):
                if dots[row * 4 + dy][col * 2 + dx]:
                    code |= _BITS[dx][dy]
        out.append(chr(0x2800 + code))
    return "".join(out)


def bounds(figure: Figure, frames: Sequence[Skeleton]) -> tuple[float, float, float, float]:
    """Return the world box holding the body in every frame and the solid props."""
    xs: list[float] = []
    ys: list[float] = []
    for frame in frames:
        for polygon in _shapes(figure, frame):
            xs += [p[0] for p in polygon]
            ys += [p[1] for p in polygon]
    if figure.floor == "below":
        ys.append(0.0)
    return min(xs) - MARGIN, min(ys) - MARGIN, max(xs) + MARGIN, max(ys) + MARGIN


def render_text(figure: Figure, pose: str = "end", *, columns: int = 30,
                rows: int = 10) -> list[str]:
    """Return the pose drawn in braille, ``rows`` lines of ``columns`` characters."""
    frame = keyframe(figure, pose, BODY)
    return render_frame(figure, frame, columns, rows)


def render_poses(figure: Figure, *, columns: int = 30, rows: int = 10) -> list[str]:
    """Return every pose side by side at one scale, each labelled under it."""
    frames = [keyframe(figure, p.id, BODY) for p in figure.poses]
    box = bounds(figure, frames)
    drawn = [render_frame(figure, f, columns, rows, box) for f in frames]
    lines = ["  ".join(d[i] for d in drawn) for i in range(rows)]
    lines.append("  ".join(p.id.center(columns) for p in figure.poses).rstrip())
    return lines


class Animation:
    """One loop of a figure's animation in braille, each frame drawn the first time it is
    shown and kept: a player redrawing the screen eight times a second draws each frame
    once per exercise, not once per refresh.

    Every frame shares one box (all frames' bounds), so the figure moves, not the camera.
    The drawing is ``columns`` wide and at most ``rows`` high: a lying figure, wider than
    tall, takes only the rows it needs instead of standing on empty ones.
    """

    def __init__(self, figure: Figure, *, columns: int, rows: int) -> None:
        loop = timeline(figure)
        self._times, self._frames, self._keys = loop.times, loop.frames, loop.keys
        self._box = x0, y0, x1, y1 = bounds(figure, loop.frames)
        needed = math.ceil(columns * 2 * (y1 - y0) / (x1 - x0) / 4)
        self.figure, self.columns, self.rows = figure, columns, max(1, min(rows, needed))
        self.duration = loop.duration
        self._drawn: dict[int, list[str]] = {}

    def at(self, seconds: float) -> list[str]:
        """Return the frame shown ``seconds`` into the loop (any number: it wraps)."""
        wrapped = seconds % self.duration if self.duration > 0 else 0.0
        return self._frame(max(0, bisect.bisect_right(self._times, wrapped) - 1))

    def pose_time(self, pose_id: str) -> float:
        """Return when the loop first reaches ``pose_id`` (0 when it never does)."""
        return next((t for t, key in zip(self._times, self._keys, strict=True)
                     if key == pose_id), 0.0)

    def _frame(self, index: int) -> list[str]:
        drawn = self._drawn.get(index)
        if drawn is None:
            drawn = self._drawn[index] = render_frame(self.figure, self._frames[index],
                                                      self.columns, self.rows, self._box)
        return drawn
