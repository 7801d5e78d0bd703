"""Synthetic landmark streams posed from the project's own figure keyframes.

    from backcoach.camera.synthetic import stream

    frames = stream("hip_hinge", reps=5, mistake="back_rounds", noise=0.01, drop=0.1)

The figure (:mod:`backcoach.figures`) moves through its keyframes at the tempo of its
sequence, once per rep; each frame's skeleton is projected to the camera the motion rules
name (the side view: the figure's metres, y flipped to point down, scaled and centred
into the picture) and its named points fill MediaPipe's 33 landmarks: the head gives the
nose, eyes, ears and mouth, the hands the finger points, the feet the heels and toes. In
a side view the far side's points coincide with the near side's where the limbs match.

A ``mistake`` is the id of one of the exercise's form checks: the joint angles its
``shown_by`` gives are added in proportion to how far the figure is toward its end pose
(the back rounding as the hinge deepens). ``setup_seconds`` shows the person walking in
and getting down into the start position before the first rep. Noise is gaussian jitter
in normalised units, ``drop`` the share of frames with no person, ``low_visibility`` the
share where the shoulders, hips, knees, ankles and ears are barely visible. The same
``seed`` gives the same stream.
"""

from __future__ import annotations

import math
import random
from collections.abc import Mapping

from backcoach.camera.landmarks import NAMES, Frame, Landmark
from backcoach.camera.rules import load_rules
from backcoach.errors import InvalidError
from backcoach.figures.body import JOINTS, Body, Skeleton
from backcoach.figures.geometry import Point, add, direction, lerp
from backcoach.figures.poses import At, Figure, Pose
from backcoach.figures.scene import BODY, ease, keyframe, place

FIRST_START_SECONDS = 1.5  # the start position before the first rep, at the least
FILL = 0.8  # the share of the picture the whole motion spans
KEY_POINTS = ("shoulder", "hip", "knee", "ankle", "ear")
SEEN = 0.98
BARELY_SEEN = 0.15


def _posed(figure: Figure, a: Pose, b: Pose, t: float, mistake: tuple[Mapping[str, float], str],
           body: Body) -> Skeleton:
    """Return the frame ``t`` (eased, 0-1) of the way from a to b, with the mistake's
    joint offsets added in proportion to how far it is toward the pose it shows in."""
    offsets, shown_at = mistake
    share_a, share_b = float(a.id == shown_at), float(b.id == shown_at)
    share = share_a + (share_b - share_a) * t
    angles_a, angles_b = a.angles(), b.angles()
    angles = {j: angles_a[j] + (angles_b[j] - angles_a[j]) * t + offsets.get(j, 0.0) * share
              for j in JOINTS}
    shorten = {seg: a.foreshorten.get(seg, 1.0)
               + (b.foreshorten.get(seg, 1.0) - a.foreshorten.get(seg, 1.0)) * t
               for seg in set(a.foreshorten) | set(b.foreshorten)}
    skeleton = body.pose(angles, view=figure.view, foreshorten=shorten)
    anchor = figure.anchor_point()
    target = lerp(keyframe(figure, a.id, body).points[anchor],
                  keyframe(figure, b.id, body).points[anchor], t)
    here = skeleton.points[anchor]
    return skeleton.translated(target[0] - here[0], target[1] - here[1])


def _standing(figure: Figure, body: Body) -> Skeleton:
    start = keyframe(figure, "start", body)
    return place(figure, Pose(id="standing", at=At(point="ankle_left",
                                                    x=start.points["hip"][0])), body)


def _walk(figure: Figure, t: float, seconds: float, body: Body) -> Skeleton:
    """Return the person walking in from the left edge, ``t`` s into ``seconds`` of it."""
    swing = 25 * math.sin(2 * math.pi * 0.9 * t)
    angles = {"hip_left": swing, "hip_right": -swing, "knee_left": 10 + max(0, -swing),
              "knee_right": 10 + max(0, swing), "shoulder_left": -swing / 2,
              "shoulder_right": swing / 2}
    stand = _standing(figure, body)
    skeleton = body.pose(angles, view=figure.view)
    goal = stand.points["hip"]
    x = goal[0] - 1.6 * (1 - t / seconds)
    return skeleton.translated(x - skeleton.points["hip"][0], goal[1] - skeleton.points["hip"][1])


