"""Joint angles from one frame's landmarks, in degrees, named as the motion rules use them.

    from backcoach.camera.angles import ANGLES, measure

    measure(frame)   # {"hip": 172.4, "hip_left": 172.0, ..., "trunk_lean": 8.1, ...}

Everything is measured in the picture, so it assumes a level camera (y straight down is
the direction of gravity) seen from the side, or from the front for a side plank. A
landmark whose visibility is below :data:`VISIBLE` is ignored, and an angle that needs it
is left out of the answer (a frame with no person gives ``{}``): the counter treats a
missing angle like a missing frame.

Limb angles exist per side (``knee_left``, ``knee_right``) and as the mean (``knee``),
the larger (``knee_max``) and the smaller (``knee_min``) of the sides that are seen: a
lunge bends one knee further than the other, a bird dog lifts one leg at a time. Trunk
angles use the midpoints of the two sides' landmarks, so the near side alone suffices.

A camera cannot see the lumbar spine itself among MediaPipe's 33 points. When the back
rounds, the chest and the head curl down below the line from the hips through the
shoulders; ``head_line`` measures that, and also a head that hangs or is tipped back.
"""

from __future__ import annotations

import math

from backcoach.camera.landmarks import Frame

VISIBLE = 0.5  # MediaPipe's visibility below which a landmark is not trusted
SIDES = ("left", "right")

# Per side: (first point, vertex, last point) for an interior angle (180 = straight), or
# (from, to) for an elevation above the horizontal (-90 pointing down, +90 up).
_INTERIOR = {
    "hip": ("shoulder", "hip", "knee"),
    "knee": ("hip", "knee", "ankle"),
    "elbow": ("shoulder", "elbow", "wrist"),
    "shoulder": ("hip", "shoulder", "elbow"),
}
_ELEVATION = {
    "thigh_rise": ("hip", "knee"),
    "arm_rise": ("shoulder", "wrist"),
}
LIMB_ANGLES: dict[str, str] = {
    "hip": "the angle at the hip between the trunk and the thigh (180: in one line)",
    "knee": "the angle at the knee between thigh and shin (180: straight leg)",
    "elbow": "the angle at the elbow between upper arm and forearm (180: straight arm)",
    "shoulder": "the angle at the shoulder between the trunk and the upper arm (0: arm "
                "along the body, 180: arm past the head)",
    "thigh_rise": "how far the thigh points above the horizontal (-90: straight down, "
                  "0: level, 90: straight up)",
    "arm_rise": "how far the arm (shoulder to wrist) points above the horizontal",
}
TRUNK_ANGLES: dict[str, str] = {
    "trunk_lean": "the trunk's (hips to shoulders) angle from upright (0: standing tall, "
                  "90: level, lying down)",
    "body_line": "the angle at the hips between shoulders and ankles (180: one line)",
    "hip_sag": "how far the hips sit below (+) or above (-) the line from the shoulders to "
               "the ankles, in degrees at the hips",
    "hip_sag_knee": "how far the hips sit below (+) or above (-) the line from the "
                    "shoulders to the knees, in degrees at the hips",
    "head_line": "how far the head (the ears) sits below (+) or above (-) the line from "
                 "the hips through the shoulders: the head hanging or the back rounding "
                 "(+), the head tipped back (-); read it on a trunk that leans forward or "
                 "lies down",
}
ANGLES: dict[str, str] = {
    **{f"{name}{suffix}": text + qualifier
       for name, text in LIMB_ANGLES.items()
       for suffix, qualifier in (("", ", the mean of the sides seen"),
                                 ("_left", ", left side"), ("_right", ", right side"),
                                 ("_max", ", the larger of the sides seen"),
                                 ("_min", ", the smaller of the sides seen"))},
    **TRUNK_ANGLES,
}

Point = tuple[float, float]


def _seen(frame: Frame, name: str, aspect: float) -> Point | None:
    p = frame.point(name)
    if p is None or p[3] < VISIBLE:
        return None
    return (p[0] * aspect, p[1])


