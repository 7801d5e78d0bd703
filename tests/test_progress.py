"""Progress, pure: adherence, streaks, pain trend, PSFS, dosage, phases; and the query."""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import asdict
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import text

from backcoach import progress as progress_module
from backcoach.catalog.models import Phase
from backcoach.history import ExerciseDone, SessionRecord, SetDone
from backcoach.profile import Profile
from backcoach.progress import (
    DEFAULT_DAYS_PER_WEEK,
    PainReading,
    PlanSetting,
    Progress,
    PsfsReading,
    SessionSummary,
    Streaks,
    compute_progress,
    progress_json,
    summarize_history,
)
from backcoach.progression import LADDER
from backcoach.timestamps import LOCAL

MONDAY = date(2026, 11, 2)  # weeks: Nov 2, 9, 16, 23, 30


def day(n: int) -> date:
    """The n-th day from MONDAY (0 = Monday 2 November 2026)."""
    return MONDAY + timedelta(days=n)


def sessions_on(*days: int, phase: str = "entry", completed: bool = True,
                before: int | None = None, after: int | None = None) -> list[SessionSummary]:
    return [SessionSummary(day(n), phase, completed, before, after) for n in days]


def progress(sessions: list[SessionSummary], today: date, **kwargs) -> Progress:
    return compute_progress(sessions=sessions, today=today, **kwargs)


# Adherence and streaks ------------------------------------------------------------------


def test_adherence_per_week_against_the_profiles_days():
    # Weeks 1 and 2 meet 3 a week, week 3 falls short, week 4 meets it, week 5 is today's.
    done = sessions_on(0, 2, 4, 7, 9, 11, 12, 14, 16, 21, 22, 23, 28)
    p = progress(done, day(29), days_per_week=[PlanSetting(MONDAY, 3)])
    a = p.adherence
    assert [(w.week_start, w.planned, w.done, w.met) for w in a.weeks] == [
        (day(0), 3, 3, True), (day(7), 3, 4, True), (day(14), 3, 2, False),
        (day(21), 3, 3, True), (day(28), 3, 1, False)]
    assert a.weeks[1].ratio == 1.33
    assert a.this_week is not None and (a.this_week.done, a.this_week.planned) == (1, 3)
    # Finished weeks only, and the extra session of week 2 does not make up for week 3.
    assert (a.overall_done, a.overall_planned, a.overall) == (11, 12, 0.92)
    assert (a.finished_weeks, a.weeks_met, a.plan_from_profile) == (4, 3, True)
    # The week in progress does not break the streak; the longest run is weeks 1-2.
    assert (p.streaks.current_weeks, p.streaks.longest_weeks) == (1, 2)


def test_a_week_in_progress_that_already_met_the_plan_extends_the_streak():
    done = sessions_on(0, 1, 2, 7, 8, 9)
    p = progress(done, day(10), days_per_week=[PlanSetting(MONDAY, 3)])
    assert (p.streaks.current_weeks, p.streaks.longest_weeks) == (2, 2)
    assert p.adherence.overall == 1.0


def test_stopped_sessions_count_as_done():
    done = sessions_on(0, 1) + sessions_on(2, completed=False)
    p = progress(done, day(6), days_per_week=[PlanSetting(MONDAY, 3)])
    assert p.adherence.weeks[0].done == 3 and p.adherence.weeks[0].met
    assert (p.completed, p.stopped) == (2, 1)


def test_the_profile_version_in_force_on_a_weeks_sunday_sets_its_plan():
    settings = [PlanSetting(MONDAY, 3), PlanSetting(day(9), 5)]  # raised on Wednesday, week 2
    p = progress(sessions_on(0), day(15), days_per_week=settings)
    assert [w.planned for w in p.adherence.weeks] == [3, 5, 5]


def test_weeks_before_the_first_profile_use_the_first_profile():
    p = progress(sessions_on(0), day(8), days_per_week=[PlanSetting(day(7), 4)])
    assert [w.planned for w in p.adherence.weeks] == [4, 4]