def _get_down(figure: Figure, t: float, body: Body) -> Skeleton:
    """Return the person a share ``t`` (0-1) of the way from standing to the start pose."""
    stand, start = _standing(figure, body), keyframe(figure, "start", body)
    pose = figure.pose("start")
    angles = {j: v * ease(t) for j, v in pose.angles().items()}
    skeleton = body.pose(angles, view=figure.view)
    target = lerp(stand.points["hip"], start.points["hip"], ease(t))
    here = skeleton.points["hip"]
    return skeleton.translated(target[0] - here[0], target[1] - here[1])


def _frames(figure: Figure, reps: int, mistake: tuple[Mapping[str, float], str],
            setup_seconds: float,
            fps: float, hold_seconds: float | None, body: Body) -> list[tuple[float, Skeleton]]:
    """Return (time, skeleton) for every frame: setup, then the loop ``reps`` times."""
    # The moves: (from pose, to pose, seconds moving, seconds held at the end).
    moves: list[tuple[Pose, Pose, float, float]] = []
    first = figure.pose(figure.sequence[0].pose)
    moves.append((first, first, 0.0, max(figure.sequence[0].hold_seconds,
                                         FIRST_START_SECONDS)))
    for _ in range(reps):
        for before, step in zip(figure.sequence, figure.sequence[1:], strict=False):
            hold = step.hold_seconds
            if step.pose == "end" and hold_seconds is not None:
                hold = hold_seconds
            moves.append((figure.pose(before.pose), figure.pose(step.pose),
                          step.move_seconds, hold))
    out: list[tuple[float, Skeleton]] = []
    clock = 0.0
    tick = 1.0 / fps
    walking = setup_seconds * (1.0 if _is_standing(figure) else 0.5)
    while clock < setup_seconds - 1e-9:
        if clock < walking:
            out.append((clock, _walk(figure, clock, walking, body)))
        else:
            share = (clock - walking) / max(setup_seconds - walking, 1e-9)
            out.append((clock, _get_down(figure, share, body)))
        clock += tick
    begin = clock
    for a, b, move, hold in moves:
        while clock < begin + move - 1e-9:
            out.append((clock, _posed(figure, a, b, ease((clock - begin) / move), mistake,
                                      body)))
            clock += tick
        begin += move
        while clock < begin + hold - 1e-9:
            out.append((clock, _posed(figure, a, b, 1.0, mistake, body)))
            clock += tick
        begin += hold
    return out


def _is_standing(figure: Figure) -> bool:
    start = figure.pose("start")
    return abs(start.trunk.pelvis) < 35 and start.at.point.startswith(("ankle", "toe"))


class _Camera:
    """Projects metres (y up) into normalised picture coordinates (y down)."""

    def __init__(self, skeletons: list[Skeleton]) -> None:
        points = [p for s in skeletons for p in s.points.values()]
        xs, ys = [p[0] for p in points], [p[1] for p in points]
        self.scale = FILL / max(max(xs) - min(xs), max(ys) - min(ys), 0.5)
        self.cx, self.cy = (max(xs) + min(xs)) / 2, (max(ys) + min(ys)) / 2

    def __call__(self, p: Point) -> tuple[float, float]:
        return (0.5 + (p[0] - self.cx) * self.scale, 0.5 - (p[1] - self.cy) * self.scale)


