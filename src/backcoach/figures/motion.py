"""The motion arrow of a still picture: where the part that moves most goes, start to pose.

    arrows = motion_arrows(figure, "end")      # marks: a shaft and a head each

The arrow follows the real path of that part through the animation's in-betweens, set a
little off the body on the outside, so a rotation (a leg swung up, a trunk bending)
draws a curve and a lift or a slide a straight line. A second arrow is added when another
part, far from the first, moves nearly as much (bird dog's arm and leg). Where the part
that moves most is the wrong one to show, the pose names its own (``arrow``).
"""

from __future__ import annotations

import itertools
import math

from backcoach.figures import marks as m
from backcoach.figures.body import Body, Skeleton
from backcoach.figures.geometry import Point, add, angle_of, direction, distance, lerp, sub
from backcoach.figures.poses import Figure
from backcoach.figures.scene import BODY, between, keyframe, moving_segments

SAMPLES = 16
OFFSET = 0.09  # metres between a moving limb point and its arrow
TRUNK_OFFSET = 0.15  # the trunk is thicker: its arrow stands further off
SHAFT = 0.016  # stroke width, metres
HEAD_LENGTH = 0.06
HEAD_WIDTH = 0.055
STRAIGHT = 0.015  # a path within this of its chord is drawn straight
SHORTEST = 0.04  # no arrow for a part that moves less than this
NAMED_SHORTEST = 0.02  # ... unless the pose names it: cow's back sags 3 cm
TRACKED = ("fingers", "wrist", "elbow", "toe", "heel", "knee")
TRUNK = ("head", "neck_base", "thoracolumbar", "lumbosacral", "hip")


# The segment each tracked point belongs to: an arrow follows a part drawn as moving.
_SEGMENT = {"head": "head", "neck_base": "thoracic", "thoracolumbar": "lumbar",
            "lumbosacral": "pelvis", "hip": "pelvis", "fingers": "hand", "wrist": "forearm",
            "elbow": "upper_arm", "toe": "foot", "heel": "foot", "knee": "thigh"}


def _segment(point: str) -> str:
    for side in ("left", "right"):
        if point.endswith(f"_{side}"):
            return f"{_SEGMENT[point.removesuffix(f'_{side}')]}_{side}"
    return _SEGMENT[point]


def _candidates(a: Skeleton, b: Skeleton, moving: set[str]) -> list[tuple[float, str]]:
    names = [*TRUNK, *(f"{p}_{s}" for p in TRACKED for s in ("left", "right"))]
    shown = [n for n in names if _segment(n) in moving] or names
    return sorted(((distance(a.points[n], b.points[n]), n) for n in shown), reverse=True)


def tracked_points(figure: Figure, pose: str, body: Body = BODY) -> list[str]:
    """Return the points an arrow follows from the start pose to ``pose`` (maybe none)."""
    a, b = keyframe(figure, "start", body), keyframe(figure, pose, body)
    named = figure.pose(pose).arrow
    if named is not None:
        return [n for n in named if distance(a.points[n], b.points[n]) >= NAMED_SHORTEST]
    ranked = _candidates(a, b, moving_segments(figure, body))
    if not ranked or ranked[0][0] < SHORTEST:
        return []
    first = ranked[0][1]
    out = [first]
    for moved, name in ranked[1:]:
        if moved < 0.7 * ranked[0][0]:
            break
        apart = min(distance(a.points[name], a.points[first]),
                    distance(b.points[name], b.points[first]))
        if apart > 0.3:
            out.append(name)
            break
    return out


def _path(figure: Figure, pose: str, point: str, body: Body) -> list[Point]:
    start, target = figure.pose("start"), figure.pose(pose)
    return [between(figure, start, target, i / SAMPLES, body).points[point]
            for i in range(SAMPLES + 1)]