def test_weeks_start_at_the_first_profile_when_no_session_was_logged():
    p = progress([], day(9), days_per_week=[PlanSetting(MONDAY, 2)])
    assert [(w.done, w.planned) for w in p.adherence.weeks] == [(0, 2), (0, 2)]
    assert p.adherence.overall == 0.0


def test_without_a_profile_the_default_plan_is_assumed_and_said():
    p = progress(sessions_on(0, 1, 2), day(3))
    assert p.adherence.weeks[0].planned == DEFAULT_DAYS_PER_WEEK == Profile(age=30).days_per_week
    assert not p.adherence.plan_from_profile


def test_day_streaks_end_today_or_yesterday():
    done = sessions_on(0, 1, 2, 4, 5)
    assert (progress(done, day(5)).streaks.current_days,
            progress(done, day(5)).streaks.longest_days) == (2, 3)
    assert progress(done, day(6)).streaks.current_days == 2  # nothing yet today
    assert progress(done, day(7)).streaks.current_days == 0


def test_two_sessions_on_one_day_make_one_streak_day():
    done = sessions_on(0, 0, 1)
    p = progress(done, day(1))
    assert (p.streaks.current_days, p.streaks.longest_days, p.sessions) == (2, 2, 3)


def test_nothing_after_today_counts():
    p = progress(sessions_on(0, 1, 20), day(1))
    assert p.sessions == 2 and p.last_session == day(1)


# Pain trend -----------------------------------------------------------------------------


def test_pain_is_a_seven_day_average_per_day_with_data():
    done = (sessions_on(0, before=6, after=3) + sessions_on(1, before=4, after=3)
            + sessions_on(6, before=5) + sessions_on(9, before=2, after=2))
    days = progress(done, day(9)).pain.days
    assert [(d.date, d.before, d.after) for d in days] == [
        (day(0), 6.0, 3.0),
        (day(1), 5.0, 3.0),
        (day(6), 5.0, 3.0),  # days 0-6: (6 + 4 + 5) / 3
        (day(9), 3.5, 2.0),  # days 3-9: (5 + 2) / 2; after: only day 9
    ]


def test_pain_change_is_first_week_against_the_latest_week_with_the_clinical_threshold():
    done = (sessions_on(0, before=6, after=3) + sessions_on(1, before=4, after=3)
            + sessions_on(9, before=2, after=2))
    pain = progress(done, day(9)).pain
    assert pain.before is not None and pain.after is not None
    # before: 5 -> 2, 3 points: meaningful, better.
    assert (pain.before.baseline, pain.before.latest, pain.before.change) == (5.0, 2.0, -3.0)
    assert pain.before.meaningful and pain.before.verdict == "better"
    assert (pain.before.baseline_date, pain.before.latest_date) == (day(0), day(9))
    # after: 3 -> 2, one point but 33 % of the start: meaningful (2 points or 30 %).
    assert pain.after.change == -1.0 and pain.after.meaningful
    assert pain.after.verdict == "better"
    assert (pain.mcid_points, pain.mcid_fraction) == (2.0, 0.3)


def test_a_small_pain_change_is_about_the_same_and_a_rise_is_worse():
    checkins = [PainReading(datetime(2026, 11, 2, 9), 5),
                PainReading(datetime(2026, 11, 12, 9), 4)]  # -1 of 5: 20 %, under 2 points
    p = progress([], day(10), pain_checkins=checkins)
    assert p.pain.checkin is not None
    assert p.pain.checkin.verdict == "about the same" and not p.pain.checkin.meaningful
    worse = sessions_on(0, before=2) + sessions_on(10, before=4)
    change = progress(worse, day(10)).pain.before
    assert change is not None and change.verdict == "worse" and change.change == 2.0


def test_pain_needs_more_than_a_week_of_data_for_a_change():
    p = progress(sessions_on(0, before=6) + sessions_on(6, before=1), day(6))
    assert p.pain.before is None
    assert p.pain.days[-1].before == 3.5


