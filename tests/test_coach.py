"""The use cases both skins call, on a real store: they read the whole record."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from backcoach import coach
from backcoach.catalog import Catalog
from backcoach.errors import BackcoachError, ConflictError, InvalidError, NotFoundError
from backcoach.history import SessionRecord
from backcoach.planner import Plan
from backcoach.profile import Profile, RedFlags
from backcoach.store import RecordError, Store

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
    with pytest.raises(ConflictError, match="nothing in your answers needs"):
        coach.record_clearance(store, catalog, on=TODAY, note=None, today=TODAY)


# Sessions through the use cases ----------------------------------------------------------

def _started(store: Store, catalog: Catalog) -> tuple[Plan, coach.Running]:
    store.save_profile(Profile(age=40, equipment=["mat"], days_per_week=7))
    plan = coach.plan(store, catalog, TODAY)
    return plan, coach.start_session(store, catalog, plan, now=datetime(2026, 11, 27, 8),
                                     pain_before=2)


def test_a_session_starts_saves_each_set_resumes_and_finishes(store, catalog):
    plan, started = _started(store, catalog)
    assert started.timeline.steps and started.resume_at == 0
    with pytest.raises(ConflictError, match="still running") as refused:
        coach.start_session(store, catalog, plan, now=datetime(2026, 11, 27, 8, 1))
    assert refused.value.field == "session"
    work = [s for s in started.timeline.steps if s.records_a_set]
    coach.record_set(store, started.session_id, work[0])
    again = coach.running(store, catalog)
    assert again is not None and again.session_id == started.session_id
    assert (again.sets_saved, again.resume_at) == (1, work[0].index + 1)
    assert again.timeline == started.timeline  # rebuilt from the stored plan
    # A second pass over the step replaces its set.
    assert coach.record_set(store, started.session_id, work[0]) is True
    with pytest.raises(ConflictError) as too_long:
        coach.record_set(store, started.session_id, work[0],
                         work[0].prescribed().model_copy(update={"minutes": 99.0}))
    assert too_long.value.field == "minutes" and too_long.value.http_status == 409
    rest = next(s for s in started.timeline.steps if not s.records_a_set)
    for index in (rest.index, len(started.timeline.steps), -1):
        with pytest.raises(BackcoachError) as wrong:
            coach.work_step(started.timeline, started.session_id, index)
        assert wrong.value.field == "step"
    with pytest.raises(ConflictError):
        coach.finished_session(store, started.session_id, running_id=started.session_id)
    done = coach.finish_session(store, started.session_id, stopped_reason=None, pain_after=1,
                                effort=4, now=datetime(2026, 11, 27, 8, 30))
    assert done.record.completed and done.record.pain_before == 2
    assert [len(e.sets) for e in done.record.exercises] == [1]
    assert coach.running(store, catalog) is None
    with pytest.raises(ConflictError) as finished:
        coach.timeline_of(store, catalog, started.session_id)
    assert finished.value.code == "conflict"
    with pytest.raises(ConflictError):  # finishing twice
        coach.finish_session(store, started.session_id, stopped_reason=None, pain_after=None,
                             effort=None, now=datetime(2026, 11, 27, 9))
    # The day is done: another session needs "again".
    with pytest.raises(ConflictError) as done_today:
        coach.start_session(store, catalog, coach.plan(store, catalog, TODAY),
                            now=datetime(2026, 11, 27, 10))
    assert done_today.value.field == "again"


def test_unknown_sessions_are_not_found(store, catalog):
    for call in (lambda: coach.finished_session(store, 4242),
                 lambda: coach.timeline_of(store, catalog, 4242),
                 lambda: coach.abandon_session(store, 4242, now=datetime(2026, 11, 27)),
                 lambda: coach.finish_session(store, 4242, stopped_reason=None, pain_after=None,
                                              effort=None, now=datetime(2026, 11, 27))):
        with pytest.raises(NotFoundError) as missing:
            call()
        assert missing.value.field == "session_id" and missing.value.http_status == 404


def test_an_abandoned_session_keeps_its_sets(store, catalog):
    _, started = _started(store, catalog)
    first = next(s for s in started.timeline.steps if s.records_a_set)
    coach.record_set(store, started.session_id, first)
    kept = coach.abandon_session(store, started.session_id, now=datetime(2026, 11, 27, 9))
    assert kept.record.stopped_reason == "other" and len(kept.record.exercises) == 1


def test_logging_is_all_or_none_within_ten_years(store, catalog):
    store.save_profile(Profile(age=40))
    good = SessionRecord(date=date(2026, 11, 20), phase="entry", completed=True, exercises=[])
    ancient = good.model_copy(update={"date": date(2001, 1, 1)})
    with pytest.raises(InvalidError, match="within ten years") as wrong:
        coach.log_sessions(store, catalog, [good, ancient], today=TODAY)
    assert wrong.value.field == "date"
    assert store.history() == []
    assert coach.log_session(store, catalog, good, today=TODAY) > 0
    assert [s.date for s in store.history()] == [good.date]


def test_the_calendar_says_why_it_has_no_days(store, catalog):
    with pytest.raises(coach.NoProfileError):
        coach.calendar(store, catalog, start=TODAY, weeks=1, today=TODAY)
    store.save_profile(Profile(age=40, red_flags=RedFlags(saddle_numbness=True)))
    with pytest.raises(ConflictError, match="no training days") as none:
        coach.calendar(store, catalog, start=TODAY, weeks=1, today=TODAY)
    assert none.value.field == "profile"
    store.save_profile(Profile(age=40, days_per_week=3))
    plans = coach.calendar(store, catalog, start=TODAY, weeks=2, today=TODAY)
    assert len(plans) == 6 and all(p.today.items for p in plans)
    with pytest.raises(InvalidError) as far:
        coach.calendar(store, catalog, start=date(2040, 1, 1), weeks=1, today=TODAY)
    assert far.value.field == "start"


def test_progress_reads_the_whole_record(store, catalog):
    _, started = _started(store, catalog)
    coach.record_set(store, started.session_id,
                     next(s for s in started.timeline.steps if s.records_a_set))
    coach.finish_session(store, started.session_id, stopped_reason=None, pain_after=1,
                         effort=3, now=datetime(2026, 11, 27, 8, 30))
    result = coach.progress(store, catalog, TODAY)
    assert result.sessions == 1
