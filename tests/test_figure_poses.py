"""What the figures show: each pose drawn as its exercise's description says.

The plausibility checks (``test_figures.py``) ask whether a body could hold a pose; these
ask whether it is the right pose: hands crossed on the chest where the description puts
them there, the chin above the bar at the top of a pull-up, the legs crossed in the
dynamic side plank. Each is a geometric assertion on the posed skeleton, in metres, so
a pose edited back into the old mistake fails here, not only on a reviewer's screen.
"""

from __future__ import annotations

import re

import pytest

from backcoach.figures import Skeleton, keyframe, load_figures
from backcoach.figures.geometry import Point, add, angle_of, direction, distance, lerp, sub

FIGURES = load_figures()


def _pose(exercise: str, pose: str = "end") -> Skeleton:
    return keyframe(FIGURES[exercise], pose)


def _surface(skeleton: Skeleton, bone: str, along: float, side: float = 1.0) -> Point:
    """Return a point on a bone's surface: ``side`` 1 toward its front (theta + 90)."""
    b = skeleton.bones[bone]
    heading = angle_of(sub(b.end, b.start))
    return add(lerp(b.start, b.end, along), direction(heading + 90 * side), b.radius)


def _sternum(skeleton: Skeleton) -> Point:
    return _surface(skeleton, "thoracic", 0.6)


def _middle(skeleton: Skeleton, bone: str) -> Point:
    b = skeleton.bones[bone]
    return lerp(b.start, b.end, 0.5)


def _off_segment(point: Point, segment: tuple[Point, Point]) -> float:
    """Return the distance from a point to a line segment."""
    a, b = segment
    span = sub(b, a)
    t = ((point[0] - a[0]) * span[0] + (point[1] - a[1]) * span[1]) / (
        span[0] ** 2 + span[1] ** 2)
    return distance(point, lerp(a, b, min(max(t, 0.0), 1.0)))


def _crossing(a: tuple[Point, Point], b: tuple[Point, Point]) -> Point | None:
    """Return where two line segments cross in the picture, or None."""
    (x1, y1), (x2, y2) = a
    (x3, y3), (x4, y4) = b
    det = (x2 - x1) * (y4 - y3) - (y2 - y1) * (x4 - x3)
    if abs(det) < 1e-12:
        return None
    t = ((x3 - x1) * (y4 - y3) - (y3 - y1) * (x4 - x3)) / det
    u = ((x3 - x1) * (y2 - y1) - (y3 - y1) * (x2 - x1)) / det
    return lerp(a[0], a[1], t) if 0 <= t <= 1 and 0 <= u <= 1 else None


@pytest.mark.parametrize("exercise", ["thoracic_crunch", "roman_chair_crunch",
                                      "hyperextension"])
def test_hands_are_crossed_on_the_chest(exercise):
    # Their steps: hands crossed on the chest, not dangling nor floating over the face.
    for pose in FIGURES[exercise].poses:
        skeleton = _pose(exercise, pose.id)
        for side in ("left", "right"):
            hand = _middle(skeleton, f"hand_{side}")
            assert distance(hand, _sternum(skeleton)) < 0.08, (pose.id, side)
            assert distance(skeleton.points[f"fingers_{side}"], skeleton.points["head"]) > 0.1


def test_knees_to_chest_hands_hold_the_knees_without_crossing_the_legs():
    end = _pose("knees_to_chest")
    assert distance(end.points["wrist_left"], end.points["knee_left"]) < 0.1
    # The knees come to the chest: above the trunk, nearer the shoulders than the hips are.
    assert end.points["knee_left"][1] > end.points["neck_base"][1] + 0.25
    # The arm reaches from the shoulder to the knee, clear of the thigh (the old pose
    # folded the forearm along the thigh: arm, thigh and shin made an X), and meets the
    # leg only at the knee.
    p = end.points
    to_knee = angle_of(sub(p["knee_left"], p["shoulder_left"]))
    assert abs(angle_of(sub(p["elbow_left"], p["shoulder_left"])) - to_knee) < 30
    assert _off_segment(p["elbow_left"], (p["hip_left"], p["knee_left"])) > 0.07
    arm = [(p["shoulder_left"], p["elbow_left"]), (p["elbow_left"], p["wrist_left"])]
    leg = [(p["hip_left"], p["knee_left"]), (p["knee_left"], p["ankle_left"])]
    for a in arm:
        for b in leg:
            where = _crossing(a, b)
            assert where is None or distance(where, p["knee_left"]) < 0.08


