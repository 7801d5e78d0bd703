"""A guided session saved set by set (store/live.py): what was done, one set per step.

On both backends (the ``store`` fixture): an SQLite file and PostgreSQL when reachable.
"""

from __future__ import annotations

import threading
import time
from datetime import date, datetime
from typing import Any

import pytest
from sqlalchemy import text

from backcoach.history import ExerciseDone, SessionRecord, SetDone
from backcoach.planner import make_plan
from backcoach.player import build_timeline
from backcoach.profile import Profile
from backcoach.store import RecordError, Store
from backcoach.store.live import LiveSessions, resume_step

DAY = date(2026, 11, 25)


class Running:
    """A session begun on today's plan: its id, its work steps and the store under it."""

    def __init__(self, store: Store, catalog: Any) -> None:
        plan = make_plan(Profile(age=40), [], DAY, catalog)
        assert plan.today is not None
        self.store = store
        self.live = LiveSessions(store)
        self.id = self.live.begin(plan=plan, pain_before=2, now=datetime(2026, 11, 25, 8))
        self.steps = build_timeline(plan.today.items, catalog).steps
        self.work = [s for s in self.steps if s.records_a_set]
        # The plan's first two exercises: a minute of relaxation, then 10 reps held 3 s.
        self.relax, self.tilts = self.work[:2]
        assert self.relax.minutes == 1 and (self.tilts.reps, self.tilts.hold_seconds) == (10, 3)

    def rows(self) -> list[tuple[Any, ...]]:
        """Return the session's sets as (position, step, reps, hold, minutes), in order."""
        with self.store.engine.connect() as conn:
            return [tuple(r) for r in conn.execute(text(
                "SELECT position, step, reps, hold_seconds, minutes FROM sets "
                "WHERE session_id = :s ORDER BY position"), {"s": self.id})]

    def doses(self) -> list[tuple[Any, ...]]:
        with self.store.engine.connect() as conn:
            return [tuple(r) for r in conn.execute(text(
                "SELECT item, exercise, sets, reps, hold_seconds, minutes FROM session_doses "
                "WHERE session_id = :s ORDER BY item"), {"s": self.id})]


@pytest.fixture
def running(store: Store, catalog: Any) -> Running:
    return Running(store, catalog)


def test_a_set_records_what_was_done_and_the_prescription_by_default(running):
    relax, tilts = running.relax, running.tilts
    assert running.live.record_set(running.id, relax, SetDone(minutes=0.4)) is False
    assert running.live.record_set(running.id, tilts) is False
    assert running.rows() == [(0, relax.index, None, None, 0.4),
                              (1, tilts.index, tilts.reps, tilts.hold_seconds, None)]


def test_a_redone_step_replaces_its_set_and_moves_to_the_end(running):
    first, second, third = running.work[:3]
    for step in (first, second, third):
        running.live.record_set(running.id, step)
    # Back to the first exercise, done again, given up after 30 s this time.
    assert running.live.record_set(running.id, first, SetDone(minutes=0.5)) is True
    assert [(pos, step, minutes) for pos, step, _, _, minutes in running.rows()] == [
        (1, second.index, None), (2, third.index, None), (3, first.index, 0.5)]
    # Progress reads the redone set only, once.
    assert running.doses()[0] == (first.item, first.exercise, 1, None, None, 0.5)
    assert [sets for _, _, sets, *_ in running.doses()] == [1, 1, 1]
    # A crash now resumes after the set saved last: the redone one.
    saved = running.live.unfinished()
    assert saved is not None and (saved.sets_saved, saved.last_step) == (3, first.index)
    assert resume_step(running.steps, saved.sets_saved, saved.last_step) == first.index + 1


def test_the_finished_session_has_one_set_per_step_as_last_done(running):
    first, second = running.work[:2]
    running.live.record_set(running.id, first)
    running.live.record_set(running.id, second, SetDone(reps=4, hold_seconds=second.hold_seconds))
    running.live.record_set(running.id, first, SetDone(minutes=0.75))
    running.live.record_set(running.id, second, SetDone(reps=0, hold_seconds=1.5))
    running.live.finish(running.id, stopped_reason="tired", pain_after=2, effort=3,
                        now=datetime(2026, 11, 25, 8, 20))
    (record,) = running.store.history()
    assert [(e.exercise, e.sets) for e in record.exercises] == [
        (first.exercise, [SetDone(minutes=0.75)]),
        (second.exercise, [SetDone(reps=0, hold_seconds=1.5)])]


@pytest.mark.parametrize(("done", "field"), [
    (SetDone(minutes=1.5), "minutes"),  # more than the minute prescribed
    (SetDone(reps=3), "reps"),  # the relaxation has no reps
    (SetDone(minutes=0.5, side="left"), "side"),
])
def test_a_set_beyond_the_step_is_refused_and_nothing_written(running, done, field):
    relax = running.relax
    with pytest.raises(RecordError, match=f"step {relax.index}: {field}: "):
        running.live.record_set(running.id, relax, done)
    assert running.rows() == []


def test_sets_logged_whole_have_no_step_and_may_repeat(running, catalog):
    running.live.record_set(running.id, running.work[0])
    logged = running.store.record_session(SessionRecord(
        date=date(2026, 11, 24), phase="entry",
        exercises=[ExerciseDone(exercise="cat_cow", sets=[SetDone(reps=10)] * 3)]),
        catalog=catalog, today=DAY)
    with running.store.engine.connect() as conn:
        steps = [r[0] for r in conn.execute(text(
            "SELECT step FROM sets WHERE session_id = :s"), {"s": logged})]
    assert steps == [None, None, None]
    assert [len(e.sets) for e in running.store.history()[0].exercises] == [3]


def test_two_saves_of_one_step_at_one_moment_keep_one_set(running):
    """A save that meets another of the same step still in flight waits for it and then
    replaces its set (on PostgreSQL the unique index refuses the first try; it tries again)."""
    step = running.relax
    results: list[bool] = []
    with running.store.engine.connect() as conn:
        other = conn.begin()  # the other save: written, not yet committed
        conn.execute(text(
            "INSERT INTO sets (session_id, position, item, step, exercise, side, skipped) "
            "VALUES (:s, 0, :i, :t, :e, 'both', :f)"),
            {"s": running.id, "i": step.item, "t": step.index, "e": step.exercise, "f": False})
        saving = threading.Thread(target=lambda: results.append(
            running.live.record_set(running.id, step, SetDone(minutes=0.25))))
        saving.start()
        time.sleep(0.5)  # long enough for it to reach the database and wait there
        other.commit()
    saving.join(timeout=30)
    assert results == [True]
    assert running.rows() == [(0, step.index, None, None, 0.25)]
