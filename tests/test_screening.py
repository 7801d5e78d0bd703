"""Screening: one scenario per rule, each checking the verdict and the reason behind it.

Every reason a person is shown must carry a code (what rule fired) and a source (the
guideline or the section of the source text it comes from); the tables below name the
expected code for each rule. The last part checks the profile's own validation and the
messages ``load_profile`` gives for bad files.
"""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest

from backcoach.catalog import Catalog
from backcoach.clearance import Clearance
from backcoach.profile import Profile, ProfileError, RedFlags, load_profile, parse_profile
from backcoach.screening import (
    CONSULT_SIGNS,
    EMERGENCY_SIGNS,
    SERIOUS_SIGNS,
    Screening,
    clearable_findings,
    screen,
)

# A healthy adult with nothing to report: the baseline every scenario changes one thing of.
BASE: dict[str, Any] = {"age": 35}
TODAY = date(2026, 11, 30)


def _profile(**changes: Any) -> Profile:
    flags = changes.pop("red_flags", {})
    return Profile(**{**BASE, **changes}, red_flags=RedFlags(**flags))


def _screen(catalog: Catalog, **changes: Any) -> Screening:
    """Screen a profile; ``doctor_cleared=True`` adds a clearance of a month ago covering
    everything in the answers that a clearance can lift."""
    cleared = changes.pop("doctor_cleared", False)
    profile = _profile(**changes)
    clearances = [Clearance(date=TODAY - timedelta(days=30),
                            covers=clearable_findings(profile, catalog))] if cleared else []
    return screen(profile, catalog, clearances, today=TODAY)


def _assert_reason(result: Screening, code: str, verdict: str | None = None) -> None:
    """The reasons include ``code`` with a non-empty text and source (and the verdict)."""
    hits = [r for r in result.reasons if r.code == code]
    assert hits, f"no reason {code!r} in {[r.code for r in result.reasons]}"
    for reason in hits:
        assert reason.source.strip(), f"reason {code!r} has no source"
        assert reason.text.strip(), f"reason {code!r} has no text"
        if verdict is not None:
            assert reason.verdict == verdict, (code, reason.verdict)


def test_a_healthy_adult_may_go(catalog):
    result = _screen(catalog)
    assert result.verdict == "go"
    assert result.allows_plan
    assert result.reasons == []
    assert result.headline and result.advice


# --- urgent: cauda equina signs (emergency, whatever a doctor said before) ----------------

@pytest.mark.parametrize("cleared", [False, True], ids=["not_cleared", "doctor_cleared"])
@pytest.mark.parametrize("flag", sorted(EMERGENCY_SIGNS))
def test_each_cauda_equina_sign_is_an_emergency(catalog, flag, cleared):
    result = _screen(catalog, pain_now="dull", pain_level=3, doctor_cleared=cleared,
                             red_flags={flag: True})
    assert result.verdict == "urgent"
    _assert_reason(result, f"red_flag.{flag}", "urgent")
    assert "emergency department" in result.headline
    assert any("emergency" in a for a in result.advice)
    assert result.exercise_notes == [] and result.excluded() == set()


@pytest.mark.parametrize("cleared", [False, True], ids=["not_cleared", "doctor_cleared"])
def test_pain_down_both_legs_is_an_emergency(catalog, cleared):
    result = _screen(catalog, pain_now="dull", pain_level=4, pain_spreads="both_legs",
                             doctor_cleared=cleared)
    assert result.verdict == "urgent"
    _assert_reason(result, "pain_spreads.both_legs", "urgent")
    assert "emergency department" in result.headline


def test_every_emergency_field_of_the_profile_is_screened():
    # A red flag added to the profile but not to the screening would be silently ignored.
    groups = (set(EMERGENCY_SIGNS), set(SERIOUS_SIGNS), set(CONSULT_SIGNS))
    assert set.union(*groups) == set(RedFlags.model_fields)
    assert sum(len(g) for g in groups) == len(RedFlags.model_fields)  # no field in two


# --- urgent: signs of a possible serious cause (lifted only by a doctor's clearance) ------

