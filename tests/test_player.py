"""The guided session's timeline and state machine, driven by a fake clock."""

from __future__ import annotations

import random
from datetime import date

import pytest

from backcoach.history import SetDone
from backcoach.planner import PlannedItem, make_plan
from backcoach.player import Player, PlayerError, Timeline, build_timeline, set_problems
from backcoach.profile import Profile


def _item(exercise="plank", *, sets=1, reps=None, hold=None, minutes=None, per_side=False,
          to_fatigue=False, rest=30, name="Plank") -> PlannedItem:
    return PlannedItem(block="main", exercise=exercise, exercise_name=name, variant=None,
                       program="advanced_set", sets=sets, reps=reps, hold_seconds=hold,
                       hold_to_fatigue=to_fatigue, minutes=minutes, per_side=per_side,
                       rest_seconds=rest, dose_text="", estimated_seconds=0,
                       modification=None, why=[])


def _drive(player: Player, start: float, step_size=lambda: 0.25, confirm_after=20.0):
    """Tick until done; confirm untimed steps after ``confirm_after`` seconds."""
    now = start
    events = player.start(now)
    while not player.finished:
        now += step_size()
        events += player.tick(now)
        step = player.step
        if step is not None and step.duration is None and player.elapsed(now) >= confirm_after:
            events += player.done(now)
    return now, events


def test_timeline_of_a_per_side_hold_with_sets(catalog):
    timeline = build_timeline([_item("side_plank", sets=2, hold=30, per_side=True,
                                     name="Side plank")], catalog)
    kinds = [(s.kind, s.side, s.duration) for s in timeline.steps]
    assert kinds == [
        ("get_ready", "both", 5.0),
        ("work", "left", 30.0), ("switch_side", "right", 5.0), ("work", "right", 30.0),
        ("rest", "both", 30.0),
        ("work", "left", 30.0), ("switch_side", "right", 5.0), ("work", "right", 30.0),
    ]
    assert timeline.total_seconds == 5 + 4 * 30 + 2 * 5 + 30


def test_reps_with_holds_have_a_beat_per_rep(catalog):
    (ready, work) = build_timeline([_item("back_raise", reps=3, hold=10,
                                          name="Back raise")], catalog).steps
    assert work.duration == 3 * (10 + 2)
    assert [b.text for b in work.beats] == ["Rep 1 of 3: hold", "Release", "Rep 2 of 3: hold",
                                            "Release", "Rep 3 of 3: hold", "Release"]
    assert ready.cue  # the first step of the exercise is shown while getting ready


def test_self_paced_reps_and_hold_to_fatigue_wait_for_the_person(catalog):
    paced = build_timeline([_item("cat_cow", reps=10, name="Cat-cow")], catalog,
                           self_paced_reps=True)
    assert paced.steps[1].duration is None
    fatigue = build_timeline([_item("superman", reps=10, to_fatigue=True)], catalog)
    assert fatigue.steps[1].duration is None


def test_planner_estimate_equals_the_timeline(catalog):
    plan = make_plan(Profile(age=30, minutes_per_day=40, days_per_week=7), [],
                     date(2026, 11, 30), catalog)
    assert plan.today is not None
    timeline = build_timeline(plan.today.items, catalog)
    assert timeline.total_seconds == pytest.approx(
        sum(i.estimated_seconds for i in plan.today.items), abs=len(plan.today.items))


def test_events_of_a_hold(catalog):
    player = Player(build_timeline([_item(hold=20)], catalog))
    _, events = _drive(player, 100.0, step_size=lambda: 0.5)
    work = [e for e in events if e.step == 1]
    assert [(e.kind, e.at) for e in work] == [
        ("step_started", 105.0), ("halfway", 115.0), ("countdown", 122.0),
        ("countdown", 123.0), ("countdown", 124.0), ("step_done", 125.0)]
    assert events[-1].kind == "session_done" and events[-1].at == 125.0
    assert player.state == "finished"