def test_a_zero_baseline_uses_the_points_rule_only():
    p = progress(sessions_on(0, before=0) + sessions_on(8, before=1), day(8))
    assert p.pain.before is not None and p.pain.before.verdict == "about the same"


# PSFS -----------------------------------------------------------------------------------


def psfs(*rows: tuple[str, int, int]) -> list[PsfsReading]:
    return [PsfsReading(activity, day(n), score) for activity, n, score in rows]


def test_psfs_average_and_the_meaningful_change_marked():
    readings = psfs(("Tie shoes", 0, 2), ("Sit an hour", 0, 4),
                    ("Tie shoes", 28, 5), ("Sit an hour", 28, 5), ("Lift a child", 28, 1))
    result = progress([], day(30), psfs=readings).psfs
    assert [(pt.date, pt.average) for pt in result.points] == [(day(0), 3.0), (day(28), 3.67)]
    assert result.baseline == 3.0
    # The change is on the activities rated at the start: 3.0 -> 5.0, +2: meaningful.
    assert result.change is not None
    assert (result.change.baseline, result.change.latest, result.change.change) == (3.0, 5.0, 2.0)
    assert result.change.meaningful and result.change.verdict == "better"
    # One activity needs 3 points: shoes +3 is meaningful, sitting +1 is not.
    by_name = {a.activity: a.change for a in result.activities}
    assert set(by_name) == {"Tie shoes", "Sit an hour"}  # the child was rated once
    assert by_name["Tie shoes"].meaningful and by_name["Tie shoes"].verdict == "better"
    assert by_name["Sit an hour"].verdict == "about the same"
    assert (result.mcid_average, result.mcid_activity) == (2.0, 3.0)


def test_psfs_change_just_under_two_points_is_about_the_same():
    names = ["a", "b", "c", "d", "e"]
    readings = psfs(*[(n, 0, 2) for n in names], *[(n, 14, 4) for n in names[:4]],
                    ("e", 14, 3))
    change = progress([], day(14), psfs=readings).psfs.change
    assert change is not None and change.change == 1.8
    assert change.verdict == "about the same" and not change.meaningful


def test_psfs_carries_each_activitys_latest_rating_and_a_later_same_day_rating_wins():
    readings = psfs(("a", 0, 2), ("b", 0, 6), ("a", 7, 3), ("a", 7, 0), ("b", 7, 3))
    points = progress([], day(7), psfs=readings).psfs.points
    assert points[-1].ratings == {"a": 0, "b": 3} and points[-1].average == 1.5
    worse = progress([], day(7), psfs=readings).psfs.change
    assert worse is not None and worse.verdict == "worse"


def test_one_psfs_rating_has_no_change_yet():
    result = progress([], day(1), psfs=psfs(("a", 0, 5))).psfs
    assert result.change is None and result.baseline == 5.0 and result.activities == []


# Dosage and phases ----------------------------------------------------------------------


def record(n: int, *exercises: ExerciseDone, phase: Phase = "entry") -> SessionRecord:
    return SessionRecord(date=day(n), phase=phase, exercises=list(exercises))


def test_dosage_per_exercise_and_week_from_a_history():
    history = [
        record(0, ExerciseDone(exercise="cat_cow", sets=[SetDone(reps=5), SetDone(reps=6)]),
               ExerciseDone(exercise="side_plank", sets=[
                   SetDone(hold_seconds=10, side="left"), SetDone(hold_seconds=12, side="right")]),
               ExerciseDone(exercise="plank", skipped=True, sets=[SetDone(hold_seconds=30)])),
        record(2, ExerciseDone(exercise="cat_cow", sets=[SetDone(reps=8)] * 3)),
        record(8, ExerciseDone(exercise="cat_cow", sets=[SetDone(reps=10)] * 2)),
    ]
    sessions, doses = summarize_history(history)
    p = compute_progress(sessions=sessions, doses=doses, today=day(9),
                         exercise_names={"cat_cow": "Cat-cow"})
    assert [d.exercise for d in p.dosage] == ["cat_cow", "side_plank"]  # most days first
    cat = p.dosage[0]
    assert (cat.exercise_name, cat.days) == ("Cat-cow", 3)
    assert [(w.week_start, w.days, w.sets, w.reps) for w in cat.weeks] == [
        (day(0), 2, 3, 8), (day(7), 1, 2, 10)]
    assert (cat.first.reps, cat.latest.reps) == (8, 10)
    side = p.dosage[1]
    assert (side.exercise_name, side.weeks[0].sets, side.weeks[0].hold_seconds) == (
        "side_plank", 1, 12.0)  # a set per side counts once; unnamed keeps its id