@pytest.mark.parametrize("flag", sorted(SERIOUS_SIGNS))
def test_each_serious_sign_sends_to_a_doctor_promptly(catalog, flag):
    result = _screen(catalog, pain_now="dull", pain_level=3, red_flags={flag: True})
    assert result.verdict == "urgent"
    _assert_reason(result, f"red_flag.{flag}", "urgent")
    assert "See a doctor promptly" in result.headline
    assert "emergency department today" not in result.headline
    assert not result.allows_plan


@pytest.mark.parametrize("flag", sorted(SERIOUS_SIGNS))
def test_each_serious_sign_is_lifted_by_a_doctors_clearance(catalog, flag):
    result = _screen(catalog, pain_now="dull", pain_level=3, doctor_cleared=True,
                             red_flags={flag: True})
    assert result.verdict == "go"
    assert result.cleared_by_doctor
    # The finding is still shown, with its source, but no longer blocks the plan.
    _assert_reason(result, f"red_flag.{flag}", "go")


# --- consult: see a doctor first (a clearance turns it into go) ---------------------------

CONSULT_CASES: list[tuple[str, dict[str, Any], list[str]]] = [
    ("pregnant", {"pregnant": True, "sex": "female"}, ["condition.pregnant"]),
    ("recent_birth", {"recent_birth": True, "sex": "female"}, ["condition.recent_birth"]),
    ("recent_injury", {"recent_injury": True}, ["condition.recent_injury"]),
    ("chronic_spine_disease", {"chronic_spine_disease": True},
     ["condition.chronic_spine_disease"]),
    ("spine_flare", {"chronic_spine_disease": True, "spine_flare": True},
     ["condition.spine_flare", "condition.chronic_spine_disease"]),
    ("hernia", {"hernia": True}, ["condition.hernia"]),
    ("pain_below_knee", {"pain_now": "dull", "pain_level": 3, "pain_spreads": "below_knee"},
     ["pain_spreads.below_knee"]),
    ("age_51_new_pain", {"age": 51, "pain_now": "dull", "pain_level": 3, "pain_is_new": True},
     ["age.new_pain"]),
    ("age_19_new_pain", {"age": 19, "pain_now": "dull", "pain_level": 3, "pain_is_new": True},
     ["age.new_pain"]),
    ("age_12_new_pain", {"age": 12, "pain_now": "dull", "pain_level": 2, "pain_is_new": True},
     ["age.new_pain"]),
    ("age_90_new_pain", {"age": 90, "pain_now": "dull", "pain_level": 2, "pain_is_new": True},
     ["age.new_pain"]),
]


@pytest.mark.parametrize(("changes", "codes"), [c[1:] for c in CONSULT_CASES],
                         ids=[c[0] for c in CONSULT_CASES])
def test_each_consult_rule_asks_for_a_doctor_first(catalog, changes, codes):
    result = _screen(catalog, **changes)
    assert result.verdict == "consult"
    for code in codes:
        _assert_reason(result, code, "consult")
    assert "doctor" in result.headline
    assert result.exercise_notes == []


@pytest.mark.parametrize(("changes", "codes"), [c[1:] for c in CONSULT_CASES],
                         ids=[c[0] for c in CONSULT_CASES])
def test_each_consult_rule_is_lifted_by_a_doctors_clearance(catalog, changes, codes):
    result = _screen(catalog, **changes, doctor_cleared=True)
    assert result.verdict == "go"
    for code in codes:
        _assert_reason(result, code, "go")
    assert any("clearance" in a for a in result.advice)


AGE_GO_CASES = [
    ("age_51_old_pain", {"age": 51, "pain_now": "dull", "pain_level": 3, "pain_is_new": False}),
    ("age_19_old_pain", {"age": 19, "pain_now": "dull", "pain_level": 3, "pain_is_new": False}),
    ("age_50_new_pain", {"age": 50, "pain_now": "dull", "pain_level": 3, "pain_is_new": True}),
    ("age_20_new_pain", {"age": 20, "pain_now": "dull", "pain_level": 3, "pain_is_new": True}),
    ("age_70_no_pain_flagged_new", {"age": 70, "pain_now": "none", "pain_is_new": True}),
]


