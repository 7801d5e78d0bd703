"""Reps and holds counted from synthetic streams posed from each exercise's figure: exact
on clean streams, within one rep on noisy ones, and nothing while getting into position."""

from __future__ import annotations

import pytest
from hypothesis import given, settings, strategies as st

from backcoach.camera.angles import measure
from backcoach.camera.coach import CameraCoach, supported_exercises
from backcoach.camera.counter import RepCounter
from backcoach.camera.landmarks import Frame
from backcoach.camera.rules import Motion, load_rules
from backcoach.camera.synthetic import stream

EXERCISES = supported_exercises()
HOLD = 6.0  # seconds each synthetic hold lasts at the end pose


def _hold(exercise: str) -> float | None:
    return HOLD if load_rules()[exercise].count == "holds" else None


def _run(exercise: str, frames: list[Frame]) -> dict[str, object]:
    coach = CameraCoach(exercise)
    for frame in frames:
        coach.feed(frame)
    return coach.summary()


def _time_past_end_line(exercise: str, frames: list[Frame]) -> list[float]:
    """Return how long each stay beyond the end line lasts, read from the raw angle: what a
    person timing the hold from the video would see."""
    motion = load_rules()[exercise].motion
    sign = 1 if motion.rising else -1
    stays: list[float] = []
    since: float | None = None
    for frame in frames:
        value = measure(frame).get(motion.angle)
        past = value is not None and sign * value >= sign * motion.end
        if past and since is None:
            since = frame.t
        elif not past and since is not None:
            stays.append(frame.t - since)
            since = None
    return stays


@pytest.mark.parametrize("exercise", EXERCISES)
def test_a_clean_stream_counts_every_rep_exactly(exercise):
    summary = _run(exercise, stream(exercise, reps=5, hold_seconds=_hold(exercise)))
    assert summary["reps"] == 5
    assert summary["cues"] == []  # a clean stream has no mistake to correct


@pytest.mark.parametrize("exercise", [e for e in EXERCISES if load_rules()[e].count == "holds"])
def test_holds_are_timed_within_half_a_second(exercise):
    frames = stream(exercise, reps=3, hold_seconds=HOLD)
    holds = _run(exercise, frames)["holds"]
    expected = _time_past_end_line(exercise, frames)
    assert len(expected) == 3
    assert holds == pytest.approx(expected, abs=0.5)
    # The end line leaves room for sagging hips, so it is passed a little before the
    # figure settles: the time shown is the hold itself and at most ~2 s of the moves.
    assert all(HOLD - 0.5 <= h <= HOLD + 2.5 for h in holds)  # type: ignore[attr-defined]


@pytest.mark.parametrize("exercise", [e for e in EXERCISES if load_rules()[e].count == "holds"])
def test_noisy_holds_are_timed_within_half_a_second(exercise):
    clean = stream(exercise, reps=3, hold_seconds=HOLD)
    noisy = stream(exercise, reps=3, hold_seconds=HOLD, noise=0.01, drop=0.1,
                   low_visibility=0.1, seed=1)
    assert _run(exercise, noisy)["holds"] == pytest.approx(
        _time_past_end_line(exercise, clean), abs=0.5)


@pytest.mark.parametrize("exercise", EXERCISES)
@pytest.mark.parametrize("seed", [1, 2])
def test_a_noisy_stream_counts_within_one_rep(exercise, seed):
    frames = stream(exercise, reps=5, noise=0.01, drop=0.1, low_visibility=0.1, seed=seed,
                    hold_seconds=_hold(exercise))
    assert abs(_run(exercise, frames)["reps"] - 5) <= 1  # type: ignore[operator]


@pytest.mark.parametrize("exercise", EXERCISES)
def test_getting_into_position_is_not_a_rep(exercise):
    summary = _run(exercise, stream(exercise, reps=0, setup_seconds=6, noise=0.005, seed=4))
    assert (summary["reps"], summary["holds"]) == (0, [])


@pytest.mark.parametrize("exercise", EXERCISES)
def test_reps_after_getting_into_position_count_exactly(exercise):
    coach = CameraCoach(exercise)
    frames = stream(exercise, reps=3, setup_seconds=6, hold_seconds=_hold(exercise))
    during_setup = [coach.feed(f) for f in frames if f.t < 6]
    assert all(u.reps == 0 and not u.holding for u in during_setup)
    for frame in frames:
        if frame.t >= 6:
            coach.feed(frame)
    assert coach.summary()["reps"] == 3


def test_a_long_gap_mid_hold_resets_without_recording_it():
    frames = stream("plank", reps=1, hold_seconds=10)
    # The person leaves the picture for 2 s in the middle of the hold.
    middle = frames[len(frames) // 2].t
    cut = [Frame(f.t, None) if middle <= f.t < middle + 2 else f for f in frames]
    coach = CameraCoach("plank")
    phases = [coach.feed(f).phase for f in cut]
    summary = coach.summary()
    assert (summary["reps"], summary["holds"]) == (0, [])
    assert "setup" in phases[len(phases) // 2:]  # back to getting into position


def test_a_short_gap_mid_hold_keeps_the_hold():
    frames = stream("plank", reps=1, hold_seconds=10)
    middle = frames[len(frames) // 2].t
    cut = [Frame(f.t, None) if middle <= f.t < middle + 0.5 else f for f in frames]
    assert _run("plank", cut)["holds"] == pytest.approx(_time_past_end_line("plank", frames),
                                                        abs=0.5)


MOTION = Motion(angle="trunk_lean", start=15, end=35, hysteresis=4)


def _cycle(reps: int, fps: float = 15) -> list[tuple[float, float]]:
    """Return (t, angle): 1 s at the start, then reps of 1 s down, 1 s held, 1 s up."""
    out, t = [], 0.0
    for _ in range(int(fps)):
        out.append((t, 0.0))
        t += 1 / fps
    for _ in range(reps):
        for i in range(int(3 * fps)):
            phase = i / fps
            angle = 50 * min(phase, 1.0) if phase < 2 else 50 * (3 - phase)
            out.append((t, angle))
            t += 1 / fps
        for _ in range(int(fps // 2)):
            out.append((t, 0.0))
            t += 1 / fps
    return out


@settings(max_examples=60, deadline=None)
@given(st.lists(st.floats(-MOTION.hysteresis / 2, MOTION.hysteresis / 2), min_size=200,
                max_size=200))
def test_jitter_within_half_the_hysteresis_never_double_counts(jitter):
    counter = RepCounter(MOTION)
    for i, (t, angle) in enumerate(_cycle(3)):
        counter.update(t, angle + jitter[i % len(jitter)])
    assert counter.reps == 3


def test_one_wild_frame_is_neither_a_rep_nor_a_hold():
    counter = RepCounter(MOTION, count="holds")
    for t, angle in _cycle(0):
        counter.update(t, angle)
    counter.update(1.1, 80.0)  # one frame far past the end line
    for i in range(30):
        counter.update(1.2 + i / 15, 0.0)
    counter.finish(4.0)
    assert (counter.reps, counter.holds, counter.phase) == (0, [], "start")


def test_low_visibility_joints_are_not_measured():
    frame = stream("hip_hinge", reps=1)[0]
    assert frame.landmarks is not None
    dim = Frame(frame.t, tuple((x, y, z, 0.3) for x, y, z, _ in frame.landmarks))
    assert measure(frame)["trunk_lean"] == pytest.approx(0, abs=1)
    assert measure(dim) == {}