def test_phase_changes_up_down_and_other():
    done = (sessions_on(0, 1, phase="therapeutic") + sessions_on(2, phase="entry")
            + sessions_on(3, phase="therapeutic") + sessions_on(4, phase="rest"))
    p = progress(done, day(4))
    assert [(c.date, c.from_phase, c.to_phase, c.direction) for c in p.phase_changes] == [
        (day(2), "therapeutic", "entry", "up"), (day(3), "entry", "therapeutic", "down"),
        (day(4), "therapeutic", "rest", "other")]
    assert p.phase_now == "rest"


def test_the_ladder_is_the_progression_ladder():
    assert progress_module.LADDER == LADDER


# Empty and JSON -------------------------------------------------------------------------


def test_an_empty_history_gives_an_empty_progress():
    p = compute_progress(sessions=[], today=day(0))
    assert p.sessions == 0 and p.first_session is None and p.phase_now is None
    assert p.adherence.weeks == [] and p.adherence.this_week is None
    assert p.adherence.overall is None
    assert p.streaks == Streaks(current_weeks=0, longest_weeks=0, current_days=0,
                                longest_days=0)
    assert p.pain.days == [] and p.pain.before is None
    assert p.psfs.points == [] and p.psfs.change is None and p.psfs.baseline is None
    assert p.dosage == [] and p.phase_changes == []


def test_progress_round_trips_through_json():
    done = sessions_on(0, 1, 8, before=4, after=3)
    p = progress(done, day(9), psfs=psfs(("a", 0, 3), ("a", 8, 6)),
                 days_per_week=[PlanSetting(MONDAY, 3)])
    data = json.loads(progress_json(p))
    # Every field of every record, each value as it was (dates as YYYY-MM-DD).
    assert data == json.loads(json.dumps(asdict(p), default=date.isoformat))
    assert data["today"] == "2026-11-11" and data["psfs"]["change"]["verdict"] == "better"


# The progress query (Store.progress_data), on SQLite and PostgreSQL ---------------------


@pytest.fixture
def filled(store, catalog):
    """A store with three sessions, check-ins, PSFS ratings and two profile versions."""
    today = date(2026, 11, 27)
    store.save_profile(Profile(age=40, days_per_week=3), at=datetime(2026, 11, 1, 8))
    store.save_profile(Profile(age=40, days_per_week=5), at=datetime(2026, 11, 18, 8))
    records = [
        record(0, ExerciseDone(exercise="cat_cow", sets=[SetDone(reps=5), SetDone(reps=6)]),
               ExerciseDone(exercise="side_plank", sets=[
                   SetDone(hold_seconds=10, side="left"), SetDone(hold_seconds=12, side="right"),
                   SetDone(hold_seconds=11, side="left")])),
        SessionRecord(date=day(9), phase="entry", completed=False, stopped_reason="tired",
                      pain_before=5, pain_after=4, exercises=[
                          ExerciseDone(exercise="cat_cow", sets=[SetDone(reps=9)]),
                          ExerciseDone(exercise="swimming_crawl", skipped=True,
                                       sets=[SetDone(minutes=0)]),
                          ExerciseDone(exercise="cat_cow", sets=[SetDone(reps=4)] * 3)]),
        record(17, ExerciseDone(exercise="swimming_crawl", sets=[SetDone(minutes=20.5)]),
               phase="strengthening"),
    ]
    for one in records:
        store.record_session(one, catalog=catalog, today=today)
    store.add_pain(4, at=datetime(2026, 11, 3, 20))
    store.rate_psfs({"Tie shoes": 3, "Sit an hour": 4}, on=day(0), today=today)
    store.rate_psfs({"Tie shoes": 6}, on=day(14), today=today)
    return store, records, today