@pytest.mark.parametrize("changes", [c[1] for c in AGE_GO_CASES],
                         ids=[c[0] for c in AGE_GO_CASES])
def test_the_age_rule_needs_new_pain_outside_20_to_50(catalog, changes):
    result = _screen(catalog, **changes)
    assert result.verdict == "go"
    assert "age.new_pain" not in {r.code for r in result.reasons}


def test_pain_into_the_thigh_only_is_no_consult(catalog):
    result = _screen(catalog, pain_now="dull", pain_level=3, pain_spreads="buttock_or_thigh")
    assert result.verdict == "go"


# --- rest: acute or severe pain ---------------------------------------------------------

REST_CASES = [
    ("acute_pain_level_3", {"pain_now": "acute", "pain_level": 3}),
    ("acute_pain_level_9", {"pain_now": "acute", "pain_level": 9}),
    ("dull_pain_level_7", {"pain_now": "dull", "pain_level": 7}),
    ("dull_pain_level_10", {"pain_now": "dull", "pain_level": 10}),
    ("acute_pain_even_when_cleared", {"pain_now": "acute", "pain_level": 4,
                                      "doctor_cleared": True}),
]


@pytest.mark.parametrize("changes", [c[1] for c in REST_CASES], ids=[c[0] for c in REST_CASES])
def test_acute_or_severe_pain_means_rest_today(catalog, changes):
    result = _screen(catalog, **changes)
    assert result.verdict == "rest"
    _assert_reason(result, "pain.acute", "rest")
    assert "No exercise today" in result.headline
    assert result.exercise_notes == []


def test_dull_pain_of_6_may_go(catalog):
    assert _screen(catalog, pain_now="dull", pain_level=6).verdict == "go"


# --- severity order: urgent beats consult beats rest --------------------------------------

SEVERITY_CASES = [
    ("emergency_consult_rest", {"red_flags": {"saddle_numbness": True}, "hernia": True,
                                "pain_now": "acute", "pain_level": 8}, "urgent"),
    ("serious_consult_rest", {"red_flags": {"cancer_history": True}, "pregnant": True,
                              "pain_now": "acute", "pain_level": 5}, "urgent"),
    ("consult_rest", {"hernia": True, "pain_now": "acute", "pain_level": 5}, "consult"),
    ("age_consult_rest", {"age": 60, "pain_is_new": True, "pain_now": "dull",
                          "pain_level": 8}, "consult"),
    ("cleared_consult_rest", {"hernia": True, "doctor_cleared": True, "pain_now": "acute",
                              "pain_level": 5}, "rest"),
    ("cleared_serious_emergency", {"red_flags": {"cancer_history": True,
                                                 "bladder_or_bowel_change": True},
                                   "doctor_cleared": True}, "urgent"),
]


@pytest.mark.parametrize(("changes", "verdict"), [c[1:] for c in SEVERITY_CASES],
                         ids=[c[0] for c in SEVERITY_CASES])
def test_the_most_severe_finding_sets_the_verdict(catalog, changes, verdict):
    result = _screen(catalog, **changes)
    assert result.verdict == verdict
    # Every finding is still listed, not only the one that decided.
    assert len(result.reasons) >= 2
    assert all(r.source.strip() for r in result.reasons)


# --- go, with the exercises the person's conditions exclude or change ---------------------

def test_hernia_cleared_keeps_the_ball_stretch_without_rocking(catalog):
    result = _screen(catalog, hernia=True, doctor_cleared=True)
    assert result.verdict == "go"
    notes = [n for n in result.exercise_notes if n.exercise == "ball_stretch"]
    assert len(notes) == 1
    note = notes[0]
    assert note.action == "modify" and note.condition == "hernia"
    assert "rock" in note.reason.lower() and note.modification
    assert "rocking" in note.modification.lower()
    assert note.source == "spine_stretching"
    assert "ball_stretch" not in result.excluded()
    # Loaded barbell work stays out with a hernia.
    assert {"deadlift", "barbell_squat"} <= result.excluded()


