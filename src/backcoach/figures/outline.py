"""The body's drawn shape: an outline for every segment, in the segment's own frame.

    from backcoach.figures.outline import parts, frames, world_outline

    for part in parts("side"):
        origin, theta = frames(skeleton)[part.node]
        polygon = world_outline(part, skeleton)     # metres, for the terminal's raster

Limbs are tapered capsules (wide at the body, narrow at the hand and foot, a calf behind
the shin); the trunk is three overlapping pieces shaped from chest to pelvis (chest and
belly in front, shoulder blades and buttocks behind in the side view; shoulders, waist and
hips in the front view); the head is an oval with a nose toward the face in the side view.
Every piece has rounded ends, so bent joints stay closed.

A frame is (origin, theta): the segment's joint and its direction (see
:mod:`backcoach.figures.geometry`); a local point (across, along) in metres lies ``along``
the segment from the origin and ``across`` it toward ``theta + 90`` (the front of the
trunk in the side view). The widths are backcoach's drawing, kept within a centimetre or
so of the radii the plausibility checks use, so what touches in the checks touches on
the page.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache

from backcoach.figures.body import SIDES, Skeleton, View, spec
from backcoach.figures.geometry import Point, add, angle_of, direction, distance, sub

# (along as a fraction of the segment, behind, in front): half-widths in metres for a
# 1.75 m body; "behind" is toward theta - 90.
Station = tuple[float, float, float]
CAP_POINTS = 4  # points on each rounded end, besides the two it joins

_SIDE_TRUNK: dict[str, tuple[list[Station], float, float]] = {
    # name: (stations, depth of the lower end's rounding, of the upper end's), metres
    "pelvis": ([(-0.45, 0.080, 0.060), (0.2, 0.088, 0.068), (1.0, 0.074, 0.072)], 0.05, 0.03),
    "lumbar": ([(0.0, 0.072, 0.072), (0.5, 0.066, 0.076), (1.0, 0.074, 0.080)], 0.03, 0.03),
    "thoracic": ([(0.0, 0.074, 0.080), (0.45, 0.088, 0.098), (0.8, 0.086, 0.086),
                  (1.0, 0.066, 0.052)], 0.03, 0.045),
    "neck": ([(0.0, 0.036, 0.036), (1.0, 0.032, 0.034)], 0.02, 0.02),
}
_FRONT_TRUNK: dict[str, tuple[list[Station], float, float]] = {
    "pelvis": ([(-0.5, 0.150, 0.150), (0.2, 0.166, 0.166), (1.0, 0.140, 0.140)], 0.06, 0.03),
    "lumbar": ([(0.0, 0.140, 0.140), (0.5, 0.128, 0.128), (1.0, 0.138, 0.138)], 0.03, 0.03),
    "thoracic": ([(0.0, 0.136, 0.136), (0.5, 0.152, 0.152), (0.85, 0.178, 0.178),
                  (1.0, 0.190, 0.190)], 0.03, 0.035),
    "neck": ([(0.0, 0.044, 0.044), (1.0, 0.040, 0.040)], 0.02, 0.02),
}
# Limbs: (fraction, factor of the segment's radius behind, in front). "Behind" for a leg
# hanging down is the back of the leg: the calf bulges there.
_LIMBS: dict[str, list[Station]] = {
    "upper_arm": [(0.0, 1.12, 1.12), (0.35, 1.05, 1.08), (1.0, 0.82, 0.82)],
    "forearm": [(0.0, 1.0, 1.0), (0.3, 1.05, 1.05), (1.0, 0.72, 0.72)],
    "hand": [(0.0, 0.78, 0.78), (0.45, 0.9, 0.9), (1.0, 0.62, 0.62)],
    "thigh": [(0.0, 1.16, 1.16), (0.45, 1.02, 1.02), (1.0, 0.80, 0.80)],
    "shank": [(0.0, 0.96, 0.92), (0.3, 1.14, 0.86), (0.7, 0.80, 0.70), (1.0, 0.62, 0.62)],
}


@dataclass(frozen=True)
class Part:
    """One drawn piece: ``node`` is the segment whose frame carries it, ``bone`` its colour."""

    node: str
    bone: str
    layer: str  # far, trunk, near_leg, near_arm; front view: leg_left, leg_right, trunk, arms


def parts(view: View, near: str = "left") -> list[Part]:
    """Return the drawn pieces, back to front, for a view and the side toward the viewer."""
    far = "right" if near == "left" else "left"
    trunk = [Part(n, n, "trunk") for n in ("pelvis", "lumbar", "thoracic", "neck")]
    head = [Part("neck", "head", "trunk")]

    def limb(kind: str, side: str, layer: str) -> list[Part]:
        names = (("thigh", "shank", "foot") if kind == "leg"
                 else ("upper_arm", "forearm", "hand"))
        return [Part(f"{n}_{side}", f"{n}_{side}", layer) for n in names]

    if view == "side":
        return (limb("arm", far, "far") + limb("leg", far, "far") + trunk + head
                + limb("leg", near, "near_leg") + limb("arm", near, "near_arm"))
    return (limb("leg", "left", "leg_left") + limb("leg", "right", "leg_right") + trunk + head
            + limb("arm", "left", "arms") + limb("arm", "right", "arms"))


PARENT = {"pelvis": None, "lumbar": "pelvis", "thoracic": "lumbar", "neck": "thoracic",
          **{f"upper_arm_{s}": "thoracic" for s in SIDES},
          **{f"forearm_{s}": f"upper_arm_{s}" for s in SIDES},
          **{f"hand_{s}": f"forearm_{s}" for s in SIDES},
          **{f"thigh_{s}": "pelvis" for s in SIDES},
          **{f"shank_{s}": f"thigh_{s}" for s in SIDES},
          **{f"foot_{s}": f"shank_{s}" for s in SIDES}}

Frame = tuple[Point, float]


def frames(skeleton: Skeleton) -> dict[str, Frame]:
    """Return each segment's frame: its joint and its direction in degrees."""
    out: dict[str, Frame] = {}
    for name in PARENT:
        bone = skeleton.bones[name]
        if name.startswith("foot_"):
            side = name.removeprefix("foot_")
            # The foot turns at the ankle; its capsule lies along the sole below it.
            out[name] = (skeleton.points[f"ankle_{side}"], angle_of(sub(bone.end, bone.start)))
        else:
            out[name] = (bone.start, angle_of(sub(bone.end, bone.start)))
    return out