def test_a_40_minute_session_does_not_drift(catalog):
    # 40 minutes of holds and rests, ticked at irregular, sometimes very late, moments.
    items = [_item(hold=60, sets=3, rest=45) for _ in range(8)] + [_item(minutes=3.25)]
    timeline = build_timeline(items, catalog)
    assert timeline.total_seconds == pytest.approx(2400, abs=0.5)
    rng = random.Random(7)
    player = Player(timeline)
    start = 1_000_000.123
    _, events = _drive(player, start, step_size=lambda: rng.choice([0.016, 0.3, 1.7, 9.0]))
    done = next(e for e in events if e.kind == "session_done")
    assert done.at == pytest.approx(start + timeline.total_seconds, abs=1e-6)
    starts = [e.at for e in events if e.kind == "step_started"]
    expected, at = [], start
    for step in timeline.steps:
        expected.append(at)
        at += step.duration or 0
    assert starts == pytest.approx(expected, abs=1e-6)


def test_pause_keeps_the_remaining_time(catalog):
    player = Player(build_timeline([_item(hold=30)], catalog))
    player.start(0.0)
    player.tick(5.0)  # into the hold
    player.tick(15.0)
    assert player.remaining(15.0) == 20.0
    assert [e.kind for e in player.pause(15.0)] == ["paused"]
    assert player.tick(500.0) == []
    assert player.remaining(500.0) == 20.0
    player.resume(600.0)
    assert player.remaining(610.0) == 10.0
    events = player.tick(620.0)
    assert events[-1].kind == "session_done" and events[-1].at == 620.0


def test_toggle_pauses_and_resumes(catalog):
    player = Player(build_timeline([_item(hold=30)], catalog))
    player.start(0.0)
    assert player.toggle(1.0)[0].kind == "paused"
    assert player.toggle(2.0)[0].kind == "resumed"


def test_skip_goes_to_the_next_exercise_and_back_returns(catalog):
    items = [_item(hold=30, sets=2, name="Plank"),
             _item("cat_cow", reps=10, name="Cat-cow")]
    timeline = build_timeline(items, catalog)
    player = Player(timeline)
    player.start(0.0)
    player.tick(6.0)  # working on set 1 of the plank
    events = player.skip(6.0)
    assert player.step is not None and player.step.exercise == "cat_cow"
    assert player.step.kind == "get_ready"
    assert events[0].kind == "step_started"
    player.back(7.0)  # at the start of cat-cow: back to the plank
    assert player.step.exercise == "plank" and player.step.kind == "get_ready"
    player.tick(13.0)
    player.back(13.0)  # in the middle of the plank: back to its start
    assert player.step.index == 0


def test_done_confirms_untimed_steps(catalog):
    player = Player(build_timeline([_item("superman", reps=10, to_fatigue=True,
                                          name="Superman")], catalog))
    player.start(0.0)
    player.tick(5.0)
    assert player.step is not None and player.step.kind == "work"
    assert player.tick(300.0) == []  # waits as long as it takes
    events = player.done(301.0)
    assert [e.kind for e in events] == ["step_done", "session_done"]


def test_stop_for_pain_ends_at_once_and_keeps_what_was_done(catalog):
    items = [_item(hold=10, sets=2, name="Plank"), _item("cat_cow", reps=10, name="Cat-cow")]
    player = Player(build_timeline(items, catalog))
    player.start(0.0)
    player.tick(5.0 + 10 + 30 + 3)  # first set done, into the second
    events = player.stop(49.0, "pain", pain=6)
    assert [e.kind for e in events] == ["session_stopped"]
    assert player.state == "stopped" and player.finished
    assert (player.stop_reason, player.pain_at_stop) == ("pain", 6)
    assert player.tick(1000.0) == []
    (done,) = player.performed()
    assert done.exercise == "plank" and len(done.sets) == 1
    with pytest.raises(PlayerError):
        Player(build_timeline(items, catalog)).stop(0.0, "pain", pain=11)


def test_start_twice_and_empty_timeline(catalog):
    player = Player(build_timeline([_item(hold=10)], catalog))
    player.start(0.0)
    with pytest.raises(PlayerError):
        player.start(1.0)
    empty = Player(Timeline(()))
    assert [e.kind for e in empty.start(0.0)] == ["session_done"]


