"""Plane geometry for the figures: points, directions, and distances to solid shapes.

Coordinates are metres, x to the right of the picture and y up, the floor at y = 0.
Directions are angles in degrees measured from straight up, positive turning toward +x,
so ``direction(0)`` is up, ``direction(90)`` is +x and ``direction(180)`` is down.

Solid shapes (boxes and circles) are convex, so the signed distance from a point on a
line segment to one of them is a convex function of the position along the segment; its
minimum is found by a golden-section search, exactly enough for centimetre tolerances.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

Point = tuple[float, float]

_GOLDEN = (math.sqrt(5) - 1) / 2


def direction(degrees: float) -> Point:
    """Return the unit vector at ``degrees`` from straight up, turning toward +x."""
    rad = math.radians(degrees)
    return (math.sin(rad), math.cos(rad))


def add(a: Point, b: Point, scale: float = 1.0) -> Point:
    """Return ``a + scale * b``."""
    return (a[0] + scale * b[0], a[1] + scale * b[1])


def sub(a: Point, b: Point) -> Point:
    return (a[0] - b[0], a[1] - b[1])


def distance(a: Point, b: Point) -> float:
    return math.hypot(a[0] - b[0], a[1] - b[1])


def lerp(a: Point, b: Point, t: float) -> Point:
    """Return the point a fraction ``t`` of the way from ``a`` to ``b``."""
    return (a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t)


def angle_of(vector: Point) -> float:
    """Return the direction of ``vector`` in degrees (the inverse of :func:`direction`)."""
    return math.degrees(math.atan2(vector[0], vector[1]))


@dataclass(frozen=True)
class Box:
    """An axis-aligned solid rectangle from (x0, y0) to (x1, y1)."""

    x0: float
    y0: float
    x1: float
    y1: float

    def signed_distance(self, p: Point) -> float:
        """Return the distance from ``p`` to the box; negative inside (depth)."""
        cx, cy = (self.x0 + self.x1) / 2, (self.y0 + self.y1) / 2
        hx, hy = (self.x1 - self.x0) / 2, (self.y1 - self.y0) / 2
        dx, dy = abs(p[0] - cx) - hx, abs(p[1] - cy) - hy
        outside = math.hypot(max(dx, 0.0), max(dy, 0.0))
        return outside + min(max(dx, dy), 0.0)


@dataclass(frozen=True)
class Circle:
    """A solid disc (a fitball, a barbell plate, a bar seen end-on)."""

    cx: float
    cy: float
    r: float

    def signed_distance(self, p: Point) -> float:
        return math.hypot(p[0] - self.cx, p[1] - self.cy) - self.r


@dataclass(frozen=True)
class HalfPlane:
    """Everything below the line y = ``top``: the floor."""

    top: float = 0.0

    def signed_distance(self, p: Point) -> float:
        return p[1] - self.top


Shape = Box | Circle | HalfPlane


def segment_distance(shape: Shape, a: Point, b: Point) -> tuple[float, float]:
    """Return (smallest signed distance, where along a->b) from the segment to ``shape``."""
    lo, hi = 0.0, 1.0
    if distance(a, b) < 1e-9:
        return shape.signed_distance(a), 0.0
    c = hi - _GOLDEN * (hi - lo)
    d = lo + _GOLDEN * (hi - lo)
    fc = shape.signed_distance(lerp(a, b, c))
    fd = shape.signed_distance(lerp(a, b, d))
    for _ in range(40):
        if fc < fd:
            hi, d, fd = d, c, fc
            c = hi - _GOLDEN * (hi - lo)
            fc = shape.signed_distance(lerp(a, b, c))
        else:
            lo, c, fc = c, d, fd
            d = lo + _GOLDEN * (hi - lo)
            fd = shape.signed_distance(lerp(a, b, d))
    best_t = (lo + hi) / 2
    candidates = [(shape.signed_distance(lerp(a, b, best_t)), best_t),
                  (shape.signed_distance(a), 0.0), (shape.signed_distance(b), 1.0)]
    return min(candidates)