def to_world(frame: Frame, local: Point) -> Point:
    origin, theta = frame
    return add(add(origin, direction(theta), local[1]), direction(theta + 90), local[0])


def to_local(frame: Frame, point: Point) -> Point:
    origin, theta = frame
    d = sub(point, origin)
    along, across = direction(theta), direction(theta + 90)
    return (d[0] * across[0] + d[1] * across[1], d[0] * along[0] + d[1] * along[1])


def _cap(centre: Point, half: float, depth: float, start: float, end: float) -> list[Point]:
    # Half an ellipse from angle ``start`` to ``end`` (degrees, 0 = +across, 90 = +along).
    out = []
    for i in range(1, CAP_POINTS + 1):
        a = math.radians(start + (end - start) * i / (CAP_POINTS + 1))
        out.append((centre[0] + half * math.cos(a), centre[1] + depth * math.sin(a)))
    return out


def station_outline(stations: list[tuple[float, float, float]], low_depth: float,
                    high_depth: float) -> list[Point]:
    """Return a closed outline through (along, behind, in front) stations in metres."""
    front = [(f, a) for a, _, f in stations]
    back = [(-b, a) for a, b, _ in stations]
    top_a, top_b, top_f = stations[-1]
    low_a, low_b, low_f = stations[0]
    top = _cap(((top_f - top_b) / 2, top_a), (top_f + top_b) / 2, high_depth, 0, 180)
    low = _cap(((low_f - low_b) / 2, low_a), (low_f + low_b) / 2, low_depth, 180, 360)
    return front + top + back[::-1] + low


@lru_cache(maxsize=256)
def _limb_outline(kind: str, view: View, height: float, length: float) -> list[Point]:
    r = spec(kind).radius_side if view == "side" else spec(kind).radius_front
    r *= height
    stations = [(length * a, r * b, r * f) for a, b, f in _LIMBS[kind]]
    return station_outline(stations, r * 0.9, r * 0.8)


@lru_cache(maxsize=64)
def _trunk_outline(name: str, view: View, height: float, length: float) -> list[Point]:
    table = _SIDE_TRUNK if view == "side" else _FRONT_TRUNK
    raw, low, high = table[name]
    k = height / 1.75
    stations = [(max(a, 0.0) * length + min(a, 0.0) * spec(name).length * height,
                 b * k, f * k) for a, b, f in raw]
    return station_outline(stations, low * k, high * k)


def _head(view: View, r: float, centre: float) -> list[Point]:
    out = []
    for i in range(24):
        phi = math.radians(i * 15)  # 0: straight up the neck's line, 90: the face side
        across, along = 0.9 * r * math.sin(phi), 1.04 * r * math.cos(phi)
        if view == "side":
            # The nose and the chin below it show which way the face looks.
            bump = 0.17 * math.exp(-((i * 15 - 100) / 13) ** 2)
            chin = -0.08 * math.exp(-((i * 15 - 150) / 20) ** 2)
            across *= 1 + bump + chin
        out.append((across, centre + along))
    return out


def local_outline(part: Part, skeleton: Skeleton) -> list[Point]:
    """Return the part's outline in its node's frame, metres."""
    bone = skeleton.bones[part.bone]
    view = skeleton.view
    height = bone.length / spec(bone.name).length if bone.length else 1.75
    kind = bone.kind
    if kind == "head":
        neck = skeleton.bones["neck"]
        return _head(view, bone.radius, distance(neck.start, bone.start))
    length = distance(bone.start, bone.end)
    if kind in _LIMBS:
        return _limb_outline(kind, view, round(height, 4), round(length, 5))
    if kind == "foot":
        frame = frames(skeleton)[part.node]
        heel, toe = to_local(frame, bone.start), to_local(frame, bone.end)
        r = bone.radius
        span = toe[1] - heel[1]
        c = heel[0]  # the sole's centre line lies this far across, below the ankle
        stations = [(heel[1], r * 1.05 - c, r * 1.05 + c),
                    (heel[1] + 0.5 * span, r - c, r * 0.95 + c),
                    (toe[1], r * 0.7 - c, r * 0.7 + c)]
        return station_outline(stations, r, r * 0.7)
    return _trunk_outline(kind, view, round(height, 4), round(length, 5))


def world_outline(part: Part, skeleton: Skeleton,
                  frame: dict[str, Frame] | None = None) -> list[Point]:
    """Return the part's outline in world metres."""
    frame = frame or frames(skeleton)
    return [to_world(frame[part.node], p) for p in local_outline(part, skeleton)]
