"""The plan made from the store's planning history (sets only where the planner reads them)
is the plan made from the whole history, on a real database: random logs, days and
profiles (the planner's own property-test cases), each person's log stored and read back."""

from __future__ import annotations

import itertools
from datetime import date, timedelta

from hypothesis import HealthCheck, given, settings, strategies as st

from backcoach.history import ExerciseDone, SessionRecord, SetDone
from backcoach.planner import PlannedItem, make_plan
from backcoach.profile import Profile
from backcoach.store import Store
from tests.test_planner import CATALOG, cases

PEOPLE = itertools.count()


def _stored(store: Store, history: list[SessionRecord], today: date) -> Store:
    """A new person in ``store``'s database with ``history`` as their log."""
    person = Store(store.engine, user=f"person-{next(PEOPLE)}")
    for record in history:
        person.record_session(record, catalog=CATALOG, today=today)
    return person


@settings(max_examples=60, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow,
                                 HealthCheck.function_scoped_fixture])
@given(cases())
def test_the_planning_history_gives_the_plan_of_the_whole_history(store, case):
    profile, history, today, clearances = case
    person = _stored(store, history, today)
    whole = make_plan(profile, person.history(), today, CATALOG, clearances=clearances)
    light = make_plan(profile, person.planning_history(today), today, CATALOG,
                      clearances=clearances)
    assert light.model_dump() == whole.model_dump()


def test_only_the_sessions_the_plan_reads_carry_their_sets(store):
    today = date(2026, 3, 2)

    def session(days_ago: int, exercise: str, reps: int) -> SessionRecord:
        return SessionRecord(date=today - timedelta(days=days_ago), phase="entry",
                             exercises=[ExerciseDone(exercise=exercise,
                                                     sets=[SetDone(reps=reps)] * 2)])

    person = _stored(store, [session(9, "glute_bridge", 8), session(5, "glute_bridge", 10),
                             session(3, "cat_cow", 6), session(0, "cat_cow", 7)], today)
    light = person.planning_history(today)
    assert [s.date for s in light] == [s.date for s in person.history()]
    assert [[len(e.sets) for e in s.exercises] for s in light] == [[0], [2], [2], [2]]
    # What the planner asks of every session is there.
    assert [[e.exercise for e in s.exercises] for s in light] == [
        ["glute_bridge"], ["glute_bridge"], ["cat_cow"], ["cat_cow"]]


def _done(item: PlannedItem, rnd_extra: int, skipped: bool) -> ExerciseDone:
    """The sets of a planned item as a person did them (a rep or a second more or less)."""
    one = SetDone(reps=None if item.reps is None else max(0, item.reps + rnd_extra),
                  hold_seconds=None if item.hold_seconds is None
                  else max(0, item.hold_seconds + rnd_extra),
                  minutes=item.minutes)
    return ExerciseDone(exercise=item.exercise, variant=item.variant,
                        sets=[one] * item.sets, skipped=skipped)


@settings(max_examples=8, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow,
                                 HealthCheck.function_scoped_fixture])
@given(st.randoms(use_true_random=False), st.integers(20, 70))
def test_following_the_plan_for_weeks_each_day_plans_alike_from_either(store, rnd, days):
    """A person who does what each day's plan asks (now and then a rep more or less, a
    skipped exercise, a stop for pain): every day's plan, progression included, is the
    same from the planning history as from the whole one."""
    profile = Profile(age=44, equipment=["mat", "chair", "fitball"], days_per_week=6,
                      minutes_per_day=30, pain_now="dull", pain_level=2)
    start = date(2026, 1, 5)
    person = Store(store.engine, user=f"person-{next(PEOPLE)}")
    for n in range(days):
        today = start + timedelta(days=n)
        whole = make_plan(profile, person.history(), today, CATALOG)
        light = make_plan(profile, person.planning_history(today), today, CATALOG)
        assert light.model_dump() == whole.model_dump(), today
        if not whole.today.items or rnd.random() < 0.15:
            continue  # a day off
        stopped = rnd.random() < 0.05
        record = SessionRecord(
            date=today, phase=whole.phase or "entry", program=whole.programs[0],
            completed=not stopped, stopped_reason="pain" if stopped else None,
            pain_before=2, pain_after=rnd.choice([1, 2, 2, 3, 4]),
            exercises=[_done(item, rnd.choice([-1, 0, 0, 1]), rnd.random() < 0.05)
                       for item in whole.today.items])
        person.record_session(record, catalog=CATALOG, today=today)