def test_osteoporosis_excludes_what_the_data_says(catalog):
    result = _screen(catalog, osteoporosis=True, age=66)
    assert result.verdict == "go"  # osteoporosis alone is no reason to see a doctor first
    out = {ex.id for ex in catalog.exercises.values() for c in ex.cautions
           if c.condition == "osteoporosis" and c.action in ("exclude", "clearance")}
    changed = {ex.id for ex in catalog.exercises.values() for c in ex.cautions
               if c.condition == "osteoporosis" and c.action == "modify"}
    assert {"partner_sit_up", "seated_tuck", "roman_chair_crunch"} <= out
    assert {"standing_forward_bend", "supine_twist"} <= changed
    assert out <= result.excluded()
    assert not changed & result.excluded()
    for note in result.exercise_notes:
        assert note.reason.strip() and note.source.strip()
        if note.condition == "osteoporosis":
            assert note.action != "modify" or note.modification


def test_osteoporosis_cleared_lifts_only_the_clearance_cautions(catalog):
    result = _screen(catalog, osteoporosis=True, age=66, doctor_cleared=True)
    hard_out = {ex.id for ex in catalog.exercises.values() for c in ex.cautions
                if c.condition == "osteoporosis" and c.action == "exclude"}
    assert hard_out <= result.excluded()
    assert "thoracic_crunch" not in result.excluded()  # a clearance caution


@pytest.mark.parametrize("exercise", ["deadlift", "barbell_squat"])
@pytest.mark.parametrize(("changes", "excluded", "condition"), [
    ({}, True, "trainer"),
    ({"place": "gym"}, True, "trainer"),
    ({"supervised": True, "place": "gym"}, False, None),
    ({"supervised": True, "pain_now": "dull", "pain_level": 2}, True, "healthy_spine"),
    ({"supervised": True, "osteoporosis": True}, True, "healthy_spine"),
], ids=["alone", "alone_at_gym", "supervised_healthy", "supervised_in_pain",
        "supervised_osteoporosis"])
def test_barbell_lifts_need_a_trainer_and_a_healthy_spine(catalog, exercise, changes,
                                                          excluded, condition):
    result = _screen(catalog, **changes)
    assert result.verdict == "go"
    assert (exercise in result.excluded()) is excluded
    if condition:
        note = next(n for n in result.exercise_notes
                    if n.exercise == exercise and n.condition == condition)
        assert note.reason.strip() and note.source.strip()


def test_every_exercise_note_has_reason_and_source(catalog):
    result = _screen(catalog, hernia=True, osteoporosis=True, pregnant=True,
                     chronic_spine_disease=True, pain_now="dull", pain_level=3,
                     pain_spreads="below_knee", doctor_cleared=True, sex="female")
    assert result.verdict == "go"
    assert result.exercise_notes
    for note in result.exercise_notes:
        assert note.reason.strip() and note.source.strip()
        assert note.exercise in catalog.exercises
        if note.action == "modify":
            assert note.modification


# --- the profile's own validation ------------------------------------------------------

@pytest.mark.parametrize(("data", "expected"), [
    ({"age": 30, "pain_now": "none", "pain_level": 3}, ["pain_now", "pain_level", "3"]),
    ({"age": 30, "pain_now": "dull", "pain_level": 0}, ["pain_now", "pain_level", "1 to 10"]),
    ({"age": 30, "spine_flare": True}, ["spine_flare", "chronic_spine_disease"]),
    ({"age": 30, "equipment": ["mat", "dumbbell"]},
     ["equipment.1", "'dumbbell'", "'mat'", "'fitball'", "'gymnastic_stick'"]),
    ({"age": 5}, ["age", "greater than or equal to 12", "(got 5)"]),
    ({"age": 111}, ["age", "less than or equal to 110"]),
    ({"age": 30, "pain_now": "sharp"}, ["pain_now", "'none'", "'dull'", "'acute'", "'sharp'"]),
    ({"age": 30, "minutes_per_day": 2}, ["minutes_per_day", "5"]),
    ({"age": 30, "days_per_week": 8}, ["days_per_week", "7"]),
    ({"age": 30, "hernai": True}, ["hernai", "not permitted"]),
    ({}, ["age", "required"]),
], ids=["no_pain_but_level_3", "pain_but_level_0", "flare_without_disease", "unknown_equipment",
        "age_5", "age_111", "unknown_pain_word", "minutes_too_few", "days_too_many",
        "typo_field", "age_missing"])