def landmarks(skeleton: Skeleton, camera: _Camera, near: str = "left") -> list[list[float]]:
    """Return the 33 landmarks [x, y, z, visibility] of a posed skeleton."""
    pts = skeleton.points
    head = pts["head"]
    up = direction_of(pts["chin"], head)
    named: dict[str, Point] = {}
    if skeleton.view == "side":
        face = skeleton.face
        nose = add(add(head, face, 0.10), up, -0.01)
        named.update({"nose": nose, "mouth_left": add(add(head, face, 0.08), up, -0.05),
                      "mouth_right": add(add(head, face, 0.08), up, -0.05)})
        for side in ("left", "right"):
            eye = add(add(head, face, 0.075), up, 0.025)
            named.update({f"{side}_eye": eye, f"{side}_eye_inner": add(eye, face, 0.01),
                          f"{side}_eye_outer": add(eye, face, -0.01),
                          f"{side}_ear": add(head, face, -0.01)})
    else:
        across = (up[1], -up[0])  # the figure's left, drawn at +x
        named["nose"] = add(head, up, -0.01)
        for side, s in (("left", 1.0), ("right", -1.0)):
            eye = add(add(head, up, 0.02), across, s * 0.03)
            named.update({f"{side}_eye": eye, f"{side}_eye_inner": add(eye, across, -s * 0.01),
                          f"{side}_eye_outer": add(eye, across, s * 0.01),
                          f"{side}_ear": add(head, across, s * 0.075),
                          f"mouth_{side}": add(add(head, up, -0.05), across, s * 0.025)})
    for side in ("left", "right"):
        wrist, fingers = pts[f"wrist_{side}"], pts[f"fingers_{side}"]
        named.update({
            f"{side}_shoulder": pts[f"shoulder_{side}"], f"{side}_elbow": pts[f"elbow_{side}"],
            f"{side}_wrist": wrist, f"{side}_pinky": lerp(wrist, fingers, 0.8),
            f"{side}_index": fingers, f"{side}_thumb": lerp(wrist, fingers, 0.5),
            f"{side}_hip": pts[f"hip_{side}"], f"{side}_knee": pts[f"knee_{side}"],
            f"{side}_ankle": pts[f"ankle_{side}"], f"{side}_heel": pts[f"heel_{side}"],
            f"{side}_foot_index": pts[f"toe_{side}"]})
    out = []
    for name in NAMES:
        x, y = camera(named[name])
        far = skeleton.view == "side" and not name.startswith(near) and "_" in name
        out.append([x, y, 0.05 if far else 0.0, SEEN])
    return out


def direction_of(a: Point, b: Point) -> Point:
    """Return the unit vector from ``a`` to ``b`` (straight up if they coincide)."""
    dx, dy = b[0] - a[0], b[1] - a[1]
    n = math.hypot(dx, dy)
    return direction(0) if n < 1e-12 else (dx / n, dy / n)


def stream(exercise_id: str, *, reps: int = 5, mistake: str | None = None,
           noise: float = 0.0, drop: float = 0.0, low_visibility: float = 0.0,
           setup_seconds: float = 0.0, fps: float = 15.0, seed: int = 0,
           hold_seconds: float | None = None) -> list[Frame]:
    """Return the frames of ``reps`` reps of an exercise the camera coach supports, as
    MediaPipe would see them; ``hold_seconds`` replaces the figure's hold at the end pose.

    Raises :class:`~backcoach.errors.InvalidError` for an exercise without motion rules or
    a ``mistake`` that is not one of its checks.
    """
    from backcoach.figures import load_figures

    rules = load_rules()
    if exercise_id not in rules:
        raise InvalidError(f"no motion rules for '{exercise_id}' (there are: "
                           f"{', '.join(sorted(rules))})", field="exercise")
    shown: tuple[Mapping[str, float], str] = ({}, "end")
    if mistake is not None:
        checks = {c.id: c for c in rules[exercise_id].checks}
        if mistake not in checks:
            raise InvalidError(f"'{exercise_id}' has no form check '{mistake}' (there are: "
                               f"{', '.join(checks) or 'none'})", field="mistake")
        shown = (checks[mistake].shown_by, checks[mistake].shown_at)
    if fps <= 0 or reps < 0:
        raise InvalidError("fps must be above 0 and reps 0 or more", field="fps")
    figure = load_figures()[exercise_id]
    timed = _frames(figure, reps, shown, setup_seconds, fps, hold_seconds, BODY)
    # The camera frames the exercise; a person walking in comes from beyond the picture.
    setup_frames = sum(1 for t, _ in timed if t < setup_seconds - 1e-9)
    camera = _Camera([s for _, s in timed[setup_frames:]])
    rng = random.Random(seed)
    frames = []
    for t, skeleton in timed:
        points = landmarks(skeleton, camera, figure.near)
        hip_x = (points[NAMES.index("left_hip")][0] + points[NAMES.index("right_hip")][0]) / 2
        if rng.random() < drop or not 0 <= hip_x <= 1:
            frames.append(Frame(t, None))
            continue
        dim = rng.random() < low_visibility
        out: list[Landmark] = []
        for name, (x, y, z, visibility) in zip(NAMES, points, strict=True):
            if noise:
                x, y, z = (v + rng.gauss(0.0, noise) for v in (x, y, z))
            if dim and name.split("_", 1)[-1] in KEY_POINTS:
                visibility = BARELY_SEEN
            out.append((x, y, z, visibility))
        frames.append(Frame(t, tuple(out)))
    return frames
