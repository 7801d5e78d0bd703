"""Props: their solid shapes (for the plausibility checks) and how they are drawn.

Sizes are typical ones in metres, backcoach's choice: a 1.5 cm mat, a chair seat at
45 cm, a sofa seat at 42 cm, a 65 cm fitball, a flat bench at 43 cm, a bar at 2.3 m
and 1.1 m between its uprights.
Each prop is laid out for ``facing: right`` and mirrored for ``left``. A prop with
``attach`` (a stick, a barbell, a cable handle, a helper's hands) moves with that segment.
"""

from __future__ import annotations

import math
from collections.abc import Callable

from backcoach.figures import marks as m
from backcoach.figures.body import Body, Skeleton, View
from backcoach.figures.geometry import (
    Box,
    Circle,
    Point,
    Shape,
    add,
    angle_of,
    direction,
    distance,
    lerp,
    sub,
)
from backcoach.figures.poses import Floor, PropSpec

MAT_THICKNESS = 0.015
FITBALL_RADIUS = 0.325
STICK_RADIUS = 0.016
STICK_SHOWN = 0.2  # metres of a held stick drawn beyond its grip (see _held_marks)
STICK_RECEDES = -55.0  # ... in this direction: up and back from a figure facing +x
PLATE_RADIUS = 0.225
BAR_HEIGHT = 2.3
BAR_LENGTH = 1.1
# The water drawn again over the body, faintly: enough to show what is under the surface,
# light enough that a submerged limb keeps its colour (at 0.45 the swimmer washed out).
WATER_VEIL = 0.2


def _sign(prop: PropSpec) -> float:
    return -1.0 if prop.facing == "left" else 1.0


def _box(prop: PropSpec, u0: float, y0: float, u1: float, y1: float) -> Box:
    """Return a box given in the prop's own x (u, facing right), placed and mirrored."""
    s = _sign(prop)
    a, b = prop.x + s * u0, prop.x + s * u1
    return Box(min(a, b), y0, max(a, b), y1)


def _at(prop: PropSpec, u: float, y: float) -> Point:
    return (prop.x + _sign(prop) * u, y)


