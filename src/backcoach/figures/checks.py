"""Plausibility checks for figures: would a real body hold this pose?

    from backcoach.figures.checks import check_figure

    for issue in check_figure(figure):
        print(issue)

Each keyframe is checked for: segments at their anthropometric lengths; nothing below
the floor or inside a prop (beyond soft-tissue give); every declared contact touching
its surface; every joint angle within the published range of motion; and the centre of
mass over the base of support. Every in-between frame of the animation is checked for
segment lengths and the floor too, and the poses must differ visibly: some joint moves at
least 4 % of body height between two of them. Tolerances are in metres and named below.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from backcoach.figures.body import MOVED_BY, Body, Bone, Skeleton, View
from backcoach.figures.geometry import HalfPlane, Shape, lerp, segment_distance
from backcoach.figures.poses import PARTS, Contact, Figure, Pose
from backcoach.figures.props import in_depth, solids
from backcoach.figures.scene import BODY, keyframe, timeline

PENETRATION = 0.02  # soft tissue gives about 2 cm against a floor or a pad
CONTACT = 0.03  # a declared contact lies within 3 cm of its surface
COM_MARGIN = 0.03  # the centre of mass may overhang the base of support by 3 cm
LENGTH = 1e-6  # segment lengths are exact (metres)
IN_BETWEEN_FLOOR = 0.04  # in-between frames may graze the floor a little deeper
VISIBLE = 0.04  # the poses differ visibly: some joint moves 4 % of body height

# Range of motion, degrees: (most negative, most positive) for each joint's angle as
# defined in body.py. Sources: American Academy of Orthopaedic Surgeons, Joint Motion:
# Method of Measuring and Recording (1965), as tabulated in Norkin CC, White DJ,
# Measurement of Joint Motion: A Guide to Goniometry (F.A. Davis), Appendix A:
# cervical flexion 45, extension 45, lateral flexion 45; thoracolumbar flexion 80,
# extension 25, lateral flexion 35; shoulder flexion 180, extension 60, abduction 180;
# elbow flexion 150; wrist flexion 80, extension 70; hip flexion 120, extension 30,
# abduction 45, adduction 30; knee flexion 135; ankle dorsiflexion 20, plantarflexion 50.
# Five limits are widened where the body's weight moves a joint passively beyond its
# active range, and say so: the knee to 150 (kneeling back on the heels), the hip to 130
# flexion (folding forward over bent knees, as in child's pose), the wrist to
# 90 either way (a flat hand bearing weight, all fours), the ankle to 35 dorsiflexion
# (squatting with the heels down) and 75 plantarflexion (kneeling on the tops of the
# feet). In the front view the shoulder may also adduct 30 across the body (the arm kept
# beside a side-bent trunk). These are backcoach's allowances, not published norms.
ROM: dict[View, dict[str, tuple[float, float]]] = {
    "side": {
        "neck": (-45, 45), "lumbar": (-25, 80), "thoracic": (-25, 80),
        "shoulder": (-60, 180), "elbow": (0, 150), "wrist": (-90, 90),
        "hip": (-30, 130), "knee": (0, 150), "ankle": (-75, 35),
    },
    "front": {
        "neck": (-45, 45), "lumbar": (-35, 35), "thoracic": (-35, 35),
        "shoulder": (-30, 180), "hip": (-30, 45),
    },
}
SPINE = {"side": (-25, 80), "front": (-35, 35)}  # lumbar + thoracic together (AAOS)
FORESHORTENED = 0.95  # a segment shorter than this in the picture is not angle-checked


@dataclass(frozen=True)
class Issue:
    """One implausible thing about one pose of one figure."""

    exercise: str
    pose: str
    check: str
    message: str

    def __str__(self) -> str:
        return f"{self.exercise}/{self.pose}: {self.check}: {self.message}"


def _part_capsules(skeleton: Skeleton, part: str) -> list[tuple[Bone, float, float]]:
    """Return (bone, from, to) pieces of a body part: the whole capsule or one end."""
    out = []
    for bone_name, where in PARTS[part]:
        bone = skeleton.bones[bone_name]
        span = {"bone": (0.0, 1.0), "start": (0.0, 0.0), "end": (1.0, 1.0)}[where]
        out.append((bone, *span))
    return out


def _gap(shape: Shape, bone: Bone, t0: float = 0.0, t1: float = 1.0) -> tuple[float, float]:
    """Return (surface gap, where along the bone) from a capsule piece to ``shape``."""
    a, b = lerp(bone.start, bone.end, t0), lerp(bone.start, bone.end, t1)
    d, t = segment_distance(shape, a, b)
    return d - bone.radius, t0 + (t1 - t0) * t


def _surfaces(figure: Figure, skeleton: Skeleton) -> dict[str, list[Shape]]:
    out: dict[str, list[Shape]] = {}
    if figure.floor == "below":
        out["floor"] = [HalfPlane(0.0)]
    for prop in figure.props:
        out[prop.name] = solids(prop, figure.view, figure.floor)
    return out


def check_pose(figure: Figure, pose: Pose, body: Body = BODY) -> list[Issue]:
    """Return every implausible thing about one keyframe."""
    skeleton = keyframe(figure, pose.id, body)
    issues: list[Issue] = []

    def issue(check: str, message: str) -> None:
        issues.append(Issue(figure.exercise, pose.id, check, message))

    for message in _length_errors(skeleton):
        issue("length", message)
    surfaces = _surfaces(figure, skeleton)
    gripped = {(c.touches, bone.name) for c in pose.contacts if c.how == "grips"
               for bone, _, _ in _part_capsules(skeleton, c.part)}
    apart = {prop.name for prop in figure.props if in_depth(prop, figure.view)}
    for name, shapes in surfaces.items():
        if name in apart:
            continue
        for shape in shapes:
            for bone in skeleton.bones.values():
                # A segment pointing at the viewer passes in front of or behind a prop
                # in depth: its picture overlapping the prop's says nothing.
                if (name, bone.name) in gripped or bone.foreshorten < FORESHORTENED:
                    continue
                gap, _ = _gap(shape, bone)
                if gap < -PENETRATION:
                    where = "below the floor" if name == "floor" else f"inside the {name}"
                    issue("collision", f"{bone.name} is {-gap * 100:.1f} cm {where}")
    if figure.floor != "behind":
        for contact in pose.contacts:
            missed = _contact_error(contact, skeleton, surfaces[contact.touches])
            if missed:
                issue("contact", missed)
    for message in _rom_errors(pose, figure.view):
        issue("range of motion", message)
    falls = _balance_error(figure, pose, skeleton, surfaces)
    if falls:
        issue("balance", falls)
    return issues


def _length_errors(skeleton: Skeleton) -> Iterator[str]:
    for bone in skeleton.bones.values():
        if bone.kind == "head":
            continue
        drawn = abs(complex(*bone.end) - complex(*bone.start))
        if bone.kind == "foot":
            drawn += 2 * min(bone.radius, bone.length * bone.foreshorten / 2)
        if abs(drawn - bone.length * bone.foreshorten) > LENGTH:
            yield (f"{bone.name} is {drawn:.3f} m long in the picture, expected "
                   f"{bone.length * bone.foreshorten:.3f} m")


def _contact_error(contact: Contact, skeleton: Skeleton, shapes: list[Shape]) -> str | None:
    if not shapes:
        return None  # a drawn-only surface (water): nothing solid to touch
    for bone, t0, t1 in _part_capsules(skeleton, contact.part):
        gap = min(_gap(shape, bone, t0, t1)[0] for shape in shapes)
        if contact.how == "grips":
            if gap > CONTACT:
                return (f"{bone.name} should grip the {contact.touches} but is "
                        f"{gap * 100:.1f} cm away")
            continue
        if gap > CONTACT or gap < -PENETRATION:
            state = "away from" if gap > 0 else "into"
            return (f"{contact.part} should touch the {contact.touches}: {bone.name} is "
                    f"{abs(gap) * 100:.1f} cm {state} it")
    return None


def _rom_errors(pose: Pose, view: View) -> Iterator[str]:
    angles = pose.angles()
    limits = ROM[view]
    for joint, value in angles.items():
        base = joint.removesuffix("_left").removesuffix("_right")
        if base not in limits:
            continue
        side = joint[len(base):]
        moved = [seg for seg, j in MOVED_BY.items() if j == base]
        if any(pose.foreshorten.get(seg + side, 1.0) < FORESHORTENED for seg in moved):
            continue
        low, high = limits[base]
        if not low <= value <= high:
            yield f"{joint} at {value:g} degrees is outside {low:g} to {high:g}"
    spine = angles["lumbar"] + angles["thoracic"]
    low, high = SPINE[view]
    if not low <= spine <= high:
        yield f"lumbar + thoracic at {spine:g} degrees is outside {low:g} to {high:g}"


def _balance_error(figure: Figure, pose: Pose, skeleton: Skeleton,
                   surfaces: dict[str, list[Shape]]) -> str | None:
    if figure.floor != "below" or not pose.contacts:
        return None  # lying seen from above, or floating: the floor carries it all
    com = skeleton.centre_of_mass()
    hows = {c.how for c in pose.contacts}
    if hows == {"grips"}:
        # Hanging: the centre of mass settles under the hands.
        grip = [x for c in pose.contacts for x in _touch_xs(skeleton, c, surfaces[c.touches])]
        if grip and abs(com[0] - sum(grip) / len(grip)) > 2 * COM_MARGIN:
            return f"hanging, the centre of mass is {com[0] - sum(grip) / len(grip):+.2f} m " \
                   "from under the grip"
        return None
    if hows - {"rests"}:
        return None  # held by a hook, a grip or a wall as well: it can hold any moment
    xs = [x for c in pose.contacts for x in _touch_xs(skeleton, c, surfaces[c.touches])]
    if not xs:
        return None
    low, high = min(xs), max(xs)
    if not low - COM_MARGIN <= com[0] <= high + COM_MARGIN:
        return (f"the centre of mass (x {com[0]:.2f} m) is outside the base of support "
                f"({low:.2f} to {high:.2f} m)")
    return None


def _touch_xs(skeleton: Skeleton, contact: Contact, shapes: list[Shape]) -> list[float]:
    """Return the x of the points of a contact part that touch its surface."""
    out = []
    for bone, t0, t1 in _part_capsules(skeleton, contact.part):
        for i in range(11):
            t = t0 + (t1 - t0) * i / 10
            p = lerp(bone.start, bone.end, t)
            if any(shape.signed_distance(p) - bone.radius <= CONTACT for shape in shapes):
                out.append(p[0])
    return out


def largest_motion(figure: Figure, body: Body = BODY) -> tuple[float, str, str, str]:
    """Return (metres, joint, pose, pose): the largest move of one joint between two poses."""
    frames = {p.id: keyframe(figure, p.id, body) for p in figure.poses}
    best = (0.0, "", "start", "start")
    for a, fa in frames.items():
        for b, fb in frames.items():
            for joint, p in fa.points.items():
                q = fb.points[joint]
                moved = ((p[0] - q[0]) ** 2 + (p[1] - q[1]) ** 2) ** 0.5
                if moved > best[0]:
                    best = (moved, joint, a, b)
    return best


def _motion_error(figure: Figure, body: Body) -> str | None:
    moved, joint, a, b = largest_motion(figure, body)
    least = VISIBLE * body.height / (2 if figure.small_motion else 1)
    if moved >= least:
        return None
    return (f"the poses look alike: the largest move is {joint} by {moved * 100:.1f} cm "
            f"({a} to {b}), under {least * 100:.1f} cm ({least / body.height:.0%} of height)")


def check_figure(figure: Figure, body: Body = BODY) -> list[Issue]:
    """Return every implausible thing about every keyframe and in-between of ``figure``."""
    issues = [i for pose in figure.poses for i in check_pose(figure, pose, body)]
    motion = _motion_error(figure, body)
    if motion:
        issues.append(Issue(figure.exercise, "all", "visible motion", motion))
    loop = timeline(figure, body)
    for frame, key, t in zip(loop.frames, loop.keys, loop.times, strict=True):
        if key:
            continue
        for message in _length_errors(frame):
            issues.append(Issue(figure.exercise, f"t={t:.2f}s", "length", message))
        if figure.floor == "below":
            for bone in frame.bones.values():
                gap, _ = _gap(HalfPlane(0.0), bone)
                if gap < -IN_BETWEEN_FLOOR:
                    issues.append(Issue(figure.exercise, f"t={t:.2f}s", "collision",
                                        f"{bone.name} is {-gap * 100:.1f} cm below the floor"))
    return issues
