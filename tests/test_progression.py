"""Phases and numbers: decide_phase and dose_for, on histories built day by day."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest

from backcoach.catalog import Catalog
from backcoach.catalog.models import Prescription, ProgramItem
from backcoach.clearance import Clearance
from backcoach.history import ExerciseDone, SessionRecord, SetDone
from backcoach.profile import Profile
from backcoach.progression import CAPS, LADDER, PROMOTION, decide_phase, dose_for
from backcoach.screening import clearable_findings, screen

TODAY = date(2026, 11, 23)


def _profile(**changes: Any) -> Profile:
    return Profile(**{"age": 35, **changes})


def _session(days_ago: int, phase: str = "entry", *, ok: bool = True,
             stopped: str | None = None, before: int | None = None, after: int | None = None,
             done: list[ExerciseDone] | None = None) -> SessionRecord:
    return SessionRecord(
        date=TODAY - timedelta(days=days_ago), phase=phase,
        completed=stopped is None and ok, stopped_reason=stopped,
        pain_before=before, pain_after=after, exercises=done or [],
    )


def _run(phase: str, days_ago: list[int], **kw: Any) -> list[SessionRecord]:
    return [_session(d, phase, **kw) for d in sorted(days_ago, reverse=True)]


def _decide(profile: Profile, history: list[SessionRecord], catalog, today: date = TODAY, *,
            cleared: bool = False):
    """Decide the phase; ``cleared``: with a clearance of today covering the answers."""
    clearances = [Clearance(date=today, covers=clearable_findings(profile, catalog))] \
        if cleared else []
    return decide_phase(profile, screen(profile, catalog, clearances, today=today), history,
                        today)


# --- the first phase, from the profile alone ---------------------------------------------

@pytest.mark.parametrize(("changes", "phase"), [
    ({}, "entry"),
    ({"pain_now": "dull", "pain_level": 2}, "entry"),
    ({"pain_now": "dull", "pain_level": 3}, "entry"),
    ({"pain_now": "dull", "pain_level": 4}, "therapeutic"),
    ({"pain_now": "dull", "pain_level": 6}, "therapeutic"),
    ({"pain_now": "acute", "pain_level": 3}, "rest"),
    ({"pain_now": "dull", "pain_level": 7}, "rest"),
    ({"hernia": True, "doctor_cleared": True}, "therapeutic"),
    ({"pregnant": True, "doctor_cleared": True, "sex": "female"}, "therapeutic"),
    ({"recent_birth": True, "doctor_cleared": True, "sex": "female"}, "therapeutic"),
    ({"chronic_spine_disease": True, "doctor_cleared": True}, "therapeutic"),
    ({"age": 60, "pain_now": "dull", "pain_level": 2, "pain_is_new": True,
      "doctor_cleared": True}, "therapeutic"),
    ({"red_flags": {"cancer_history": True}, "doctor_cleared": True}, "therapeutic"),
    ({"doctor_cleared": True}, "entry"),  # nothing asked for the clearance
    ({"osteoporosis": True, "age": 66}, "entry"),
], ids=["no_pain", "dull_2", "dull_3", "dull_4", "dull_6", "acute", "severe_7",
        "hernia_cleared", "pregnancy_cleared", "recent_birth_cleared", "chronic_cleared",
        "age_rule_cleared", "serious_flag_cleared", "cleared_without_need", "osteoporosis"])
def test_first_phase_by_profile(catalog, changes, phase):
    changes = dict(changes)
    cleared = changes.pop("doctor_cleared", False)
    decision = _decide(_profile(**changes), [], catalog, cleared=cleared)
    assert decision.phase == phase
    assert decision.reasons and all(r.strip() for r in decision.reasons)
    assert decision.changed is None


# --- promotion: enough days and completed sessions ---------------------------------------

@pytest.mark.parametrize(("phase", "following"), [
    ("therapeutic", "entry"), ("entry", "strengthening"), ("strengthening", "advanced"),
])
def test_promotion_after_enough_days_and_sessions(catalog, phase, following):
    need_days, need_sessions, _ = PROMOTION[phase]
    # need_sessions completed sessions, the first exactly need_days ago.
    days = sorted({need_days - round(i * (need_days - 1) / (need_sessions - 1))
                   for i in range(need_sessions)}, reverse=True)
    assert len(days) == need_sessions and days[0] == need_days
    decision = _decide(_profile(), _run(phase, days), catalog)
    assert decision.phase == following
    assert decision.changed == "up"
    assert any(f"move up to {following}" in r for r in decision.reasons)


@pytest.mark.parametrize("phase", ["therapeutic", "entry", "strengthening"])
def test_no_promotion_a_day_too_early(catalog, phase):
    need_days, need_sessions, _ = PROMOTION[phase]
    days = [need_days - 1 - i % (need_days - 1) for i in range(need_sessions + 5)]
    decision = _decide(_profile(), _run(phase, days), catalog)
    assert decision.phase == phase
    assert decision.changed is None
    assert any("1 more day" in r for r in decision.reasons)


@pytest.mark.parametrize("phase", ["therapeutic", "entry", "strengthening"])
def test_no_promotion_a_session_short(catalog, phase):
    need_days, need_sessions, _ = PROMOTION[phase]
    days = sorted({need_days + 10 - i for i in range(need_sessions - 1)}, reverse=True)
    decision = _decide(_profile(), _run(phase, days), catalog)
    assert decision.phase == phase
    assert any("1 more session" in r for r in decision.reasons)


def test_stopped_sessions_are_not_counted_as_done(catalog):
    # Six sessions over three weeks, but one was stopped (tired): only 5 completed.
    history = [_session(21, "therapeutic"), _session(18, "therapeutic"),
               _session(15, "therapeutic", stopped="tired"), _session(10, "therapeutic"),
               _session(5, "therapeutic"), _session(1, "therapeutic")]
    decision = _decide(_profile(), history, catalog)
    assert decision.phase == "therapeutic"
    assert any("1 more session" in r for r in decision.reasons)


def test_a_recent_setback_holds_promotion_back(catalog):
    history = _run("therapeutic", [20, 18, 16, 14, 12])
    history.append(_session(10, "therapeutic", before=2, after=4))
    history.append(_session(1, "therapeutic", before=2, after=2))
    decision = _decide(_profile(), history, catalog)
    assert decision.phase == "therapeutic"
    assert any("two weeks without" in r for r in decision.reasons)


def test_only_the_run_in_the_current_phase_counts(catalog):
    # A month of therapy, then two days of entry: the entry month has just begun.
    history = _run("therapeutic", list(range(40, 10, -2))) + _run("entry", [2, 1])
    decision = _decide(_profile(), history, catalog)
    assert decision.phase == "entry"
    assert decision.changed is None


def test_future_sessions_are_ignored(catalog):
    history = [*_run("strengthening", [3]), _session(-1, "strengthening", stopped="pain")]
    assert _decide(_profile(), history, catalog).phase == "strengthening"


def test_advanced_is_the_top(catalog):
    history = _run("advanced", list(range(90, 0, -2)))
    decision = _decide(_profile(), history, catalog)
    assert decision.phase == "advanced" and decision.changed is None


# --- stepping down after a session that hurt --------------------------------------------

@pytest.mark.parametrize(("phase", "lower"), [
    ("entry", "therapeutic"), ("strengthening", "entry"), ("advanced", "strengthening"),
])
@pytest.mark.parametrize("how", [
    {"stopped": "pain"}, {"stopped": "spasm"}, {"before": 2, "after": 4},
    {"before": 0, "after": 5}, {"stopped": "pain", "before": 3, "after": 3},
    {"before": None, "after": 7}, {"before": 6, "after": 7},
], ids=["stopped_pain", "stopped_spasm", "rise_2", "rise_5", "stopped_no_rise",
        "acute_after", "acute_after_small_rise"])
def test_a_session_that_hurt_moves_one_phase_down(catalog, phase, lower, how):
    history = [*_run(phase, list(range(40, 2, -2))), _session(1, phase, **how)]
    decision = _decide(_profile(), history, catalog)
    assert decision.phase == lower
    assert decision.changed == "down"
    assert any("step back" in r for r in decision.reasons)
    # Said in words a person reads, naming the phase, never a bare "down".
    assert decision.change_text and "step back" in decision.change_text.lower()
    assert decision.setback is None  # the lower phase is gentler already


@pytest.mark.parametrize(("after", "down"), [
    ([2, 3, 4], True), ([1, 3], True), ([5, 4, 7], True), ([2, 3, 3], False),
    ([4, 2, 4], True), ([3, 2, 1], False), ([6, 3, 4], False), ([2, 4, 3], False),
], ids=["2_3_4", "1_3", "5_4_7_acute", "2_3_3", "4_2_4", "falling", "small_rise_from_low",
        "up_then_down"])
def test_pain_after_rising_over_the_last_sessions_steps_down(catalog, after, down):
    history = [*_run("strengthening", [20, 18, 16])]
    history += [_session(len(after) - n, "strengthening", before=a, after=a)
                for n, a in enumerate(after)]  # no rise within any one session
    decision = _decide(_profile(), history, catalog)
    assert (decision.phase == "entry") is down, decision.reasons
    if down:
        assert decision.change_text is not None
        assert f"went from {min(after[:-1])} to {after[-1]}" in decision.reasons[0] \
            or "pain of" in decision.reasons[0]


def test_a_rising_trend_steps_down_once_not_every_session(catalog):
    history = [_session(n, "strengthening", before=a, after=a)
               for n, a in ((6, 2), (5, 3), (4, 4))]
    assert _decide(_profile(), history, catalog).phase == "entry"
    # The first session in the lower phase starts a run of its own: no second step down.
    history.append(_session(2, "entry", before=4, after=4))
    assert _decide(_profile(), history, catalog).phase == "entry"


@pytest.mark.parametrize("how", [
    {"stopped": "tired"}, {"stopped": "other"}, {"before": 2, "after": 3},
    {"before": 5, "after": 1}, {"before": None, "after": 6}, {"before": 4, "after": None},
], ids=["stopped_tired", "stopped_other", "rise_1", "pain_fell", "no_before", "no_after"])
def test_no_step_down_without_pain(catalog, how):
    history = [*_run("strengthening", [5, 3]), _session(1, "strengthening", **how)]
    decision = _decide(_profile(), history, catalog)
    assert decision.phase == "strengthening"
    assert decision.changed != "down"


def test_therapeutic_is_the_floor_with_a_note(catalog):
    history = [*_run("therapeutic", [5, 3]), _session(1, "therapeutic", stopped="spasm")]
    decision = _decide(_profile(), history, catalog)
    assert decision.phase == "therapeutic"
    assert decision.changed is None
    assert any("gentlest" in r and "see a doctor" in r for r in decision.reasons)
    # It cannot step down, so the next session is lighter, and says why.
    assert decision.setback == f"your last session ({TODAY - timedelta(days=1)}) was stopped " \
                               "for a spasm"


def test_only_the_last_session_decides_a_step_down(catalog):
    # The painful session was followed by a good one: no step down today.
    history = [*_run("entry", [6, 4]), _session(3, "entry", stopped="pain"),
               _session(1, "entry", before=1, after=1)]
    assert _decide(_profile(), history, catalog).phase == "entry"


def test_pain_today_of_5_keeps_the_day_gentle(catalog):
    history = _run("strengthening", [5, 3, 1])
    decision = _decide(_profile(pain_now="dull", pain_level=5), history, catalog)
    assert decision.phase == "therapeutic"
    assert decision.changed == "down"


def test_rest_verdict_is_the_rest_phase_whatever_the_history(catalog):
    history = _run("advanced", [5, 3, 1])
    decision = _decide(_profile(pain_now="acute", pain_level=6), history, catalog)
    assert decision.phase == "rest"


# --- caps: conditions limit how high the phase goes -------------------------------------

def test_pregnancy_cleared_stays_therapeutic(catalog):
    profile = _profile(pregnant=True, sex="female")
    long_run = _run("therapeutic", list(range(60, 0, -2)))
    decision = _decide(profile, long_run, catalog, cleared=True)
    assert decision.phase == "therapeutic"
    assert decision.changed is None
    assert any("Kept at therapeutic" in r and "pregnancy" in r for r in decision.reasons)
    # Even if the log says she was further along before, the cap holds.
    assert _decide(profile, _run("strengthening", [3, 1]), catalog,
                   cleared=True).phase == "therapeutic"


@pytest.mark.parametrize("last_phase", ["entry", "strengthening", "advanced"])
def test_hernia_is_never_advanced(catalog, last_phase):
    profile = _profile(hernia=True)
    history = _run(last_phase, list(range(120, 0, -2)))
    decision = _decide(profile, history, catalog, cleared=True)
    assert decision.phase != "advanced"
    assert LADDER.index(decision.phase) <= LADDER.index("strengthening")
    if last_phase == "strengthening":
        assert decision.changed is None  # the promotion was taken back by the cap
        assert any("hernia" in r for r in decision.reasons)


@pytest.mark.parametrize(("changes", "condition"), [
    ({"pregnant": True, "doctor_cleared": True, "sex": "female"}, "pregnancy"),
    ({"recent_birth": True, "doctor_cleared": True, "sex": "female"}, "recent_birth"),
    ({"recent_injury": True, "doctor_cleared": True}, "recent_injury"),
    ({"chronic_spine_disease": True, "spine_flare": True, "doctor_cleared": True},
     "spine_flare"),
    ({"chronic_spine_disease": True, "doctor_cleared": True}, "chronic_spine_disease"),
    ({"hernia": True, "doctor_cleared": True}, "hernia"),
    ({"osteoporosis": True}, "osteoporosis"),
    ({"pain_now": "dull", "pain_level": 2, "pain_spreads": "below_knee",
      "doctor_cleared": True}, "radiating_pain"),
])
def test_each_cap_holds_after_a_long_advanced_history(catalog, changes, condition):
    cap, _ = CAPS[condition]
    history = _run("advanced", list(range(120, 0, -2)))
    changes = dict(changes)
    cleared = changes.pop("doctor_cleared", False)
    decision = _decide(_profile(**changes), history, catalog, cleared=cleared)
    assert LADDER.index(decision.phase) <= LADDER.index(cap)


# --- dose_for: today's numbers ------------------------------------------------------------

def _item(catalog: Catalog, program: str, exercise: str,
          variant: str | None = None) -> ProgramItem:
    return next(i for i in catalog.programs[program].items()
                if i.exercise == exercise and i.variant == variant)


def _did(exercise: str, days_ago: int, *, reps: int | None = None, hold: float | None = None,
         minutes: float | None = None, sets: int = 1, bad: bool = False,
         phase: str = "entry") -> SessionRecord:
    done = ExerciseDone(exercise=exercise, sets=[
        SetDone(reps=reps, hold_seconds=hold, minutes=minutes) for _ in range(sets)])
    return _session(days_ago, phase, done=[done], stopped="pain" if bad else None)


def test_first_time_is_the_progression_start(catalog):
    item = _item(catalog, "entry_month", "back_raise", "diver")
    dose = dose_for("back_raise", item.dose, [], TODAY)
    assert item.dose.progression is not None
    assert dose.reps == 10 == item.dose.progression.start.low
    assert dose.sets == 1
    assert dose.why and "First time" in dose.why


def test_first_time_of_a_ranged_start_is_its_low_end(catalog):
    item = _item(catalog, "therapy_stages_1_2", "supine_twist", "hands_behind_head")
    assert dose_for("supine_twist", item.dose, [], TODAY).reps == 3


def test_other_exercises_in_the_log_do_not_count(catalog):
    item = _item(catalog, "therapy_stages_1_2", "supine_twist", "hands_behind_head")
    # The later session that hurt had no twist in it: the twist's last time was good.
    history = [_did("supine_twist", 3, reps=5), _did("cat_cow", 1, reps=10, bad=True)]
    assert dose_for("supine_twist", item.dose, history, TODAY).reps == 6


def test_a_good_session_adds_one_step(catalog):
    item = _item(catalog, "therapy_stages_1_2", "supine_twist", "hands_behind_head")
    dose = dose_for("supine_twist", item.dose, [_did("supine_twist", 1, reps=5)], TODAY)
    assert dose.reps == 6  # step 1
    assert dose.why and "+1" in dose.why


def test_the_step_is_from_what_was_done_not_the_plan(catalog):
    item = _item(catalog, "entry_month", "cat_cow")  # step 5, no even-climb for 4 weeks
    history = [_did("cat_cow", d, reps=12) for d in range(40, 0, -1)]
    assert dose_for("cat_cow", item.dose, history, TODAY).reps == 17


def test_a_bad_session_takes_one_step_back(catalog):
    item = _item(catalog, "therapy_stages_1_2", "supine_twist", "hands_behind_head")
    history = [_did("supine_twist", 3, reps=7), _did("supine_twist", 1, reps=8, bad=True)]
    dose = dose_for("supine_twist", item.dose, history, TODAY)
    assert dose.reps == 7
    assert dose.why and "step back" in dose.why


def test_a_pain_rise_of_2_counts_as_bad(catalog):
    item = _item(catalog, "therapy_stages_1_2", "supine_twist", "hands_behind_head")
    session = _did("supine_twist", 1, reps=8).model_copy(update={"pain_before": 1,
                                                                  "pain_after": 3})
    assert dose_for("supine_twist", item.dose, [session], TODAY).reps == 7
    session = session.model_copy(update={"pain_after": 2})
    assert dose_for("supine_twist", item.dose, [session], TODAY).reps == 9


def test_never_below_the_start(catalog):
    item = _item(catalog, "therapy_stages_1_2", "supine_twist", "hands_behind_head")
    for done in (3, 2, 1, 0):
        dose = dose_for("supine_twist", item.dose, [_did("supine_twist", 1, reps=done,
                                                         bad=True)], TODAY)
        assert dose.reps == 3


def test_never_above_the_target(catalog):
    item = _item(catalog, "therapy_stages_1_2", "supine_twist", "hands_behind_head")
    for done in (10, 11, 40):
        dose = dose_for("supine_twist", item.dose, [_did("supine_twist", 1, reps=done)], TODAY)
        assert dose.reps == 10


def test_a_ranged_target_goes_up_to_its_high_end(catalog):
    item = _item(catalog, "gymnastic_set", "side_plank")  # hold 10 -> 30-40 s, step 5
    dose = dose_for("side_plank", item.dose, [_did("side_plank", 1, hold=38)], TODAY)
    assert dose.hold_seconds == 40
    dose = dose_for("side_plank", item.dose, [_did("side_plank", 1, hold=40)], TODAY)
    assert dose.hold_seconds == 40


def test_sets_progression_counts_the_sets_done(catalog):
    item = _item(catalog, "advanced_set", "hyperextension")  # sets 1 -> 3
    assert dose_for("hyperextension", item.dose, [], TODAY).sets == 1
    history = [_did("hyperextension", 1, reps=15, sets=1)]
    assert dose_for("hyperextension", item.dose, history, TODAY).sets == 2
    history = [_did("hyperextension", 1, reps=15, sets=3)]
    assert dose_for("hyperextension", item.dose, history, TODAY).sets == 3
    history = [_did("hyperextension", 1, reps=15, sets=2, bad=True)]
    assert dose_for("hyperextension", item.dose, history, TODAY).sets == 1


def test_a_session_today_is_not_last_time(catalog):
    item = _item(catalog, "therapy_stages_1_2", "supine_twist", "hands_behind_head")
    assert dose_for("supine_twist", item.dose, [_did("supine_twist", 0, reps=7)],
                    TODAY).reps == 3


def test_skipped_exercises_are_not_last_time(catalog):
    item = _item(catalog, "therapy_stages_1_2", "supine_twist", "hands_behind_head")
    skipped = _session(1, done=[ExerciseDone(exercise="supine_twist", skipped=True,
                                             sets=[SetDone(reps=9)])])
    history = [_did("supine_twist", 3, reps=5), skipped]
    assert dose_for("supine_twist", item.dose, history, TODAY).reps == 6


# --- the even climb where the source gives a time -----------------------------------------

def test_entry_month_climbs_no_faster_than_evenly(catalog):
    # Back raise: 10 -> 30 over 4 weeks. After a week of daily good sessions, even when the
    # person did far more than planned, today's reps are at most a quarter of the way: 15.
    item = _item(catalog, "entry_month", "back_raise", "diver")
    history = [_did("back_raise", 7 - i, reps=r)
               for i, r in enumerate([10, 15, 20, 25, 30, 30, 30])]
    dose = dose_for("back_raise", item.dose, history, TODAY)
    assert dose.reps is not None and 10 <= dose.reps <= 15
    assert dose.why and "even climb" in dose.why


def test_entry_month_followed_day_by_day_reaches_the_target_in_four_weeks(catalog):
    item = _item(catalog, "entry_month", "back_raise", "diver")
    start = TODAY - timedelta(days=35)
    history: list[SessionRecord] = []
    seen: list[int] = []
    for day in range(36):
        today = start + timedelta(days=day)
        dose = dose_for("back_raise", item.dose, history, today)
        assert dose.reps is not None
        seen.append(dose.reps)
        # At most an even share of the climb, and never outside start..target.
        assert 10 <= dose.reps <= 10 + 20 * min(1.0, day / 28) + 1e-9, (day, dose.reps)
        history.append(SessionRecord(date=today, phase="entry", exercises=[
            ExerciseDone(exercise="back_raise", sets=[SetDone(reps=dose.reps)])]))
    assert seen == sorted(seen)  # never down after good sessions
    assert seen[7] == 15
    assert seen[28] == 30 and seen[-1] == 30


def test_the_climb_cap_never_pushes_below_the_start(catalog):
    item = _item(catalog, "entry_month", "back_raise", "diver")
    history = [_did("back_raise", 1, reps=10)]
    dose = dose_for("back_raise", item.dose, history, TODAY)
    assert dose.reps == 10  # a day in, the ceiling is ~10.7: whole reps keep it at 10


# --- ranges without a progression -------------------------------------------------------

def test_a_range_starts_low_and_goes_high_after_a_good_session(catalog):
    item = _item(catalog, "warm_up", "pelvic_tilt")  # reps 10-12, hold 3-5 s
    first = dose_for("pelvic_tilt", item.dose, [], TODAY)
    assert (first.reps, first.hold_seconds) == (10, 3)
    good = dose_for("pelvic_tilt", item.dose, [_did("pelvic_tilt", 1, reps=10, hold=3)], TODAY)
    assert (good.reps, good.hold_seconds) == (12, 5)
    assert good.why and "top of the source's range" in good.why
    bad = dose_for("pelvic_tilt", item.dose, [_did("pelvic_tilt", 1, reps=12, hold=5,
                                                   bad=True)], TODAY)
    assert (bad.reps, bad.hold_seconds) == (10, 3)
    assert bad.why and "low end" in bad.why


def test_ranged_sets_and_minutes_follow_the_same_rule(catalog):
    legs = _item(catalog, "classic_set", "prone_leg_raise")  # 2-3 sets
    assert dose_for("prone_leg_raise", legs.dose, [], TODAY).sets == 2
    assert dose_for("prone_leg_raise", legs.dose, [_did("prone_leg_raise", 1, reps=3)],
                    TODAY).sets == 3
    warm = _item(catalog, "gymnastic_set", "joint_warmup")  # 3-5 minutes
    assert dose_for("joint_warmup", warm.dose, [], TODAY).minutes == 3
    assert dose_for("joint_warmup", warm.dose, [_did("joint_warmup", 1, minutes=3)],
                    TODAY).minutes == 5


def test_the_other_numbers_of_a_progressed_item_also_use_their_range(catalog):
    item = _item(catalog, "classic_set", "side_plank")  # reps 10-12, hold 10 -> 30 s
    dose = dose_for("side_plank", item.dose, [_did("side_plank", 1, reps=10, hold=10)], TODAY)
    assert dose.reps == 12 and dose.hold_seconds == 15


def test_a_fixed_figure_never_moves(catalog):
    item = _item(catalog, "home_set", "child_pose")  # 8 reps, hold 10 s
    for bad in (False, True):
        dose = dose_for("child_pose", item.dose, [_did("child_pose", 1, reps=8, hold=10,
                                                       bad=bad)], TODAY)
        assert (dose.sets, dose.reps, dose.hold_seconds) == (1, 8, 10)


@pytest.mark.parametrize("step", [None, 3])
def test_a_progression_without_a_step_uses_the_default(step):
    dose = Prescription.model_validate({
        "hold_seconds": 10,
        "progression": {"metric": "hold_seconds", "start": 10, "target": 30, "when": "easy",
                        **({"step": step} if step else {})}})
    history = [_did("plank", 1, hold=10)]
    assert dose_for("plank", dose, history, TODAY).hold_seconds == 10 + (step or 5)


# --- what the player measured is what the next plan progresses from ----------------------

def test_a_hold_ended_early_is_what_the_next_plan_progresses_from(store, catalog):
    """Through the real parts: the player measures, the store keeps, the planner reads."""
    from datetime import datetime

    from backcoach.planner import make_plan
    from backcoach.player import Event, Player, build_timeline
    from backcoach.store.live import LiveSessions

    day = TODAY
    profile = _profile(equipment=["chair"], days_per_week=7, minutes_per_day=15)
    for days_ago in range(30, 8, -1):  # a month of the entry exercises
        store.record_session(_session(days_ago), catalog=catalog, today=day)
    store.record_session(SessionRecord(  # then a side plank held 25 s on each side
        date=day - timedelta(days=2), phase="strengthening", program="gymnastic_set",
        exercises=[ExerciseDone(exercise="side_plank", sets=[
            SetDone(hold_seconds=25, side="left"), SetDone(hold_seconds=25, side="right")])]),
        catalog=catalog, today=day)
    plan = make_plan(profile, store.history(), day, catalog, program="gymnastic_set")
    assert plan.today is not None
    (item,) = [i for i in plan.today.items if i.exercise == "side_plank"]
    assert item.hold_seconds == 30  # 25 + 5

    live = LiveSessions(store)
    session_id = live.begin(plan=plan, pain_before=1, now=datetime(2026, 11, 23, 8))
    timeline = build_timeline(plan.today.items, catalog)
    steps, player = timeline.steps, Player(timeline)

    def save(events: list[Event]) -> None:
        for event in events:
            if event.kind == "step_done" and event.step is not None:
                live.record_set(session_id, steps[event.step], event.done)

    save(player.start(0.0))
    while player.step is not None and player.step.exercise != "side_plank":
        save(player.skip(0.0))
    save(player.tick(5.0))  # ready: the left side begins
    save(player.done(5.0 + 12))  # 12 s of the 30, and no more
    save(player.tick(17.0 + 5))  # sides switched
    save(player.done(22.0 + 12.04))
    live.finish(session_id, stopped_reason=None, pain_after=1, effort=6,
                now=datetime(2026, 11, 23, 8, 30))

    following = make_plan(profile, store.history(), day + timedelta(days=1), catalog,
                          program="gymnastic_set")
    assert following.today is not None
    (item,) = [i for i in following.today.items if i.exercise == "side_plank"]
    assert item.hold_seconds == 17  # 12 + 5, not 30 + 5
    assert "Last time you did 12 without more pain: +5 today." in item.why