def _parts(prop: PropSpec, view: View, floor: Floor) -> tuple[list[Box | Circle], list[Box]]:
    """Return (solid shapes, drawn-only boxes) of a static prop."""
    kind = prop.kind
    solid: list[Box | Circle] = []
    faint: list[Box] = []
    if kind == "mat":
        length = prop.length or 1.9
        if floor == "behind":
            y = prop.y or 0.0
            faint.append(Box(prop.x - length / 2, y - 0.33, prop.x + length / 2, y + 0.33))
        else:
            solid.append(Box(prop.x - length / 2, 0, prop.x + length / 2, MAT_THICKNESS))
    elif kind == "chair":
        # The legs stand at the sides, beside the body in depth: drawn, not solid.
        solid.append(_box(prop, -0.21, 0.41, 0.21, 0.45))
        faint += [_box(prop, -0.2, 0, -0.17, 0.41), _box(prop, 0.17, 0, 0.2, 0.41)]
        if prop.facing == "viewer":
            faint.append(_box(prop, -0.21, 0.45, 0.21, 0.9))
        else:
            solid.append(_box(prop, -0.21, 0.45, -0.18, 0.92))
    elif kind == "sofa":
        low = prop.y or 0.1  # the underside: feet hook under a sofa or a bed
        top = low + 0.32
        if prop.facing == "viewer":
            half = (prop.length or 1.9) / 2
            solid += [_box(prop, -half, low, half, top),
                      _box(prop, -half - 0.14, low, -half, top + 0.18),
                      _box(prop, half, low, half + 0.14, top + 0.18)]
            faint += [_box(prop, -half, top, half, top + 0.38),
                      _box(prop, -half + 0.03, 0, -half + 0.07, low),
                      _box(prop, half - 0.07, 0, half - 0.03, low)]
        else:
            depth = prop.length or 0.85
            solid += [_box(prop, -depth, low, 0, top),
                      _box(prop, -depth, top, -depth + 0.2, top + 0.43)]
            faint += [_box(prop, -0.07, 0, -0.03, low),
                      _box(prop, -depth + 0.03, 0, -depth + 0.07, low)]
    elif kind == "fitball":
        r = (prop.length or 2 * FITBALL_RADIUS) / 2
        solid.append(Circle(prop.x, r, r))
    elif kind == "bar":
        y = prop.y or BAR_HEIGHT
        if view == "front":
            # Seen from the front the bar runs across the picture between two uprights.
            half = (prop.length or BAR_LENGTH) / 2
            solid.append(Box(prop.x - half, y - STICK_RADIUS, prop.x + half, y + STICK_RADIUS))
            faint += [Box(prop.x - half - 0.05, 0, prop.x - half, y + 0.1),
                      Box(prop.x + half, 0, prop.x + half + 0.05, y + 0.1)]
        else:
            solid.append(Circle(prop.x, y, STICK_RADIUS))
    elif kind == "bench":
        top, half = prop.y or 0.43, (prop.length or 1.2) / 2
        solid.append(_box(prop, -half, top - 0.07, half, top))
        faint += [_box(prop, -half + 0.06, 0, -half + 0.1, top - 0.07),
                  _box(prop, half - 0.1, 0, half - 0.06, top - 0.07)]
    elif kind == "hyperextension_bench":
        top = prop.y or 0.9
        solid += [_box(prop, -0.72, top - 0.08, 0, top), _roller(prop, -0.62, top + 0.135)]
        faint += [_box(prop, -0.47, 0.03, -0.43, top - 0.08), _box(prop, -1.0, 0, 0.1, 0.03),
                  _box(prop, -0.64, top, -0.6, top + 0.1)]
    elif kind == "roman_chair":
        seat = prop.y or 0.6
        solid += [_box(prop, -0.2, seat - 0.07, 0.12, seat), _roller(prop, 0.62, 0.3)]
        faint += [_box(prop, -0.06, 0.03, -0.02, seat - 0.07), _box(prop, -0.2, 0, 0.66, 0.03),
                  _box(prop, 0.6, 0.03, 0.64, 0.25)]
    elif kind == "cable_machine":
        pulley = prop.y or 2.2
        if view == "front":
            faint.append(Box(prop.x - 0.16, 0, prop.x + 0.16, pulley + 0.15))
        else:
            faint.append(_box(prop, 0.02, 0, 0.32, max(pulley + 0.15, 1.9)))
            if pulley < 0.8:
                solid.append(_box(prop, -0.05, 0.02, 0.0, 0.45))
    elif kind == "wall":
        solid.append(_box(prop, -0.12, 0, 0, 1.4))
    return solid, faint


def _roller(prop: PropSpec, u: float, y: float) -> Circle:
    x, _ = _at(prop, u, y)
    return Circle(x, y, 0.05)


def in_depth(prop: PropSpec, view: View) -> bool:
    """Return whether the prop passes in front of or behind the body in this view.

    Seen from the front, a bar crosses the picture in front of the face and chest: the
    pictures overlap, the bodies do not, so only a grip on it is checked.
    """
    return view == "front" and prop.kind == "bar"


def solids(prop: PropSpec, view: View, floor: Floor) -> list[Shape]:
    """Return the solid shapes of a static prop (none for held or drawn-only props)."""
    # A cable machine stands still; only its handle follows the hands.
    if (prop.attach is not None and prop.kind != "cable_machine") or prop.kind == "water":
        return []
    return list(_parts(prop, view, floor)[0])


def attachment(prop: PropSpec, skeleton: Skeleton, clearance: float = 0.0) -> Point:
    """Return where a held prop is: along its segment, on its front or back surface."""
    assert prop.attach is not None
    bone = skeleton.bones[prop.attach]
    point = lerp(bone.start, bone.end, prop.along)
    if prop.surface is None:
        return point
    heading = angle_of(sub(bone.end, bone.start))
    normal = direction(heading + (90 if prop.surface == "front" else -90))
    return add(point, normal, bone.radius + clearance)