def test_ball_stretch_curls_on_the_back_not_sitting():
    end = _pose("ball_stretch")
    lowest = min(end.bones.values(), key=lambda b: min(b.start[1], b.end[1]) - b.radius)
    assert lowest.kind in ("thoracic", "lumbar")  # rocking on the rounded back
    pelvis = end.bones["pelvis"]
    assert min(pelvis.start[1], pelvis.end[1]) - pelvis.radius > 0.05  # hips off the mat
    assert end.points["hip"][1] > end.points["thoracolumbar"][1]  # not a seated V
    # Arms around the shins, head reaching toward the knees.
    shin = _middle(end, "shank_left")
    assert distance(end.points["wrist_left"], shin) < 0.1
    assert distance(end.points["head"], end.points["knee_left"]) < 0.3


def test_pull_up_hangs_from_a_bar_across_the_picture_and_the_chin_clears_it():
    from backcoach.figures.geometry import Box
    from backcoach.figures.props import solids

    figure = FIGURES["pull_up"]
    assert figure.view == "front"  # the bar runs across the picture, not end-on as a dot
    (bar,) = solids(figure.props[0], figure.view, figure.floor)
    assert isinstance(bar, Box)
    assert bar.x1 - bar.x0 > 10 * (bar.y1 - bar.y0)
    bar_y = (bar.y0 + bar.y1) / 2
    start, top = _pose("pull_up", "start"), _pose("pull_up", "end")
    assert start.points["chin"][1] < bar_y - 0.4  # hanging, arms straight
    assert top.points["chin"][1] > bar_y + 0.03  # the chin above the bar
    for pose in figure.poses:
        skeleton = _pose("pull_up", pose.id)
        for side in ("left", "right"):
            hand = _middle(skeleton, f"hand_{side}")
            assert abs(hand[1] - bar_y) < 0.03 and bar.x0 < hand[0] < bar.x1, (pose.id, side)
    # Elbows come down toward the ribs at the top.
    assert top.points["elbow_left"][1] < top.points["neck_base"][1] - 0.2


def _in_front(skeleton: Skeleton, point: Point) -> float:
    """Return how far ``point`` lies in front of the chest line (negative: behind)."""
    b = skeleton.bones["thoracic"]
    normal = direction(angle_of(sub(b.end, b.start)) + 90)
    return (point[0] - b.end[0]) * normal[0] + (point[1] - b.end[1]) * normal[1]


@pytest.mark.parametrize("exercise", ["stick_bend", "barbell_squat"])
def test_the_hands_hold_what_lies_across_the_back(exercise):
    from backcoach.figures.props import attachment

    figure = FIGURES[exercise]
    (held,) = [p for p in figure.props if p.attach is not None]
    for pose in figure.poses:
        skeleton = _pose(exercise, pose.id)
        grip = attachment(held, skeleton)
        assert _in_front(skeleton, grip) < 0  # across the back
        for side in ("left", "right"):
            # The hand is at the stick or bar, behind the back: not pointing forward.
            assert distance(_middle(skeleton, f"hand_{side}"), grip) < 0.06, (pose.id, side)
            assert _in_front(skeleton, skeleton.points[f"fingers_{side}"]) < 0


def test_a_held_stick_is_drawn_as_a_rod_not_a_dot():
    from backcoach.figures.props import marks

    figure = FIGURES["stick_bend"]
    behind, over = marks(figure.props[0], figure.view, figure.floor)
    rods = [mark for mark in [*behind, *over] if mark.shape == "path"]
    assert rods
    a, b = rods[0].points(_pose("stick_bend", "start"))
    assert distance(a, b) > 0.2


def _leg(skeleton: Skeleton, side: str) -> tuple[Point, Point]:
    return skeleton.points[f"hip_{side}"], skeleton.points[f"ankle_{side}"]


def test_side_plank_legs_lie_stacked():
    # Seen from the front, the top leg lies on the bottom one: they meet at the ankles
    # instead of splaying apart, and do not cross.
    for pose in FIGURES["side_plank"].poses:
        skeleton = _pose("side_plank", pose.id)
        ankles = distance(skeleton.points["ankle_left"], skeleton.points["ankle_right"])
        assert ankles < 0.11, pose.id
        assert _crossing(_leg(skeleton, "left"), _leg(skeleton, "right")) is None


