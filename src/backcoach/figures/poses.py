"""The schema of a figure file: props, poses (joint angles, placement, contacts), sequence.

One file per exercise, ``catalog/data/figures/<exercise_id>.yaml``::

    exercise: cat_cow
    view: side
    props: [{kind: mat, x: 0.2}]
    poses:
      - id: start
        at: {point: knee_left, x: 0}          # y left out: rest on the floor or mat
        trunk: {pelvis: 90}
        limbs: {shoulder: 90, wrist: 80, hip: 90, knee: 90, ankle: -45}
        contacts: [{part: hands, touches: mat}, {part: knees, touches: mat}]
      - id: end
        ...
    sequence:                                  # the loop, at the exercise's tempo
      - {pose: start, hold_seconds: 1}
      - {pose: end, move_seconds: 3, hold_seconds: 2}
      - {pose: start, move_seconds: 3}

Angles follow the conventions in :mod:`backcoach.figures.body`. Every model forbids
unknown fields; :func:`backcoach.figures.loader.load_figures` reads and cross-checks the
files and raises one :class:`~backcoach.figures.loader.FigureError`.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import AfterValidator, Field, model_validator

from backcoach._strict import StrictModel, one_of
from backcoach.figures.body import JOINTS, LIMB_JOINTS, SEGMENTS, SIDES, Side, View

Slug = Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]*$", max_length=60)]

# Named points of the skeleton (see Body.pose) that a pose can be placed by.
TRUNK_POINTS = ("hip", "lumbosacral", "thoracolumbar", "neck_base", "chin", "head")
LIMB_POINTS = ("shoulder", "elbow", "wrist", "fingers", "knee", "ankle", "heel", "toe")
POINTS: tuple[str, ...] = TRUNK_POINTS + tuple(
    f"{p}_{side}" for side in SIDES for p in (*LIMB_POINTS, "hip")
)

# Body parts a contact can name: (bone, where), where is the whole capsule or one end.
_TRUNK_PARTS: dict[str, tuple[tuple[str, str], ...]] = {
    "head": (("head", "bone"),),
    "neck": (("neck", "bone"),),
    "chest": (("thoracic", "bone"),),
    "upper_back": (("thoracic", "bone"),),
    "belly": (("lumbar", "bone"),),
    "lower_back": (("lumbar", "bone"),),
    "back": (("thoracic", "bone"), ("lumbar", "bone")),
    "pelvis": (("pelvis", "bone"),),
    "buttocks": (("pelvis", "bone"),),
    "trunk": (("thoracic", "bone"), ("lumbar", "bone"), ("pelvis", "bone")),
}
# singular -> (plural, bone, where)
_LIMB_PARTS: dict[str, tuple[str, str, str]] = {
    "upper_arm": ("upper_arms", "upper_arm", "bone"),
    "elbow": ("elbows", "upper_arm", "end"),
    "forearm": ("forearms", "forearm", "bone"),
    "wrist": ("wrists", "forearm", "end"),
    "hand": ("hands", "hand", "bone"),
    "fingertip": ("fingertips", "hand", "end"),
    "thigh": ("thighs", "thigh", "bone"),
    "knee": ("knees", "thigh", "end"),
    "shin": ("shins", "shank", "bone"),
    "ankle": ("ankles", "shank", "end"),
    "foot": ("feet", "foot", "bone"),
    "heel": ("heels", "foot", "start"),
    "toe": ("toes", "foot", "end"),
}


def _parts() -> dict[str, tuple[tuple[str, str], ...]]:
    parts = dict(_TRUNK_PARTS)
    for singular, (plural, bone, where) in _LIMB_PARTS.items():
        parts[plural] = tuple((f"{bone}_{side}", where) for side in SIDES)
        for side in SIDES:
            parts[f"{singular}_{side}"] = ((f"{bone}_{side}", where),)
    return parts


PARTS = _parts()


PointName = Annotated[str, AfterValidator(one_of("point of the figure", POINTS))]
SegmentName = Annotated[str, AfterValidator(one_of("segment", SEGMENTS))]
PartName = Annotated[str, AfterValidator(one_of("body part", PARTS))]
Degrees = Annotated[float, Field(ge=-360, le=360)]

PropKind = Literal[
    "mat", "chair", "sofa", "fitball", "stick", "bar", "bench", "hyperextension_bench",
    "roman_chair", "cable_machine", "barbell", "water", "wall", "partner",
]
Floor = Literal["below", "behind", "none"]
ContactHow = Literal["rests", "grips", "hooks", "presses"]


class Trunk(StrictModel):
    """The pelvis's direction (absolute) and the bends of the spine and neck (relative)."""

    pelvis: Degrees = 0
    lumbar: Degrees = 0
    thoracic: Degrees = 0
    neck: Degrees = 0