def marks(prop: PropSpec, view: View, floor: Floor) -> tuple[list[m.Mark], list[m.Mark]]:
    """Return the marks of a prop: (drawn behind the body, drawn over it)."""
    if prop.attach is not None:
        return _held_marks(prop, view)
    if prop.kind == "water":
        level = prop.y or 0.0
        under = [(-6.0, level), (6.0, level), (6.0, level - 1.2), (-6.0, level - 1.2)]
        waves = [(x / 10, level + 0.012 * math.sin(x * 1.7)) for x in range(-60, 61)]
        return (
            [m.Mark("path", m.fixed(under), fill=m.WATER_FILL, closed=True, in_bbox=False)],
            [m.Mark("path", m.fixed(under), fill=m.WATER_FILL, closed=True, opacity=WATER_VEIL,
                    in_bbox=False),
             m.Mark("path", m.fixed(waves), stroke=m.WATER_LINE, width=0.012, in_bbox=False)],
        )
    solid, faint = _parts(prop, view, floor)
    behind: list[m.Mark] = [m.box(b.x0, b.y0, b.x1, b.y1, opacity=0.6) for b in faint]
    over: list[m.Mark] = []
    fill, line = m.PROP_FILL, m.PROP_LINE
    if prop.kind == "mat":
        fill, line = m.MAT_FILL, m.MAT_LINE
        behind = [m.box(b.x0, b.y0, b.x1, b.y1, fill=fill, stroke=line) for b in faint]
    if prop.kind == "fitball":
        fill, line = m.BALL_FILL, m.BALL_LINE
    for shape in solid:
        if isinstance(shape, Circle):
            if prop.kind == "bar":
                top = (shape.cx, shape.cy + 0.4)
                behind.append(m.line([(shape.cx, shape.cy), top], stroke=m.PROP_LINE,
                                     width=0.025))
                behind.append(m.disc((shape.cx, shape.cy), shape.r, fill=m.PROP_DARK,
                                     stroke=m.PROP_DARK))
            else:
                behind.append(m.disc((shape.cx, shape.cy), shape.r, fill=fill, stroke=line))
        elif prop.kind == "bar":
            # In front of the body (see in_depth): over the hands that grip it and under
            # the chin that rises above it.
            over.append(m.box(shape.x0, shape.y0, shape.x1, shape.y1, fill=m.PROP_DARK,
                              stroke=m.PROP_DARK))
        else:
            behind.append(m.box(shape.x0, shape.y0, shape.x1, shape.y1, fill=fill,
                                stroke=line))
    if prop.kind == "cable_machine":
        pulley = _at(prop, 0.0, prop.y or 2.2) if view == "side" else (prop.x, prop.y or 2.2)
        behind.append(m.disc(pulley, 0.045, fill=m.PROP_LINE, stroke=m.PROP_DARK))
    return behind, over


def _held_marks(prop: PropSpec, view: View) -> tuple[list[m.Mark], list[m.Mark]]:
    if prop.kind == "stick":
        def rod(s: Skeleton) -> list[Point]:
            # Across the body the stick points at the viewer and would be a dot; drawn as
            # if it receded up and back (a slight oblique view), behind the body, its end
            # shows beside the shoulders and reads as a stick.
            c = attachment(prop, s, STICK_RADIUS)
            d = direction(STICK_RECEDES)
            return [add(c, d, -0.1), add(c, d, STICK_SHOWN)]

        return [m.Mark("path", rod, stroke=m.PROP_DARK, width=2 * STICK_RADIUS + 0.012),
                m.Mark("path", rod, stroke="#c9a66b", width=2 * STICK_RADIUS)], []
    if prop.kind == "barbell":
        def centre(s: Skeleton) -> list[Point]:
            return [attachment(prop, s, 0.025)]

        return [m.Mark("circle", centre, stroke=m.PROP_DARK, width=0.01, fill="#d5dbe1",
                       radius=PLATE_RADIUS)], [
            m.Mark("circle", centre, stroke=m.PROP_DARK, width=0.01, fill=m.PROP_DARK,
                   radius=0.022)]
    if prop.kind == "partner":
        return _partner_marks(prop), []
    if prop.kind == "cable_machine":
        return _cable_marks(prop, view)
    raise ValueError(f"a {prop.kind} cannot be attached to the body")


