"""The plan knows what happened today (backcoach.day through make_plan): a day already
done, a rest after a stop for pain, the explicit "again", and the lighter session next time.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest

from backcoach.catalog import Catalog
from backcoach.history import ExerciseDone, SessionRecord, SetDone
from backcoach.planner import Plan, make_plan
from backcoach.profile import Profile

TODAY = date(2026, 11, 30)  # a Monday
PERSON = Profile(age=40, days_per_week=7, minutes_per_day=30)


def _session(day: date = TODAY, *, phase: str = "entry", stopped: str | None = None,
             before: int | None = 2, after: int | None = 2, **extra: Any) -> SessionRecord:
    return SessionRecord(
        date=day, phase=phase, program="entry_month", completed=stopped is None,
        stopped_reason=stopped, pain_before=before, pain_after=after,
        exercises=[ExerciseDone(exercise="cat_cow", sets=[SetDone(reps=10), SetDone(reps=12)]),
                   ExerciseDone(exercise="side_plank", sets=[
                       SetDone(hold_seconds=12.5, side="left"),
                       SetDone(hold_seconds=10, side="right")]),
                   ExerciseDone(exercise="plank", skipped=True, sets=[SetDone()])],
        **extra)


def _plan(catalog: Catalog, history: list[SessionRecord], profile: Profile = PERSON,
          **options: Any) -> Plan:
    return make_plan(profile, history, TODAY, catalog, **options)


def test_a_day_with_nothing_done_is_planned(catalog):
    plan = _plan(catalog, [_session(TODAY - timedelta(days=1))])
    assert plan.today.status == "planned" and plan.today.items
    assert plan.today.done == [] and not plan.today.again


def test_after_a_completed_session_today_is_done_with_what_was_done(catalog):
    plan = _plan(catalog, [_session()])
    day = plan.today
    assert day.status == "done" and day.items == [] and day.train_again_allowed
    assert "done" in day.reason
    (done,) = day.done
    assert done.completed and done.pain_after == 2
    # As progress counts them: a left and right pair is one set; the most reps, the
    # longest hold; the skipped plank is not there.
    assert [(e.exercise_name, e.sets, e.summary) for e in done.exercises] == [
        ("Cat-cow", 2, "2 sets x 12 reps"), ("Side plank", 1, "hold 12.5 s, per side")]
    assert plan.training_today  # still a training day; it is simply done


def test_again_plans_another_session_and_says_so(catalog):
    plan = _plan(catalog, [_session()], again=True)
    assert plan.today.status == "planned" and plan.today.items and plan.today.again
    assert "second session" in plan.today.reason
    assert len(plan.today.done) == 1


@pytest.mark.parametrize("reason", ["pain", "spasm"])
@pytest.mark.parametrize("options", [{}, {"again": True}, {"program": "spine_stretching"},
                                     {"again": True, "program": "therapeutic_set"}],
                         ids=["plain", "again", "program", "again_and_program"])
def test_after_a_stop_for_pain_today_is_a_rest_whatever_is_asked(catalog, reason, options):
    plan = _plan(catalog, [_session(stopped=reason, after=6)], **options)
    day = plan.today
    assert day.status == "rest_after_stop" and day.items == []
    assert not day.train_again_allowed
    assert ("a spasm" if reason == "spasm" else "pain") in day.reason
    assert day.advice == catalog.guidance.pain.what_to_do  # the source's own advice


@pytest.mark.parametrize(("how", "again_allowed"), [
    ({"stopped": "tired"}, True), ({"stopped": "other"}, True),
    ({"after": 7}, False), ({"before": 1, "after": 4}, False), ({"before": 3, "after": 4}, True),
], ids=["tired", "other", "acute_after", "rise_3", "rise_1"])
def test_other_endings_make_the_day_done(catalog, how, again_allowed):
    plan = _plan(catalog, [_session(**how)])
    assert plan.today.status == "done" and plan.today.items == []
    assert plan.today.train_again_allowed is again_allowed
    again = _plan(catalog, [_session(**how)], again=True)
    assert bool(again.today.items) is again_allowed
    if not again_allowed:
        assert "no more today" in again.today.reason


def test_a_rest_day_and_a_screening_that_says_no(catalog):
    rest = make_plan(Profile(age=40, days_per_week=3), [], TODAY + timedelta(days=1), catalog)
    assert rest.today.status == "rest_day" and "next training day" in rest.today.reason
    urgent = _plan(catalog, [], Profile(age=40, red_flags={"saddle_numbness": True}))
    assert urgent.today.status == "not_allowed" and urgent.today.items == []
    assert urgent.today.reason == urgent.screening.headline
    assert urgent.today.advice == urgent.screening.advice


# The next time, after a session that hurt ------------------------------------------------

def test_therapy_after_a_spasm_rests_today_and_is_lighter_next_time(catalog):
    yesterday = TODAY - timedelta(days=1)
    runs = [_session(TODAY - timedelta(days=n), phase="therapeutic") for n in (5, 3)]
    spasm = _session(yesterday, phase="therapeutic", stopped="spasm", after=5)
    same_day = make_plan(PERSON, [*runs, spasm], yesterday, catalog)
    assert same_day.today.status == "rest_after_stop"
    plan = _plan(catalog, [*runs, spasm])
    assert plan.phase == "therapeutic" and plan.today.status == "planned"
    assert "lighter" in plan.today.reason and "spasm" in plan.today.reason
    normal = _plan(catalog, runs)
    assert len(plan.today.items) >= 1
    for item in plan.today.items:
        assert item.sets == 1
        assert any(w.startswith("Lighter today") for w in item.why), item.why
    # No item is harder than the same plan without the spasm.
    usual = {(i.exercise, i.variant): i for i in normal.today.items}
    for item in plan.today.items:
        before = usual.get((item.exercise, item.variant))
        if before is not None:
            for metric in ("sets", "reps", "hold_seconds", "minutes"):
                light, full = getattr(item, metric), getattr(before, metric)
                assert light is None or full is None or light <= full, (item.exercise, metric)


def test_a_higher_phase_steps_down_in_words_after_a_stop(catalog):
    history = [_session(TODAY - timedelta(days=n), phase="strengthening") for n in (6, 4)]
    history.append(_session(TODAY - timedelta(days=2), phase="strengthening", stopped="pain"))
    plan = _plan(catalog, history)
    assert plan.phase == "entry" and plan.phase_change == "down"
    assert plan.phase_change_text is not None
    assert "step back to Entry month" in plan.phase_change_text
    assert "stopped for pain" in plan.phase_change_text


# Every modification an exercise needs ----------------------------------------------------

@pytest.mark.parametrize(("conditions", "exercise", "expected"), [
    ({"hernia": True, "pregnant": True, "sex": "female"}, "ball_stretch",
     ["hernia", "pregnancy"]),
    ({"osteoporosis": True, "pregnant": True, "sex": "female"}, "supine_twist",
     ["osteoporosis", "pregnancy"]),
], ids=["hernia_and_pregnancy", "osteoporosis_and_pregnancy"])
def test_every_modification_is_kept_in_the_catalogs_order(catalog, conditions, exercise,
                                                          expected):
    from backcoach.clearance import Clearance
    from backcoach.player import build_timeline
    from backcoach.screening import clearable_findings

    profile = Profile(age=32, days_per_week=7, minutes_per_day=120, **conditions)
    clearances = [Clearance(date=TODAY, covers=clearable_findings(profile, catalog))]
    plan = make_plan(profile, [], TODAY, catalog, clearances=clearances,
                     program="therapeutic_set" if exercise == "supine_twist"
                     else "spine_stretching")
    item = next(i for i in plan.today.items if i.exercise == exercise)
    assert [m.condition for m in item.modifications] == expected
    wanted = [c for c in catalog.exercises[exercise].cautions
              if c.action == "modify" and c.condition in expected]
    assert [m.modification for m in item.modifications] == [c.modification for c in wanted]
    assert all(m.source and m.reason for m in item.modifications)
    for change in wanted:  # the one text for older readers holds them all
        assert change.modification in (item.modification or "")
    steps = build_timeline([item], catalog).steps
    assert all(list(s.changes) == [c.modification for c in wanted] for s in steps)