def test_dynamic_side_plank_crosses_the_legs_and_differs_from_the_side_plank():
    # "Cross your legs": the top leg steps over the bottom one, its foot on the mat in
    # front of it, so nearer the body in the picture, and over the bottom leg's line.
    figure = FIGURES["side_plank_dynamic"]
    for pose in figure.poses:
        skeleton = _pose("side_plank_dynamic", pose.id)
        p = skeleton.points
        assert p["ankle_right"][0] - p["ankle_left"][0] > 0.15, pose.id
        assert _off_segment(p["ankle_right"], _leg(skeleton, "left")) < 0.06, pose.id
        assert any(c.part == "foot_right" and c.touches == "mat" for c in pose.contacts)
    # Raised, the two legs make an X well above the feet.
    top = _pose("side_plank_dynamic", "end")
    where = _crossing(_leg(top, "left"), _leg(top, "right"))
    assert where is not None and distance(where, top.points["ankle_left"]) > 0.2
    plain = _pose("side_plank", "start")
    crossed = _pose("side_plank_dynamic", "start")
    assert distance(plain.points["ankle_right"], crossed.points["ankle_right"]) > 0.15


def _side_of_spine(skeleton: Skeleton, point: Point) -> float:
    """Return which side of the spine (hip to neck) a point lies on: the sign says."""
    hip, neck = skeleton.points["hip"], skeleton.points["neck_base"]
    return (neck[0] - hip[0]) * (point[1] - hip[1]) - (neck[1] - hip[1]) * (point[0] - hip[0])


def test_heel_reach_slides_the_hand_toward_the_heel_on_bent_knees():
    figure = FIGURES["heel_reach"]
    start = _pose("heel_reach", "start")
    for pose_id, side, other in (("end", "right", "left"), ("left_side", "left", "right")):
        bent = _pose("heel_reach", pose_id)
        heel = f"heel_{side}"
        # The hand on the bending side comes nearer its heel ...
        before = distance(start.points[f"fingers_{side}"], start.points[heel])
        assert distance(bent.points[f"fingers_{side}"], bent.points[heel]) < before - 0.05
        # ... and neither arm crosses the trunk or the neck (it cut the head off the body).
        for arm in (side, other):
            assert (_side_of_spine(bent, bent.points[f"fingers_{arm}"])
                    * _side_of_spine(start, start.points[f"fingers_{arm}"])) > 0, (pose_id, arm)
            neck = (bent.points["neck_base"], bent.points["chin"])
            hand = (bent.points[f"shoulder_{arm}"], bent.points[f"fingers_{arm}"])
            assert _crossing(neck, hand) is None
    for pose in figure.poses:
        skeleton = _pose("heel_reach", pose.id)
        for side in ("left", "right"):
            # Seen from above, a bent knee shows as an angle between thigh and shin.
            leg = (skeleton.points[f"hip_{side}"], skeleton.points[f"ankle_{side}"])
            assert _off_segment(skeleton.points[f"knee_{side}"], leg) > 0.04, (pose.id, side)


def test_fitball_back_stretch_arms_hang_and_the_head_relaxes():
    end = _pose("fitball_back_stretch")
    for side in ("left", "right"):
        shoulder, fingers = end.points[f"shoulder_{side}"], end.points[f"fingers_{side}"]
        assert fingers[1] < shoulder[1] - 0.5  # hanging toward the floor ...
        assert abs(fingers[0] - shoulder[0]) < 0.15  # ... straight down, not reaching forward
    assert end.points["head"][1] < end.points["neck_base"][1]  # the head hangs loose
    # Draped over the ball: the shoulders are past its top, the hips behind it.
    ball = FIGURES["fitball_back_stretch"].props[0].x
    assert end.points["hip"][0] < ball < end.points["neck_base"][0]


def _back_of_head(skeleton: Skeleton) -> Point:
    return add(skeleton.points["head"], skeleton.face, -skeleton.bones["head"].radius)


def test_partner_sit_up_curls_forward_with_the_hands_behind_the_head():
    figure = FIGURES["partner_sit_up"]
    for pose in figure.poses:
        skeleton = _pose("partner_sit_up", pose.id)
        for side in ("left", "right"):
            wrist = skeleton.points[f"wrist_{side}"]
            assert distance(wrist, _back_of_head(skeleton)) < 0.06, (pose.id, side)
    top = _pose("partner_sit_up")
    # Curled toward the knees, past sitting upright: the shoulders ahead of the hips and
    # the face turned down toward the legs.
    assert top.points["neck_base"][0] > top.points["hip"][0] + 0.15
    assert top.points["head"][0] > top.points["neck_base"][0]
    assert top.face[1] < 0