def test_resume_a_saved_session_at_a_step(catalog):
    items = [_item(hold=10, name="Plank"), _item("cat_cow", reps=10, name="Cat-cow")]
    timeline = build_timeline(items, catalog)
    player = Player(timeline)
    events = player.start(50.0, at_step=2)
    assert player.step is not None and player.step.exercise == "cat_cow"
    assert events[1].kind == "step_started" and events[1].at == 50.0
    # Steps before the resume point count as done.
    assert [d.exercise for d in player.performed()] == ["plank"]


def test_performed_sets_by_side(catalog):
    player = Player(build_timeline([_item("side_plank", hold=10, per_side=True,
                                          name="Side plank")], catalog))
    _drive(player, 0.0)
    (done,) = player.performed()
    assert [s.side for s in done.sets] == ["left", "right"]
    assert all(s.hold_seconds == 10 for s in done.sets)


def test_a_step_that_ended_just_before_a_pause_is_reported_done(catalog):
    player = Player(build_timeline([_item(hold=10), _item(hold=10)], catalog))
    player.start(0.0)
    events = player.pause(16.0)  # the first hold ended at 15 s; nobody ticked since
    assert [e.kind for e in events if e.kind in ("step_done", "paused")] == [
        "step_done", "step_done", "paused"]
    assert [d.exercise for d in player.performed()] == ["plank"]


# What a set records: the prescription when the step runs its time, what was done when the
# person ends it early with "done". -----------------------------------------------------

def _ended_after(catalog, item: PlannedItem, held: float, **timeline_options):
    """Return the set of the item's first work step, ended with "done" after ``held`` s."""
    player = Player(build_timeline([item], catalog, **timeline_options))
    player.start(0.0)
    player.tick(5.0)  # get ready: the work starts at 5 s
    assert player.step is not None and player.step.kind == "work"
    (done, _) = player.done(5.0 + held)[:2]
    assert done.kind == "step_done" and done.done is not None
    (recorded,) = player.performed()
    assert recorded.sets == [done.done]
    return done.done


@pytest.mark.parametrize(("held", "recorded"), [(12.34, 12.3), (12.35, 12.4), (0.04, 0.0),
                                                (29.97, 30.0)])
def test_a_hold_ended_early_records_the_seconds_held(catalog, held, recorded):
    done = _ended_after(catalog, _item(hold=30), held)
    assert (done.hold_seconds, done.reps, done.minutes) == (recorded, None, None)


def test_reps_at_the_tempo_ended_early_record_the_whole_reps_done(catalog):
    # Cat-cow is a mobility exercise: a rep every 4 s.
    item = _item("cat_cow", reps=10, name="Cat-cow")
    assert _ended_after(catalog, item, 7 * 4.0 + 3.9).reps == 7
    assert _ended_after(catalog, item, 8 * 4.0).reps == 8
    assert _ended_after(catalog, item, 1.0).reps == 0


def test_reps_with_holds_ended_early_record_the_holds_completed(catalog):
    # Each rep: a 10 s hold, then 2 s to relax; the holds end at 10, 22, 34 s.
    item = _item("back_raise", reps=3, hold=10, name="Back raise")
    done = _ended_after(catalog, item, 25.0)
    assert (done.reps, done.hold_seconds) == (2, 10)
    assert (_ended_after(catalog, item, 22.0).reps, _ended_after(catalog, item, 21.9).reps) \
        == (2, 1)
    none_yet = _ended_after(catalog, item, 4.56)
    assert (none_yet.reps, none_yet.hold_seconds) == (0, 4.6)  # not one hold: the part held


def test_minutes_ended_early_record_the_minutes_done(catalog):
    done = _ended_after(catalog, _item(minutes=3.25), 100.0)
    assert (done.minutes, done.hold_seconds, done.reps) == (1.67, None, None)


def test_a_hold_to_fatigue_records_the_seconds_held(catalog):
    done = _ended_after(catalog, _item(to_fatigue=True), 47.2)
    assert (done.hold_seconds, done.reps) == (47.2, None)
    # An hour at most, as a logged set.
    assert _ended_after(catalog, _item(to_fatigue=True), 4000.0).hold_seconds == 3600