def test_the_progress_query_gives_what_the_history_gives(filled):
    store, records, today = filled
    data = store.progress_data()
    sessions, doses = summarize_history(store.history())
    assert data.sessions == sessions == summarize_history(records)[0]
    assert Counter(data.doses) == Counter(doses)
    assert data.pain_checkins == [PainReading(LOCAL.attach(datetime(2026, 11, 3, 20)), 4)]
    assert data.psfs == [PsfsReading("Tie shoes", day(0), 3),
                         PsfsReading("Sit an hour", day(0), 4),
                         PsfsReading("Tie shoes", day(14), 6)]
    assert data.days_per_week == [PlanSetting(date(2026, 11, 1), 3),
                                  PlanSetting(date(2026, 11, 18), 5)]
    from_store = compute_progress(sessions=data.sessions, doses=data.doses,
                                  pain_checkins=data.pain_checkins, psfs=data.psfs,
                                  days_per_week=data.days_per_week, today=today)
    assert from_store == compute_progress(sessions=sessions, doses=doses,
                                          pain_checkins=data.pain_checkins, psfs=data.psfs,
                                          days_per_week=data.days_per_week, today=today)
    # The first profile (Sunday 1 November) opens the weeks; the second counts from its week.
    assert [(w.week_start, w.planned) for w in from_store.adherence.weeks] == [
        (date(2026, 10, 26), 3), (day(0), 3), (day(7), 3), (day(14), 5), (day(21), 5)]


def test_the_progress_query_sums_sets_per_exercise_block(filled):
    store, _, _ = filled
    doses = {(d.date, d.exercise, d.sets, d.reps, d.hold_seconds, d.minutes)
             for d in store.progress_data().doses}
    assert doses == {
        (day(0), "cat_cow", 2, 6, None, None),
        (day(0), "side_plank", 2, None, 12.0, None),  # two left, one right: 2 sets per side
        (day(9), "cat_cow", 1, 9, None, None),  # two blocks of one exercise stay apart
        (day(9), "cat_cow", 3, 4, None, None),
        (day(17), "swimming_crawl", 1, None, None, 20.5),  # the skipped one left out
    }


def test_the_progress_query_from_a_day_on_keeps_every_profile_version(filled):
    store, _, _ = filled
    data = store.progress_data(since=day(9))
    assert [s.date for s in data.sessions] == [day(9), day(17)]
    assert {d.date for d in data.doses} == {day(9), day(17)}
    assert data.pain_checkins == []
    assert [r.date for r in data.psfs] == [day(14)]
    assert len(data.days_per_week) == 2


def test_the_progress_query_is_per_person(filled):
    from backcoach.store import Store

    store, _, _ = filled
    def users() -> int:
        with store.engine.connect() as conn:
            return int(conn.scalar(text("SELECT count(*) FROM users")) or 0)

    before = users()
    data = Store(store.engine, user="ana").progress_data()
    assert (data.sessions, data.doses, data.pain_checkins, data.psfs,
            data.days_per_week) == ([], [], [], [], [])
    assert users() == before  # reading made no user


def _dose_table(store) -> list[tuple[object, ...]]:
    with store.engine.connect() as conn:
        return [tuple(row) for row in conn.execute(text(
            "SELECT session_id, item, exercise, sets, reps, hold_seconds, minutes "
            "FROM session_doses ORDER BY session_id, item"))]


