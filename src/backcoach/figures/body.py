"""The human figure: segment proportions, forward kinematics and the centre of mass.

    from backcoach.figures.body import Body, JOINTS

    bones = Body().pose({"hip_left": 90, "knee_left": 90}, view="side")
    bones.points["knee_left"], bones.centre_of_mass()

The figure is a chain of rigid segments drawn as capsules (a line with a radius): pelvis,
lumbar and thoracic trunk, neck and head; upper arm, forearm and hand; thigh, shank and
foot on each side. A pose is a set of joint angles in degrees; the pelvis angle is
absolute (the root of the chain), every other angle is relative to its parent segment.

Conventions, in the side view (the figure faces +x when standing, its left side toward
the viewer): ``pelvis`` is the pelvis segment's direction from straight up (90 lies the
figure prone with the head to the right, -90 supine with the head to the left);
``lumbar``, ``thoracic`` and ``neck`` are flexion (+) or extension (-); ``shoulder`` and
``hip`` flexion (+) or extension (-); ``elbow`` and ``knee`` flexion; ``wrist`` bends the
hand the same way as elbow flexion; ``ankle`` dorsiflexion (+) or plantarflexion (-).
In the front view the same names mean movement in the frontal plane: lateral flexion of
the trunk and neck toward +x, and abduction (+) or adduction (-) of shoulders and hips;
the figure's left side is drawn at +x, as seen by someone facing it.

A segment that points toward or away from the viewer is drawn shorter: ``foreshorten``
gives the cosine of its angle out of the picture plane (1 = in the plane).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal

from backcoach.figures.geometry import Point, add, direction, distance, lerp

View = Literal["side", "front"]
Side = Literal["left", "right"]
SIDES: tuple[Side, Side] = ("left", "right")

TRUNK_JOINTS = ("pelvis", "lumbar", "thoracic", "neck")
LIMB_JOINTS = ("shoulder", "elbow", "wrist", "hip", "knee", "ankle")
JOINTS: tuple[str, ...] = TRUNK_JOINTS + tuple(
    f"{joint}_{side}" for side in SIDES for joint in LIMB_JOINTS
)
TRUNK_SEGMENTS = ("pelvis", "lumbar", "thoracic", "neck", "head")
LIMB_SEGMENTS = ("upper_arm", "forearm", "hand", "thigh", "shank", "foot")
SEGMENTS: tuple[str, ...] = TRUNK_SEGMENTS + tuple(
    f"{segment}_{side}" for side in SIDES for segment in LIMB_SEGMENTS
)
# The joint that moves each segment, for emphasis and range-of-motion checks.
MOVED_BY = {"pelvis": "pelvis", "lumbar": "lumbar", "thoracic": "thoracic", "neck": "neck",
            "head": "neck", "upper_arm": "shoulder", "forearm": "elbow", "hand": "wrist",
            "thigh": "hip", "shank": "knee", "foot": "ankle"}


@dataclass(frozen=True)
class SegmentSpec:
    """One segment's proportions: length, mass and centre of mass, and drawn radius.

    ``length`` and ``mass`` are fractions of body height and body mass. ``com`` is where
    the centre of mass lies, as a fraction of the way from the segment's start in this
    chain (pelvis: from the hip; trunk segments: from below; limbs: from the body).
    ``radius_side`` and ``radius_front`` are half the segment's depth and width as drawn,
    fractions of height chosen by backcoach for a slim, even figure (not from Winter):
    about two thirds of real body depths, so the figure reads cleanly at small sizes.
    """

    length: float
    mass: float
    com: float
    radius_side: float
    radius_front: float


# Lengths: Winter DA. Biomechanics and Motor Control of Human Movement, 4th ed. (Wiley,
# 2009), Fig. 4.1, segment lengths as fractions of height H (after Drillis & Contini):
# upper arm 0.186H, forearm 0.146H, hand 0.108H, thigh 0.245H, leg 0.246H, foot 0.152H
# long with the ankle 0.039H above the sole; greater trochanter (hip) at 0.530H and
# shoulder at 0.818H, so the trunk is 0.288H; chin at 0.870H, so the neck is 0.052H and
# the head (chin to vertex) 0.130H; shoulder width 0.259H, hip width 0.191H.
# Winter gives no lengths for the parts of the trunk. backcoach splits the 0.288H at the
# boundaries of Winter's Table 4.1 trunk segments, placed at typical vertebral heights:
# pelvis (hip to L4-L5) 0.065H, lumbar (L4-L5 to T12-L1) 0.080H, thoracic (T12-L1 to the
# shoulder line) 0.143H.
# Masses and centres of mass: Winter, Table 4.1 (after Dempster): hand 0.006 at 0.506
# from the wrist; forearm 0.016 at 0.430 from the elbow; upper arm 0.028 at 0.436 from
# the shoulder; foot 0.0145 at 0.50; leg 0.0465 at 0.433 from the knee; thigh 0.100 at
# 0.433 from the hip; head and neck 0.081 at the head; thorax 0.216 at 0.82 from C7-T1
# toward T12-L1; abdomen 0.139 at 0.44 from T12-L1 toward L4-L5; pelvis 0.142 at 0.105
# from L4-L5 toward the trochanter. The fractions add up to 1.000.
SPECS: dict[str, SegmentSpec] = {
    "pelvis": SegmentSpec(0.065, 0.142, 1 - 0.105, 0.048, 0.055),
    "lumbar": SegmentSpec(0.080, 0.139, 1 - 0.44, 0.042, 0.060),
    "thoracic": SegmentSpec(0.143, 0.216, 1 - 0.82, 0.050, 0.075),
    "neck": SegmentSpec(0.052, 0.0, 0.5, 0.022, 0.024),
    "head": SegmentSpec(0.130, 0.081, 0.5, 0.053, 0.048),
    "upper_arm": SegmentSpec(0.186, 0.028, 0.436, 0.021, 0.021),
    "forearm": SegmentSpec(0.146, 0.016, 0.430, 0.017, 0.017),
    "hand": SegmentSpec(0.108, 0.006, 0.506, 0.013, 0.013),
    "thigh": SegmentSpec(0.245, 0.100, 0.433, 0.032, 0.034),
    "shank": SegmentSpec(0.246, 0.0465, 0.433, 0.024, 0.024),
    "foot": SegmentSpec(0.152, 0.0145, 0.50, 0.015, 0.017),
}
ANKLE_HEIGHT = 0.039  # Winter Fig. 4.1: ankle above the sole, fraction of height
HEEL_BEHIND_ANKLE = 0.25  # fraction of foot length behind the ankle (backcoach's drawing)
SHOULDER_WIDTH = 0.259  # Winter Fig. 4.1
HIP_WIDTH = 0.191  # Winter Fig. 4.1


def spec(segment: str) -> SegmentSpec:
    """Return the proportions of a segment by its name, with or without a side."""
    return SPECS[segment.removesuffix("_left").removesuffix("_right")]


@dataclass(frozen=True)
class Bone:
    """One posed segment: a capsule from ``start`` to ``end`` with ``radius``."""

    name: str
    start: Point
    end: Point
    radius: float
    length: float  # the true length in metres; drawn as length * foreshorten
    foreshorten: float
    mass: float  # fraction of body mass
    com: Point

    @property
    def kind(self) -> str:
        return self.name.removesuffix("_left").removesuffix("_right")

    @property
    def side(self) -> Side | None:
        for side in SIDES:
            if self.name.endswith(f"_{side}"):
                return side
        return None


@dataclass(frozen=True)
class Skeleton:
    """A posed figure: its bones, named points, and which way the face looks."""

    bones: dict[str, Bone]
    points: dict[str, Point]
    face: Point
    view: View

    def translated(self, dx: float, dy: float) -> Skeleton:
        """Return the same pose moved by (dx, dy)."""
        def move(p: Point) -> Point:
            return (p[0] + dx, p[1] + dy)

        bones = {
            name: Bone(b.name, move(b.start), move(b.end), b.radius, b.length,
                       b.foreshorten, b.mass, move(b.com))
            for name, b in self.bones.items()
        }
        points = {name: move(p) for name, p in self.points.items()}
        return Skeleton(bones, points, self.face, self.view)

    def centre_of_mass(self) -> Point:
        """Return the whole-body centre of mass (Winter's segment mass fractions)."""
        total = sum(b.mass for b in self.bones.values())
        x = sum(b.mass * b.com[0] for b in self.bones.values()) / total
        y = sum(b.mass * b.com[1] for b in self.bones.values()) / total
        return (x, y)


@dataclass(frozen=True)
class Body:
    """A person of ``height`` metres, in Winter's proportions."""

    height: float = 1.75

    def length(self, segment: str) -> float:
        """Return a segment's length in metres (the head: its radius is separate)."""
        return spec(segment).length * self.height

    def radius(self, segment: str, view: View) -> float:
        s = spec(segment)
        return (s.radius_side if view == "side" else s.radius_front) * self.height

    def pose(
        self,
        angles: Mapping[str, float],
        *,
        view: View = "side",
        foreshorten: Mapping[str, float] | None = None,
    ) -> Skeleton:
        """Return the skeleton for ``angles`` (degrees; missing ones are 0), hip at (0, 0)."""
        fs = foreshorten or {}
        h = self.height
        bones: dict[str, Bone] = {}
        points: dict[str, Point] = {"hip": (0.0, 0.0)}

        def angle(name: str) -> float:
            return float(angles.get(name, 0.0))

        def bone(name: str, start: Point, theta: float) -> Point:
            seg = spec(name)
            length = seg.length * h
            f = fs.get(name, 1.0)
            end = add(start, direction(theta), length * f)
            radius = (seg.radius_side if view == "side" else seg.radius_front) * h
            bones[name] = Bone(name, start, end, radius, length, f, seg.mass,
                               lerp(start, end, seg.com))
            return end

        # Trunk, from the hip joint up.
        th_pelvis = angle("pelvis")
        points["lumbosacral"] = bone("pelvis", (0.0, 0.0), th_pelvis)
        th_lumbar = th_pelvis + angle("lumbar")
        points["thoracolumbar"] = bone("lumbar", points["lumbosacral"], th_lumbar)
        th_thoracic = th_lumbar + angle("thoracic")
        points["neck_base"] = bone("thoracic", points["thoracolumbar"], th_thoracic)
        th_neck = th_thoracic + angle("neck")
        points["chin"] = bone("neck", points["neck_base"], th_neck)
        head_r = (SPECS["head"].radius_side if view == "side" else SPECS["head"].radius_front)
        head_r *= h
        centre = add(points["chin"], direction(th_neck), head_r * fs.get("neck", 1.0))
        points["head"] = centre
        bones["head"] = Bone("head", centre, centre, head_r, 0.0, 1.0, SPECS["head"].mass,
                             centre)
        face = direction(th_neck + 90)

        for side in SIDES:
            # In the front view the right side is the mirror image of the left.
            s = 1.0 if (view == "side" or side == "left") else -1.0
            shoulder, hip = points["neck_base"], (0.0, 0.0)
            if view == "front":
                half_s = (SHOULDER_WIDTH / 2 - SPECS["upper_arm"].radius_front) * h
                half_h = (HIP_WIDTH / 2 - SPECS["thigh"].radius_front) * h
                shoulder = add(shoulder, direction(th_thoracic + 90), s * half_s)
                hip = add(hip, direction(th_pelvis + 90), s * half_h)
            points[f"shoulder_{side}"] = shoulder
            points[f"hip_{side}"] = hip

            th_upper = th_thoracic + 180 - s * angle(f"shoulder_{side}")
            elbow = bone(f"upper_arm_{side}", shoulder, th_upper)
            th_fore = th_upper - s * angle(f"elbow_{side}")
            wrist = bone(f"forearm_{side}", elbow, th_fore)
            th_hand = th_fore - s * angle(f"wrist_{side}")
            fingers = bone(f"hand_{side}", wrist, th_hand)
            points.update({f"elbow_{side}": elbow, f"wrist_{side}": wrist,
                           f"fingers_{side}": fingers})

            th_thigh = th_pelvis + 180 - s * angle(f"hip_{side}")
            knee = bone(f"thigh_{side}", hip, th_thigh)
            th_shank = th_thigh + s * angle(f"knee_{side}")
            ankle = bone(f"shank_{side}", knee, th_shank)
            th_foot = th_shank - s * (90 + angle(f"ankle_{side}"))
            points.update({f"knee_{side}": knee, f"ankle_{side}": ankle})
            self._foot(bones, points, side, ankle, th_foot, s, view, fs)

        return Skeleton(bones, points, face, view)

    def _foot(self, bones: dict[str, Bone], points: dict[str, Point], side: Side,
              ankle: Point, theta: float, s: float, view: View,
              fs: Mapping[str, float]) -> None:
        # The foot is a capsule along the sole, the ankle sitting above it.
        name = f"foot_{side}"
        seg = SPECS["foot"]
        h = self.height
        f = fs.get(name, 1.0)
        radius = (seg.radius_side if view == "side" else seg.radius_front) * h
        along = direction(theta)
        down = direction(theta + s * 90)
        drop = ANKLE_HEIGHT * h - radius
        length = seg.length * h
        heel_tip = add(add(ankle, along, -HEEL_BEHIND_ANKLE * length * f), down, drop)
        toe_tip = add(add(ankle, along, (1 - HEEL_BEHIND_ANKLE) * length * f), down, drop)
        # The capsule's round ends reach the heel and the toe tips.
        inset = min(radius, distance(heel_tip, toe_tip) / 2)
        start = add(heel_tip, along, inset)
        end = add(toe_tip, along, -inset)
        bones[name] = Bone(name, start, end, radius, length, f, seg.mass, lerp(start, end, 0.5))
        points[f"heel_{side}"] = start
        points[f"toe_{side}"] = end