def test_reps_to_fatigue_record_the_reps_and_the_average_hold(catalog):
    item = _item("superman", reps=10, to_fatigue=True, name="Superman")
    done = _ended_after(catalog, item, 61.0)
    assert (done.reps, done.hold_seconds) == (10, 4.1)  # 6.1 s a rep, less 2 s to relax
    assert _ended_after(catalog, item, 15.0).hold_seconds == 0.0  # never below nothing


def test_self_paced_reps_record_the_reps_prescribed(catalog):
    item = _item("cat_cow", reps=10, name="Cat-cow")
    for held in (3.0, 300.0):
        done = _ended_after(catalog, item, held, self_paced_reps=True)
        assert (done.reps, done.hold_seconds, done.minutes) == (10, None, None)


def test_a_step_that_runs_its_time_records_the_prescription(catalog):
    items = [_item("side_plank", hold=30, per_side=True, name="Side plank"),
             _item("back_raise", reps=3, hold=10, name="Back raise"),
             _item("cat_cow", reps=10, name="Cat-cow"), _item(minutes=1.5)]
    player = Player(build_timeline(items, catalog))
    _, events = _drive(player, 1_000_000.123, step_size=lambda: 0.7)
    sets = [e.done for e in events if e.kind == "step_done" and e.done is not None]
    assert [(s.reps, s.hold_seconds, s.minutes, s.side) for s in sets] == [
        (None, 30, None, "left"), (None, 30, None, "right"), (3, 10, None, "both"),
        (10, None, None, "both"), (None, None, 1.5, "both")]
    assert [e.done for e in events if e.kind == "step_done" and e.step in (0, 2)] == [None,
                                                                                    None]


def test_a_pause_in_the_middle_of_a_hold_is_not_counted(catalog):
    player = Player(build_timeline([_item(hold=30)], catalog))
    player.start(0.0)
    player.tick(5.0)
    player.tick(10.0)
    player.pause(10.0)  # 5 s held, then a long pause
    player.resume(400.0)
    events = player.done(407.0)
    assert events[0].done is not None and events[0].done.hold_seconds == 12.0


def test_back_then_redo_gives_one_set_per_step_as_last_done(catalog):
    items = [_item(hold=30, sets=2, rest=10, name="Plank"),
             _item("cat_cow", reps=10, name="Cat-cow")]
    player = Player(build_timeline(items, catalog))
    player.start(0.0)
    player.tick(5.0 + 30 + 10)  # set 1 held in full, the rest over: set 2 begins
    player.done(45.0 + 8)  # set 2 given up after 8 s
    assert player.step is not None and player.step.exercise == "cat_cow"
    player.back(60.0)  # at the start of cat-cow: back to the plank, to do it again
    assert player.step.index == 0
    player.tick(60.0 + 5)
    player.done(65.0 + 20)  # set 1 of the redo: 20 s
    player.tick(85.0 + 10)
    player.tick(95.0 + 30)  # set 2 in full this time
    (plank,) = player.performed()
    assert [s.hold_seconds for s in plank.sets] == [20.0, 30]


def test_a_set_done_before_going_back_stays_done_until_redone(catalog):
    items = [_item(hold=30, sets=2, rest=10, name="Plank"),
             _item("cat_cow", reps=10, name="Cat-cow")]
    player = Player(build_timeline(items, catalog))
    player.start(0.0)
    player.tick(5.0 + 30 + 1)  # set 1 done, resting
    player.back(36.0)  # back to the start of the plank...
    player.skip(37.0)  # ...and on to cat-cow after all: set 1 was done and is kept
    (plank,) = player.performed()
    assert [s.hold_seconds for s in plank.sets] == [30]


def test_a_set_may_record_less_than_prescribed_never_more(catalog):
    (_, hold) = build_timeline([_item(hold=30)], catalog).steps
    assert set_problems(hold, SetDone(hold_seconds=12.5)) == {}
    assert set(set_problems(hold, SetDone(hold_seconds=30.1, reps=2))) == {"hold_seconds",
                                                                          "reps"}
    # Held as long as one can: any hold a set can hold, but not more reps than asked.
    (_, fatigue) = build_timeline([_item("superman", reps=10, to_fatigue=True)], catalog).steps
    assert set_problems(fatigue, SetDone(reps=10, hold_seconds=95.0)) == {}
    assert list(set_problems(fatigue, SetDone(reps=11))) == ["reps"]