def _cable_marks(prop: PropSpec, view: View) -> tuple[list[m.Mark], list[m.Mark]]:
    static = PropSpec(kind="cable_machine", x=prop.x, y=prop.y, facing=prop.facing)
    behind, _ = marks(static, view, "below")
    pulley = (prop.x, prop.y or 2.2)

    def handle(s: Skeleton) -> list[Point]:
        if view == "front":
            a, b = s.bones["hand_left"], s.bones["hand_right"]
            left, right = lerp(a.start, a.end, 0.4), lerp(b.start, b.end, 0.4)
            return [lerp(left, right, -0.2), lerp(left, right, 1.2)]
        grip = attachment(prop, s)
        return [add(grip, (0.0, 0.05)), add(grip, (0.0, -0.05))]

    def cable(s: Skeleton) -> list[Point]:
        a, b = handle(s)
        return [pulley, lerp(a, b, 0.5)]

    bar = m.Mark("path", handle, stroke=m.PROP_DARK, width=0.025)
    behind.append(m.Mark("path", cable, stroke=m.PROP_DARK, width=0.008))
    return (behind, [bar]) if view == "side" else ([*behind, bar], [])


# A helper kneeling at the person's feet, leaning in to hold the ankles down; the arm is
# solved so the hands reach the attachment point.
_PARTNER_ANGLES = {"pelvis": 30.0, "lumbar": 10.0, "thoracic": 15.0, "neck": -15.0,
                   "hip_left": 30.0, "hip_right": 30.0, "knee_left": 120.0,
                   "knee_right": 120.0, "ankle_left": -40.0, "ankle_right": -40.0}


def _partner_marks(prop: PropSpec) -> list[m.Mark]:
    body = Body()

    def bones(s: Skeleton) -> Skeleton:
        target = attachment(prop, s)
        helper = body.pose(_PARTNER_ANGLES, view="side")
        knee = helper.points["knee_left"]
        # Kneel 0.75 m beyond the target, facing it (mirrored), knees on the floor.
        dx = target[0] + _sign(prop) * 0.75 - knee[0]
        return helper.translated(dx, body.radius("thigh", "side") - knee[1])

    out = []
    for name in ("shank_left", "thigh_left", "pelvis", "lumbar", "thoracic", "neck"):
        out.append(_partner_bone(prop, bones, name))
    out.append(m.Mark("circle", lambda s: [_mirror(prop, s, bones(s).points["head"])],
                      fill=m.PARTNER, radius=body.radius("head", "side")))
    out += _partner_arm(prop, bones, body)
    return out


def _mirror(prop: PropSpec, s: Skeleton, p: Point) -> Point:
    # The helper is posed facing +x; mirror it about the knee line to face the person.
    target = attachment(prop, s)
    pivot = target[0] + _sign(prop) * 0.75
    return (2 * pivot - p[0], p[1]) if prop.facing != "left" else p


def _partner_bone(prop: PropSpec, bones: Callable[[Skeleton], Skeleton], name: str) -> m.Mark:
    def pts(s: Skeleton) -> list[Point]:
        b = bones(s).bones[name]
        return [_mirror(prop, s, b.start), _mirror(prop, s, b.end)]

    return m.Mark("path", pts, stroke=m.PARTNER, width=2 * Body().radius(name, "side"))


def _partner_arm(prop: PropSpec, bones: Callable[[Skeleton], Skeleton],
                 body: Body) -> list[m.Mark]:
    upper, fore = body.length("upper_arm"), body.length("forearm")

    def arm(s: Skeleton) -> list[Point]:
        shoulder = _mirror(prop, s, bones(s).points["shoulder_left"])
        target = attachment(prop, s)
        reach = min(distance(shoulder, target), upper + fore - 1e-6)
        # Two-link inverse kinematics: the elbow bends outward, away from the floor.
        cos_a = (upper**2 + reach**2 - fore**2) / (2 * upper * reach)
        a = math.degrees(math.acos(max(-1.0, min(1.0, cos_a))))
        heading = angle_of(sub(target, shoulder))
        elbow = add(shoulder, direction(heading + _sign(prop) * a), upper)
        wrist = add(elbow, direction(angle_of(sub(target, elbow))), fore)
        return [shoulder, elbow, wrist]

    return [m.Mark("path", arm, stroke=m.PARTNER, width=2 * body.radius("forearm", "side"))]