def _trim(path: list[Point], lo: float, hi: float) -> list[Point]:
    lengths = [0.0]
    for p, q in itertools.pairwise(path):
        lengths.append(lengths[-1] + distance(p, q))
    total = lengths[-1]
    out = []
    for target in [lo + (hi - lo) * i / SAMPLES for i in range(SAMPLES + 1)]:
        at = target * total
        for i in range(1, len(path)):
            if lengths[i] >= at or i == len(path) - 1:
                span = lengths[i] - lengths[i - 1] or 1.0
                out.append(lerp(path[i - 1], path[i], (at - lengths[i - 1]) / span))
                break
    return out


def arrow_path(figure: Figure, pose: str, point: str, body: Body = BODY) -> list[Point]:
    """Return the arrow's line for one tracked point: offset outward, trimmed at the ends."""
    raw = _path(figure, pose, point, body)
    offset = TRUNK_OFFSET if point in TRUNK else OFFSET
    centre = keyframe(figure, pose, body).centre_of_mass()
    mid = raw[len(raw) // 2]
    chord = sub(raw[-1], raw[0])
    normal = direction(angle_of(chord) + 90)
    if distance(add(mid, normal, offset), centre) < distance(add(mid, normal, -offset), centre):
        normal = (-normal[0], -normal[1])
    deviation = max(abs((p[0] - raw[0][0]) * normal[0] + (p[1] - raw[0][1]) * normal[1])
                    for p in raw)
    if deviation < STRAIGHT:
        # A lift or a slide: a straight arrow just beyond where the part arrives,
        # pointing the way it went (an arrow over the hips of a bridge).
        ahead = direction(angle_of(chord))
        length = min(max(distance(raw[0], raw[-1]), 0.12), 0.3)
        tip = add(raw[-1], ahead, offset + length)
        if figure.floor == "below" and tip[1] < 0.03:
            # Pressed down toward the floor: the arrow comes down onto the part instead.
            return [add(raw[0], ahead, -offset - length), add(raw[0], ahead, -offset)]
        return [add(raw[-1], ahead, offset), tip]
    shifted = []
    for i, p in enumerate(raw):
        before, after = raw[max(i - 1, 0)], raw[min(i + 1, len(raw) - 1)]
        n = direction(angle_of(sub(after, before)) + 90)
        if n[0] * normal[0] + n[1] * normal[1] < 0:
            n = (-n[0], -n[1])
        shifted.append(add(p, n, offset))
    # A short move keeps more of its length, so its arrow still shows a shaft.
    lengths = sum(distance(p, q) for p, q in itertools.pairwise(shifted))
    trim = 0.1 if lengths > 0.3 else 0.0
    return _trim(shifted, trim, 1 - trim)


def _head(tip: Point, heading: float, length: float) -> list[Point]:
    back = add(tip, direction(heading), -length)
    side = direction(heading + 90)
    width = HEAD_WIDTH * length / HEAD_LENGTH
    return [tip, add(back, side, width / 2), add(back, side, -width / 2)]


def motion_arrows(figure: Figure, pose: str, body: Body = BODY) -> list[m.Mark]:
    """Return the arrow marks from the start pose to ``pose``: shaft and head, teal."""
    out: list[m.Mark] = []
    if pose == "start":
        return out
    for point in tracked_points(figure, pose, body):
        line = arrow_path(figure, pose, point, body)
        if distance(line[0], line[-1]) < 1e-6 and len(line) < 3:
            continue
        tip = line[-1]
        heading = angle_of(sub(tip, line[-2]))
        if not math.isfinite(heading):
            continue
        total = sum(distance(p, q) for p, q in itertools.pairwise(line))
        head = min(HEAD_LENGTH, 0.4 * total)
        shaft = [*line[:-1], add(tip, direction(heading), -head * 0.8)]
        out.append(m.Mark("path", m.fixed(shaft), stroke=m.ARROW, width=SHAFT))
        out.append(m.Mark("path", m.fixed(_head(tip, heading, head)), fill=m.ARROW,
                          stroke=m.ARROW, width=SHAFT / 2, closed=True))
    return out