def _middle(frame: Frame, part: str, aspect: float) -> Point | None:
    seen = [p for p in (_seen(frame, f"{side}_{part}", aspect) for side in SIDES)
            if p is not None]
    if not seen:
        return None
    return (sum(p[0] for p in seen) / len(seen), sum(p[1] for p in seen) / len(seen))


def interior(a: Point, b: Point, c: Point) -> float | None:
    """Return the angle at ``b`` between ``a`` and ``c`` (0-180), None if points coincide."""
    u = (a[0] - b[0], a[1] - b[1])
    v = (c[0] - b[0], c[1] - b[1])
    nu, nv = math.hypot(*u), math.hypot(*v)
    if nu < 1e-9 or nv < 1e-9:
        return None
    cos = (u[0] * v[0] + u[1] * v[1]) / (nu * nv)
    return math.degrees(math.acos(max(-1.0, min(1.0, cos))))


def elevation(a: Point, b: Point) -> float:
    """Return how far ``a`` -> ``b`` points above the horizontal, -90 to 90 (y is down)."""
    return math.degrees(math.atan2(a[1] - b[1], abs(b[0] - a[0])))


def _below(a: Point, b: Point, p: Point) -> float:
    """Return +1 when ``p`` lies below the line through a and b (toward the floor), else -1."""
    dx, dy = b[0] - a[0], b[1] - a[1]
    normal = (-dy, dx) if dx >= 0 else (dy, -dx)  # the normal that points down (y > 0)
    side = (p[0] - a[0]) * normal[0] + (p[1] - a[1]) * normal[1]
    return 1.0 if side > 0 else -1.0


def _limbs(frame: Frame, aspect: float, out: dict[str, float]) -> None:
    for name, (first, vertex, last) in _INTERIOR.items():
        for side in SIDES:
            a, b, c = (_seen(frame, f"{side}_{p}", aspect) for p in (first, vertex, last))
            if a is not None and b is not None and c is not None:
                value = interior(a, b, c)
                if value is not None:
                    out[f"{name}_{side}"] = value
    for name, (start, end) in _ELEVATION.items():
        for side in SIDES:
            a, b = _seen(frame, f"{side}_{start}", aspect), _seen(frame, f"{side}_{end}", aspect)
            if a is not None and b is not None and a != b:
                out[f"{name}_{side}"] = elevation(a, b)
    for name in (*_INTERIOR, *_ELEVATION):
        values = [out[f"{name}_{side}"] for side in SIDES if f"{name}_{side}" in out]
        if values:
            out[name] = sum(values) / len(values)
            out[f"{name}_max"] = max(values)
            out[f"{name}_min"] = min(values)


def _trunk(frame: Frame, aspect: float, out: dict[str, float]) -> None:
    shoulder, hip = _middle(frame, "shoulder", aspect), _middle(frame, "hip", aspect)
    if shoulder is None or hip is None or shoulder == hip:
        return
    out["trunk_lean"] = 90.0 - elevation(hip, shoulder)
    for name, part in (("hip_sag", "ankle"), ("hip_sag_knee", "knee")):
        end = _middle(frame, part, aspect)
        if end is None:
            continue
        line = interior(shoulder, hip, end)
        if line is not None:
            if name == "hip_sag":
                out["body_line"] = line
            out[name] = _below(shoulder, end, hip) * (180.0 - line)
    ear = _middle(frame, "ear", aspect)
    if ear is not None and ear != shoulder:
        beyond = (2 * shoulder[0] - hip[0], 2 * shoulder[1] - hip[1])
        bend = interior(beyond, shoulder, ear)
        if bend is not None:
            out["head_line"] = _below(hip, shoulder, ear) * bend


def measure(frame: Frame, *, aspect: float = 1.0) -> dict[str, float]:
    """Return every angle the frame's visible landmarks give (none without a person).

    ``aspect`` is the picture's width over its height: MediaPipe's x is a fraction of the
    width and y of the height, so x is stretched by it before angles are measured.
    """
    out: dict[str, float] = {}
    if frame.landmarks is None:
        return out
    _limbs(frame, aspect, out)
    _trunk(frame, aspect, out)
    return out
