"""A doctor's clearance: dated, listing what it covers, and judged by the screening.

Each rule of issue 12's first part as a table: what a clearance lifts and what it does not
(a finding new since, a serious sign after twelve months, an emergency sign ever).
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest

from backcoach.catalog import Catalog
from backcoach.clearance import SERIOUS_VALID_DAYS, Clearance, covering, latest
from backcoach.profile import Profile, RedFlags
from backcoach.screening import Reason, Screening, clearable_findings, screen

TODAY = date(2026, 11, 30)


def _profile(**changes: Any) -> Profile:
    flags = changes.pop("red_flags", {})
    return Profile(**{"age": 40, **changes}, red_flags=RedFlags(**flags))


def _screen(catalog: Catalog, profile: Profile, *clearances: Clearance) -> Screening:
    return screen(profile, catalog, list(clearances), today=TODAY)


def _days_ago(days: int, *covers: str, note: str | None = None) -> Clearance:
    return Clearance(date=TODAY - timedelta(days=days), covers=list(covers), note=note)


def _reason(result: Screening, code: str) -> Reason:
    return next(r for r in result.reasons if r.code == code)


# What a clearance covers ------------------------------------------------------------------

@pytest.mark.parametrize(("changes", "covers"), [
    ({}, []),
    ({"hernia": True}, ["condition.hernia"]),
    ({"osteoporosis": True}, ["condition.osteoporosis"]),  # gates the barbell squat...
    ({"hernia": True, "red_flags": {"fever_or_chills": True}},
     ["red_flag.fever_or_chills", "condition.hernia"]),
    ({"pain_now": "dull", "pain_level": 3, "pain_spreads": "below_knee", "pain_is_new": True,
      "age": 60}, ["pain_spreads.below_knee", "age.new_pain"]),
    ({"long_term_steroids": True}, ["condition.long_term_steroids"]),
    ({"red_flags": {"saddle_numbness": True}}, []),  # an emergency is never cleared
    ({"pain_now": "acute", "pain_level": 8}, []),  # nor is acute pain
], ids=["nothing", "hernia", "osteoporosis", "fever_and_hernia", "nerve_and_age",
        "steroids", "emergency", "acute"])
def test_a_clearance_covers_exactly_what_it_can_lift(catalog, changes, covers):
    profile = _profile(**changes)
    assert clearable_findings(profile, catalog) == covers
    result = _screen(catalog, profile)
    assert result.clearance_covers == covers
    assert result.needs_clearance == covers


def test_a_clearance_lifts_what_it_covers_and_says_when(catalog):
    profile = _profile(hernia=True)
    assert _screen(catalog, profile).verdict == "consult"
    result = _screen(catalog, profile, _days_ago(10, "condition.hernia", note="Dr Lee"))
    assert result.verdict == "go" and result.cleared_by_doctor
    hernia = _reason(result, "condition.hernia")
    assert hernia.verdict == "go" and hernia.cleared_on == TODAY - timedelta(days=10)
    assert f"cleared you on {TODAY - timedelta(days=10)}" in hernia.text
    assert result.needs_clearance == []


def test_a_finding_new_since_the_clearance_is_not_covered(catalog):
    # Cleared months ago for a hernia; now fever and weight loss are reported.
    profile = _profile(hernia=True, red_flags={"fever_or_chills": True,
                                               "unexplained_weight_loss": True})
    old = _days_ago(200, "condition.hernia")
    result = _screen(catalog, profile, old)
    assert result.verdict == "urgent" and not result.allows_plan
    assert _reason(result, "condition.hernia").verdict == "go"
    for code in ("red_flag.fever_or_chills", "red_flag.unexplained_weight_loss"):
        reason = _reason(result, code)
        assert reason.verdict == "urgent" and reason.cleared_on is None
        assert f"Your clearance of {old.date} did not cover it." in reason.text
    assert result.advice[0].startswith(
        f"Your clearance of {old.date} did not cover: unexplained weight loss, fever or chills")
    assert result.needs_clearance == ["red_flag.unexplained_weight_loss",
                                      "red_flag.fever_or_chills"]


@pytest.mark.parametrize(("days", "verdict"), [
    (0, "go"), (200, "go"), (SERIOUS_VALID_DAYS, "go"), (SERIOUS_VALID_DAYS + 1, "urgent"),
    (800, "urgent"), (-1, "urgent"),  # dated tomorrow: not a clearance yet
])
def test_a_serious_sign_needs_a_clearance_from_the_last_twelve_months(catalog, days, verdict):
    profile = _profile(red_flags={"cancer_history": True})
    result = _screen(catalog, profile, _days_ago(days, "red_flag.cancer_history"))
    assert result.verdict == verdict
    if verdict == "urgent" and days > 0:
        assert "more than twelve months old" in _reason(result, "red_flag.cancer_history").text


@pytest.mark.parametrize("days", [0, 400, 3000])
def test_a_reason_to_consult_stays_cleared_however_old_the_clearance(catalog, days):
    profile = _profile(chronic_spine_disease=True)
    result = _screen(catalog, profile, _days_ago(days, "condition.chronic_spine_disease"))
    assert result.verdict == "go"


@pytest.mark.parametrize("flag", ["saddle_numbness", "bladder_or_bowel_change",
                                  "legs_weak_or_walking_changed"])
def test_no_clearance_ever_lifts_an_emergency_sign(catalog, flag):
    profile = _profile(red_flags={flag: True})
    # Even a clearance that (by hand) lists the emergency sign itself.
    result = _screen(catalog, profile, _days_ago(1, f"red_flag.{flag}"))
    assert result.verdict == "urgent" and "emergency department" in result.headline
    assert result.needs_clearance == [] and result.clearance_covers == []


def test_the_newest_of_several_clearances_counts(catalog):
    profile = _profile(hernia=True, red_flags={"night_pain": True})
    both = [_days_ago(500, "condition.hernia", "red_flag.night_pain"),
            _days_ago(30, "condition.hernia")]
    result = _screen(catalog, profile, *both)
    # Night pain was cleared 500 days ago: too long for a serious sign; the hernia is fine.
    assert result.verdict == "urgent"
    assert _reason(result, "condition.hernia").cleared_on == TODAY - timedelta(days=30)
    assert covering(both, "condition.hernia", today=TODAY, serious=False) is both[1]
    assert latest(both, today=TODAY) is both[1]


def test_a_clearance_lifts_an_exercise_that_needs_one_only_for_its_condition(catalog):
    profile = _profile(osteoporosis=True, age=66)
    assert "thoracic_crunch" in _screen(catalog, profile).excluded()  # a "clearance" caution
    assert "thoracic_crunch" in _screen(catalog, profile,
                                        _days_ago(3, "condition.hernia")).excluded()
    cleared = _screen(catalog, profile, _days_ago(3, "condition.osteoporosis"))
    assert "thoracic_crunch" not in cleared.excluded()
    assert {"partner_sit_up", "seated_tuck"} <= cleared.excluded()  # "exclude" stays


def test_screening_with_clearances_needs_the_day(catalog):
    with pytest.raises(ValueError, match="today"):
        screen(_profile(hernia=True), catalog, [_days_ago(1, "condition.hernia")])