def test_sets_saved_one_at_a_time_reach_the_progress_query(store, catalog):
    """A guided session saves set by set: each set is in progress at once, as in history."""
    from backcoach.planner import make_plan
    from backcoach.player import build_timeline
    from backcoach.store.live import LiveSessions

    plan = make_plan(Profile(age=40), [], date(2026, 11, 25), catalog)  # a training day
    assert plan.today is not None
    live = LiveSessions(store)
    session_id = live.begin(plan=plan, pain_before=3, now=datetime(2026, 11, 25, 8))
    work = [s for s in build_timeline(plan.today.items, catalog).steps if s.records_a_set]
    live.record_set(session_id, work[0])
    live.finish(session_id, stopped_reason="pain", pain_after=6, effort=None,
                now=datetime(2026, 11, 25, 8, 10))
    assert [(d.exercise, d.sets) for d in store.progress_data().doses] == [(work[0].exercise, 1)]
    second = live.begin(plan=plan, pain_before=3, now=datetime(2026, 11, 25, 18))
    for step in work:
        live.record_set(second, step)
    live.finish(second, stopped_reason=None, pain_after=2, effort=4,
                now=datetime(2026, 11, 25, 18, 30))
    assert Counter(store.progress_data().doses) == Counter(summarize_history(store.history())[1])
    assert len(store.progress_data().doses) == len(plan.today.items) + 1


def test_an_import_fills_the_doses_and_a_replacing_one_does_not_double_them(filled, tmp_path):
    from backcoach.store import Store

    store, _, _ = filled
    rows = store.user_rows()
    target, _ = Store.open(f"sqlite:///{tmp_path / 'target.db'}")
    target.load_user_rows(rows)
    assert Counter(target.progress_data().doses) == Counter(store.progress_data().doses)
    target.load_user_rows(rows, replace=True)
    # Replaced, not doubled (the sessions' ids differ from the source's).
    assert Counter(row[1:] for row in _dose_table(target)) == \
        Counter(row[1:] for row in _dose_table(store))
    assert Counter(target.progress_data().doses) == Counter(store.progress_data().doses)
    target.engine.dispose()


@pytest.mark.parametrize("storage_backend", ["sqlite"])  # the quick read is for SQLite
def test_the_quick_sqlite_read_gives_what_the_store_gives(filled):
    """`backcoach progress` reads a current SQLite file with sqlite3, not SQLAlchemy: the
    same rows, all of them and from a day on."""
    from backcoach.store.progress_rows import read_sqlite

    store, _, _ = filled
    path = Path(store.engine.url.database or "")
    assert read_sqlite(path, "local") == store.progress_data()
    assert read_sqlite(path, "local", since=day(9)) == store.progress_data(since=day(9))
    store.add_pain(2, at=datetime(2026, 11, 20, 0, 0))  # at midnight: inside "from that day"
    assert read_sqlite(path, "local", since=day(18)) == store.progress_data(since=day(18))
    assert [p.pain for p in store.progress_data(since=day(18)).pain_checkins] == [2]
    empty = read_sqlite(path, "ana")
    assert empty is not None and (empty.sessions, empty.doses, empty.days_per_week) == ([], [], [])


def test_the_quick_sqlite_read_declines_what_it_cannot_read(tmp_path):
    """No file, an older schema, not a database: None (the Store then creates or upgrades),
    and nothing is created or changed."""
    from backcoach.store.db import make_engine, upgrade
    from backcoach.store.progress_rows import read_sqlite

    missing = tmp_path / "none.db"
    assert read_sqlite(missing, "local") is None and not missing.exists()
    old = tmp_path / "old.db"
    engine = make_engine(f"sqlite:///{old}")
    upgrade(engine, "0003")
    engine.dispose()
    before = old.read_bytes()
    assert read_sqlite(old, "local") is None
    assert old.read_bytes() == before
    junk = tmp_path / "junk.db"
    junk.write_text("not a database\n" * 100)
    assert read_sqlite(junk, "local") is None


def test_the_store_modules_the_quick_read_needs_load_without_sqlalchemy():
    import subprocess
    import sys

    code = ("import sys\nimport backcoach.store.progress_rows, backcoach.store.settings\n"
            "print(sorted(m for m in ('sqlalchemy', 'pydantic', 'alembic') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True)
    assert out.stdout.strip() == "[]"
