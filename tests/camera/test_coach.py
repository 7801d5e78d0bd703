"""The coach's cues: each form check speaks the catalog's own words when its mistake shows
and never otherwise, one cue at a time, in the language asked for."""

from __future__ import annotations

import itertools

import pytest

from backcoach.camera.coach import (
    CUE_GAP_SECONDS,
    CUE_REPEAT_SECONDS,
    CameraCoach,
    Update,
    supported_exercises,
)
from backcoach.camera.landmarks import Frame
from backcoach.camera.rules import load_rules
from backcoach.camera.synthetic import stream
from backcoach.catalog import load_catalog
from backcoach.errors import BackcoachError, InvalidError, UnsupportedExerciseError

CHECKS = [(exercise, check.id) for exercise in supported_exercises()
          for check in load_rules()[exercise].checks]


def _hold(exercise: str) -> float | None:
    return 6.0 if load_rules()[exercise].count == "holds" else None


def _cues(exercise: str, frames: list[Frame], lang: str = "en") -> list[dict[str, object]]:
    coach = CameraCoach(exercise, lang=lang)
    spoken = [u for u in (coach.feed(f) for f in frames) if u.cue is not None]
    cues = coach.summary()["cues"]
    assert isinstance(cues, list)
    assert [c["text"] for c in cues] == [u.cue for u in spoken]  # the summary keeps each
    return cues


def _text(exercise: str, check_id: str, lang: str) -> str:
    check = next(c for c in load_rules()[exercise].checks if c.id == check_id)
    entry = load_catalog(lang=lang).exercises[exercise]
    return str(getattr(entry, check.cue.field)[check.cue.index])


@pytest.mark.parametrize(("exercise", "check"), CHECKS)
def test_each_mistake_gets_its_cue_in_the_catalogs_words(exercise, check):
    frames = stream(exercise, reps=3, mistake=check, hold_seconds=_hold(exercise))
    cues = _cues(exercise, frames)
    assert {"check": check, "text": _text(exercise, check, "en")} in [
        {"check": c["check"], "text": c["text"]} for c in cues]


@pytest.mark.parametrize("exercise", supported_exercises())
def test_no_cue_without_a_mistake_even_on_a_noisy_stream(exercise):
    frames = stream(exercise, reps=3, noise=0.005, drop=0.05, seed=7,
                    hold_seconds=_hold(exercise))
    assert _cues(exercise, frames) == []


@pytest.mark.parametrize(("exercise", "check"), CHECKS)
def test_cues_keep_their_distance(exercise, check):
    frames = stream(exercise, reps=4, mistake=check, hold_seconds=_hold(exercise), seed=2)
    cues = _cues(exercise, frames)
    times = [float(c["t"]) for c in cues]  # type: ignore[arg-type]
    assert all(b - a >= CUE_GAP_SECONDS - 1e-6 for a, b in itertools.pairwise(times))
    for _, same in itertools.groupby(sorted(cues, key=lambda c: str(c["check"])),
                                     key=lambda c: c["check"]):
        again = [float(c["t"]) for c in same]  # type: ignore[arg-type]
        assert all(b - a >= CUE_REPEAT_SECONDS - 1e-6 for a, b in itertools.pairwise(again))


def test_a_persisting_mistake_is_repeated_after_the_cooldown_not_every_frame():
    frames = stream("plank", reps=1, mistake="hips_sag", hold_seconds=20)
    cues = _cues("plank", frames)
    assert 3 <= len(cues) <= 4  # about every 6 s through a 20 s sagging hold


@pytest.mark.parametrize(("frames_wrong", "fires"), [(1, False), (3, False), (12, True)])
def test_a_mistake_must_last_its_dwell_before_the_cue(frames_wrong, fires):
    from backcoach.camera.angles import measure

    clean = stream("bench_leg_raise", reps=1)
    wrong = stream("bench_leg_raise", reps=1, mistake="legs_vertical")
    top = max(range(len(wrong)), key=lambda i: measure(wrong[i]).get("thigh_rise", 0))
    first = top - frames_wrong // 2
    mixed = [*clean[:first], *wrong[first:first + frames_wrong], *clean[first + frames_wrong:]]
    assert [f.t for f in mixed] == [f.t for f in clean]
    assert bool(_cues("bench_leg_raise", mixed)) is fires


@pytest.mark.parametrize(("exercise", "check"), [("hip_hinge", "back_rounds"),
                                                 ("plank", "hips_sag")])
def test_the_cue_is_spoken_in_russian_from_the_russian_catalog(exercise, check):
    frames = stream(exercise, reps=2, mistake=check, hold_seconds=_hold(exercise))
    texts = {str(c["text"]) for c in _cues(exercise, frames, lang="ru")}
    russian = _text(exercise, check, "ru")
    assert russian in texts
    assert russian != _text(exercise, check, "en")
    assert any("а" <= ch <= "я" for ch in russian.lower())


def test_an_unsupported_exercise_names_the_supported_ones():
    with pytest.raises(UnsupportedExerciseError) as caught:
        CameraCoach("partner_sit_up")
    assert isinstance(caught.value, BackcoachError) and caught.value.code == "not_found"
    assert caught.value.field == "exercise"
    for exercise in supported_exercises():
        assert exercise in str(caught.value)
    with pytest.raises(UnsupportedExerciseError, match="'no_such_thing'"):
        CameraCoach("no_such_thing")


def test_the_synthetic_stream_refuses_a_mistake_the_exercise_does_not_have():
    with pytest.raises(InvalidError, match="no form check 'knees_cave'"):
        stream("lunge", mistake="knees_cave")


def test_updates_report_the_person_phase_and_hold_as_it_runs():
    coach = CameraCoach("plank")
    updates: list[Update] = [coach.feed(f) for f in stream("plank", reps=1, hold_seconds=5,
                                                           drop=0.2, seed=5)]
    assert {u.person for u in updates} == {True, False}
    assert updates[0].phase == "setup" and "start" in {u.phase for u in updates}
    holding = [u.hold_seconds for u in updates if u.holding]
    assert holding == sorted(holding) and 5 <= holding[-1] <= 7.5
    assert all("hip_sag" in u.angles for u in updates if u.person and u.phase != "setup")
    summary = coach.summary()
    assert summary["frames"] == len(updates)
    assert summary["frames_with_person"] == sum(u.person for u in updates)
    assert summary["exercise"] == "plank" and summary["count"] == "holds"


def test_a_hold_under_way_when_the_stream_ends_is_in_the_summary():
    frames = stream("side_plank", reps=1, hold_seconds=8)
    cut = frames[: len(frames) * 2 // 3]  # stops in the middle of the hold
    coach = CameraCoach("side_plank")
    for frame in cut:
        coach.feed(frame)
    holds = coach.summary()["holds"]
    assert isinstance(holds, list) and len(holds) == 1 and 2 < holds[0] < 8