class Limbs(StrictModel):
    """Joint angles of one side's arm and leg; left out = the other source or 0."""

    shoulder: Degrees | None = None
    elbow: Degrees | None = None
    wrist: Degrees | None = None
    hip: Degrees | None = None
    knee: Degrees | None = None
    ankle: Degrees | None = None


class At(StrictModel):
    """Where the body rests: this point of the figure is at (x, y) metres.

    Leave ``y`` out to lower the figure until it rests on the floor (or a mat on it).
    """

    point: PointName
    x: float
    y: float | None = None


class Contact(StrictModel):
    """A part of the body touching the floor or a prop, and how."""

    part: PartName
    touches: Slug = Field(description="'floor' or the id of a prop in this figure.")
    how: ContactHow = Field(
        default="rests",
        description="rests on it from above; grips it (a bar, a handle); hooks under it "
        "(feet under a roller); presses against its side (feet against a wall).",
    )


class Pose(StrictModel):
    """One keyframe: joint angles, where the body rests, and what it touches."""

    id: Slug
    at: At
    trunk: Trunk = Trunk()
    limbs: Limbs = Limbs()
    left: Limbs = Limbs()
    right: Limbs = Limbs()
    foreshorten: dict[SegmentName, Annotated[float, Field(gt=0, le=1)]] = {}
    contacts: list[Contact] = []
    arrow: list[PointName] | None = Field(
        default=None, description="The points the motion arrows follow from the start "
        "pose to this one, where the part that moves most is the wrong one to show "
        "(cat-cow's head swings further than its back); default: that part.")

    def angles(self) -> dict[str, float]:
        """Return every joint angle by its full name (``knee_left``...), 0 where not given."""
        out = dict.fromkeys(JOINTS, 0.0)
        out.update(self.trunk.model_dump())
        for side in SIDES:
            specific = self.left if side == "left" else self.right
            for joint in LIMB_JOINTS:
                value = getattr(specific, joint)
                if value is None:
                    value = getattr(self.limbs, joint)
                out[f"{joint}_{side}"] = float(value or 0.0)
        return out


class PropSpec(StrictModel):
    """A prop in the picture. Static props stand at x; attached ones move with a segment."""

    kind: PropKind
    id: Slug | None = Field(default=None, description="Defaults to the kind.")
    x: float = 0
    y: float | None = Field(default=None, description="Height, where the kind has one.")
    length: float | None = Field(default=None, gt=0)
    facing: Literal["left", "right", "viewer"] = "right"
    attach: SegmentName | None = None
    along: float = Field(default=0.5, ge=0, le=1)
    surface: Literal["front", "back"] | None = None

    @property
    def name(self) -> str:
        return self.id or self.kind


class Step(StrictModel):
    """One step of the loop: move to a pose in ``move_seconds``, then hold it."""

    pose: Slug
    move_seconds: float = Field(default=0, ge=0, le=30)
    hold_seconds: float = Field(default=0, ge=0, le=600)


class Figure(StrictModel):
    """Every keyframe of one exercise's figure and how they follow each other."""

    exercise: Slug
    view: View = "side"
    floor: Floor = Field(
        default="below",
        description="below: a floor line under the figure; behind: seen from above, the "
        "figure lies on the floor; none: no floor (in the water).",
    )
    near: Side = Field(default="left", description="The side toward the viewer (side view).")
    anchor: PointName | None = Field(
        default=None, description="The point that stays put between keyframes; default: "
        "the first pose's 'at' point.")
    emphasis: list[SegmentName] | None = Field(
        default=None, description="Segments to draw as moving; default: those whose "
        "joint angle changes by more than 15 degrees between keyframes.")
    small_motion: str | None = Field(
        default=None, description="Why this exercise's motion stays under the check's "
        "4 % of height even at the largest amplitude its description allows; the poses "
        "must still differ by half that.")
    props: list[PropSpec] = []
    poses: list[Pose] = Field(min_length=2)
    sequence: list[Step] = Field(min_length=2)

    @model_validator(mode="after")
    def _start_and_end(self) -> Figure:
        ids = [p.id for p in self.poses]
        missing = [name for name in ("start", "end") if name not in ids]
        if missing:
            raise ValueError(f"every figure needs poses 'start' and 'end' (missing: "
                             f"{', '.join(missing)})")
        return self

    def pose(self, pose_id: str) -> Pose:
        """Return the pose with this id; raises KeyError."""
        for pose in self.poses:
            if pose.id == pose_id:
                return pose
        raise KeyError(pose_id)

    def anchor_point(self) -> str:
        return self.anchor or self.poses[0].at.point
