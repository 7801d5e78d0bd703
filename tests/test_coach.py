"""The use cases both skins call, on a real store: they read the whole record."""

from __future__ import annotations

from datetime import date

import pytest

from backcoach import coach
from backcoach.profile import Profile, RedFlags
from backcoach.store import RecordError

TODAY = date(2026, 11, 27)


def test_nothing_is_planned_or_cleared_before_the_questions(store, catalog):
    with pytest.raises(coach.NoProfileError, match="answer the questions"):
        coach.plan(store, catalog, TODAY)
    with pytest.raises(coach.NoProfileError):
        coach.record_clearance(store, catalog, on=TODAY, note=None, today=TODAY)
    assert store.clearances() == []


def test_a_clearance_covers_the_answers_as_they_stand_and_the_plan_reads_it(store, catalog):
    store.save_profile(Profile(age=52, hernia=True, red_flags=RedFlags(night_pain=True)))
    assert coach.plan(store, catalog, TODAY).today.status == "not_allowed"
    with pytest.raises(RecordError, match="future"):
        coach.record_clearance(store, catalog, on=date(2026, 12, 1), note=None, today=TODAY)
    clearance = coach.record_clearance(store, catalog, on=date(2026, 11, 20), note="Dr Lee",
                                       today=TODAY)
    assert clearance.covers == ["red_flag.night_pain", "condition.hernia"]
    assert store.clearances() == [clearance]
    assert coach.screening(store, catalog, TODAY).verdict == "go"
    assert coach.plan(store, catalog, TODAY).screening.cleared_by_doctor
    # A file's answers and clearances replace the stored ones when given.
    other = Profile(age=30, pregnant=True, sex="female")
    assert coach.screening(store, catalog, TODAY, answers=other).verdict == "consult"
    assert coach.plan(None, catalog, TODAY, answers=other, clearances=[],
                      history=[]).screening.verdict == "consult"


def test_nothing_to_clear_is_refused(store, catalog):
    store.save_profile(Profile(age=30))
    with pytest.raises(RecordError, match="nothing in your answers needs"):
        coach.record_clearance(store, catalog, on=TODAY, note=None, today=TODAY)
