"""Angles read the same whichever way the person faces and whatever the picture's shape."""

from __future__ import annotations

import pytest

from backcoach.camera.angles import ANGLES, measure
from backcoach.camera.coach import supported_exercises
from backcoach.camera.landmarks import NAMES, Frame
from backcoach.camera.synthetic import stream


def _person(**points: tuple[float, float]) -> Frame:
    """Return a frame with the named points placed (both sides alike), the rest hidden."""
    out = []
    for name in NAMES:
        part = name.removeprefix("left_").removeprefix("right_")
        x, y = points.get(part, (0.5, 0.5))
        out.append((x, y, 0.0, 0.9 if part in points else 0.1))
    return Frame(0.0, tuple(out))


def test_a_right_angle_at_the_knee_and_a_level_thigh():
    frame = _person(hip=(0.4, 0.5), knee=(0.6, 0.5), ankle=(0.6, 0.7), shoulder=(0.4, 0.2))
    angles = measure(frame)
    assert angles["knee"] == pytest.approx(90)
    assert angles["thigh_rise"] == pytest.approx(0)
    assert angles["hip"] == pytest.approx(90)
    assert angles["trunk_lean"] == pytest.approx(0)
    assert set(angles) <= set(ANGLES)


def test_hips_below_the_line_sag_positive_and_above_it_negative():
    low = _person(shoulder=(0.2, 0.5), hip=(0.5, 0.55), ankle=(0.8, 0.5))
    high = _person(shoulder=(0.2, 0.5), hip=(0.5, 0.45), ankle=(0.8, 0.5))
    assert measure(low)["hip_sag"] > 5 and measure(high)["hip_sag"] < -5


@pytest.mark.parametrize("exercise", supported_exercises())
def test_facing_the_other_way_changes_no_angle(exercise):
    for frame in stream(exercise, reps=1)[::10]:
        assert frame.landmarks is not None
        mirrored = Frame(frame.t, tuple((1 - x, y, z, v) for x, y, z, v in frame.landmarks))
        assert measure(mirrored) == pytest.approx(measure(frame), abs=1e-3)


def test_a_wide_picture_is_measured_true_with_its_aspect():
    frame = stream("bodyweight_squat", reps=1)[40]  # deep in the squat
    assert frame.landmarks is not None
    # The same picture taken 16:9: x is a fraction of a wider width.
    wide = Frame(frame.t, tuple((0.5 + (x - 0.5) * 9 / 16, y, z, v)
                                for x, y, z, v in frame.landmarks))
    assert measure(wide, aspect=16 / 9) == pytest.approx(measure(frame), abs=1e-3)
    assert measure(wide)["knee"] != pytest.approx(measure(frame)["knee"], abs=5)
