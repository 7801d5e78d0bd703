"""From a figure file to posed skeletons: keyframes placed in the scene, and the timeline.

    from backcoach.figures.scene import keyframe, timeline

    end = keyframe(figure, "end")          # a Skeleton, resting where the pose says
    loop = timeline(figure)                # frames and their times, one loop

Between keyframes the joint angles are interpolated (eased in and out) and the figure's
anchor point (the hip of a lying figure, the feet of a standing one) slides in a straight
line, so every in-between frame has the same segment lengths as the keyframes.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from backcoach.figures.body import JOINTS, SEGMENTS, Body, Skeleton
from backcoach.figures.geometry import Box, distance, lerp
from backcoach.figures.poses import Figure, Pose
from backcoach.figures.props import MAT_THICKNESS

BODY = Body()
SAMPLES_PER_MOVE = 8  # in-between frames per move; SVG interpolates linearly between them
EMPHASIS_METRES = 0.10  # a segment that travels further than this between keyframes moves


def shown_hold(seconds: float) -> float:
    """Return how long the animation shows a hold of ``seconds``.

    Pauses of up to 2 s are shown as they are; longer holds are scaled down to a tenth
    beyond that, and capped at 8 s, so a 30 s plank shows for 4.8 s and the loop stays
    short enough to watch.
    """
    if seconds <= 2:
        return seconds
    return min(2 + (seconds - 2) * 0.1, 8.0)


def _mats(figure: Figure) -> list[Box]:
    out = []
    for prop in figure.props:
        if prop.kind == "mat" and prop.attach is None:
            half = (prop.length or 1.9) / 2
            out.append(Box(prop.x - half, 0, prop.x + half, MAT_THICKNESS))
    return out


def rest_lift(skeleton: Skeleton, mats: list[Box]) -> float:
    """Return how far to raise ``skeleton`` so its lowest part just rests on floor or mat."""
    need = -math.inf
    for bone in skeleton.bones.values():
        for i in range(11):
            x, y = lerp(bone.start, bone.end, i / 10)
            ground = max([0.0, *(b.y1 for b in mats if b.x0 <= x <= b.x1)])
            need = max(need, ground + bone.radius - y)
    return need


def place(figure: Figure, pose: Pose, body: Body = BODY) -> Skeleton:
    """Return the pose's skeleton, resting where ``pose.at`` says."""
    skeleton = body.pose(pose.angles(), view=figure.view, foreshorten=pose.foreshorten)
    px, py = skeleton.points[pose.at.point]
    if pose.at.y is not None:
        return skeleton.translated(pose.at.x - px, pose.at.y - py)
    moved = skeleton.translated(pose.at.x - px, -py)
    return moved.translated(0.0, rest_lift(moved, _mats(figure)))


def keyframe(figure: Figure, pose_id: str, body: Body = BODY) -> Skeleton:
    """Return the placed skeleton of one pose of ``figure``; raises KeyError."""
    return _keyframes(figure, body)[pose_id]


_CACHE: dict[tuple[int, Body], tuple[Figure, dict[str, Skeleton]]] = {}


def _keyframes(figure: Figure, body: Body) -> dict[str, Skeleton]:
    # Figures are frozen but hold lists, so they cannot be hashed; the cache keeps the
    # figure itself alive so its id is not reused while the entry exists.
    key = (id(figure), body)
    hit = _CACHE.get(key)
    if hit is not None and hit[0] is figure:
        return hit[1]
    if len(_CACHE) > 256:
        _CACHE.clear()
    frames = {pose.id: place(figure, pose, body) for pose in figure.poses}
    _CACHE[key] = (figure, frames)
    return frames


def between(figure: Figure, a: Pose, b: Pose, t: float, body: Body = BODY) -> Skeleton:
    """Return the frame a fraction ``t`` (0-1, already eased) of the way from a to b."""
    frames = _keyframes(figure, body)
    if t <= 0:
        return frames[a.id]
    if t >= 1:
        return frames[b.id]
    angles_a, angles_b = a.angles(), b.angles()
    angles = {j: angles_a[j] + (angles_b[j] - angles_a[j]) * t for j in JOINTS}
    shorten = {
        seg: a.foreshorten.get(seg, 1.0) + (b.foreshorten.get(seg, 1.0)
                                            - a.foreshorten.get(seg, 1.0)) * t
        for seg in set(a.foreshorten) | set(b.foreshorten)
    }
    skeleton = body.pose(angles, view=figure.view, foreshorten=shorten)
    anchor = figure.anchor_point()
    target = lerp(frames[a.id].points[anchor], frames[b.id].points[anchor], t)
    here = skeleton.points[anchor]
    return skeleton.translated(target[0] - here[0], target[1] - here[1])


def ease(t: float) -> float:
    """Return a slow-in, slow-out fraction for a linear ``t`` (0-1)."""
    return 0.5 - 0.5 * math.cos(math.pi * t)


@dataclass(frozen=True)
class Timeline:
    """One loop of the animation: frames and the second each is shown at."""

    times: list[float]
    frames: list[Skeleton]
    duration: float
    keys: list[str]  # the pose shown at each frame, or "" for an in-between


def timeline(figure: Figure, body: Body = BODY,
             samples: int = SAMPLES_PER_MOVE) -> Timeline:
    """Return the frames of one loop through ``figure.sequence``."""
    frames = _keyframes(figure, body)
    times: list[float] = []
    shown: list[Skeleton] = []
    keys: list[str] = []
    clock = 0.0
    previous: Pose | None = None
    for step in figure.sequence:
        pose = figure.pose(step.pose)
        if previous is not None and step.move_seconds:
            for i in range(1, samples):
                times.append(clock + step.move_seconds * i / samples)
                shown.append(between(figure, previous, pose, ease(i / samples), body))
                keys.append("")
            clock += step.move_seconds
        times.append(clock)
        shown.append(frames[pose.id])
        keys.append(pose.id)
        hold = shown_hold(step.hold_seconds)
        if hold:
            clock += hold
            times.append(clock)
            shown.append(frames[pose.id])
            keys.append(pose.id)
        previous = pose
    return Timeline(times, shown, clock, keys)


def moving_segments(figure: Figure, body: Body = BODY) -> set[str]:
    """Return the segments drawn as moving: the figure's ``emphasis``, or those that travel."""
    if figure.emphasis is not None:
        return set(figure.emphasis)
    frames = list(_keyframes(figure, body).values())
    out = set()
    for name in SEGMENTS:
        for a in frames:
            for b in frames:
                ba, bb = a.bones[name], b.bones[name]
                if max(distance(ba.start, bb.start), distance(ba.end, bb.end)) > EMPHASIS_METRES:
                    out.add(name)
    return out