def test_bad_profiles_are_refused_with_the_field_named(data, expected):
    with pytest.raises(ProfileError) as info:
        parse_profile(data, "me.toml")
    message = str(info.value)
    assert message.startswith("me.toml: ")
    for part in expected:
        assert part in message, (part, message)


def test_the_profile_tags_what_applies(catalog):
    profile = _profile(hernia=True, pain_now="acute", pain_level=5, pain_spreads="below_knee")
    assert profile.conditions() == {"hernia", "acute_pain", "radiating_pain"}
    assert not profile.spine_is_healthy()
    assert _profile().spine_is_healthy()
    assert _profile(pregnant=True).spine_is_healthy()


# --- load_profile: files -----------------------------------------------------------------

def test_load_profile_reads_toml_and_json(tmp_path: Path):
    toml = tmp_path / "me.toml"
    toml.write_text('age = 52\npain_now = "dull"\npain_level = 4\nequipment = ["chair"]\n'
                    "[red_flags]\nnight_pain = false\n", encoding="utf-8")
    doc = tmp_path / "me.json"
    doc.write_text(json.dumps({"age": 52, "pain_now": "dull", "pain_level": 4,
                               "equipment": ["chair"]}), encoding="utf-8")
    assert load_profile(toml) == load_profile(doc)
    assert load_profile(toml).equipment == ["chair"]


def test_load_profile_bad_toml(tmp_path: Path):
    path = tmp_path / "me.toml"
    path.write_text('age = \npain_now = "dull"\n', encoding="utf-8")
    with pytest.raises(ProfileError, match="not valid TOML") as info:
        load_profile(path)
    assert str(path) in str(info.value)


def test_load_profile_bad_json(tmp_path: Path):
    path = tmp_path / "me.json"
    path.write_text('{"age": 40,', encoding="utf-8")
    with pytest.raises(ProfileError, match="not valid JSON") as info:
        load_profile(path)
    assert str(path) in str(info.value)


def test_load_profile_missing_file(tmp_path: Path):
    path = tmp_path / "nowhere.toml"
    with pytest.raises(ProfileError, match="cannot read the profile") as info:
        load_profile(path)
    assert str(path) in str(info.value)


def test_load_profile_wrong_value_names_field_and_allowed_values(tmp_path: Path):
    path = tmp_path / "me.toml"
    path.write_text('age = 40\npain_spreads = "foot"\n', encoding="utf-8")
    with pytest.raises(ProfileError) as info:
        load_profile(path)
    message = str(info.value)
    assert f"{path}: pain_spreads:" in message
    for allowed in ("'none'", "'buttock_or_thigh'", "'below_knee'", "'both_legs'"):
        assert allowed in message
    assert "'foot'" in message


def test_load_profile_missing_field_names_it(tmp_path: Path):
    path = tmp_path / "me.json"
    path.write_text(json.dumps({"pain_now": "none"}), encoding="utf-8")
    with pytest.raises(ProfileError) as info:
        load_profile(path)
    assert f"{path}: age: Field required" in str(info.value)


def test_load_profile_reports_every_bad_field(tmp_path: Path):
    path = tmp_path / "me.json"
    path.write_text(json.dumps({"age": 5, "equipment": ["anvil"], "goal": "win"}),
                    encoding="utf-8")
    with pytest.raises(ProfileError) as info:
        load_profile(path)
    lines = str(info.value).splitlines()
    assert len(lines) == 3
    assert {line.split(": ")[1] for line in lines} == {"age", "equipment.0", "goal"}
