"""The motion rules are catalog data: every supported exercise has rules and a figure, and
a bad rules file is refused with the file, the entry and the field."""

from __future__ import annotations

import shutil

import pytest

from backcoach.camera.coach import supported_exercises
from backcoach.camera.rules import MOTION_DIR, MotionRulesError, load_rules
from backcoach.catalog import load_catalog
from backcoach.errors import BrokenDataError
from backcoach.figures import load_figures

# The list: every exercise a side or front camera can judge.
REQUIRED = {"glute_bridge", "bird_dog", "superman", "back_raise", "plank", "side_plank",
            "cat_cow", "hip_hinge", "bodyweight_squat", "lunge", "bench_leg_raise",
            "hyperextension"}


def test_every_required_exercise_is_supported_with_rules_and_a_figure():
    supported = set(supported_exercises())
    assert supported >= REQUIRED
    rules, figures = load_rules(), load_figures()
    for exercise in supported:
        assert rules[exercise].view == figures[exercise].view
        assert rules[exercise].checks, f"{exercise} has no form check"


def test_the_plank_and_side_plank_and_superman_are_timed_as_holds():
    rules = load_rules()
    assert {e for e, r in rules.items() if r.count == "holds"} == {
        "plank", "side_plank", "superman"}


def test_every_cue_is_a_text_of_the_exercise_in_english_and_russian():
    english, russian = load_catalog(), load_catalog(lang="ru")
    for exercise, rules in load_rules().items():
        for check in rules.checks:
            en = getattr(english.exercises[exercise], check.cue.field)[check.cue.index]
            ru = getattr(russian.exercises[exercise], check.cue.field)[check.cue.index]
            assert en and ru and en != ru


@pytest.fixture
def motion_copy(tmp_path):
    root = tmp_path / "motion"
    shutil.copytree(MOTION_DIR, root)
    return root


def _problems(root) -> list[str]:
    with pytest.raises(MotionRulesError) as caught:
        load_rules(root)
    assert isinstance(caught.value, BrokenDataError)
    return [str(p) for p in caught.value.problems]


def test_the_packaged_rules_load_and_a_copy_loads_the_same(motion_copy):
    assert load_rules(motion_copy) == load_rules()


def test_a_cue_past_the_end_of_the_exercises_texts_is_located(motion_copy):
    path = motion_copy / "hip_hinge.yaml"
    path.write_text(path.read_text().replace("{field: mistakes, index: 1}",
                                             "{field: mistakes, index: 9}"))
    assert _problems(motion_copy) == [
        "motion/hip_hinge.yaml, entry 'check knees_bend', field 'cue.index': exercise "
        "'hip_hinge' has 3 mistakes (index 0 to 2), not index 9"]


def test_an_unknown_angle_a_typo_and_a_missing_bound_are_each_located(motion_copy):
    path = motion_copy / "lunge.yaml"
    text = path.read_text()
    text = text.replace("angle: trunk_lean", "angle: trunk_tilt")
    text = text.replace("hysteresis: 6", "hysteresys: 6")
    path.write_text(text)
    (motion_copy / "plank.yaml").write_text((motion_copy / "plank.yaml").read_text()
                                             .replace("    below: -12\n", ""))
    problems = _problems(motion_copy)
    assert ("motion/lunge.yaml, entry 'check trunk_leans', field 'angle': 'trunk_tilt' is "
            "not a known angle (see backcoach.camera.angles); did you mean 'trunk_lean'? "
            "(got 'trunk_tilt')") in problems
    assert ("motion/lunge.yaml, field 'motion.hysteresys': unknown field 'hysteresys'; did "
            "you mean 'hysteresis'?") in problems
    assert "motion/plank.yaml, entry 'check hips_peak': give one of 'above' or 'below'" in (
        problems)


def test_rules_for_an_exercise_or_figure_that_does_not_exist_are_refused(motion_copy):
    (motion_copy / "hip_hinge.yaml").rename(motion_copy / "hip_hindge.yaml")
    lunge = (motion_copy / "lunge.yaml").read_text()
    (motion_copy / "jumping_jack.yaml").write_text(lunge.replace("exercise: lunge",
                                                                 "exercise: jumping_jack"))
    problems = _problems(motion_copy)
    assert "motion/hip_hindge.yaml, field 'exercise': must match the file name 'hip_hindge'" in (
        problems)
    assert "motion/jumping_jack.yaml, field 'exercise': no catalog exercise 'jumping_jack'" in (
        problems)
    assert ("motion/jumping_jack.yaml, field 'exercise': no figure for 'jumping_jack' "
            "(catalog/data/figures): the synthetic streams are posed from it") in problems


def test_a_view_the_figure_is_not_drawn_from_is_refused(motion_copy):
    path = motion_copy / "side_plank.yaml"
    path.write_text(path.read_text().replace("view: front", "view: side"))
    assert _problems(motion_copy) == [
        "motion/side_plank.yaml, field 'view': the figure is drawn from the front; the "
        "camera rules say side"]


def test_a_missing_folder_is_a_located_error(tmp_path):
    assert _problems(tmp_path / "nowhere") == [
        f"{tmp_path / 'nowhere'}: the motion rules folder does not exist"]


def test_the_translators_tool_leaves_the_motion_rules_alone(data_copy):
    from backcoach.catalog.translate import write_skeletons

    shutil.rmtree(data_copy / "ru")
    written = write_skeletons(data_copy, "ru")
    assert written  # the exercises and the rest still get their files to translate
    assert not (data_copy / "ru" / "motion").exists()