def test_swimming_crawl_keeps_the_legs_in_the_water_and_shows_the_swimmer_clearly():
    from backcoach.figures import render_svg
    from backcoach.figures.motion import arrow_path, tracked_points

    figure = FIGURES["swimming_crawl"]
    (water,) = [p for p in figure.props if p.kind == "water"]
    level = water.y or 0.0
    for pose in figure.poses:
        skeleton = _pose("swimming_crawl", pose.id)
        for side in ("left", "right"):
            for part in ("knee", "ankle", "heel", "toe"):
                # At most a heel breaking the surface, as in a real flutter kick.
                assert skeleton.points[f"{part}_{side}"][1] < level + 0.03, (pose.id, side, part)
    # The arrow shows the recovering hand over the water, not a path deep under it.
    for point in tracked_points(figure, "end"):
        path = arrow_path(figure, "end", point)
        assert min(y for _, y in path) > level - 0.1
    # The water drawn over the body is a faint veil: the swimmer keeps its colours.
    svg = render_svg(figure, pose="end")
    veils = [float(o) for o in re.findall(r'fill="#dcedf7" opacity="([0-9.]+)"', svg)]
    assert veils and max(veils) <= 0.25


def test_prone_leg_raise_shows_both_legs_lifted_apart():
    from backcoach.figures import render_svg

    both = _pose("prone_leg_raise", "both")
    left, right = both.points["ankle_left"], both.points["ankle_right"]
    assert left[1] > 0.15 and right[1] > 0.15  # both legs up off the mat
    # Seen from the side, legs lifted alike coincide: the far one is set a little higher
    # so its lighter colour shows above the near one.
    assert distance(left, right) > 0.06
    assert "#93cdc4" in render_svg(FIGURES["prone_leg_raise"], pose="both")


def test_bird_dog_reaches_past_the_head_with_arrows_close_to_the_body():
    from backcoach.figures.motion import arrow_path, tracked_points

    end = _pose("bird_dog")
    shoulder, fingers = end.points["shoulder_left"], end.points["fingers_left"]
    head = end.points["head"]
    # The reaching arm passes over the lowered head, not across the face.
    t = (head[0] - shoulder[0]) / (fingers[0] - shoulder[0])
    arm_y = shoulder[1] + t * (fingers[1] - shoulder[1])
    assert arm_y > head[1] + 0.5 * end.bones["head"].radius
    # The arrows turn about the shoulder and the hip instead of sweeping wide arcs.
    figure = FIGURES["bird_dog"]
    tracked = tracked_points(figure, "end")
    assert len(tracked) == 2
    for point in tracked:
        pivot = end.points["shoulder_left"] if "elbow" in point else end.points["hip_right"]
        assert max(distance(p, pivot) for p in arrow_path(figure, "end", point)) < 0.55


def test_breathing_chest_lift_arms_rest_on_the_mat():
    from backcoach.figures.props import MAT_THICKNESS

    figure = FIGURES["breathing_chest_lift"]
    for pose in figure.poses:
        skeleton = _pose("breathing_chest_lift", pose.id)
        for side in ("left", "right"):
            forearm = skeleton.bones[f"forearm_{side}"]
            lowest = min(forearm.start[1], forearm.end[1]) - forearm.radius
            assert lowest < MAT_THICKNESS + 0.01, (pose.id, side)  # resting, not floating
        assert any(c.part == "forearms" for c in pose.contacts)
    # The chest lifts while the arms stay down: the shoulders rise above the elbows.
    end = _pose("breathing_chest_lift")
    assert end.points["shoulder_left"][1] > end.points["elbow_left"][1] + 0.15


def test_joint_warmup_loosens_more_than_the_neck():
    # Neck to ankles: the head tips, the arms circle out, the pelvis shifts over the feet.
    start = _pose("joint_warmup", "start")
    moved: dict[str, float] = {}
    for pose in FIGURES["joint_warmup"].poses:
        skeleton = _pose("joint_warmup", pose.id)
        for point in ("head", "fingers_left", "fingers_right", "hip"):
            moved[point] = max(moved.get(point, 0.0),
                               distance(skeleton.points[point], start.points[point]))
        for side in ("left", "right"):  # the feet stay planted
            assert distance(skeleton.points[f"ankle_{side}"], start.points[f"ankle_{side}"]) \
                < 1e-6
    assert moved["head"] > 0.08
    assert moved["fingers_left"] > 0.5 and moved["fingers_right"] > 0.5
    assert moved["hip"] > 0.05
    hips = _pose("joint_warmup", "hips")
    for side in ("left", "right"):  # hands on the hips for the pelvis circles
        assert distance(hips.points[f"wrist_{side}"], hips.points[f"hip_{side}"]) < 0.2
